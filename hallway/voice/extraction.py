"""Turn what someone said (a transcript, or typed notes) into a proposal for a person's story.

Sentence rules catch the common phrasings ("grew up in", "studied at", "loves", "wants to",
"send … on …"); where the `semantic` extra is installed, the sentence model places the
sentences the rules miss into the nearest facet (or keeps them as a note). Nothing here
touches the database: the result is a proposal the user edits and accepts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from hallway.eventmode.due_dates import parse_due
from hallway.lib.story import FACETS, merge_facet

# A facet, "followup", "note" or "person" (the line that says who this is about).
Kind = str
# Places one sentence: (facet or "note", similarity). Injected so the rules need no model.
Classifier = Callable[[list[str]], list[tuple[str, float]]]

# Names and companies start with a capital even inside patterns that ignore case elsewhere.
_NAME_WORD = r"(?-i:[A-Z][a-zA-Z'’\-]+)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:van|von|de|da|del|di|le|la|{_NAME_WORD})){{0,3}}"
# A job title: an acronym (CIO, CTO…), "head/VP/director of …", or up to three words before a
# job noun ("site reliability engineer", "IT program manager", "developer advocate").
_ROLE_WORDS = (
    r"chief\s+\w+(?:\s+\w+)?\s+officer|c[a-z]?[ioetfs]o|ciso|cdo|cpo"
    r"|(?:vp|vice\s+president|head|director|founder|co-?founder)\s+of\s+[\w ]+?"
    r"|(?:[\w-]+\s+){0,3}?(?:engineer|architect|manager|developer|designer|analyst|scientist"
    r"|consultant|lead|director|advocate|officer|specialist|researcher|administrator|strategist"
    r"|vp|founder|co-?founder|partner|president|professor|owner|recruiter|investor)"
)
_ROLE = rf"(?:the\s+|a\s+|an\s+)?(?P<role>(?:{_ROLE_WORDS})(?:\s+and\s+(?:{_ROLE_WORDS}))?)"
_COMPANY = r"(?P<company>(?-i:[A-Z0-9])[\w&'’.\-]*(?:\s+(?:&\s+)?(?-i:[A-Z0-9])[\w&'’.\-]*){0,4})"

# Who the memo is about: "Dana Whitfield, CIO at Acme Freight", "Just met Dana Whitfield from
# Acme", "Dana Whitfield is the CTO of Initech".
_INTRO_PATTERNS = [
    re.compile(
        rf"^(?:(?:i\s+)?(?:just\s+)?(?:met|talked\s+to|spoke\s+(?:with|to)|chatted\s+with)\s+)?"
        # "and": speech models often hear "CIO at Acme" as "CIO and Acme".
        rf"(?P<name>{_NAME}),\s+{_ROLE}\s+(?:at|of|for|with|and)\s+{_COMPANY}\.?$",
        re.IGNORECASE,
    ),
    # "Diego Martinez, CIO of a retail group": the title, and where, as the work facet.
    re.compile(
        rf"^(?P<name>{_NAME}),\s+{_ROLE}\s+(?P<where>(?:at|of|for|with|in)\s+[^,]+?)\.?$",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^(?:(?:i\s+)?(?:just\s+)?(?:met|talked\s+to|spoke\s+(?:with|to)|chatted\s+with)\s+)?"
        rf"(?P<name>{_NAME})(?:,\s*|\s+who)?\s*(?:is\s+|'s\s+|’s\s+)?{_ROLE}\s+(?:at|of|for|with)\s+"
        rf"{_COMPANY}\.?$",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^(?:i\s+)?(?:just\s+)?(?:met|talked\s+to|spoke\s+(?:with|to)|chatted\s+with)\s+"
        rf"(?P<name>{_NAME})(?:\s+(?:from|at|of)\s+{_COMPANY}|\s+(?:at|during|after)\s+[^,]+)?\.?$",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^(?P<name>{_NAME})\s+works\s+(?:at|for)\s+{_COMPANY}(?:\s+as\s+{_ROLE})?\.?$",
        re.IGNORECASE,
    ),
    re.compile(rf"^(?P<name>{_NAME}),\s+{_COMPANY}\.?$"),
    re.compile(rf"^(?P<name>{_NAME})\s+from\s+{_COMPANY}\.?$"),
]
_WORK_AT = re.compile(rf"\bworks?\s+(?:at|for)\s+{_COMPANY}(?:\s+as\s+{_ROLE})?", re.IGNORECASE)
_IS_ROLE = re.compile(rf"\b(?:is|'s|’s)\s+{_ROLE}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    name: str
    kind: Kind
    pattern: re.Pattern[str]


def _rule(name: str, kind: Kind, pattern: str) -> Rule:
    return Rule(name, kind, re.compile(pattern, re.IGNORECASE))


_ME = r"(?:(?:i|we)\s+(?:need\s+to|have\s+to|should|must|will|want\s+to|promised\s+to|said\s+i'?d|"
_ME += r"owe\s+(?:her|him|them)\b.*?\bto|am\s+going\s+to|'m\s+going\s+to)\s+|(?:i|we)'ll\s+|"
_ME += r"(?:don'?t\s+)?(?:forget|remember|remind\s+me)\s+to\s+|promised\s+(?:to\s+)?|todo:?\s+|"
_ME += r"to\s+do:?\s+|note\s+to\s+self:?\s+)?"
_ME_PREFIX = re.compile(rf"^{_ME}(?=\w)", re.IGNORECASE)
_ACTIONS = (
    r"send|e-?mail|mail|call|phone|ring|text|message|introduce|intro|follow\s+up|ping|share|"
    r"forward|book|schedule|set\s+up|invite|connect\s+(?:her|him|them)|write|get\s+back|"
    r"reach\s+out|ask\s+(?:her|him|them)|check\s+in|look\s+up|dm|reply"
)

# Order matters: the first rule that matches a clause decides where it goes.
RULES: tuple[Rule, ...] = (
    _rule("follow-up", "followup", rf"^{_ME}(?:{_ACTIONS})\b"),
    _rule(
        "grew up in", "origin", r"\b(?:grew\s+up|was\s+raised|raised)\s+(?:in|on|near|outside)\b"
    ),
    _rule("born in", "origin", r"\bborn\s+(?:and\s+raised\s+)?(?:in|on|near)\b"),
    _rule(
        "is from",
        "origin",
        r"^from\s+(?-i:[A-Z])|\b(?:is|are|was|'s|’s|comes?|came|hails?)\s+(?:originally\s+)?from\b"
        r"|\boriginally\s+from\b|\bhome\s*town\b|\bmoved\s+(?:here\s+)?from\b|\bnative\s+of\b",
    ),
    _rule(
        "studied at",
        "education",
        r"\b(?:studied|studies|study|majored|graduated|graduate\s+of|alumn(?:a|us|i)\s+of)\b"
        r"|\b(?:did|has|got|earned|holds?)\s+(?:an?\s+|her\s+|his\s+|their\s+)?"
        r"(?:mba|phd|ph\.d\.?|master'?s|bachelor'?s|degree|doctorate)\b",
    ),
    _rule(
        "went to school in",
        "education",
        r"\bwent\s+to\s+(?:school|college|university|uni|(?-i:[A-Z]\w+))\b",
    ),
    _rule(
        "wants to",
        "drivers",
        r"\b(?:wants?|wanted|hopes?|dreams?|aims?|plans?|is\s+trying|'s\s+trying)\s+(?:to|of)\b"
        r"|\bwants?\s+(?:\w+\s+){1,3}to\b"
        r"|\b(?:goal|mission|ambition|dream|purpose)\s+is\b|\bdriven\s+by\b|\bmotivated\s+by\b"
        r"|\bcares?\s+(?:deeply\s+|a\s+lot\s+)?about\b|\bwhat\s+drives\b|\bdetermined\s+to\b",
    ),
    _rule("because", "drivers", r"\bbecause\b"),
    _rule(
        "plays, sails, bakes…",
        "passions",
        r"^(?:(?:she|he|they)\s+)?(?:also\s+)?(?:plays|sings|dances|paints|bakes|cooks|collects|knits"
        r"|surfs|skis|climbs|hikes|sails|swims|rides|restores|builds|brews|gardens|fishes|keeps\s+bees"
        r"|trains\s+for|runs\s+(?:marathons|ultras|half|a\s+podcast|a\s+blog)|volunteers|writes\s+"
        r"(?:poetry|poems|novels|fiction|songs)|practi[sc]es|spends\s+(?:her|his|their\s+)?weekends)\b"
        r"|\bevery\s+(?:summer|winter|weekend|sunday|saturday)\b|\bon\s+(?:weekends|sundays|saturdays)\b",
    ),
    _rule(
        "is passionate about",
        "passions",
        r"\bpassionate\s+about\b|\bpassion\s+(?:is|for)\b|\bhobb(?:y|ies)\b|\bin\s+(?:her|his|"
        r"their)\s+(?:spare|free)\s+time\b|\bfan\s+of\b|\b(?:is|are|'s|’s)\s+(?:really\s+|big\s+|"
        r"very\s+)?into\b|\bobsessed\s+with\b|\bon\s+weekends\b",
    ),
    _rule("loves", "passions", r"\b(?:loves?|enjoys?|adores?)\b"),
    _rule(
        "works at",
        "work",
        r"\bworks?\s+(?:at|as|for|in|on)\b|\bworking\s+(?:at|as|for|in|on)\b|\bjob\b"
        r"|\b(?:runs|leads|heads|manages|oversees|built|founded)\b|\bin\s+charge\s+of\b"
        r"|\bresponsible\s+for\b|\bteam\s+of\b|\breports\s+to\b"
        rf"|^(?:the\s+|a\s+|an\s+)?(?:{_ROLE_WORDS})\b"
        rf"|\b(?:is|'s|’s)\s+(?:the\s+|a\s+|an\s+)?(?:new\s+)?(?:{_ROLE_WORDS})\b",
    ),
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|;\s*")
_CLAUSE_BREAK = re.compile(r"(,\s+and\s+|,\s+but\s+|,\s+|\s+and\s+|\s+but\s+|\s+then\s+)")
_SUBJECT = re.compile(
    r"^(?:and\s+|also\s+|plus\s+|oh\s+and\s+)?(?:she|he|they|her|his|their)(?:'s|’s)?\s+",
    re.IGNORECASE,
)
_FILLER = re.compile(r"^(?:and|also|plus|so|oh|um|uh|okay|ok|right|anyway)[,\s]+", re.IGNORECASE)
# Sentences this short say nothing by themselves ("Okay.", "Yes.").
_MIN_WORDS = 2
# The sentence model must be at least this sure before a sentence lands in a facet.
SEMANTIC_MIN_SIMILARITY = 0.30


@dataclass
class Placed:
    """One sentence (or clause) of the memo and where it went."""

    text: str
    kind: Kind
    how: str  # the rule's name, "meaning" (sentence model) or "left over"
    due: str | None = None


@dataclass
class Proposal:
    """What the memo says, ready to be shown next to the current story and edited."""

    name: str = ""
    company: str = ""
    role: str = ""
    facets: dict[str, str] = field(default_factory=lambda: dict.fromkeys(FACETS, ""))
    followups: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sentences: list[Placed] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def is_empty(self) -> bool:
        return not (
            self.name or any(self.facets.values()) or self.followups or self.notes or self.role
        )


def split_sentences(text: str) -> list[str]:
    """The memo's sentences, stripped, without empty ones."""
    parts = _SENTENCE_END.split(" ".join((text or "").replace("\r", "\n").split(" ")))
    return [part.strip(" \t,") for part in parts if part and part.strip(" \t,.")]


def classify_clause(clause: str) -> Rule | None:
    """The first rule that matches the clause, or None."""
    for rule in RULES:
        if rule.pattern.search(clause):
            return rule
    return None


def split_clauses(sentence: str) -> list[str]:
    """Split a sentence where a new clause starts another rule ("Grew up in Ohio, studied at
    Purdue"); lists that belong together ("loves sailing, hiking and chess") stay whole."""
    pieces = _CLAUSE_BREAK.split(sentence)
    clauses: list[str] = [pieces[0]]
    for index in range(1, len(pieces) - 1, 2):
        separator, piece = pieces[index], pieces[index + 1]
        rule = classify_clause(piece)
        previous = classify_clause(clauses[-1])
        starts_new = rule is not None and (previous is None or rule.kind != previous.kind)
        # "because …" explains the clause before it: keep them together.
        if starts_new and rule is not None and rule.name == "because":
            starts_new = False
        if starts_new:
            clauses.append(piece)
        else:
            clauses[-1] = clauses[-1] + separator + piece
    return [clause.strip(" ,") for clause in clauses if clause.strip(" ,.")]


def _tidy(text: str, *, names: list[str]) -> str:
    """The clause as a story line: no leading "she"/the person's name, capitalized, no final dot."""
    text = text.strip().rstrip(".").strip()
    text = _FILLER.sub("", text)
    for name in names:
        if name and text.casefold().startswith(name.casefold() + " "):
            text = text[len(name) :].lstrip()
            break
    text = _SUBJECT.sub("", text)
    # "'s from Ohio" after removing "She": drop the dangling contraction.
    text = re.sub(r"^(?:'s|’s|is|was|are)\s+", "", text, flags=re.IGNORECASE)
    return text[:1].upper() + text[1:]


_NOT_NAMES = {
    "she",
    "he",
    "they",
    "i",
    "we",
    "it",
    "this",
    "that",
    "originally",
    "also",
    "and",
    "just",
    "her",
    "his",
    "their",
    "born",
    "from",
    "met",
    "plays",
    "loves",
    "wants",
}


def _intro(sentence: str) -> dict[str, str] | None:
    for pattern in _INTRO_PATTERNS:
        match = pattern.match(sentence.strip())
        if match:
            found = match.groupdict()
            name = found.get("name") or ""
            # "She is the CIO at Acme" is about the person, but names nobody.
            if name.split()[0].casefold().rstrip("'’s") in _NOT_NAMES:
                return None
            return {
                "name": name,
                "role": (found.get("role") or "").strip(),
                "company": (found.get("company") or "").strip().rstrip("."),
                "where": (found.get("where") or "").strip().rstrip("."),
            }
    return None


def _role_text(role: str) -> str:
    """Upper-case acronyms (cio → CIO), keep the rest as said."""
    words = role.split()
    return " ".join(
        word.upper() if re.fullmatch(r"c[a-z]?[a-z]o|ciso|vp|it", word, re.IGNORECASE) else word
        for word in words
    )


def extract(
    text: str,
    *,
    today: dt.date,
    person_name: str = "",
    classifier: Classifier | None = None,
) -> Proposal:
    """The proposal for this memo. `person_name` is who it is about when that is known already
    (their name is dropped from story lines); `classifier` places what no rule catches."""
    proposal = Proposal()
    names = [person_name, *(person_name.split()[:1])] if person_name else []
    unplaced: list[tuple[int, str]] = []
    for index, sentence in enumerate(split_sentences(text)):
        intro = _intro(sentence) if index < 2 and not proposal.name else None
        if intro and (intro["name"] or intro["role"]):
            if intro["name"] and not proposal.name:
                proposal.name = intro["name"]
                names = [intro["name"], intro["name"].split()[0], *names]
            proposal.company = proposal.company or intro["company"]
            proposal.role = proposal.role or _role_text(intro["role"])
            work = " at ".join(
                part for part in (_role_text(intro["role"]), intro["company"]) if part
            )
            if intro["where"]:
                work = f"{_role_text(intro['role'])} {intro['where']}"
            if intro["role"] and work:
                work = work[:1].upper() + work[1:]
                proposal.facets["work"] = merge_facet(proposal.facets["work"], work)
            proposal.sentences.append(Placed(sentence, "person", "introduction"))
            continue
        for clause in split_clauses(sentence):
            if len(clause.split()) < _MIN_WORDS:
                continue
            rule = classify_clause(clause)
            if rule is None:
                unplaced.append((len(proposal.sentences), clause))
                proposal.sentences.append(Placed(clause, "note", "left over"))
                continue
            _place(proposal, clause, rule.kind, rule.name, names=names, today=today)
    _place_by_meaning(proposal, unplaced, classifier, names=names, today=today)
    return proposal


def _place(
    proposal: Proposal, clause: str, kind: Kind, how: str, *, names: list[str], today: dt.date
) -> Placed:
    if kind == "followup":
        due = parse_due(clause, today=today)
        line = _FILLER.sub("", clause.strip().rstrip("."))
        # "I promised to send her …" reads as "Send her …" on a to-do list.
        line = _ME_PREFIX.sub("", line) or line
        placed = Placed(line[:1].upper() + line[1:], kind, how, due.isoformat() if due else None)
        proposal.followups.append({"text": placed.text, "due": placed.due})
    elif kind in FACETS:
        placed = Placed(_tidy(clause, names=names), kind, how)
        proposal.facets[kind] = merge_facet(proposal.facets[kind], placed.text)
        if kind == "work":
            match = _WORK_AT.search(clause)
            if match and not proposal.company:
                proposal.company = match.group("company") or ""
                proposal.role = proposal.role or _role_text(match.group("role") or "")
            match = _IS_ROLE.search(clause)
            if match and not proposal.role:
                proposal.role = _role_text(match.group("role"))
    else:
        placed = Placed(clause.strip(), "note", how)
        proposal.notes.append(placed.text.rstrip(".") + ".")
    proposal.sentences.append(placed)
    return placed


def _place_by_meaning(
    proposal: Proposal,
    unplaced: list[tuple[int, str]],
    classifier: Classifier | None,
    *,
    names: list[str],
    today: dt.date,
) -> None:
    """Sentences no rule caught: the nearest facet by meaning, else a dated note."""
    if not unplaced:
        return
    placements = classifier([clause for _, clause in unplaced]) if classifier else []
    placements += [("note", 0.0)] * (len(unplaced) - len(placements))
    for (position, clause), (kind, similarity) in zip(unplaced, placements, strict=True):
        if kind in FACETS and similarity >= SEMANTIC_MIN_SIMILARITY:
            placed = _place(proposal, clause, kind, "meaning", names=names, today=today)
        else:
            placed = _place(proposal, clause, "note", "left over", names=names, today=today)
        # Keep the sentences in the memo's order.
        proposal.sentences.pop()
        proposal.sentences[position] = placed
