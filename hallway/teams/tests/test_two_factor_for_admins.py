"""Team owners and admins need two-factor authentication to use a team's admin pages: without it
they are sent to set it up (and back), a new team's owner is prompted at once, and members are
not asked for it."""

from __future__ import annotations

from typing import Any

from django.test import Client

from hallway.conftest import two_factor_on
from hallway.teams.models import Membership, Role, Team


def _setup_url(team: Team) -> str:
    return f"/accounts/settings/two-factor/?next=/teams/{team.pk}/"


def test_an_owner_without_two_factor_is_sent_to_set_it_up_before_admin_pages(
    owner: Any, owner_client: Client, hallway_team: Team, teammate: Any
) -> None:
    member = Membership.objects.get(team=hallway_team, user=teammate)
    admin_posts = {
        f"/teams/{hallway_team.pk}/rename/": {"name": "Renamed"},
        f"/teams/{hallway_team.pk}/invite/": {"email": ""},
        f"/teams/{hallway_team.pk}/members/{member.pk}/role/": {"role": "admin"},
        f"/teams/{hallway_team.pk}/members/{member.pk}/remove/": {},
    }
    for url, data in admin_posts.items():
        response = owner_client.post(url, data)
        assert response.status_code == 302 and response["Location"] == _setup_url(hallway_team)
    hallway_team.refresh_from_db()
    assert hallway_team.name == "Hallway" and not hallway_team.invitations.exists()
    member.refresh_from_db()
    assert member.role == Role.MEMBER
    page = owner_client.get(f"/teams/{hallway_team.pk}/").content.decode()
    assert 'id="two-factor-needed"' in page
    # Set up, the same pages work.
    two_factor_on(owner)
    renamed = owner_client.post(f"/teams/{hallway_team.pk}/rename/", {"name": "Renamed"})
    assert renamed["Location"] == f"/teams/{hallway_team.pk}/"
    hallway_team.refresh_from_db()
    assert hallway_team.name == "Renamed"
    assert 'id="two-factor-needed"' not in owner_client.get(renamed["Location"]).content.decode()


def test_creating_a_team_without_two_factor_prompts_for_it_at_once(
    owner: Any, owner_client: Client
) -> None:
    response = owner_client.post("/teams/new/", {"name": "Board"}, follow=True)
    team = Team.objects.get(name="Board")
    assert response.redirect_chain[-1][0] == _setup_url(team)
    page = response.content.decode()
    assert "You manage “Board”: turn on two-factor authentication" in page
    assert 'name="next" value="/teams/' in page  # back to the team once it is on
    assert Membership.objects.get(team=team, user=owner).role == Role.OWNER


def test_a_new_admin_without_two_factor_is_sent_to_set_it_up(
    owner_client: Client,
    owner_two_factor: Any,
    hallway_team: Team,
    teammate: Any,
    teammate_client: Client,
    outsider: Any,
) -> None:
    member = Membership.objects.get(team=hallway_team, user=teammate)
    promoted = owner_client.post(
        f"/teams/{hallway_team.pk}/members/{member.pk}/role/", {"role": "admin"}
    )
    assert promoted.status_code == 302
    member.refresh_from_db()
    assert member.role == Role.ADMIN
    invite = teammate_client.post(f"/teams/{hallway_team.pk}/invite/", {"email": ""})
    assert invite["Location"] == _setup_url(hallway_team)
    assert not hallway_team.invitations.exists()
    two_factor_on(teammate)
    assert (
        teammate_client.post(f"/teams/{hallway_team.pk}/invite/", {"email": ""}).status_code == 200
    )
    assert hallway_team.invitations.count() == 1


def test_members_are_not_asked_for_two_factor(teammate_client: Client, hallway_team: Team) -> None:
    page = teammate_client.get(f"/teams/{hallway_team.pk}/").content.decode()
    assert 'id="two-factor-needed"' not in page
    refused = teammate_client.post(f"/teams/{hallway_team.pk}/rename/", {"name": "X"}, follow=True)
    assert "owner and admins can do that" in refused.content.decode()


def test_outsiders_get_a_404_not_a_prompt(outsider_client: Client, hallway_team: Team) -> None:
    assert (
        outsider_client.post(f"/teams/{hallway_team.pk}/rename/", {"name": "X"}).status_code == 404
    )
    assert (
        Client()
        .post(f"/teams/{hallway_team.pk}/rename/")["Location"]
        .startswith("/accounts/login/")
    )
