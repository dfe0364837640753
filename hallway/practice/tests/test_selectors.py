from __future__ import annotations

import datetime as dt

from hallway.practice.selectors import progress_as_dict, progress_for
from hallway.practice.services import goals_set


def test_progress_counts_the_known_history(owner, history):
    progress = progress_for(user=owner)
    november = progress.this_month
    assert (november.events, november.events_planned) == (2, 1)
    assert november.conversations == 5
    assert november.new_people == 4
    assert november.stories == 2  # Ana (connected) and Dan (drivers learned, though "cards only")
    assert november.connection_rate == 0.5
    assert november.new_people_per_event == 2.0
    # 12 months: 4 of 10 first conversations gave a story (Ivy, Finn, Ana, Dan).
    assert progress.connection_rate == 0.4
    assert progress.outcomes == {"connected": 3, "cards_only": 6, "cut_short": 2, "ongoing": 0}
    assert progress.warning_signs["wandering_eyes"].count == 4
    assert progress.warning_signs["wandering_eyes"].median_seconds == 540
    assert progress.warning_signs["short_answers"].count == 1


def test_suggested_goals_are_a_little_above_what_the_user_already_does(owner, history):
    goals = progress_for(user=owner).goals
    assert goals.suggested
    assert (goals.events_per_month, goals.new_people_per_event, goals.connections_per_month) == (
        2,
        4,
        2,
    )


def test_insights_are_plain_sentences_from_the_numbers(owner, history):
    insights = progress_for(user=owner).insights
    assert (
        "Your conversations this quarter ended with a story 50% of the time, up from 25%."
        in insights
    )
    assert (
        "Wandering eyes came up in 4 of your last 11 conversations, usually after about 9 minutes."
        in insights
    )
    assert (
        "To meet your November goals: more new people per event (2.0 so far, goal 4)." in insights
    )


def test_streak_counts_months_with_every_goal_met(owner, history):
    goals_set(owner=owner, events_per_month=1, new_people_per_event=2, connections_per_month=1)
    progress = progress_for(user=owner)
    # September (4 new at one event), October (2 new at one event), November: all met.
    assert progress.streak == 3
    assert "You have met your goals 3 months in a row. Keep it going." in progress.insights


def test_people_met_per_event_counts_distinct_people(owner, history):
    rows = {row.name: row for row in progress_for(user=owner).events}
    assert "Future Summit" not in rows  # not happened yet
    assert (
        rows["CIO Dinner"].conversations,
        rows["CIO Dinner"].people_met,
        rows["CIO Dinner"].new_people,
    ) == (2, 2, 1)
    assert rows["Cloud Meetup"].goal_met is True
    assert rows["Cloud Meetup"].reflection.startswith("Good crowd")


def test_a_user_without_data_gets_an_empty_progress_with_default_goals(teammate, frozen):
    progress = progress_for(user=teammate)
    assert progress.is_empty
    assert progress.connection_rate is None
    assert (progress.goals.events_per_month, progress.goals.new_people_per_event) == (2, 3)
    data = progress_as_dict(progress)
    assert data["connection_rate"] is None
    assert len(data["months"]) == 12 and data["months"][-1]["month"] == "2026-11"


def test_nobody_else_s_data_counts(owner, history, teammate):
    assert progress_for(user=teammate).conversations_total == 0
    assert progress_for(user=owner, today=dt.date(2026, 11, 20)).conversations_total == 11
