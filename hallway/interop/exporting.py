"""Exports: vCard (4.0 by default, 3.0 on request) and iCalendar (events and follow-ups).

The vCard carries everything Hallway knows about a person: other tools see the story and the
notes in NOTE, our own import reads the exact values back from X-HALLWAY-* properties.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import icalendar
import vobject
from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from hallway.conversations.models import Conversation, FollowUp
from hallway.events.models import Event
from hallway.interop.models import ContactDetail
from hallway.interop.parsers.vcard import (
    STORY_NOTE_FOLLOW_UP,
    STORY_NOTE_LAST_CONVERSATION,
    STORY_NOTE_MET,
)
from hallway.lib.celebrations import celebration_event, celebrations_of
from hallway.lib.ownership import owned
from hallway.lib.partial_dates import parse_partial_date
from hallway.lib.story import FACET_LABELS, FACETS
from hallway.people.models import Note, Person

VCARD_VERSIONS = ("3.0", "4.0")
# Marks a card as Hallway's own, so our import reads NOTE as the story block it is.
VCARD_PRODID = "-//Hallway//Hallway vCard//EN"


def person_uid(person_id: int) -> str:
    """The UID of a person's vCard (and the file name phone sync gives it)."""
    return f"hallway-person-{person_id}"


_MIME = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png", "gif": "gif", "webp": "webp"}


def people_for_export(*, user: User) -> QuerySet[Person]:
    return (
        owned(Person, user)
        .prefetch_related(
            "tags",
            Prefetch("notes", queryset=Note.objects.order_by("date", "created_at", "id")),
            Prefetch("contact_details", queryset=ContactDetail.objects.order_by("id")),
            Prefetch(
                "conversations",
                queryset=Conversation.objects.select_related("event").order_by(
                    "-started_at", "-id"
                ),
                to_attr="conversations_newest_first",
            ),
            Prefetch(
                "followups",
                queryset=FollowUp.objects.filter(done=False).order_by("due", "id"),
                to_attr="open_followups",
            ),
        )
        .order_by("id")
    )


def _fold_line(line: str) -> str:
    """Fold a content line at 75 octets (RFC 6350 §3.2)."""
    out: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _photo(person: Person) -> tuple[bytes, str] | None:
    if not person.photo:
        return None
    try:
        with person.photo.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    extension = person.photo.name.rsplit(".", 1)[-1].lower()
    return data, _MIME.get(extension, "jpeg")


def _last_conversation_line(person: Person) -> str:
    conversations = getattr(person, "conversations_newest_first", None)
    if conversations is None:
        conversations = list(
            person.conversations.select_related("event").order_by("-started_at", "-id")[:1]  # type: ignore[attr-defined]
        )
    if not conversations:
        return ""
    last = conversations[0]
    parts = [timezone.localtime(last.started_at).date().isoformat()]
    if last.event is not None:
        parts.append(last.event.name)
    if last.outcome:
        parts.append(last.outcome_label)
    line = f"{STORY_NOTE_LAST_CONVERSATION}: {', '.join(parts)}"
    if last.notes.strip():
        line += f" — {' '.join(last.notes.split())[:200]}"
    return line


def _followup_lines(person: Person) -> list[str]:
    followups = getattr(person, "open_followups", None)
    if followups is None:
        followups = list(person.followups.filter(done=False).order_by("due", "id"))  # type: ignore[attr-defined]
    return [
        f"{STORY_NOTE_FOLLOW_UP}: {' '.join(followup.text.split())}"
        + (f" (due {followup.due.isoformat()})" if followup.due else "")
        for followup in followups
    ]


def _summary_note(person: Person, notes: list[Note]) -> str:
    """The story as a readable block for NOTE: facets, where you met, the last conversation,
    open follow-ups, then the dated notes. `parse_story_note` reads it back."""
    parts = [
        f"{FACET_LABELS[facet]}: {person.story[facet]}" for facet in FACETS if person.story[facet]
    ]
    if person.met_at:
        parts.append(f"{STORY_NOTE_MET}: {person.met_at}")
    last = _last_conversation_line(person)
    if last:
        parts.append(last)
    parts += _followup_lines(person)
    parts += [f"{note.date.isoformat()}: {note.text}" for note in notes]
    return "\n".join(parts)


def _add_uri(card: Any, name: str, uri: str) -> Any:
    """A URI value as it is: RFC 6350 and 2426 escape TEXT values, not URIs (`,` and `;` stay,
    `:` is never escaped); text values get vobject's backslash escaping."""
    line = card.add(name)
    line.value = uri.replace("\r", "").replace("\n", "")
    line.encoded = True
    return line


def vcard_date(value: str, version: str) -> str:
    """A stored `YYYY-MM-DD` / `--MM-DD` as vCard writes it: 4.0 in the basic format
    (`19850412`, `--0412`), 3.0 extended (`1985-04-12`, and `--04-12` as Google and Android
    write a birthday without a year)."""
    found = parse_partial_date(value)
    if found is None:
        return ""
    if version != "4.0":
        return found.iso
    if found.year is None:
        return f"--{found.month:02d}{found.day:02d}"
    return f"{found.year:04d}{found.month:02d}{found.day:02d}"


def _add_dates(card: Any, person: Person, version: str) -> None:
    """BDAY, and ANNIVERSARY (4.0) or X-ANNIVERSARY (3.0, as Android and Evolution write it)."""
    if person.birthday:
        card.add("bday").value = vcard_date(person.birthday, version)
    if person.anniversary:
        name = "anniversary" if version == "4.0" else "x-anniversary"
        card.add(name).value = vcard_date(person.anniversary, version)


def story_note(person: Person) -> str:
    """The NOTE text that a vCard of this person carries."""
    return _summary_note(person, list(person.notes.all()))


def person_vcard(person: Person, version: str = "4.0", *, uid: str | None = None) -> str:
    """One person as a vCard; `version` is "4.0" or "3.0". `uid` replaces Hallway's own UID
    (phone sync keeps the UID a phone gave a contact it created)."""
    card = vobject.vCard()
    card.add("version").value = version
    card.add("prodid").value = VCARD_PRODID
    card.add("fn").value = person.name
    words = person.name.split()
    card.add("n").value = vobject.vcard.Name(
        family=words[-1] if len(words) > 1 else "",
        given=" ".join(words[:-1]) if len(words) > 1 else person.name,
    )
    details = list(person.contact_details.all())  # type: ignore[attr-defined]
    pref = "PREF" if version == "4.0" else "TYPE"
    # The person's own e-mail and phone come first and are marked preferred; then the extra ones.
    for property_name, kind, first in (
        ("email", "email", person.email),
        ("tel", "phone", person.phone),
    ):
        for index, value in enumerate([first, *(d.value for d in details if d.kind == kind)]):
            if value:
                line = card.add(property_name)
                line.value = value
                if index == 0:
                    line.params[pref] = ["1" if version == "4.0" else "pref"]
    if person.company:
        card.add("org").value = [person.company]
    if person.role:
        card.add("title").value = person.role
    if person.location:
        card.add("adr").value = vobject.vcard.Address(city=person.location)
        card.add("x-hallway-location").value = person.location
    if person.website:
        _add_uri(card, "url", person.website)
    for detail in details:
        if detail.kind == "url" and detail.value:
            line = _add_uri(card, "url", detail.value)
            if detail.label:
                line.params["TYPE"] = [detail.label]
    _add_dates(card, person, version)
    if person.linkedin_url:
        _add_uri(card, "url", person.linkedin_url)
        _add_uri(card, "x-socialprofile", person.linkedin_url).params["TYPE"] = ["linkedin"]
    tags = person.tag_names
    if tags:
        card.add("categories").value = tags
    for facet in FACETS:
        if person.story[facet]:
            card.add(f"x-hallway-{facet}").value = person.story[facet]
    if person.met_at:
        card.add("x-hallway-met-at").value = person.met_at
    if person.keep_in_touch_days:
        card.add("x-hallway-keep-in-touch-days").value = str(person.keep_in_touch_days)
    notes = list(person.notes.all())
    for note in notes:
        line = card.add("x-hallway-note")
        line.value = note.text
        line.params["X-DATE"] = [note.date.isoformat()]
    summary = _summary_note(person, notes)
    if summary:
        card.add("note").value = summary
    card.add("rev").value = person.updated_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    card.add("uid").value = uid or person_uid(person.pk)
    text = card.serialize()
    photo = _photo(person)
    if photo is not None:
        data, kind = photo
        encoded = base64.b64encode(data).decode()
        if version == "4.0":
            line = f"PHOTO:data:image/{kind};base64,{encoded}"
        else:
            line = f"PHOTO;ENCODING=b;TYPE={kind.upper()}:{encoded}"
        text = text.replace("END:VCARD", _fold_line(line) + "\r\nEND:VCARD")
    return text


def vcards_export(
    *,
    user: Any,  # a User: hallway/api passes request.user (User | AnonymousUser to mypy)
    version: str = "4.0",
) -> Iterator[str]:
    """All the user's people as vCards, one string per person (stream them)."""
    if version not in VCARD_VERSIONS:
        raise ValueError(f"vCard version must be one of {', '.join(VCARD_VERSIONS)}.")
    for person in people_for_export(user=user).iterator(chunk_size=500):
        yield person_vcard(person, version)


def _site_host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "hallway"


def calendar_export(
    *,
    user: Any,  # a User: hallway/api passes request.user (User | AnonymousUser to mypy)
    events: Iterable[Event] | None = None,
) -> bytes:
    """The user's events, open follow-ups with a due date, and their people's birthdays and
    anniversaries (yearly), as one iCalendar file (UTC times)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Hallway//Hallway export//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Hallway")
    host = _site_host()
    now = timezone.now()
    for event in events if events is not None else owned(Event, user).order_by("starts_at", "id"):
        component = icalendar.Event()
        component.add("uid", f"hallway-event-{event.pk}@{host}")
        component.add("dtstamp", now)
        component.add("summary", event.name)
        component.add("dtstart", event.starts_at.astimezone(dt.UTC))
        if event.ends_at:
            component.add("dtend", event.ends_at.astimezone(dt.UTC))
        if event.location:
            component.add("location", event.location)
        if event.reflection:
            component.add("description", event.reflection)
            component.add("x-hallway-reflection", event.reflection)
        if event.goal_new_connections is not None:
            component.add("x-hallway-goal", str(event.goal_new_connections))
        calendar.add_component(component)
    followups = (
        owned(FollowUp, user)
        .filter(done=False, due__isnull=False)
        .select_related("person")
        .order_by("due", "id")
    )
    for followup in followups:
        component = icalendar.Event()
        component.add("uid", f"hallway-followup-{followup.pk}@{host}")
        component.add("dtstamp", now)
        component.add("summary", f"Follow up with {followup.person.name}: {followup.text}")
        component.add("dtstart", followup.due)
        component.add("dtend", followup.due + dt.timedelta(days=1))  # type: ignore[operator]
        component.add("transp", "TRANSPARENT")
        component.add("x-hallway-kind", "followup")
        calendar.add_component(component)
    _add_celebrations(calendar, user, host, now)
    return calendar.to_ical()


def _add_celebrations(calendar: Any, user: Any, host: str, now: dt.datetime) -> None:
    """Birthdays and anniversaries as yearly all-day entries, as in the calendar feed (from last
    year on); marked as Hallway's, so importing the file again creates no events from them."""
    people = (
        owned(Person, user)
        .exclude(birthday="", anniversary="")
        .only("id", "name", "birthday", "anniversary")
        .order_by("id")
    )
    first_year = now.year - 1
    for person in people.iterator(chunk_size=500):
        for kind, date in celebrations_of(person):
            component = celebration_event(
                kind=kind,
                date=date,
                name=person.name,
                first_year=first_year,
                uid=f"hallway-{kind}-{person.pk}@{host}",
                now=now,
            )
            component.add("x-hallway-kind", kind)
            calendar.add_component(component)
