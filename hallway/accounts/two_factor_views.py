"""Two-factor screens: the code step of logging in, and Settings → Two-factor authentication
(set up with a QR code or the typed secret, recovery codes shown once, turn off)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from hallway.accounts import two_factor
from hallway.accounts.backends import PASSWORD_BACKEND
from hallway.lib.web import add_service_errors, signed_in_user

# Between the password and the code the user is not logged in: the session only remembers who
# gave the right password, for a few minutes.
PENDING_LOGIN = "_hallway_two_factor_login"
PENDING_MINUTES = 10


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        help_text="The 6 digits your authenticator app shows, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "none"}
        ),
    )


class ConfirmForm(forms.Form):
    secret = forms.CharField(
        label="Your password, or a code from your app",
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def login_pending_start(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    """The password was right and the account has two-factor on: ask for the code."""
    request.session[PENDING_LOGIN] = {
        "user": user.pk,
        "backend": getattr(user, "backend", PASSWORD_BACKEND),
        "next": next_url,
        "at": timezone.now().isoformat(),
    }
    return redirect("accounts:login_code")


def _pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    pending = request.session.get(PENDING_LOGIN)
    if not isinstance(pending, dict):
        return None
    started = dt.datetime.fromisoformat(pending["at"])
    if timezone.now() - started > dt.timedelta(minutes=PENDING_MINUTES):
        del request.session[PENDING_LOGIN]
        return None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if isinstance(user, User) else None


def login_code(request: HttpRequest) -> HttpResponseBase:
    """The second step of logging in: a code from the authenticator app or a recovery code.
    Wrong codes count with the wrong passwords (django-axes locks the name and address)."""
    found = _pending(request)
    if found is None:
        messages.info(request, "Log in with your password first.")
        return redirect("accounts:login")
    user, pending = found
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        return get_lockout_response(request, credentials=credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = two_factor.code_check(user=user, code=form.cleaned_data["code"])
        if check.ok:
            del request.session[PENDING_LOGIN]
            login(request, user, backend=pending["backend"])
            django_otp.login(request, check.device)
            if check.recovery_code_used:
                left = two_factor.recovery_codes_left(user)
                messages.warning(
                    request,
                    f"You logged in with a recovery code; it will not work again. {left} left "
                    "(Settings → Two-factor authentication makes new ones).",
                )
            return redirect(pending["next"])
        if check.wait_until is not None:
            seconds = max(1, round((check.wait_until - timezone.now()).total_seconds()))
            form.add_error("code", f"Too many wrong codes: wait {seconds} seconds and try again.")
        else:
            form.add_error("code", two_factor.WRONG_CODE)
        # Counted like a wrong password; AxesMiddleware answers with the lock-out page once the
        # limit is reached.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        return render(request, "accounts/login_code.html", {"form": form}, status=422)
    return render(request, "accounts/login_code.html", {"form": form})


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _recovery_codes_page(request: HttpRequest, codes: list[str], *, first: bool) -> HttpResponse:
    shown = [two_factor.recovery_code_display(code) for code in codes]
    text = "Hallway recovery codes (each works once)\n\n" + "\n".join(shown) + "\n"
    context = {
        "codes": shown,
        "codes_text": text,
        "download_href": "data:text/plain;charset=utf-8," + quote(text),
        "first": first,
        "next": _safe_next(request),
    }
    return render(request, "accounts/recovery_codes.html", context)


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the secret), then confirm with a code before it is on."""
    user = signed_in_user(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        first = not two_factor.two_factor_enabled(user)
        try:
            codes = two_factor.authenticator_confirm(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if codes:
                return _recovery_codes_page(request, codes, first=first)
            messages.success(request, "Another authenticator app is set up.")
            return redirect(_safe_next(request) or "accounts:settings")
    device = two_factor.authenticator_pending(user)
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_svg(device),
        "secret": two_factor.secret_text(device),
        "already_on": two_factor.two_factor_enabled(user),
        "next": _safe_next(request),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "accounts/two_factor_setup.html", context, status=status)


@login_required
@require_POST
def recovery_codes_regenerate(request: HttpRequest) -> HttpResponse:
    try:
        codes = two_factor.recovery_codes_regenerate(user=signed_in_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:settings")
    return _recovery_codes_page(request, codes, first=False)


@login_required
def two_factor_off(request: HttpRequest, authenticator_id: int | None = None) -> HttpResponse:
    """Turn two-factor off, or remove one authenticator app; asks for the password or a code."""
    user = signed_in_user(request)
    device = (
        two_factor.authenticator_get_or_404(user, authenticator_id) if authenticator_id else None
    )
    if device is None and not two_factor.two_factor_enabled(user):
        return redirect("accounts:settings")
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.identity_confirmed(user=user, secret=form.cleaned_data["secret"]):
            if device is None:
                two_factor.two_factor_disable(user=user)
            if device is None or two_factor.authenticator_remove(user=user, device=device):
                messages.success(
                    request, "Two-factor authentication is off: your password alone logs you in."
                )
            else:
                messages.success(request, f"“{device.name}” is removed.")
            return redirect("accounts:settings")
        form.add_error("secret", "That is neither your password nor a right code.")
    context = {"form": form, "device": device}
    status = 422 if request.method == "POST" else 200
    return render(request, "accounts/two_factor_off.html", context, status=status)


def two_factor_section(request: HttpRequest) -> str:
    """The settings page block (registered in AccountsConfig.ready)."""
    user = signed_in_user(request)
    return render_to_string(
        "accounts/partials/two_factor.html",
        {
            "authenticators": two_factor.authenticators(user),
            "recovery_codes_left": two_factor.recovery_codes_left(user),
        },
        request=request,
    )
