"""Password rules of our own, beside Django's validators (AUTH_PASSWORD_VALIDATORS)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

MIN_NAME_LENGTH = 3  # a two-letter name ("jo") is in too many good passphrases to refuse them


class UsernameInPasswordValidator:
    """Refuse a password that contains the user name ("zoezoezoe" for zoe), in any case.

    Django's UserAttributeSimilarityValidator measures similarity of the whole strings, so a
    repeated or padded user name slips through it."""

    def validate(self, password: str, user: User | None = None) -> None:
        username = str(getattr(user, "username", "") or "").casefold()
        if len(username) >= MIN_NAME_LENGTH and username in password.casefold():
            raise ValidationError(
                "Your password cannot contain your user name.", code="password_has_username"
            )

    def get_help_text(self) -> str:
        return "Your password cannot contain your user name."
