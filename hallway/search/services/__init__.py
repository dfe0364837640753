"""Writes of the search index: one document per person, name terms, embeddings.

`document_refresh` runs inside the transaction of every person write (through
hallway.lib.hooks), so the full-text index never lags the data. Embeddings are slow, so the
refresh only queues them (after commit) for the background worker.

- `fields`: what a person's document says (columns, the sentence model's text)
- `documents`: refresh and delete one person's document
- `name_terms`, `story_terms`: the words of names and of stories, for typo tolerance, written
  through `terms` (the one writer of both term tables)
- `bulk`: many documents in a few statements (imports, restores, reindex)
- `embeddings`: storing and refreshing the vectors
- `sql`: the bulk SQL helpers they share
"""

from __future__ import annotations

from hallway.search.services.bulk import documents_rebuild, documents_refresh_many, fts_optimize
from hallway.search.services.documents import document_delete, document_refresh
from hallway.search.services.embeddings import (
    embeddings_changed,
    embeddings_refresh,
    embeddings_store,
    stale_embedding_count,
)
from hallway.search.services.fields import (
    MAX_NOTES_CHARACTERS,
    MAX_SEMANTIC_NOTES_CHARACTERS,
    document_fields,
    semantic_text,
    text_hash,
)
from hallway.search.services.name_terms import (
    MAX_TERM_LENGTH,
    MIN_TERM_LENGTH,
    deletions,
    name_terms_add,
    name_words,
)

__all__ = [
    "MAX_NOTES_CHARACTERS",
    "MAX_SEMANTIC_NOTES_CHARACTERS",
    "MAX_TERM_LENGTH",
    "MIN_TERM_LENGTH",
    "deletions",
    "document_delete",
    "document_fields",
    "document_refresh",
    "documents_rebuild",
    "documents_refresh_many",
    "embeddings_changed",
    "embeddings_refresh",
    "embeddings_store",
    "fts_optimize",
    "name_terms_add",
    "name_words",
    "semantic_text",
    "stale_embedding_count",
    "text_hash",
]
