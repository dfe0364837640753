"""What to ask next time: transparent rules, no cloud service, no model.

Two sources, in this order:

1. **What was said last time.** Each rule below is a regular expression and a question
   template. The rules run over the recent notes, conversation notes and learned text
   (newest first, at most RECENT_DAYS old). "training for the Boston marathon" becomes
   "How did the Boston marathon go?". Every rule lists the examples it is tested with.
2. **The gaps in the story.** Each unknown facet gives its safe question, phrased to be asked
   aloud ("Where are you from originally?").

Verbs are matched case-insensitively (`(?i:…)`); names of places and organisations must
start with a capital letter, so "moving to the cloud" is not mistaken for a city.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from hallway.lib.story import FACET_ASK_ALOUD, FACETS

# Only what was said in this window counts: older news is stale ("How did the marathon go?"
# two years later sounds like you weren't listening).
RECENT_DAYS = 400
MAX_FROM_HISTORY = 5

# A capitalised name of one to four words ("Boston", "New York", "Acme Corp", "Booking.com").
_NAME = r"[A-Z][\w&.'’-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z0-9][\w&.'’-]*){0,3}"
# A place: like a name but its first word is not an acronym ("AWS" is not a city).
_PLACE = r"[A-Z][a-zà-ÿ][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
# A short lowercase-or-any phrase of up to four words, stopping before common tail words.
_STOP = r"(?=\s*[.,;:!?)]|\s+(?i:in|next|this|on|by|soon|at|to|for|and|with|before|after|later|last)\b|\s*$)"
_POSSESSIVE = r"(?:(?i:a|an|the|her|his|their|my|our|its)\s+)?"


@dataclass(frozen=True)
class Rule:
    """One transparent rule: when `pattern` matches, ask `template` (filled with its groups)."""

    name: str
    pattern: str
    template: str
    examples: tuple[tuple[str, str], ...] = field(default=())

    def compiled(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


_cache: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern not in _cache:
        _cache[pattern] = re.compile(pattern)
    return _cache[pattern]


RULES: tuple[Rule, ...] = (
    Rule(
        "race",
        r"(?i:training\s+for|running|racing|signed\s+up\s+for|registered\s+for|preparing\s+for|doing)\s+"
        + _POSSESSIVE
        + r"(?P<race>(?:[\w'’-]+\s+){0,3}?(?i:half[\s-]marathon|marathon|triathlon|ironman|ultra(?:marathon)?|10k|5k|gran\s+fondo|century\s+ride))\b",
        "How did the {race} go?",
        (
            ("Training for the Boston marathon in April", "How did the Boston marathon go?"),
            ("she is running a half marathon", "How did the half marathon go?"),
            ("signed up for his first Ironman", "How did the first Ironman go?"),
        ),
    ),
    Rule(
        "new_job",
        r"(?i:starting|started|starts|beginning|began|joining|joined|taking|took|accepted|landed|got|moving\s+to)\s+"
        + _POSSESSIVE
        + r"(?i:new\s+)?(?i:job|role|position|gig)\s+(?i:at|with)\s+(?P<org>"
        + _NAME
        + r"|[\w&'’-]+)",
        "How is the new job at {org} going?",
        (
            ("Starting a new job at Stripe next month", "How is the new job at Stripe going?"),
            ("just accepted a role with Acme Corp.", "How is the new job at Acme Corp going?"),
        ),
    ),
    Rule(
        "joining",
        r"(?i:joining|joined|will\s+join|moving\s+over\s+to)\s+(?P<org>" + _NAME + r")",
        "How are things at {org}?",
        (
            ("Joining Datadog as VP Engineering", "How are things at Datadog?"),
            ("will join Red Hat in May", "How are things at Red Hat?"),
        ),
    ),
    Rule(
        "promotion",
        r"(?i:promoted|promotion|stepping\s+up\s+as|becoming\s+the\s+new|new\s+CIO|new\s+CTO)",
        "How is the new role going?",
        (
            ("Just got promoted to CTO", "How is the new role going?"),
            ("up for a promotion", "How is the new role going?"),
        ),
    ),
    Rule(
        "moving",
        r"(?i:moving|moved|move|relocating|relocated|relocation)\s+(?i:back\s+)?(?i:to)\s+(?P<place>"
        + _PLACE
        + r")",
        "How is life in {place}?",
        (
            ("Moving to Berlin this summer", "How is life in Berlin?"),
            ("family relocating to New York", "How is life in New York?"),
        ),
    ),
    Rule(
        "child_school",
        r"(?i:(?P<who>daughter|son|child|kid|youngest|oldest|eldest)(?:['’]s)?\s+(?:is\s+|just\s+)?"
        r"(?:starting|started|starts|going\s+to|goes\s+to|off\s+to|heading\s+to|beginning|applying\s+to|applying\s+for|leaving\s+for)\s+"
        r"(?:at\s+)?(?:the\s+)?(?P<school>college|university|uni|school|high\s+school|kindergarten|primary\s+school|middle\s+school|nursery))",
        "How is your {who} finding {school}?",
        (
            ("daughter starting college in the fall", "How is your daughter finding college?"),
            ("Her son is off to university", "How is your son finding university?"),
        ),
    ),
    Rule(
        "children_school",
        r"(?i:(?P<who>kids|children|twins|sons|daughters)\s+(?:are\s+|just\s+)?"
        r"(?:starting|started|start|going\s+to|go\s+to|off\s+to|heading\s+to|beginning)\s+"
        r"(?:at\s+)?(?:the\s+)?(?P<school>college|university|uni|school|high\s+school|kindergarten|primary\s+school|middle\s+school|nursery))",
        "How are your {who} finding {school}?",
        (("the twins start school in September", "How are your twins finding school?"),),
    ),
    Rule(
        "baby",
        r"(?i:expecting\s+(?:a\s+|their\s+|her\s+|his\s+)?(?:baby|first\s+child|second\s+child|child)|baby\s+(?:is\s+)?due|pregnant|having\s+a\s+baby|new\s+baby|paternity\s+leave|maternity\s+leave|parental\s+leave)",
        "How is the new baby?",
        (
            ("They are expecting a baby in June", "How is the new baby?"),
            ("going on paternity leave", "How is the new baby?"),
        ),
    ),
    Rule(
        "wedding",
        r"(?i:getting\s+married|wedding|engaged\s+to|just\s+got\s+engaged)",
        "How was the wedding?",
        (("Getting married in Portugal", "How was the wedding?"),),
    ),
    Rule(
        "launch",
        r"(?i:launching|launched|launch\s+of|shipping|releasing|rolling\s+out|going\s+live\s+with)\s+"
        + _POSSESSIVE
        + r"(?P<thing>[\w.'’-]+(?:\s+[\w.'’-]+){0,3}?)"
        + _STOP,
        "How did the {thing} launch go?",
        (
            ("launching their new mobile app in March", "How did the new mobile app launch go?"),
            ("Rolling out Copilot to 5,000 staff", "How did the Copilot launch go?"),
        ),
    ),
    Rule(
        "fundraising",
        r"(?i:raising\s+(?:a\s+|an\s+|their\s+|the\s+|our\s+)?(?:pre-seed|seed|series\s+[a-e]|round|funding|money|capital)|fundrais\w*|closing\s+(?:a|their|the)\s+round)",
        "How did the fundraising go?",
        (("Raising a Series A this quarter", "How did the fundraising go?"),),
    ),
    Rule(
        "talk",
        r"(?i:speaking|giving\s+a\s+talk|talk|keynote|keynoting|presenting|on\s+a\s+panel)\s+(?i:at)\s+(?P<event>"
        + _NAME
        + r")",
        "How did your talk at {event} go?",
        (("Speaking at KubeCon in Paris", "How did your talk at KubeCon go?"),),
    ),
    Rule(
        "trip",
        r"(?i:trip|holiday|holidays|vacation|travelling|traveling|sabbatical|backpacking|sailing|hiking|visiting|heading|going\s+back)\s+(?i:to|in|through|around|across)\s+(?P<place>"
        + _PLACE
        + r")",
        "How was the trip to {place}?",
        (
            ("Vacation to Japan in October", "How was the trip to Japan?"),
            ("going back to Lisbon to see family", "How was the trip to Lisbon?"),
        ),
    ),
    Rule(
        "migration",
        r"(?:(?i:migrating|migration)\s+(?:[\w.-]+\s+){0,4}?|(?i:moving)\s+(?:[\w.-]+\s+){1,4}?)(?i:to)\s+(?P<target>(?i:the\s+)?(?i:cloud)|(?:(?i:the)\s+)?[A-Z][\w./-]*(?:\s+[A-Z0-9][\w./-]*)?)",
        "How is the move to {target} going?",
        (
            ("migrating the ERP to SAP S/4HANA", "How is the move to SAP S/4HANA going?"),
            ("moving the data center to AWS", "How is the move to AWS going?"),
        ),
    ),
    Rule(
        "hiring",
        r"(?i:hiring|recruiting|looking\s+to\s+hire|trying\s+to\s+hire|searching\s+for)\s+(?:(?i:a|an|new|another|two|three|several|some)\s+)*(?P<role>[\w/'’-]+(?:\s+[\w/'’-]+){0,3}?)"
        + _STOP,
        "Did you find the {role} you were hiring for?",
        (("Hiring a head of security", "Did you find the head of security you were hiring for?"),),
    ),
    Rule(
        "studies",
        r"(?i:doing|studying\s+for|starting|started|pursuing|enrolled\s+in|working\s+on|finishing)\s+"
        + _POSSESSIVE
        + r"(?P<degree>(?i:executive\s+MBA|EMBA|MBA|PhD|doctorate|master['’]?s(?:\s+degree)?|degree|certification|bootcamp))\b",
        "How is the {degree} going?",
        (("Doing an executive MBA at INSEAD", "How is the executive MBA going?"),),
    ),
    Rule(
        "book",
        r"(?i:writing\s+(?:a|her|his|their|the|my)\s+(?:new\s+|first\s+|second\s+)?book)",
        "How is the book coming along?",
        (("She is writing a book on IT leadership", "How is the book coming along?"),),
    ),
    Rule(
        "recovery",
        r"(?i:recovering\s+from|surgery|operation\s+on|injured|injury|broke\s+(?:her|his|their|a)\s+\w+)",
        "How is the recovery going?",
        (("Recovering from knee surgery", "How is the recovery going?"),),
    ),
    Rule(
        "home",
        r"(?i:renovating|renovation|building\s+a\s+(?:house|home)|buying\s+a\s+(?:house|home|flat|apartment)|bought\s+a\s+(?:house|home|flat|apartment)|new\s+house)",
        "How is the new home coming along?",
        (("Renovating an old farmhouse", "How is the new home coming along?"),),
    ),
    Rule(
        "retirement",
        r"(?i:retiring|retirement|retires)",
        "How are the retirement plans going?",
        (("Retiring at the end of next year", "How are the retirement plans going?"),),
    ),
)


# A cheap first pass: a rule's pattern can only match text containing one of its keywords
# (lower case, single-spaced), so the regular expression runs only then. A test checks each
# rule's examples still match through this filter.
RULE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "race": ("marathon", "triathlon", "ironman", "ultra", "10k", "5k", "gran fondo", "century ride"),
    "new_job": ("job", "role", "position", "gig"),
    "joining": ("join", "moving over"),
    "promotion": ("promot", "stepping up", "becoming the new", "new cio", "new cto"),
    "moving": ("mov", "reloc"),
    "child_school": ("college", "uni", "school", "kindergarten", "nursery"),
    "children_school": ("college", "uni", "school", "kindergarten", "nursery"),
    "baby": ("baby", "child", "pregnant", "leave"),
    "wedding": ("married", "wedding", "engaged"),
    "launch": ("launch", "shipping", "releasing", "rolling out", "going live"),
    "fundraising": ("raising", "fundrais", "round"),
    "talk": ("speaking", "talk", "keynot", "presenting", "panel"),
    "trip": ("trip", "holiday", "vacation", "travel", "sabbatical", "backpacking", "sailing", "hiking", "visiting", "heading", "going back"),
    "migration": ("migrat", "moving"),
    "hiring": ("hiring", "recruiting", "to hire", "searching for"),
    "studies": ("mba", "phd", "doctorate", "master", "degree", "certification", "bootcamp"),
    "book": ("book",),
    "recovery": ("recovering", "surgery", "operation on", "injur", "broke"),
    "home": ("renovat", "house", "home", "flat", "apartment"),
    "retirement": ("retir",),
}  # fmt: skip


@dataclass(frozen=True)
class Said:
    """A piece of text from the person's history, and the day it was said or written."""

    text: str
    date: dt.date
    source: str = "note"  # "note", "conversation" or "learned"


@dataclass(frozen=True)
class NextQuestion:
    """A question and why it is suggested (the rule and the text it came from)."""

    question: str
    rule: str
    because: str
    date: dt.date | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "question": self.question,
            "rule": self.rule,
            "because": self.because,
            "date": self.date,
        }


def _clean_group(value: str) -> str:
    value = " ".join(value.split())
    return value.strip(" .,;:!?'’\"()")


def questions_from_text(text: str) -> list[tuple[Rule, str]]:
    """Every (rule, question) that the text triggers, in rule order."""
    found: list[tuple[Rule, str]] = []
    folded = " ".join((text or "").casefold().split())
    for rule in RULES:
        if not any(keyword in folded for keyword in RULE_KEYWORDS[rule.name]):
            continue
        match = rule.compiled().search(text or "")
        if match is None:
            continue
        groups = {name: _clean_group(value or "") for name, value in match.groupdict().items()}
        if any(not value for value in groups.values()):
            continue
        groups = {
            name: value if name in _NAME_GROUPS else _lower_common(value)
            for name, value in groups.items()
        }
        found.append((rule, rule.template.format(**groups)))
    return found


_NAME_GROUPS = {"org", "place", "event", "target"}


def _lower_common(value: str) -> str:
    """A sentence-initial capital on a common word is lowered ('Daughter' → 'daughter');
    names keep theirs ('Boston marathon', 'Stripe')."""
    first = value.split()[0]
    if first[:1].isupper() and first[1:].islower() and first.lower() in _COMMON_WORDS:
        return value[0].lower() + value[1:]
    return value


_COMMON_WORDS = {
    "daughter", "son", "child", "kid", "kids", "children", "twins", "college", "university",
    "school", "new", "first", "second", "half", "marathon", "degree", "executive", "head",
    "youngest", "oldest", "eldest", "sons", "daughters",
}  # fmt: skip


def _snippet(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def next_questions(
    *,
    said: Iterable[Said],
    unknown_facets: Sequence[str],
    today: dt.date,
    recent_days: int = RECENT_DAYS,
    limit: int = MAX_FROM_HISTORY,
) -> list[NextQuestion]:
    """Questions from what was said recently (newest first), then from the unknown facets."""
    cutoff = today - dt.timedelta(days=recent_days)
    result: list[NextQuestion] = []
    seen: set[str] = set()
    recent = sorted(
        (item for item in said if item.date >= cutoff and item.text.strip()),
        key=lambda item: item.date,
        reverse=True,
    )
    for item in recent:
        for rule, question in questions_from_text(item.text):
            key = question.casefold()
            if key in seen or len([q for q in result if q.rule != "facet"]) >= limit:
                continue
            seen.add(key)
            result.append(
                NextQuestion(
                    question=question, rule=rule.name, because=_snippet(item.text), date=item.date
                )
            )
    for facet in FACETS:
        if facet in unknown_facets:
            question = FACET_ASK_ALOUD[facet]
            if question.casefold() not in seen:
                seen.add(question.casefold())
                result.append(
                    NextQuestion(
                        question=question, rule="facet", because=f"Their story has no {facet} yet."
                    )
                )
    return result
