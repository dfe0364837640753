"""Settings → "Connect your phone" and "Recently deleted": owner, teammate, outsider, anonymous."""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hallway.conversations.services import conversation_log
from hallway.people.models import Person
from hallway.people.services import note_add, person_delete
from hallway.sync.models import DeletedPerson, DevicePassword, hash_device_password

pytestmark = pytest.mark.django_db


def test_settings_show_how_to_connect_a_phone_with_a_qr_code(owner_client: Client) -> None:
    page = owner_client.get(reverse("accounts:settings")).content.decode()
    assert "Connect your phone" in page and "<svg" in page
    assert "Settings → Contacts → Accounts" in page and "DAVx⁵" in page
    assert 'id="dav-username">olivia<' in page and 'id="no-devices"' in page


def test_a_device_password_is_shown_once_and_stored_hashed(
    owner_client: Client, owner: Any
) -> None:
    response = owner_client.post(reverse("sync:device_create"), {"device-name": "iPhone"})
    assert response.status_code == 200
    password = re.search(r'id="device-password-value">([^<]+)<', response.content.decode())[1]  # type: ignore[index]
    device = DevicePassword.objects.get(owner=owner)
    assert device.name == "iPhone" and device.digest == hash_device_password(password)
    assert password not in owner_client.get(reverse("accounts:settings")).content.decode()


def test_a_device_needs_a_unique_name(owner_client: Client, owner: Any) -> None:
    assert (
        owner_client.post(reverse("sync:device_create"), {"device-name": "  "}).status_code == 400
    )
    owner_client.post(reverse("sync:device_create"), {"device-name": "iPhone"})
    again = owner_client.post(reverse("sync:device_create"), {"device-name": "iphone"})
    assert again.status_code == 400 and "already have a device called" in again.content.decode()
    assert DevicePassword.objects.filter(owner=owner).count() == 1


def test_only_the_owner_can_revoke_a_device(
    owner_client: Client, other_clients: list[Client], device: Any
) -> None:
    url = reverse("sync:device_revoke", args=[device[0].pk])
    for client in other_clients:
        assert client.post(url).status_code == 404
    assert DevicePassword.objects.filter(pk=device[0].pk).exists()
    assert owner_client.post(url).status_code == 302
    assert not DevicePassword.objects.filter(pk=device[0].pk).exists()


def test_anonymous_users_are_sent_to_log_in(client: Client, device: Any) -> None:
    for method, url in (
        ("post", reverse("sync:device_create")),
        ("post", reverse("sync:device_revoke", args=[device[0].pk])),
        ("get", reverse("sync:deleted")),
    ):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_deleted_person_comes_back_with_their_story_from_recently_deleted(
    owner_client: Client, other_clients: list[Client], owner: Any, person: Any, event: Any
) -> None:
    note_add(person=person, text="Loves sailing")
    conversation_log(owner=owner, person=person, event=event, notes="Talked about clouds")
    person_id = person.pk
    person_delete(person=person)
    listing = owner_client.get(reverse("sync:deleted")).content.decode()
    assert "Jane Doe" in listing and "Acme Corp" in listing
    deleted = DeletedPerson.objects.get(owner=owner)
    url = reverse("sync:deleted_restore", args=[deleted.pk])
    for client in other_clients:
        assert "Jane Doe" not in client.get(reverse("sync:deleted")).content.decode()
        assert client.post(url).status_code == 404
    assert not Person.objects.filter(pk=person_id).exists()
    response = owner_client.post(url)
    assert response.status_code == 302
    restored = Person.objects.get(pk=person_id, owner=owner)
    assert restored.story["work"] == "Runs IT at Acme" and restored.tag_names == ["cio", "retail"]
    assert [note.text for note in restored.notes.all()] == ["Loves sailing"]
    assert restored.conversations.get().event == event
    assert not DeletedPerson.objects.exists()
    assert "Nobody was deleted" in owner_client.get(reverse("sync:deleted")).content.decode()


def test_people_deleted_more_than_30_days_ago_are_gone(owner_client: Client, person: Any) -> None:
    with time_machine.travel(timezone.now() - timezone.timedelta(days=31)):
        person_delete(person=person)
    deleted = DeletedPerson.objects.get()
    assert "Jane Doe" not in owner_client.get(reverse("sync:deleted")).content.decode()
    assert owner_client.post(reverse("sync:deleted_restore", args=[deleted.pk])).status_code == 404
    assert not DeletedPerson.objects.exists()


def test_the_ios_profile_sets_up_both_accounts_without_a_password(
    owner_client: Client, client: Client, settings: Any
) -> None:
    import plistlib

    settings.SITE_URL = "https://hallway.example.com"
    response = owner_client.get(reverse("sync:ios_profile"))
    assert response["Content-Type"] == "application/x-apple-aspen-config"
    profile = plistlib.loads(response.content)
    card, cal = profile["PayloadContent"]
    assert card["PayloadType"] == "com.apple.carddav.account"
    assert card["CardDAVHostName"] == "hallway.example.com" and card["CardDAVPort"] == 443
    assert card["CardDAVUsername"] == "olivia" and card["CardDAVUseSSL"] is True
    assert card["CardDAVPrincipalURL"] == "https://hallway.example.com/dav/olivia/"
    assert cal["PayloadType"] == "com.apple.caldav.account" and cal["CalDAVUsername"] == "olivia"
    assert "Password" not in response.content.decode()
    anonymous = client.get(reverse("sync:ios_profile"))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
