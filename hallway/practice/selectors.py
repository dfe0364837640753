"""Reads for the progress screen, the practice API, `hallway practice` and the digest.

Everything is computed from the user's own conversations and events (see rules.py for the
definitions); months are calendar months in the server's time zone (HALLWAY_TIME_ZONE).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Trim, TruncDate, TruncMonth
from django.utils import timezone

from hallway.conversations.models import Conversation
from hallway.events.models import Event
from hallway.lib.ownership import owned
from hallway.lib.story import OUTCOMES, WARNING_SIGNS
from hallway.practice import rules
from hallway.practice.models import MonthlyReflection, PracticeGoals

MONTHS = 12
RECENT_EVENTS = 12
# Past events this recent without a reflection are pointed out.
REFLECTION_REMINDER_DAYS = 60


@dataclass
class EventRow:
    id: int
    name: str
    starts_at: dt.datetime
    conversations: int
    people_met: int
    new_people: int
    stories: int
    goal_new_connections: int | None
    reflection: str

    @property
    def goal_met(self) -> bool | None:
        if not self.goal_new_connections:
            return None
        return self.new_people >= self.goal_new_connections


@dataclass
class Progress:
    today: dt.date
    goals: rules.Goals
    months: list[rules.MonthTotals]
    streak: int
    connection_rate: float | None
    conversations_total: int
    conversations_per_event: float | None
    people_met_per_event: float | None
    outcomes: dict[str, int]
    warning_signs: dict[str, rules.SignSummary]
    median_duration_seconds: int | None
    events: list[EventRow]
    monthly_reflections: dict[dt.date, str]
    insights: list[str]
    goal_met_by_month: dict[dt.date, bool] = field(default_factory=dict)

    @property
    def this_month(self) -> rules.MonthTotals:
        return self.months[-1]

    @property
    def is_empty(self) -> bool:
        return self.conversations_total == 0 and not any(month.events for month in self.months)

    @property
    def this_month_reflection(self) -> str:
        return self.monthly_reflections.get(self.this_month.month, "")


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _aware_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


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


def _facts(rows: Any) -> list[rules.ConversationFact]:
    """Turn value rows (in _FACT_FIELDS order) into facts. Hot path: thousands of rows per page."""
    zone = timezone.get_current_timezone()
    facts = []
    for started_at, ended_at, outcome, learned, new, person_id, event_id, signs, times in rows:
        if times and isinstance(times, dict):
            times = {
                key: int(value) for key, value in times.items() if isinstance(value, int | float)
            }
        else:
            times = {}
        facts.append(
            rules.ConversationFact(
                day=started_at.astimezone(zone).date(),
                with_new_person=new,
                finished=bool(outcome) or ended_at is not None,
                gave_story=rules.gave_story(outcome=outcome, learned=learned),
                outcome=outcome,
                person_id=person_id,
                event_id=event_id,
                warning_signs=tuple(signs) if signs else (),
                warning_sign_times=times,
                duration_seconds=(
                    None
                    if ended_at is None
                    else max(0, int((ended_at - started_at).total_seconds()))
                ),
            )
        )
    return facts


def conversation_facts(*, user: Any, since: dt.date) -> list[rules.ConversationFact]:
    """The user's conversations since that day, newest first."""
    rows = (
        owned(Conversation, user)
        .filter(started_at__gte=_aware_midnight(since))
        .order_by("-started_at", "-id")
        .values_list(*_FACT_FIELDS)
    )
    return _facts(rows)


def recent_conversation_facts(
    *, user: Any, limit: int = rules.RECENT_CONVERSATIONS
) -> list[rules.ConversationFact]:
    """The user's last finished conversations, whenever they were."""
    rows = (
        owned(Conversation, user)
        .exclude(outcome="", ended_at__isnull=True)
        .order_by("-started_at", "-id")
        .values_list(*_FACT_FIELDS)[:limit]
    )
    return _facts(rows)


def goals_for(*, user: Any, history: list[rules.MonthTotals] | None = None) -> rules.Goals:
    """The user's saved goals, or suggested ones (marked suggested) before they save any."""
    saved = PracticeGoals.objects.filter(owner=user).first() if user.is_authenticated else None
    if saved is not None:
        return rules.Goals(
            events_per_month=saved.events_per_month,
            new_people_per_event=saved.new_people_per_event,
            connections_per_month=saved.connections_per_month,
        )
    if history is None:
        today = timezone.localdate()
        history = month_totals(user=user, today=today, count=4)
    # Complete months only: the month in progress would pull the suggestion down.
    return rules.suggest_goals(history[:-1])


def month_totals(
    *,
    user: Any,
    today: dt.date,
    count: int = MONTHS,
    facts: list[rules.ConversationFact] | None = None,
) -> list[rules.MonthTotals]:
    """Totals for the last `count` months, oldest first, ending with this month."""
    months = rules.last_months(today, count)
    first = months[0]
    if facts is None:
        facts = conversation_facts(user=user, since=first)
    totals = {month: rules.MonthTotals(month=month) for month in months}
    now = timezone.now()
    for starts_at in (
        owned(Event, user)
        .filter(starts_at__gte=_aware_midnight(first))
        .values_list("starts_at", flat=True)
    ):
        month = rules.month_start(_local_day(starts_at))
        if month in totals:
            if starts_at <= now:
                totals[month].events += 1
            else:
                totals[month].events_planned += 1
    story_people: dict[dt.date, set[int]] = defaultdict(set)
    for fact in facts:
        month = rules.month_start(fact.day)
        if month not in totals:
            continue
        item = totals[month]
        item.conversations += 1
        if fact.with_new_person:
            item.new_people += 1
            if fact.event_id is not None:
                item.new_people_at_events += 1
            if fact.finished:
                item.new_finished += 1
                item.new_with_story += fact.gave_story
        if fact.gave_story and fact.finished:
            story_people[month].add(fact.person_id)
    for month, people in story_people.items():
        totals[month].stories = len(people)
    return [totals[month] for month in months]


def _event_rows(
    *, user: Any, since: dt.date, facts: list[rules.ConversationFact]
) -> list[EventRow]:
    by_event: dict[int, list[rules.ConversationFact]] = defaultdict(list)
    for fact in facts:
        if fact.event_id is not None:
            by_event[fact.event_id].append(fact)
    events = (
        owned(Event, user)
        .filter(starts_at__gte=_aware_midnight(since), starts_at__lte=timezone.now())
        .order_by("-starts_at", "-id")
        .values("id", "name", "starts_at", "goal_new_connections", "reflection")
    )
    rows = []
    for event in events:
        talks = by_event.get(event["id"], [])
        rows.append(
            EventRow(
                id=event["id"],
                name=event["name"],
                starts_at=event["starts_at"],
                conversations=len(talks),
                people_met=len({fact.person_id for fact in talks}),
                new_people=sum(fact.with_new_person for fact in talks),
                stories=len(
                    {fact.person_id for fact in talks if fact.gave_story and fact.finished}
                ),
                goal_new_connections=event["goal_new_connections"],
                reflection=event["reflection"] or "",
            )
        )
    return rows


# --- Aggregates in SQL (progress_for): a year of conversations is tens of thousands of rows, so
# the database groups them and only per-day / per-month / per-event totals come back.

_FINISHED = ~Q(outcome="") | Q(ended_at__isnull=False)
# rules.gave_story in SQL: services store learned facets stripped and only when non-empty.
_STORY = Q(outcome="connected") | Q(_deep_passions__gt="") | Q(_deep_drivers__gt="")


def _window(user: Any, since: dt.date) -> QuerySet[Conversation]:
    return (
        owned(Conversation, user)
        .filter(started_at__gte=_aware_midnight(since))
        .annotate(
            _deep_passions=Trim(KeyTextTransform("passions", "learned")),
            _deep_drivers=Trim(KeyTextTransform("drivers", "learned")),
        )
    )


@dataclass
class _DayTotals:
    conversations: int
    new_people: int
    new_people_at_events: int
    new_finished: int
    new_with_story: int


def _day_totals(window: QuerySet[Conversation]) -> dict[dt.date, _DayTotals]:
    new = Q(with_new_person=True)
    rows = (
        window.annotate(day=TruncDate("started_at"))
        .order_by()
        .values("day")
        .annotate(
            conversations=Count("id"),
            new_people=Count("id", filter=new),
            new_people_at_events=Count("id", filter=new & Q(event_id__isnull=False)),
            new_finished=Count("id", filter=new & _FINISHED),
            new_with_story=Count("id", filter=new & _FINISHED & _STORY),
        )
        .values_list(
            "day",
            "conversations",
            "new_people",
            "new_people_at_events",
            "new_finished",
            "new_with_story",
        )
    )
    return {row[0]: _DayTotals(*row[1:]) for row in rows}


def _stories_by_month(window: QuerySet[Conversation]) -> dict[dt.date, int]:
    rows = (
        window.filter(_FINISHED & _STORY)
        .annotate(month=TruncMonth("started_at"))
        .order_by()
        .values("month")
        .annotate(people=Count("person_id", distinct=True))
        .values_list("month", "people")
    )
    return {_as_date(month): people for month, people in rows}


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _month_totals_from(
    *,
    user: Any,
    months: list[dt.date],
    days: dict[dt.date, _DayTotals],
    stories: dict[dt.date, int],
) -> list[rules.MonthTotals]:
    totals = {month: rules.MonthTotals(month=month) for month in months}
    _count_events(user=user, first=months[0], totals=totals)
    for day, row in days.items():
        item = totals.get(rules.month_start(day))
        if item is None:
            continue
        item.conversations += row.conversations
        item.new_people += row.new_people
        item.new_people_at_events += row.new_people_at_events
        item.new_finished += row.new_finished
        item.new_with_story += row.new_with_story
    for month, people in stories.items():
        if month in totals:
            totals[month].stories = people
    return [totals[month] for month in months]


def _count_events(*, user: Any, first: dt.date, totals: dict[dt.date, rules.MonthTotals]) -> None:
    now = timezone.now()
    for starts_at in (
        owned(Event, user)
        .filter(starts_at__gte=_aware_midnight(first))
        .values_list("starts_at", flat=True)
    ):
        month = rules.month_start(_local_day(starts_at))
        if month in totals:
            if starts_at <= now:
                totals[month].events += 1
            else:
                totals[month].events_planned += 1


def _event_totals(window: QuerySet[Conversation]) -> dict[int, tuple[int, int, int, int]]:
    rows = (
        window.filter(event_id__isnull=False)
        .order_by()
        .values("event_id")
        .annotate(
            conversations=Count("id"),
            people_met=Count("person_id", distinct=True),
            new_people=Count("id", filter=Q(with_new_person=True)),
            stories=Count("person_id", distinct=True, filter=_FINISHED & _STORY),
        )
        .values_list("event_id", "conversations", "people_met", "new_people", "stories")
    )
    return {row[0]: tuple(row[1:]) for row in rows}  # type: ignore[misc]


def _event_rows_from(
    *, user: Any, since: dt.date, talks: dict[int, tuple[int, int, int, int]]
) -> list[EventRow]:
    events = (
        owned(Event, user)
        .filter(starts_at__gte=_aware_midnight(since), starts_at__lte=timezone.now())
        .order_by("-starts_at", "-id")
        .values_list("id", "name", "starts_at", "goal_new_connections", "reflection")
    )
    rows = []
    for event_id, name, starts_at, goal, reflection in events:
        conversations, people_met, new_people, stories = talks.get(event_id, (0, 0, 0, 0))
        rows.append(
            EventRow(
                id=event_id,
                name=name,
                starts_at=starts_at,
                conversations=conversations,
                people_met=people_met,
                new_people=new_people,
                stories=stories,
                goal_new_connections=goal,
                reflection=reflection or "",
            )
        )
    return rows


def _outcome_counts(window: QuerySet[Conversation]) -> dict[str, int]:
    outcomes = {outcome: 0 for outcome in OUTCOMES}
    outcomes["ongoing"] = 0
    rows = (
        window.order_by()
        .values("outcome")
        .annotate(total=Count("id"), ongoing=Count("id", filter=Q(ended_at__isnull=True)))
        .values_list("outcome", "total", "ongoing")
    )
    for outcome, total, ongoing in rows:
        if outcome in outcomes:
            outcomes[outcome] += total
        elif not outcome:
            outcomes["ongoing"] += ongoing
    return outcomes


def _median_duration(window: QuerySet[Conversation]) -> int | None:
    """Median of whole seconds over finished conversations that lasted at least a second."""
    lasted = window.filter(_FINISHED, ended_at__gte=F("started_at") + dt.timedelta(seconds=1))
    count = lasted.count()
    if not count:
        return None
    middle = (
        lasted.annotate(length=F("ended_at") - F("started_at"))
        .order_by("length", "id")
        .values_list("started_at", "ended_at")[(count - 1) // 2 : count // 2 + 1]
    )
    seconds = [max(0, int((ended - started).total_seconds())) for started, ended in middle]
    return int(statistics.median(seconds))


def _sign_times(window: QuerySet[Conversation]) -> list[tuple[str, Any]]:
    """(sign, time into the conversation or None) for every warning sign noted in the window."""
    ids_sql, params = window.values("id").query.sql_with_params()
    table = Conversation._meta.db_table
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT s.value, CASE WHEN jsonb_typeof(c.warning_sign_times) = 'object' "
            f"AND jsonb_typeof(c.warning_sign_times -> s.value) = 'number' "
            f"THEN (c.warning_sign_times ->> s.value)::float END "
            f"FROM {table} c CROSS JOIN LATERAL jsonb_array_elements_text("
            f"CASE WHEN jsonb_typeof(c.warning_signs) = 'array' THEN c.warning_signs "
            f"ELSE '[]'::jsonb END) s(value) WHERE c.id IN ({ids_sql})"
        )
    else:
        sql = (
            f"SELECT s.value, CASE WHEN json_type(c.warning_sign_times) = 'object' "
            f"AND json_type(c.warning_sign_times, '$.\"' || s.value || '\"') "
            f"IN ('integer', 'real') "
            f"THEN json_extract(c.warning_sign_times, '$.\"' || s.value || '\"') END "
            f"FROM {table} c, json_each(CASE WHEN json_type(c.warning_signs) = 'array' "
            f"THEN c.warning_signs ELSE '[]' END) s WHERE c.id IN ({ids_sql})"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _warning_sign_summary(window: QuerySet[Conversation]) -> dict[str, rules.SignSummary]:
    counts: dict[str, int] = {sign: 0 for sign in WARNING_SIGNS}
    times: dict[str, list[int]] = {sign: [] for sign in WARNING_SIGNS}
    for sign, seconds in _sign_times(window):
        if sign not in counts:
            continue
        counts[sign] += 1
        if seconds is not None and int(seconds) >= 0:
            times[sign].append(int(seconds))
    return {
        sign: rules.SignSummary(
            sign, counts[sign], int(statistics.median(times[sign])) if times[sign] else None
        )
        for sign in WARNING_SIGNS
    }


def _quarter_insight(days: dict[dt.date, _DayTotals], today: dt.date) -> str | None:
    return rules.insight_connection_rate_by_quarter_from_days(
        {day: (row.new_with_story, row.new_finished) for day, row in days.items()}, today
    )


def progress_for(*, user: Any, today: dt.date | None = None) -> Progress:
    """Everything the progress screen shows, for the last 12 months."""
    today = today or timezone.localdate()
    month_list = rules.last_months(today, MONTHS)
    first = month_list[0]
    window = _window(user, first)
    days = _day_totals(window)
    months = _month_totals_from(
        user=user, months=month_list, days=days, stories=_stories_by_month(window)
    )
    goals = goals_for(user=user, history=months[-4:])
    events = _event_rows_from(user=user, since=first, talks=_event_totals(window))
    outcomes = _outcome_counts(window)
    events_with_talks = [row for row in events if row.conversations]
    recent = recent_conversation_facts(user=user)
    streak = rules.streak(months, goals)
    reminder_since = today - dt.timedelta(days=REFLECTION_REMINDER_DAYS)
    missing_reflections = sum(
        1
        for row in events
        if not row.reflection.strip() and _local_day(row.starts_at) >= reminder_since
    )
    insights = [
        sentence
        for sentence in (
            rules.insight_this_month(months[-1], goals),
            rules.insight_streak(streak),
            _quarter_insight(days, today),
            rules.insight_recurring_warning_sign(recent),
            rules.insight_cut_short(recent),
            rules.insight_missing_reflections(missing_reflections),
        )
        if sentence
    ]
    reflections = {
        item.month: item.text
        for item in MonthlyReflection.objects.filter(owner=user, month__gte=first)
    }
    return Progress(
        today=today,
        goals=goals,
        months=months,
        streak=streak,
        connection_rate=rules.rate(
            sum(row.new_with_story for row in days.values()),
            sum(row.new_finished for row in days.values()),
        ),
        conversations_total=sum(row.conversations for row in days.values()),
        conversations_per_event=(
            statistics.fmean(row.conversations for row in events) if events else None
        ),
        people_met_per_event=(
            statistics.fmean(row.people_met for row in events_with_talks)
            if events_with_talks
            else None
        ),
        outcomes=outcomes,
        warning_signs=_warning_sign_summary(window),
        median_duration_seconds=_median_duration(window),
        events=events[:RECENT_EVENTS],
        monthly_reflections=reflections,
        insights=insights,
        goal_met_by_month={month.month: rules.goal_met(month, goals) for month in months},
    )


def progress_as_dict(progress: Progress) -> dict[str, Any]:
    """The progress as plain JSON-able data (API, CLI --json)."""
    return {
        "today": progress.today.isoformat(),
        "goals": {
            "events_per_month": progress.goals.events_per_month,
            "new_people_per_event": progress.goals.new_people_per_event,
            "connections_per_month": progress.goals.connections_per_month,
            "suggested": progress.goals.suggested,
        },
        "this_month": _month_dict(progress.this_month, progress.goal_met_by_month),
        "streak_months": progress.streak,
        "connection_rate": _round(progress.connection_rate),
        "conversations": progress.conversations_total,
        "conversations_per_event": _round(progress.conversations_per_event, 2),
        "people_met_per_event": _round(progress.people_met_per_event, 2),
        "outcomes": progress.outcomes,
        "warning_signs": {sign: progress.warning_signs[sign].count for sign in WARNING_SIGNS},
        "warning_sign_median_seconds": {
            sign: progress.warning_signs[sign].median_seconds for sign in WARNING_SIGNS
        },
        "median_conversation_seconds": progress.median_duration_seconds,
        "months": [_month_dict(month, progress.goal_met_by_month) for month in progress.months],
        "events": [
            {
                "id": row.id,
                "name": row.name,
                "starts_at": row.starts_at.isoformat(),
                "conversations": row.conversations,
                "people_met": row.people_met,
                "new_people": row.new_people,
                "stories": row.stories,
                "goal_new_connections": row.goal_new_connections,
                "reflection": row.reflection,
            }
            for row in progress.events
        ],
        "monthly_reflections": {
            f"{month:%Y-%m}": text for month, text in sorted(progress.monthly_reflections.items())
        },
        "insights": progress.insights,
    }


def _month_dict(month: rules.MonthTotals, met: dict[dt.date, bool]) -> dict[str, Any]:
    return {
        "month": f"{month.month:%Y-%m}",
        "events": month.events,
        "events_planned": month.events_planned,
        "conversations": month.conversations,
        "new_people": month.new_people,
        "stories": month.stories,
        "connection_rate": _round(month.connection_rate),
        "new_people_per_event": _round(month.new_people_per_event, 2),
        "goal_met": met.get(month.month, False),
    }


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)
