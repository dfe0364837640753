"""Voice notes over the API: upload for a person, a conversation or someone new; typed notes;
read the proposal; accept it. Another user's note, person or conversation is a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hallway.voice import services
from hallway.voice.models import VoiceNote
from hallway.voice.tests.conftest import tone_wav


def _multipart(api: Any, path: str, data: dict[str, Any]) -> Any:
    return api.client.post(f"/api/v1/{path}", data, headers=api.headers)


@pytest.fixture
def note(owner: Any, person: Any) -> VoiceNote:
    return services.voice_note_from_text(
        owner=owner, person=person, text="She loves sailing. Email her on Friday."
    )


def test_typed_notes_come_back_with_their_proposal(owner_api, person):
    response = owner_api.post(
        "voice-notes/text",
        {"text": "He grew up in Ohio. Call him tomorrow.", "person_id": person.pk},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "ready" and body["person_id"] == person.pk
    assert body["proposal"]["facets"]["origin"] == "Grew up in Ohio"
    assert body["proposal"]["followups"][0]["text"] == "Call him tomorrow"
    assert body["proposal"]["sentences"][0] == {
        "text": "Grew up in Ohio",
        "kind": "origin",
        "how": "grew up in",
        "due": None,
    }


def test_apply_with_edits_merges_into_the_story(owner_api, note, person):
    response = owner_api.post(
        f"voice-notes/{note.pk}/apply",
        {
            "facets": {"passions": "Loves sailing and jazz"},
            "followups": [{"text": "Email her", "due": "2030-02-01"}],
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["note"]["status"] == "applied"
    assert body["person"]["story"]["passions"] == "Loves sailing and jazz"
    assert body["person"]["story"]["origin"] == "Grew up in Lyon"
    assert str(person.followups.get().due) == "2030-02-01"
    again = owner_api.post(f"voice-notes/{note.pk}/apply")
    assert again.status_code == 422 and "already" in again.json()["detail"]


def test_apply_as_proposed_needs_no_body(owner_api, note, person):
    assert owner_api.post(f"voice-notes/{note.pk}/apply").status_code == 200
    person.refresh_from_db()
    assert person.passions == "Loves sailing"


def test_list_get_and_delete(owner_api, note):
    listing = owner_api.get("voice-notes", status="ready")
    assert listing.json()["count"] == 1 and listing.json()["items"][0]["id"] == note.pk
    assert owner_api.get("voice-notes", status="queued").json()["count"] == 0
    assert owner_api.get(f"voice-notes/{note.pk}").json()["transcript"].startswith("She loves")
    assert owner_api.delete(f"voice-notes/{note.pk}").status_code == 204
    assert not VoiceNote.objects.exists()


def test_another_user_gets_404_and_changes_nothing(other_apis, note, person):
    for api in other_apis:
        assert api.get(f"voice-notes/{note.pk}").status_code == 404
        assert api.post(f"voice-notes/{note.pk}/apply").status_code == 404
        assert api.delete(f"voice-notes/{note.pk}").status_code == 404
        assert api.get("voice-notes").json()["count"] == 0
        refused = api.post("voice-notes/text", {"text": "Loves chess", "person_id": person.pk})
        assert refused.status_code == 422 and "no person" in refused.json()["detail"]
        upload = _multipart(
            api, f"people/{person.pk}/voice-notes", {"audio": SimpleUploadedFile("m.wav", b"x")}
        )
        assert upload.status_code == 404
    person.refresh_from_db()
    assert person.passions == ""
    assert VoiceNote.objects.count() == 1


def test_anonymous_calls_get_401(anonymous_api, note):
    assert anonymous_api.get(f"voice-notes/{note.pk}").status_code == 401
    assert anonymous_api.post("voice-notes/text", {"text": "x"}).status_code == 401


@pytest.fixture
def av_installed():
    pytest.importorskip("av", reason="the voice extra is not installed")


def test_upload_for_a_person_queues_it_once_per_key(owner_api, person, av_installed):
    data = {"audio": SimpleUploadedFile("memo.wav", tone_wav(1.0)), "idempotency_key": "phone-1"}
    first = _multipart(owner_api, f"people/{person.pk}/voice-notes", data)
    assert first.status_code == 202, first.content
    assert first.json()["status"] == "queued" and first.json()["person_id"] == person.pk
    assert first.json()["audio_kept"] is True
    data["audio"] = SimpleUploadedFile("memo.wav", tone_wav(1.0))
    second = _multipart(owner_api, f"people/{person.pk}/voice-notes", data)
    assert second.status_code == 200 and second.json()["id"] == first.json()["id"]


def test_upload_for_a_conversation(owner_api, owner, person, av_installed, other_apis):
    from hallway.conversations.services import conversation_log

    conversation = conversation_log(owner=owner, person=person)
    path = f"conversations/{conversation.pk}/voice-notes"
    response = _multipart(owner_api, path, {"audio": SimpleUploadedFile("m.wav", tone_wav(1.0))})
    assert response.status_code == 202
    assert response.json()["conversation_id"] == conversation.pk
    assert response.json()["person_id"] == person.pk
    for api in other_apis:
        assert (
            _multipart(api, path, {"audio": SimpleUploadedFile("m.wav", tone_wav(1.0))}).status_code
            == 404
        )


def test_upload_refusals_are_clear(owner_api, settings, av_installed):
    missing = _multipart(owner_api, "voice-notes", {})
    assert missing.status_code == 422 and "`audio`" in missing.json()["detail"]
    junk = _multipart(
        owner_api, "voice-notes", {"audio": SimpleUploadedFile("m.ogg", b"OggS" + b"0" * 500)}
    )
    assert junk.status_code == 422 and "not an audio recording" in junk.json()["detail"]
    settings.VOICE_MAX_BYTES = 100
    big = _multipart(
        owner_api, "voice-notes", {"audio": SimpleUploadedFile("m.wav", tone_wav(1.0))}
    )
    assert big.status_code == 413 and "HALLWAY_VOICE_MAX_BYTES" in big.json()["detail"]
    assert not VoiceNote.objects.exists()


def test_the_cli_json_and_the_api_give_the_same_text(owner, note):
    import json

    from hallway.api.voice import VoiceNoteOut
    from hallway.voice.selectors import voice_note_as_dict

    services.voice_note_apply(note=note)
    note.refresh_from_db()
    expected = VoiceNoteOut.model_validate(note).model_dump(mode="json")
    assert json.dumps(voice_note_as_dict(note), sort_keys=True) == json.dumps(
        expected, sort_keys=True
    )


@pytest.mark.parametrize("path", ["voice-notes/%0A12", "live/events/%0A12/review"])
def test_a_path_with_a_new_line_in_it_is_a_json_404(owner_api, path):
    # The catch-all must match across new lines too, or Django answers with an HTML page.
    response = owner_api.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
