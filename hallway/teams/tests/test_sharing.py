"""The grant rule: private by default, "I know them" shows the profile, full story the rest."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from hallway.conversations.services import conversation_log
from hallway.people.services import person_create, person_update
from hallway.teams import selectors, services
from hallway.teams.models import IntroStatus, ShareAudit, ShareGrant, ShareLevel

KNOW, FULL, NONE = ShareLevel.KNOW, ShareLevel.FULL, ShareLevel.NONE


def _names(results: list[Any]) -> list[str]:
    return [item.name for item in results]


def test_nothing_is_shared_by_default(
    owner: Any, teammate: Any, ungranted_teammate: Any, outsider: Any, acme_people: Any
) -> None:
    for viewer in (teammate, ungranted_teammate, outsider):
        assert selectors.shared_people(viewer=viewer) == []
        assert selectors.team_search(viewer=viewer, query="acme") == []


def test_i_know_them_shows_the_profile_and_how_well_but_not_the_story(
    owner: Any, teammate: Any, hallway_team: Any, acme_people: Any
) -> None:
    jane = acme_people["jane"]
    conversation_log(owner=owner, person=jane, learned={"education": "MIT"}, notes="Secret plans")
    services.share_set(person=jane, team=hallway_team, level=KNOW)
    shared = selectors.shared_person_get(viewer=teammate, team=hallway_team, person_id=jane.pk)
    assert (shared.name, shared.company, shared.role) == ("Jane Doe", "Acme Corp", "CIO")
    assert shared.owner_name == "olivia"
    assert shared.conversation_count == 1
    assert shared.last_contact_at is not None
    assert shared.strength > 0
    assert shared.story is None
    assert shared.notes is None
    assert shared.conversations is None
    assert shared.tags is None
    assert shared.contact is None


def test_full_story_shows_facets_notes_and_conversations_but_not_contact_details(
    owner: Any, teammate: Any, hallway_team: Any, acme_people: Any
) -> None:
    jane = acme_people["jane"]
    conversation_log(owner=owner, person=jane, notes="Talked about boats")
    services.share_set(person=jane, team=hallway_team, level=FULL)
    shared = selectors.shared_person_get(viewer=teammate, team=hallway_team, person_id=jane.pk)
    assert shared.story is not None
    assert shared.story["passions"] == "Ocean sailing"
    assert shared.tags == ["cio"]
    assert shared.conversations is not None
    assert [item["notes"] for item in shared.conversations] == ["Talked about boats"]
    assert shared.contact is None


def test_a_teammate_of_another_team_and_an_outsider_see_nothing_of_a_shared_person(
    owner: Any, ungranted_teammate: Any, outsider: Any, board_team: Any, granted_person: Any
) -> None:
    for viewer in (ungranted_teammate, outsider):
        assert selectors.shared_people(viewer=viewer) == []
        with pytest.raises(Http404):
            selectors.shared_person_get(viewer=viewer, team=board_team, person_id=granted_person.pk)
        assert selectors.team_search(viewer=viewer, query="jane") == []


def test_the_owner_never_finds_their_own_people_in_team_search(
    owner: Any, teammate: Any, granted_person: Any
) -> None:
    assert selectors.team_search(viewer=owner, query="jane") == []
    assert _names(selectors.team_search(viewer=teammate, query="jane")) == ["Jane Doe"]


def test_team_search_finds_i_know_them_people_by_company_role_and_name_only(
    owner: Any, teammate: Any, hallway_team: Any, acme_people: Any
) -> None:
    services.share_set(person=acme_people["jane"], team=hallway_team, level=KNOW)
    services.share_set(person=acme_people["raj"], team=hallway_team, level=FULL)
    assert _names(selectors.team_search(viewer=teammate, query="acme")) == ["Jane Doe"]
    assert _names(selectors.team_search(viewer=teammate, query="doe")) == ["Jane Doe"]
    # Her story is not shared: it must not decide a match.
    assert selectors.team_search(viewer=teammate, query="sailing") == []
    # Raj's story and tags are shared in full: a topic or a tag finds him.
    assert _names(selectors.team_search(viewer=teammate, query="hospital")) == ["Raj Patel"]
    assert _names(selectors.team_search(viewer=teammate, query="health")) == ["Raj Patel"]
    assert sorted(_names(selectors.team_search(viewer=teammate, query="cio"))) == [
        "Jane Doe",  # her role
        "Raj Patel",  # his tag
    ]
    # At "I know them" his tags and story stop counting.
    services.share_set(person=acme_people["raj"], team=hallway_team, level=KNOW)
    assert selectors.team_search(viewer=teammate, query="health") == []
    assert selectors.team_search(viewer=teammate, query="leeds") == []
    assert _names(selectors.team_search(viewer=teammate, query="globex cto")) == ["Raj Patel"]
    # Nobody shared Mia.
    assert selectors.team_search(viewer=teammate, query="initech") == []


def test_team_search_ranks_the_strongest_connection_first(
    owner: Any, teammate: Any, hallway_team: Any
) -> None:
    weak = person_create(owner=owner, name="Ann Weak", company="Umbrella")
    strong = person_create(owner=owner, name="Bob Strong", company="Umbrella")
    for _ in range(3):
        conversation_log(owner=owner, person=strong)
    for person in (weak, strong):
        services.share_set(person=person, team=hallway_team, level=KNOW)
    results = selectors.team_search(viewer=teammate, query="umbrella")
    assert _names(results) == ["Bob Strong", "Ann Weak"]
    assert results[0].strength > results[1].strength
    assert results[0].conversation_count == 3


def test_unsharing_hides_the_person_again_and_both_steps_are_audited(
    owner: Any, teammate: Any, hallway_team: Any, acme_people: Any
) -> None:
    jane = acme_people["jane"]
    services.share_set(person=jane, team=hallway_team, level=FULL)
    services.share_set(person=jane, team=hallway_team, level=NONE)
    assert selectors.shared_people(viewer=teammate) == []
    audit = list(ShareAudit.objects.filter(person=jane).order_by("id"))
    assert [(a.action, a.from_level, a.to_level, a.via) for a in audit] == [
        ("share", NONE, FULL, "person"),
        ("unshare", FULL, NONE, "person"),
    ]
    assert all(entry.actor == owner for entry in audit)


def test_setting_the_same_level_again_changes_nothing(
    owner: Any, hallway_team: Any, acme_people: Any
) -> None:
    assert services.share_set(person=acme_people["jane"], team=hallway_team, level=KNOW)
    assert not services.share_set(person=acme_people["jane"], team=hallway_team, level=KNOW)
    assert ShareAudit.objects.count() == 1


def test_sharing_by_tag_sets_everyone_with_the_tag(
    owner: Any, teammate: Any, hallway_team: Any, acme_people: Any
) -> None:
    membership = selectors.membership_get_or_404(owner, hallway_team.pk)
    assert services.share_tag(membership=membership, tag="CIO", level=KNOW) == 2
    assert sorted(_names(selectors.shared_people(viewer=teammate))) == ["Jane Doe", "Raj Patel"]
    assert set(ShareAudit.objects.values_list("via", flat=True)) == {"tag “CIO”"}
    with pytest.raises(ValidationError, match="nobody tagged"):
        services.share_tag(membership=membership, tag="nope", level=KNOW)


def test_the_default_level_applies_to_people_added_later_only(
    owner: Any, teammate: Any, hallway_team: Any, acme_people: Any
) -> None:
    membership = selectors.membership_get_or_404(owner, hallway_team.pk)
    services.default_level_set(membership=membership, level=KNOW)
    newcomer = person_create(owner=owner, name="Nora New", company="Acme Corp")
    assert _names(selectors.shared_people(viewer=teammate)) == ["Nora New"]
    # Unshared by hand, an edit does not share her again.
    services.share_set(person=newcomer, team=hallway_team, level=NONE)
    person_update(person=newcomer, role="CFO")
    assert selectors.shared_people(viewer=teammate) == []


def test_only_a_team_the_owner_is_in_can_get_a_share(
    owner: Any, outsider: Any, acme_people: Any
) -> None:
    other = services.team_create(owner=outsider, name="Other")
    with pytest.raises(ValidationError):
        services.share_set(person=acme_people["jane"], team=other, level=FULL)
    assert not ShareGrant.objects.exists()


def test_a_member_who_leaves_takes_their_shares_with_them(
    owner: Any, teammate: Any, hallway_team: Any, acme_people: Any
) -> None:
    # The teammate shares one of theirs; then leaves.
    theirs = person_create(owner=teammate, name="Tom Theirs", company="Acme Corp")
    services.share_set(person=theirs, team=hallway_team, level=FULL)
    assert _names(selectors.team_search(viewer=owner, query="acme")) == ["Tom Theirs"]
    services.team_leave(membership=selectors.membership_get_or_404(teammate, hallway_team.pk))
    assert selectors.team_search(viewer=owner, query="acme") == []
    theirs.refresh_from_db()  # their person stays theirs
    assert ShareAudit.objects.filter(person=theirs, via="left the team").count() == 1


def test_removing_a_member_takes_their_shares_and_keeps_their_people(
    owner: Any, teammate: Any, hallway_team: Any
) -> None:
    theirs = person_create(owner=teammate, name="Tom Theirs", company="Acme Corp")
    services.share_set(person=theirs, team=hallway_team, level=FULL)
    owner_membership = selectors.membership_get_or_404(owner, hallway_team.pk)
    services.member_remove(
        membership=owner_membership,
        removed=selectors.membership_get_or_404(teammate, hallway_team.pk),
    )
    assert selectors.shared_people(viewer=owner) == []
    theirs.refresh_from_db()
    assert theirs.owner == teammate


def test_an_accepted_introduction_gives_the_requester_the_contact_details(
    owner: Any, teammate: Any, ungranted_teammate: Any, hallway_team: Any, acme_people: Any
) -> None:
    jane = acme_people["jane"]
    services.share_set(person=jane, team=hallway_team, level=KNOW)
    request = services.introduction_request(
        requester=teammate, team=hallway_team, person_id=jane.pk, message="We sell to retail"
    )
    assert list(selectors.pending_introductions(owner)) == [request]
    services.introduction_answer(request=request, accept=True)
    shared = selectors.shared_person_get(viewer=teammate, team=hallway_team, person_id=jane.pk)
    assert shared.contact == {
        "email": "jane@acme.example",
        "phone": "+1 555 0100",
        "linkedin_url": "",
    }
    assert shared.story is None  # the contact, not the story
    assert selectors.shared_people(viewer=ungranted_teammate) == []


def test_a_declined_introduction_leaks_nothing(
    owner: Any, teammate: Any, hallway_team: Any, acme_people: Any
) -> None:
    jane = acme_people["jane"]
    services.share_set(person=jane, team=hallway_team, level=KNOW)
    request = services.introduction_request(
        requester=teammate, team=hallway_team, person_id=jane.pk
    )
    services.introduction_answer(request=request, accept=False)
    shared = selectors.shared_person_get(viewer=teammate, team=hallway_team, person_id=jane.pk)
    assert shared.contact is None
    assert shared.story is None
    sent = selectors.introductions_sent(teammate)
    assert sent[0]["request"].status == IntroStatus.DECLINED
    with pytest.raises(ValidationError, match="already answered"):
        services.introduction_answer(request=request, accept=True)


def test_nobody_can_ask_about_a_person_who_is_not_shared_with_them(
    owner: Any, teammate: Any, hallway_team: Any, acme_people: Any
) -> None:
    with pytest.raises(Http404):
        services.introduction_request(
            requester=teammate, team=hallway_team, person_id=acme_people["mia"].pk
        )


def test_team_search_follows_story_changes_and_level_changes(
    owner: Any, teammate: Any, hallway_team: Any, acme_people: Any
) -> None:
    jane = acme_people["jane"]
    services.share_set(person=jane, team=hallway_team, level=FULL)
    assert selectors.team_search(viewer=teammate, query="kitesurfing") == []
    person_update(person=jane, story={"passions": "Kitesurfing in Brittany"})
    assert _names(selectors.team_search(viewer=teammate, query="kitesurfing")) == ["Jane Doe"]
    conversation_log(owner=owner, person=jane, notes="Planning a quantum computing pilot")
    assert _names(selectors.team_search(viewer=teammate, query="quantum")) == ["Jane Doe"]
    person_update(person=jane, company="Initrode")
    assert _names(selectors.team_search(viewer=teammate, query="initrode")) == ["Jane Doe"]
    services.share_set(person=jane, team=hallway_team, level=KNOW)
    assert selectors.team_search(viewer=teammate, query="kitesurfing") == []
    assert selectors.team_search(viewer=teammate, query="quantum") == []
    assert _names(selectors.team_search(viewer=teammate, query="initrode")) == ["Jane Doe"]
    # Location and where they met are on no level: they never decide a match.
    person_update(person=jane, location="Reykjavik")
    services.share_set(person=jane, team=hallway_team, level=FULL)
    assert selectors.team_search(viewer=teammate, query="reykjavik") == []
