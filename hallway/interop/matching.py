"""Who is who: the keys that say two records are the same person, and the duplicates screen.

Matching uses e-mail, phone (digits, last nine), LinkedIn profile path and the normalised name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from hallway.lib.ownership import owned
from hallway.lib.story import normalize_name
from hallway.people.models import Person

PHONE_KEY_DIGITS = 9
MAX_GROUP_FOR_PAIRS = 12


def email_key(email: str) -> str:
    return (email or "").strip().lower()


def phone_key(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    return digits[-PHONE_KEY_DIGITS:] if len(digits) >= 7 else ""


def linkedin_key(url: str) -> str:
    """`https://www.linkedin.com/in/ann-lee/?trk=x` → `linkedin.com/in/ann-lee`."""
    value = (url or "").strip().lower()
    if "linkedin.com/" not in value:
        return ""
    value = re.sub(r"^[a-z]+://", "", value)
    value = value.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    value = re.sub(r"^([a-z]{2,3}\.|www\.)", "", value)
    return value


def name_key(name: str) -> str:
    return normalize_name(name)


@dataclass
class Keys:
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    linkedin: str = ""
    name: str = ""


def keys_of(
    *,
    name: str,
    emails: list[str],
    phones: list[str],
    linkedin_url: str,
    urls: list[str] | None = None,
) -> Keys:
    linkedin = linkedin_key(linkedin_url) or next(
        (linkedin_key(url) for url in urls or [] if linkedin_key(url)), ""
    )
    return Keys(
        emails={email_key(e) for e in emails if email_key(e)},
        phones={phone_key(p) for p in phones if phone_key(p)},
        linkedin=linkedin,
        name=name_key(name),
    )


class PeopleIndex:
    """The user's people by every key, loaded once so each row is matched without a query."""

    def __init__(self) -> None:
        self.by_email: dict[str, Any] = {}
        self.by_phone: dict[str, Any] = {}
        self.by_linkedin: dict[str, Any] = {}
        self.by_name: dict[str, list[Any]] = defaultdict(list)
        self.keys: dict[Any, Keys] = {}

    @classmethod
    def for_user(cls, user: Any) -> PeopleIndex:
        from hallway.interop.models import ContactDetail

        index = cls()
        extras: dict[int, dict[str, list[str]]] = defaultdict(
            lambda: {"email": [], "phone": [], "url": []}
        )
        for person_id, kind, value in owned(ContactDetail, user).values_list(
            "person_id", "kind", "value"
        ):
            extras[person_id][kind].append(value)
        rows = owned(Person, user).values_list("id", "name", "email", "phone", "linkedin_url")
        for person_id, name, email, phone, linkedin_url in rows.iterator(chunk_size=5000):
            more = extras.get(person_id, {"email": [], "phone": [], "url": []})
            index.add(
                person_id,
                keys_of(
                    name=name,
                    emails=[email, *more["email"]],
                    phones=[phone, *more["phone"]],
                    linkedin_url=linkedin_url,
                    urls=more["url"],
                ),
            )
        return index

    def add(self, ref: Any, keys: Keys) -> None:
        self.keys[ref] = keys
        self._index_contacts(ref, keys)
        if keys.name:
            self.by_name[keys.name].append(ref)

    def merge_keys(self, ref: Any, keys: Keys) -> None:
        """A record merged into `ref` brings its keys along (so a third copy matches too)."""
        known = self.keys.setdefault(ref, Keys(name=keys.name))
        known.emails |= keys.emails
        known.phones |= keys.phones
        known.linkedin = known.linkedin or keys.linkedin
        self._index_contacts(ref, keys)

    def _index_contacts(self, ref: Any, keys: Keys) -> None:
        """The first record with an e-mail, phone or LinkedIn URL keeps it."""
        for email in keys.emails:
            self.by_email.setdefault(email, ref)
        for phone in keys.phones:
            self.by_phone.setdefault(phone, ref)
        if keys.linkedin:
            self.by_linkedin.setdefault(keys.linkedin, ref)

    def match(self, keys: Keys) -> tuple[Any, str, Any]:
        """(the same person or None, why, a possible duplicate or None)."""
        for email in sorted(keys.emails):
            if email in self.by_email:
                return self.by_email[email], "same e-mail", None
        if keys.linkedin and keys.linkedin in self.by_linkedin:
            return self.by_linkedin[keys.linkedin], "same LinkedIn profile", None
        for phone in sorted(keys.phones):
            if phone in self.by_phone:
                return self.by_phone[phone], "same phone", None
        for candidate in self.by_name.get(keys.name, []) if keys.name else []:
            known = self.keys[candidate]
            conflict = (keys.emails and known.emails) or (keys.linkedin and known.linkedin)
            if not conflict:
                return candidate, "same name", None
            return None, "", candidate
        return None, "", None


@dataclass
class DuplicatePair:
    first: Person
    second: Person
    reasons: list[str]


def possible_duplicates(*, user: Any, limit: int = 50) -> list[DuplicatePair]:
    """Pairs of the user's people that share an e-mail, phone, LinkedIn profile or name."""
    from hallway.interop.models import ContactDetail, NotDuplicate

    groups: dict[tuple[str, str], set[int]] = defaultdict(set)
    for person_id, name, email, phone, linkedin_url in (
        owned(Person, user)
        .values_list("id", "name_normalized", "email", "phone", "linkedin_url")
        .iterator(chunk_size=5000)
    ):
        # Most people have no phone or LinkedIn: don't run the patterns on empty values.
        for reason, key in (
            ("same name", name),
            ("same e-mail", email and email_key(email)),
            ("same phone", phone and phone_key(phone)),
            ("same LinkedIn profile", linkedin_url and linkedin_key(linkedin_url)),
        ):
            if key:
                groups[(reason, key)].add(person_id)
    for person_id, kind, value in owned(ContactDetail, user).values_list(
        "person_id", "kind", "value"
    ):
        if kind == "email" and email_key(value):
            groups[("same e-mail", email_key(value))].add(person_id)
        elif kind == "phone" and phone_key(value):
            groups[("same phone", phone_key(value))].add(person_id)
        elif kind == "url" and linkedin_key(value):
            groups[("same LinkedIn profile", linkedin_key(value))].add(person_id)
    dismissed = set(owned(NotDuplicate, user).values_list("first_id", "second_id"))
    reasons: dict[tuple[int, int], list[str]] = defaultdict(list)
    for (reason, _), ids in groups.items():
        if len(ids) < 2:
            continue
        ordered = sorted(ids)[:MAX_GROUP_FOR_PAIRS]
        for position, first in enumerate(ordered):
            for second in ordered[position + 1 :]:
                if (first, second) not in dismissed and reason not in reasons[(first, second)]:
                    reasons[(first, second)].append(reason)
    strength = {"same e-mail": 3, "same LinkedIn profile": 3, "same phone": 2, "same name": 1}
    ranked = sorted(
        reasons.items(), key=lambda item: (-sum(strength[r] for r in item[1]), item[0])
    )[:limit]
    # With their tags in one query: the page and the API show them for every person.
    people = (
        owned(Person, user)
        .prefetch_related("tags")
        .in_bulk({pid for pair, _ in ranked for pid in pair})
    )
    return [
        DuplicatePair(first=people[first], second=people[second], reasons=why)
        for (first, second), why in ranked
        if first in people and second in people
    ]
