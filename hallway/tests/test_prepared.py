"""Queries compiled once (hallway.lib.prepared) answer exactly what the queryset answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hallway.conversations.models import Conversation, FollowUp
from hallway.events.models import Event
from hallway.lib.ownership import get_owned_or_404
from hallway.lib.prepared import Prepared
from hallway.people.models import Note, Person, Tag

pytestmark = pytest.mark.django_db


def _fields(rows: list[Any]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.__dict__.items() if not k.startswith("_")} for row in rows]


@pytest.fixture
def network(owner: User) -> dict[str, Any]:
    other = User.objects.create_user("prepared-other", password="x" * 12)
    event = Event.objects.create(owner=owner, name="DevOpsDays", starts_at=timezone.now())
    people = [
        Person.objects.create(owner=owner, name=f"Ada {index}", company="Acme")
        for index in range(3)
    ]
    stranger = Person.objects.create(owner=other, name="Ada Stranger")
    tag = Tag.objects.create(owner=owner, name="speaker")
    people[0].tags.add(tag)
    for index, person in enumerate(people):
        for minutes in range(index + 1):
            Conversation.objects.create(
                owner=owner,
                person=person,
                event=event if minutes % 2 == 0 else None,
                started_at=timezone.now() - dt.timedelta(minutes=minutes),
                learned={"passions": f"sailing {minutes}"},
            )
        Note.objects.create(owner=owner, person=person, text=f"note {index}")
        FollowUp.objects.create(owner=owner, person=person, text="deck", done=index == 1)
    return {"owner": owner, "other": other, "people": people, "stranger": stranger}


def test_rows_with_related_objects_are_those_of_the_queryset(network: dict[str, Any]) -> None:
    def build(person_id: int) -> Any:
        return Conversation.objects.filter(person_id=person_id).select_related("event")

    query = Prepared(build)
    for person in [*network["people"], network["stranger"]]:
        expected = list(build(person.pk))
        got = query.list(person_id=person.pk)
        assert _fields(got) == _fields(expected)
        assert [c.event and c.event.name for c in got] == [
            c.event and c.event.name for c in expected
        ]
    compiled = query._by_alias["default"]
    assert compiled is not None  # compiled once, not built every time
    # The columns' converters (SQLite's text to aware datetimes, JSON…) were worked out once,
    # for this connection, and gave each later run the same values as the queryset.
    assert compiled.converters_kept and list(compiled.converters) == [connection]
    again = query.list(person_id=network["people"][2].pk)
    assert len(again) == 3 and all(c.started_at.tzinfo and c.learned for c in again)


def test_prefetched_relations_and_values_lists_come_through(network: dict[str, Any]) -> None:
    with_tags = Prepared(
        lambda owner_id, pk: Person.objects.filter(owner_id=owner_id, pk=pk).prefetch_related(
            "tags"
        )
    )
    names = Prepared(
        lambda owner_id: Person.objects.filter(owner_id=owner_id).values_list("name", flat=True)
    )
    first = network["people"][0]
    [person] = with_tags.list(owner_id=network["owner"].pk, pk=first.pk)
    with CaptureQueriesContext(connection) as queries:
        assert [tag.name for tag in person.tags.all()] == ["speaker"]
    assert len(queries) == 0  # prefetched with the person
    assert names.list(owner_id=network["owner"].pk) == ["Ada 0", "Ada 1", "Ada 2"]
    assert names.list(owner_id=network["other"].pk) == ["Ada Stranger"]


def test_counts_run_the_compiled_statement_with_each_value(network: dict[str, Any]) -> None:
    open_ones = Prepared(lambda owner_id: FollowUp.objects.filter(owner_id=owner_id, done=False))
    assert open_ones.count(owner_id=network["owner"].pk) == 2
    assert open_ones.count(owner_id=network["other"].pk) == 0
    with CaptureQueriesContext(connection) as queries:
        open_ones.count(owner_id=network["owner"].pk)
    assert len(queries) == 1


def test_text_values_and_values_the_orm_changes(network: dict[str, Any]) -> None:
    exact = Prepared(lambda name: Person.objects.filter(name=name), name="")
    assert [p.pk for p in exact.list(name="Ada 1")] == [network["people"][1].pk]
    # icontains wraps the value in %…%: no marker to find, so it is built every time (and the
    # marker of the first build never leaks into an answer).
    contains = Prepared(lambda word: Person.objects.filter(name__icontains=word), word="")
    assert contains.list(word="stranger") == [network["stranger"]]
    assert contains._by_alias["default"] is None
    assert sorted(p.name for p in contains.list(word="ada ")) == [
        "Ada 0",
        "Ada 1",
        "Ada 2",
        "Ada Stranger",
    ]


@pytest.mark.parametrize("kinds", [(dt.date, dt.datetime), (dt.date(2000, 1, 1), timezone.now())])
def test_dates_and_times_given_by_kind_or_by_value(network: dict[str, Any], kinds: Any) -> None:
    day, moment = kinds
    notes = Prepared(lambda since: Note.objects.filter(date__gte=since).order_by("id"), since=day)
    talks = Prepared(
        lambda since: Conversation.objects.filter(started_at__gte=since).order_by("id"),
        since=moment,
    )
    now = timezone.now()
    for back in (dt.timedelta(0), dt.timedelta(minutes=1, seconds=30), dt.timedelta(days=3)):
        since = now - back
        assert notes.list(since=since.date()) == list(
            Note.objects.filter(date__gte=since.date()).order_by("id")
        )
        assert talks.list(since=since) == list(
            Conversation.objects.filter(started_at__gte=since).order_by("id")
        )
    assert [len(talks.list(since=now - dt.timedelta(minutes=m))) for m in (0, 1, 9)] == [0, 3, 6]
    assert notes._by_alias["default"] is not None  # compiled once, not built every time
    assert talks._by_alias["default"] is not None


def test_a_related_manager_is_never_compiled_once(network: dict[str, Any]) -> None:
    # person.notes remembers the person it came from: a compiled copy would hand the first
    # person to every note.
    first, second = network["people"][:2]
    query = Prepared(lambda pk: Person(pk=pk).notes.all())
    assert query.list(pk=first.pk)[0].person == first
    assert query.list(pk=second.pk)[0].person == second
    assert query._by_alias["default"] is None


def test_columns_of_every_integer_size(network: dict[str, Any]) -> None:
    # auth_user.id is 32-bit on PostgreSQL, a goal a smallint: the ORM matches nothing for a
    # marker outside a column's range, so such a query is compiled every time instead.
    from hallway.practice.models import PracticeGoals

    owner, other = network["owner"], network["other"]
    users = Prepared(lambda pk: User.objects.filter(pk=pk).order_by("pk")[:1])
    assert users.first(pk=owner.pk) == owner
    assert users.first(pk=other.pk) == other
    assert users.first(pk=2**40) is None
    PracticeGoals.objects.create(owner=owner, events_per_month=4)
    PracticeGoals.objects.create(owner=other, events_per_month=1)
    goals = Prepared(lambda per_month: PracticeGoals.objects.filter(events_per_month=per_month))
    assert [goal.owner_id for goal in goals.list(per_month=4)] == [owner.pk]
    assert [goal.owner_id for goal in goals.list(per_month=1)] == [other.pk]
    assert goals.count(per_month=1) == 1


def test_owned_objects_by_primary_key_are_the_owners_only(network: dict[str, Any]) -> None:
    from django.http import Http404

    person = network["people"][0]
    assert get_owned_or_404(Person, network["owner"], person.pk) == person
    for user, pk in [
        (network["other"], person.pk),
        (network["owner"], network["stranger"].pk),
        (network["owner"], 2**63),  # beyond any id the databases can hold
        (network["owner"], -(2**63) - 1),
        (None, person.pk),
    ]:
        with pytest.raises(Http404):
            get_owned_or_404(Person, user, pk)


def test_the_people_list_by_words_reads_what_the_filter_reads(network: dict[str, Any]) -> None:
    from hallway.people.selectors import PER_PAGE, _words_page, people_filter, words_reads

    owner = network["owner"]
    sailors = [
        Person.objects.create(owner=owner, name=f"Sailor {index:02d}", passions="sailing")
        for index in range(PER_PAGE + 6)  # more than a page
    ]
    # Another owner's sailor, and one who is gone: neither is counted nor shown.
    Person.objects.create(owner=network["other"], name="Sailor Stranger", passions="sailing")
    sailors[3].delete()
    for words in ("sailing", "sail", "ada", "acme sailing", "nobody"):
        reads = words_reads(user=owner, q=words)
        assert reads is not None
        count, first_page = reads
        expected = people_filter(user=owner, q=words)
        assert count == expected.count()
        assert [p.pk for p in first_page()] == [p.pk for p in expected[:PER_PAGE]]
    # compiled once, not built every time (the markers never reach the full-text engine)
    from hallway.lib import hooks

    matcher = hooks.people_word_matcher()
    assert matcher is not None
    sql, params = matcher(owner.pk, "sailing")
    page_query = _words_page(sql, tuple(isinstance(p, str) for p in params))
    assert page_query._by_alias["default"] is not None


def test_lists_of_ids_read_what_the_queryset_reads_compiled_once_per_length(
    network: dict[str, Any],
) -> None:
    from hallway.lib.prepared import PreparedForIds

    def build(ids: list[int], owner_id: int) -> Any:
        return Person.objects.filter(owner_id=owner_id, pk__in=ids).order_by("pk")

    query = PreparedForIds(build, most=2)
    owner, people = network["owner"], network["people"]
    ids = [people[2].pk, network["stranger"].pk, people[0].pk]
    for chosen in (ids[:1], ids[:2], ids[1:3], ids):  # the last is longer than `most`
        expected = list(build(chosen, owner.pk))
        assert _fields(query.list(chosen, owner_id=owner.pk)) == _fields(expected)
    # one compiled statement per length up to `most`, none longer
    assert query._of_count.cache_info().currsize == 2
    assert all(query._of_count(count)._by_alias["default"] is not None for count in (1, 2))


def test_pages_read_what_the_slice_reads_compiled_once_per_page(network: dict[str, Any]) -> None:
    from hallway.lib.prepared import PreparedPages

    def build(owner_id: int) -> Any:
        return Person.objects.filter(owner_id=owner_id).order_by("name", "id")

    pages = PreparedPages(build)
    owner = network["owner"]
    for columns, start, stop in ((("id", "name"), 0, 2), (("id",), 1, 3), (("id", "name"), 0, 2)):
        expected = list(build(owner.pk).values_list(*columns)[start:stop])
        assert pages.list(columns=columns, start=start, stop=stop, owner_id=owner.pk) == expected
        assert pages.list(columns=columns, start=start, stop=stop, owner_id=0) == []
    assert pages._page.cache_info().currsize == 2
    assert pages._page(("id",), 1, 3)._by_alias["default"] is not None
