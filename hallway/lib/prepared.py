"""Querysets whose SQL is compiled once per database, then run with each request's values.

Building a queryset and compiling it to SQL is most of what a small ORM read costs: measured
0.27–0.45 ms of CPU per query against 0.03 ms for the same statement on the cursor
(`bench/page_profile.py`), a third of a page like the person page. SQLAlchemy keeps a compiled
cache for this; Django has none, so this is one for the few reads every page makes:

    person = Prepared(lambda owner_id, pk: Person.objects.filter(owner_id=owner_id, pk=pk))
    rows = person.list(owner_id=user.pk, pk=42)

Only `list()`, `first()` and `count()` run it: the queryset is evaluated there, so no clone of
it with the markers in place of the values can escape. The first call builds the queryset with
marker values, compiles it, and finds each marker in the statement's parameters; later calls
clone that queryset and hand Django's own iterables
(model instances, `values()`, `values_list()`, `select_related`, `prefetch_related`) the
compiled statement with the new values in the markers' places. A query whose values the ORM
transforms (`icontains` wraps them in `%`, dates become text…) has no marker to find: it is
built and compiled every time, as without this module — the same rows either way.

Two shapes that vary beyond the values have their own: `PreparedForIds` (a list of ids: one
statement per number of ids) and `PreparedPages` (a slice of `values_list` rows: one
statement per columns and page, since Django writes LIMIT and OFFSET into the SQL).
"""

from __future__ import annotations

import datetime as dt
import itertools
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Generic, TypeVar

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.expressions import ColPairs  # type: ignore[attr-defined]  # new in 5.2
from django.db.models.sql import Query

T = TypeVar("T")  # a row: a model instance, or what values()/values_list() give

# Ids and counts are never negative. Within a 32-bit column's range: the ORM finds a value
# outside a column's range matches nothing (EmptyResultSet) and writes no parameter for it —
# auth_user.id is 32-bit on PostgreSQL. A smaller column (smallint) is compiled every time.
_marker_numbers = itertools.count(-1_000_000_001, -1)
_FAR_PAST = dt.datetime(1901, 1, 1, tzinfo=dt.UTC)  # nothing Hallway keeps is this old


def _adapted(value: Any, alias: str) -> Any:
    """A date or time as the ORM hands it to this database (the same step as compiling)."""
    if isinstance(value, dt.date):  # a datetime too
        operations = connections[alias].ops  # an asgiref local: ~2 µs, so only for these
        if isinstance(value, dt.datetime):
            return operations.adapt_datetimefield_value(value)
        return operations.adapt_datefield_value(value)
    return value


def _filled(
    params: tuple[Any, ...], slots: dict[str, tuple[int, ...]], values: dict[str, Any], alias: str
) -> tuple[Any, ...]:
    """The compiled statement's parameters with each value in its marker's places."""
    filled = list(params)
    for name, indexes in slots.items():
        value = _adapted(values[name], alias)
        for index in indexes:
            filled[index] = value
    return tuple(filled)


@dataclass(frozen=True)
class _Compiled:
    queryset: QuerySet[Any] = field(repr=False)  # repr would run it
    sql: str
    params: tuple[Any, ...]
    slots: dict[str, tuple[int, ...]]  # where each value goes in params
    state: dict[str, Any]  # what the compiler learned while compiling (columns, models)
    # How each column's value is converted, asked of each connection once (the same columns
    # every time): about 4 µs a column to work out on each run.
    # (Not for a composite key's columns: Django asks again for those, inside the first ask.)
    converters_kept: bool = False
    converters: weakref.WeakKeyDictionary[Any, Any] = field(
        default_factory=weakref.WeakKeyDictionary, repr=False
    )


class _Captured(Exception):
    """The statement `count()` would run has been kept: stop before it runs."""


class _CompiledQuery(Query):
    """A query that answers with the statement compiled for it, the values put in place."""

    compiled: _Compiled
    filled: tuple[Any, ...]

    def get_compiler(self, using: Any = None, connection: Any = None, elide_empty: bool = True):  # type: ignore[no-untyped-def]
        compiler = super().get_compiler(using, connection, elide_empty)
        compiled, filled = self.compiled, self.filled

        def as_sql(*_args: Any, **_kwargs: Any) -> tuple[str, tuple[Any, ...]]:
            compiler.__dict__.update(compiled.state)
            return compiled.sql, filled

        def get_converters(expressions: Any) -> Any:
            found = compiled.converters.get(compiler.connection)
            if found is None:
                found = type(compiler).get_converters(compiler, expressions)
                compiled.converters[compiler.connection] = found
            return found

        compiler.as_sql = as_sql
        if compiled.converters_kept:
            compiler.get_converters = get_converters
        return compiler


class Prepared(Generic[T]):
    """`build(**values)` compiled once per database; `list(**values)` runs it."""

    def __init__(self, build: Callable[..., QuerySet[Any, T]], **examples: Any) -> None:
        # `examples` say which values are text, dates or times rather than numbers: the kind
        # (str, dt.date, dt.datetime) or a value of it.
        self.build = build
        self.examples = examples
        self._by_alias: dict[str, _Compiled | None] = {}
        self._counts: dict[str, tuple[str, dict[str, tuple[int, ...]], tuple[Any, ...]] | None] = {}

    def _markers(self, names: tuple[str, ...]) -> dict[str, Any]:
        """A value per name that no row holds, of the kind its example says."""
        markers: dict[str, Any] = {}
        for name in names:
            example = self.examples.get(name)
            kind = example if isinstance(example, type) else type(example)
            number = next(_marker_numbers)
            if issubclass(kind, str):
                markers[name] = f"\x00{name}\x00"
            elif issubclass(kind, dt.datetime):
                markers[name] = _FAR_PAST + dt.timedelta(microseconds=-number)
            elif issubclass(kind, dt.date):
                markers[name] = dt.date(1, 1, 1) + dt.timedelta(days=-number % 300_000)
            else:
                markers[name] = number
        return markers

    def _slots(
        self, markers: dict[str, Any], params: Sequence[Any], alias: str
    ) -> dict[str, tuple[int, ...]] | None:
        """Where each marker is in the parameters, as the database is handed it (SQLite gets
        dates and times as text); None when one is missing (the ORM changed it on the way: a
        pattern, a lookup on part of a date…)."""
        adapted = {name: _adapted(marker, alias) for name, marker in markers.items()}
        slots = {
            name: tuple(index for index, param in enumerate(params) if param == marker)
            for name, marker in adapted.items()
        }
        if any(not found for found in slots.values()):
            return None
        return slots

    def _compile(self, alias: str, names: tuple[str, ...]) -> _Compiled | None:
        markers = self._markers(names)
        queryset = self.build(**markers).using(alias)
        if queryset._known_related_objects or queryset._hints:  # type: ignore[attr-defined]
            # Built from a related manager (person.notes…): its rows would point at the
            # object it was first built from. Only `Model.objects…` can be compiled once.
            return None
        compiler = queryset.query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except (EmptyResultSet, FullResultSet):
            return None  # a marker out of its column's range: compile every time instead
        slots = self._slots(markers, params, alias)
        if slots is None:
            return None  # the ORM changed a value on the way: compile every time instead
        state = {
            key: getattr(compiler, key)
            for key in ("select", "klass_info", "annotation_col_map", "col_count")
        }
        state["has_extra_select"] = compiler.has_extra_select
        kept = not any(isinstance(column, ColPairs) for column, *_ in compiler.select)
        return _Compiled(queryset, sql, tuple(params), slots, state, converters_kept=kept)

    def _queryset(self, **values: Any) -> QuerySet[Any, T]:
        # Evaluated at once by `list`: a clone of it would carry the markers, not the values.
        alias = DEFAULT_DB_ALIAS
        if alias not in self._by_alias:
            self._by_alias[alias] = self._compile(alias, tuple(sorted(values)))
        compiled = self._by_alias[alias]
        if compiled is None or set(values) != set(compiled.slots):
            return self.build(**values)
        params = _filled(compiled.params, compiled.slots, values, alias)
        # Shallow copies (what QuerySet._clone copies, without cloning the query): nothing
        # that evaluates a queryset changes it or its query.
        template = compiled.queryset
        query = _CompiledQuery.__new__(_CompiledQuery)
        query.__dict__.update(template.query.__dict__)
        query.compiled = compiled
        query.filled = params
        queryset = template.__class__(model=template.model, query=query, using=template.db)
        for private in ("_prefetch_related_lookups", "_iterable_class", "_fields"):
            setattr(queryset, private, getattr(template, private))
        return queryset

    def list(self, **values: Any) -> list[T]:
        """The rows (model instances, or what `values()`/`values_list()` make of them)."""
        return list(self._queryset(**values))

    def count(self, **values: Any) -> int:
        """`queryset.count()`, its statement (the one `count()` runs) compiled once."""
        alias = DEFAULT_DB_ALIAS
        key = f"{alias}:count"
        if key not in self._counts:
            self._counts[key] = self._compile_count(alias, tuple(sorted(values)))
        compiled = self._counts[key]
        if compiled is None or set(values) != set(compiled[1]):
            return self.build(**values).count()
        sql, slots, params = compiled
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, _filled(params, slots, values, alias))
            return int(cursor.fetchone()[0])

    def _compile_count(
        self, alias: str, names: tuple[str, ...]
    ) -> tuple[str, dict[str, tuple[int, ...]], tuple[Any, ...]] | None:
        markers = self._markers(names)
        statements: list[tuple[str, tuple[Any, ...]]] = []

        def capture(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            # Kept, not run: a marker need not be a value the database accepts (a full-text
            # pattern), and a failed statement would spoil a PostgreSQL transaction.
            statements.append((sql, tuple(params or ())))
            raise _Captured

        try:
            with connections[alias].execute_wrapper(capture):
                self.build(**markers).using(alias).count()
        except _Captured:
            pass
        if len(statements) != 1:
            return None
        sql, params = statements[0]
        slots = self._slots(markers, params, alias)
        return None if slots is None else (sql, slots, params)

    def first(self, **values: Any) -> T | None:
        """The first row, for a queryset built with its own order and `[:1]`."""
        rows = self.list(**values)
        return rows[0] if rows else None


class PreparedForIds(Generic[T]):
    """`build(ids, **values)` for a list of ids, compiled once per number of ids (a page shows
    20 or 50 people: a handful of lengths are most of the visits); a list longer than `most`
    is built and compiled each time."""

    def __init__(
        self, build: Callable[..., QuerySet[Any, T]], *, most: int, **examples: Any
    ) -> None:
        self.build = build
        self.most = most
        self.examples = examples
        self._of_count = lru_cache(maxsize=64)(self._compiled)

    def _compiled(self, count: int) -> Prepared[T]:
        keys = [f"id{index:03d}" for index in range(count)]
        return Prepared(
            lambda **given: self.build([given.pop(key) for key in keys], **given), **self.examples
        )

    def list(self, ids: Sequence[int], **values: Any) -> list[T]:
        if len(ids) > self.most:
            return list(self.build(list(ids), **values))
        by_key = {f"id{index:03d}": pk for index, pk in enumerate(ids)}
        return self._of_count(len(ids)).list(**values, **by_key)


class PreparedPages:
    """Pages of `build(**values).values_list(*columns)`: each (columns, start, stop) compiled
    once (Django writes a slice into the statement, not as a parameter)."""

    def __init__(self, build: Callable[..., QuerySet[Any, Any]], **examples: Any) -> None:
        self.build = build
        self.examples = examples
        self._page = lru_cache(maxsize=64)(self._compiled)

    def _compiled(self, columns: tuple[str, ...], start: int, stop: int) -> Prepared[Any]:
        return Prepared(
            lambda **given: self.build(**given).values_list(*columns)[start:stop], **self.examples
        )

    def list(
        self, *, columns: tuple[str, ...], start: int, stop: int, **values: Any
    ) -> list[tuple[Any, ...]]:
        return self._page(columns, start, stop).list(**values)
