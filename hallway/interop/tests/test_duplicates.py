"""Possible duplicates found in SQL give the same pairs, reasons and order as reading everyone."""

from __future__ import annotations

import importlib
import random
from collections import defaultdict
from typing import Any

import pytest

from hallway.interop.duplicates import UNUSUAL_EMAIL, possible_duplicates
from hallway.interop.matching import (
    MAX_GROUP_FOR_PAIRS,
    email_key,
    linkedin_key,
    phone_key,
)
from hallway.interop.models import ContactDetail, NotDuplicate
from hallway.lib.story import normalize_name
from hallway.people.models import Person

NAMES = ["Ann Lee", "ann  lee", "Ánn Lee", "Bob Stone", "Chen Wu", "Dee", "Eve Park", "Zoë Ng"]
# Case, spaces around, a Kelvin sign (lower-cases to "k"), accents: SQL's LOWER is not Python's.
EMAILS = [
    "",
    "",
    "",
    "kim@example.com",
    "KIM@example.com",
    " kim@example.com",
    "\u212aim@example.com",
]
EMAILS += ["zoé@example.com", "ZOÉ@example.com", "x@example.com", "\tx@example.com"]
PHONES = ["", "", "", "", "+1 (555) 010-0123", "555 010 0123", "tel:+44 20 7946 0000", "12"]
# Phones SQL cannot key (letters, `tel:`, a tab, an extension) beside their plain twins.
PHONES += ["tel:555 010 0199", "555-010-0199", "1-800-MYFAX", "1 800 69329", "\t555 010 0123"]
PHONES += ["555 010 0123;ext=2", "020 7946 0000", "+44 (0)20 7946 0000"]
LINKEDINS = ["", "", "", "", "https://www.linkedin.com/in/ann/", "http://linkedin.com/in/ann?x=1"]


def _everyone_read(user: Any, limit: int) -> list[tuple[int, int, list[str]]]:
    """The definition: every person keyed in Python, every pair of each group (capped)."""
    groups: dict[tuple[str, str], set[int]] = defaultdict(set)
    for pk, name, email, phone, url in Person.objects.filter(owner=user).values_list(
        "id", "name_normalized", "email", "phone", "linkedin_url"
    ):
        for reason, key in (
            ("same name", name),
            ("same e-mail", email_key(email)),
            ("same phone", phone_key(phone)),
            ("same LinkedIn profile", linkedin_key(url)),
        ):
            if key:
                groups[(reason, key)].add(pk)
    for pk, kind, value in ContactDetail.objects.filter(owner=user).values_list(
        "person_id", "kind", "value"
    ):
        reason, key = {
            "email": ("same e-mail", email_key(value)),
            "phone": ("same phone", phone_key(value)),
            "url": ("same LinkedIn profile", linkedin_key(value)),
        }[kind]
        if key:
            groups[(reason, key)].add(pk)
    dismissed = set(NotDuplicate.objects.filter(owner=user).values_list("first_id", "second_id"))
    reasons: dict[tuple[int, int], list[str]] = defaultdict(list)
    for (reason, _), ids in groups.items():
        ordered = sorted(ids)[:MAX_GROUP_FOR_PAIRS]
        for index, first in enumerate(ordered):
            for second in ordered[index + 1 :]:
                if (first, second) not in dismissed and reason not in reasons[(first, second)]:
                    reasons[(first, second)].append(reason)
    strength = {"same e-mail": 3, "same LinkedIn profile": 3, "same phone": 2, "same name": 1}
    ranked = sorted(reasons.items(), key=lambda item: (-sum(strength[r] for r in item[1]), item[0]))
    return [(first, second, why) for (first, second), why in ranked[:limit]]


def _network(owner: Any, seed: int, size: int) -> None:
    rng = random.Random(seed)
    names = [
        rng.choice(NAMES[:3]) if rng.random() < 0.4 else rng.choice(NAMES) for _ in range(size)
    ]
    people = Person.objects.bulk_create(
        Person(
            owner=owner,
            name=name,
            name_normalized=normalize_name(name),
            email=rng.choice(EMAILS),
            phone=rng.choice(PHONES),
            linkedin_url=rng.choice(LINKEDINS),
        )
        for name in names
    )
    ContactDetail.objects.bulk_create(
        ContactDetail(owner=owner, person=rng.choice(people), kind=kind, value=value)
        for kind, value in [
            ("email", "kim@EXAMPLE.com"),
            ("email", "only-here@example.com"),
            ("email", "only-here@example.com "),
            ("phone", "(555) 010 0123"),
            ("url", "linkedin.com/in/ann"),
        ]
    )
    for _ in range(3):
        first, second = sorted(rng.sample([person.pk for person in people], 2))
        NotDuplicate.objects.get_or_create(owner=owner, first_id=first, second_id=second)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_duplicates_are_the_pairs_of_reading_everyone(owner: Any, outsider: Any, seed: int) -> None:
    _network(owner, seed, size=45)
    _network(outsider, seed + 10, size=10)
    for limit in (1, 4, 50, 1000):
        found = [
            (pair.first.pk, pair.second.pk, pair.reasons)
            for pair in possible_duplicates(user=owner, limit=limit)
        ]
        assert found == _everyone_read(owner, limit), limit
    assert {pair.first.owner_id for pair in possible_duplicates(user=owner, limit=1000)} == {
        owner.pk
    }


def test_an_unusual_address_finds_its_plain_twin(owner: Any) -> None:
    # The Kelvin sign lower-cases to a plain "k" in Python but not in SQLite's LOWER().
    plain = Person.objects.create(owner=owner, name="Kim One", email="kim@example.com")
    unusual = Person.objects.create(owner=owner, name="Kim Two", email="\u212aim@example.com")
    pairs = possible_duplicates(user=owner)
    assert [(p.first.pk, p.second.pk, p.reasons) for p in pairs] == [
        (plain.pk, unusual.pk, ["same e-mail"])
    ]


def test_anonymous_users_have_no_duplicates(db: None) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert possible_duplicates(user=AnonymousUser()) == []


def test_the_unusual_addresses_are_read_through_their_partial_index() -> None:
    # The index's condition (a migration) and the query's must be the same SQL, word for word:
    # otherwise SQLite refuses the query's INDEXED BY and PostgreSQL reads the whole table.
    migration = importlib.import_module("hallway.people.migrations.0006_duplicate_scan_indexes")
    assert migration.UNUSUAL_EMAIL == UNUSUAL_EMAIL


def test_a_phone_sql_cannot_key_finds_its_only_plain_twin(owner: Any) -> None:
    # One plain phone per key: only the unusual twin (or the contact detail) can lead to it.
    pairs = [
        ("555 010 0199", "tel:+1 555-010-0199"),
        ("+1 800 693 29", "1-800-MYFAX"),
        ("555 010 0888", "\t555 010 0888"),
        ("(555) 010-0555", "555 010 0555 x12"),
    ]
    for index, (plain, unusual) in enumerate(pairs):
        Person.objects.create(owner=owner, name=f"Plain {index}", phone=plain)
        Person.objects.create(owner=owner, name=f"Unusual {index}", phone=unusual)
    lonely = Person.objects.create(owner=owner, name="Lonely", phone="(555) 010-0777")
    carrier = Person.objects.create(owner=owner, name="Carrier")
    ContactDetail.objects.create(owner=owner, person=carrier, kind="phone", value="5550100777")
    Person.objects.create(owner=owner, name="Alone", phone="555 010 0999")
    found = [(p.first.pk, p.second.pk, p.reasons) for p in possible_duplicates(user=owner)]
    assert found == _everyone_read(owner, 50)
    assert len(found) == 5 and (lonely.pk, carrier.pk, ["same phone"]) in found
