"""Mount the API. Router modules that exist are added under their prefix."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.urls import path
from ninja import NinjaAPI

from hallway.api.auth import API_AUTH
from hallway.api.errors import install_error_handlers

# module -> URL prefix under /api/v1/ ("" mounts at the root). Each module exposes `router`.
ROUTER_MODULES = {
    "hallway.api.auth_routes": "",
    "hallway.api.people": "",
    "hallway.api.events": "",
    "hallway.api.conversations": "",
    "hallway.api.eventmode": "",
    "hallway.api.recall": "",
    "hallway.api.search": "",
    "hallway.api.interop": "",
    "hallway.api.practice": "",
}

api = NinjaAPI(
    title="Hallway API",
    version="1.0.0",
    description="Collect stories, not business cards. Every call except POST /auth/token needs "
    "`Authorization: Bearer <token>`. Errors are `{\"detail\": \"…\"}` with a 4xx status.",
    auth=API_AUTH,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
install_error_handlers(api)

for _module, _prefix in ROUTER_MODULES.items():
    if find_spec(_module) is not None:
        api.add_router(_prefix, import_module(_module).router)

urlpatterns = [path("", api.urls)]
