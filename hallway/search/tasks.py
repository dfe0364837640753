"""Background steps run by the django-q2 worker (`hallway serve` starts it)."""

from __future__ import annotations

from hallway.search import semantic, services


def embed_people(person_ids: list[int]) -> int:
    """Compute the embeddings of these people if their text changed; returns how many."""
    if not semantic.is_available():
        return 0
    return services.embeddings_refresh(person_ids=person_ids)
