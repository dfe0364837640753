"""POST /auth/token: trade a username and password (and, with two-factor on, a code) for an API
token; wrong passwords and wrong codes are throttled together by django-axes."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from ninja import Router, Status
from ninja.errors import HttpError
from pydantic import Field

from hallway.accounts import two_factor
from hallway.accounts.services import token_create
from hallway.api.schemas import ErrorOut, InputSchema, ShortText, TokenOut

router = Router(tags=["auth"])

PasswordText = ShortText


class TokenIn(InputSchema):
    username: ShortText = Field(..., min_length=1)
    password: PasswordText = Field(..., min_length=1)
    name: ShortText = Field("api", description="A label for the token, shown in the token list.")
    code: ShortText = Field(
        "",
        description="With two-factor authentication on: the code of the authenticator app, or "
        "one of the recovery codes (which then stops working).",
    )


@router.post(
    "/auth/token",
    auth=None,
    response={201: TokenOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Get an API token",
)
def create_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    """Exchange a username and password for a new token; an account with two-factor
    authentication on also sends `code`. Repeated failures (passwords and codes together) lock
    the username for this address for a while (429)."""
    with contextlib.suppress(MultiPartParserError):
        # axes logs the form fields of failed logins; a malformed multipart body must not
        # break that (Django then leaves an empty form behind).
        request.POST  # noqa: B018
    user = authenticate(request, username=payload.username, password=payload.password)
    _refuse_if_locked_out(request)
    if user is None or not user.is_active:
        raise HttpError(401, "Wrong username or password.")
    if two_factor.two_factor_enabled(user):
        _check_code(request, user, payload.code)
    _token, raw = token_create(user=user, name=payload.name.strip() or "api")
    return Status(201, {"token": raw})


def _check_code(request: HttpRequest, user: Any, code: str) -> None:
    """The second factor, as the log-in page asks for it: a wrong code counts as a failed log-in."""
    if not code.strip():
        raise HttpError(
            401,
            "Two-factor authentication is on for this account: send the code from your "
            'authenticator app (or a recovery code) as "code".',
        )
    check = two_factor.code_check(user=user, code=code)
    if check.ok:
        return
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )
    _refuse_if_locked_out(request)
    if check.wait_until is not None:
        raise HttpError(429, "Too many wrong codes: wait a moment and try again.")
    raise HttpError(401, two_factor.WRONG_CODE)


def _refuse_if_locked_out(request: HttpRequest) -> None:
    """django-axes locked the name: answer in JSON ourselves; otherwise axes' middleware swaps
    in its HTML page."""
    if getattr(request, "axes_locked_out", False):
        request.axes_locked_out = False  # type: ignore[attr-defined]
        raise HttpError(429, "Too many failed attempts: try again later.")
