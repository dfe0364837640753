"""Mount the API: every router, listed in ROUTERS, under /api/v1/."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Router
from ninja.errors import ValidationError, ValidationErrorContext
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from hallway.api import (
    auth_routes,
    conversations,
    eventmode,
    events,
    interop,
    people,
    practice,
    recall,
    search,
    teams,
    voice,
)
from hallway.api.auth import API_AUTH
from hallway.api.errors import install_error_handlers
from hallway.api.parsing import JsonParser

# (URL prefix under /api/v1/, router); "" mounts at the root.
ROUTERS: list[tuple[str, Router]] = [
    ("", auth_routes.router),
    ("", people.router),
    ("", events.router),
    ("", conversations.router),
    ("", eventmode.router),
    ("", recall.router),
    ("", search.router),
    ("", interop.router),
    ("", practice.router),
    ("", teams.router),
    ("", voice.router),
]

_ERROR_SCHEMA = {
    "title": "ErrorOut",
    "type": "object",
    "properties": {"detail": {"title": "Detail", "type": "string"}},
    "required": ["detail"],
}
_ERROR_DESCRIPTIONS = {
    "400": "The body is not valid JSON.",
    "401": "No token, or a wrong or revoked one.",
    "403": "A browser session wrote without its CSRF token.",
    "404": "Not found: it does not exist, or it is not yours.",
    "414": "The URL (path and query) is longer than 4,096 characters.",
    "422": "Invalid input; `detail` says what is wrong.",
}
_UNSAFE_METHODS = {"post", "put", "patch", "delete"}


def _error_response(status: str) -> dict[str, Any]:
    return {
        "description": _ERROR_DESCRIPTIONS[status],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    }


def add_error_responses(schema: dict[str, Any]) -> None:
    """Document the errors every operation can give, so the document matches the server:
    401/403 where auth applies, 404 with a path id, 414 with a query (a URL past the limit),
    422 with any input, 400 with a body."""
    schema.setdefault("components", {}).setdefault("schemas", {}).setdefault(
        "ErrorOut", _ERROR_SCHEMA
    )
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            parameters = operation.get("parameters", [])
            wanted = []
            if operation.get("security"):
                wanted.append("401")
                if method in _UNSAFE_METHODS:
                    wanted.append("403")
            if any(parameter.get("in") == "path" for parameter in parameters):
                wanted.append("404")
            if any(parameter.get("in") == "query" for parameter in parameters):
                wanted.append("414")
            if parameters or "requestBody" in operation:
                wanted.append("422")
            if "requestBody" in operation:
                wanted.append("400")
            for status in wanted:
                if status not in responses and int(status) not in responses:
                    responses[status] = _error_response(status)


class HallwayAPI(NinjaAPI):
    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext]
    ) -> ValidationError:
        """Ninja drops the rejected value; keep short text values so `detail` can say which
        warning sign or outcome was not understood."""
        error = super().validation_error_from_error_contexts(error_contexts)
        rejected = [
            item
            for context in error_contexts
            for item in context.pydantic_validation_error.errors(include_url=False)
        ]
        for described, original in zip(error.errors, rejected, strict=False):
            value = original.get("input")
            if isinstance(value, str) and len(value) <= 50:
                described["input"] = value
        return error

    def get_openapi_operation_id(self, operation: Operation) -> str:
        """`hallway_api_<area>_<view>`, the area being the module under hallway.api, or the
        package when that module was split into one: splitting changes no operation id."""
        area = ".".join(operation.view_func.__module__.split(".")[:3])
        return f"{area}_{operation.view_func.__name__}".replace(".", "_")

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        add_error_responses(schema)
        return schema


api = HallwayAPI(
    title="Hallway API",
    version="1.0.0",
    description="Collect stories, not business cards. Every call except POST /auth/token needs "
    '`Authorization: Bearer <token>`. Errors are `{"detail": "…"}` with a 4xx status. '
    "Limits and rules: see docs/api.md.",
    auth=API_AUTH,
    parser=JsonParser(),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
install_error_handlers(api)

for _prefix, _router in ROUTERS:
    api.add_router(_prefix, _router)


@csrf_exempt
def not_found(request: HttpRequest, unmatched: str = "") -> JsonResponse:
    """Anything under /api/v1/ that matches no operation (e.g. /people/abc) is a JSON 404."""
    return JsonResponse({"detail": "Not found."}, status=404)


urlpatterns = [path("", api.urls), re_path(r"^(?P<unmatched>(?s:.*))$", not_found)]
