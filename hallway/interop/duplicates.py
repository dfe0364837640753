"""Possible duplicates: pairs of the user's people who share a name, e-mail, phone or LinkedIn
profile (the import's keys, hallway.interop.matching), strongest first.

The pairs are found without reading every person (100,000 rows through the ORM took seconds):

- SQL finds the names and e-mail addresses that several people share (GROUP BY … HAVING over
  the covering indexes on (owner, name_normalized, id) and (owner, LOWER(email), email), each
  read in its order: nothing is sorted).
- Only people who may share a stronger key are read and keyed in Python: those with a phone or
  a LinkedIn URL or an unusual e-mail address (partial indexes; unusual: non-ASCII, or a space
  or control character at an end, where SQL's LOWER and Python's `strip().lower()` could
  disagree), a shared address, or the e-mail of a contact detail. With everyone who shares a
  name with them, they go through the same grouping as before, in the same order, so each
  pair's reasons are the same list.
- Pairs that share only a name rank last, by ids: only the people of the first few shared
  names (by their first person's id) are read, instead of building every same-name pair.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import connection

from hallway.interop.matching import (
    MAX_GROUP_FOR_PAIRS,
    email_key,
    linkedin_key,
    phone_key,
)
from hallway.interop.models import ContactDetail, NotDuplicate
from hallway.lib.ownership import owned
from hallway.people.models import Person

SAME_NAME = "same name"
SAME_EMAIL = "same e-mail"
SAME_PHONE = "same phone"
SAME_LINKEDIN = "same LinkedIn profile"
STRENGTH = {SAME_EMAIL: 3, SAME_LINKEDIN: 3, SAME_PHONE: 2, SAME_NAME: 1}

Pair = tuple[int, int]
# (id, name_normalized, email, phone, linkedin_url)
PersonKeys = tuple[int, str, str, str, str]
# (person_id, reason, key) of a contact detail
DetailKey = tuple[int, str, str]


@dataclass
class DuplicatePair:
    first: Person
    second: Person
    reasons: list[str]


def possible_duplicates(*, user: User, limit: int = 50) -> list[DuplicatePair]:
    """Pairs of the user's people that share an e-mail, phone, LinkedIn profile or name."""
    if not getattr(user, "is_authenticated", False):
        return []
    details = _detail_keys(user)
    dismissed = set(owned(NotDuplicate, user).values_list("first_id", "second_id"))
    strong = _strong_pairs(user, details, dismissed)
    ranked = sorted(strong.items(), key=lambda item: (-sum(STRENGTH[r] for r in item[1]), item[0]))[
        :limit
    ]
    if len(ranked) < limit:
        skip = dismissed | set(strong)
        ranked += [
            (pair, [SAME_NAME]) for pair in _name_only_pairs(user, limit - len(ranked), skip)
        ]
    if not ranked:
        return []
    # With their tags in one query: the page and the API show them for every person.
    people = (
        owned(Person, user)
        .prefetch_related("tags")
        .in_bulk({person_id for pair, _ in ranked for person_id in pair})
    )
    return [
        DuplicatePair(first=people[first], second=people[second], reasons=why)
        for (first, second), why in ranked
        if first in people and second in people
    ]


def _detail_keys(user: User) -> list[DetailKey]:
    """The keys of every contact detail, in the order the grouping has always read them."""
    keys: list[DetailKey] = []
    for person_id, kind, value in owned(ContactDetail, user).values_list(
        "person_id", "kind", "value"
    ):
        if kind == "email" and email_key(value):
            keys.append((person_id, SAME_EMAIL, email_key(value)))
        elif kind == "phone" and phone_key(value):
            keys.append((person_id, SAME_PHONE, phone_key(value)))
        elif kind == "url" and linkedin_key(value):
            keys.append((person_id, SAME_LINKEDIN, linkedin_key(value)))
    return keys


def _groups(rows: Iterable[PersonKeys], details: Sequence[DetailKey]) -> dict[Any, set[int]]:
    """People by (reason, key), in the order the keys were first met (people by name, then
    the contact details): that order is the order of each pair's reasons. Each key is tested
    inline, and the patterns run only on values that are there."""
    groups: dict[tuple[str, str], set[int]] = defaultdict(set)
    for person_id, name, email, phone, linkedin_url in rows:
        if name:
            groups[(SAME_NAME, name)].add(person_id)
        if email and (key := email_key(email)):
            groups[(SAME_EMAIL, key)].add(person_id)
        if phone and (key := phone_key(phone)):
            groups[(SAME_PHONE, key)].add(person_id)
        if linkedin_url and (key := linkedin_key(linkedin_url)):
            groups[(SAME_LINKEDIN, key)].add(person_id)
    for person_id, reason, key in details:
        groups[(reason, key)].add(person_id)
    return groups


def _involved(rows: Iterable[PersonKeys], details: Sequence[DetailKey]) -> set[int]:
    """Who shares an e-mail, phone or LinkedIn key with someone else. Each key keeps its first
    person only: a set per key (the grouping's) cost 0.5 s of CPU for 67,000 people with a
    phone or a LinkedIn URL, whose keys are nearly all nobody else's."""
    seen: dict[str, dict[str, int]] = {SAME_EMAIL: {}, SAME_PHONE: {}, SAME_LINKEDIN: {}}
    emails, phones, linkedins = seen[SAME_EMAIL], seen[SAME_PHONE], seen[SAME_LINKEDIN]
    involved: set[int] = set()
    for person_id, _, email, phone, linkedin_url in rows:
        if email and (key := email_key(email)):
            other = emails.setdefault(key, person_id)
            if other != person_id:
                involved.update((other, person_id))
        if phone and (key := phone_key(phone)):
            other = phones.setdefault(key, person_id)
            if other != person_id:
                involved.update((other, person_id))
        if linkedin_url and (key := linkedin_key(linkedin_url)):
            other = linkedins.setdefault(key, person_id)
            if other != person_id:
                involved.update((other, person_id))
    for person_id, reason, key in details:
        other = seen[reason].setdefault(key, person_id)
        if other != person_id:
            involved.update((other, person_id))
    return involved


def _is_plain_email(email: str) -> bool:
    """ASCII with no space or control character at either end: SQL's LOWER() is then Python's
    email_key (strip() has nothing to take, lower() only ASCII letters to change)."""
    return email.isascii() and email[:1] > " " and email[-1:] > " "


def _strong_pairs(
    user: User, details: Sequence[DetailKey], dismissed: set[Pair]
) -> dict[Pair, list[str]]:
    """Every pair that shares an e-mail, phone or LinkedIn profile, with all its reasons."""
    candidates = _strong_candidates(
        user, [key for _, reason, key in details if reason == SAME_EMAIL]
    )
    involved = _involved(candidates, details)
    unusual = {
        row[0]: email_key(row[2]) for row in candidates if row[2] and not _is_plain_email(row[2])
    }
    if not involved and not unusual:
        return {}
    # Everyone who shares a name with them too: the name groups must be whole for the cap and
    # the order of the reasons; and the plain-address people an unusual address is keyed like.
    rows = _people_rows(user, involved | set(unusual), [key for key in unusual.values() if key])
    pairs = _pairs(_groups(rows, details).items(), dismissed)
    return {pair: why for pair, why in pairs.items() if why != [SAME_NAME]}


def _pairs(groups: Iterable[tuple[Any, set[int]]], dismissed: set[Pair]) -> dict[Pair, list[str]]:
    reasons: dict[Pair, list[str]] = defaultdict(list)
    for (reason, _), ids in groups:
        if len(ids) < 2:
            continue
        ordered = sorted(ids)[:MAX_GROUP_FOR_PAIRS]
        for position, first in enumerate(ordered):
            for second in ordered[position + 1 :]:
                if (first, second) not in dismissed and reason not in reasons[(first, second)]:
                    reasons[(first, second)].append(reason)
    return reasons


def _in_values(column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """`column IN (values)` with one parameter, however many values (SQLite caps parameters)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(values)]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(values))]


def _in_subquery(column: str, subquery: str) -> str:
    """`column IN (subquery)`; PostgreSQL is given the subquery's answer as an array, so it looks
    the (few) values up in the index instead of hashing every row (it guesses a third of the
    addresses are shared)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(ARRAY({subquery}))"
    return f"{column} IN ({subquery})"


def _rows(sql: str, params: Sequence[Any]) -> list[Any]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_PERSON = Person._meta.db_table
_KEY_COLUMNS = "id, name_normalized, email, phone, linkedin_url"


def _indexed_by(index: str) -> str:
    return f" INDEXED BY {index}" if connection.vendor == "sqlite" else ""


# Not a plain address (see _is_plain_email), in each database's SQL: the condition of the
# partial index person_unusual_email (migration people 0006), word for word.
UNUSUAL_EMAIL = {
    "sqlite": (
        "email <> '' AND (length(email) <> length(CAST(email AS BLOB)) "
        "OR unicode(email) <= 32 OR unicode(substr(email, -1)) <= 32)"
    ),
    "postgresql": (
        "email <> '' AND (octet_length(email) <> char_length(email) "
        "OR ascii(email) <= 32 OR ascii(right(email, 1)) <= 32)"
    ),
}


def _strong_candidates(user: User, detail_emails: Sequence[str]) -> list[PersonKeys]:
    """Everyone who may share an e-mail, phone or LinkedIn profile: a superset, keyed after.

    One branch per index: the partial indexes of people with a phone, with a LinkedIn URL and
    with an unusual address; (owner, LOWER(email), email) read whole, in its order, for the
    addresses several people share, and again to look them up."""
    select = f"SELECT {_KEY_COLUMNS} FROM {_PERSON}"
    owner = " WHERE owner_id = %s AND "
    # Whoever shares LOWER(email) with an unusual address is in a group of two or more, so the
    # unusual people alone need their own branch: the pass itself only counts.
    shared = (
        f"SELECT LOWER(email) FROM {_PERSON}{_indexed_by('person_email_key')} WHERE owner_id = %s "
        "AND email <> '' GROUP BY LOWER(email) HAVING COUNT(*) > 1"
    )
    branches = [
        # Written as the partial indexes' conditions are, so SQLite sees they apply.
        select + owner + "NOT (phone = '')",
        select + owner + "NOT (linkedin_url = '')",
        select + owner + _in_subquery("LOWER(email)", shared),
        select + _indexed_by("person_unusual_email") + owner + UNUSUAL_EMAIL[connection.vendor],
    ]
    params: list[Any] = [user.pk, user.pk, user.pk, user.pk, user.pk]
    if detail_emails:
        condition, more = _in_values("LOWER(email)", detail_emails)
        branches.append(select + owner + condition)
        params += [user.pk, *more]
    return _rows(" UNION ".join(branches), params)


def _people_rows(user: User, ids: set[int], plain_emails: Sequence[str]) -> list[PersonKeys]:
    """These people, everyone with one of their names and the plain `emails`, by name as the
    person list is ordered (Person.Meta.ordering).

    One branch per index (the primary key, person_name_key, person_email_key): as one OR,
    SQLite read every person in name order (0.4 s at 100,000 people)."""
    by_id, id_params = _in_values("id", sorted(ids))
    select = f"SELECT {_KEY_COLUMNS}, name FROM {_PERSON} WHERE owner_id = %s AND "
    branches = [
        select + by_id,
        select + f"name_normalized <> '' AND name_normalized IN (SELECT name_normalized "
        f"FROM {_PERSON} WHERE owner_id = %s AND {by_id})",
    ]
    params = [user.pk, *id_params, user.pk, user.pk, *id_params]
    if plain_emails:
        by_email, email_params = _in_values("LOWER(email)", plain_emails)
        branches.append(select + f"email <> '' AND {by_email}")
        params += [user.pk, *email_params]
    return _rows(
        f"SELECT {_KEY_COLUMNS} FROM ({' UNION '.join(branches)}) AS found ORDER BY name, id",
        params,
    )


def _name_only_pairs(user: User, wanted: int, skip: set[Pair]) -> list[Pair]:
    """The first `wanted` same-name pairs by ids (as the ranking orders equal strengths), each
    name's pairs among its first MAX_GROUP_FOR_PAIRS people, leaving out the `skip` pairs.

    A name's first person opens its first pair, so the pairs that come first all belong to the
    `wanted + len(skip)` shared names whose first person comes first: only those are read."""
    shared = (
        f"SELECT name_normalized FROM {_PERSON} WHERE owner_id = %s AND name_normalized <> '' "
        "GROUP BY name_normalized HAVING COUNT(*) > 1 ORDER BY MIN(id) LIMIT %s"
    )
    rows = _rows(
        f"SELECT id, name_normalized FROM {_PERSON} WHERE owner_id = %s "
        f"AND name_normalized IN ({shared})",
        [user.pk, user.pk, wanted + len(skip)],
    )
    by_name: dict[str, list[int]] = defaultdict(list)
    for person_id, name in rows:
        by_name[name].append(person_id)
    pairs = []
    for ids in by_name.values():
        ordered = sorted(ids)[:MAX_GROUP_FOR_PAIRS]
        pairs += [
            (first, second)
            for position, first in enumerate(ordered)
            for second in ordered[position + 1 :]
        ]
    return [pair for pair in sorted(pairs) if pair not in skip][:wanted]
