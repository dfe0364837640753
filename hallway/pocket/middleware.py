"""Apply each write sent with an ``Idempotency-Key`` header once per user; replays get the
stored answer (with ``Idempotent-Replayed: true``) instead of running again.

The phone's offline queue sends every queued write with such a key, so a write that reached
the server but whose answer was lost (venue Wi-Fi) is never applied twice — for any endpoint,
web form or API, including uploads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.utils import check_csrf

from hallway.pocket import services

logger = logging.getLogger(__name__)
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
HEADER = "Idempotency-Key"


def _user(request: HttpRequest) -> tuple[Any, bool]:
    """(user, from a browser session) — a bearer token counts too; (None, False) when anonymous."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user, True
    authorization = request.headers.get("Authorization", "")
    if authorization.lower().startswith("bearer "):
        from hallway.api.auth import BearerToken

        found = BearerToken().authenticate(request, authorization[7:].strip())
        if found is not None:
            return found, False
    return None, False


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        record = getattr(request, "_idempotency_record", None)
        if record is not None:
            streaming = getattr(response, "streaming", False)
            try:
                services.idempotency_finish(
                    record=record,
                    status=response.status_code,
                    content_type=response.get("Content-Type", ""),
                    headers={
                        name: response[name] for name in services.KEPT_HEADERS if name in response
                    },
                    body=None if streaming else response.content,
                )
            except DatabaseError:
                # The answer could not be kept: free the key, so a replay runs again (the live
                # services' own capture keys still keep a capture from applying twice).
                logger.exception("Could not keep the answer for an idempotency key")
                services.idempotency_forget(record=record)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        key = request.headers.get(HEADER)
        if key is None or request.method not in UNSAFE_METHODS:
            return None
        user, from_session = _user(request)
        if user is None:
            return None  # the view answers 401 or sends to the login page
        if not services.KEY_PATTERN.match(key):
            return JsonResponse(
                {"detail": f"The {HEADER} header is 8 to 64 letters, digits, '-' or '_'."},
                status=422,
            )
        # The API checks CSRF in its own auth step, which a replay would skip: check here.
        if from_session and getattr(view, "csrf_exempt", False) and check_csrf(request):
            return JsonResponse(
                {
                    "detail": "CSRF check failed: a browser session must send the X-CSRFToken header."
                },
                status=403,
            )
        try:
            record, first = services.idempotency_begin(
                owner=user, key=key, method=request.method or "", path=request.path
            )
        except services.KeyReused:
            return JsonResponse(
                {"detail": f"This {HEADER} was already used for another request."}, status=422
            )
        except services.StillRunning:
            return JsonResponse(
                {"detail": "The first request with this key is still being handled; retry."},
                status=409,
                headers={"Retry-After": "1"},
            )
        if first:
            request._idempotency_record = record  # type: ignore[attr-defined]
            return None
        replay = HttpResponse(
            bytes(record.body), status=record.status or 200, content_type=record.content_type
        )
        for name, value in record.headers.items():
            replay[name] = value
        replay["Idempotent-Replayed"] = "true"
        return replay

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        record = getattr(request, "_idempotency_record", None)
        if record is not None:
            services.idempotency_forget(record=record)
            request._idempotency_record = None  # type: ignore[attr-defined]
