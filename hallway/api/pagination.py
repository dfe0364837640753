"""Every list in the API: `limit` (default 50, at most 500) and `offset`, answered as
{"items": [...], "count": N} where count is the total before paging."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from ninja import Schema
from pydantic import Field

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Far beyond any real list, small enough for every database's OFFSET.
MAX_OFFSET = 10_000_000


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")


def page_of(queryset: QuerySet[Any], params: PageParams) -> dict[str, Any]:
    """One page of the queryset plus the total count."""
    return {
        "items": list(queryset[params.offset : params.offset + params.limit]),
        "count": queryset.count(),
    }
