from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hallway.conversations.models import Conversation, FollowUp
from hallway.eventmode import services
from hallway.eventmode.models import ProcessedCapture
from hallway.events.models import Event
from hallway.people.models import Person

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(name: str, obj: Any = None) -> str:
    return reverse(f"eventmode:{name}", args=[obj.pk] if obj is not None else [])


# --- privacy: every view, four kinds of visitor ---------------------------------------------

EVENT_VIEWS = [
    ("event", "get", {}),
    ("check_in", "post", {}),
    ("start", "get", {}),
    ("start", "post", {"name": "Nina"}),
    ("person_search", "get", {"q": "Aaron"}),
    ("review", "get", {}),
    ("review", "post", {"reflection": "Good"}),
]
CONVERSATION_VIEWS = [
    ("conversation", "get", {}),
    ("capture", "post", {"facet": "work", "text": "Banking"}),
    ("sign_add", "post", {"sign": "wandering_eyes"}),
    ("end", "post", {"outcome": "connected"}),
    ("followup", "post", {"text": "Call on Friday"}),
]


@pytest.mark.parametrize(("name", "method", "data"), EVENT_VIEWS)
def test_another_user_gets_404_for_the_owners_event_screens(
    other_clients: list[Client],
    event: Any,
    wanted: Any,
    name: str,
    method: str,
    data: dict[str, str],
) -> None:
    for client in other_clients:
        response = getattr(client, method)(_url(name, event), data)
        assert response.status_code == 404
    assert not Conversation.objects.exists()
    event.refresh_from_db()
    assert event.reflection == ""


@pytest.mark.parametrize(("name", "method", "data"), CONVERSATION_VIEWS)
def test_another_user_gets_404_for_the_owners_conversation_screens(
    other_clients: list[Client], conversation: Any, name: str, method: str, data: dict[str, str]
) -> None:
    for client in other_clients:
        response = getattr(client, method)(_url(name, conversation), data)
        assert response.status_code == 404
    conversation.refresh_from_db()
    assert conversation.is_open and conversation.learned == {} and conversation.warning_signs == []
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize(("name", "method", "data"), [*EVENT_VIEWS, *CONVERSATION_VIEWS])
def test_anonymous_visitors_are_sent_to_login(
    client: Client, event: Any, conversation: Any, name: str, method: str, data: dict[str, str]
) -> None:
    target = conversation if name in {view[0] for view in CONVERSATION_VIEWS} else event
    response = getattr(client, method)(_url(name, target), data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["home", "settings"])
def test_anonymous_visitors_are_sent_to_login_from_the_personal_screens(
    client: Client, name: str
) -> None:
    response = client.get(_url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_anonymous_visitors_cannot_create_an_event(client: Client, db: Any) -> None:
    response = client.post(_url("event_new"), {"name": "Sneaky"})
    assert response.status_code == 302
    assert not Event.objects.exists()


# --- check in -------------------------------------------------------------------------------


def test_the_check_in_screen_lists_only_the_users_own_events_today(
    owner_client: Client, teammate_client: Client, event: Any
) -> None:
    assert "CIO Summit" in owner_client.get(_url("home")).content.decode()
    page = teammate_client.get(_url("home")).content.decode()
    assert "CIO Summit" not in page
    assert "Nothing planned for today" in page


def test_checking_in_opens_the_event_screen(owner_client: Client, owner: Any, event: Any) -> None:
    response = owner_client.post(_url("check_in", event))
    assert response["Location"] == _url("event", event)
    assert services.live_settings_get(user=owner).current_event == event
    assert f"Continue at {event.name}" in owner_client.get(_url("home")).content.decode()


def test_an_event_created_on_the_spot_needs_only_a_name(owner_client: Client, owner: Any) -> None:
    response = owner_client.post(_url("event_new"), {"name": "Pub meetup"})
    event = Event.objects.get(owner=owner, name="Pub meetup")
    assert response["Location"] == _url("event", event)


def test_an_event_without_a_name_is_refused_with_a_message(owner_client: Client) -> None:
    response = owner_client.post(_url("event_new"), {"name": "", "goal_new_connections": "-2"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "This field is required." in page
    assert "greater than or equal to 1" in page
    assert not Event.objects.exists()


def test_the_home_page_offers_to_check_in_to_todays_events(
    owner_client: Client, event: Any
) -> None:
    page = owner_client.get(reverse("home")).content.decode()
    assert "Check in to an event" in page
    assert _url("check_in", event) in page


def test_the_navigation_links_to_live_mode(owner_client: Client) -> None:
    page = owner_client.get(reverse("home")).content.decode()
    assert re.search(rf'<a href="{_url("home")}"[^>]*>Live</a>', page)


# --- event screen and starting --------------------------------------------------------------


def test_the_event_screen_shows_the_goal_progress_and_who_is_still_unmet(
    owner_client: Client, owner: Any, event: Any, wanted: Any
) -> None:
    page = owner_client.get(_url("event", event)).content.decode()
    assert "Goal: meet 5 new people" in page
    assert "0 / 5" in page
    assert "Aaron Wanted" in page
    assert "Start a conversation" in page


def test_the_event_screen_has_a_helpful_empty_want_to_meet_list(
    owner_client: Client, event: Any
) -> None:
    page = owner_client.get(_url("event", event)).content.decode()
    assert "Nobody on your list for this event" in page


def test_starting_with_a_new_name_opens_the_conversation_screen(
    owner_client: Client, owner: Any, event: Any
) -> None:
    response = owner_client.post(_url("start", event), {"name": "Nina New"})
    conversation = Conversation.objects.get(owner=owner)
    assert response["Location"] == _url("conversation", conversation)
    assert conversation.person.name == "Nina New" and conversation.event == event


def test_starting_with_someone_on_the_list_takes_one_tap(
    owner_client: Client, event: Any, wanted: Any
) -> None:
    owner_client.post(_url("start", event), {"person_id": wanted.pk})
    assert Conversation.objects.get().person == wanted


def test_starting_with_nobody_is_refused_with_a_message(owner_client: Client, event: Any) -> None:
    response = owner_client.post(_url("start", event), {"name": "  "})
    assert response.status_code == 422
    assert "type the new person&#x27;s name" in response.content.decode()
    assert not Person.objects.exists()


def test_starting_with_someone_elses_person_is_404(
    owner_client: Client, event: Any, outsider: Any
) -> None:
    from hallway.people.services import person_create

    stranger = person_create(owner=outsider, name="Stranger")
    assert owner_client.post(_url("start", event), {"person_id": stranger.pk}).status_code == 404
    assert owner_client.post(_url("start", event), {"person_id": "abc"}).status_code == 404
    assert not Conversation.objects.exists()


def test_searching_known_people_returns_the_partial_for_htmx(
    owner_client: Client, event: Any, person: Any
) -> None:
    response = owner_client.get(_url("person_search", event), {"q": "acme"}, **HTMX)
    page = response.content.decode()
    assert "Jane Doe" in page and "<h1>" not in page
    full = owner_client.get(
        _url("person_search", event), {"q": "nobody-like-this"}
    ).content.decode()
    assert "<h1>" in full and "Nobody called" in full


def test_search_never_finds_another_users_people(
    teammate_client: Client, teammate: Any, person: Any
) -> None:
    from django.utils import timezone

    from hallway.events.services import event_create

    theirs = event_create(owner=teammate, name="Theirs", starts_at=timezone.now())
    page = teammate_client.get(
        _url("person_search", theirs), {"q": "Jane"}, **HTMX
    ).content.decode()
    assert "Jane Doe" not in page


# --- conversation screen ---------------------------------------------------------------------


def test_the_conversation_screen_shows_the_timer_the_questions_and_the_signs(
    owner_client: Client, conversation: Any
) -> None:
    page = owner_client.get(_url("conversation", conversation)).content.decode()
    assert 'id="live-timer"' in page and "data-elapsed=" in page
    assert page.index("What do you do?") < page.index("What gets you out of bed")
    assert "Eyes wandering around the room" in page
    assert "End conversation" in page


def test_a_capture_over_htmx_returns_the_story_partial_and_the_new_suggested_outcome(
    owner_client: Client, conversation: Any
) -> None:
    response = owner_client.post(
        _url("capture", conversation),
        {"facet": "passions", "text": "Sailing", "idempotency_key": "k-12345678"},
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="live-story"' in page and "Sailing" in page and "<h1>" not in page
    assert 'hx-swap-oob="true"' in page
    assert 'value="connected" checked' in page
    conversation.person.refresh_from_db()
    assert conversation.person.passions == "Sailing"


def test_a_retried_capture_arrives_once(owner_client: Client, conversation: Any) -> None:
    data = {"facet": "work", "text": "Runs payments", "idempotency_key": "k-12345678"}
    owner_client.post(_url("capture", conversation), data, **HTMX)
    owner_client.post(
        _url("capture", conversation), {**data, "text": "Runs payments again"}, **HTMX
    )
    conversation.refresh_from_db()
    assert conversation.learned == {"work": "Runs payments"}
    assert ProcessedCapture.objects.count() == 1


def test_a_bad_capture_is_refused_with_a_message(owner_client: Client, conversation: Any) -> None:
    response = owner_client.post(
        _url("capture", conversation), {"facet": "work", "text": ""}, **HTMX
    )
    assert response.status_code == 422
    assert "Type what you learned first." in response.content.decode()
    response = owner_client.post(
        _url("capture", conversation), {"facet": "shoe_size", "text": "44"}, **HTMX
    )
    assert "Unknown facet" in response.content.decode()


def test_a_capture_without_htmx_redirects_back(owner_client: Client, conversation: Any) -> None:
    response = owner_client.post(
        _url("capture", conversation), {"facet": "work", "text": "Banking"}
    )
    assert response["Location"] == _url("conversation", conversation)


def test_a_warning_sign_brings_up_the_exit_line_and_the_next_person(
    owner_client: Client, conversation: Any, wanted: Any
) -> None:
    page = owner_client.get(_url("conversation", conversation)).content.decode()
    assert 'id="exit-prompt" class="exit-prompt" role="status" hidden' in page
    response = owner_client.post(_url("sign_add", conversation), {"sign": "wandering_eyes"}, **HTMX)
    page = response.content.decode()
    assert 'aria-pressed="true"' in page
    assert "Eyes wandering around the room</strong> — time to wrap up politely" in page
    assert "Aaron Wanted" in page
    assert 'role="status" hidden' not in page


def test_an_unknown_sign_is_refused(owner_client: Client, conversation: Any) -> None:
    response = owner_client.post(_url("sign_add", conversation), {"sign": "sneezing"}, **HTMX)
    assert response.status_code == 422
    assert "Unknown warning sign" in response.content.decode()


def test_ending_over_htmx_redirects_to_the_event_with_the_follow_up(
    frozen_now: dt.datetime, owner_client: Client, conversation: Any, event: Any
) -> None:
    response = owner_client.post(
        _url("end", conversation),
        {"outcome": "cards_only", "followup": "send the deck tomorrow"},
        **HTMX,
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == _url("event", event)
    conversation.refresh_from_db()
    assert conversation.outcome == "cards_only" and not conversation.is_open
    assert FollowUp.objects.get().due == dt.date(2026, 11, 26)
    page = owner_client.get(_url("event", event)).content.decode()
    assert "Ended with Nina New: Cards only. Follow-up due" in page
    assert "So far" in page and _url("conversation", conversation) in page


def test_ending_with_an_unknown_outcome_is_refused(owner_client: Client, conversation: Any) -> None:
    response = owner_client.post(_url("end", conversation), {"outcome": "married"}, **HTMX)
    assert response.status_code == 422
    assert "Unknown outcome" in response.content.decode()
    conversation.refresh_from_db()
    assert conversation.is_open


def test_an_ended_conversation_shows_how_it_ended(owner_client: Client, conversation: Any) -> None:
    owner_client.post(_url("end", conversation), {"outcome": "cut_short"})
    page = owner_client.get(_url("conversation", conversation)).content.decode()
    assert "This conversation has ended" in page and "Cut short" in page
    assert "Is it over?" not in page


# --- review -----------------------------------------------------------------------------------


def test_the_review_flags_missing_contact_and_follow_ups_and_saves_the_reflection(
    frozen_now: dt.datetime, owner_client: Client, conversation: Any, event: Any
) -> None:
    owner_client.post(_url("end", conversation), {"outcome": "cards_only"})
    page = owner_client.get(_url("review", event)).content.decode()
    assert "No email or phone yet" in page and "No follow-up." in page
    assert (
        "<strong>0</strong> are connections" in page
        and "<strong>1</strong> is still a card" in page
    )
    response = owner_client.post(_url("followup", conversation), {"text": "Intro to Sam next week"})
    assert response["Location"] == _url("review", event)
    assert FollowUp.objects.get(conversation=conversation).due == dt.date(2026, 11, 30)
    response = owner_client.post(
        _url("review", event), {"reflection": "Talked too long to the first person."}
    )
    assert response["Location"] == _url("review", event)
    event.refresh_from_db()
    assert event.reflection == "Talked too long to the first person."


def test_the_review_refuses_an_empty_follow_up_and_a_too_long_reflection(
    owner_client: Client, conversation: Any, event: Any
) -> None:
    owner_client.post(_url("followup", conversation), {"text": "   "})
    assert not FollowUp.objects.exists()
    response = owner_client.post(_url("review", event), {"reflection": "x" * 10_001})
    assert response.status_code == 422
    assert "at most 10000 characters" in response.content.decode()


def test_the_review_of_an_empty_event_says_what_to_do(owner_client: Client, event: Any) -> None:
    assert (
        "No conversations logged at this event yet"
        in owner_client.get(_url("review", event)).content.decode()
    )


# --- settings ---------------------------------------------------------------------------------


def test_exit_lines_can_be_edited_and_restored(owner_client: Client, owner: Any) -> None:
    response = owner_client.post(
        _url("settings"), {"long_conversation_minutes": "6", "exit_lines": "Bye now\nCoffee!"}
    )
    assert response.status_code == 302
    assert services.live_settings_get(user=owner).exit_lines == ["Bye now", "Coffee!"]
    owner_client.post(_url("settings"), {"reset": "1"})
    assert len(services.live_settings_get(user=owner).exit_lines) == 5


def test_bad_settings_are_refused_with_a_message(owner_client: Client, owner: Any) -> None:
    response = owner_client.post(
        _url("settings"), {"long_conversation_minutes": "0", "exit_lines": " "}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "greater than or equal to 1" in page and "This field is required." in page


def test_each_user_edits_only_their_own_exit_lines(
    owner_client: Client, teammate_client: Client, teammate: Any
) -> None:
    owner_client.post(
        _url("settings"), {"long_conversation_minutes": "6", "exit_lines": "Mine only"}
    )
    assert "Mine only" not in teammate_client.get(_url("settings")).content.decode()
    assert services.live_settings_get(user=teammate).exit_lines != ["Mine only"]


def test_the_account_settings_page_links_to_live_settings(owner_client: Client) -> None:
    page = owner_client.get(reverse("accounts:settings")).content.decode()
    assert "Live event mode" in page and _url("settings") in page


def test_nul_characters_get_a_message_not_a_server_error(
    owner_client: Client, conversation: Any, event: Any
) -> None:
    response = owner_client.post(
        _url("capture", conversation), {"facet": "work", "text": "a\x00b"}, **HTMX
    )
    assert response.status_code == 422 and "NUL" in response.content.decode()
    assert owner_client.post(_url("start", event), {"name": "a\x00b"}).status_code == 422
    assert (
        owner_client.get(_url("person_search", event), {"q": "a\x00b"}, **HTMX).status_code == 200
    )
    owner_client.post(_url("followup", conversation), {"text": "call\x00"})
    assert not FollowUp.objects.exists()
