"""Sign-in with a password (AUTHENTICATION_BACKENDS): Django's ModelBackend, with the signed-in
user of every request read by a statement compiled once (hallway.lib.prepared) instead of a
queryset built and compiled each time (185 → 51 µs a request in `bench/page_profile.py`'s
machine: a tenth of the floor, a logged-in "hello").

A session remembers the path of the backend that signed it in. Sessions from before this
backend name Django's; the session store reads that name as this one
(hallway.accounts.sessions), so nobody is signed out by the change."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import backends
from django.contrib.auth.models import User

from hallway.lib.prepared import Prepared

PASSWORD_BACKEND = "hallway.accounts.backends.ModelBackend"
DJANGOS_BACKEND = "django.contrib.auth.backends.ModelBackend"  # what older sessions name

_USER: Prepared[User] = Prepared(lambda pk: User.objects.filter(pk=pk).order_by("pk")[:1])


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            primary_key = int(user_id)
        except (TypeError, ValueError):
            return None
        user = _USER.first(pk=primary_key)
        return user if user is not None and self.user_can_authenticate(user) else None
