"""Search everything from one box: keyword, semantic or both (hybrid, the default)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape

from hallway.engines import EngineUnavailable
from hallway.lib.ownership import owned
from hallway.people.models import Person
from hallway.search import keyword, semantic

MODES = ("keyword", "semantic", "hybrid")
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_QUERY_LENGTH = 200
# Reciprocal rank fusion: 60 is the constant from the original paper; it damps the top ranks.
RRF_K = 60
# How many candidates each side brings to the fusion.
HYBRID_CANDIDATES = 30
SEMANTIC_SNIPPET_LENGTH = 160
# In hybrid mode a meaning-only match must be at least this similar (cosine) to be shown:
# otherwise a name search would be padded with whoever happens to be nearest.
HYBRID_MIN_SIMILARITY = 0.25


class SearchError(ValueError):
    """Bad search input, with a message meant for the user."""


class SemanticUnavailable(SearchError):
    pass


@dataclass
class SearchHit:
    person: Person
    score: float
    snippet: str  # safe HTML: user text escaped, matched words in <mark>
    name_html: str
    matched_by: list[str] = field(default_factory=list)


@dataclass
class SearchResults:
    query: str
    mode: str  # the mode that actually ran
    requested_mode: str
    hits: list[SearchHit]
    semantic_available: bool
    notice: str = ""
    corrections: dict[str, list[str]] = field(default_factory=dict)


def validate(query: str, mode: str, limit: int) -> tuple[str, str, int]:
    query = " ".join((query or "").split())
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchError(f"A search is at most {MAX_QUERY_LENGTH} characters.")
    if mode not in MODES:
        raise SearchError(f"Unknown search mode “{mode[:20]}”: use keyword, semantic or hybrid.")
    if not 1 <= limit <= MAX_LIMIT:
        raise SearchError(f"limit must be between 1 and {MAX_LIMIT}.")
    return query, mode, limit


def _semantic_snippet(person: Person) -> str:
    """The start of what the person's story says (semantic matches have no exact words)."""
    text = next(
        (
            getattr(person, facet)
            for facet in ("work", "passions", "drivers", "origin", "education")
            if getattr(person, facet)
        ),
        "",
    )
    text = text or " · ".join(
        part for part in (person.role, person.company, person.location) if part
    )
    if len(text) > SEMANTIC_SNIPPET_LENGTH:
        text = text[: SEMANTIC_SNIPPET_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return str(escape(text))


def _people(user: Any, person_ids: list[int]) -> dict[int, Person]:
    # Scoped again here: whatever an engine returns, only the user's own people come out.
    # No ordering: Person's default (by name) makes SQLite walk the owner's whole name index.
    people = owned(Person, user).filter(pk__in=person_ids).order_by().prefetch_related("tags")
    return {person.pk: person for person in people}


def _keyword_hits(
    user: Any, query: str, limit: int
) -> tuple[list[SearchHit], dict[str, list[str]]]:
    matches, parsed = keyword.search(user.pk, query, limit)
    people = _people(user, [match.person_id for match in matches])
    hits = []
    for match in matches:
        person = people.get(match.person_id)
        if person is None:
            continue
        snippet = keyword.best_snippet(match.snippets_marked)
        hits.append(
            SearchHit(
                person=person,
                score=match.score,
                snippet=keyword.marked_to_html(snippet) if snippet else _semantic_snippet(person),
                name_html=keyword.marked_to_html(match.name_marked or person.name),
                matched_by=["keyword"],
            )
        )
    return hits, parsed.corrections


def _semantic_hits(
    user: Any, query: str, limit: int, min_similarity: float = -1.0
) -> list[SearchHit]:
    nearest = [
        (person_id, score)
        for person_id, score in semantic.nearest(owner_id=user.pk, query=query, limit=limit)
        if score >= min_similarity
    ]
    people = _people(user, [person_id for person_id, _score in nearest])
    return [
        SearchHit(
            person=people[person_id],
            score=round(score, 6),
            snippet=_semantic_snippet(people[person_id]),
            name_html=str(escape(people[person_id].name)),
            matched_by=["semantic"],
        )
        for person_id, score in nearest
        if person_id in people
    ]


def _fuse(
    keyword_hits: list[SearchHit], semantic_hits: list[SearchHit], limit: int
) -> list[SearchHit]:
    """Reciprocal rank fusion: people high in either list come first, in both lists higher."""
    fused: dict[int, SearchHit] = {}
    scores: dict[int, float] = {}
    for hits in (keyword_hits, semantic_hits):
        for rank, hit in enumerate(hits, start=1):
            scores[hit.person.pk] = scores.get(hit.person.pk, 0.0) + 1.0 / (RRF_K + rank)
            if hit.person.pk in fused:
                fused[hit.person.pk].matched_by += hit.matched_by
            else:
                # The keyword hit comes first, so its highlighted snippet is the one kept.
                fused[hit.person.pk] = SearchHit(
                    person=hit.person,
                    score=0.0,
                    snippet=hit.snippet,
                    name_html=hit.name_html,
                    matched_by=list(hit.matched_by),
                )
    ordered = sorted(
        fused.values(), key=lambda hit: (-scores[hit.person.pk], hit.person.name, hit.person.pk)
    )
    for hit in ordered:
        hit.score = round(scores[hit.person.pk], 6)
    return ordered[:limit]


def search(
    *, user: Any, query: str, mode: str = "hybrid", limit: int = DEFAULT_LIMIT
) -> SearchResults:
    """The user's people matching the query, best first. Raises SearchError on bad input."""
    query, mode, limit = validate(query, mode, limit)
    reason = semantic.unavailable_reason()
    results = SearchResults(
        query=query, mode=mode, requested_mode=mode, hits=[], semantic_available=not reason
    )
    if mode == "semantic" and reason:
        raise SemanticUnavailable(reason)
    if mode == "hybrid" and reason:
        results.mode = "keyword"
        results.notice = f"Keyword results only: {reason}."
    if not query or user is None or not user.is_authenticated:
        return results
    if results.mode != "keyword":
        try:
            if results.mode == "semantic":
                results.hits = _semantic_hits(user, query, limit)
                return results
            semantic_hits = _semantic_hits(
                user, query, max(limit, HYBRID_CANDIDATES), HYBRID_MIN_SIMILARITY
            )
        except EngineUnavailable as error:
            # No request waits for the model: answer with keywords now, and say why.
            results.mode = "keyword"
            results.notice = f"Keyword results only: search by meaning {error}."
        else:
            keyword_hits, results.corrections = _keyword_hits(
                user, query, max(limit, HYBRID_CANDIDATES)
            )
            results.hits = _fuse(keyword_hits, semantic_hits, limit)
            return results
    results.hits, results.corrections = _keyword_hits(user, query, limit)
    return results


def results_payload(results: SearchResults) -> dict[str, Any]:
    """The results as the API's response payload (its schema serializes the people; the CLI's
    `--json` goes through `records_as_json`)."""
    items = [
        {
            "person": hit.person,
            "score": hit.score,
            "snippet": hit.snippet,
            "matched_by": hit.matched_by,
        }
        for hit in results.hits
    ]
    return {
        "items": items,
        "count": len(items),
        "mode": results.mode,
        "semantic_available": results.semantic_available,
        "notice": results.notice,
        "corrections": results.corrections,
    }
