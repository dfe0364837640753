"""Place sentences no rule caught into the nearest facet by meaning (the `semantic` extra).

Each facet (and "note", for things that belong to no facet) is described by a few example
sentences; a sentence goes where its closest examples are. The sentence model is the one
search already loads (hallway.search.semantic), so no second copy sits in memory.
"""

from __future__ import annotations

import threading
from typing import Any

from hallway.search import semantic

EXAMPLES: dict[str, tuple[str, ...]] = {
    "work": (
        "She is the CIO of a logistics company",
        "Runs the IT department of a hospital",
        "Leads a team of forty engineers",
        "Their company is moving everything to the cloud",
        "Manages the data platform at a bank",
        "Just got promoted to head of infrastructure",
        "Their group is rolling out a new ERP system",
    ),
    "origin": (
        "Grew up in a small town in the Midwest",
        "Was born in Chicago",
        "Originally from Brazil",
        "Spent her childhood on a farm",
        "Moved to the States from India as a teenager",
        "Her family is Irish",
    ),
    "education": (
        "Studied computer science at university",
        "Has an MBA from a business school",
        "Went to MIT",
        "Did a PhD in physics",
        "Learned to code at a bootcamp",
        "Took night classes in accounting",
    ),
    "passions": (
        "Sails on the lake every summer",
        "Runs marathons",
        "Plays guitar in a band",
        "Spends weekends hiking in the mountains",
        "Collects vinyl records",
        "Bakes sourdough bread",
        "Is a huge football fan",
        "Paints watercolours",
        "Restores old cars",
        "Goes fishing at the lake",
        "Does pottery at night classes",
        "Builds model railways",
        "Plays golf on Sundays",
    ),
    "drivers": (
        "Wants to make healthcare affordable",
        "Is motivated by helping people grow",
        "Dreams of starting a company",
        "Cares deeply about sustainability",
        "Her goal is to get the company off mainframes",
        "Hates waste and wants to fix it",
        "Wants to be home more for her kids",
    ),
    "note": (
        "We talked for twenty minutes",
        "Met at the coffee break",
        "Nice person, easy to talk to",
        "She was wearing a red jacket",
        "Has a dog called Biscuit",
        "His wife is a doctor",
        "Is moving to Berlin next year",
        "The keynote was boring",
        "We exchanged cards",
        "Seemed tired",
    ),
}

_example_vectors: Any = None
_example_kinds: list[str] = []
_lock = threading.Lock()


def is_available() -> bool:
    return semantic.is_available()


def _examples() -> tuple[Any, list[str]]:
    global _example_vectors, _example_kinds
    if _example_vectors is None:
        with _lock:
            if _example_vectors is None:
                kinds = [kind for kind, texts in EXAMPLES.items() for _ in texts]
                texts = [text for examples in EXAMPLES.values() for text in examples]
                _example_kinds = kinds
                _example_vectors = semantic.encode(texts)
    return _example_vectors, _example_kinds


def classify(texts: list[str]) -> list[tuple[str, float]]:
    """(facet or "note", similarity) for each text: the kind whose best example is closest;
    [] when the sentence model cannot be reached (under `hallway serve` it is the shared engine
    process's)."""
    if not texts:
        return []
    from hallway.engines import EngineUnavailable

    try:
        example_vectors, kinds = _examples()
        scores = semantic.encode(texts) @ example_vectors.T
    except EngineUnavailable:
        # The shared sentence model is not there: those sentences stay notes, nothing is lost.
        return []
    placed: list[tuple[str, float]] = []
    for row in scores:
        best: dict[str, float] = {}
        for kind, score in zip(kinds, row.tolist(), strict=True):
            best[kind] = max(best.get(kind, -1.0), float(score))
        kind = max(best, key=lambda name: best[name])
        placed.append((kind, best[kind]))
    return placed


def classifier() -> Any:
    """The classifier to give `extract`, or None when the semantic extra is not installed."""
    return classify if is_available() else None
