"""Recording in a real Chromium whose microphone plays an espeak memo: the live screen after
"End conversation", the proposal, one tap, the story; and a memo recorded offline that is sent
once the network is back, and kept and transcribed exactly once although it was sent twice."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hallway.conftest import CHROMIUM_ARGS, PHONE, browser_login, chromium_path, save_screenshot
from hallway.eventmode.services import live_conversation_start
from hallway.eventmode.tests.test_browser import _assert_tap_targets
from hallway.events.services import event_create
from hallway.people.services import person_create
from hallway.voice import tasks
from hallway.voice.models import VoiceNote

pytestmark = [pytest.mark.browser, pytest.mark.voice]

MEMO = "She grew up in Ohio and studied at Purdue. She loves sailing. I will call her on Tuesday."
# The fake microphone loops the file (the memo, then 6 s of quiet); this catches the memo once.
MEMO_SECONDS = 9
TRANSCRIBE = "hallway.voice.tasks.transcribe_note"
LEVEL_ABOVE_ZERO = (
    "() => parseFloat(document.querySelector('[data-voice-level]').style.width || '0') > 0"
)
RESEND = """async ([url, key]) => {
  const body = new FormData();
  body.append("audio", new File([new Uint8Array(64)], "memo.webm", {type: "audio/webm"}));
  body.append("idempotency_key", key);
  const csrf = JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
  const response = await fetch(url, {method: "POST", body, headers: {
    "X-CSRFToken": csrf, "Idempotency-Key": key, "Accept": "application/json"}});
  return response.status;
}"""
TIMER_AT_LEAST = """(seconds) => Number(document.querySelector('[data-voice-timer]').dataset.seconds || 0) >= seconds"""


@pytest.fixture
def microphone_page(
    browser: Any, speak: Any, live_server: Any, transactional_db: Any
) -> Iterator[Any]:
    """A phone page in a Chromium of its own whose fake microphone says MEMO (in a loop)."""
    memo = speak(MEMO, silence_after=6)
    recording = browser.browser_type.launch(
        executable_path=chromium_path(),
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={memo}",
        ],
    )
    context = recording.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()
    recording.close()


def _next_tuesday(today: dt.date) -> dt.date:
    return next(
        today + dt.timedelta(days=n)
        for n in range(1, 8)
        if (today + dt.timedelta(days=n)).weekday() == 1
    )


def _record(page: Any, seconds: int) -> None:
    recorder = page.locator("[data-voice-recorder]")
    expect(recorder.locator("[data-voice-live]")).to_be_hidden()
    recorder.get_by_role("button", name="Record").click()
    expect(recorder.locator("[data-voice-live]")).to_be_visible()
    # The level meter moves with the voice.
    page.wait_for_function(LEVEL_ABOVE_ZERO)
    page.wait_for_function(TIMER_AT_LEAST, arg=seconds, timeout=(seconds + 15) * 1000)
    recorder.get_by_role("button", name="Stop").click()


def test_end_the_conversation_speak_a_memo_one_tap_and_the_story_holds_it(
    microphone_page: Any, live_server: Any, owner: Any
) -> None:
    page = microphone_page
    event = event_create(owner=owner, name="CIO Summit", starts_at=timezone.now())
    dana = person_create(
        owner=owner, name="Dana Whitfield", company="Acme Freight", story={"work": "CIO"}
    )
    conversation = live_conversation_start(user=owner, event=event, person=dana)
    browser_login(page, live_server, "olivia")

    page.goto(f"{live_server.url}/live/conversations/{conversation.pk}/")
    page.get_by_role("button", name="End conversation").click()
    page.wait_for_url(re.compile(rf"/live/events/{event.pk}/$"))
    recorder = page.locator("[data-voice-recorder]")
    expect(recorder).to_contain_text("Just talked to Dana Whitfield?")
    save_screenshot(page, "voice/01-after-end-phone.png", full_page=True)

    _record(page, MEMO_SECONDS)
    page.wait_for_url(re.compile(r"/voice/\d+/$"))
    note = VoiceNote.objects.get()
    assert (note.person, note.conversation, note.audio_format) == (dana, conversation, "webm")
    expect(page.locator("#voice-progress")).to_contain_text("Waiting for the transcriber")

    # The background worker's step (no cluster runs in tests): the page notices by itself.
    assert tasks.transcribe_note(note.pk) == "ready"
    proposal = page.locator("#voice-proposal")
    expect(proposal).to_be_visible()
    expect(page.locator("#voice-transcript")).to_contain_text("Ohio")
    expect(page.locator("#facet-origin")).to_have_value(re.compile("Ohio"))
    expect(page.locator("#facet-education")).to_have_value(re.compile("Purdue"))
    # The current story sits beside the proposal.
    expect(proposal.locator("[data-facet=work] .voice-current")).to_contain_text("CIO")
    save_screenshot(page, "voice/02-proposal-phone.png", full_page=True)
    # Thumb-sized targets, no sideways scrolling on a 360 px phone.
    _assert_tap_targets(page)

    page.get_by_role("button", name="Add to story").click()
    page.wait_for_url(f"{live_server.url}{dana.get_absolute_url()}")
    expect(page.locator("[data-facet=origin]")).to_contain_text("Ohio")
    expect(page.locator("[data-facet=education]")).to_contain_text("Purdue")
    dana.refresh_from_db()
    assert dana.work.startswith("CIO") and "Ohio" in dana.origin
    note.refresh_from_db()
    assert dana.followups.count() == 1, (note.transcript, note.proposal)
    followup = dana.followups.get()
    assert followup.conversation == conversation
    assert followup.due == _next_tuesday(timezone.localdate())


def test_a_memo_recorded_offline_is_sent_when_back_online_and_kept_once(
    microphone_page: Any, live_server: Any, owner: Any
) -> None:
    from django_q.models import OrmQ

    page = microphone_page
    person = person_create(owner=owner, name="Raj Patel")
    browser_login(page, live_server, "olivia")
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    page.context.set_offline(True)
    _record(page, 3)
    status = page.locator("[data-voice-status]")
    expect(status).to_contain_text("saved on this phone")
    # It waits in the pocket app's queue, with the other offline captures.
    assert page.evaluate("HallwayQueue.list().then((items) => items.map((i) => i.kind))") == [
        "voice-memo"
    ]
    assert not VoiceNote.objects.exists()

    page.context.set_offline(False)
    page.evaluate("HallwayQueue.flush()")
    expect(status).to_contain_text("your memo was sent")
    assert page.evaluate("HallwayQueue.count()") == 0
    assert VoiceNote.objects.count() == 1
    key = VoiceNote.objects.get().idempotency_key
    assert key

    # The answer lost on the way back: the phone sends the same memo again, with the same key.
    again = page.evaluate(RESEND, [f"{live_server.url}/voice/upload/", key])
    assert again < 300
    assert VoiceNote.objects.count() == 1

    note = VoiceNote.objects.get()
    assert note.person == person
    queued = [task for task in OrmQ.objects.all() if task.task.get("func") == TRANSCRIBE]
    assert len(queued) == 1  # queued for transcription once
    assert tasks.transcribe_note(note.pk) == "ready"
    transcribed_at = VoiceNote.objects.get().transcribed_at
    assert tasks.transcribe_note(note.pk) == "ready"
    assert VoiceNote.objects.get().transcribed_at == transcribed_at
