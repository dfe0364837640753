"""API authentication: bearer tokens (stored hashed) or a browser session with CSRF."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from hallway.accounts.models import ApiToken, hash_token
from hallway.lib.prepared import Prepared

MAX_TOKEN_LENGTH = 200
# Every API call reads its token: compiled once (hallway.lib.prepared).
_BY_DIGEST = Prepared(
    lambda digest: (
        ApiToken.objects.select_related("owner").filter(digest=digest).order_by("pk")[:1]
    ),
    digest="",
)


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token or len(token) > MAX_TOKEN_LENGTH or not token.isascii() or "\x00" in token:
            return None
        record = _BY_DIGEST.first(digest=hash_token(token))
        if record is None or not record.owner.is_active:
            return None
        # Update at most once a minute so reads don't all become writes.
        now = timezone.now()
        if record.last_used_at is None or (now - record.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
        request.user = record.owner
        return record.owner


class BrowserSession(SessionAuth):
    """The logged-in web user; unsafe methods need the CSRF token.

    Ninja's own SessionAuth checks CSRF before it knows whether there is a session at all,
    which turns "no credentials" into a 403. Here CSRF is checked only once a session user is
    found, so anonymous calls and bad tokens get a 401 and session writes without CSRF a 403.
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        csrf_needed = self.csrf and not getattr(request, "_ninja_csrf_exempt", False)
        if csrf_needed and check_csrf(request) is not None:
            raise HttpError(
                403,
                "CSRF check failed: a browser session must send the X-CSRFToken header "
                "on writes (scripts should use a bearer token).",
            )
        return user


API_AUTH = [BearerToken(), BrowserSession(csrf=True)]
