"""The team screens end to end with the test client (access for every route is in
hallway/tests/test_route_access.py)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import time_machine
from django.test import Client

from hallway.conftest import _logged_in_client
from hallway.conversations.services import conversation_log
from hallway.events.services import event_create, event_update
from hallway.people.services import person_create
from hallway.teams import selectors, services
from hallway.teams.models import IntroductionRequest, Membership, ShareGrant, ShareLevel, Team


def test_creating_a_team_makes_you_its_owner(
    owner_client: Any, owner: Any, owner_two_factor: Any
) -> None:
    response = owner_client.post("/teams/new/", {"name": "  IT leadership  "})
    team = Team.objects.get(name="IT leadership")
    assert response.status_code == 302 and response["Location"] == f"/teams/{team.pk}/"
    assert Membership.objects.get(team=team).role == "owner"
    page = owner_client.get(f"/teams/{team.pk}/").content.decode()
    assert "IT leadership" in page and "Invite someone" in page


def test_a_team_needs_a_name(owner_client: Any) -> None:
    response = owner_client.post("/teams/new/", {"name": "   "})
    assert response.status_code == 422
    assert "This field is required" in response.content.decode()
    assert not Team.objects.exists()


def test_an_empty_team_list_explains_what_to_do(outsider_client: Any) -> None:
    page = outsider_client.get("/teams/").content.decode()
    assert "You are in no team yet" in page


def test_an_invitation_by_email_arrives_over_smtp_and_its_link_works_once(
    owner: Any,
    owner_client: Any,
    owner_two_factor: Any,
    hallway_team: Any,
    outsider: Any,
    smtp_server: Any,
    settings: Any,
) -> None:
    settings.SITE_URL = "https://hallway.example"
    response = owner_client.post(
        f"/teams/{hallway_team.pk}/invite/", {"email": "oscar@example.com"}, follow=True
    )
    assert response.status_code == 200
    [message] = smtp_server.messages
    assert message["To"] == "oscar@example.com"
    assert "Hallway" in message["Subject"]
    body = message.get_content()
    link = re.search(r"https://hallway\.example(/teams/join/[\w-]+/)", body)
    assert link is not None
    assert link.group(1) in response.content.decode()  # also shown to the inviter
    outsider_client = _logged_in_client(outsider)
    assert "Join the team" in outsider_client.get(link.group(1)).content.decode()
    joined = outsider_client.post(link.group(1))
    assert joined.status_code == 302
    assert Membership.objects.filter(team=hallway_team, user=outsider, role="member").exists()
    # One time only.
    again = _logged_in_client(outsider).get(link.group(1))
    assert again.status_code == 404
    assert "not valid any more" in again.content.decode()


def test_a_bad_email_address_is_refused_with_a_message(
    owner_client: Any, owner_two_factor: Any, hallway_team: Any, smtp_server: Any
) -> None:
    response = owner_client.post(f"/teams/{hallway_team.pk}/invite/", {"email": "not-an-address"})
    assert response.status_code == 422
    assert "Enter a valid email address" in response.content.decode()
    assert smtp_server.messages == []


def test_a_plain_member_cannot_invite(teammate_client: Any, hallway_team: Any) -> None:
    response = teammate_client.post(f"/teams/{hallway_team.pk}/invite/", {}, follow=True)
    assert "owner and admins can do that" in response.content.decode()
    assert not hallway_team.invitations.exists()


def test_an_anonymous_invitee_logs_in_first(hallway_team: Any, owner: Any) -> None:
    _invitation, token = services.invitation_create(
        membership=Membership.objects.get(team=hallway_team, user=owner)
    )
    response = Client().get(f"/teams/join/{token}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/teams/join/")


def test_expired_invitations_do_not_work(owner: Any, hallway_team: Any, outsider: Any) -> None:
    membership = Membership.objects.get(team=hallway_team, user=owner)
    _invitation, token = services.invitation_create(membership=membership)
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=8)):
        response = _logged_in_client(outsider).post(f"/teams/join/{token}/")
    assert response.status_code == 404
    assert not Membership.objects.filter(user=outsider).exists()


def test_the_person_page_shows_who_can_see_what_and_changes_it(
    owner_client: Any, person: Any, hallway_team: Any, teammate: Any
) -> None:
    page = owner_client.get(f"/people/{person.pk}/").content.decode()
    assert "Who can see what" in page
    assert "nobody sees Jane Doe" in page
    response = owner_client.post(
        f"/teams/people/{person.pk}/share/",
        {"team": hallway_team.pk, "level": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert "theo see the name, company, role" in fragment
    assert "<html" not in fragment
    assert ShareGrant.objects.get(person=person).level == ShareLevel.KNOW


def test_the_person_page_has_no_sharing_card_without_a_team(outsider: Any) -> None:
    theirs = person_create(owner=outsider, name="Solo")
    page = _logged_in_client(outsider).get(f"/people/{theirs.pk}/").content.decode()
    assert "Who can see what" not in page


def test_sharing_with_a_team_you_are_not_in_is_a_404(
    owner_client: Any, person: Any, outsider: Any
) -> None:
    other = services.team_create(owner=outsider, name="Other")
    response = owner_client.post(
        f"/teams/people/{person.pk}/share/", {"team": other.pk, "level": "2"}
    )
    assert response.status_code == 404
    assert not ShareGrant.objects.exists()


def test_team_search_page_shows_teammate_strength_and_level(
    owner: Any, teammate_client: Any, hallway_team: Any, granted_person: Any
) -> None:
    conversation_log(owner=owner, person=granted_person)
    response = teammate_client.get(f"/teams/{hallway_team.pk}/search/", {"q": "acme"})
    page = response.content.decode()
    assert "Jane Doe" in page and 'Known by <strong class="teammate">olivia</strong>' in page
    assert "Full story" in page
    assert "1 conversation" in page
    fragment = teammate_client.get(
        f"/teams/{hallway_team.pk}/search/", {"q": "nobody-here"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "Nobody in the team shared someone matching" in fragment and "<html" not in fragment


def test_the_introduction_flow_in_the_app(
    owner_client: Any, teammate_client: Any, hallway_team: Any, person: Any
) -> None:
    services.share_set(person=person, team=hallway_team, level=ShareLevel.KNOW)
    page = teammate_client.get(f"/teams/{hallway_team.pk}/people/{person.pk}/").content.decode()
    assert "Ask olivia for an introduction" in page
    assert "jane@acme.example" not in page
    assert "Runs IT at Acme" not in page  # the story is not shared
    teammate_client.post(
        f"/teams/{hallway_team.pk}/people/{person.pk}/introduction/", {"message": "Retail deal"}
    )
    request = IntroductionRequest.objects.get()
    inbox = owner_client.get("/teams/introductions/").content.decode()
    assert "theo" in inbox and "Retail deal" in inbox
    assert "Answer 1 request" in owner_client.get("/teams/").content.decode()
    owner_client.post(f"/teams/introductions/{request.pk}/answer/", {"answer": "accept"})
    page = teammate_client.get(f"/teams/{hallway_team.pk}/people/{person.pk}/").content.decode()
    assert "jane@acme.example" in page
    assert "Runs IT at Acme" not in page


def test_a_declined_request_shows_only_that_it_was_declined(
    owner_client: Any, teammate_client: Any, hallway_team: Any, person: Any
) -> None:
    services.share_set(person=person, team=hallway_team, level=ShareLevel.KNOW)
    teammate_client.post(f"/teams/{hallway_team.pk}/people/{person.pk}/introduction/", {})
    request = IntroductionRequest.objects.get()
    owner_client.post(f"/teams/introductions/{request.pk}/answer/", {"answer": "decline"})
    page = teammate_client.get(f"/teams/{hallway_team.pk}/people/{person.pk}/").content.decode()
    assert "declined your last request" in page
    assert "jane@acme.example" not in page and "+1" not in page
    sent = teammate_client.get("/teams/introductions/").content.decode()
    assert "Declined" in sent and "jane@acme.example" not in sent


def test_a_second_request_while_one_is_pending_is_refused(
    teammate_client: Any, hallway_team: Any, granted_person: Any
) -> None:
    url = f"/teams/{hallway_team.pk}/people/{granted_person.pk}/introduction/"
    teammate_client.post(url, {})
    response = teammate_client.post(url, {})
    assert response.status_code == 422
    assert "already asked" in response.content.decode()
    assert IntroductionRequest.objects.count() == 1


def test_bulk_sharing_by_tag_and_the_default_level_from_the_team_page(
    owner: Any, owner_client: Any, hallway_team: Any, person: Any, teammate: Any
) -> None:
    response = owner_client.post(
        f"/teams/{hallway_team.pk}/sharing/tag/", {"tag": "retail", "level": "2"}, follow=True
    )
    assert "Sharing changed for 1 people" in response.content.decode()
    assert ShareGrant.objects.get(person=person).level == ShareLevel.FULL
    bad = owner_client.post(f"/teams/{hallway_team.pk}/sharing/tag/", {"tag": "nope", "level": "2"})
    assert bad.status_code == 422 and "You have nobody tagged" in bad.content.decode()
    owner_client.post(f"/teams/{hallway_team.pk}/sharing/default/", {"level": "1"})
    newcomer = person_create(owner=owner, name="Nora New")
    assert ShareGrant.objects.get(person=newcomer).level == ShareLevel.KNOW
    page = owner_client.get(f"/teams/{hallway_team.pk}/").content.decode()
    assert "Your sharing history" in page and "default for new people" in page


def test_removing_and_leaving_from_the_team_page(
    owner_client: Any,
    owner_two_factor: Any,
    teammate_client: Any,
    hallway_team: Any,
    teammate: Any,
) -> None:
    membership = Membership.objects.get(team=hallway_team, user=teammate)
    refused = teammate_client.post(
        f"/teams/{hallway_team.pk}/members/{membership.pk}/remove/", follow=True
    )
    assert "owner and admins can do that" in refused.content.decode()
    owner_client.post(f"/teams/{hallway_team.pk}/members/{membership.pk}/remove/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    response = owner_client.post(f"/teams/{hallway_team.pk}/leave/")
    assert response["Location"] == "/teams/"
    assert not Team.objects.filter(pk=hallway_team.pk).exists()  # the last member left


def test_team_event_who_goes_split_the_list_and_connections_after(
    owner: Any, owner_client: Any, teammate: Any, teammate_client: Any, hallway_team: Any
) -> None:
    starts = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(dt.datetime(2026, 5, 1, tzinfo=dt.UTC), tick=False):
        event = event_create(owner=owner, name="CIO Summit", starts_at=starts, location="Boston")
        target = person_create(owner=owner, name="Cora Target", company="Acme Corp")
        secret = person_create(owner=owner, name="Sid Secret", company="Hidden Inc")
        event_update(event=event, want_to_meet=[target.pk, secret.pk])
        services.share_set(person=target, team=hallway_team, level=ShareLevel.KNOW)
        page = owner_client.get(f"/events/{event.pk}/").content.decode()
        assert "Share the event" in page
        response = owner_client.post(f"/teams/events/{event.pk}/share/", {"team": hallway_team.pk})
        team_event = hallway_team.events.get()
        url = f"/teams/{hallway_team.pk}/events/{team_event.pk}/"
        assert response["Location"] == url
        page = teammate_client.get(url).content.decode()
        assert "Cora Target" in page and "Sid Secret" not in page  # only what is shared
        assert "I'm going" in page
        teammate_client.post(url + "going/")
        teammate_client.post(url + f"take/{target.pk}/")
        owner_page = owner_client.get(url).content.decode()
        assert "theo takes them" in owner_page and "olivia, theo" in owner_page
        # Nobody can take someone off the list they cannot see.
        assert teammate_client.post(url + f"take/{secret.pk}/").status_code == 404
        assert "After the event" not in owner_page
    own_copy = selectors.team_event_overview(viewer=teammate, team_event=team_event)["own_event"]
    with time_machine.travel(dt.datetime(2026, 6, 2, tzinfo=dt.UTC), tick=False):
        theirs = person_create(owner=teammate, name="New Friend")
        conversation_log(
            owner=teammate, person=theirs, event=own_copy, outcome="connected", notes="PRIVATE"
        )
        conversation_log(owner=owner, person=target, event=event, outcome="connected")
        page = owner_client.get(url).content.decode()
    assert 'id="connections-total">2<' in page
    assert "PRIVATE" not in page and "New Friend" not in page
