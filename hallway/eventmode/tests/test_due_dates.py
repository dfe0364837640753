from __future__ import annotations

import datetime as dt

import pytest

from hallway.eventmode.due_dates import parse_due

# A Wednesday.
TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("send the article on Tuesday", dt.date(2026, 12, 1)),
        ("call her thursday", dt.date(2026, 11, 26)),
        ("intro to Sam on Fri", dt.date(2026, 11, 27)),
        ("coffee next tue", dt.date(2026, 12, 1)),
        ("email the deck tomorrow", dt.date(2026, 11, 26)),
        ("ping him today", TODAY),
        ("check in next week", dt.date(2026, 11, 30)),
        ("send the slides in 3 days", dt.date(2026, 11, 28)),
        ("follow up in two weeks", dt.date(2026, 12, 9)),
        ("book dinner 2026-12-15", dt.date(2026, 12, 15)),
    ],
)
def test_due_dates_are_found_in_a_one_line_follow_up(text: str, expected: dt.date) -> None:
    assert parse_due(text, today=TODAY) == expected


def test_a_weekday_named_on_that_same_day_means_next_week() -> None:
    assert parse_due("send it Wednesday", today=TODAY) == dt.date(2026, 12, 2)


def test_text_without_a_date_has_no_due_date() -> None:
    assert parse_due("send the article", today=TODAY) is None
    assert parse_due("", today=TODAY) is None


def test_words_that_merely_contain_a_weekday_are_not_dates() -> None:
    assert parse_due("talk about the satellite launch and monument", today=TODAY) is None


def test_an_impossible_iso_date_is_ignored_rather_than_crashing() -> None:
    assert parse_due("meet 2026-02-30", today=TODAY) is None
