"""API tokens on the settings page: list, create (shown once), revoke."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from hallway.accounts.models import ApiToken
from hallway.accounts.sections import render_settings_sections
from hallway.accounts.services import token_create, token_revoke
from hallway.lib.ownership import get_owned_or_404, owned
from hallway.lib.web import is_htmx, signed_in_user

# The settings page renders its sections from the request alone, so a view hands the section
# the token it just made (shown once, never stored) or the form with errors on the request.
_NEW_TOKEN_ATTRIBUTE = "_hallway_new_api_token"
_FORM_ATTRIBUTE = "_hallway_token_form"


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        help_text="What will use it, e.g. “laptop script” or “home automation”.",
        widget=forms.TextInput(attrs={"placeholder": "e.g. laptop script", "autocomplete": "off"}),
    )


def _section_context(request: HttpRequest, form: TokenForm | None = None) -> dict[str, object]:
    return {
        "tokens": owned(ApiToken, request.user),
        "token_form": form or getattr(request, _FORM_ATTRIBUTE, None) or TokenForm(),
        "new_token": getattr(request, _NEW_TOKEN_ATTRIBUTE, None),
    }


def tokens_section(request: HttpRequest) -> str:
    """The settings page block (registered in AccountsConfig.ready)."""
    return render_to_string(
        "accounts/partials/api_tokens.html", _section_context(request), request=request
    )


def _answer(request: HttpRequest, form: TokenForm | None = None, status: int = 200) -> HttpResponse:
    """The htmx partial, or the whole settings page (never a redirect that would lose the
    token shown once)."""
    if is_htmx(request):
        return render(
            request,
            "accounts/partials/api_tokens.html",
            _section_context(request, form),
            status=status,
        )
    if form is not None:
        setattr(request, _FORM_ATTRIBUTE, form)
    return render(
        request,
        "accounts/settings.html",
        {"settings_sections": render_settings_sections(request)},
        status=status,
    )


@login_required
@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _answer(request, form, status=422 if is_htmx(request) else 200)
    _token, raw = token_create(user=signed_in_user(request), name=form.cleaned_data["name"])
    setattr(request, _NEW_TOKEN_ATTRIBUTE, raw)
    return _answer(request)


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_owned_or_404(ApiToken, request.user, token_id)
    token_revoke(token=token)
    if is_htmx(request):
        return _answer(request)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("accounts:settings")
