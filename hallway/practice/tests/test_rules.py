"""The insight and goal rules, on hand-made facts (no database)."""

from __future__ import annotations

import datetime as dt

from hallway.practice import rules
from hallway.practice.rules import ConversationFact, Goals, MonthTotals

TODAY = dt.date(2026, 11, 20)


def _fact(
    day: dt.date,
    *,
    story: bool = False,
    new: bool = True,
    signs: dict[str, int] | None = None,
    outcome: str = "cards_only",
) -> ConversationFact:
    return ConversationFact(
        day=day,
        with_new_person=new,
        finished=True,
        gave_story=story,
        outcome=outcome,
        warning_signs=tuple(signs or {}),
        warning_sign_times=dict(signs or {}),
    )


def test_a_conversation_gave_a_story_when_connected_or_a_deep_facet_was_learned():
    assert rules.gave_story(outcome="connected", learned={})
    assert rules.gave_story(outcome="cards_only", learned={"drivers": "Curiosity"})
    assert rules.gave_story(outcome="", learned={"passions": "Sailing"})
    assert not rules.gave_story(outcome="cards_only", learned={"work": "CTO", "passions": "  "})
    assert not rules.gave_story(outcome="cut_short", learned=None)


def test_quarter_insight_reads_like_the_example():
    this_quarter = [
        _fact(dt.date(2026, 10, 15), story=index < 8) for index in range(13)
    ]  # 8/13 = 62%
    last_quarter = [
        _fact(dt.date(2026, 8, 15), story=index < 7) for index in range(17)
    ]  # 7/17 = 41%
    sentence = rules.insight_connection_rate_by_quarter(this_quarter + last_quarter, TODAY)
    assert (
        sentence
        == "Your conversations this quarter ended with a story 62% of the time, up from 41%."
    )


def test_quarter_insight_says_down_and_same_and_leaves_out_a_thin_last_quarter():
    now = [_fact(dt.date(2026, 11, 1), story=index < 1) for index in range(4)]  # 25%
    before = [_fact(dt.date(2026, 9, 1), story=index < 2) for index in range(4)]  # 50%
    assert rules.insight_connection_rate_by_quarter(now + before, TODAY).endswith("down from 50%.")
    same = [_fact(dt.date(2026, 9, 1), story=index < 1) for index in range(4)]
    assert rules.insight_connection_rate_by_quarter(now + same, TODAY).endswith(
        ", the same as last quarter."
    )
    assert rules.insight_connection_rate_by_quarter(now + same[:2], TODAY) == (
        "Your conversations this quarter ended with a story 25% of the time."
    )


def test_quarter_insight_needs_three_conversations_with_new_people():
    facts = [
        _fact(dt.date(2026, 11, 1), story=True),
        _fact(dt.date(2026, 11, 2)),
        _fact(dt.date(2026, 11, 3), new=False),
    ]
    assert rules.insight_connection_rate_by_quarter(facts, TODAY) is None


def test_recurring_warning_sign_reads_like_the_example():
    recent = [
        _fact(TODAY, signs={"wandering_eyes": seconds}) for seconds in (500, 540, 560, 600, 420)
    ]
    recent += [_fact(TODAY, signs={"short_answers": 60})] + [_fact(TODAY) for _ in range(6)]
    assert rules.insight_recurring_warning_sign(recent) == (
        "Wandering eyes came up in 5 of your last 12 conversations, usually after about 9 minutes."
    )


def test_a_sign_that_came_up_twice_or_in_few_conversations_is_not_a_pattern():
    twice = [_fact(TODAY, signs={"checking_phone": 30}) for _ in range(2)] + [
        _fact(TODAY) for _ in range(3)
    ]
    assert rules.insight_recurring_warning_sign(twice) is None
    rare = [_fact(TODAY, signs={"checking_phone": 30}) for _ in range(3)] + [
        _fact(TODAY) for _ in range(9)
    ]
    assert rules.insight_recurring_warning_sign(rare) == (
        "Checking their phone came up in 3 of your last 12 conversations, usually in the first minute."
    )
    rarer = rare + [_fact(TODAY) for _ in range(4)]  # only the last 12 count
    assert rules.insight_recurring_warning_sign(rarer[4:] + rarer[:4]) is None


def test_a_sign_without_times_gets_no_timing():
    facts = [
        ConversationFact(
            day=TODAY,
            with_new_person=True,
            finished=True,
            gave_story=False,
            warning_signs=("not_flowing",),
        )
        for _ in range(3)
    ]
    assert rules.insight_recurring_warning_sign(facts) == (
        "A conversation that stopped flowing came up in 3 of your last 3 conversations."
    )


def test_goal_met_needs_every_tracked_goal_and_zero_means_not_tracked():
    month = MonthTotals(month=dt.date(2026, 11, 1), events=2, new_people_at_events=6, stories=2)
    assert rules.goal_met(month, Goals(2, 3, 2))
    assert not rules.goal_met(month, Goals(3, 3, 2))
    assert not rules.goal_met(month, Goals(2, 4, 2))
    assert rules.goal_met(month, Goals(0, 0, 2))
    assert not rules.goal_met(month, Goals(0, 0, 0))


def test_streak_ignores_the_month_in_progress_until_it_is_met():
    goals = Goals(1, 0, 0)
    months = [
        MonthTotals(month=dt.date(2026, m, 1), events=e)
        for m, e in ((7, 0), (8, 1), (9, 1), (10, 1), (11, 0))
    ]
    assert rules.streak(months, goals) == 3
    months[-1].events = 1
    assert rules.streak(months, goals) == 4
    months[-2].events = 0
    assert rules.streak(months, goals) == 1


def test_suggested_goals_default_for_a_new_user():
    assert rules.suggest_goals([]) == Goals(2, 3, 2, suggested=True)
    assert rules.suggest_goals([MonthTotals(month=dt.date(2026, 10, 1))]) == Goals(
        2, 3, 2, suggested=True
    )


def test_suggested_goals_stretch_past_history_within_bounds():
    busy = [
        MonthTotals(
            month=dt.date(2026, 10, 1),
            events=20,
            conversations=200,
            new_people_at_events=400,
            stories=50,
        )
    ]
    assert rules.suggest_goals(busy) == Goals(8, 10, 20, suggested=True)


def test_this_month_insight_lists_what_is_left():
    month = MonthTotals(month=dt.date(2026, 11, 1), events=1, new_people_at_events=1, stories=1)
    assert rules.insight_this_month(month, Goals(2, 3, 2)) == (
        "To meet your November goals: 1 more event, 1 more story and more new people per event "
        "(1.0 so far, goal 3)."
    )
    empty = MonthTotals(month=dt.date(2026, 11, 1))
    assert rules.insight_this_month(empty, Goals(3, 2, 0)) == (
        "To meet your November goals: 3 more events and 2 new people at each event."
    )
    assert (
        rules.insight_this_month(month, Goals(1, 1, 1))
        == "You have met all your goals for November."
    )
    assert rules.insight_this_month(month, Goals(0, 0, 0)) is None


def test_cut_short_and_reflection_insights():
    cut = [_fact(TODAY, outcome="cut_short") for _ in range(3)] + [_fact(TODAY) for _ in range(3)]
    assert rules.insight_cut_short(cut).startswith("3 of your last 6 conversations were cut short.")
    assert rules.insight_cut_short(cut[:2] + cut[3:]) is None
    assert rules.insight_missing_reflections(0) is None
    assert rules.insight_missing_reflections(1).startswith("One recent event has no reflection")
    assert rules.insight_missing_reflections(3).startswith("3 recent events")


def test_month_arithmetic_crosses_years():
    assert rules.add_months(dt.date(2026, 1, 1), -1) == dt.date(2025, 12, 1)
    assert rules.last_months(dt.date(2026, 2, 14), 3) == [
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
    ]
    assert rules.quarter_start(dt.date(2026, 12, 31)) == dt.date(2026, 10, 1)
