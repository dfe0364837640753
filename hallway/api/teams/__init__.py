"""Teams: /teams…, /team-search, /introductions…, /people/{id}/sharing. Reads of teammates' data
go through hallway.teams.selectors, the one place that applies the share grants.

One module per part, each adding its routes to the one `router` (no two parts share a path, so
the order they are imported in does not matter)."""

from __future__ import annotations

from hallway.api.teams import events, introductions, members, search, sharing
from hallway.api.teams.routing import router

__all__ = ["events", "introductions", "members", "router", "search", "sharing"]
