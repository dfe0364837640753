"""One person's search document. `document_refresh` runs inside the transaction of every
person write (through hallway.lib.hooks), so the full-text index never lags the data.
Embeddings are slow, so the refresh only queues them for the background worker (the queue's
row is written in the same transaction: hallway.lib.task_queue).
"""

from __future__ import annotations

from typing import Any

from hallway.lib.task_queue import enqueue_with_write
from hallway.search.models import SearchDocument
from hallway.search.services.embeddings import embeddings_changed
from hallway.search.services.fields import document_fields, semantic_text, text_hash
from hallway.search.services.name_terms import name_terms_add
from hallway.search.services.story_terms import story_terms_add


def _person_fields(person: Any) -> dict[str, str]:
    tag_names = list(person.tags.order_by("name").values_list("name", flat=True))
    note_texts = list(person.notes.order_by("date", "id").values_list("text", flat=True))
    conversations = list(
        person.conversations.order_by("started_at", "id").values_list("notes", "learned")
    )
    return document_fields(
        person, tag_names=tag_names, note_texts=note_texts, conversations=conversations
    )


def document_refresh(person: Any) -> None:
    """Rebuild the person's search document (the FTS index follows in the same transaction)."""
    fields = _person_fields(person)
    semantic_hash = text_hash(semantic_text(fields))
    document, _created = SearchDocument.objects.update_or_create(
        person_id=person.pk,
        defaults={"owner_id": person.owner_id, "semantic_hash": semantic_hash, **fields},
    )
    name_terms_add(owner_id=person.owner_id, names=[person.name])
    story_terms_add(owner_id=person.owner_id, texts=_story_texts(fields))
    if document.embedded_hash != semantic_hash:
        _queue_embedding(person.pk)


def _story_texts(fields: dict[str, str]) -> list[str]:
    return [fields[column] for column in ("headline", "tags", "story", "notes")]


def document_delete(person_id: int) -> None:
    """Drop the person from the index (the cascade usually did already)."""
    owner_ids = list(
        SearchDocument.objects.filter(person_id=person_id).values_list("owner_id", flat=True)
    )
    SearchDocument.objects.filter(person_id=person_id).delete()
    for owner_id in owner_ids:
        embeddings_changed(owner_id=owner_id)


def _queue_embedding(person_id: int) -> None:
    from hallway.search import semantic

    if not semantic.is_available():
        return

    def enqueue() -> None:
        from django_q.tasks import async_task

        async_task(
            "hallway.search.tasks.embed_people", [person_id], task_name=f"embed person {person_id}"
        )

    # Seen at the commit: the worker must see the new text, and a rolled-back write queues nothing.
    enqueue_with_write(enqueue)
