"""The term tables' one writer: an owner's words, each stored with its lookup variants
(name terms and story terms share the shape `owner, variant, term`)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable

from django.db import connection, models
from django.db.models import F

from hallway.search.services.sql import upsert

# Words per look-up of the ones the owner already has (within every database's parameter limit)
_LOOKUP_CHUNK = 5000


def _known(model: type[models.Model], owner_id: int, words: list[str]) -> set[str]:
    known: set[str] = set()
    manager = model._default_manager
    for start in range(0, len(words), _LOOKUP_CHUNK):
        chunk = words[start : start + _LOOKUP_CHUNK]
        known.update(
            manager.filter(owner_id=owner_id, variant__in=chunk, term=F("variant")).values_list(
                "term", flat=True
            )
        )
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
        upsert(
            cursor,
            table,
            ("owner_id", "variant", "term"),
            ("bigint", "text", "text"),
            rows,
            " ON CONFLICT DO NOTHING",
        )
