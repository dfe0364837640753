from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hallway.interop.models import PendingImport
from hallway.people.models import Person
from hallway.people.services import person_create

pytestmark = pytest.mark.django_db


def _upload(client: Client, data: bytes, name: str = "contacts.vcf", format: str = "") -> Any:
    return client.post(
        reverse("interop:import"), {"file": SimpleUploadedFile(name, data), "format": format}
    )


@pytest.fixture
def pending(owner_client: Client, owner: Any, sample: Any) -> PendingImport:
    response = _upload(owner_client, sample("linkedin.csv"), "Connections.csv")
    assert response.status_code == 302
    return PendingImport.objects.get(owner=owner)


@pytest.fixture
def twins(owner: Any) -> tuple[Any, Any]:
    return person_create(owner=owner, name="Jane Doe", email="jane@a.example"), person_create(
        owner=owner, name="jane doe", story={"passions": "Sailing"}
    )


def test_the_import_page_explains_where_files_come_from(owner_client: Client) -> None:
    response = owner_client.get(reverse("interop:import"))
    assert response.status_code == 200
    assert b"Connections.csv" in response.content
    assert b'enctype="multipart/form-data"' in response.content


def test_uploading_shows_a_preview_and_writes_nothing_until_confirmed(
    owner_client: Client, pending: PendingImport
) -> None:
    response = owner_client.get(reverse("interop:preview", args=[pending.pk]))
    assert response.status_code == 200
    assert b'data-count="new">3<' in response.content
    assert "Chloé Dubois".encode() in response.content
    assert not Person.objects.exists()


def test_confirming_the_preview_imports_and_shows_the_result(
    owner_client: Client, owner: Any, pending: PendingImport
) -> None:
    response = owner_client.post(reverse("interop:apply", args=[pending.pk]))
    assert response.status_code == 200
    assert b"Created <strong>3</strong>" in response.content
    assert Person.objects.filter(owner=owner).count() == 3
    assert not PendingImport.objects.exists()


def test_cancelling_the_preview_forgets_the_file(
    owner_client: Client, pending: PendingImport
) -> None:
    response = owner_client.post(reverse("interop:cancel", args=[pending.pk]))
    assert response.status_code == 302
    assert not PendingImport.objects.exists()
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann", "looks truncated"),
        (b"\x00\x01\x02binary", "binary data"),
        (b"a;b;c\n1;2;3\n", "No known CSV header"),
    ],
)
def test_a_bad_file_is_refused_on_the_form_and_nothing_is_kept(
    owner_client: Client, data: bytes, message: str
) -> None:
    response = _upload(owner_client, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PendingImport.objects.exists()


def test_a_file_over_the_limit_is_refused_on_the_form(
    owner_client: Client, settings: Any, monkeypatch: Any
) -> None:
    from hallway.interop import forms

    monkeypatch.setattr(forms, "MAX_IMPORT_BYTES", 10)
    response = _upload(owner_client, b"BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n")
    assert "imports are limited to 10 bytes" in response.content.decode()


def test_others_cannot_see_apply_or_cancel_someone_elses_import(
    other_clients: list[Client], pending: PendingImport
) -> None:
    for client in other_clients:
        assert client.get(reverse("interop:preview", args=[pending.pk])).status_code == 404
        assert client.post(reverse("interop:apply", args=[pending.pk])).status_code == 404
        assert client.post(reverse("interop:cancel", args=[pending.pk])).status_code == 404
    assert PendingImport.objects.filter(pk=pending.pk).exists()
    assert not Person.objects.exists()


def test_the_duplicates_page_lists_pairs_and_merges_them(owner_client: Client, twins: Any) -> None:
    first, second = twins
    page = owner_client.get(reverse("interop:duplicates"))
    assert page.status_code == 200
    assert b"same name" in page.content
    confirm = owner_client.get(reverse("interop:merge", args=[first.pk, second.pk]))
    assert confirm.status_code == 200
    response = owner_client.post(
        reverse("interop:merge", args=[first.pk, second.pk]), {"keep": str(second.pk)}
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk=first.pk).exists()
    second.refresh_from_db()
    assert (second.email, second.passions) == ("jane@a.example", "Sailing")


def test_the_duplicates_page_has_a_helpful_empty_state(owner_client: Client) -> None:
    assert b"No possible duplicates" in owner_client.get(reverse("interop:duplicates")).content


def test_marking_two_people_as_different_hides_the_pair_with_htmx(
    owner_client: Client, twins: Any
) -> None:
    first, second = twins
    response = owner_client.post(
        reverse("interop:not_duplicate", args=[first.pk, second.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert b"No possible duplicates" in response.content
    assert b"<html" not in response.content


def test_others_cannot_merge_or_dismiss_the_owners_people(
    other_clients: list[Client], twins: Any
) -> None:
    first, second = twins
    for client in other_clients:
        assert client.get(reverse("interop:merge", args=[first.pk, second.pk])).status_code == 404
        assert client.post(reverse("interop:merge", args=[first.pk, second.pk])).status_code == 404
        assert (
            client.post(reverse("interop:not_duplicate", args=[first.pk, second.pk])).status_code
            == 404
        )
        assert b"Jane Doe" not in client.get(reverse("interop:duplicates")).content
    assert Person.objects.count() == 2


def test_merging_ones_own_person_with_someone_elses_is_404(
    owner_client: Client, outsider: Any, twins: Any
) -> None:
    stranger = person_create(owner=outsider, name="Jane Doe")
    assert (
        owner_client.post(reverse("interop:merge", args=[twins[0].pk, stranger.pk])).status_code
        == 404
    )
    assert Person.objects.filter(pk=stranger.pk).exists()


def test_the_scan_page_opens_the_camera_on_phones(owner_client: Client) -> None:
    response = owner_client.get(reverse("interop:scan"))
    assert response.status_code == 200
    assert b'accept="image/*"' in response.content
    assert b'capture="environment"' in response.content


def test_a_file_that_is_not_a_photo_gets_a_clear_message(owner_client: Client) -> None:
    response = owner_client.post(
        reverse("interop:scan"), {"photo": SimpleUploadedFile("card.jpg", b"not an image")}
    )
    assert "not a photo we can read" in response.content.decode()


def test_saving_the_draft_creates_the_person(owner_client: Client, owner: Any) -> None:
    response = owner_client.post(
        reverse("interop:scan_save"),
        {"name": "Maria Gonzalez", "company": "Northwind", "email": "maria@northwind.example"},
    )
    assert response.status_code == 302
    assert Person.objects.get(owner=owner).company == "Northwind"


def test_a_draft_with_a_bad_email_is_shown_again_with_the_message(owner_client: Client) -> None:
    response = owner_client.post(reverse("interop:scan_save"), {"name": "Maria", "email": "maria@"})
    assert response.status_code == 422
    assert b"Enter a valid email address" in response.content
    assert not Person.objects.exists()


def test_exports_from_the_web_contain_only_the_users_people(
    owner_client: Client, teammate_client: Client, owner: Any, teammate: Any
) -> None:
    person_create(owner=owner, name="Owner Contact")
    person_create(owner=teammate, name="Teammate Contact")
    assert owner_client.get(reverse("interop:export")).status_code == 200
    vcf = b"".join(owner_client.get(reverse("interop:export_vcf")).streaming_content)
    assert b"Owner Contact" in vcf and b"Teammate Contact" not in vcf
    assert b"VERSION:3.0" in b"".join(
        owner_client.get(reverse("interop:export_vcf") + "?version=3.0").streaming_content
    )
    assert owner_client.get(reverse("interop:export_ics"))["Content-Type"].startswith(
        "text/calendar"
    )
    backup = owner_client.get(reverse("interop:backup"))
    assert b"Owner Contact" in backup.content and b"Teammate Contact" not in backup.content
    assert b"Owner Contact" not in teammate_client.get(reverse("interop:backup")).content


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("interop:import", []),
        ("interop:preview", [1]),
        ("interop:apply", [1]),
        ("interop:cancel", [1]),
        ("interop:duplicates", []),
        ("interop:merge", [1, 2]),
        ("interop:not_duplicate", [1, 2]),
        ("interop:scan", []),
        ("interop:scan_save", []),
        ("interop:export", []),
        ("interop:export_vcf", []),
        ("interop:export_ics", []),
        ("interop:backup", []),
    ],
)
def test_anonymous_visitors_are_sent_to_login(client: Client, name: str, args: list[int]) -> None:
    for method in (client.get, client.post):
        response = method(reverse(name, args=args))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
