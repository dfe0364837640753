import pytest
from django.urls import reverse

from hallway.conversations.models import Conversation, FollowUp
from hallway.conversations.services import conversation_log


@pytest.fixture
def conversation(owner, person, event):
    return conversation_log(
        owner=owner,
        person=person,
        event=event,
        learned={"passions": "jazz"},
        followups=[("Send deck", None)],
    )


def _form(person, event=None, **extra):
    data = {
        "person": person.pk,
        "started_at": "2026-06-01T18:00",
        "minutes": "12",
        "outcome": "connected",
    }
    if event:
        data["event"] = event.pk
    data.update(extra)
    return data


def test_logging_a_conversation_at_an_event_fills_the_story(owner_client, person, event):
    data = _form(
        person,
        event,
        learned_passions="sailing",
        warning_signs=["checking_phone"],
        followup="Intro to Bob",
        followup_due="2026-06-08",
    )
    response = owner_client.post(reverse("conversations:create"), data)
    assert response.status_code == 302
    conversation = Conversation.objects.get()
    assert conversation.event == event and conversation.warning_signs == ["checking_phone"]
    assert conversation.duration_seconds == 12 * 60
    person.refresh_from_db()
    assert person.passions == "sailing" and person.status == "connection"
    assert FollowUp.objects.get().text == "Intro to Bob"
    assert "sailing" in owner_client.get(person.get_absolute_url()).content.decode()


def test_the_form_offers_only_my_people_and_events(outsider_client, person, event):
    response = outsider_client.post(reverse("conversations:create"), _form(person, event))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert (
        "Select a valid choice" in errors["person"][0]
        and "Select a valid choice" in errors["event"][0]
    )
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"started_at": "yesterday-ish"}, "started_at"),
        ({"minutes": "-3"}, "minutes"),
        ({"outcome": "married"}, "outcome"),
        ({"warning_signs": ["yawning"]}, "warning_signs"),
    ],
)
def test_bad_conversation_input_gets_a_message(owner_client, person, extra, field):
    response = owner_client.post(reverse("conversations:create"), _form(person, **extra))
    assert response.status_code == 200 and response.context["form"].errors[field]
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(
    "name", ["conversations:detail", "conversations:edit", "conversations:delete"]
)
def test_others_get_404_for_my_conversation(other_clients, conversation, name):
    for client in other_clients:
        assert client.get(reverse(name, args=[conversation.pk])).status_code == 404
        assert client.post(reverse(name, args=[conversation.pk]), {}).status_code == 404
    assert Conversation.objects.filter(pk=conversation.pk).exists()


def test_others_cannot_tick_or_add_my_followups(other_clients, conversation):
    followup = conversation.followups.get()
    for client in other_clients:
        assert (
            client.post(reverse("conversations:followup_toggle", args=[followup.pk])).status_code
            == 404
        )
        assert (
            client.post(
                reverse("conversations:followup_add", args=[conversation.pk]), {"text": "x"}
            ).status_code
            == 404
        )
    followup.refresh_from_db()
    assert not followup.done and conversation.followups.count() == 1


def test_ticking_a_followup_with_htmx_returns_the_partial(owner_client, conversation):
    followup = conversation.followups.get()
    response = owner_client.post(
        reverse("conversations:followup_toggle", args=[followup.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "✓ Done" in response.content.decode()
    followup.refresh_from_db()
    assert followup.done


def test_adding_an_empty_followup_is_refused(owner_client, conversation):
    response = owner_client.post(
        reverse("conversations:followup_add", args=[conversation.pk]),
        {"text": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422 and "This field is required." in response.content.decode()
    assert conversation.followups.count() == 1


def test_editing_merges_new_learning_into_the_story(owner_client, conversation, person):
    data = _form(person, learned_passions="jazz", learned_drivers="open source")
    assert (
        owner_client.post(reverse("conversations:edit", args=[conversation.pk]), data).status_code
        == 302
    )
    person.refresh_from_db()
    assert person.passions == "jazz" and person.drivers == "open source"


def test_deleting_a_conversation_keeps_the_story(owner_client, conversation, person):
    owner_client.post(reverse("conversations:delete", args=[conversation.pk]))
    person.refresh_from_db()
    assert not Conversation.objects.exists() and person.passions == "jazz"


def test_the_person_page_shows_the_timeline(owner_client, conversation, person):
    body = owner_client.get(person.get_absolute_url()).content.decode()
    assert "timeline-conversation" in body and "CIO Summit" in body


def test_the_person_picker_lists_recent_people_but_accepts_anyone_of_mine(
    owner_client, owner, monkeypatch
):
    from hallway.conversations import forms as conversation_forms
    from hallway.people.services import person_create

    people = [person_create(owner=owner, name=f"Person {index:02d}") for index in range(5)]
    monkeypatch.setattr(conversation_forms, "PERSON_CHOICES_SHOWN", 2)
    choices = (
        owner_client.get(reverse("conversations:create"))
        .context["form"]
        .fields["person"]
        .widget.choices
    )
    assert [label for _, label in choices] == ["Who did you talk to?", "Person 03", "Person 04"]
    preset = owner_client.get(reverse("conversations:create"), {"person": people[0].pk})
    labels = [label for _, label in preset.context["form"].fields["person"].widget.choices]
    assert labels == ["Who did you talk to?", "Person 00"]
    # Person 00 is not among the recent ones shown, and can still be chosen.
    assert owner_client.post(reverse("conversations:create"), _form(people[0])).status_code == 302
