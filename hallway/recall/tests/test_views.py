"""Recall screens: they work for the owner, 404 for everyone else, and send anonymous users to login."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hallway.conversations.models import FollowUp
from hallway.conversations.services import conversation_log, followup_add
from hallway.events.services import event_create
from hallway.people.services import note_add, person_create
from hallway.recall.models import Attendee

from .conftest import NOW


@pytest.fixture
def followup(person):
    return followup_add(
        person=person, text="Send the cloud cost article", due=dt.date(2026, 11, 20)
    )


def _owner_urls(person, event, followup) -> list[tuple[str, str]]:
    return [
        ("get", reverse("recall:person_briefing", args=[person.pk])),
        ("get", reverse("recall:event_briefing", args=[event.pk])),
        ("get", reverse("recall:event_briefing_pdf", args=[event.pk])),
        ("post", reverse("recall:event_attendees", args=[event.pk])),
        ("post", reverse("recall:event_attendees_clear", args=[event.pk])),
        ("post", reverse("recall:followup_done", args=[followup.pk])),
    ]


def test_teammate_and_outsider_get_404_for_every_owner_object(
    other_clients, person, event, followup
):
    Attendee.objects.create(owner=person.owner, event=event, name="Kept Attendee")
    for client in other_clients:
        for method, url in _owner_urls(person, event, followup):
            data = {"text": "Jane Doe"} if "attendees" in url else {}
            response = getattr(client, method)(url, data)
            assert response.status_code == 404, (client, url)
    followup.refresh_from_db()
    assert followup.done is False
    assert Attendee.objects.filter(event=event).count() == 1


def test_anonymous_users_are_sent_to_login(db, person, event, followup):
    anonymous = Client()
    urls = [
        *_owner_urls(person, event, followup),
        ("get", reverse("recall:due")),
        ("get", reverse("recall:reconnect")),
    ]
    for method, url in urls:
        response = getattr(anonymous, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_person_page_has_a_briefing_button(owner_client, person):
    body = owner_client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert reverse("recall:person_briefing", args=[person.pk]) in body


def test_person_briefing_shows_story_last_talk_promises_and_questions(
    frozen_now, owner, owner_client, person, followup
):
    conversation_log(
        owner=owner,
        person=person,
        started_at=NOW - dt.timedelta(days=40),
        notes="Moving to Berlin in the spring",
    )
    note_add(person=person, text="Training for the Boston marathon", date=dt.date(2026, 4, 1))
    response = owner_client.get(reverse("recall:person_briefing", args=[person.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    for expected in (
        "How did the Boston marathon go?",
        "How is life in Berlin?",
        "Where did you study?",
        "Runs IT at Acme",
        "Send the cloud cost article",
        "Moving to Berlin in the spring",
        "Fri 16 Oct 2026",
    ):
        assert expected in body, expected


def test_due_screen_groups_followups_and_has_a_helpful_empty_state(
    frozen_now, owner_client, person, followup
):
    followup_add(person=person, text="Call back today", due=dt.date(2026, 11, 25))
    followup_add(person=person, text="Book the dinner", due=dt.date(2026, 12, 10))
    body = owner_client.get(reverse("recall:due")).content.decode()
    assert (
        body.index("Overdue") < body.index("Send the cloud cost article") < body.index("Due today")
    )
    assert body.index("Call back today") < body.index("Upcoming") < body.index("Book the dinner")
    FollowUp.objects.update(done=True)
    assert "Nothing due" in owner_client.get(reverse("recall:due")).content.decode()


def test_due_screen_shows_only_your_followups(owner, outsider_client, followup):
    assert (
        "Send the cloud cost article"
        not in outsider_client.get(reverse("recall:due")).content.decode()
    )


def test_ticking_a_followup_with_htmx_returns_the_updated_row(frozen_now, owner_client, followup):
    response = owner_client.post(
        reverse("recall:followup_done", args=[followup.pk]), {"done": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="due-{followup.pk}"' in body and "Undo" in body and "<html" not in body
    followup.refresh_from_db()
    assert followup.done is True and followup.done_at == NOW
    owner_client.post(
        reverse("recall:followup_done", args=[followup.pk]), {"done": "0"}, HTTP_HX_REQUEST="true"
    )
    followup.refresh_from_db()
    assert followup.done is False


def test_ticking_without_htmx_redirects_back_to_due(owner_client, followup):
    response = owner_client.post(reverse("recall:followup_done", args=[followup.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("recall:due")
    response = owner_client.post(
        reverse("recall:followup_done", args=[followup.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("recall:due")


def test_ticking_needs_a_post(owner_client, followup):
    assert owner_client.get(reverse("recall:followup_done", args=[followup.pk])).status_code == 405


def test_reconnect_lists_overdue_people_with_their_briefing_one_tap_away(
    frozen_now, owner, owner_client
):
    late = person_create(
        owner=owner,
        name="Late Larry",
        keep_in_touch_days=30,
        last_contact_at=NOW - dt.timedelta(days=50),
    )
    person_create(
        owner=owner,
        name="Fresh Fiona",
        keep_in_touch_days=30,
        last_contact_at=NOW - dt.timedelta(days=3),
    )
    body = owner_client.get(reverse("recall:reconnect")).content.decode()
    assert "Late Larry" in body and "20 days overdue" in body
    assert reverse("recall:person_briefing", args=[late.pk]) in body
    assert "Fresh Fiona" not in body


def test_reconnect_empty_state_explains_how_to_set_a_cadence(owner_client):
    assert "keep in touch" in owner_client.get(reverse("recall:reconnect")).content.decode()


def test_pasting_an_attendee_list_shows_the_people_you_know(owner, owner_client, person, event):
    response = owner_client.post(
        reverse("recall:event_attendees", args=[event.pk]),
        {"text": "jane doe\nSomeone New, Globex"},
    )
    assert response.status_code == 302
    body = owner_client.get(reverse("recall:event_briefing", args=[event.pk])).content.decode()
    assert "Jane Doe" in body and "On the attendee list" in body and "Runs IT at Acme" in body
    assert "Someone New" in body  # among the new faces
    assert 'id="attendee-summary"' in body


def test_uploading_a_csv_attendee_list_matches_by_email(owner, owner_client, person, event):
    upload = SimpleUploadedFile(
        "attendees.csv", b"Name,Email\nJ. Doe,JANE@acme.example\n", content_type="text/csv"
    )
    owner_client.post(reverse("recall:event_attendees", args=[event.pk]), {"file": upload})
    body = owner_client.get(reverse("recall:event_briefing", args=[event.pk])).content.decode()
    assert "Jane Doe" in body and "On the attendee list" in body


def test_an_empty_attendee_list_is_rejected_with_a_message(owner_client, event):
    response = owner_client.post(
        reverse("recall:event_attendees", args=[event.pk]), {"text": "   "}
    )
    assert response.status_code == 422
    assert "Paste at least one name" in response.content.decode()
    assert not Attendee.objects.exists()


def test_a_csv_without_useful_columns_is_rejected_with_a_message(owner_client, event):
    upload = SimpleUploadedFile(
        "attendees.csv", b"company,title\nAcme,CIO\n", content_type="text/csv"
    )
    response = owner_client.post(
        reverse("recall:event_attendees", args=[event.pk]), {"file": upload}
    )
    assert response.status_code == 422
    assert "no name or email column" in response.content.decode()


def test_clearing_the_attendee_list(owner_client, event):
    owner_client.post(reverse("recall:event_attendees", args=[event.pk]), {"text": "A\nB"})
    owner_client.post(reverse("recall:event_attendees_clear", args=[event.pk]))
    assert not Attendee.objects.filter(event=event).exists()


def test_event_briefing_empty_state_invites_to_paste_the_list(owner_client, event):
    body = owner_client.get(reverse("recall:event_briefing", args=[event.pk])).content.decode()
    assert "Nobody you know is linked to this event yet" in body
    assert "@media print" not in body  # print rules live in the stylesheet
    assert "recall/recall.css" in body


def test_event_briefing_pdf_is_one_page_with_the_people_you_know(owner, owner_client, event):
    for number in range(60):
        wanted = person_create(
            owner=owner, name=f"Person {number:02d}", story={"work": "CIO at Somewhere " * 3}
        )
        event.want_to_meet.add(wanted)
    response = owner_client.get(reverse("recall:event_briefing_pdf", args=[event.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = response.content
    assert data.startswith(b"%PDF")
    assert re.findall(rb"/Count (\d+)", data) == [b"1"]  # one page, however many people
    assert b"Person 00" in data and b"CIO Summit" in data
    assert b"and 20 more" in data


def test_event_created_for_another_day_still_briefs(owner, owner_client):
    event = event_create(owner=owner, name="Dinner", starts_at=NOW + dt.timedelta(days=10))
    assert owner_client.get(reverse("recall:event_briefing", args=[event.pk])).status_code == 200


def test_an_empty_uploaded_file_is_rejected_with_a_message(owner_client, event):
    upload = SimpleUploadedFile("attendees.csv", b"", content_type="text/csv")
    response = owner_client.post(
        reverse("recall:event_attendees", args=[event.pk]), {"file": upload}
    )
    assert response.status_code == 422
    assert "empty" in response.content.decode()


def test_teammate_and_outsider_lists_never_show_the_owners_people(
    frozen_now, owner, other_clients, followup
):
    person_create(
        owner=owner,
        name="Late Larry",
        keep_in_touch_days=7,
        last_contact_at=NOW - dt.timedelta(days=60),
    )
    for client in other_clients:
        due_page = client.get(reverse("recall:due")).content.decode()
        reconnect_page = client.get(reverse("recall:reconnect")).content.decode()
        assert "Send the cloud cost article" not in due_page and "Nothing due" in due_page
        assert "Late Larry" not in reconnect_page and "Nobody to reconnect with" in reconnect_page
