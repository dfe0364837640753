"""An import changes many people at once: their team grants follow as one edit's do."""

from __future__ import annotations

from typing import Any

from hallway.interop.importing import import_file
from hallway.people.models import Person
from hallway.people.services import person_create
from hallway.teams import selectors, services
from hallway.teams.models import ShareLevel

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def _linkedin(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def _names(results: list[Any]) -> list[str]:
    return sorted(item.name for item in results)


def test_a_shared_person_an_import_fills_in_is_found_by_the_new_text(
    owner: Any, teammate: Any, hallway_team: Any
) -> None:
    sam = person_create(owner=owner, name="Sam Stone", email="sam@example.com")
    services.share_set(person=sam, team=hallway_team, level=ShareLevel.KNOW)
    assert selectors.team_search(viewer=teammate, query="contoso") == []
    plan = import_file(
        owner=owner,
        data=_linkedin(
            "Sam,Stone,https://www.linkedin.com/in/sam,sam@example.com,Contoso,CTO,01 Mar 2024",
            "Ada,Lovelace,https://www.linkedin.com/in/ada,,Contoso,CIO,02 Mar 2024",
        ),
    )
    assert (plan.created, plan.updated) == (1, 1)
    # Sam's grant text follows the import; Ada, new and unshared, stays private.
    assert _names(selectors.team_search(viewer=teammate, query="contoso")) == ["Sam Stone"]


def test_people_an_import_creates_get_the_default_level(
    owner: Any, teammate: Any, hallway_team: Any
) -> None:
    membership = selectors.membership_get_or_404(owner, hallway_team.pk)
    services.default_level_set(membership=membership, level=ShareLevel.KNOW)
    import_file(
        owner=owner,
        data=_linkedin(
            "Ada,Lovelace,https://www.linkedin.com/in/ada,,Contoso,CIO,02 Mar 2024",
            "Bob,Berg,https://www.linkedin.com/in/bob,,Fabrikam,CTO,03 Mar 2024",
        ),
    )
    assert _names(selectors.shared_people(viewer=teammate)) == ["Ada Lovelace", "Bob Berg"]
    ada = Person.objects.get(owner=owner, name="Ada Lovelace")
    services.share_set(person=ada, team=hallway_team, level=ShareLevel.NONE)
    # Re-imported (and so changed again), Ada unshared by hand stays unshared.
    import_file(
        owner=owner,
        data=_linkedin("Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.com,,,"),
    )
    assert _names(selectors.shared_people(viewer=teammate)) == ["Bob Berg"]
