"""The private iCalendar feed: the user's events, the due dates of open follow-ups, and their
people's birthdays and anniversaries."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone

from hallway.conversations.models import FollowUp
from hallway.events.models import Event
from hallway.lib.celebrations import celebration_event, celebrations_of
from hallway.lib.ownership import owned
from hallway.people.models import Person
from hallway.updates.selectors import absolute_url

# Calendar apps only need what is recent or ahead.
PAST_DAYS = 365
MAX_ITEMS = 2000
DEFAULT_EVENT_HOURS = 2


def _uid(kind: str, pk: int) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "hallway"
    return f"{kind}-{pk}@{host}"


def calendar_feed_ics(
    *, user: User, now: dt.datetime | None = None, base_url: str | None = None
) -> bytes:
    """The feed; links point under `base_url` (where the calendar app fetched it) if given."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=PAST_DAYS)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Hallway//Events and follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Hallway ({user.username})")
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for event in owned(Event, user).filter(starts_at__gte=since).order_by("starts_at")[:MAX_ITEMS]:
        item = icalendar.Event()
        item.add("uid", _uid("event", event.pk))
        item.add("dtstamp", now)
        item.add("summary", event.name)
        item.add("dtstart", event.starts_at)
        item.add(
            "dtend", event.ends_at or event.starts_at + dt.timedelta(hours=DEFAULT_EVENT_HOURS)
        )
        if event.location:
            item.add("location", event.location)
        description = []
        if event.goal_new_connections:
            description.append(f"Goal: {event.goal_new_connections} new connections.")
        url = absolute_url(event.get_absolute_url(), base_url)
        description.append(f"Prepare: {url}")
        item.add("description", "\n".join(description))
        item.add("url", url)
        item.add("last-modified", event.updated_at)
        calendar.add_component(item)
    followups = (
        owned(FollowUp, user)
        .filter(done=False, due__isnull=False, due__gte=since.date())
        .select_related("person")
        .order_by("due", "id")[:MAX_ITEMS]
    )
    for followup in followups:
        assert followup.due is not None  # filtered above
        person_url = absolute_url(followup.person.get_absolute_url(), base_url)
        item = icalendar.Event()
        item.add("uid", _uid("followup", followup.pk))
        item.add("dtstamp", now)
        item.add("summary", f"Follow up with {followup.person.name}: {followup.text}")
        item.add("dtstart", followup.due)
        item.add("dtend", followup.due + dt.timedelta(days=1))
        item.add("transp", "TRANSPARENT")
        item.add(
            "description",
            f"Promised to {followup.person.name}.\n{person_url}",
        )
        item.add("url", person_url)
        calendar.add_component(item)
    _add_celebrations(calendar, user, now)
    return calendar.to_ical()


def _add_celebrations(calendar: Any, user: User, now: dt.datetime) -> None:
    """Each birthday and anniversary as a yearly all-day entry (29 February falls on the last
    day of February in other years)."""
    people = (
        owned(Person, user)
        .exclude(birthday="", anniversary="")
        .only("id", "name", "birthday", "anniversary", "updated_at")
        .order_by("id")
    )
    first_year = (now - dt.timedelta(days=PAST_DAYS)).year
    for person in people[:MAX_ITEMS]:
        for kind, date in celebrations_of(person):
            item = celebration_event(
                kind=kind,
                date=date,
                name=person.name,
                first_year=first_year,
                uid=_uid(kind, person.pk),
                now=now,
            )
            item.add("url", absolute_url(person.get_absolute_url()))
            item.add("last-modified", person.updated_at)
            calendar.add_component(item)
