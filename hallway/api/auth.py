"""API authentication: bearer tokens (stored hashed) or a browser session with CSRF."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from hallway.accounts.models import ApiToken, hash_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token or len(token) > 200:
            return None
        record = ApiToken.objects.select_related("owner").filter(digest=hash_token(token)).first()
        if record is None or not record.owner.is_active:
            return None
        # Update at most once a minute so reads don't all become writes.
        now = timezone.now()
        if record.last_used_at is None or (now - record.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
        request.user = record.owner
        return record.owner


class BrowserSession(SessionAuth):
    """The logged-in web user; unsafe methods need the CSRF token (checked by ninja)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


API_AUTH = [BearerToken(), BrowserSession(csrf=True)]
