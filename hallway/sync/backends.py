"""Authentication backend for phones: username + device password, never the account password.

It sits behind axes' backend in AUTHENTICATION_BACKENDS, so failed attempts are counted and
locked out exactly like failed log-ins on the web form."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hallway.sync.services import device_authenticate


class DevicePasswordBackend:
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        device_password: str | None = None,
        **kwargs: Any,
    ) -> Any | None:
        if not username or not device_password:
            return None
        return device_authenticate(username=username, password=device_password)

    def get_user(self, user_id: int) -> Any | None:
        # Device passwords never open a web session.
        return None
