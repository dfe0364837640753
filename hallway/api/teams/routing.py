"""The one router of the teams API; each module of the package adds its routes to it."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["teams"])
