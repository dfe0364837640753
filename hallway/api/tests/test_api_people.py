"""People through the API: the same services as the web, with clear 422s for bad input."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from hallway.people.models import Note, Person
from hallway.people.services import person_create


def test_creating_a_person_returns_the_api_md_shape(owner_api: Any, owner: Any) -> None:
    response = owner_api.post(
        "people",
        {
            "name": "  Zoë   Martin ",
            "company": "Globex",
            "tags": ["cio", "CIO", "boston"],
            "keep_in_touch_days": 30,
            "story": {"work": "Runs IT", "passions": "sailing"},
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Zoë Martin"
    assert body["tags"] == ["boston", "cio"]
    assert body["story"] == {
        "work": "Runs IT",
        "origin": "",
        "education": "",
        "passions": "sailing",
        "drivers": "",
    }
    assert body["status"] == "connection"
    assert body["completeness"] == 0.4
    assert body["keep_in_touch_days"] == 30
    for key in (
        "id",
        "email",
        "phone",
        "role",
        "location",
        "linkedin_url",
        "met_at",
        "created_at",
        "updated_at",
    ):
        assert key in body
    assert Person.objects.get(pk=body["id"]).owner == owner


def test_patch_changes_only_the_fields_sent(owner_api: Any, person: Any) -> None:
    response = owner_api.patch(
        f"people/{person.pk}", {"role": "CTO", "story": {"drivers": "Fixing things"}}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["role"] == "CTO"
    assert body["company"] == "Acme Corp"
    assert body["story"]["work"] == "Runs IT at Acme"
    assert body["story"]["drivers"] == "Fixing things"
    assert body["status"] == "connection"
    assert body["tags"] == ["cio", "retail"]


def test_patch_can_clear_a_facet_and_replace_tags(owner_api: Any, person: Any) -> None:
    body = owner_api.patch(
        f"people/{person.pk}", {"story": {"origin": None}, "tags": ["new"]}
    ).json()
    assert body["story"]["origin"] == ""
    assert body["tags"] == ["new"]


def test_delete_removes_the_person(owner_api: Any, person: Any) -> None:
    response = owner_api.delete(f"people/{person.pk}")
    assert response.status_code == 204
    assert not Person.objects.filter(pk=person.pk).exists()


def test_list_filters_by_words_tag_and_status(owner_api: Any, owner: Any, person: Any) -> None:
    person_create(
        owner=owner, name="Sam Sailor", story={"passions": "sailing in Maine"}, tags=["cto"]
    )
    assert [p["name"] for p in owner_api.get("people", q="sailing").json()["items"]] == [
        "Sam Sailor"
    ]
    assert [p["name"] for p in owner_api.get("people", tag="CIO").json()["items"]] == ["Jane Doe"]
    assert [p["name"] for p in owner_api.get("people", status="connection").json()["items"]] == [
        "Sam Sailor"
    ]
    assert [p["name"] for p in owner_api.get("people", status="card").json()["items"]] == [
        "Jane Doe"
    ]


def test_lists_paginate_with_limit_offset_and_the_total_count(owner_api: Any, owner: Any) -> None:
    for index in range(5):
        person_create(owner=owner, name=f"Person {index}")
    page = owner_api.get("people", limit=2, offset=2).json()
    assert page["count"] == 5
    assert [p["name"] for p in page["items"]] == ["Person 2", "Person 3"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"limit": 501}, "limit: Input should be less than or equal to 500"),
        ({"limit": 0}, "limit: Input should be greater than or equal to 1"),
        ({"offset": -1}, "offset: Input should be greater than or equal to 0"),
        ({"status": "friend"}, "status: unknown value 'friend'; use 'card' or 'connection'"),
        ({"q": "x" * 201}, "q: String should have at most 200 characters"),
    ],
)
def test_bad_list_parameters_are_422_with_a_clear_message(
    owner_api: Any, query: dict[str, Any], message: str
) -> None:
    response = owner_api.get("people", **query)
    assert response.status_code == 422
    assert response.json() == {"detail": message}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "name: is required"),
        ({"name": "   "}, "name: A person needs a name."),
        ({"name": "x" * 201}, "name: String should have at most 200 characters"),
        (
            {"name": "Al", "story": {"hobbies": "golf"}},
            "story.hobbies: unknown facet (use work, origin, education, passions, drivers)",
        ),
        ({"name": "Al", "nickname": "A"}, "nickname: unknown field"),
        (
            {"name": "Al", "story": {"work": "x" * 2001}},
            "story.work: String should have at most 2000 characters",
        ),
        ({"name": "Al", "email": "not-an-email"}, "email: Enter a valid email address."),
        (
            {"name": "Al", "keep_in_touch_days": 0},
            "keep_in_touch_days: Input should be greater than or equal to 1",
        ),
        (
            {"name": "Al", "keep_in_touch_days": "30"},
            "keep_in_touch_days: Input should be a valid integer",
        ),
        ({"name": "Al\x00"}, "name: must not contain NUL characters"),
        ({"name": "Al", "tags": ["x" * 51]}, "tags.0: String should have at most 50 characters"),
    ],
)
def test_bad_person_input_is_422_saying_what_is_wrong(
    owner_api: Any, body: dict[str, Any], message: str
) -> None:
    response = owner_api.post("people", body)
    assert response.status_code == 422
    assert response.json() == {"detail": message}
    assert not Person.objects.exists()


@time_machine.travel("2025-03-10 12:00:00+00:00", tick=False)
def test_a_note_is_added_with_a_date_and_resets_the_keep_in_touch_clock(
    owner_api: Any, person: Any
) -> None:
    response = owner_api.post(
        f"people/{person.pk}/notes", {"text": "Loves Lyon", "date": "2025-03-01"}
    )
    assert response.status_code == 201
    assert response.json()["date"] == "2025-03-01"
    assert Note.objects.get().person == person
    person.refresh_from_db()
    assert person.last_contact_at.date().isoformat() == "2025-03-01"
    today = owner_api.post(f"people/{person.pk}/notes", {"text": "Met again"}).json()
    assert today["date"] == "2025-03-10"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"text": ""}, "text: String should have at least 1 character"),
        ({"text": "   "}, "text: A note needs some text."),
        ({"text": "x" * 10_001}, "text: String should have at most 10000 characters"),
        (
            {"text": "Hi", "date": "2025-02-30"},
            "date: Input should be a valid date or datetime, day value is outside expected range",
        ),
        ({"text": "Hi", "date": "1066-10-14"}, "date: the year must be between 1900 and 2200"),
    ],
)
def test_bad_notes_are_422(owner_api: Any, person: Any, body: dict[str, Any], message: str) -> None:
    response = owner_api.post(f"people/{person.pk}/notes", body)
    assert response.status_code == 422
    assert response.json() == {"detail": message}
    assert not Note.objects.exists()


def test_patch_cannot_blank_the_name(owner_api: Any, person: Any) -> None:
    for name in (None, "  "):
        response = owner_api.patch(f"people/{person.pk}", {"name": name})
        assert response.status_code == 422
        assert response.json() == {"detail": "name: A person needs a name."}
    person.refresh_from_db()
    assert person.name == "Jane Doe"


def test_the_api_reads_and_writes_birthdays(owner_api: Any, outsider_api: Any) -> None:
    created = owner_api.post(
        "people", {"name": "Leila Haddad", "birthday": "--12-08", "anniversary": "2012-06-16"}
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["birthday"], body["anniversary"]) == ("--12-08", "2012-06-16")
    person_id = body["id"]
    patched = owner_api.patch(f"people/{person_id}", {"birthday": "1990-12-08"})
    assert patched.json()["birthday"] == "1990-12-08"
    for bad in ("1990-02-30", "12/08/1990", "--13-01"):
        response = owner_api.patch(f"people/{person_id}", {"birthday": bad})
        assert response.status_code == 422, bad
        assert "detail" in response.json()
    assert outsider_api.patch(f"people/{person_id}", {"birthday": "--01-01"}).status_code == 404
    briefing = owner_api.get(f"people/{person_id}/briefing").json()
    assert "celebrations" in briefing
