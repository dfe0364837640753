"""The session store (SESSION_ENGINE): Django's database sessions, read by a statement compiled
once per process (hallway.lib.prepared) instead of a queryset built and compiled on every
request. Every page reads its session: building that read was about a fifth of the floor (a
logged-in "hello") in `bench/page_profile.py`. The rows, the table and the cookies are
Django's own, so sessions made before this store keep working. A session signed in by
Django's password backend is read as signed in by Hallway's (hallway.accounts.backends), the
same backend with a faster read of the user."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from hallway.accounts.backends import DJANGOS_BACKEND, PASSWORD_BACKEND
from hallway.lib.prepared import Prepared

_UNEXPIRED: Prepared[Session] = Prepared(
    lambda session_key, now: Session.objects.filter(
        session_key=session_key, expire_date__gt=now
    ).order_by("pk")[:1],
    session_key=str,
    now=dt.datetime,
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        # What db.SessionStore reads: the unexpired row of this key, or none (then the key goes).
        found = _UNEXPIRED.first(session_key=self.session_key, now=timezone.now())
        if found is None:
            self._session_key = None
        return found

    def load(self) -> dict[str, Any]:
        data: dict[str, Any] = super().load()
        if data.get(BACKEND_SESSION_KEY) == DJANGOS_BACKEND:
            data[BACKEND_SESSION_KEY] = PASSWORD_BACKEND  # in memory: the row is left as it is
        return data
