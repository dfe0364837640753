"""POST /auth/token: trade a username and password for an API token (throttled by django-axes)."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from ninja import Router, Status
from ninja.errors import HttpError
from pydantic import Field

from hallway.accounts.services import token_create
from hallway.api.schemas import ErrorOut, InputSchema, ShortText, TokenOut

router = Router(tags=["auth"])

PasswordText = ShortText


class TokenIn(InputSchema):
    username: ShortText = Field(..., min_length=1)
    password: PasswordText = Field(..., min_length=1)
    name: ShortText = Field("api", description="A label for the token, shown in the token list.")


@router.post(
    "/auth/token",
    auth=None,
    response={201: TokenOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Get an API token",
)
def create_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    """Exchange a username and password for a new token. Repeated failures lock the username
    for this address for a while (429)."""
    with contextlib.suppress(MultiPartParserError):
        # axes logs the form fields of failed logins; a malformed multipart body must not
        # break that (Django then leaves an empty form behind).
        request.POST  # noqa: B018
    user = authenticate(request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        # Answer in JSON ourselves; otherwise axes' middleware swaps in its HTML page.
        request.axes_locked_out = False  # type: ignore[attr-defined]
        raise HttpError(429, "Too many failed attempts: try again later.")
    if user is None or not user.is_active:
        raise HttpError(401, "Wrong username or password.")
    _token, raw = token_create(user=user, name=payload.name.strip() or "api")
    return Status(201, {"token": raw})
