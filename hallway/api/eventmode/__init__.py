"""Live event mode over the API: start, capture, warning signs, end — the same services as the
web screen, so another client can build the same flow."""

from __future__ import annotations

from hallway.api.eventmode.routes import router

__all__ = ["router"]
