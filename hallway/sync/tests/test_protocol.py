"""CardDAV/CalDAV at the protocol level: discovery as iOS and DAVx5 do it, who may see what,
ETag preconditions, sync-collection with tombstones, vCard versions, and edits from a phone."""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

import pytest
from django.test import Client

from hallway.people.models import Person
from hallway.people.services import note_add, person_create, person_delete, person_update
from hallway.sync.models import DeletedPerson
from hallway.sync.tests.conftest import NS, basic

pytestmark = pytest.mark.django_db

PROPFIND_PRINCIPAL = """<?xml version="1.0" encoding="UTF-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/></d:prop></d:propfind>"""
PROPFIND_HOME = """<?xml version="1.0" encoding="UTF-8"?>
<d:propfind xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"
  xmlns:cal="urn:ietf:params:xml:ns:caldav">
  <d:prop><card:addressbook-home-set/><cal:calendar-home-set/><d:displayname/></d:prop>
</d:propfind>"""
PROPFIND_COLLECTIONS = """<?xml version="1.0" encoding="UTF-8"?>
<d:propfind xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"
  xmlns:cs="http://calendarserver.org/ns/">
  <d:prop><d:resourcetype/><d:displayname/><cs:getctag/><d:sync-token/>
    <card:supported-address-data/><d:current-user-privilege-set/></d:prop>
</d:propfind>"""
PROPFIND_ETAGS = """<?xml version="1.0" encoding="UTF-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:getcontenttype/></d:prop></d:propfind>"""


def sync_collection(token: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<d:sync-collection xmlns:d="DAV:"><d:sync-token>{token}</d:sync-token><d:sync-level>1</d:sync-level>
<d:prop><d:getetag/></d:prop></d:sync-collection>"""


def multiget(hrefs: list[str], version: str = "") -> str:
    data = (
        f'<card:address-data content-type="text/vcard" version="{version}"/>'
        if version
        else "<card:address-data/>"
    )
    refs = "".join(f"<d:href>{href}</d:href>" for href in hrefs)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<card:addressbook-multiget xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">
<d:prop><d:getetag/>{data}</d:prop>{refs}</card:addressbook-multiget>"""


def dav(
    client: Client, method: str, path: str, auth: str | None, body: str = "", **headers: Any
) -> Any:
    extra = {"HTTP_AUTHORIZATION": auth} if auth else {}
    return client.generic(
        method,
        path,
        data=body.encode(),
        content_type="application/xml; charset=utf-8",
        **extra,
        **headers,
    )


def xml(response: Any) -> ElementTree.Element:
    return ElementTree.fromstring(response.content)


def hrefs_of(response: Any, prop: str) -> list[str]:
    return (
        [element.text or "" for element in xml(response).iter("{DAV:}href") if element.text]
        if prop == "*"
        else [
            href.text or ""
            for found in xml(response).iter(prop)
            for href in found.iter("{DAV:}href")
        ]
    )


def responses(response: Any) -> dict[str, ElementTree.Element]:
    return {
        (item.findtext("{DAV:}href") or ""): item for item in xml(response).iter("{DAV:}response")
    }


@pytest.fixture
def jane(owner: Any) -> Person:
    person = person_create(
        owner=owner,
        name="Jane Doe",
        company="Acme Corp",
        email="jane@acme.example",
        story={"work": "Runs IT at Acme", "origin": "Grew up in Lyon"},
    )
    note_add(person=person, text="Met at the CIO Summit")
    return person


def test_discovery_in_the_order_ios_and_davx5_send_it(
    client: Client, owner: Any, owner_auth: str, jane: Person
) -> None:
    # iOS: PROPFIND on the root first, without credentials, then with them.
    first = dav(client, "PROPFIND", "/", None, PROPFIND_PRINCIPAL, HTTP_DEPTH="0")
    assert first.status_code == 401 and first["WWW-Authenticate"].startswith("Basic")
    root = dav(client, "PROPFIND", "/", owner_auth, PROPFIND_PRINCIPAL, HTTP_DEPTH="0")
    assert root.status_code == 207
    assert hrefs_of(root, "{DAV:}current-user-principal") == ["/dav/olivia/"]
    # The well-known addresses lead to the DAV root (RFC 6764), for any method.
    for name in ("carddav", "caldav"):
        moved = dav(client, "PROPFIND", f"/.well-known/{name}", None, PROPFIND_PRINCIPAL)
        assert moved.status_code == 301 and moved["Location"] == "/dav/"
    # DAVx5 asks the base URL for the principal, then the principal for the homes.
    base = dav(client, "PROPFIND", "/dav/", owner_auth, PROPFIND_PRINCIPAL, HTTP_DEPTH="0")
    assert hrefs_of(base, "{DAV:}current-user-principal") == ["/dav/olivia/"]
    home = dav(client, "PROPFIND", "/dav/olivia/", owner_auth, PROPFIND_HOME, HTTP_DEPTH="0")
    assert hrefs_of(home, f"{{{NS['card']}}}addressbook-home-set") == ["/dav/olivia/"]
    assert hrefs_of(home, f"{{{NS['cal']}}}calendar-home-set") == ["/dav/olivia/"]
    # The home lists one address book and one calendar, with what clients need to sync.
    listing = dav(
        client, "PROPFIND", "/dav/olivia/", owner_auth, PROPFIND_COLLECTIONS, HTTP_DEPTH="1"
    )
    found = responses(listing)
    book = found["/dav/olivia/contacts/"]
    assert book.find(f".//{{{NS['card']}}}addressbook") is not None
    assert book.findtext(".//{DAV:}displayname") == "Hallway"
    assert book.findtext(".//{http://calendarserver.org/ns/}getctag")
    assert book.findtext(".//{DAV:}sync-token", "").startswith("http://hallway.invalid/ns/sync/")
    versions = {
        element.get("version") for element in book.iter(f"{{{NS['card']}}}address-data-type")
    }
    assert {"3.0", "4.0"} <= versions
    assert found["/dav/olivia/calendar/"].find(f".//{{{NS['cal']}}}calendar") is not None
    # First sync as iOS/DAVx5 do it: sync-collection, then multiget of what it listed.
    initial = dav(
        client, "REPORT", "/dav/olivia/contacts/", owner_auth, sync_collection(), HTTP_DEPTH="1"
    )
    assert initial.status_code == 207
    card_href = f"/dav/olivia/contacts/hallway-person-{jane.pk}.vcf"
    assert card_href in responses(initial)
    cards = dav(
        client, "REPORT", "/dav/olivia/contacts/", owner_auth, multiget([card_href]), HTTP_DEPTH="1"
    )
    text = xml(cards).findtext(f".//{{{NS['card']}}}address-data") or ""
    assert "VERSION:3.0" in text and "FN:Jane Doe" in text and "Work: Runs IT at Acme" in text


def test_a_device_password_never_reaches_anyone_elses_address_book(
    client: Client,
    owner: Any,
    jane: Person,
    teammate_auth: str,
    outsider_auth: str,
    owner_auth: str,
) -> None:
    card = f"/dav/olivia/contacts/hallway-person-{jane.pk}.vcf"
    for auth in (teammate_auth, outsider_auth):
        for method, path in (
            ("PROPFIND", "/dav/olivia/"),
            ("PROPFIND", "/dav/olivia/contacts/"),
            ("GET", card),
            ("DELETE", card),
        ):
            assert (
                dav(client, method, path, auth, PROPFIND_ETAGS, HTTP_DEPTH="1").status_code == 404
            )
        put = client.put(
            card,
            data="BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nUID:x\r\nEND:VCARD\r\n",
            content_type="text/vcard",
            HTTP_AUTHORIZATION=auth,
        )
        assert put.status_code == 404
        # …and their own address book does not list Jane either.
        mine = dav(
            client,
            "PROPFIND",
            "/dav/theo/contacts/" if auth == teammate_auth else "/dav/oscar/contacts/",
            auth,
            PROPFIND_ETAGS,
            HTTP_DEPTH="1",
        )
        assert mine.status_code == 207 and f"hallway-person-{jane.pk}" not in mine.content.decode()
    assert Person.objects.filter(pk=jane.pk, name="Jane Doe").exists()
    # Anonymous, a wrong password and the account password itself: 401.
    assert dav(client, "PROPFIND", "/dav/olivia/", None, PROPFIND_ETAGS).status_code == 401
    assert (
        dav(
            client, "PROPFIND", "/dav/olivia/", basic("olivia", "wrong-password"), PROPFIND_ETAGS
        ).status_code
        == 401
    )
    from hallway.conftest import PASSWORD

    assert (
        dav(
            client, "PROPFIND", "/dav/olivia/", basic("olivia", PASSWORD), PROPFIND_ETAGS
        ).status_code
        == 401
    )
    # The owner's device password works.
    assert dav(client, "GET", card, owner_auth).status_code == 200


def test_failed_device_logins_are_throttled_like_the_login_form(
    client: Client, owner: Any, owner_auth: str, settings: Any
) -> None:
    guess = basic("olivia", "guess")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert dav(client, "PROPFIND", "/dav/olivia/", guess, PROPFIND_ETAGS).status_code == 401
    # The failure that reaches the limit locks the user name from this address…
    assert dav(client, "PROPFIND", "/dav/olivia/", guess, PROPFIND_ETAGS).status_code == 429
    # …so even the right device password waits for the cool-off.
    locked = dav(client, "PROPFIND", "/dav/olivia/", owner_auth, PROPFIND_ETAGS)
    assert locked.status_code == 429 and int(locked["Retry-After"]) > 0


def test_a_revoked_device_password_stops_working(
    client: Client, device: Any, owner_auth: str
) -> None:
    assert dav(client, "PROPFIND", "/dav/olivia/", owner_auth, PROPFIND_ETAGS).status_code == 207
    device[0].delete()
    assert dav(client, "PROPFIND", "/dav/olivia/", owner_auth, PROPFIND_ETAGS).status_code == 401


def _etag(client: Client, path: str, auth: str) -> str:
    return client.get(path, HTTP_AUTHORIZATION=auth)["ETag"]


def test_stale_etags_are_refused_with_412_on_put_and_delete(
    client: Client, owner_auth: str, jane: Person
) -> None:
    path = f"/dav/olivia/contacts/hallway-person-{jane.pk}.vcf"
    old = _etag(client, path, owner_auth)
    person_update(person=jane, role="CTO")
    card = client.get(path, HTTP_AUTHORIZATION=owner_auth).content.decode()
    stale = client.put(
        path,
        data=card.replace("FN:Jane Doe", "FN:Jane Stale"),
        content_type="text/vcard",
        HTTP_AUTHORIZATION=owner_auth,
        HTTP_IF_MATCH=old,
    )
    assert stale.status_code == 412
    assert client.delete(path, HTTP_AUTHORIZATION=owner_auth, HTTP_IF_MATCH=old).status_code == 412
    # Without If-Match an existing card is not overwritten blindly either.
    assert (
        client.put(
            path, data=card, content_type="text/vcard", HTTP_AUTHORIZATION=owner_auth
        ).status_code
        == 412
    )
    # Creating over an existing card with If-None-Match: * fails too.
    assert (
        client.put(
            path,
            data=card,
            content_type="text/vcard",
            HTTP_AUTHORIZATION=owner_auth,
            HTTP_IF_NONE_MATCH="*",
        ).status_code
        == 412
    )
    jane.refresh_from_db()
    assert jane.name == "Jane Doe" and jane.role == "CTO"
    current = _etag(client, path, owner_auth)
    assert current != old and current.startswith('"') and not current.startswith("W/")
    ok = client.put(
        path,
        data=card.replace("FN:Jane Doe", "FN:Jane Smith").replace(
            "N:Doe;Jane;;;", "N:Smith;Jane;;;"
        ),
        content_type="text/vcard",
        HTTP_AUTHORIZATION=owner_auth,
        HTTP_IF_MATCH=current,
    )
    assert ok.status_code in (201, 204)
    jane.refresh_from_db()
    assert jane.name == "Jane Smith" and jane.story["work"] == "Runs IT at Acme"


def test_sync_collection_sends_only_changes_and_tombstones_and_tokens_survive_restarts(
    client: Client, owner: Any, owner_auth: str, jane: Person
) -> None:
    others = [person_create(owner=owner, name=f"Person {index}") for index in range(5)]
    first = dav(
        client, "REPORT", "/dav/olivia/contacts/", owner_auth, sync_collection(), HTTP_DEPTH="1"
    )
    token = xml(first).findtext("{DAV:}sync-token") or ""
    assert len(responses(first)) == 6
    # Nothing changed: nothing listed, the same token.
    again = dav(
        client,
        "REPORT",
        "/dav/olivia/contacts/",
        owner_auth,
        sync_collection(token),
        HTTP_DEPTH="1",
    )
    assert responses(again) == {} and xml(again).findtext("{DAV:}sync-token") == token
    # One edit and one deletion: exactly those two, the deleted one as a 404 tombstone.
    person_update(person=others[0], company="Initech")
    gone = others[1].pk
    person_delete(person=others[1])
    # A "restart": a new client and a new Radicale application read the same tables.
    from hallway.sync import views

    views._radicale_app.cache_clear()
    changed = dav(
        Client(),
        "REPORT",
        "/dav/olivia/contacts/",
        owner_auth,
        sync_collection(token),
        HTTP_DEPTH="1",
    )
    found = responses(changed)
    assert set(found) == {
        f"/dav/olivia/contacts/hallway-person-{others[0].pk}.vcf",
        f"/dav/olivia/contacts/hallway-person-{gone}.vcf",
    }
    assert "404" in (
        found[f"/dav/olivia/contacts/hallway-person-{gone}.vcf"].findtext("{DAV:}status") or ""
    )
    # A made-up token is refused, so the client starts over.
    bad = dav(
        client,
        "REPORT",
        "/dav/olivia/contacts/",
        owner_auth,
        sync_collection("http://hallway.invalid/ns/sync/999999"),
        HTTP_DEPTH="1",
    )
    assert bad.status_code == 403 and b"valid-sync-token" in bad.content


def test_vcard_4_is_sent_when_asked_and_3_by_default(
    client: Client, owner_auth: str, jane: Person
) -> None:
    path = f"/dav/olivia/contacts/hallway-person-{jane.pk}.vcf"
    assert "VERSION:3.0" in client.get(path, HTTP_AUTHORIZATION=owner_auth).content.decode()
    assert (
        "VERSION:4.0"
        in client.get(
            path, HTTP_AUTHORIZATION=owner_auth, HTTP_ACCEPT="text/vcard; version=4.0"
        ).content.decode()
    )
    report = dav(
        client,
        "REPORT",
        "/dav/olivia/contacts/",
        owner_auth,
        multiget([path], "4.0"),
        HTTP_DEPTH="1",
    )
    assert "VERSION:4.0" in (xml(report).findtext(f".//{{{NS['card']}}}address-data") or "")


def test_an_edited_story_block_from_ios_merges_into_the_facets_and_a_dated_note(
    client: Client, owner_auth: str, jane: Person
) -> None:
    """iOS keeps NOTE but not Hallway's own properties: the block is all it sends back."""
    path = f"/dav/olivia/contacts/hallway-person-{jane.pk}.vcf"
    response = client.get(path, HTTP_AUTHORIZATION=owner_auth)
    card = response.content.decode().replace("\r\n ", "")
    note_line = next(line for line in card.split("\r\n") if line.startswith("NOTE:"))
    note = note_line[5:]
    edited_note = (
        note.replace("Runs IT at Acme", "Runs IT and security at Acme") + "\\nHas two kids"
    )
    ios_card = "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "PRODID:-//Apple Inc.//iPhone OS 18.1//EN",
            f"UID:hallway-person-{jane.pk}",
            "N:Doe;Jane;;;",
            "FN:Jane Doe",
            "ORG:Acme Corp;",
            "EMAIL;type=INTERNET;type=WORK;type=pref:jane@acme.example",
            "TEL;type=CELL;type=VOICE;type=pref:+1 555 0142",
            f"NOTE:{edited_note}",
            "END:VCARD",
            "",
        ]
    )
    put = client.put(
        path,
        data=ios_card,
        content_type="text/vcard",
        HTTP_AUTHORIZATION=owner_auth,
        HTTP_IF_MATCH=response["ETag"],
    )
    assert put.status_code in (201, 204), put.content
    assert "ETag" not in put  # the stored card is Hallway's rendering: the phone reads it again
    jane.refresh_from_db()
    assert jane.story["work"] == "Runs IT and security at Acme"
    assert jane.story["origin"] == "Grew up in Lyon"  # untouched facets stay
    assert jane.phone == "+1 555 0142" and jane.company == "Acme Corp"
    assert sorted(note.text for note in jane.notes.all()) == [
        "Has two kids",
        "Met at the CIO Summit",
    ]
    # Reading it back shows the merged story, and sending the same card again changes nothing.
    again = client.get(path, HTTP_AUTHORIZATION=owner_auth)
    assert "Runs IT and security at Acme" in again.content.decode().replace("\r\n ", "")
    notes_before = jane.notes.count()
    client.put(
        path,
        data=again.content,
        content_type="text/vcard",
        HTTP_AUTHORIZATION=owner_auth,
        HTTP_IF_MATCH=again["ETag"],
    )
    assert jane.notes.count() == notes_before


def test_a_contact_made_on_the_phone_keeps_its_file_name_and_a_delete_goes_to_the_trash(
    client: Client, owner: Any, owner_auth: str
) -> None:
    path = "/dav/olivia/contacts/8E1A-PHONE.vcf"
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:8E1A-PHONE\r\nFN:Nora New\r\nN:New;Nora;;;\r\nTEL:+44 20 7946 0000\r\nNOTE:Met her at the airport\r\nEND:VCARD\r\n"
    created = client.put(
        path,
        data=card,
        content_type="text/vcard",
        HTTP_AUTHORIZATION=owner_auth,
        HTTP_IF_NONE_MATCH="*",
    )
    assert created.status_code == 201
    nora = Person.objects.get(owner=owner, name="Nora New")
    assert [note.text for note in nora.notes.all()] == ["Met her at the airport"]
    read = client.get(path, HTTP_AUTHORIZATION=owner_auth)
    assert read.status_code == 200 and "UID:8E1A-PHONE" in read.content.decode()
    assert (
        client.get(
            f"/dav/olivia/contacts/hallway-person-{nora.pk}.vcf", HTTP_AUTHORIZATION=owner_auth
        ).status_code
        == 404
    )
    # A second card with the same UID elsewhere is refused (no duplicates).
    dup = client.put(
        "/dav/olivia/contacts/other.vcf",
        data=card,
        content_type="text/vcard",
        HTTP_AUTHORIZATION=owner_auth,
        HTTP_IF_NONE_MATCH="*",
    )
    assert dup.status_code == 409
    assert (
        client.delete(path, HTTP_AUTHORIZATION=owner_auth, HTTP_IF_MATCH=read["ETag"]).status_code
        == 200
    )
    assert not Person.objects.filter(pk=nora.pk).exists()
    assert DeletedPerson.objects.get(owner=owner, person_id=nora.pk).source == "phone"


def test_a_card_without_a_name_is_refused_with_a_message(client: Client, owner_auth: str) -> None:
    bad = client.put(
        "/dav/olivia/contacts/x.vcf",
        data="BEGIN:VCARD\r\nVERSION:3.0\r\nUID:x\r\nEMAIL:a@b.example\r\nEND:VCARD\r\n",
        content_type="text/vcard",
        HTTP_AUTHORIZATION=owner_auth,
    )
    assert bad.status_code == 400
    assert not Person.objects.exists()


def test_the_calendar_is_read_only(client: Client, owner_auth: str, event: Any) -> None:
    listing = dav(
        client, "PROPFIND", "/dav/olivia/calendar/", owner_auth, PROPFIND_ETAGS, HTTP_DEPTH="1"
    )
    href = f"/dav/olivia/calendar/hallway-event-{event.pk}.ics"
    assert href in responses(listing)
    assert "SUMMARY:CIO Summit" in client.get(href, HTTP_AUTHORIZATION=owner_auth).content.decode()
    put = client.put(
        "/dav/olivia/calendar/new.ics",
        data="BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:new\r\nDTSTART:20260101T100000Z\r\nDTSTAMP:20260101T100000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        content_type="text/calendar",
        HTTP_AUTHORIZATION=owner_auth,
    )
    assert put.status_code in (401, 403)
    assert re.search(r"\d", xml(listing).findtext(".//{DAV:}getetag") or "")


def test_contact_groups_from_macos_are_refused(client: Client, owner_auth: str) -> None:
    group = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:group-1\r\nFN:Board\r\nN:Board;;;;\r\n"
        "X-ADDRESSBOOKSERVER-KIND:group\r\nEND:VCARD\r\n"
    )
    put = client.put(
        "/dav/olivia/contacts/group-1.vcf",
        data=group,
        content_type="text/vcard",
        HTTP_AUTHORIZATION=owner_auth,
    )
    assert put.status_code == 400
    assert not Person.objects.exists()


def test_an_e_mail_address_as_user_name_works(client: Client, db: Any) -> None:
    from django.contrib.auth.models import User

    from hallway.sync.services import device_password_create

    user = User.objects.create_user(username="ann.lee+crm@example.com", password="x" * 20)
    person = person_create(owner=user, name="Ken Adams")
    auth = basic(user.username, device_password_create(owner=user, name="iPhone")[1])
    root = dav(client, "PROPFIND", "/", auth, PROPFIND_PRINCIPAL, HTTP_DEPTH="0")
    principal = hrefs_of(root, "{DAV:}current-user-principal")[0]
    listing = dav(client, "PROPFIND", principal + "contacts/", auth, PROPFIND_ETAGS, HTTP_DEPTH="1")
    assert listing.status_code == 207
    assert f"hallway-person-{person.pk}.vcf" in listing.content.decode()
