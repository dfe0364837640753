"""Reads for teams. THE rule lives in `grants`: another member's person is visible only through
a share grant, and only the fields its level allows. Every view, endpoint and command that shows
a teammate's data goes through `shared_people` (or a function that calls it); nothing else reads
another member's people.

The package re-exports every public read, so `from hallway.teams.selectors import X` works
whichever module X lives in:

- `memberships`: whose teams, the 404 for anybody outside them;
- `grants`: the grant rule, `SharedPerson` and `shared_people`;
- `searching`: team search ("who of us knows someone at …?");
- `audience`: who can see a person or an event, for its owner;
- `introductions`: introduction requests received and sent;
- `events`: team events and their shared want-to-meet list.
"""

from __future__ import annotations

from hallway.teams.selectors.audience import event_audience, person_audience, share_history
from hallway.teams.selectors.events import (
    team_event_get_or_404,
    team_event_overview,
    team_event_wanted_ids,
    team_events,
)
from hallway.teams.selectors.grants import (
    MAX_SEARCH_RESULTS,
    SharedPerson,
    shared_people,
    shared_person_get,
    shared_person_payload,
    strength_label,
    strength_of,
)
from hallway.teams.selectors.introductions import (
    introduction_get_for_owner_or_404,
    introduction_sent_for,
    introductions_received,
    introductions_sent,
    pending_introductions,
)
from hallway.teams.selectors.memberships import (
    display_name,
    membership_get_or_404,
    memberships_of,
    needs_two_factor,
    primary_key_or_404,
    team_members,
)
from hallway.teams.selectors.searching import SEARCH_CANDIDATES, team_search

__all__ = [
    "MAX_SEARCH_RESULTS",
    "SEARCH_CANDIDATES",
    "SharedPerson",
    "display_name",
    "event_audience",
    "introduction_get_for_owner_or_404",
    "introduction_sent_for",
    "introductions_received",
    "introductions_sent",
    "membership_get_or_404",
    "memberships_of",
    "needs_two_factor",
    "pending_introductions",
    "person_audience",
    "primary_key_or_404",
    "share_history",
    "shared_people",
    "shared_person_get",
    "shared_person_payload",
    "strength_label",
    "strength_of",
    "team_event_get_or_404",
    "team_event_overview",
    "team_event_wanted_ids",
    "team_events",
    "team_members",
    "team_search",
]
