"""Sharing: what each team sees of a member's people (with its audit log), the default level
for new people, and the searchable text of the grants."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hallway.lib.bulk_sql import ids_in
from hallway.people.models import Person
from hallway.teams.models import (
    Membership,
    ShareAction,
    ShareAudit,
    ShareGrant,
    ShareLevel,
    Team,
)


def _level(level: Any) -> ShareLevel:
    try:
        return ShareLevel(int(level))
    except (TypeError, ValueError) as error:
        raise ValidationError(
            {"level": "Choose not shared, “I know them” or full story."}
        ) from error


def _check_sharable(person: Person, team: Team) -> None:
    if not Membership.objects.filter(team=team, user_id=person.owner_id).exists():
        raise ValidationError("You can only share with a team you are a member of.")


def _set_levels(
    *, actor: User, team: Team, people: Iterable[Person], level: ShareLevel, via: str
) -> int:
    """Set the team's level for each person (no grant for NONE); audit every change.
    Returns how many people changed."""
    people = list(people)
    current = dict(
        ShareGrant.objects.filter(team=team, person__in=people).values_list("person_id", "level")
    )
    now = timezone.now()
    changed = [person for person in people if current.get(person.pk, 0) != level]
    if not changed:
        return 0
    ids = [person.pk for person in changed]
    ShareGrant.objects.filter(team=team, person_id__in=ids).delete()
    if level > ShareLevel.NONE:
        ShareGrant.objects.bulk_create(
            ShareGrant(
                team=team, person=person, owner_id=person.owner_id, level=level, updated_at=now
            )
            for person in changed
        )
    if level > ShareLevel.NONE:
        grants_refresh_text(person_ids=ids)
    ShareAudit.objects.bulk_create(
        ShareAudit(
            team=team,
            actor=actor,
            person=person,
            person_name=person.name[:200],
            action=ShareAction.UNSHARE if level < current.get(person.pk, 0) else ShareAction.SHARE,
            from_level=current.get(person.pk, 0),
            to_level=level,
            via=via[:120],
            at=now,
        )
        for person in changed
    )
    return len(changed)


@transaction.atomic
def share_set(*, person: Person, team: Team, level: Any, actor: User | None = None) -> bool:
    """What this team sees of one person: not shared, "I know them" or the full story."""
    _check_sharable(person, team)
    return bool(
        _set_levels(
            actor=actor or person.owner,
            team=team,
            people=[person],
            level=_level(level),
            via="person",
        )
    )


@transaction.atomic
def share_tag(*, membership: Membership, tag: str, level: Any) -> int:
    """Set the level for every person of the member's with this tag; returns how many changed."""
    name = " ".join(str(tag or "").split()).lstrip("#")
    if not name:
        raise ValidationError({"tag": "Choose a tag."})
    people = Person.objects.filter(owner=membership.user, tags__name__iexact=name).distinct()
    if not people.exists():
        raise ValidationError({"tag": f"You have nobody tagged “{name}”."})
    return _set_levels(
        actor=membership.user,
        team=membership.team,
        people=people.only("id", "owner_id", "name"),
        level=_level(level),
        via=f"tag “{name}”"[:120],
    )


@transaction.atomic
def default_level_set(*, membership: Membership, level: Any) -> Membership:
    """The level people the member adds from now on get in this team."""
    membership.default_level = _level(level)
    membership.default_level_since = timezone.now()
    membership.save(update_fields=["default_level", "default_level_since"])
    return membership


def default_share_apply_many(people: list[Person]) -> None:
    """New people (created since the member chose a default) get their owner's default level in
    each team, unless their sharing was ever set by hand (the audit log remembers)."""
    by_owner: dict[int, list[Person]] = {}
    for person in people:
        by_owner.setdefault(person.owner_id, []).append(person)
    for owner_id, owned in by_owner.items():
        memberships = Membership.objects.filter(
            user_id=owner_id, default_level__gt=ShareLevel.NONE
        ).select_related("team")
        for membership in memberships:
            candidates = [
                person
                for person in owned
                if person.created_at is not None
                and person.created_at >= membership.default_level_since
            ]
            if not candidates:
                continue
            ids = [person.pk for person in candidates]
            decided = set(
                ShareAudit.objects.filter(
                    team=membership.team, person_id__in=ids_in(ids)
                ).values_list("person_id", flat=True)
            ) | set(
                ShareGrant.objects.filter(
                    team=membership.team, person_id__in=ids_in(ids)
                ).values_list("person_id", flat=True)
            )
            fresh = [person for person in candidates if person.pk not in decided]
            if fresh:
                _set_levels(
                    actor=membership.user,
                    team=membership.team,
                    people=fresh,
                    level=ShareLevel(membership.default_level),
                    via="default for new people",
                )


def default_share_apply(person: Person) -> None:
    default_share_apply_many([person])


def person_changed(person: Person) -> None:
    """A person's story or profile changed: their default sharing, and the searchable text of
    their grants (runs after the search index was refreshed in the same transaction)."""
    people_changed([person])


def people_changed(people: list[Person]) -> None:
    default_share_apply_many(people)
    # The ids as one parameter: an import hands 10,000s of people, and Django building an
    # IN of that many placeholders was 17% of an import.
    ids = [person.pk for person in people]
    with_grants = list(
        ShareGrant.objects.filter(person_id__in=ids_in(ids))
        .values_list("person_id", flat=True)
        .distinct()
    )
    if with_grants:
        grants_refresh_text(person_ids=with_grants)


# What each level lets the team search (exactly what it shows: name, company, role; for the
# full story also tags, facets, notes and conversations), from the person and their search
# document. The
# subquery reads the grant's own level; one statement for any number of grants.
_GRANT_TEXT_SQL = """
UPDATE teams_sharegrant SET search_text = (
    SELECT person.name || ' ' || person.company || ' ' || person.role
        || CASE WHEN teams_sharegrant.level >= 2 THEN
            ' ' || coalesce(document.tags, '') || ' ' || coalesce(document.story, '') || ' '
            || coalesce(document.notes, '')
        ELSE '' END
    FROM people_person AS person
    LEFT JOIN search_searchdocument AS document ON document.person_id = person.id
    WHERE person.id = teams_sharegrant.person_id
)
"""
_REFRESH_CHUNK = 500


def grants_refresh_text(*, person_ids: list[int] | None, using: str = "default") -> None:
    """Recompute the searchable text of these people's grants (every grant with None)."""
    from django.db import connections

    with connections[using].cursor() as cursor:
        if person_ids is None:
            cursor.execute(_GRANT_TEXT_SQL)
            return
        for start in range(0, len(person_ids), _REFRESH_CHUNK):
            chunk = person_ids[start : start + _REFRESH_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"{_GRANT_TEXT_SQL} WHERE person_id IN ({marks})", chunk)
