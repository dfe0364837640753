"""Who is who: the keys that say two records are the same person, and the duplicates screen.

Matching uses Hallway's exported UID, e-mail, phone (digits, last nine; vanity letters read as
keypad digits), LinkedIn profile path and the normalised name; see PeopleIndex for the rule.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User

from hallway.lib.ownership import owned
from hallway.lib.story import normalize_name
from hallway.people.models import Person

PHONE_KEY_DIGITS = 9
MAX_GROUP_FOR_PAIRS = 12
HALLWAY_UID = re.compile(r"^hallway-person-(\d{1,18})$")

# Reasons an import gives for an automatic match (the report counts them under these words).
SAME_UID = "same Hallway UID"
SAME_LINKEDIN = "same LinkedIn profile"
SAME_EMAIL_AND_NAME = "same e-mail and name"
SAME_PHONE_AND_NAME = "same phone and name"
SAME_NAME = "same name"

# Letters on a phone keypad, so `+1-800-MYFAX` and `+1 800 69329` are the same number.
_KEYPAD = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "22233344455566677778889999" * 2,
)


# Compiled once: these run several times for every row of an import.
_PHONE_TAIL = re.compile(r"[;,]|\b(?:ext|x)\.?\s*\d", re.I)
_NOT_DIGIT = re.compile(r"\D")
_SCHEME = re.compile(r"^[a-z]+://")
_LINKEDIN_HOST_PREFIX = re.compile(r"^([a-z]{2,3}\.|www\.)")
_ANY_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_WWW = re.compile(r"^www\.")
_NOT_WORD = re.compile(r"[^\w]+")


def email_key(email: str) -> str:
    return (email or "").strip().lower()


def phone_digits(phone: str) -> str:
    """Every digit of a phone number, vanity letters read as their keypad digits."""
    value = (phone or "").strip()
    if value.lower().startswith("tel:"):
        value = value[4:]
    # An extension or a parameter after `;` or `,` is not part of the number.
    value = _PHONE_TAIL.split(value, maxsplit=1)[0]
    return _NOT_DIGIT.sub("", value.translate(_KEYPAD))


def phone_key(phone: str) -> str:
    digits = phone_digits(phone)
    return digits[-PHONE_KEY_DIGITS:] if len(digits) >= 7 else ""


def linkedin_key(url: str) -> str:
    """`https://www.linkedin.com/in/ann-lee/?trk=x` → `linkedin.com/in/ann-lee`."""
    value = (url or "").strip().lower()
    if "linkedin.com/" not in value:
        return ""
    value = _SCHEME.sub("", value)
    value = value.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    value = _LINKEDIN_HOST_PREFIX.sub("", value)
    return value


def url_key(url: str) -> str:
    """A web address compared forgivingly: scheme, `www.` and a trailing slash ignored."""
    value = (url or "").strip().lower()
    linkedin = linkedin_key(value)
    if linkedin:
        return linkedin
    value = _ANY_SCHEME.sub("", value)
    return _WWW.sub("", value).rstrip("/")


def detail_key(kind: str, value: str) -> str:
    """How a stored and an incoming e-mail, phone or link are compared (the same on both sides),
    so a value already known never counts as new."""
    if kind == "email":
        return "email:" + email_key(value)
    if kind == "phone":
        digits = phone_digits(value)
        return "phone:" + (digits or (value or "").strip().lower())
    return "url:" + url_key(value)


def name_key(name: str) -> str:
    """normalize_name, word by word: normalizing never joins or splits across white space, and
    the words of an import's names repeat, so each distinct word is worked out once."""
    return " ".join(key for key in map(_word_key, (name or "").split()) if key)


@functools.lru_cache(maxsize=65_536)
def _word_key(word: str) -> str:
    return normalize_name(word)


def _name_words(key: str) -> list[str]:
    return [word for word in _NOT_WORD.split(key) if word]


def names_agree(first: str, second: str) -> bool:
    """Whether two normalised names can be the same person: equal, the same words in another
    order (family name first), or one with words left out or shortened to initials
    (`Ann Lee` / `Ann B. Lee` / `A. Lee`). The first given name must agree."""
    if not first or not second:
        return False
    if first == second:
        return True
    a, b = _name_words(first), _name_words(second)
    if not a or not b:
        return False
    if sorted(a) == sorted(b):
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)

    def same(word: str, other: str) -> bool:
        return (
            word == other
            or (len(word) == 1 and other.startswith(word))
            or (len(other) == 1 and word.startswith(other))
        )

    if not same(short[0], long[0]):
        return False
    position = 0
    for word in short:
        while position < len(long) and not same(word, long[position]):
            position += 1
        if position == len(long):
            return False
        position += 1
    # At least one word written out in full on both sides, and a family name when both have one.
    full = any(len(word) > 1 and word in long for word in short)
    return full and (len(short) == 1 or same(short[-1], long[-1]))


@dataclass
class Keys:
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    linkedin: str = ""
    name: str = ""
    uid: str = ""


def keys_of(
    *,
    name: str,
    emails: list[str],
    phones: list[str],
    linkedin_url: str,
    urls: list[str] | None = None,
    uid: str = "",
) -> Keys:
    linkedin = linkedin_key(linkedin_url) or next(
        (linkedin_key(url) for url in urls or [] if linkedin_key(url)), ""
    )
    # Each key worked out once, and none for the empty values (most people have no phone)
    return Keys(
        emails={key for key in map(email_key, filter(None, emails)) if key},
        phones={key for key in map(phone_key, filter(None, phones)) if key},
        linkedin=linkedin,
        name=name_key(name),
        uid=(uid or "").strip(),
    )


def hallway_uid_id(uid: str) -> int | None:
    """The person id in a UID Hallway wrote on export (`hallway-person-12`), else None."""
    found = HALLWAY_UID.match((uid or "").strip())
    return int(found.group(1)) if found else None


class PeopleIndex:
    """The user's people by every key, loaded once so each row is matched without a query.

    The rule (docs/interop.md, "How an import decides"): a record is the same person as one of
    yours when it carries the UID Hallway wrote on export for that person, when it has the same
    LinkedIn profile, when it shares an e-mail or phone *and* the names agree, or when the names
    are equal and no e-mail or LinkedIn profile contradicts it. A shared e-mail or phone with a
    different name (a switchboard, a family, a team inbox) is only a *possible duplicate*.
    """

    def __init__(self) -> None:
        self.by_email: dict[str, list[Any]] = defaultdict(list)
        self.by_phone: dict[str, list[Any]] = defaultdict(list)
        self.by_linkedin: dict[str, list[Any]] = defaultdict(list)
        self.by_name: dict[str, list[Any]] = defaultdict(list)
        self.by_id: set[Any] = set()
        self.keys: dict[Any, Keys] = {}
        # Which Hallway UID of the file claimed a person: one export's two people never fold.
        self.claimed_by: dict[Any, str] = {}

    @classmethod
    def for_user(cls, user: User) -> PeopleIndex:
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
            index.by_id.add(person_id)
        return index

    def _index_contacts(self, ref: Any, keys: Keys) -> None:
        """Every record with an e-mail, phone or LinkedIn URL is found by it (several people
        can share one)."""
        for email in keys.emails:
            if ref not in self.by_email[email]:
                self.by_email[email].append(ref)
        for phone in keys.phones:
            if ref not in self.by_phone[phone]:
                self.by_phone[phone].append(ref)
        if keys.linkedin and ref not in self.by_linkedin[keys.linkedin]:
            self.by_linkedin[keys.linkedin].append(ref)

    def add(self, ref: Any, keys: Keys) -> None:
        self.keys[ref] = keys
        self._index_contacts(ref, keys)
        if keys.name:
            self.by_name[keys.name].append(ref)
        if keys.uid:
            self.claimed_by[ref] = keys.uid

    def merge_keys(self, ref: Any, keys: Keys) -> None:
        """A record matched to `ref` brings its keys along (so a third copy matches too)."""
        known = self.keys.setdefault(ref, Keys(name=keys.name))
        known.emails |= keys.emails
        known.phones |= keys.phones
        known.linkedin = known.linkedin or keys.linkedin
        self._index_contacts(ref, keys)
        if keys.uid:
            self.claimed_by.setdefault(ref, keys.uid)

    def _free(self, ref: Any, keys: Keys) -> bool:
        """False when a record with another Hallway UID of this file already took `ref`."""
        other = self.claimed_by.get(ref, "")
        if not other or not keys.uid or other == keys.uid:
            return True
        return hallway_uid_id(other) is None or hallway_uid_id(keys.uid) is None

    def match(self, keys: Keys) -> tuple[Any, str, Any]:
        """(the same person or None, why, a possible duplicate or None).

        When there is no match but a possible duplicate, `why` says what the two share."""
        uid_id = hallway_uid_id(keys.uid)
        if uid_id is not None and uid_id in self.by_id:
            known = self.keys[uid_id]
            # A UID from another Hallway installation can point at someone else: the person
            # must still share the name or a detail.
            if (
                names_agree(keys.name, known.name)
                or keys.emails & known.emails
                or keys.phones & known.phones
                or (keys.linkedin and keys.linkedin == known.linkedin)
            ):
                return uid_id, SAME_UID, None
        if keys.linkedin:
            for ref in self.by_linkedin.get(keys.linkedin, []):
                if self._free(ref, keys):
                    return ref, SAME_LINKEDIN, None
        maybe: Any = None
        maybe_reason = ""
        for shared, table, reason in (
            ("e-mail", self.by_email, SAME_EMAIL_AND_NAME),
            ("phone", self.by_phone, SAME_PHONE_AND_NAME),
        ):
            values = keys.emails if shared == "e-mail" else keys.phones
            for value in sorted(values):
                for ref in table.get(value, []):
                    if not self._free(ref, keys):
                        continue
                    if names_agree(keys.name, self.keys[ref].name):
                        return ref, reason, None
                    if maybe is None:
                        maybe, maybe_reason = ref, f"same {shared}, different name"
        for candidate in self.by_name.get(keys.name, []) if keys.name else []:
            if not self._free(candidate, keys):
                continue
            known = self.keys[candidate]
            conflict = (keys.emails and known.emails) or (keys.linkedin and known.linkedin)
            if not conflict:
                return candidate, SAME_NAME, None
            if maybe is None:
                maybe, maybe_reason = candidate, "same name, other details"
        return None, maybe_reason, maybe
