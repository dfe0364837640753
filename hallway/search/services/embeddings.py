"""Embeddings of the search documents: stored after the background worker computes them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F

from hallway.search.models import EmbeddingState, SearchDocument
from hallway.search.services.fields import semantic_text


def embeddings_changed(*, owner_id: int) -> None:
    """Bump the owner's counter so every process reloads its cached matrix."""
    updated = EmbeddingState.objects.filter(owner_id=owner_id).update(version=F("version") + 1)
    if not updated:
        EmbeddingState.objects.get_or_create(owner_id=owner_id, defaults={"version": 1})


def embeddings_store(vectors: dict[int, tuple[bytes, str]]) -> int:
    """Save embeddings computed from the text with the given hash; skip ones that changed since."""
    saved_owners: set[int] = set()
    saved = 0
    with transaction.atomic():
        for person_id, (vector, source_hash) in vectors.items():
            updated = SearchDocument.objects.filter(
                person_id=person_id, semantic_hash=source_hash
            ).update(embedding=vector, embedded_hash=source_hash)
            if updated:
                saved += 1
                saved_owners.update(
                    SearchDocument.objects.filter(person_id=person_id).values_list(
                        "owner_id", flat=True
                    )
                )
        for owner_id in saved_owners:
            embeddings_changed(owner_id=owner_id)
    return saved


def embeddings_refresh(
    *,
    person_ids: Iterable[int] | None = None,
    owner: User | None = None,
    batch_size: int = 64,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Compute the missing or stale embeddings (of some people, an owner or everyone)."""
    from hallway.search import semantic

    documents = SearchDocument.objects.exclude(embedded_hash=F("semantic_hash"))
    if person_ids is not None:
        documents = documents.filter(person_id__in=list(person_ids))
    if owner is not None:
        documents = documents.filter(owner=owner)
    stale_ids = list(documents.order_by("person_id").values_list("person_id", flat=True))
    done = 0
    for start in range(0, len(stale_ids), batch_size):
        chunk = list(
            SearchDocument.objects.filter(
                person_id__in=stale_ids[start : start + batch_size]
            ).values("person_id", "name", "headline", "tags", "story", "notes", "semantic_hash")
        )
        texts = [semantic_text(row) for row in chunk]
        vectors = semantic.encode(texts)
        done += embeddings_store(
            {
                row["person_id"]: (vectors[index].tobytes(), row["semantic_hash"])
                for index, row in enumerate(chunk)
            }
        )
        if progress is not None:
            progress(len(chunk))
    return done


def stale_embedding_count(*, owner: User | None = None) -> int:
    documents = SearchDocument.objects.exclude(embedded_hash=F("semantic_hash"))
    if owner is not None:
        documents = documents.filter(owner=owner)
    return documents.count()
