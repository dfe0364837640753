"""Team screens. Every read of a teammate's data goes through hallway.teams.selectors.

- `team`: the team list, a team's page, members, invitations, sharing defaults;
- `people`: sharing one of your people, team search, a shared person, introductions;
- `events`: team events.
"""

from __future__ import annotations

from hallway.teams.views.events import (
    event_share,
    team_event,
    team_event_going,
    team_event_take,
    team_event_unshare,
)
from hallway.teams.views.people import (
    introduction_answer,
    introduction_list,
    introduction_request,
    person_share,
    shared_person,
    team_search,
)
from hallway.teams.views.team import (
    invitation_create,
    invitation_revoke,
    member_remove,
    member_role,
    sharing_default,
    sharing_tag,
    team_create,
    team_detail,
    team_join,
    team_leave,
    team_list,
    team_rename,
)

__all__ = [
    "event_share",
    "introduction_answer",
    "introduction_list",
    "introduction_request",
    "invitation_create",
    "invitation_revoke",
    "member_remove",
    "member_role",
    "person_share",
    "shared_person",
    "sharing_default",
    "sharing_tag",
    "team_create",
    "team_detail",
    "team_event",
    "team_event_going",
    "team_event_take",
    "team_event_unshare",
    "team_join",
    "team_leave",
    "team_list",
    "team_rename",
    "team_search",
]
