"""The user's conversations as rules.ConversationFact, read in one pass straight from the cursor.

A heavy year is thousands of rows; Django's per-value converters (a JSON parse for each of
three JSON fields, a datetime parse and time-zone step for two datetimes) were most of the
practice page. The rows are read from the database cursor as they come (ISO text or aware
datetimes, JSON as text on both engines) and each distinct JSON text is parsed once per call:
most conversations share the same few (`{}`, `[]`, one warning sign).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone

from hallway.conversations.models import Conversation
from hallway.lib.ownership import owned
from hallway.practice import rules

_FACT_FIELDS = (
    "started_at",
    "ended_at",
    "outcome",
    "learned",
    "with_new_person",
    "person_id",
    "event_id",
    "warning_signs",
    "warning_sign_times",
)


def aware_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def conversation_facts(
    *, user: User | AnonymousUser, since: dt.date
) -> list[rules.ConversationFact]:
    """The user's conversations since that day, newest first."""
    rows = (
        owned(Conversation, user)
        .filter(started_at__gte=aware_midnight(since))
        .order_by("-started_at", "-id")
        .values_list(*_FACT_FIELDS)
    )
    return _facts(_raw_rows(rows))


def recent_conversation_facts(
    *, user: User | AnonymousUser, limit: int = rules.RECENT_CONVERSATIONS
) -> list[rules.ConversationFact]:
    """The user's last finished conversations, whenever they were."""
    rows = (
        owned(Conversation, user)
        .exclude(outcome="", ended_at__isnull=True)
        .order_by("-started_at", "-id")
        .values_list(*_FACT_FIELDS)[:limit]
    )
    return _facts(_raw_rows(rows))


def _raw_rows(rows: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The values_list's rows as the database driver gives them, without Django's converters."""
    if rows.query.is_empty():
        return []
    sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _moment(value: Any) -> Any:
    """An aware datetime from the driver's value: SQLite gives Django's naive UTC (text, or a
    datetime through the converter Django registers), PostgreSQL an aware datetime."""
    if value is None:
        return None
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _parsed(make: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`make` applied to a JSON value, once per distinct text (the JSON arrives as text)."""
    seen: dict[Any, Any] = {}

    def parse(text: Any) -> Any:
        if not isinstance(text, str):
            return make(text)
        if text not in seen:
            seen[text] = make(json.loads(text))
        return seen[text]

    return parse


def _times(times: Any) -> dict[str, int]:
    if times and isinstance(times, dict):
        return {key: int(value) for key, value in times.items() if isinstance(value, int | float)}
    return {}


def _facts(rows: list[tuple[Any, ...]]) -> list[rules.ConversationFact]:
    """Turn raw rows (in _FACT_FIELDS order) into facts. Hot path: thousands of rows per page."""
    zone = timezone.get_current_timezone()
    deep_facet = _parsed(lambda learned: rules.gave_story(outcome="", learned=learned))
    signs_of = _parsed(lambda signs: tuple(signs) if signs else ())
    # Facts only read the times, so one dict can serve every conversation with the same text.
    times_of = _parsed(_times)
    facts = []
    for started, ended, outcome, learned, new, person_id, event_id, signs, times in rows:
        started_at, ended_at = _moment(started), _moment(ended)
        facts.append(
            rules.ConversationFact(
                day=started_at.astimezone(zone).date(),
                with_new_person=bool(new),
                finished=bool(outcome) or ended_at is not None,
                gave_story=outcome == "connected" or deep_facet(learned),
                outcome=outcome,
                person_id=person_id,
                event_id=event_id,
                warning_signs=signs_of(signs),
                warning_sign_times=times_of(times),
                duration_seconds=(
                    None
                    if ended_at is None
                    else max(0, int((ended_at - started_at).total_seconds()))
                ),
            )
        )
    return facts
