"""Writes for teams. Every web view, API endpoint and CLI command calls these.

The package re-exports every public write, so `from hallway.teams.services import X` works
whichever module X lives in:

- `members`: teams and their members (create, rename, leave, remove, roles);
- `invitations`: one-time invitation links, optionally e-mailed;
- `sharing`: what each team sees of a member's people, with its audit log;
- `introductions`: asking a teammate for an introduction, and the answer;
- `events`: team events, who goes, who takes whom.
"""

from __future__ import annotations

from hallway.teams.services.events import (
    team_event_claim,
    team_event_going,
    team_event_share,
    team_event_unshare,
)
from hallway.teams.services.introductions import (
    MAX_MESSAGE_LENGTH,
    introduction_answer,
    introduction_request,
)
from hallway.teams.services.invitations import (
    INVITATION_DAYS,
    invitation_accept,
    invitation_create,
    invitation_find,
    invitation_link,
    invitation_revoke,
)
from hallway.teams.services.members import (
    MAX_TEAM_NAME,
    member_remove,
    member_role_set,
    require_manager,
    team_create,
    team_leave,
    team_rename,
)
from hallway.teams.services.sharing import (
    default_level_set,
    default_share_apply,
    default_share_apply_many,
    grants_refresh_text,
    people_changed,
    person_changed,
    share_set,
    share_tag,
)

__all__ = [
    "INVITATION_DAYS",
    "MAX_MESSAGE_LENGTH",
    "MAX_TEAM_NAME",
    "default_level_set",
    "default_share_apply",
    "default_share_apply_many",
    "grants_refresh_text",
    "introduction_answer",
    "introduction_request",
    "invitation_accept",
    "invitation_create",
    "invitation_find",
    "invitation_link",
    "invitation_revoke",
    "member_remove",
    "member_role_set",
    "people_changed",
    "person_changed",
    "require_manager",
    "share_set",
    "share_tag",
    "team_create",
    "team_event_claim",
    "team_event_going",
    "team_event_share",
    "team_event_unshare",
    "team_leave",
    "team_rename",
]
