"""Digest settings, the unsubscribe link (no login needed), and the private calendar feed."""

from __future__ import annotations

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hallway.lib.web import add_service_errors, is_htmx, signed_in_user
from hallway.updates.chart import progress_chart_png
from hallway.updates.feeds import calendar_feed_ics
from hallway.updates.forms import DigestSettingsForm
from hallway.updates.models import CalendarFeed
from hallway.updates.selectors import absolute_url, digest_for, frequency_of, request_base
from hallway.updates.services import (
    calendar_feed_enable,
    calendar_feed_regenerate,
    calendar_feed_revoke,
    digest_render,
    digest_settings_update,
    digest_unsubscribe,
)
from hallway.updates.tokens import TokenError, user_from_unsubscribe_token


def feed_urls(feed: CalendarFeed | None, base: str) -> dict[str, str]:
    if feed is None:
        return {}
    https = absolute_url(reverse("updates:calendar_feed", args=[feed.token]), base)
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


def _section_context(
    request: HttpRequest, form: DigestSettingsForm | None = None, **extra: Any
) -> dict[str, Any]:
    user: Any = request.user
    feed = CalendarFeed.objects.filter(owner=user).first()
    return {
        "digest_form": form
        or DigestSettingsForm(initial={"frequency": frequency_of(user), "email": user.email}),
        "feed": feed,
        "feed_urls": feed_urls(feed, request_base(request)),
        "site_url_mismatch": _site_url_mismatch(request),
        **extra,
    }


def _site_url_mismatch(request: HttpRequest) -> str:
    """The configured site URL when it is not the address this page was opened on (links in
    e-mails would then lead elsewhere), else ""."""
    configured = django_settings.SITE_URL.rstrip("/")
    return configured if configured.lower() != request_base(request).lower() else ""


def settings_section(request: HttpRequest) -> str:
    """The digest and calendar block of the settings page."""
    return render_to_string(
        "updates/partials/settings_section.html", _section_context(request), request=request
    )


@login_required
@require_POST
def digest_settings(request: HttpRequest) -> HttpResponse:
    form = DigestSettingsForm(request.POST)
    if form.is_valid():
        try:
            digest_settings_update(
                owner=signed_in_user(request),
                frequency=form.cleaned_data["frequency"],
                email=form.cleaned_data["email"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
    if form.is_valid():
        if is_htmx(request):
            return render(
                request,
                "updates/partials/settings_section.html",
                _section_context(request, saved=True),
            )
        messages.success(request, "Digest settings saved.")
        return redirect("accounts:settings")
    if is_htmx(request):
        return render(
            request,
            "updates/partials/settings_section.html",
            _section_context(request, form),
            status=422,
        )
    first_error = next(iter(form.errors.values()))[0]
    messages.error(request, f"Digest settings not saved: {first_error}")
    return redirect("accounts:settings")


@login_required
@require_GET
def digest_preview(request: HttpRequest) -> HttpResponse:
    """The digest as it would be e-mailed now (HTML part), with the chart served by URL."""
    _, _, html, _ = digest_render(user=signed_in_user(request))
    html = html.replace("cid:progress-chart@hallway", reverse("updates:digest_chart"))
    return HttpResponse(html)


@login_required
@require_GET
def digest_chart(request: HttpRequest) -> HttpResponse:
    digest = digest_for(user=signed_in_user(request))
    png = progress_chart_png(digest.chart_labels, digest.chart_new_people, digest.chart_stories)
    return HttpResponse(png, content_type="image/png")


@login_required
@require_POST
def calendar(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action", "")
    if action == "enable":
        calendar_feed_enable(owner=signed_in_user(request))
        messages.success(request, "Your private calendar link is ready.")
    elif action == "regenerate":
        calendar_feed_regenerate(owner=signed_in_user(request))
        messages.success(request, "New calendar link made; the old one no longer works.")
    elif action == "revoke":
        calendar_feed_revoke(owner=signed_in_user(request))
        messages.success(request, "Calendar link turned off.")
    else:
        messages.error(request, "Unknown calendar action; use enable, regenerate or revoke.")
    return redirect(reverse("accounts:settings") + "#calendar-feed")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: no login (calendar apps can't log in); the secret token is the key."""
    feed = CalendarFeed.objects.select_related("owner").filter(token=token).first()
    if feed is None or not feed.owner.is_active:
        raise Http404("No such calendar.")
    now = timezone.now()
    if feed.last_fetched_at is None or (now - feed.last_fetched_at).total_seconds() > 3600:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=now)
    response = HttpResponse(
        calendar_feed_ics(user=feed.owner, now=now, base_url=request_base(request)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="hallway.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt  # The signed token is the proof; mail apps' one-click POST carries no CSRF cookie.
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (link scanners must not unsubscribe anyone); POST unsubscribes."""
    try:
        user = user_from_unsubscribe_token(token)
    except TokenError as error:
        return render(request, "updates/unsubscribe.html", {"error": str(error)}, status=400)
    if request.method == "POST":
        digest_unsubscribe(owner=user)
        return render(request, "updates/unsubscribe.html", {"done": True, "email": user.email})
    return render(request, "updates/unsubscribe.html", {"email": user.email, "token": token})
