"""GET /api/v1/search: the one search box, for programs."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from hallway.api.fast import json_answer, person_out
from hallway.api.schemas import NOT_BLANK, ErrorOut, PersonOut
from hallway.search import selectors

router = Router(tags=["search"])


class SearchItemOut(Schema):
    person: PersonOut
    score: float = Field(description="higher is better; comparable within one response only")
    snippet: str = Field(description="HTML: the user's text escaped, matched words in <mark>")
    matched_by: list[str] = Field(description='"keyword" and/or "semantic"')


class SearchOut(Schema):
    items: list[SearchItemOut]
    count: int
    mode: str = Field(
        description="the mode that ran (hybrid falls back to keyword without the semantic extra)"
    )
    semantic_available: bool
    notice: str = ""
    corrections: dict[str, list[str]] = Field(
        default_factory=dict, description="misspelt word → names it was read as"
    )


class SearchParams(Schema):
    q: str = Field(
        max_length=selectors.MAX_QUERY_LENGTH,
        description="words, names, or a description (not blank)",
        json_schema_extra={"pattern": NOT_BLANK},
    )
    mode: Literal["keyword", "semantic", "hybrid"] = "hybrid"
    limit: int = Field(selectors.DEFAULT_LIMIT, ge=1, le=selectors.MAX_LIMIT)


@router.get(
    "/search", response={200: SearchOut, 400: ErrorOut, 422: ErrorOut}, summary="Search your people"
)
def search(request: HttpRequest, params: Query[SearchParams]) -> Any:
    """Keyword (stemming, prefixes, typo-tolerant names), semantic (by meaning) or hybrid.

    `mode=semantic` without the semantic extra is a 400 with the reason; `hybrid` then runs
    keyword only and says so in `mode` and `notice`.
    """
    if not params.q.strip():
        raise HttpError(422, "q: enter something to search for.")
    try:
        results = selectors.search(
            user=request.user, query=params.q, mode=params.mode, limit=params.limit
        )
    except selectors.SemanticUnavailable as error:
        raise HttpError(400, str(error)) from error
    except selectors.SearchError as error:
        raise HttpError(422, str(error)) from error
    return json_answer(search_out(selectors.results_payload(results)))


def search_out(payload: dict[str, Any]) -> dict[str, Any]:
    """What SearchOut makes of the payload, built without pydantic (hallway.api.fast)."""
    return {
        "items": [
            {
                "person": person_out(item["person"]),
                "score": float(item["score"]),
                "snippet": item["snippet"],
                "matched_by": list(item["matched_by"]),
            }
            for item in payload["items"]
        ],
        "count": payload["count"],
        "mode": payload["mode"],
        "semantic_available": bool(payload["semantic_available"]),
        "notice": payload["notice"],
        "corrections": {word: list(names) for word, names in payload["corrections"].items()},
    }
