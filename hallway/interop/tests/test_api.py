from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hallway.conftest import TokenClient
from hallway.events.models import Event
from hallway.people.models import Person
from hallway.people.services import person_create

pytestmark = pytest.mark.django_db


def _import(api: TokenClient, data: bytes, name: str = "file", **fields: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return api.upload("/api/v1/imports", file=SimpleUploadedFile(name, data), **fields)


def test_importing_a_file_answers_with_counts_and_row_errors(
    owner: Any, owner_api: TokenClient, sample: Any
) -> None:
    data = sample("linkedin.csv") + b",,,,,,\n,,,bad-address,Acme,,\n"
    response = _import(owner_api, data)
    assert response.status_code == 200, response.content
    body = response.json()
    assert {key: body[key] for key in ("format", "created", "updated", "skipped", "dry_run")} == {
        "format": "linkedin",
        "created": 3,
        "updated": 0,
        "skipped": 0,
        "dry_run": False,
    }
    assert body["errors"] == [
        {"line": 9, "message": "This row has no name and no e-mail address; skipped."}
    ]
    assert Person.objects.filter(owner=owner).count() == 3


def test_a_dry_run_returns_the_preview_without_writing(
    owner: Any, owner_api: TokenClient, sample: Any
) -> None:
    response = _import(owner_api, sample("apple.vcf"), dry_run="true")
    assert response.json()["created"] == 3
    assert response.json()["dry_run"] is True
    assert not Person.objects.exists()


def test_the_format_can_be_given_and_reimport_creates_nothing(
    owner: Any, owner_api: TokenClient, sample: Any
) -> None:
    assert _import(owner_api, sample("conference.ics"), format="ics").json()["created"] == 3
    again = _import(owner_api, sample("conference.ics"), format="ics").json()
    assert (again["created"], again["skipped"]) == (0, 3)
    assert Event.objects.filter(owner=owner).count() == 3


@pytest.mark.parametrize(
    ("data", "fields", "status", "message"),
    [
        (b"BEGIN:VCARD\r\nFN:Ann\r\n", {}, 422, "looks truncated"),
        (b"\x00\xff\x00garbage", {}, 422, "binary data"),
        (b"x;y\n1;2\n", {}, 422, "No known CSV header"),
        (
            b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
            {"format": "google"},
            422,
            "lacks",
        ),
        (b"a", {"format": "excel"}, 422, "format"),
    ],
)
def test_bad_files_get_a_4xx_with_a_clear_detail(
    owner: Any,
    owner_api: TokenClient,
    data: bytes,
    fields: dict[str, str],
    status: int,
    message: str,
) -> None:
    response = _import(owner_api, data, **fields)
    assert response.status_code == status
    assert message in response.json()["detail"]
    assert not Person.objects.exists()


def test_a_missing_file_is_a_422(owner: Any, owner_api: TokenClient) -> None:
    response = owner_api.upload("/api/v1/imports")
    assert response.status_code == 422
    assert (
        response.json()["detail"] == "Send the file to import in the multipart form field `file`."
    )


def test_a_file_over_the_limit_is_a_413(
    owner: Any, owner_api: TokenClient, monkeypatch: Any
) -> None:
    from hallway.api import interop
    from hallway.interop import parsers

    monkeypatch.setattr(interop, "MAX_IMPORT_BYTES", 10)
    monkeypatch.setattr(parsers, "MAX_IMPORT_BYTES", 10)
    response = _import(owner_api, b"BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\n")
    assert response.status_code == 413
    assert "limited to 10 bytes" in response.json()["detail"]


def test_vcard_export_defaults_to_4_and_offers_3(
    owner: Any, owner_api: TokenClient, outsider: Any
) -> None:
    person_create(owner=owner, name="Jane Doe", story={"drivers": "Curiosity"})
    person_create(owner=outsider, name="Oscar's Contact")
    response = owner_api.get("/api/v1/export.vcf")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    assert "VERSION:4.0" in body and "X-HALLWAY-DRIVERS:Curiosity" in body
    assert "Oscar" not in body
    assert (
        "VERSION:3.0"
        in b"".join(
            owner_api.get("/api/v1/export.vcf", {"version": "3.0"}).streaming_content
        ).decode()
    )
    bad = owner_api.get("/api/v1/export.vcf", {"version": "2.1"})
    assert bad.status_code == 422 and "version" in bad.json()["detail"]


def test_calendar_export_is_icalendar_of_the_users_events(
    owner: Any, owner_api: TokenClient, outsider: Any, outsider_api: TokenClient, event: Any
) -> None:
    response = outsider_api.get("/api/v1/export.ics")
    assert response.status_code == 200
    assert b"CIO Summit" not in response.content
    owner_calendar = owner_api.get("/api/v1/export.ics")
    assert owner_calendar["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"SUMMARY:CIO Summit" in owner_calendar.content


def test_merging_through_the_api(owner: Any, owner_api: TokenClient) -> None:
    keep = person_create(owner=owner, name="Jane Doe", tags=["cio"])
    duplicate = person_create(
        owner=owner, name="Jane Doe", email="jane@a.example", tags=["sailing"]
    )
    pairs = owner_api.get("/api/v1/duplicates").json()
    assert [(p["first"]["id"], p["second"]["id"], p["reasons"]) for p in pairs] == [
        (keep.pk, duplicate.pk, ["same name"])
    ]
    response = owner_api.post("/api/v1/duplicates/merge", {"keep": keep.pk, "merge": duplicate.pk})
    assert response.status_code == 200
    assert response.json()["email"] == "jane@a.example"
    assert sorted(response.json()["tags"]) == ["cio", "sailing"]
    same = owner_api.post("/api/v1/duplicates/merge", {"keep": keep.pk, "merge": keep.pk})
    assert same.status_code == 422


def test_merging_someone_elses_person_is_404(
    owner: Any, teammate: Any, outsider: Any, teammate_api: TokenClient, outsider_api: TokenClient
) -> None:
    keep = person_create(owner=owner, name="Jane Doe")
    duplicate = person_create(owner=owner, name="Jane Doe")
    for user, api in ((teammate, teammate_api), (outsider, outsider_api)):
        mine = person_create(owner=user, name="Mine")
        for body in (
            {"keep": keep.pk, "merge": duplicate.pk},
            {"keep": mine.pk, "merge": keep.pk},
            {"keep": keep.pk, "merge": mine.pk},
        ):
            response = api.post("/api/v1/duplicates/merge", body)
            assert response.status_code == 404
            assert response.json() == {"detail": "Not found."}
        assert api.get("/api/v1/duplicates").json() == []
    assert Person.objects.filter(pk__in=[keep.pk, duplicate.pk]).count() == 2


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/imports"),
        ("get", "/api/v1/export.vcf"),
        ("get", "/api/v1/export.ics"),
        ("get", "/api/v1/duplicates"),
        ("post", "/api/v1/duplicates/merge"),
    ],
)
def test_anonymous_calls_get_401(db: Any, method: str, path: str) -> None:
    response = getattr(Client(), method)(path)
    assert response.status_code == 401
    assert "detail" in response.json()
