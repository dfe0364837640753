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

from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from hallway.events.models import Event
from hallway.lib.ownership import owned
from hallway.lib.story import OUTCOMES, WARNING_SIGNS
from hallway.practice import rules
from hallway.practice.facts import (
    aware_midnight,
    conversation_facts,
    recent_conversation_facts,
)
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


def goals_for(
    *, user: User | AnonymousUser, history: list[rules.MonthTotals] | None = None
) -> rules.Goals:
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
    user: User | AnonymousUser,
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
        .filter(starts_at__gte=aware_midnight(first))
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
    *, user: User | AnonymousUser, since: dt.date, facts: list[rules.ConversationFact]
) -> list[EventRow]:
    by_event: dict[int, list[rules.ConversationFact]] = defaultdict(list)
    for fact in facts:
        if fact.event_id is not None:
            by_event[fact.event_id].append(fact)
    events = (
        owned(Event, user)
        .filter(starts_at__gte=aware_midnight(since), starts_at__lte=timezone.now())
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


def progress_for(*, user: User | AnonymousUser, today: dt.date | None = None) -> Progress:
    """Everything the progress screen shows, for the last 12 months."""
    today = today or timezone.localdate()
    first = rules.last_months(today, MONTHS)[0]
    facts = conversation_facts(user=user, since=first)
    months = month_totals(user=user, today=today, facts=facts)
    goals = goals_for(user=user, history=months[-4:])
    events = _event_rows(user=user, since=first, facts=facts)
    finished = [fact for fact in facts if fact.finished]
    new_finished = [fact for fact in finished if fact.with_new_person]
    outcomes = {outcome: 0 for outcome in OUTCOMES}
    outcomes["ongoing"] = 0
    for fact in facts:
        if fact.outcome in outcomes:
            outcomes[fact.outcome] += 1
        elif not fact.finished:
            outcomes["ongoing"] += 1
    durations = [fact.duration_seconds for fact in finished if fact.duration_seconds]
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
            rules.insight_connection_rate_by_quarter(facts, today),
            rules.insight_recurring_warning_sign(recent),
            rules.insight_cut_short(recent),
            rules.insight_missing_reflections(missing_reflections),
        )
        if sentence
    ]
    reflections = {
        item.month: item.text for item in owned(MonthlyReflection, user).filter(month__gte=first)
    }
    return Progress(
        today=today,
        goals=goals,
        months=months,
        streak=streak,
        connection_rate=rules.rate(sum(f.gave_story for f in new_finished), len(new_finished)),
        conversations_total=len(facts),
        conversations_per_event=(
            statistics.fmean(row.conversations for row in events) if events else None
        ),
        people_met_per_event=(
            statistics.fmean(row.people_met for row in events_with_talks)
            if events_with_talks
            else None
        ),
        outcomes=outcomes,
        warning_signs=rules.warning_sign_summary(facts),
        median_duration_seconds=int(statistics.median(durations)) if durations else None,
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
