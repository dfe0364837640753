"""Reads about people: filtering the list, the timeline of a person."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from hallway.lib import hooks
from hallway.lib.jsonable import iso_moment
from hallway.lib.ownership import owned
from hallway.lib.prepared import Prepared, PreparedForIds, PreparedPages
from hallway.lib.story import FACET_LABELS, FACET_QUESTIONS, FACETS, normalize_name
from hallway.people.models import Person, Tag


def people_filter(*, user: User, q: str = "", tag: str = "", status: str = "") -> QuerySet[Person]:
    """The user's people matching words (anywhere in their story, notes, conversations, tags),
    a tag and a status."""
    people = owned(Person, user)
    if q.strip():
        people = _matching_words(people, user, q)
    if tag:
        people = people.filter(tags__name__iexact=tag.strip())
    if status in ("connection", "card"):
        people = with_status(people, status)
    return people.prefetch_related("tags")


def tag_names_by_person(person_ids: Iterable[int]) -> dict[int, list[str]]:
    """Each of these people's tag names, by name, in one query (a page of the list: Django's
    prefetch builds a related manager per person, which cost more than the rows' HTML)."""
    ids = list(dict.fromkeys(person_ids))
    names: dict[int, list[str]] = {}
    if not ids:
        return names
    for person_id, name in _TAG_NAMES.list(ids):
        names.setdefault(person_id, []).append(name)
    return names


# Compiled once per number of people (hallway.lib.prepared): the list shows 50, search 20; up
# to a page of the API, longer lists are compiled each time.
_TAG_NAMES: PreparedForIds[tuple[int, str]] = PreparedForIds(
    lambda ids: (
        Person.tags.through.objects.filter(person_id__in=ids)
        .order_by("tag__name")
        .values_list("person_id", "tag__name")
    ),
    most=500,
)


def with_tag_names(people: Iterable[Person]) -> list[Person]:
    """These people, each with its `tag_names` read for all of them in one plain query (a
    search page or an API page: Django's tag prefetch builds a related manager per person)."""
    rows = list(people)
    names = tag_names_by_person(person.pk for person in rows)
    for person in rows:
        person.__dict__["_tag_names"] = names.get(person.pk, [])
    return rows


# The same conditions as the partial indexes person_connections / person_cards, written with
# literal '' so SQLite can prove the index applies (with a bound parameter it re-reads every row:
# 80 ms instead of 5 ms for a count at 100,000 people). Constant SQL, no user input.
_CARD_SQL = '"people_person"."drivers" = \'\' AND "people_person"."passions" = \'\''
_STATUS_SQL = {"card": _CARD_SQL, "connection": f"NOT ({_CARD_SQL})"}


def with_status(people: QuerySet[Person], status: str) -> QuerySet[Person]:
    """Only connections (passions or drivers known) or only cards."""
    return people.extra(where=[_STATUS_SQL[status]])  # noqa: S610


def status_count(*, user: User, status: str) -> int:
    """How many of the user's people are connections (or cards), read from the partial index.

    Without ANALYZE statistics SQLite picks any index that starts with owner_id, and with
    (owner_id, last_contact_at) it reads every person's row: 31 ms at 10,000 people instead of
    1 ms (measured). On SQLite the partial index is named; PostgreSQL's planner has statistics.
    """
    if connection.vendor != "sqlite":
        return with_status(owned(Person, user), status).count()
    index = {"card": "person_cards", "connection": "person_connections"}[status]
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT COUNT(*) FROM "people_person" INDEXED BY "{index}" '  # noqa: S608 - constants
            f'WHERE "people_person"."owner_id" = %s AND {_STATUS_SQL[status]}',
            [user.pk],
        )
        return int(cursor.fetchone()[0])


def _matching_words(people: QuerySet[Person], user: User, q: str) -> QuerySet[Person]:
    # The full-text index (hallway.search registers it) answers in milliseconds at 100,000
    # people and understands stems and prefixes; substring matching is the fallback without it.
    matcher = hooks.people_word_matcher()
    if matcher is not None:
        found = matcher(user.pk, q)
        if found is not None:
            return people.filter(pk__in=RawSQL(*found))
    for word in q.split()[:10]:
        condition = Q(name_normalized__contains=normalize_name(word))
        for field in ("name", "company", "role", "location", "email", "met_at", *FACETS):
            condition |= Q(**{f"{field}__icontains": word})
        condition |= Q(tags__name__iexact=word) | Q(notes__text__icontains=word)
        people = people.filter(
            pk__in=Person.objects.filter(owner=user).filter(condition).values("pk")
        )
    return people


def words_reads(*, user: User, q: str) -> tuple[int, Callable[[], list[ListRow]]] | None:
    """For the people list filtered by words alone: how many match, and a reader of the first
    page, through statements compiled once per full-text SQL (hallway.lib.prepared) — the
    same rows as people_filter(user=user, q=q). None without the full-text index."""
    matcher = hooks.people_word_matcher()
    found = matcher(user.pk, q) if matcher is not None else None
    if found is None:
        return None
    sql, params = found
    kinds = tuple(isinstance(param, str) for param in params)
    page_query = _words_page(sql, kinds)
    values = {f"p{index}": param for index, param in enumerate(params)}
    # The matcher's SQL selects the ids of the owner's matching people, so it is counted alone:
    # probing people_person for each match too was most of the count (at 100,000 people,
    # 14 ms against 6 ms for the full-text match).
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS matched", params)
        (count,) = cursor.fetchone()
    return count, lambda: list_rows(page_query.list(owner_id=user.pk, **values))


@lru_cache(maxsize=16)
def _words_page(sql: str, texts: tuple[bool, ...]) -> Prepared[tuple[Any, ...]]:
    names = [f"p{index}" for index in range(len(texts))]
    examples = {name: "" for name, text in zip(names, texts, strict=True) if text}

    def matching(owner_id: int, **values: Any) -> QuerySet[Person]:
        return Person.objects.filter(
            owner_id=owner_id, pk__in=RawSQL(sql, [values[name] for name in names])
        )

    return Prepared(
        lambda owner_id, **values: matching(owner_id, **values).values_list(*LIST_ROW_FIELDS)[
            :PER_PAGE
        ],
        **examples,
    )


def _related(name: str) -> Any:
    """The model on the other side of one of Person's reverse relations (conversations,
    follow-ups, events…), which live in apps above this one."""
    return Person._meta.get_field(name).related_model


# The people list's reads, compiled once (hallway.lib.prepared).
OWNER_PEOPLE: Prepared[Person] = Prepared(lambda owner_id: Person.objects.filter(owner_id=owner_id))
PER_PAGE = 50
# What a row of the people list shows (people_rows): the rest of a person (dates, addresses,
# keys) is neither read nor converted, and no model is built (50 of them, with deferred
# fields, were 0.4-0.6 ms of the page against 0.2 for the rows).
LIST_ROW_FIELDS = ("id", "name", "role", "company", *FACETS)


class ListRow(NamedTuple):
    """A person as the people list shows them: `values_list(*LIST_ROW_FIELDS)`."""

    pk: int
    name: str
    role: str
    company: str
    work: str
    origin: str
    education: str
    passions: str
    drivers: str

    @property
    def story(self) -> dict[str, str]:
        """The five facets, as Person.story has them."""
        return {
            "work": self.work,
            "origin": self.origin,
            "education": self.education,
            "passions": self.passions,
            "drivers": self.drivers,
        }


def list_rows(rows: Iterable[tuple[Any, ...]]) -> list[ListRow]:
    return [ListRow._make(row) for row in rows]


def first_page_rows(*, owner_id: int) -> list[ListRow]:
    """The people list's first page, unfiltered: what people_filter(user=…)[:PER_PAGE] reads."""
    return list_rows(_FIRST_PAGE.list(owner_id=owner_id))


_FIRST_PAGE: Prepared[tuple[Any, ...]] = Prepared(
    lambda owner_id: Person.objects.filter(owner_id=owner_id).values_list(*LIST_ROW_FIELDS)[
        :PER_PAGE
    ]
)


def everyone_rows(
    *, owner_id: int, columns: tuple[str, ...], start: int, stop: int
) -> list[tuple[Any, ...]]:
    """`people_filter(user=…)[start:stop]` as `values_list(*columns)` rows (the API's list),
    compiled once per columns and page (hallway.lib.prepared): no model instances."""
    return _EVERYONE.list(columns=columns, start=start, stop=stop, owner_id=owner_id)


_EVERYONE = PreparedPages(lambda owner_id: Person.objects.filter(owner_id=owner_id))


OWNER_TAG_NAMES: Prepared[str] = Prepared(
    lambda owner_id: Tag.objects.filter(owner_id=owner_id).values_list("name", flat=True)
)
# The person page's reads, compiled once: each is a third of a millisecond to build and
# compile, and the page makes a dozen.
# By date (all are open): the order of the index of a person's open follow-ups.
_OPEN_FOLLOWUPS: Prepared[Any] = Prepared(
    lambda owner_id, person_id: (
        _related("followups")
        .objects.filter(owner_id=owner_id, person_id=person_id, done=False)
        .order_by("due", "id")
    )
)
_CONTACT_DETAILS: Prepared[Any] = Prepared(
    lambda person_id: _related("contact_details").objects.filter(person_id=person_id)
)
_EVENTS_WANTED: Prepared[Any] = Prepared(
    lambda person_id: _related("wanted_at").objects.filter(want_to_meet=person_id)
)


def story_items(person: Person) -> list[dict[str, Any]]:
    """The person page's story card: each facet with its label, what is known, its question."""
    return [
        {
            "facet": facet,
            "label": FACET_LABELS[facet],
            "text": person.story[facet],
            "question": FACET_QUESTIONS[facet],
        }
        for facet in FACETS
    ]


def person_page_reads(*, person: Person) -> dict[str, Any]:
    """What the person page shows besides the person: open follow-ups, other contact details,
    the events where the owner wants to meet them."""
    return {
        "open_followups": _OPEN_FOLLOWUPS.list(owner_id=person.owner_id, person_id=person.pk),
        "contact_details": _CONTACT_DETAILS.list(person_id=person.pk),
        "events_wanted": _EVENTS_WANTED.list(person_id=person.pk),
    }


def people_match_name(*, user: User, name: str) -> list[Person]:
    """The user's people whose name matches forgivingly (case, accents, spacing, partial).

    An exact (normalized) match wins alone; else people whose name contains every word typed,
    in any order, at the start of a word ("jane" finds "Jane Doe", "doe j" finds her too);
    else people whose name merely contains the text. Several results mean "ambiguous".
    """
    wanted = normalize_name(name)
    if not wanted:
        return []
    people = owned(Person, user)
    exact = list(people.filter(name_normalized=wanted))
    if exact:
        return exact
    words = wanted.split()[:10]
    candidates = people
    for word in words:
        candidates = candidates.filter(name_normalized__contains=word)
    candidates_list = list(candidates.order_by("name", "id")[:200])
    by_word_start = [
        person
        for person in candidates_list
        if all(
            any(part.startswith(word) for part in person.name_normalized.split()) for word in words
        )
    ]
    return (
        by_word_start
        or [p for p in candidates_list if wanted in p.name_normalized]
        or candidates_list
    )


def person_as_dict(person: Person) -> dict[str, Any]:
    """The person as plain JSON-able data in the API's shape (PersonOut), for `--json`."""
    story = person.story
    return {
        "id": person.pk,
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "company": person.company,
        "role": person.role,
        "location": person.location,
        "linkedin_url": person.linkedin_url,
        "website": person.website,
        "tags": person.tag_names,
        "met_at": person.met_at,
        "keep_in_touch_days": person.keep_in_touch_days,
        "birthday": person.birthday,
        "anniversary": person.anniversary,
        "story": {facet: story[facet] for facet in FACETS},
        "status": person.status,
        "completeness": float(person.completeness),
        "last_contact_at": iso_moment(person.last_contact_at),
        "created_at": iso_moment(person.created_at),
        "updated_at": iso_moment(person.updated_at),
    }


def likely_duplicates(
    *,
    user: User,
    name: str,
    company: str = "",
    email: str = "",
    exclude_id: int | None = None,
    limit: int = 5,
) -> list[Person]:
    """The user's people who are probably this one: the same name at the same company (or with
    no company on either side), or the same e-mail address."""
    key = normalize_name(name)
    company = company.strip()
    email = email.strip()
    same_name = Q(name_normalized=key) if key else Q(pk__in=[])
    if company:
        same_name &= Q(company__iexact=company) | Q(company="")
    matches = same_name | Q(email__iexact=email) if email else same_name
    people = owned(Person, user).filter(matches)
    if exclude_id is not None:
        people = people.exclude(pk=exclude_id)
    return list(people.order_by("-last_contact_at", "-created_at", "id")[:limit])


def likely_duplicates_of(person: Person) -> list[Person]:
    """The owner's other people who are probably this (just added) person."""
    return likely_duplicates(
        user=person.owner,
        name=person.name,
        company=person.company,
        email=person.email,
        exclude_id=person.pk,
    )
