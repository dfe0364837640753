"""The story of a person: five facets, the questions that fill them, and how answers merge."""

from __future__ import annotations

import unicodedata

FACETS: tuple[str, ...] = ("work", "origin", "education", "passions", "drivers")

# The safe, easy openers come first; the deeper questions that make a connection come last.
SAFE_FACETS: tuple[str, ...] = ("work", "origin", "education")
DEEP_FACETS: tuple[str, ...] = ("passions", "drivers")

FACET_LABELS: dict[str, str] = {
    "work": "Work",
    "origin": "Origin",
    "education": "Education",
    "passions": "Passions",
    "drivers": "Drivers",
}

FACET_QUESTIONS: dict[str, str] = {
    "work": "What do they do for a living?",
    "origin": "Where did they grow up?",
    "education": "Where did they study?",
    "passions": "What are they passionate about?",
    "drivers": "What drives them?",
}

# Phrased to be asked aloud, for the live conversation screen.
FACET_ASK_ALOUD: dict[str, str] = {
    "work": "What do you do?",
    "origin": "Where are you from originally?",
    "education": "Where did you study?",
    "passions": "What do you love doing when you're not working?",
    "drivers": "What gets you out of bed in the morning?",
}

WARNING_SIGNS: dict[str, str] = {
    "wandering_eyes": "Eyes wandering around the room",
    "not_flowing": "Conversation no longer flowing",
    "checking_phone": "Checking their phone",
    "closed_posture": "Closed posture",
    "short_answers": "Short answers",
    "looking_for_exit": "Looking for an exit",
}

OUTCOMES: dict[str, str] = {
    "connected": "Connected (got their story)",
    "cards_only": "Cards only",
    "cut_short": "Cut short",
}


def outcome_label(outcome: str) -> str:
    """How a conversation's outcome reads ("Ongoing" while it has none)."""
    return OUTCOMES.get(outcome, "Ongoing")


def warning_sign_labels(signs: list[str]) -> list[str]:
    """How each warning sign reads (an unknown one as it was stored)."""
    return [WARNING_SIGNS.get(sign, sign) for sign in signs]


MAX_FACET_LENGTH = 2000


def status_of(facets: dict[str, str]) -> str:
    """A person is a connection once their passions or drivers are known, else a card."""
    if (facets.get("passions") or "").strip() or (facets.get("drivers") or "").strip():
        return "connection"
    return "card"


def completeness_of(facets: dict[str, str]) -> float:
    """Share of the five facets that are known, from 0 to 1."""
    known = sum(1 for facet in FACETS if (facets.get(facet) or "").strip())
    return known / len(FACETS)


def initials_of(name: str) -> str:
    """What the avatar shows: the first letters of the first two words ("?" without any)."""
    parts = [part for part in name.split() if part[:1].isalnum()]
    return "".join(part[0] for part in parts[:2]).upper() or "?"


def merge_facet(existing: str, learned: str) -> str:
    """Add what was learned to what was known, never losing either and never repeating."""
    existing = (existing or "").strip()
    learned = (learned or "").strip()
    if not learned:
        return existing
    if not existing:
        return learned
    if _fold(learned) in _fold(existing):
        return existing
    if _fold(existing) in _fold(learned):
        return learned
    return f"{existing}; {learned}"


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def normalize_name(name: str) -> str:
    """Lower-case, accent-free, single-spaced form of a name for forgiving matching."""
    name = name or ""
    if name.isascii():  # nothing to decompose, and casefold() is lower() there
        return " ".join(name.lower().split())
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
