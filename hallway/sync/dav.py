"""Radicale's storage and rights plugins on Hallway's own tables.

Radicale (GPLv3+) speaks WebDAV/CardDAV/CalDAV: discovery, PROPFIND, REPORT (multiget, query,
sync-collection), ETag preconditions, vCard and iCalendar parsing. This module answers its
questions from Hallway's tables; nothing is stored twice:

    /dav/<username>/            the principal (address book and calendar home)
    /dav/<username>/contacts/   every person, one vCard each (read and write)
    /dav/<username>/calendar/   events and open follow-ups (read only)

A person's vCard is rendered by the export code when a client reads it; its ETag is the
person's sync revision, so listing 10,000 ETags needs no vCard at all.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from email.utils import format_datetime
from typing import Any

import icalendar
from django.contrib.auth.models import User
from radicale import item as radicale_item
from radicale import pathutils, rights, storage, types

from hallway.interop.exporting import calendar_export, people_for_export, person_vcard
from hallway.sync import cards, selectors

# The user the current DAV request authenticated as (set by the Django view).
current_user: contextvars.ContextVar[Any] = contextvars.ContextVar("hallway_dav_user")
# vCard version the client asked for ("3.0" unless it asked for 4.0).
requested_version: contextvars.ContextVar[str] = contextvars.ContextVar(
    "hallway_dav_vcard_version", default="3.0"
)

CONTACTS = "contacts"
CALENDAR = "calendar"
SYNC_TOKEN_PREFIX = "http://hallway.invalid/ns/sync/"
_RENDER_BATCH = 200


def _http_date(moment: dt.datetime) -> str:
    return format_datetime(moment.astimezone(dt.UTC), usegmt=True)


def _user() -> Any:
    return current_user.get()


class _LazyItem(radicale_item.Item):
    """An item whose text is rendered only when a client reads it."""

    def __init__(self, *, loader: _CardLoader, person_id: int, **kwargs: Any) -> None:
        super().__init__(text="", **kwargs)
        self._text = None
        self._loader = loader
        self._person_id = person_id

    def serialize(self) -> str:
        if self._text is None:
            self._text = self._loader.text(self._person_id)
        return self._text


class _CardLoader:
    """Renders vCards in batches (one set of prefetching queries per batch)."""

    def __init__(self, user: User, person_ids: list[int], uids: Mapping[int, str]) -> None:
        self._user = user
        self._ids = person_ids
        self._position = {person_id: index for index, person_id in enumerate(person_ids)}
        self._uids = uids
        self._texts: dict[int, str] = {}

    def text(self, person_id: int) -> str:
        if person_id not in self._texts:
            start = self._position.get(person_id, 0) // _RENDER_BATCH * _RENDER_BATCH
            batch = self._ids[start : start + _RENDER_BATCH] or [person_id]
            version = requested_version.get()
            for person in people_for_export(user=self._user).filter(pk__in=batch):
                self._texts[person.pk] = person_vcard(
                    person, version, uid=self._uids.get(person.pk)
                )
        return self._texts.get(person_id, "")


class _Collection(storage.BaseCollection):
    tag_name = ""

    def __init__(self, path: str) -> None:
        self._path = path

    @property
    def path(self) -> str:
        return self._path

    def get_meta(self, key: str | None = None) -> Any:
        meta = self._meta()
        return meta if key is None else meta.get(key)

    def _meta(self) -> dict[str, str]:
        return {}

    def set_meta(self, props: Mapping[str, str]) -> None:
        raise ValueError("Hallway's address book and calendar properties are fixed.")

    @property
    def last_modified(self) -> str:
        return _http_date(selectors.last_change_at(owner=_user()))

    def get_multi(self, hrefs: Iterable[str]) -> Iterable[tuple[str, radicale_item.Item | None]]:
        return [(href, None) for href in hrefs]

    def get_all(self) -> Iterable[radicale_item.Item]:
        return []

    def upload(self, href: str, item: radicale_item.Item) -> Any:
        raise ValueError("This collection is read only.")

    def delete(self, href: str | None = None) -> None:
        raise ValueError("This collection is read only.")


class _Root(_Collection):
    def __init__(self) -> None:
        super().__init__("")


class _Principal(_Collection):
    pass


class AddressBook(_Collection):
    """Every person of the user; written through Hallway's services."""

    def _meta(self) -> dict[str, str]:
        return {
            "tag": "VADDRESSBOOK",
            "D:displayname": "Hallway",
            "CR:addressbook-description": "Your people and their stories, from Hallway",
        }

    @property
    def etag(self) -> str:
        return f'"hallway-{selectors.current_revision(owner=_user())}"'

    def _items(self, cards: list[selectors.CardInfo]) -> Iterator[radicale_item.Item]:
        loader = _CardLoader(
            _user(),
            [card.person_id for card in cards],
            {card.person_id: card.uid for card in cards},
        )
        for card in cards:
            yield _LazyItem(
                loader=loader,
                person_id=card.person_id,
                collection=self,
                href=card.href,
                etag=card.etag,
                uid=card.uid,
                name="VCARD",
                component_name="VCARD",
                last_modified=_http_date(card.updated_at),
            )

    def get_all(self) -> Iterable[radicale_item.Item]:
        return list(self._items(selectors.cards_all(owner=_user())))

    def get_multi(self, hrefs: Iterable[str]) -> Iterable[tuple[str, radicale_item.Item | None]]:
        wanted = list(dict.fromkeys(hrefs))
        found = {
            item.href: item
            for item in self._items(selectors.cards_by_href(owner=_user(), hrefs=wanted))
        }
        return [(href, found.get(href)) for href in wanted]

    def has_uid(self, uid: str) -> bool:
        return selectors.card_uid_exists(owner=_user(), uid=uid)

    def sync(self, old_token: str = "") -> tuple[str, Iterable[str]]:
        user = _user()
        revision = selectors.current_revision(owner=user)
        token = f"{SYNC_TOKEN_PREFIX}{revision}"
        if not old_token:
            return token, [card.href for card in selectors.cards_all(owner=user)]
        if not old_token.startswith(SYNC_TOKEN_PREFIX):
            raise ValueError("Not a Hallway sync token.")
        try:
            since = int(old_token[len(SYNC_TOKEN_PREFIX) :])
        except ValueError as error:
            raise ValueError("Not a Hallway sync token.") from error
        if since < 0 or since > revision:
            raise ValueError("This sync token is from the future.")
        return token, selectors.hrefs_changed_since(owner=user, revision=since)

    def upload(
        self, href: str, item: radicale_item.Item
    ) -> tuple[radicale_item.Item, radicale_item.Item | None]:
        user = _user()
        old = dict(self.get_multi([href])).get(href)
        try:
            person = cards.card_put(owner=user, href=href, text=item.serialize(), uid=item.uid)
        except cards.CardError as error:
            raise ValueError(error.message) from error
        new = dict(self.get_multi([href])).get(href)
        assert new is not None, person
        return new, old

    def delete(self, href: str | None = None) -> None:
        if href is None:
            raise ValueError("The Hallway address book itself cannot be deleted.")
        cards.card_delete(owner=_user(), href=href)


class Calendar(_Collection):
    """Events and open follow-ups, one iCalendar item each, from the calendar export."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self._cache: list[tuple[str, str, str]] | None = None

    def _meta(self) -> dict[str, str]:
        return {
            "tag": "VCALENDAR",
            "D:displayname": "Hallway",
            "C:calendar-description": "Your events and follow-ups from Hallway (read only)",
            "C:supported-calendar-component-set": "VEVENT",
        }

    def _entries(self) -> list[tuple[str, str, str]]:
        """(href, text, etag) of each event and follow-up."""
        if self._cache is None:
            calendar = icalendar.Calendar.from_ical(calendar_export(user=_user()))
            entries = []
            for component in calendar.walk("VEVENT"):
                single = icalendar.Calendar()
                for key in ("prodid", "version", "calscale"):
                    single.add(key, calendar[key])
                single.add_component(component)
                text = single.to_ical().decode()
                uid = str(component["uid"]).split("@", 1)[0]
                # DTSTAMP is the time of rendering: leave it out of the ETag.
                stable = "\n".join(
                    line for line in text.splitlines() if not line.startswith("DTSTAMP")
                )
                etag = f'"{hashlib.sha256(stable.encode()).hexdigest()[:32]}"'
                entries.append((f"{uid}.ics", text, etag))
            self._cache = entries
        return self._cache

    def _item(self, href: str, text: str, etag: str) -> radicale_item.Item:
        return radicale_item.Item(
            collection=self, href=href, text=text, etag=etag, last_modified=self.last_modified
        )

    def get_all(self) -> Iterable[radicale_item.Item]:
        return [self._item(*entry) for entry in self._entries()]

    def get_multi(self, hrefs: Iterable[str]) -> Iterable[tuple[str, radicale_item.Item | None]]:
        entries = {entry[0]: entry for entry in self._entries()}
        return [(href, self._item(*entries[href]) if href in entries else None) for href in hrefs]

    @property
    def etag(self) -> str:
        digest = hashlib.sha256("".join(entry[2] for entry in self._entries()).encode())
        return f'"{digest.hexdigest()[:32]}"'

    def sync(self, old_token: str = "") -> tuple[str, Iterable[str]]:
        token = f"{SYNC_TOKEN_PREFIX}calendar-{self.etag.strip(chr(34))}"
        if old_token and old_token != token:
            # No history for the calendar: a client with an older token reads it again.
            raise ValueError("The calendar changed; read it again.")
        return token, [] if old_token else [entry[0] for entry in self._entries()]


class Storage(storage.BaseStorage):
    """Radicale storage plugin: every path is resolved for the authenticated user only."""

    _supports_unicode = True

    def _collection(self, user: User, parts: list[str]) -> _Collection | None:
        base = f"{user.get_username()}"
        if len(parts) == 1:
            return _Principal(base)
        if parts[1] == CONTACTS:
            return AddressBook(f"{base}/{CONTACTS}")
        if parts[1] == CALENDAR:
            return Calendar(f"{base}/{CALENDAR}")
        return None

    def discover(
        self,
        path: str,
        depth: str = "0",
        child_context_manager: Any = None,
        user_groups: Any = frozenset(),
    ) -> Iterable[types.CollectionOrItem]:
        user = current_user.get(None)
        sane = pathutils.strip_path(pathutils.sanitize_path(path))
        parts = sane.split("/") if sane else []
        if not parts:
            yield _Root()
            if depth != "0" and user is not None:
                yield _Principal(user.get_username())
            return
        if user is None or parts[0] != user.get_username() or len(parts) > 3:
            return
        collection = self._collection(user, parts[:2])
        if collection is None:
            return
        if len(parts) == 3:
            item = dict(collection.get_multi([parts[2]])).get(parts[2])
            if item is not None:
                yield item
            return
        yield collection
        if depth == "0":
            return
        if isinstance(collection, _Principal):
            yield AddressBook(f"{sane}/{CONTACTS}")
            yield Calendar(f"{sane}/{CALENDAR}")
        else:
            yield from collection.get_all()

    def move(self, item: radicale_item.Item, to_collection: Any, to_href: str) -> None:
        raise ValueError("Moving contacts is not supported.")

    def create_collection(self, href: str, items: Any = None, props: Any = None) -> Any:
        raise ValueError("Hallway has one address book and one calendar.")

    @types.contextmanager
    def acquire_lock(self, mode: str, user: str = "", *args: Any, **kwargs: Any) -> Iterator[None]:
        # The database transaction of the request is the lock.
        yield

    def verify(self) -> bool:
        return True


class Rights(rights.BaseRights):
    """Radicale rights plugin: your own address book (read/write) and calendar (read)."""

    def authorization(self, user: str, user_groups: Any, path: str) -> str:
        if not user:
            return ""
        sane = pathutils.strip_path(path)
        if not sane:
            return "R"
        parts = sane.split("/")
        if parts[0] != user:
            return ""
        if len(parts) == 1:
            return "R"
        if len(parts) == 2 and parts[1] == CONTACTS:
            return "rw"
        if len(parts) == 2 and parts[1] == CALENDAR:
            return "r"
        return ""
