"""The sentence rules, one by one, and the extraction of whole memos."""

from __future__ import annotations

import datetime as dt

import pytest

from hallway.voice.extraction import RULES, classify_clause, extract, split_clauses

TODAY = dt.date(2026, 12, 1)  # a Tuesday


def _rule_of(text: str) -> tuple[str, str] | None:
    rule = classify_clause(text)
    return (rule.name, rule.kind) if rule else None


@pytest.mark.parametrize(
    ("sentence", "rule", "kind"),
    [
        ("She grew up in Ohio", "grew up in", "origin"),
        ("He was raised on a farm outside Lyon", "grew up in", "origin"),
        ("Born in Lagos", "born in", "origin"),
        ("He is from Mumbai", "is from", "origin"),
        ("She's originally from Cork", "is from", "origin"),
        ("Her hometown is Gdansk", "is from", "origin"),
        ("She studied at Purdue", "studied at", "education"),
        ("Graduated from Georgia Tech", "studied at", "education"),
        ("Has an MBA from INSEAD", "studied at", "education"),
        ("He went to school in London", "went to school in", "education"),
        ("Went to college in Texas", "went to school in", "education"),
        ("She works at Globex", "works at", "work"),
        ("Works as a data architect", "works at", "work"),
        ("He runs infrastructure for the whole bank", "works at", "work"),
        ("She is the CTO", "works at", "work"),
        ("Program manager on the ERP rollout", "works at", "work"),
        ("From Manchester", "is from", "origin"),
        ("Went to Polytechnique", "went to school in", "education"),
        ("She wants guests to never see a login screen", "wants to", "drivers"),
        ("She loves sailing", "loves", "passions"),
        ("Enjoys cooking Thai food", "loves", "passions"),
        ("Plays the violin in an orchestra", "plays, sails, bakes…", "passions"),
        ("She sails in Brittany every summer", "plays, sails, bakes…", "passions"),
        ("Runs marathons", "plays, sails, bakes…", "passions"),
        ("He is passionate about open source", "is passionate about", "passions"),
        ("In her spare time she restores old motorbikes", "is passionate about", "passions"),
        ("Big fan of the Cleveland Browns", "is passionate about", "passions"),
        ("She wants to fix their supply chain", "wants to", "drivers"),
        ("Her goal is to retire the mainframe", "wants to", "drivers"),
        ("He cares deeply about accessibility", "wants to", "drivers"),
        ("Because her father lost his job to a bad IT project", "because", "drivers"),
        ("Send her the Gartner article on Tuesday", "follow-up", "followup"),
        ("I promised to introduce him to Maria", "follow-up", "followup"),
        ("Remind me to call him next week", "follow-up", "followup"),
        ("I'll email the deck tomorrow", "follow-up", "followup"),
    ],
)
def test_each_rule_catches_its_phrasing(sentence, rule, kind):
    assert _rule_of(sentence) == (rule, kind)


def test_every_rule_is_tested_above():
    tested = {
        "grew up in",
        "born in",
        "is from",
        "studied at",
        "went to school in",
        "works at",
        "loves",
        "is passionate about",
        "wants to",
        "because",
        "follow-up",
        "plays, sails, bakes…",
    }
    assert {rule.name for rule in RULES} == tested


@pytest.mark.parametrize(
    "sentence",
    ["Nice chat by the coffee machine", "She has two kids", "The keynote ran late"],
)
def test_sentences_no_rule_knows_are_left_for_the_model(sentence):
    assert classify_clause(sentence) is None


def test_someone_wanting_to_send_something_is_a_driver_not_my_follow_up():
    assert _rule_of("She wants to send more teams to the cloud") == ("wants to", "drivers")


def test_a_sentence_splits_where_another_facet_starts():
    assert split_clauses("Grew up in Ohio, studied at Purdue") == [
        "Grew up in Ohio",
        "studied at Purdue",
    ]


def test_a_list_inside_one_facet_stays_whole():
    assert split_clauses("She loves sailing, hiking and chess") == [
        "She loves sailing, hiking and chess"
    ]


def test_because_stays_with_the_clause_it_explains():
    assert split_clauses("She wants to leave Oracle because the licences are too expensive") == [
        "She wants to leave Oracle because the licences are too expensive"
    ]


def test_the_issue_memo_becomes_a_story():
    proposal = extract(
        "Dana Whitfield, CIO at Acme Freight. Grew up in Ohio, studied at Purdue. "
        "Wants to fix their supply chain. Send her the Gartner article on Tuesday.",
        today=TODAY,
    )
    assert (proposal.name, proposal.role, proposal.company) == (
        "Dana Whitfield",
        "CIO",
        "Acme Freight",
    )
    assert proposal.facets["work"] == "CIO at Acme Freight"
    assert proposal.facets["origin"] == "Grew up in Ohio"
    assert proposal.facets["education"] == "Studied at Purdue"
    assert proposal.facets["drivers"] == "Wants to fix their supply chain"
    # Said on a Tuesday, "on Tuesday" is next week's.
    assert proposal.followups == [
        {"text": "Send her the Gartner article on Tuesday", "due": "2026-12-08"}
    ]


def test_the_person_is_dropped_from_story_lines():
    proposal = extract(
        "Raj grew up in Pune. He loves cricket.", today=TODAY, person_name="Raj Patel"
    )
    assert proposal.facets["origin"] == "Grew up in Pune"
    assert proposal.facets["passions"] == "Loves cricket"


@pytest.mark.parametrize(
    ("first", "name", "role", "company"),
    [
        ("Just met Raj Patel from Initech.", "Raj Patel", "", "Initech"),
        ("Raj Patel is the CTO of Initech.", "Raj Patel", "CTO", "Initech"),
        ("Maria Lopez works at Globex as head of data.", "Maria Lopez", "head of data", "Globex"),
        ("Dana Whitfield, CIO and Acme Freight.", "Dana Whitfield", "CIO", "Acme Freight"),
    ],
)
def test_the_first_sentence_says_who_it_is(first, name, role, company):
    proposal = extract(first + " She loves chess.", today=TODAY)
    assert (proposal.name, proposal.role, proposal.company) == (name, role, company)


def test_follow_ups_read_as_a_to_do_with_the_due_date():
    proposal = extract("I promised to introduce him to Maria tomorrow.", today=TODAY)
    assert proposal.followups == [{"text": "Introduce him to Maria tomorrow", "due": "2026-12-02"}]


def test_without_a_model_what_no_rule_catches_is_a_note():
    proposal = extract("She has two kids. Loves jazz.", today=TODAY)
    assert proposal.notes == ["She has two kids."]
    assert proposal.facets["passions"] == "Loves jazz"
    assert [placed.kind for placed in proposal.sentences] == ["note", "passions"]


def test_a_classifier_places_what_the_rules_miss_in_memo_order():
    def classify(texts):
        return [("passions", 0.8) if "planes" in text.lower() else ("note", 0.9) for text in texts]

    proposal = extract(
        "Flies small planes. Grew up in Ohio. Has two kids.",
        today=TODAY,
        classifier=classify,
    )
    assert proposal.facets["passions"] == "Flies small planes"
    assert proposal.notes == ["Has two kids."]
    assert [(placed.kind, placed.how) for placed in proposal.sentences] == [
        ("passions", "meaning"),
        ("origin", "grew up in"),
        ("note", "left over"),
    ]


def test_a_classifier_that_is_unsure_leaves_a_note():
    proposal = extract(
        "Flies small planes.", today=TODAY, classifier=lambda texts: [("passions", 0.1)]
    )
    assert proposal.facets["passions"] == ""
    assert proposal.notes == ["Flies small planes."]


def test_nothing_said_proposes_nothing():
    assert extract("  ", today=TODAY).is_empty


@pytest.mark.semantic
def test_the_sentence_model_places_a_passion_no_rule_knows():
    pytest.importorskip("sentence_transformers")
    from hallway.voice import meaning

    proposal = extract(
        "Spends hours building model railways. The keynote ran late.",
        today=TODAY,
        classifier=meaning.classifier(),
    )
    assert proposal.facets["passions"] == "Spends hours building model railways"
    assert proposal.notes == ["The keynote ran late."]
