"""Signed unsubscribe tokens: they work without logging in, expire, and cannot be forged."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core import signing

_SALT = "hallway.updates.unsubscribe"


class TokenError(Exception):
    """The token is expired, forged or names no user; the message says which, for the page."""


def max_age_seconds() -> int:
    """How long an e-mailed unsubscribe link works (HALLWAY_UNSUBSCRIBE_DAYS, default 90)."""
    return int(settings.UNSUBSCRIBE_DAYS) * 24 * 3600


def unsubscribe_token(user: User) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(str(user.pk))


def user_from_unsubscribe_token(token: str) -> Any:
    """The user the token was made for, or TokenError."""
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        user_id = signer.unsign(token, max_age=max_age_seconds())
    except signing.SignatureExpired as error:
        raise TokenError("This unsubscribe link has expired.") from error
    except signing.BadSignature as error:
        raise TokenError("This unsubscribe link is not valid.") from error
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise TokenError("This unsubscribe link is not valid.")
    return user
