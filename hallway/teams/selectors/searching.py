"""Team search: "who of us knows someone at …?", on the grants' own full-text index."""

from __future__ import annotations

from typing import Any

from django.db import connection

from hallway.teams.models import ShareLevel, Team
from hallway.teams.selectors.grants import (
    MAX_SEARCH_RESULTS,
    SharedPerson,
    add_story,
    best_grants,
    project_grants,
    teammates_by_team,
)
from hallway.teams.selectors.memberships import Viewer

# Candidates read before ranking by strength: bounds the cost of broad words.
SEARCH_CANDIDATES = 200


def _candidate_grants(
    teammates: dict[int, set[int]], parsed: Any
) -> list[tuple[int, int, int, int]]:
    """(person, team, level, owner) of shared people whose grant text (what their level
    shows) matches, on the engine's full-text index of the grants."""
    from hallway.search.keyword.query import fts5_match, tsquery_text

    teams = sorted(teammates)
    owners = sorted(set().union(*teammates.values())) if teammates else []
    if parsed.is_empty or not owners:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The grants' own index holds only what each level shows: one GIN lookup, read
            # until enough shared people are found.
            cursor.execute(
                "SELECT person_id, team_id, level, owner_id FROM teams_sharegrant "
                "WHERE team_id = ANY(%(teams)s) AND owner_id = ANY(%(owners)s) "
                "AND document @@ to_tsquery('hallway_search', %(query)s) LIMIT %(limit)s",
                {
                    "teams": teams,
                    "owners": owners,
                    "query": tsquery_text(parsed),
                    "limit": SEARCH_CANDIDATES,
                },
            )
            return [tuple(row) for row in cursor.fetchall()]
        # The same FTS5 query text as personal search, on the grants' own index.
        text_clause = fts5_match(0, parsed, "search_text").partition(" AND ")[2]
        team_clause = "team_id : (" + " OR ".join(f'"{int(team)}"' for team in teams) + ")"
        owner_marks = ", ".join(["%s"] * len(owners))
        cursor.execute(
            "SELECT grant_row.person_id, grant_row.team_id, grant_row.level, grant_row.owner_id "
            "FROM teams_grant_fts JOIN teams_sharegrant AS grant_row "
            "ON grant_row.id = teams_grant_fts.rowid "
            f"WHERE teams_grant_fts MATCH %s AND grant_row.owner_id IN ({owner_marks}) LIMIT %s",
            [f"{team_clause} AND {text_clause}", *owners, SEARCH_CANDIDATES],
        )
        return [tuple(row) for row in cursor.fetchall()]


def team_search(
    *, viewer: Viewer, query: str, team: Team | None = None, limit: int = 20
) -> list[SharedPerson]:
    """ "Who of us knows someone at …?": teammates' shared people matching the words, strongest
    connection first. A person shared as "I know them" matches on name, company and role only."""
    from hallway.search.keyword import Highlighter, ParsedQuery, marked_to_html, parse

    parsed = parse(query)
    teammates = teammates_by_team(viewer, team.pk if team is not None else None)
    # The grant rule, as in _visible_grants: the owner is another member of that team.
    rows = [
        (person_id, team_id, level)
        for person_id, team_id, level, owner_id in _candidate_grants(teammates, parsed)
        if owner_id in teammates.get(team_id, set())
    ]
    found = project_grants(viewer, best_grants(rows), story=False)
    word_markers = [Highlighter(ParsedQuery(words=[word])) for word in parsed.words]
    highlighter = Highlighter(parsed)
    results = []
    for item in found:
        # Below the full story only what the level shows may decide a match (the grant index
        # holds nothing else; this guards the rule should it ever be built differently).
        profile = [item.name, item.company, item.role]
        if item.level < ShareLevel.FULL and not all(
            any(marker.mark(text, window=None) for text in profile) for marker in word_markers
        ):
            continue
        results.append(item)
    results.sort(
        key=lambda item: (-item.strength, -item.level, item.name.casefold(), item.person_id)
    )
    results = results[: max(1, min(limit, MAX_SEARCH_RESULTS))]
    add_story(results)
    for item in results:
        visible = [item.name, item.company, item.role, *(item.story or {}).values()]
        snippets = [highlighter.mark(text) for text in visible if text]
        item.snippet = marked_to_html(next((s for s in snippets if s), ""))
    return results
