"""What the digest says: follow-ups due, people to reconnect with, upcoming events, progress."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from hallway.conversations.models import Conversation, FollowUp
from hallway.events.models import Event
from hallway.lib.ownership import owned
from hallway.lib.partial_dates import celebrations_soon
from hallway.people.models import Person
from hallway.practice import rules
from hallway.practice.selectors import progress_for
from hallway.updates.models import DigestSubscription

PERIOD_DAYS = {
    DigestSubscription.DAILY: 1,
    DigestSubscription.WEEKLY: 7,
    DigestSubscription.MONTHLY: 30,
}
# Even a daily digest looks a week ahead for events, so there is time to prepare.
MIN_LOOKAHEAD_DAYS = 7
MAX_ITEMS = 20
CHART_MONTHS = 6


def absolute_url(path: str, base: str | None = None) -> str:
    """`path` on this site: under `base` (the address a request came in on) when there is one,
    else under the configured HALLWAY_SITE_URL (e-mails have no request to go by)."""
    return f"{(base or settings.SITE_URL).rstrip('/')}{path}"


def request_base(request: HttpRequest) -> str:
    """The scheme and host the user (or their calendar app) reached this server on."""
    return f"{request.scheme}://{request.get_host()}"


def event_briefing_url(event: Event) -> str:
    """The event's briefing (recall) when that screen exists, else the event page."""
    try:
        return absolute_url(reverse("recall:event_briefing", args=[event.pk]))
    except NoReverseMatch:
        return absolute_url(reverse("events:detail", args=[event.pk]))


def people_to_reconnect(*, user: User, now: dt.datetime) -> list[Person]:
    """People whose keep-in-touch cadence has run out, most overdue first."""
    try:
        from hallway.recall import selectors as recall_selectors
    except ImportError:
        recall_selectors = None  # type: ignore[assignment]
    if recall_selectors is not None and hasattr(recall_selectors, "people_to_reconnect"):
        return list(recall_selectors.people_to_reconnect(user=user, now=now)[:MAX_ITEMS])
    # Fallback without the recall app: the same rule, evaluated in Python.
    due = []
    for person in owned(Person, user).filter(keep_in_touch_days__gt=0):
        last = person.last_contact_at or person.created_at
        if last + dt.timedelta(days=person.keep_in_touch_days or 0) < now:
            due.append((last + dt.timedelta(days=person.keep_in_touch_days or 0), person))
    return [person for _, person in sorted(due, key=lambda pair: (pair[0], pair[1].name))][
        :MAX_ITEMS
    ]


@dataclass
class Reconnect:
    person: Person
    url: str
    last_contact: dt.date | None
    days_overdue: int


@dataclass
class DigestCelebration:
    person: Person
    url: str
    text: str
    date: dt.date


def celebrations_ahead(*, user: User, today: dt.date, days: int) -> list[DigestCelebration]:
    """Birthdays and anniversaries of the user's people in the next `days` days, soonest first."""
    found = []
    people = (
        owned(Person, user)
        .exclude(birthday="", anniversary="")
        .only("id", "name", "company", "birthday", "anniversary")
    )
    for person in people.iterator(chunk_size=2000):
        for item in celebrations_soon(
            birthday=person.birthday, anniversary=person.anniversary, today=today, days=days
        ):
            found.append(
                DigestCelebration(
                    person=person,
                    url=absolute_url(person.get_absolute_url()),
                    text=item.text,
                    date=item.date,
                )
            )
    found.sort(key=lambda item: (item.date, item.person.name))
    return found[:MAX_ITEMS]


@dataclass
class UpcomingEvent:
    event: Event
    url: str


@dataclass
class Digest:
    user: User
    frequency: str
    period_label: str
    today: dt.date
    followups: list[FollowUp]
    reconnect: list[Reconnect]
    events: list[UpcomingEvent]
    period_conversations: int
    period_new_people: int
    period_stories: int
    progress_lines: list[str]
    insights: list[str]
    chart_labels: list[str] = field(default_factory=list)
    chart_new_people: list[int] = field(default_factory=list)
    chart_stories: list[int] = field(default_factory=list)
    progress_url: str = ""
    settings_url: str = ""
    celebrations: list[DigestCelebration] = field(default_factory=list)
    # Teammates' introduction requests waiting for the user's answer (hallway.teams).
    introductions: list[Any] = field(default_factory=list)
    introductions_url: str = ""

    @property
    def is_empty(self) -> bool:
        """Nothing worth an e-mail: no follow-up, reconnect, event, celebration, request or
        practice in the period."""
        return not (
            self.followups
            or self.reconnect
            or self.events
            or self.introductions
            or self.period_conversations
            or self.celebrations
        )


def _introductions(user: User) -> tuple[list[Any], str]:
    if not apps.is_installed("hallway.teams"):
        return [], ""
    from hallway.teams.selectors import pending_introductions

    return list(pending_introductions(user)[:MAX_ITEMS]), absolute_url(
        reverse("teams:introductions")
    )


def frequency_of(user: User) -> str:
    subscription = DigestSubscription.objects.filter(owner=user).first()
    return subscription.frequency if subscription else DigestSubscription.DEFAULT_FREQUENCY


def digest_for(
    *, user: User, now: dt.datetime | None = None, frequency: str | None = None
) -> Digest:
    now = now or timezone.now()
    today = timezone.localdate(now)
    frequency = frequency or frequency_of(user)
    days = PERIOD_DAYS.get(frequency, 7)
    period_start = now - dt.timedelta(days=days)
    followups = list(
        owned(FollowUp, user)
        .filter(done=False, due__isnull=False, due__lte=today + dt.timedelta(days=days))
        .select_related("person")
        .order_by("due", "id")[:MAX_ITEMS]
    )
    reconnect = []
    for person in people_to_reconnect(user=user, now=now):
        last = person.last_contact_at or person.created_at
        due_at = last + dt.timedelta(days=person.keep_in_touch_days or 0)
        reconnect.append(
            Reconnect(
                person=person,
                url=absolute_url(person.get_absolute_url()),
                last_contact=timezone.localdate(person.last_contact_at)
                if person.last_contact_at
                else None,
                days_overdue=max(0, (now - due_at).days),
            )
        )
    lookahead = max(days, MIN_LOOKAHEAD_DAYS)
    events = [
        UpcomingEvent(event=event, url=event_briefing_url(event))
        for event in owned(Event, user)
        .filter(starts_at__gte=now, starts_at__lte=now + dt.timedelta(days=lookahead))
        .order_by("starts_at")[:MAX_ITEMS]
    ]
    period = owned(Conversation, user).filter(started_at__gte=period_start, started_at__lte=now)
    period_rows = list(
        period.values("person_id", "with_new_person", "outcome", "learned", "ended_at")
    )
    stories = {
        row["person_id"]
        for row in period_rows
        if (row["outcome"] or row["ended_at"])
        and rules.gave_story(outcome=row["outcome"], learned=row["learned"])
    }
    progress = progress_for(user=user, today=today)
    goals, month = progress.goals, progress.this_month
    per_event = month.new_people_per_event
    progress_lines = [
        f"Events: {month.events} of {goals.events_per_month or '—'}",
        f"New people per event: {'—' if per_event is None else f'{per_event:.1f}'} "
        f"(goal {goals.new_people_per_event or '—'})",
        f"Connections (stories): {month.stories} of {goals.connections_per_month or '—'}",
        f"Connection rate, last 12 months: {rules.percent(progress.connection_rate)}",
        f"Streak: {progress.streak} month{'s' if progress.streak != 1 else ''} with every goal met",
    ]
    recent = progress.months[-CHART_MONTHS:]
    introductions, introductions_url = _introductions(user)
    return Digest(
        user=user,
        frequency=frequency,
        period_label={"daily": "today", "weekly": "this week", "monthly": "this month"}.get(
            frequency, "lately"
        ),
        today=today,
        followups=followups,
        reconnect=reconnect,
        events=events,
        period_conversations=len(period_rows),
        period_new_people=sum(1 for row in period_rows if row["with_new_person"]),
        period_stories=len(stories),
        progress_lines=progress_lines,
        insights=progress.insights[:3],
        chart_labels=[f"{item.month:%b}" for item in recent],
        chart_new_people=[item.new_people for item in recent],
        chart_stories=[item.stories for item in recent],
        progress_url=absolute_url(reverse("practice:progress")),
        settings_url=absolute_url(reverse("accounts:settings")),
        celebrations=celebrations_ahead(user=user, today=today, days=lookahead),
        introductions=introductions,
        introductions_url=introductions_url,
    )
