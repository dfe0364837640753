"""The term tables' one writer: an owner's words, each stored with its lookup variants
(name terms and story terms share the shape `owner, variant, term`)."""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterable

from django.db import connection, models

from hallway.lib.bulk_sql import rows_insert

# Words per look-up of the ones the owner already has (within every database's parameter limit)
_LOOKUP_CHUNK = 5000


def _known(model: type[models.Model], owner_id: int, words: list[str]) -> set[str]:
    """Which of the words the owner has. One parameter for a whole chunk of words (a JSON list
    on SQLite, an array on PostgreSQL): thousands of placeholders cost more than the query."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    if connection.vendor == "postgresql":
        words_sql = "SELECT unnest(%s::text[])"
    else:
        words_sql = "SELECT value FROM json_each(%s)"
    sql = (
        f"SELECT {quote('term')} FROM {table} WHERE {quote('owner_id')} = %s "
        f"AND {quote('variant')} IN ({words_sql}) AND {quote('term')} = {quote('variant')}"
    )
    known: set[str] = set()
    with connection.cursor() as cursor:
        for start in range(0, len(words), _LOOKUP_CHUNK):
            chunk = words[start : start + _LOOKUP_CHUNK]
            cursor.execute(
                sql, [owner_id, chunk if connection.vendor == "postgresql" else json.dumps(chunk)]
            )
            known.update(term for (term,) in cursor.fetchall())
    return known


def terms_add(
    *,
    model: type[models.Model],
    owner_id: int,
    words: Iterable[str],
    variants: Callable[[str], Iterable[str]],
) -> None:
    """Add the words to the owner's rows of `model` with their variants (`variants(word)`
    includes the word itself). Words the owner already has are skipped: every word is written
    with all its variants at once, so its `variant == term` row says the rest is there too."""
    wanted = set(words)
    if not wanted:
        return
    new = wanted - _known(model, owner_id, sorted(wanted))
    # In the order of the unique index: the inserts then append to it instead of touching
    # pages all over a large index (many times slower once it outgrows SQLite's page cache).
    rows = sorted(
        ((owner_id, variant, word) for word in new for variant in variants(word)),
        key=operator.itemgetter(1),
    )
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    # Plain rows, not model instances: an import adds hundreds of thousands of variants.
    with connection.cursor() as cursor:
        rows_insert(
            cursor,
            table,
            ("owner_id", "variant", "term"),
            ("bigint", "text", "text"),
            rows,
            " ON CONFLICT DO NOTHING",
        )
