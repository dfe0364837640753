"""Briefings, the reconnect list and follow-ups, read from real data."""

from __future__ import annotations

import datetime as dt

from hallway.conversations.models import FollowUp
from hallway.conversations.services import conversation_log, followup_add
from hallway.events.services import event_create
from hallway.people.models import Person
from hallway.people.services import note_add, person_create, person_update
from hallway.recall.selectors import (
    event_briefing,
    followups_due,
    followups_filter,
    people_to_reconnect,
    person_briefing,
    short_story,
)
from hallway.recall.services import attendees_import

from .conftest import NOW


def _days_ago(days: int) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def test_a_note_from_last_spring_becomes_the_first_question(frozen_now, person):
    note_add(person=person, text="Training for the Boston marathon", date=dt.date(2026, 4, 10))
    briefing = person_briefing(person=person)
    assert briefing.next_question_texts[0] == "How did the Boston marathon go?"
    # Then the unknown facets, asked aloud.
    assert briefing.next_question_texts[1:] == [
        "Where did you study?",
        "What do you love doing when you're not working?",
        "What gets you out of bed in the morning?",
    ]


def test_the_last_conversation_notes_and_learned_text_feed_the_questions(frozen_now, owner, person):
    conversation_log(
        owner=owner,
        person=person,
        started_at=_days_ago(30),
        learned={"passions": "Sailing; moving to Lisbon next year"},
        notes="Starting a new job at Globex in January.",
        outcome="connected",
    )
    briefing = person_briefing(person=person)
    assert "How is the new job at Globex going?" in briefing.next_question_texts
    assert "How is life in Lisbon?" in briefing.next_question_texts
    assert briefing.last_conversation is not None
    assert briefing.last_talked_at == _days_ago(30)
    assert briefing.last_talked_about == [
        "Passions: Sailing; moving to Lisbon next year",
        "Starting a new job at Globex in January.",
    ]


def test_old_notes_are_not_turned_into_questions(frozen_now, person):
    note_add(person=person, text="Training for the Boston marathon", date=dt.date(2024, 4, 10))
    assert (
        "How did the Boston marathon go?" not in person_briefing(person=person).next_question_texts
    )


def test_briefing_tells_how_and_where_you_met(frozen_now, owner, person):
    introducer = person_create(owner=owner, name="Ian Introducer")
    person_update(person=person, met_at="Dinner at Sam's", introduced_by=introducer)
    summit = event_create(owner=owner, name="CIO Summit 2025", starts_at=_days_ago(300))
    conversation_log(owner=owner, person=person, event=summit, started_at=_days_ago(300))
    conversation_log(owner=owner, person=person, started_at=_days_ago(10))
    met = person_briefing(person=person).met
    assert met.first_met_event == summit
    assert met.first_met_on == _days_ago(300).date()
    assert (
        met.summary
        == "Dinner at Sam's; first talked on 29 Jan 2026 at CIO Summit 2025; introduced by Ian Introducer"
    )


def test_briefing_lists_only_open_followups_of_that_person(frozen_now, owner, person):
    other = person_create(owner=owner, name="Other Person")
    kept = followup_add(person=person, text="Send the article", due=dt.date(2026, 12, 1))
    done = followup_add(person=person, text="Already done")
    done.done = True
    done.save()
    followup_add(person=other, text="Not theirs")
    assert person_briefing(person=person).open_followups == [kept]


def test_a_person_without_history_gets_the_five_safe_questions(frozen_now, owner):
    newcomer = person_create(owner=owner, name="New Comer")
    briefing = person_briefing(person=newcomer)
    assert briefing.last_conversation is None
    assert len(briefing.next_questions) == 5
    assert briefing.next_question_texts[0] == "What do you do?"


# --- keeping in touch --------------------------------------------------------------------------


def _with_cadence(
    owner, name: str, days: int, last_contact_days_ago: int | None, created_days_ago: int = 400
) -> Person:
    return person_create(
        owner=owner,
        name=name,
        keep_in_touch_days=days,
        created_at=_days_ago(created_days_ago),
        last_contact_at=_days_ago(last_contact_days_ago)
        if last_contact_days_ago is not None
        else None,
    )


def test_reconnect_lists_people_past_their_cadence_most_overdue_first(frozen_now, owner):
    _with_cadence(owner, "In Touch", days=30, last_contact_days_ago=10)
    slightly = _with_cadence(owner, "Slightly Late", days=30, last_contact_days_ago=35)
    very = _with_cadence(owner, "Very Late", days=7, last_contact_days_ago=100)
    never = _with_cadence(
        owner, "Never Contacted", days=60, last_contact_days_ago=None, created_days_ago=90
    )
    fresh = _with_cadence(
        owner, "Just Added", days=60, last_contact_days_ago=None, created_days_ago=5
    )
    person_create(owner=owner, name="No Cadence", last_contact_at=_days_ago(1000))
    people = list(people_to_reconnect(user=owner, now=NOW))
    assert people == [very, never, slightly]
    assert fresh not in people
    assert people[0].reconnect_due_at == _days_ago(93)


def test_the_reconnect_count_compiled_once_counts_what_the_list_holds(frozen_now, owner):
    from django.contrib.auth.models import AnonymousUser, User

    from hallway.recall.selectors import keeping_in_touch, reconnect_count

    other = User.objects.create_user("reconnect-other", password="x" * 12)
    for index, days_ago in enumerate((10, 35, 100, 400)):
        _with_cadence(owner, f"Cadence {index}", days=30, last_contact_days_ago=days_ago)
    _with_cadence(other, "Someone Else's", days=7, last_contact_days_ago=100)
    for user in (owner, other):
        for days_later in (-200, -40, 0, 5, 80, 400):
            now = NOW + dt.timedelta(days=days_later)
            expected = people_to_reconnect(user=user, now=now).count()
            assert reconnect_count(user=user, now=now) == expected
    assert reconnect_count(user=owner, now=NOW) == 3
    assert reconnect_count(user=AnonymousUser(), now=NOW) == 0
    assert keeping_in_touch._RECONNECT_COUNT._counts["default:count"] is not None  # compiled


def test_logging_a_conversation_resets_the_keep_in_touch_clock(frozen_now, owner):
    late = _with_cadence(owner, "Late Larry", days=30, last_contact_days_ago=45)
    assert late in people_to_reconnect(user=owner, now=NOW)
    conversation_log(owner=owner, person=late, started_at=_days_ago(1))
    late.refresh_from_db()
    assert late.last_contact_at == _days_ago(1)
    assert late not in people_to_reconnect(user=owner, now=NOW)


def test_adding_a_note_resets_the_keep_in_touch_clock(frozen_now, owner):
    late = _with_cadence(owner, "Late Lucy", days=30, last_contact_days_ago=45)
    note_add(person=late, text="Called her about the offsite", date=NOW.date())
    late.refresh_from_db()
    assert late.last_contact_at is not None and late.last_contact_at >= _days_ago(1)
    assert late not in people_to_reconnect(user=owner, now=NOW)


def test_an_old_note_or_conversation_does_not_move_the_clock_back(frozen_now, owner):
    recent = _with_cadence(owner, "Recent Rita", days=30, last_contact_days_ago=2)
    note_add(person=recent, text="An old memory", date=dt.date(2025, 1, 1))
    recent.refresh_from_db()
    assert recent.last_contact_at == _days_ago(2)


def test_reconnect_shows_only_the_users_own_people(frozen_now, owner, outsider):
    _with_cadence(outsider, "Not Yours", days=1, last_contact_days_ago=50)
    assert list(people_to_reconnect(user=owner, now=NOW)) == []


def test_due_groups_open_followups_into_overdue_today_upcoming_and_undated(
    frozen_now, owner, person
):
    overdue = followup_add(person=person, text="Overdue", due=dt.date(2026, 11, 20))
    today = followup_add(person=person, text="Today", due=dt.date(2026, 11, 25))
    upcoming = followup_add(person=person, text="Upcoming", due=dt.date(2026, 12, 25))
    undated = followup_add(person=person, text="Some day")
    followup_add(person=person, text="Done", due=dt.date(2026, 11, 1)).__class__.objects.filter(
        text="Done"
    ).update(done=True)
    groups = followups_due(user=owner, today=NOW.date())
    assert (groups.overdue, groups.today, groups.upcoming, groups.undated) == (
        [overdue],
        [today],
        [upcoming],
        [undated],
    )
    assert groups.count == 4


def test_followups_filter_by_due_before_and_done(frozen_now, owner, person):
    early = followup_add(person=person, text="Early", due=dt.date(2026, 11, 1))
    late = followup_add(person=person, text="Late", due=dt.date(2026, 12, 31))
    done = followup_add(person=person, text="Done", due=dt.date(2026, 10, 1))
    FollowUp.objects.filter(pk=done.pk).update(done=True)
    assert list(followups_filter(user=owner, due_before=dt.date(2026, 12, 1))) == [early, done]
    assert list(followups_filter(user=owner, done=False)) == [early, late]
    assert list(followups_filter(user=owner, done=True)) == [done]


def test_followups_filter_lists_open_ones_by_date_with_undated_last(frozen_now, owner, person):
    # The order an index gives (done, due IS NULL, due, id): SQLite puts NULLs first by itself.
    undated = followup_add(person=person, text="Some day")
    late = followup_add(person=person, text="Late", due=dt.date(2026, 12, 31))
    early = followup_add(person=person, text="Early", due=dt.date(2026, 11, 1))
    also_early = followup_add(person=person, text="Also early", due=dt.date(2026, 11, 1))
    done_undated = followup_add(person=person, text="Done, undated")
    done = followup_add(person=person, text="Done", due=dt.date(2026, 10, 1))
    FollowUp.objects.filter(pk__in=[done.pk, done_undated.pk]).update(done=True)
    assert list(followups_filter(user=owner)) == [
        early,
        also_early,
        late,
        undated,
        done,
        done_undated,
    ]


# --- event briefing ----------------------------------------------------------------------------


def test_event_briefing_gathers_want_to_meet_met_here_earlier_editions_and_the_attendee_list(
    frozen_now, owner
):
    wanted = person_create(owner=owner, name="Wanda Wanted", story={"passions": "Sailing"})
    met_here = person_create(owner=owner, name="Mel Methere")
    met_last_year = person_create(owner=owner, name="Lee Lastyear", story={"work": "CTO at Globex"})
    by_email = person_create(owner=owner, name="Eve Email", email="Eve@Example.com")
    by_name = person_create(owner=owner, name="Nöémi Námé")
    stranger = person_create(owner=owner, name="Not Coming")
    last_year = event_create(owner=owner, name="CIO Summit 2025", starts_at=_days_ago(365))
    this_year = event_create(
        owner=owner,
        name="CIO Summit 2026",
        starts_at=NOW + dt.timedelta(days=3),
        want_to_meet=[wanted],
    )
    conversation_log(owner=owner, person=met_last_year, event=last_year, started_at=_days_ago(365))
    conversation_log(owner=owner, person=met_here, event=this_year, started_at=NOW)
    attendees_import(
        event=this_year, text="Somebody Else <eve@example.com>\nnoemi name\nUnknown Stranger"
    )

    briefing = event_briefing(event=this_year)
    reasons = {item.person: item.reasons for item in briefing.known_people}
    assert reasons == {
        wanted: ["want_to_meet"],
        met_here: ["met_here"],
        met_last_year: ["met_previous_edition"],
        by_email: ["attendee_list"],
        by_name: ["attendee_list"],
    }
    assert stranger not in reasons
    assert briefing.known_people[0].person == wanted  # want-to-meet come first
    assert [item.person for item in briefing.want_to_meet] == [wanted]
    assert briefing.previous_editions == [last_year]
    assert [(m.attendee.label, m.matched_by) for m in briefing.attendees] == [
        ("noemi name", "name"),
        ("Somebody Else", "email"),
        ("Unknown Stranger", ""),
    ]
    assert briefing.matched_count == 2
    known = {item.person: item for item in briefing.known_people}
    assert known[met_last_year].short_story == "CTO at Globex"
    assert known[wanted].next_question == "What do you do?"


def test_event_briefing_never_matches_another_users_people(frozen_now, owner, outsider, event):
    person_create(owner=outsider, name="Jane Doe", email="jane@acme.example")
    attendees_import(event=event, text="Jane Doe <jane@acme.example>")
    assert event_briefing(event=event).known_people == []


def test_short_story_puts_work_first_then_what_matters_and_is_cut_short(owner):
    person = person_create(
        owner=owner, name="Sam", story={"origin": "Lyon", "work": "CIO", "passions": "Jazz " * 100}
    )
    text = short_story(person, limit=40)
    assert text.startswith("CIO · Jazz")
    assert len(text) == 40 and text.endswith("…")


def test_only_years_and_edition_numbers_make_events_editions_of_each_other(frozen_now, owner):
    event_create(owner=owner, name="Data Council 12", starts_at=_days_ago(30))
    earlier = event_create(owner=owner, name="Data Council #3", starts_at=_days_ago(20))
    current = event_create(owner=owner, name="Data Council #4", starts_at=NOW)
    other = event_create(owner=owner, name="Data Council 67", starts_at=NOW)
    assert event_briefing(event=current).previous_editions == [earlier]
    assert event_briefing(event=other).previous_editions == []


def test_a_huge_event_details_the_most_relevant_people_and_counts_the_rest(
    frozen_now, owner, monkeypatch
):
    from hallway.recall.selectors import event_briefings

    monkeypatch.setattr(event_briefings, "MAX_KNOWN_PEOPLE", 3)
    event = event_create(owner=owner, name="Big Conf", starts_at=NOW)
    met = [person_create(owner=owner, name=f"Met {n}") for n in range(4)]
    for person in met:
        conversation_log(owner=owner, person=person, event=event, started_at=NOW)
    wanted = person_create(owner=owner, name="Zed Wanted")
    event.want_to_meet.add(wanted)
    listed = person_create(owner=owner, name="Listed Person")
    attendees_import(event=event, text="Listed Person")
    briefing = event_briefing(event=event)
    assert briefing.known_count == 6 and briefing.hidden_count == 3
    assert [item.person for item in briefing.known_people] == [wanted, listed, met[0]]


def test_due_lists_at_most_the_limit_per_group_and_counts_the_rest(frozen_now, owner, person):
    for number in range(5):
        followup_add(person=person, text=f"Late {number}", due=dt.date(2026, 11, 1 + number))
    followup_add(person=person, text="Undated")
    groups = followups_due(user=owner, today=NOW.date(), limit=3)
    assert [f.text for f in groups.overdue] == ["Late 0", "Late 1", "Late 2"]
    assert groups.more("overdue") == 2 and groups.more("undated") == 0
    assert groups.count == 6
