"""The rules behind the progress screen, in plain Python (no database) so each one is unit-tested.

Definitions used everywhere (web, API, CLI, digest):

* A conversation **gave a story** when it ended as "connected" or when it taught you one of the
  deep facets (passions or drivers) — the facets that turn a card into a connection.
* A conversation is **finished** once it has an outcome or an end time; ongoing ones are left
  out of rates because they may still give a story.
* The **connection rate** is: finished conversations with new people that gave a story ÷ all
  finished conversations with new people (`Conversation.with_new_person` marks the first
  conversation with someone).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from hallway.lib.story import DEEP_FACETS, WARNING_SIGNS

DEFAULT_GOALS = {"events_per_month": 2, "new_people_per_event": 3, "connections_per_month": 2}
# Rates from fewer conversations than this are noise, so no sentence is written about them.
MIN_CONVERSATIONS_FOR_RATE = 3
RECENT_CONVERSATIONS = 12
# A warning sign "recurs" when it shows up in at least this many recent conversations…
MIN_SIGN_OCCURRENCES = 3
# …and in at least this share of them.
MIN_SIGN_SHARE = 0.25

# Warning signs as the subject of a sentence ("… came up in 5 of your last 12 conversations").
SIGN_PHRASES: dict[str, str] = {
    "wandering_eyes": "Wandering eyes",
    "not_flowing": "A conversation that stopped flowing",
    "checking_phone": "Checking their phone",
    "closed_posture": "Closed posture",
    "short_answers": "Short answers",
    "looking_for_exit": "Looking for an exit",
}


def gave_story(*, outcome: str, learned: dict[str, str] | None) -> bool:
    """Connected, or a deep facet (passions/drivers) learned."""
    if outcome == "connected":
        return True
    learned = learned or {}
    return any(str(learned.get(facet) or "").strip() for facet in DEEP_FACETS)


@dataclass(slots=True)
class ConversationFact:
    """What the rules need to know about one conversation."""

    day: dt.date
    with_new_person: bool
    finished: bool
    gave_story: bool
    outcome: str = ""
    person_id: int = 0
    event_id: int | None = None
    warning_signs: tuple[str, ...] = ()
    warning_sign_times: dict[str, int] = field(default_factory=dict)
    duration_seconds: int | None = None


@dataclass(frozen=True)
class Goals:
    events_per_month: int
    new_people_per_event: int
    connections_per_month: int
    suggested: bool = False

    @property
    def tracked(self) -> bool:
        return any((self.events_per_month, self.new_people_per_event, self.connections_per_month))


@dataclass
class MonthTotals:
    """One month of practice."""

    month: dt.date
    events: int = 0
    events_planned: int = 0
    conversations: int = 0
    new_people: int = 0
    new_people_at_events: int = 0
    stories: int = 0
    new_finished: int = 0
    new_with_story: int = 0

    @property
    def connection_rate(self) -> float | None:
        return rate(self.new_with_story, self.new_finished)

    @property
    def new_people_per_event(self) -> float | None:
        return self.new_people_at_events / self.events if self.events else None

    @property
    def label(self) -> str:
        return f"{self.month:%b %Y}"


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


# --- Months and quarters -------------------------------------------------------------------


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + (month.month - 1) + count
    return dt.date(index // 12, index % 12 + 1, 1)


def last_months(today: dt.date, count: int = 12) -> list[dt.date]:
    """The first days of the last `count` months, oldest first, ending with this month."""
    current = month_start(today)
    return [add_months(current, offset) for offset in range(-(count - 1), 1)]


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


# --- Goals ---------------------------------------------------------------------------------


def goal_met(totals: MonthTotals, goals: Goals) -> bool:
    """Every tracked goal (non-zero) reached in that month; nothing tracked means not met."""
    if not goals.tracked:
        return False
    if goals.events_per_month and totals.events < goals.events_per_month:
        return False
    if goals.connections_per_month and totals.stories < goals.connections_per_month:
        return False
    if goals.new_people_per_event:
        per_event = totals.new_people_per_event
        if per_event is None or per_event < goals.new_people_per_event:
            return False
    return True


def streak(months: Sequence[MonthTotals], goals: Goals) -> int:
    """Months in a row with every goal met, ending now. The month in progress only counts once
    met, so an unfinished month never breaks the streak."""
    count = 0
    for index, totals in enumerate(reversed(months)):
        met = goal_met(totals, goals)
        if index == 0 and not met:
            continue
        if not met:
            break
        count += 1
    return count


def suggest_goals(history: Sequence[MonthTotals]) -> Goals:
    """Defaults for a new user; with some history, a little more than what they already do."""
    active = [month for month in history if month.events or month.conversations]
    if not active:
        return Goals(**DEFAULT_GOALS, suggested=True)
    events = statistics.fmean(month.events for month in active)
    stories = statistics.fmean(month.stories for month in active)
    per_event = [
        month.new_people_per_event for month in active if month.new_people_per_event is not None
    ]
    new_per_event = (
        statistics.fmean(per_event) if per_event else DEFAULT_GOALS["new_people_per_event"] - 1
    )
    return Goals(
        events_per_month=_clamp(math.floor(events) + 1, 1, 8),
        new_people_per_event=_clamp(math.floor(new_per_event) + 1, 2, 10),
        connections_per_month=_clamp(math.floor(stories) + 1, 1, 20),
        suggested=True,
    )


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


# --- Warning signs -------------------------------------------------------------------------


@dataclass(frozen=True)
class SignSummary:
    sign: str
    count: int
    median_seconds: int | None


def warning_sign_summary(facts: Iterable[ConversationFact]) -> dict[str, SignSummary]:
    """For every warning sign: how often it came up and the median time into the conversation."""
    counts: Counter[str] = Counter()
    times: dict[str, list[int]] = {sign: [] for sign in WARNING_SIGNS}
    for fact in facts:
        for sign in fact.warning_signs:
            if sign not in WARNING_SIGNS:
                continue
            counts[sign] += 1
            seconds = fact.warning_sign_times.get(sign)
            if isinstance(seconds, int | float) and seconds >= 0:
                times[sign].append(int(seconds))
    return {
        sign: SignSummary(
            sign, counts[sign], int(statistics.median(times[sign])) if times[sign] else None
        )
        for sign in WARNING_SIGNS
    }


def minutes_phrase(seconds: int) -> str:
    minutes = round(seconds / 60)
    if minutes < 1:
        return "in the first minute"
    return f"after about {minutes} minute{'s' if minutes != 1 else ''}"


# --- Insights: one plain sentence per rule, or None when the numbers say nothing -----------


def insight_connection_rate_by_quarter(
    facts: Sequence[ConversationFact], today: dt.date
) -> str | None:
    """This quarter's connection rate, compared with last quarter's when both have enough data."""
    this_start = quarter_start(today)
    last_start = add_months(this_start, -3)

    def _rate(start: dt.date, end: dt.date) -> tuple[float | None, int]:
        chosen = [f for f in facts if f.with_new_person and f.finished and start <= f.day < end]
        return rate(sum(f.gave_story for f in chosen), len(chosen)), len(chosen)

    now_rate, now_count = _rate(this_start, today + dt.timedelta(days=1))
    if now_rate is None or now_count < MIN_CONVERSATIONS_FOR_RATE:
        return None
    sentence = f"Your conversations this quarter ended with a story {percent(now_rate)} of the time"
    before_rate, before_count = _rate(last_start, this_start)
    if before_rate is None or before_count < MIN_CONVERSATIONS_FOR_RATE:
        return sentence + "."
    if percent(now_rate) == percent(before_rate):
        return sentence + ", the same as last quarter."
    direction = "up" if now_rate > before_rate else "down"
    return f"{sentence}, {direction} from {percent(before_rate)}."


def insight_recurring_warning_sign(recent: Sequence[ConversationFact]) -> str | None:
    """The warning sign that came up most in the last finished conversations, if it recurs."""
    recent = [fact for fact in recent if fact.finished][:RECENT_CONVERSATIONS]
    if len(recent) < MIN_SIGN_OCCURRENCES:
        return None
    summary = warning_sign_summary(recent)
    top = max(summary.values(), key=lambda item: item.count)  # ties: first in WARNING_SIGNS order
    if top.count < MIN_SIGN_OCCURRENCES or top.count / len(recent) < MIN_SIGN_SHARE:
        return None
    sentence = (
        f"{SIGN_PHRASES[top.sign]} came up in {top.count} of your last {len(recent)} conversations"
    )
    if top.median_seconds is not None:
        sentence += f", usually {minutes_phrase(top.median_seconds)}"
    return sentence + "."


def insight_this_month(totals: MonthTotals, goals: Goals) -> str | None:
    """What is left to do this month, or that the goals are met."""
    if not goals.tracked:
        return None
    month = f"{totals.month:%B}"
    if goal_met(totals, goals):
        return f"You have met all your goals for {month}."
    todo = []
    if goals.events_per_month and totals.events < goals.events_per_month:
        missing = goals.events_per_month - totals.events
        todo.append(f"{missing} more event{'s' if missing != 1 else ''}")
    if goals.connections_per_month and totals.stories < goals.connections_per_month:
        missing = goals.connections_per_month - totals.stories
        todo.append(f"{missing} more stor{'ies' if missing != 1 else 'y'}")
    per_event = totals.new_people_per_event
    if goals.new_people_per_event and (per_event is None or per_event < goals.new_people_per_event):
        if per_event is None:
            todo.append(f"{goals.new_people_per_event} new people at each event")
        else:
            todo.append(
                f"more new people per event ({per_event:.1f} so far, goal {goals.new_people_per_event})"
            )
    return f"To meet your {month} goals: {_join(todo)}."


def insight_streak(count: int) -> str | None:
    if count < 2:
        return None
    return f"You have met your goals {count} months in a row. Keep it going."


def insight_cut_short(recent: Sequence[ConversationFact]) -> str | None:
    """Many recent conversations cut short: suggest opening with the safe questions."""
    recent = [fact for fact in recent if fact.finished][:RECENT_CONVERSATIONS]
    cut = [fact for fact in recent if fact.outcome == "cut_short"]
    if len(cut) < MIN_SIGN_OCCURRENCES or len(cut) / len(recent) < 1 / 3:
        return None
    return (
        f"{len(cut)} of your last {len(recent)} conversations were cut short. "
        "Opening with the easy questions (work, origin, school) gives them time to warm up."
    )


def insight_missing_reflections(count: int) -> str | None:
    if count == 0:
        return None
    if count == 1:
        return "One recent event has no reflection yet: a few lines help you learn from it."
    return f"{count} recent events have no reflection yet: a few lines help you learn from them."


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
