"""Under /api/, every error is JSON `{"detail": …}`, including the ones no view handles.

Two kinds come here: an unexpected exception (a database failure, a full disk) that would
otherwise become Django's HTML 500 page, and a URL longer than `MAX_REQUEST_LINE`, refused
before any view runs. The server in front (`hallway serve`) refuses longer request lines still
with the same JSON (see `hallway.cli.server`)."""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from hallway.lib.web import url_too_long_detail

logger = logging.getLogger("hallway.api")

API_PREFIX = "/api/"


def server_error_detail(exc: BaseException) -> tuple[int, str]:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return 507, "The server's disk is full. Try again later."
    return 500, "Something went wrong on the server. Try again later."


class ApiErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX) and (
            len(request.get_full_path()) > settings.MAX_REQUEST_LINE
        ):
            return JsonResponse({"detail": url_too_long_detail()}, status=414)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not request.path.startswith(API_PREFIX):
            return None  # web pages keep Django's own error page
        logger.exception("API error on %s %s", request.method, request.path)
        status, detail = server_error_detail(exc)
        return JsonResponse({"detail": detail}, status=status)
