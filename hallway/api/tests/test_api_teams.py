"""/api/v1/teams…, /team-search, /introductions…, /people/{id}/sharing (access for every route
is in hallway/tests/test_route_access.py)."""

from __future__ import annotations

from typing import Any

from hallway.conftest import TokenClient
from hallway.conversations.services import conversation_log
from hallway.people.services import person_create
from hallway.teams.models import Membership, ShareAudit


def test_create_invite_join_and_list_a_team(
    owner_api: Any, outsider_api: Any, outsider: Any, owner_two_factor: Any
) -> None:
    created = owner_api.post("teams", {"name": "CIO circle"})
    assert created.status_code == 201
    team = created.json()
    assert team["role"] == "owner" and team["default_level"] == "none"
    assert [member["username"] for member in team["members"]] == ["olivia"]
    invitation = owner_api.post(f"teams/{team['id']}/invitations", {})
    assert invitation.status_code == 201
    token = invitation.json()["token"]
    assert invitation.json()["link"].endswith(f"/teams/join/{token}/")
    joined = outsider_api.post("teams/join", {"token": token})
    assert joined.status_code == 201 and joined.json()["role"] == "member"
    again = outsider_api.post("teams/join", {"token": token})
    assert again.status_code == 422
    assert "not valid any more" in again.json()["detail"]
    assert [item["name"] for item in outsider_api.get("teams").json()] == ["CIO circle"]


def test_sharing_a_person_and_reading_who_sees_it(
    owner_api: Any, person: Any, hallway_team: Any, teammate: Any
) -> None:
    assert owner_api.get(f"people/{person.pk}/sharing").json() == {
        "teams": [
            {"team_id": hallway_team.pk, "team_name": "Hallway", "level": "none", "seen_by": []}
        ],
        "contact_given_to": [],
    }
    response = owner_api.put(
        f"people/{person.pk}/sharing", {"team_id": hallway_team.pk, "level": "know"}
    )
    assert response.status_code == 200
    assert response.json()["teams"][0] == {
        "team_id": hallway_team.pk,
        "team_name": "Hallway",
        "level": "know",
        "seen_by": ["theo"],
    }
    assert ShareAudit.objects.get().to_level == 1


def test_bad_levels_and_unknown_fields_are_422_with_a_detail(
    owner_api: Any, person: Any, hallway_team: Any
) -> None:
    response = owner_api.put(
        f"people/{person.pk}/sharing", {"team_id": hallway_team.pk, "level": "all"}
    )
    assert response.status_code == 422 and "level" in response.json()["detail"]
    response = owner_api.post("teams", {"name": "X", "secret": True})
    assert response.status_code == 422


def test_team_search_shows_exactly_what_the_level_allows(
    owner: Any, owner_api: Any, teammate_api: Any, hallway_team: Any, person: Any
) -> None:
    conversation_log(owner=owner, person=person, notes="Confidential budget talk")
    owner_api.put(f"people/{person.pk}/sharing", {"team_id": hallway_team.pk, "level": "know"})
    found = teammate_api.get("team-search", q="acme").json()
    assert found["count"] == 1
    [hit] = found["items"]
    assert hit["name"] == "Jane Doe" and hit["teammate"] == "olivia" and hit["level"] == "know"
    assert hit["conversation_count"] == 1 and hit["strength_label"] in ("strong", "good", "weak")
    assert hit["story"] is None and hit["notes"] is None and hit["contact"] is None
    assert "Confidential" not in str(found)
    assert teammate_api.get("team-search", q="budget").json() == {"items": [], "count": 0}
    owner_api.put(f"people/{person.pk}/sharing", {"team_id": hallway_team.pk, "level": "full"})
    detail = teammate_api.get(f"teams/{hallway_team.pk}/people/{person.pk}").json()
    assert detail["story"]["work"] == "Runs IT at Acme"
    assert detail["conversations"][0]["notes"] == "Confidential budget talk"
    assert teammate_api.get("team-search", q="budget").json()["count"] == 1


def test_team_search_needs_words(teammate_api: Any) -> None:
    response = teammate_api.get("team-search", q="")
    assert response.status_code == 422


def test_introductions_accept_shares_the_contact_and_decline_leaks_nothing(
    owner: Any, owner_api: Any, teammate_api: Any, hallway_team: Any, person: Any
) -> None:
    other = person_create(
        owner=owner, name="Ed Other", company="Acme Corp", email="ed@acme.example"
    )
    for shared in (person, other):
        owner_api.put(f"people/{shared.pk}/sharing", {"team_id": hallway_team.pk, "level": "know"})
    first = teammate_api.post(
        f"teams/{hallway_team.pk}/people/{person.pk}/introduction", {"message": "Hi"}
    )
    second = teammate_api.post(f"teams/{hallway_team.pk}/people/{other.pk}/introduction", {})
    assert first.status_code == 201 and first.json()["status"] == "pending"
    received = owner_api.get("introductions").json()
    assert received["count"] == 2
    assert {item["person"]["name"] for item in received["items"]} == {"Jane Doe", "Ed Other"}
    accepted = owner_api.post(f"introductions/{first.json()['id']}/accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    owner_api.post(f"introductions/{second.json()['id']}/decline")
    sent = {
        item["person"]["name"]: item
        for item in teammate_api.get("introductions", box="sent").json()["items"]
    }
    assert sent["Jane Doe"]["contact"] == {
        "email": "jane@acme.example",
        "phone": "",
        "linkedin_url": "",
    }
    assert sent["Ed Other"]["status"] == "declined" and sent["Ed Other"]["contact"] is None
    assert "ed@acme.example" not in str(teammate_api.get("introductions", box="sent").json())
    # The requester cannot answer their own request.
    assert teammate_api.post(f"introductions/{second.json()['id']}/accept").status_code == 404


def test_team_events_over_the_api(
    owner_api: Any, teammate_api: Any, hallway_team: Any, event: Any, person: Any
) -> None:
    owner_api.patch(f"events/{event.pk}", {"want_to_meet": [person.pk]})
    owner_api.put(f"people/{person.pk}/sharing", {"team_id": hallway_team.pk, "level": "know"})
    shared = owner_api.post(f"teams/{hallway_team.pk}/events", {"event_id": event.pk})
    assert shared.status_code == 201
    team_event = shared.json()
    assert team_event["attendees"] == ["olivia"] and team_event["going"] is True
    url = f"teams/{hallway_team.pk}/events/{team_event['id']}"
    going = teammate_api.post(f"{url}/going", {"going": True}).json()
    assert going["attendees"] == ["olivia", "theo"] and going["event_id"] is not None
    taken = teammate_api.post(f"{url}/take", {"person_id": person.pk}).json()
    assert taken["want_to_meet"][0]["taken_by"] == "theo"
    clash = owner_api.post(f"{url}/take", {"person_id": person.pk})
    assert clash.status_code == 422 and "already takes" in clash.json()["detail"]
    assert teammate_api.delete(url).status_code == 404  # only who shared it
    assert owner_api.delete(url).status_code == 204


def test_roles_remove_and_leave(
    owner_api: Any, teammate_api: Any, teammate: Any, hallway_team: Any, owner_two_factor: Any
) -> None:
    membership = Membership.objects.get(team=hallway_team, user=teammate)
    refused = teammate_api.delete(f"teams/{hallway_team.pk}/members/{membership.pk}")
    assert refused.status_code == 422
    promoted = owner_api.patch(
        f"teams/{hallway_team.pk}/members/{membership.pk}", {"role": "admin"}
    )
    assert promoted.json()["role"] == "admin"
    assert owner_api.post(f"teams/{hallway_team.pk}/leave").status_code == 204
    membership.refresh_from_db()
    assert membership.role == "owner"  # the admin took over
    assert teammate_api.get(f"teams/{hallway_team.pk}").json()["members"][0]["username"] == "theo"


def test_bulk_sharing_by_tag_and_the_default_over_the_api(
    owner: Any, owner_api: Any, teammate_api: Any, hallway_team: Any, person: Any
) -> None:
    changed = owner_api.post(
        f"teams/{hallway_team.pk}/sharing/tag", {"tag": "cio", "level": "full"}
    )
    assert changed.json() == {"changed": 1}
    assert (
        owner_api.put(f"teams/{hallway_team.pk}/sharing", {"default_level": "know"}).json()[
            "default_level"
        ]
        == "know"
    )
    person_create(owner=owner, name="Nina New", company="Acme Corp")
    names = [item["name"] for item in teammate_api.get("team-search", q="acme").json()["items"]]
    assert sorted(names) == ["Jane Doe", "Nina New"]


def test_a_team_you_are_not_in_is_a_404_for_team_search(
    outsider_api: TokenClient, hallway_team: Any
) -> None:
    response = outsider_api.get("team-search", q="acme", team_id=hallway_team.pk)
    assert response.status_code == 404


def test_managing_a_team_needs_two_factor_as_on_its_admin_pages(
    owner: Any, owner_api: Any, teammate: Any, hallway_team: Any
) -> None:
    from hallway.conftest import two_factor_on

    member = Membership.objects.get(team=hallway_team, user=teammate)
    team = f"teams/{hallway_team.pk}"
    attempts = [
        ("patch", team, {"name": "Renamed"}),
        ("post", f"{team}/invitations", {}),
        ("patch", f"{team}/members/{member.pk}", {"role": "admin"}),
        ("delete", f"{team}/members/{member.pk}", None),
    ]
    for method, path, body in attempts:
        refused = (
            getattr(owner_api, method)(path, body) if body is not None else owner_api.delete(path)
        )
        assert refused.status_code == 403, (method, path)
        assert "needs two-factor authentication" in refused.json()["detail"]
    hallway_team.refresh_from_db()
    assert hallway_team.name == "Hallway" and not hallway_team.invitations.exists()
    assert Membership.objects.filter(pk=member.pk, role="member").exists()
    # Reading the team and leaving it are not managing it.
    assert owner_api.get(team).status_code == 200
    two_factor_on(owner)
    assert owner_api.patch(team, {"name": "Renamed"}).status_code == 200
    assert owner_api.delete(f"{team}/members/{member.pk}").status_code == 204
