"""Reads for phone sync: which cards exist under which file name, with which ETag, and what
changed since a revision. Every query is scoped to the owner."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone

from hallway.interop.exporting import person_uid
from hallway.people.models import Person
from hallway.sync.models import CardChange, ClientCard, DeletedPerson, DevicePassword, SyncCounter

TRASH_DAYS = 30
_OWN_HREF = re.compile(r"^hallway-person-(\d+)\.vcf$")
_OWN_UID = re.compile(r"^hallway-person-(\d+)$")


def own_href(person_id: int) -> str:
    """The file name of a person Hallway created (the UID plus .vcf)."""
    return f"{person_uid(person_id)}.vcf"


@dataclass(frozen=True)
class CardInfo:
    person_id: int
    href: str
    uid: str
    etag: str
    updated_at: dt.datetime


def _etag(person_id: int, revision: int) -> str:
    # Strong: the revision changes with every write that changes what the vCard shows.
    return f'"{person_id}-{revision}"'


_CHUNK = 5000  # ids per IN list: far below SQLite's limit on bound parameters


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _cards(owner: User, person_ids: list[int] | None = None) -> list[CardInfo]:
    """Cards of all the owner's people, or of the given ids (that are the owner's)."""
    people = Person.objects.filter(owner=owner).order_by("id")
    if person_ids is None:
        rows = list(people.values_list("id", "updated_at"))
    else:
        rows = sorted(
            row
            for chunk in _chunks(sorted(set(person_ids)))
            for row in people.filter(pk__in=chunk).values_list("id", "updated_at")
        )
    ids = [row[0] for row in rows]
    revisions: dict[int, int] = {}
    clients: dict[int, tuple[str, str]] = {}
    # Chunked so a 100,000-person address book never sends one giant IN list.
    for chunk in _chunks(ids):
        revisions.update(
            CardChange.objects.filter(owner=owner, person_id__in=chunk).values_list(
                "person_id", "revision"
            )
        )
        clients.update(
            (person_id, (href, uid))
            for person_id, href, uid in ClientCard.objects.filter(
                owner=owner, person_id__in=chunk
            ).values_list("person_id", "href", "uid")
        )
    cards = []
    for person_id, updated_at in rows:
        href, uid = clients.get(person_id, (own_href(person_id), person_uid(person_id)))
        cards.append(
            CardInfo(
                person_id, href, uid, _etag(person_id, revisions.get(person_id, 0)), updated_at
            )
        )
    return cards


def cards_all(*, owner: User) -> list[CardInfo]:
    return _cards(owner)


def person_ids_for_hrefs(*, owner: User, hrefs: Iterable[str]) -> dict[str, int]:
    """href -> person id, for the hrefs that name one of the owner's people."""
    wanted = list(dict.fromkeys(hrefs))
    found: dict[str, int] = {}
    for chunk in _chunks(wanted):
        found.update(
            ClientCard.objects.filter(owner=owner, href__in=chunk).values_list("href", "person_id")
        )
    own = {}
    for href in wanted:
        match = _OWN_HREF.match(href)
        if match and href not in found:
            own[href] = int(match.group(1))
    if own:
        # A person a phone created is known by the phone's file name only.
        renamed: set[int] = set()
        existing: set[int] = set()
        for chunk in _chunks(list(own.values())):
            renamed.update(
                ClientCard.objects.filter(owner=owner, person_id__in=chunk).values_list(
                    "person_id", flat=True
                )
            )
            existing.update(
                Person.objects.filter(owner=owner, pk__in=chunk).values_list("pk", flat=True)
            )
        found.update(
            {
                href: person_id
                for href, person_id in own.items()
                if person_id in existing and person_id not in renamed
            }
        )
    return found


def cards_by_href(*, owner: User, hrefs: Iterable[str]) -> list[CardInfo]:
    ids = person_ids_for_hrefs(owner=owner, hrefs=hrefs)
    if not ids:
        return []
    return _cards(owner, list(ids.values()))


def person_for_href(*, owner: User, href: str) -> Person | None:
    person_id = person_ids_for_hrefs(owner=owner, hrefs=[href]).get(href)
    return None if person_id is None else Person.objects.filter(owner=owner, pk=person_id).first()


def card_uid_exists(*, owner: User, uid: str) -> bool:
    if ClientCard.objects.filter(owner=owner, uid=uid).exists():
        return True
    match = _OWN_UID.match(uid)
    if not match:
        return False
    person_id = int(match.group(1))
    return (
        Person.objects.filter(owner=owner, pk=person_id).exists()
        and not ClientCard.objects.filter(owner=owner, person_id=person_id).exists()
    )


def current_revision(*, owner: User) -> int:
    return SyncCounter.objects.filter(owner=owner).values_list("revision", flat=True).first() or 0


def last_change_at(*, owner: User) -> dt.datetime:
    return (
        SyncCounter.objects.filter(owner=owner).values_list("changed_at", flat=True).first()
        or timezone.now()
    )


def hrefs_changed_since(*, owner: User, revision: int) -> list[str]:
    """File names of the cards changed or deleted after `revision` (deleted ones answer 404)."""
    return [
        href or own_href(person_id)
        for person_id, href in CardChange.objects.filter(owner=owner, revision__gt=revision)
        .order_by("revision", "person_id")
        .values_list("person_id", "href")
    ]


def device_passwords_of(*, owner: User) -> QuerySet[DevicePassword]:
    return DevicePassword.objects.filter(owner=owner)


def trash_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=TRASH_DAYS)


def deleted_people_of(*, owner: User) -> QuerySet[DeletedPerson]:
    """People deleted in the last 30 days, newest first (without the heavy snapshots)."""
    return (
        DeletedPerson.objects.filter(owner=owner, deleted_at__gte=trash_cutoff())
        .defer("snapshot")
        .order_by("-deleted_at", "-id")
    )
