"""Export everything, import it into a fresh account: the same people, field for field, even when
they share phones and e-mails (property-based, over generated people); importing the same export
again changes nothing."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallway.interop.exporting import vcards_export
from hallway.interop.importing import import_file
from hallway.interop.models import ContactDetail
from hallway.interop.tests.test_exporting import _snapshot
from hallway.people.services import note_add, person_create

pytestmark = pytest.mark.django_db

GIVEN = ["Ann", "Bruno", "Chloé", "Dmitri", "Eun-ji", "Farid", "Grace", "Hiro", "Inés", "Jonas"]
FAMILY = ["Lee", "Okafor", "Müller", "Nakamura", "O'Brien", "Silva", "van Dijk", "Zhou"]
SHARED_EMAILS = ["office@family.example", "team@contoso.example", "info@studio.example"]
SHARED_PHONES = ["+44 20 7946 0000", "+1-800-MYFAX", "+49 30 1234567", "(425) 555-0150"]

# Text with the characters vCard must escape, folding-worthy lengths and other scripts.
_word = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCXYZéüß山田,;:\\\"'&-./")),
    min_size=1,
    max_size=12,
)
_line = st.lists(_word, min_size=1, max_size=8).map(" ".join)
_text = st.lists(_line, min_size=1, max_size=3).map("\n".join)
_partial_date = st.one_of(
    st.just(""),
    st.dates(dt.date(1930, 1, 1), dt.date(2025, 12, 31)).map(dt.date.isoformat),
    st.dates(dt.date(2000, 1, 1), dt.date(2000, 12, 31)).map(lambda day: f"--{day:%m-%d}"),
)


@st.composite
def _people(draw: Any) -> list[dict[str, Any]]:
    names = draw(
        st.lists(
            st.tuples(st.sampled_from(GIVEN), st.sampled_from(FAMILY)).map(" ".join),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    people = []
    for index, name in enumerate(names):
        own_email = f"person{index}@example.org"
        people.append(
            {
                "name": name,
                "email": draw(st.sampled_from(["", own_email, *SHARED_EMAILS])),
                "phone": draw(st.sampled_from(["", f"+33 6 12 34 56 {index:02d}", *SHARED_PHONES])),
                "extra_emails": draw(
                    st.lists(st.sampled_from(SHARED_EMAILS), max_size=2, unique=True)
                ),
                "extra_phones": draw(
                    st.lists(st.sampled_from(SHARED_PHONES), max_size=2, unique=True)
                ),
                "company": draw(st.one_of(st.just(""), _line.map(lambda text: text[:200]))),
                "role": draw(st.one_of(st.just(""), _line.map(lambda text: text[:200]))),
                "location": draw(st.one_of(st.just(""), _line.map(lambda text: text[:200]))),
                "met_at": draw(st.one_of(st.just(""), _line.map(lambda text: text[:500]))),
                "website": draw(st.sampled_from(["", f"https://blog{index}.example/a,b;c"])),
                "linkedin_url": draw(
                    st.sampled_from(["", f"https://www.linkedin.com/in/person-{index}"])
                ),
                "keep_in_touch_days": draw(st.one_of(st.none(), st.integers(1, 3650))),
                "birthday": draw(_partial_date),
                "anniversary": draw(_partial_date),
                "links": draw(
                    st.lists(
                        st.tuples(
                            st.sampled_from(["blog", "twitter", "github", "home page", "work"]),
                            st.sampled_from(["a", "b,c", "d;e", "f?g=1&h=2"]),
                        ),
                        max_size=3,
                        unique_by=lambda link: link[1],
                    )
                ),
                "story": draw(
                    st.fixed_dictionaries(
                        {},
                        optional={
                            facet: _text
                            for facet in ("work", "origin", "education", "passions", "drivers")
                        },
                    )
                ),
                "tags": draw(st.lists(_word.map(lambda tag: tag.strip(",")), max_size=3)),
                "notes": draw(
                    st.lists(
                        st.tuples(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), _text),
                        max_size=3,
                        # the same words on two days are two notes; twice on one day, one
                        unique_by=lambda note: (note[0], note[1].strip()),
                    )
                ),
            }
        )
    return people


class _Rollback(Exception):
    pass


def _create(owner: Any, spec: dict[str, Any]) -> None:
    fields = {
        key: spec[key]
        for key in (
            "email",
            "phone",
            "company",
            "role",
            "location",
            "met_at",
            "website",
            "linkedin_url",
            "keep_in_touch_days",
            "birthday",
            "anniversary",
        )
    }
    tags = [tag for tag in spec["tags"] if tag.strip(" #")]
    person = person_create(owner=owner, name=spec["name"], story=spec["story"], tags=tags, **fields)
    # Extra details beside a main one (a vCard cannot say "no main phone, but a second one").
    for kind, values in (("email", spec["extra_emails"]), ("phone", spec["extra_phones"])):
        if not getattr(person, kind):
            continue
        for value in values:
            if value not in (person.email, person.phone):
                ContactDetail.objects.create(owner=owner, person=person, kind=kind, value=value)
    for label, path in spec["links"]:
        ContactDetail.objects.create(
            owner=owner,
            person=person,
            kind="url",
            label=label,
            value=f"https://{person.pk}.links.example/{path}",
        )
    for date, text in spec["notes"]:
        note_add(person=person, text=text, date=date)


@settings(
    max_examples=int(os.environ.get("HALLWAY_HYPOTHESIS_EXAMPLES", "25")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people=_people(), version=st.sampled_from(["4.0", "3.0"]))
def test_export_then_import_into_a_fresh_account_gives_the_same_people(
    owner: Any, people: list[dict[str, Any]], version: str
) -> None:
    try:
        with transaction.atomic():
            for spec in people:
                _create(owner, spec)
            exported = "".join(vcards_export(user=owner, version=version)).encode()
            fresh = User.objects.create_user(username="fresh-account")
            plan = import_file(owner=fresh, data=exported)
            assert (plan.created, plan.errors) == (len(people), [])
            assert _snapshot(fresh) == _snapshot(owner)
            again = import_file(owner=fresh, data=exported)
            assert (again.created, again.updated, again.errors) == (0, 0, [])
            assert _snapshot(fresh) == _snapshot(owner)
            raise _Rollback
    except _Rollback:
        pass
