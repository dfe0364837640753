"""SQL for "when is this person due for a reconnect", shared by the reconnect list (recall) and
the index that serves it (people.Person.Meta: person_reconnect_due). No models here, so the
model can import it."""

from __future__ import annotations

from typing import Any

from django.db.models import DateTimeField, Func


class PlusDays(Func):
    """moment + N days, N from another column (databases disagree on integer × interval)."""

    output_field = DateTimeField()
    template = "(%(expressions)s)"
    arg_joiner = " + INTERVAL '1 day' * "

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        # Django keeps UTC datetimes as ISO text on SQLite; datetime() shifts them and keeps the format.
        return self.as_sql(
            compiler,
            connection,
            template="datetime(%(expressions)s || ' days')",
            arg_joiner=", '+' || ",
            **extra_context,
        )


class DueKey(Func):
    """last touch + N days as a sortable value an index can hold: a Julian day number on SQLite
    (numbers compare much faster there than the ISO text datetime() builds), the UTC wall time
    on PostgreSQL (timestamptz + interval depends on the session's zone, so it cannot be
    indexed; in UTC, which Django's sessions use, both give the same instant)."""

    template = "(julianday(%(expressions)s))"
    arg_joiner = ") + ("

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="((%(expressions)s))",
            arg_joiner=" AT TIME ZONE 'UTC') + INTERVAL '1 day' * (",
            **extra_context,
        )


class MomentKey(Func):
    """A moment in the same scale as DueKey."""

    template = "julianday(%(expressions)s)"

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="(%(expressions)s AT TIME ZONE 'UTC')", **extra_context
        )
