"""The voice screens: record/upload, progress, proposal beside the story, one-tap accept."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hallway.voice import services
from hallway.voice.models import VoiceNote
from hallway.voice.tests.conftest import tone_wav

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def note(owner: Any, person: Any) -> VoiceNote:
    return services.voice_note_from_text(
        owner=owner, person=person, text="She loves sailing. Send her the deck on Friday."
    )


NOTE_VIEWS = [
    ("detail", "get", {}),
    ("status", "get", {}),
    ("apply", "post", {"facet_passions": "Loves sailing"}),
    ("retry", "post", {}),
    ("delete", "post", {}),
]


@pytest.mark.parametrize(("name", "method", "data"), NOTE_VIEWS)
def test_another_user_gets_404_for_every_note_view(
    other_clients: list[Client], note: VoiceNote, person: Any, name: str, method: str, data: dict
) -> None:
    for client in other_clients:
        response = getattr(client, method)(reverse(f"voice:{name}", args=[note.pk]), data)
        assert response.status_code == 404
    note.refresh_from_db()
    assert note.status == "ready"
    person.refresh_from_db()
    assert person.passions == ""


@pytest.mark.parametrize(("name", "method", "data"), NOTE_VIEWS)
def test_anonymous_visitors_are_sent_to_log_in(
    client: Client, note: VoiceNote, name: str, method: str, data: dict
) -> None:
    response = getattr(client, method)(reverse(f"voice:{name}", args=[note.pk]), data)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ["list", "remember"])
def test_anonymous_visitors_are_sent_to_log_in_from_the_other_pages(client: Client, name: str):
    response = client.get(reverse(f"voice:{name}"))
    assert response.status_code == 302


def test_the_proposal_is_shown_beside_the_current_story(owner_client: Client, note: VoiceNote):
    response = owner_client.get(reverse("voice:detail", args=[note.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Grew up in Lyon" in html  # what the story says now
    assert 'name="facet_passions"' in html and ">Loves sailing</textarea>" in html
    assert 'value="Send her the deck on Friday"' in html
    assert "Add to story" in html


def test_one_tap_applies_the_edited_lines(owner_client: Client, note: VoiceNote, person: Any):
    data = {
        "person_id": person.pk,
        "facet_passions": "Loves sailing and chess",
        "facet_work": "",
        "followup_text": ["Send her the deck on Friday", ""],
        "followup_due": ["2030-01-04", ""],
        "note_text": ["Met at the bar", ""],
    }
    response = owner_client.post(reverse("voice:apply", args=[note.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    person.refresh_from_db()
    assert person.passions == "Loves sailing and chess"
    assert person.work == "Runs IT at Acme"
    assert str(person.followups.get().due) == "2030-01-04"
    assert person.notes.get().text == "Met at the bar"


def test_a_bad_line_shows_the_form_again_with_a_message(
    owner_client: Client, note: VoiceNote, person: Any
):
    data = {"person_id": person.pk, "facet_passions": "x" * 2001}
    response = owner_client.post(reverse("voice:apply", args=[note.pk]), data)
    assert response.status_code == 422
    assert "longer than 2000 characters" in response.content.decode()
    person.refresh_from_db()
    assert person.passions == ""


def test_a_person_of_someone_else_cannot_be_the_target(
    owner_client: Client, note: VoiceNote, outsider: Any
):
    from hallway.people.services import person_create

    theirs = person_create(owner=outsider, name="Not yours")
    response = owner_client.post(reverse("voice:apply", args=[note.pk]), {"person_id": theirs.pk})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.passions == ""


def test_what_i_remember_becomes_a_proposal(owner_client: Client, person: Any):
    response = owner_client.post(
        reverse("voice:remember"), {"text": "He studied at Purdue.", "person_id": person.pk}
    )
    note = VoiceNote.objects.get()
    assert response.status_code == 302 and response["Location"] == note.get_absolute_url()
    assert note.proposal["facets"]["education"] == "Studied at Purdue"


def test_what_i_remember_needs_text(owner_client: Client):
    response = owner_client.post(reverse("voice:remember"), {"text": "   "})
    assert response.status_code == 422
    assert "This field is required" in response.content.decode()


def test_nobody_writes_into_someone_elses_person(outsider_client: Client, person: Any):
    response = outsider_client.post(
        reverse("voice:remember"), {"text": "Loves chess", "person_id": person.pk}
    )
    assert response.status_code == 404
    response = outsider_client.get(reverse("voice:remember"), {"person_id": person.pk})
    assert response.status_code == 404
    assert not VoiceNote.objects.exists()


def test_the_list_shows_only_your_notes(owner_client, teammate_client, note: VoiceNote):
    assert note.get_absolute_url() in owner_client.get(reverse("voice:list")).content.decode()
    html = teammate_client.get(reverse("voice:list")).content.decode()
    assert note.get_absolute_url() not in html
    assert "No voice notes yet" in html


def test_a_pending_note_shows_progress_and_polls(owner: Any, owner_client: Client):
    pytest.importorskip("av")
    note, _ = services.voice_note_upload(owner=owner, audio=io.BytesIO(tone_wav(1.0)))
    html = owner_client.get(reverse("voice:detail", args=[note.pk])).content.decode()
    assert "Waiting for the transcriber" in html
    assert reverse("voice:status", args=[note.pk]) in html
    partial = owner_client.get(reverse("voice:status", args=[note.pk]), **HTMX)
    assert partial.status_code == 200 and "voice-progress" in partial.content.decode()
    VoiceNote.objects.filter(pk=note.pk).update(status="ready")
    done = owner_client.get(reverse("voice:status", args=[note.pk]), **HTMX)
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_upload_answers_json_for_the_recorder(owner_client: Client, person: Any):
    pytest.importorskip("av")
    audio = io.BytesIO(tone_wav(1.0))
    audio.name = "memo.wav"
    data = {"audio": audio, "person_id": person.pk, "idempotency_key": "k-1"}
    response = owner_client.post(reverse("voice:upload"), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 201
    note = VoiceNote.objects.get()
    assert response.json() == {"id": note.pk, "status": "queued", "url": note.get_absolute_url()}
    audio.seek(0)
    again = owner_client.post(reverse("voice:upload"), data, HTTP_ACCEPT="application/json")
    assert again.status_code == 200 and again.json()["id"] == note.pk
    assert VoiceNote.objects.count() == 1


def test_upload_of_something_else_is_a_clear_422(owner_client: Client):
    pytest.importorskip("av")
    junk = io.BytesIO(b"%PDF-1.4 definitely not audio" * 20)
    junk.name = "memo.pdf"
    response = owner_client.post(
        reverse("voice:upload"), {"audio": junk}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 422
    assert "not an audio recording" in response.json()["detail"]


def test_upload_without_a_file_from_the_form_goes_back_with_a_message(
    owner_client: Client, person: Any
):
    response = owner_client.post(reverse("voice:upload"), {"person_id": person.pk}, follow=True)
    assert "Choose or record a voice memo first" in response.content.decode()


def test_upload_for_someone_elses_person_or_conversation_is_404(
    outsider_client: Client, person: Any
):
    from hallway.conversations.services import conversation_log

    conversation = conversation_log(owner=person.owner, person=person)
    for data in ({"person_id": person.pk}, {"conversation_id": conversation.pk}):
        response = outsider_client.post(reverse("voice:upload"), data)
        assert response.status_code == 404


def test_the_record_button_is_on_the_person_page_and_home(owner_client: Client, person: Any):
    for url in (person.get_absolute_url(), reverse("home")):
        html = owner_client.get(url).content.decode()
        assert "data-voice-recorder" in html and reverse("voice:upload") in html
    assert (
        f'data-person-id="{person.pk}"'
        in owner_client.get(person.get_absolute_url()).content.decode()
    )


def test_the_ui_says_when_the_extra_is_missing(owner_client: Client, person: Any, monkeypatch):
    from hallway.voice import transcription

    monkeypatch.setattr(transcription, "extra_installed", lambda: False)
    html = owner_client.get(person.get_absolute_url()).content.decode()
    assert "need the &#x27;voice&#x27; extra" in html
    assert "data-voice-toggle" not in html


def test_keep_recordings_is_a_setting(owner: Any, owner_client: Client, teammate: Any):
    assert "Keep my recordings" in owner_client.get(reverse("accounts:settings")).content.decode()
    owner_client.post(reverse("voice:settings"), {"keep_recordings": "on"})
    assert services.voice_settings_get(user=owner).keep_recordings
    assert not services.voice_settings_get(user=teammate).keep_recordings
    owner_client.post(reverse("voice:settings"), {})
    assert not services.voice_settings_get(user=owner).keep_recordings


def test_delete_goes_back_to_the_person(owner_client: Client, note: VoiceNote, person: Any):
    response = owner_client.post(reverse("voice:delete", args=[note.pk]))
    assert response["Location"] == person.get_absolute_url()
    assert not VoiceNote.objects.exists()


def test_the_live_conversation_offers_a_memo_during_and_right_after_it(
    owner: Any, owner_client: Client, person: Any, event: Any, teammate_client: Client
):
    from hallway.eventmode import services as live

    conversation = live.live_conversation_start(user=owner, event=event, person=person)
    screen = reverse("eventmode:conversation", args=[conversation.pk])
    html = owner_client.get(screen).content.decode()
    assert f'data-conversation-id="{conversation.pk}"' in html and "data-stay" in html
    event_screen = reverse("eventmode:event", args=[event.pk])
    assert "Just talked to" not in owner_client.get(event_screen).content.decode()

    live.live_conversation_end(conversation=conversation, outcome="connected")
    html = owner_client.get(event_screen).content.decode()
    assert f"Just talked to {person.name}?" in html
    assert f'data-conversation-id="{conversation.pk}"' in html
    # Once there is a memo, the event screen stops asking.
    services.voice_note_from_text(owner=owner, conversation=conversation, text="Loves chess.")
    assert "Just talked to" not in owner_client.get(event_screen).content.decode()


def test_notes_waiting_for_a_tap_are_pointed_out(owner_client: Client, note: VoiceNote):
    html = owner_client.get(reverse("home")).content.decode()
    assert "1 voice note to review" in html
    services.voice_note_apply(note=note)
    assert "voice note to review" not in owner_client.get(reverse("home")).content.decode()


def test_a_memo_about_someone_new_offers_the_known_namesake_or_a_new_person(
    owner: Any, owner_client: Client, person: Any
):
    from hallway.people.models import Person

    note = services.voice_note_from_text(
        owner=owner, text="Jane Doe, CTO at Initech. She loves chess."
    )
    html = owner_client.get(reverse("voice:detail", args=[note.pk])).content.decode()
    assert f'name="person_id" value="{person.pk}" checked' in html
    assert "Someone new with this name" in html
    assert 'value="Jane Doe"' in html and 'value="Initech"' in html
    data = {
        "person_id": "",
        "name": "Jane Doe",
        "role": "CTO",
        "company": "Initech",
        "facet_passions": "Loves chess",
        "facet_work": "CTO at Initech",
    }
    response = owner_client.post(reverse("voice:apply", args=[note.pk]), data)
    created = Person.objects.exclude(pk=person.pk).get()
    assert response["Location"] == created.get_absolute_url()
    assert (created.name, created.company, created.role) == ("Jane Doe", "Initech", "CTO")
    assert created.passions == "Loves chess"
    person.refresh_from_db()
    assert person.passions == ""
