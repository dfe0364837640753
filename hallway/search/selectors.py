"""Search everything from one box: keyword, semantic or both (hybrid, the default)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.utils.html import escape

from hallway.engines import EngineUnavailable
from hallway.lib.prepared import PreparedForIds
from hallway.people.models import Person
from hallway.people.selectors import with_tag_names
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
# otherwise a name search would be padded with whoever happens to be nearest. Tuned on the
# whole evaluation set (bench/search_eval.py --sweep): 0.2 scores within 0.01 of 0.15 while
# letting fewer weak meaning matches into the tail; 0.25 and above lose meaning queries.
HYBRID_MIN_SIMILARITY = 0.2
# In the fusion a person matching every word counts this many times a rank in the
# meaning list (or a match of only some words): a literal hit is the strongest evidence.
STRICT_KEYWORD_WEIGHT = 2.0
# Facets a snippet of a meaning-only match may come from, in order of preference on ties.
STORY_FACETS = ("work", "passions", "drivers", "origin", "education")


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
    strict: bool = False  # a keyword match of every word


@dataclass
class SearchResults:
    query: str
    mode: str  # the mode that actually ran
    requested_mode: str
    hits: list[SearchHit]
    semantic_available: bool
    notice: str = ""
    corrections: dict[str, list[str]] = field(default_factory=dict)
    # The query with misspelt story words replaced by the owner's words ("Did you mean …?")
    suggestion: str = ""
    suggested_words: list[str] = field(default_factory=list)

    @property
    def name_corrections(self) -> dict[str, list[str]]:
        """The corrections that were names (the story words are in the suggestion)."""
        return {
            word: terms
            for word, terms in self.corrections.items()
            if word not in self.suggested_words
        }


def validate(query: str, mode: str, limit: int) -> tuple[str, str, int]:
    query = " ".join((query or "").split())
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchError(f"A search is at most {MAX_QUERY_LENGTH} characters.")
    if mode not in MODES:
        raise SearchError(f"Unknown search mode “{mode[:20]}”: use keyword, semantic or hybrid.")
    if not 1 <= limit <= MAX_LIMIT:
        raise SearchError(f"limit must be between 1 and {MAX_LIMIT}.")
    return query, mode, limit


def _semantic_snippet(person: Person, query: str = "") -> str:
    """The facet or note sharing most words with the query, highlighted; else the start of
    what the person's story says (a meaning match may share no word with the query)."""
    texts = [getattr(person, facet) for facet in STORY_FACETS]
    document = getattr(person, "search_document", None)
    if document is not None:
        texts += [document.notes, document.headline]
    highlighter = keyword.Highlighter(keyword.parse(query))
    marked = keyword.best_snippet([highlighter.mark(text) for text in texts if text])
    if marked:
        return keyword.marked_to_html(marked)
    text = next((getattr(person, facet) for facet in STORY_FACETS if getattr(person, facet)), "")
    text = text or " · ".join(
        part for part in (person.role, person.company, person.location) if part
    )
    if len(text) > SEMANTIC_SNIPPET_LENGTH:
        text = text[: SEMANTIC_SNIPPET_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return str(escape(text))


_UNREAD_DOCUMENT_FIELDS = ("embedding", "story", "tags", "name", "embedded_hash", "semantic_hash")


def _people(user: User, person_ids: list[int]) -> dict[int, Person]:
    # Scoped again here: whatever an engine returns, only the user's own people come out.
    ids = list(dict.fromkeys(person_ids))
    if not ids or not user.is_authenticated:
        return {}
    people = _PEOPLE.list(ids, owner_id=user.pk)
    return {person.pk: person for person in with_tag_names(people)}


# The people of the hits with their search documents, compiled once per number of hits
# (hallway.lib.prepared): building and compiling this select_related, deferring query was a
# third of a keyword search page's view (profiled). Longer lists than a search reads are
# compiled each time.
_PEOPLE: PreparedForIds[Person] = PreparedForIds(
    # No ordering: Person's default (by name) makes SQLite walk the owner's whole name index.
    lambda ids, owner_id: (
        Person.objects.filter(owner_id=owner_id, pk__in=ids)
        .order_by()
        .select_related("search_document")
        # The snippets read the notes and the headline, not the vector or the other texts.
        .defer(*(f"search_document__{name}" for name in _UNREAD_DOCUMENT_FIELDS))
    ),
    most=2 * MAX_LIMIT,
)


def _keyword_hits(
    user: User, query: str, limit: int, any_words: bool = False
) -> tuple[list[SearchHit], keyword.ParsedQuery]:
    matches, parsed = keyword.search(user.pk, query, limit, any_words=any_words)
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
                strict=match.strict,
            )
        )
    return hits, parsed


def _suggestion(query: str, parsed: keyword.ParsedQuery) -> str:
    """The query as it was read, when a story word in it was corrected ("" otherwise)."""
    if not parsed.suggestions:
        return ""
    words = keyword.parse(query).words
    return " ".join(parsed.suggestions.get(word, word) for word in words)


def _semantic_hits(
    user: User, query: str, limit: int, min_similarity: float = -1.0
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
            snippet=_semantic_snippet(people[person_id], query),
            name_html=str(escape(people[person_id].name)),
            matched_by=["semantic"],
        )
        for person_id, score in nearest
        if person_id in people
    ]


def _fuse(
    keyword_hits: list[SearchHit], semantic_hits: list[SearchHit], limit: int
) -> list[SearchHit]:
    """Reciprocal rank fusion: people high in either list come first, in both lists higher;
    a keyword match of every word weighs STRICT_KEYWORD_WEIGHT times a rank elsewhere."""
    fused: dict[int, SearchHit] = {}
    scores: dict[int, float] = {}
    for hits in (keyword_hits, semantic_hits):
        for rank, hit in enumerate(hits, start=1):
            weight = STRICT_KEYWORD_WEIGHT if hit.strict else 1.0
            scores[hit.person.pk] = scores.get(hit.person.pk, 0.0) + weight / (RRF_K + rank)
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
                    strict=hit.strict,
                )
    ordered = sorted(
        fused.values(), key=lambda hit: (-scores[hit.person.pk], hit.person.name, hit.person.pk)
    )
    for hit in ordered:
        hit.score = round(scores[hit.person.pk], 6)
    return ordered[:limit]


def search(
    *,
    user: Any,  # a User: hallway/api passes request.user (User | AnonymousUser to mypy)
    query: str,
    mode: str = "hybrid",
    limit: int = DEFAULT_LIMIT,
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
            results.hits, parsed = _keyword_hits(user, query, limit)
        else:
            keyword_hits, parsed = _keyword_hits(
                user, query, max(limit, HYBRID_CANDIDATES), any_words=True
            )
            results.hits = _fuse(keyword_hits, semantic_hits, limit)
    else:
        results.hits, parsed = _keyword_hits(user, query, limit)
    results.corrections = parsed.corrections
    results.suggestion = _suggestion(query, parsed)
    results.suggested_words = list(parsed.suggestions)
    if results.suggestion:
        # In the notice, so the page, the API and the CLI all say it.
        did_you_mean = f"Did you mean “{results.suggestion}”?"
        results.notice = f"{results.notice} {did_you_mean}".strip()
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
