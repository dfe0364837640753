"""Every error is JSON {"detail": "..."} with a 4xx status: one readable sentence."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

_LOCATIONS = ("body", "query", "path", "payload", "filters", "form", "file", "header", "cookie")
_FACET_OBJECTS = ("story", "learned")


def _describe_one(error: dict[str, Any]) -> str:
    location = [str(item) for item in error.get("loc", []) if item not in _LOCATIONS]
    field = ".".join(location)
    kind = error.get("type", "")
    message = str(error.get("msg", "is invalid")).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        if location and location[0] in _FACET_OBJECTS:
            from hallway.lib.story import FACETS

            message = f"unknown facet (use {', '.join(FACETS)})"
        else:
            message = "unknown field"
    elif kind == "missing":
        message = "is required"
    elif kind in ("literal_error", "enum") and isinstance(error.get("input"), str):
        expected = (error.get("ctx") or {}).get("expected", "")
        message = f"unknown value {error['input']!r}; use {expected}"
    return f"{field}: {message}" if field else message


def _describe_ninja_errors(errors: list[dict[str, Any]]) -> str:
    """Pydantic's errors as one readable line: `field: what is wrong; …`."""
    return "; ".join(_describe_one(error) for error in errors[:5]) or "Invalid input."


def django_validation_message(error: DjangoValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return api.create_response(
            request, {"detail": _describe_ninja_errors(exc.errors)}, status=422
        )

    @api.exception_handler(DjangoValidationError)
    def _invalid_service(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": django_validation_message(exc)}, status=422)

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": "Not found."}, status=404)

    @api.exception_handler(AuthenticationError)
    def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request,
            {"detail": "Authentication required: send Authorization: Bearer <token>."},
            status=401,
        )

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        message = str(exc.message)
        if exc.status_code == 400 and message.startswith("Cannot parse request body"):
            message = "The request body is not valid JSON."
        return api.create_response(request, {"detail": message}, status=exc.status_code)
