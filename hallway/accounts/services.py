"""Writes for accounts and API tokens."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from hallway.accounts.models import ApiToken, hash_token


@transaction.atomic
def user_create(*, username: str, password: str, email: str = "") -> User:
    """Create an account after checking the name is free and the password is strong enough."""
    username = (username or "").strip()
    if not username:
        raise ValidationError("A username is required.")
    if len(username) > 150:
        raise ValidationError("A username is at most 150 characters.")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"The username “{username}” is taken.")
    candidate = User(username=username, email=email)
    validate_password(password, user=candidate)
    return User.objects.create_user(username=username, email=email, password=password)


def token_create(*, user: User, name: str = "token") -> tuple[ApiToken, str]:
    """Make a token; returns the record and the raw token, which is never stored."""
    raw = "hw_" + secrets.token_urlsafe(32)
    name = (name or "token").strip()[:100] or "token"
    token = ApiToken.objects.create(owner=user, name=name, digest=hash_token(raw), prefix=raw[:10])
    return token, raw


def token_revoke(*, token: ApiToken) -> None:
    token.delete()
