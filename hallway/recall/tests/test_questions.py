"""Each rule of the next-question table, tested with the examples it lists (and a few more)."""

from __future__ import annotations

import datetime as dt

import pytest

from hallway.recall.questions import RULES, Said, next_questions, questions_from_text

TODAY = dt.date(2026, 11, 25)

ALL_EXAMPLES = [(rule.name, text, question) for rule in RULES for text, question in rule.examples]


def test_every_rule_lists_at_least_one_example():
    assert all(rule.examples for rule in RULES)


@pytest.mark.parametrize(
    ("rule_name", "text", "question"), ALL_EXAMPLES, ids=[f"{r}:{t}" for r, t, _ in ALL_EXAMPLES]
)
def test_each_rule_turns_its_examples_into_its_question(rule_name, text, question):
    found = questions_from_text(text)
    assert (rule_name, question) in [(rule.name, asked) for rule, asked in found]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("training for the Boston marathon", "How did the Boston marathon go?"),
        ("Starting a new job at Acme next month.", "How is the new job at Acme going?"),
        ("moving to Berlin", "How is life in Berlin?"),
        ("Daughter starting college in the fall", "How is your daughter finding college?"),
    ],
)
def test_the_examples_from_the_product_brief(text, question):
    assert question in [asked for _, asked in questions_from_text(text)]


@pytest.mark.parametrize(
    "text",
    [
        "moving to the cloud",  # not a city
        "moving to AWS",  # an acronym is not a city either
        "joining the board",  # lowercase: not an organisation
        "Runs IT at Acme",
        "",
    ],
)
def test_ordinary_text_asks_nothing_about_places_or_jobs(text):
    names = {rule.name for rule, _ in questions_from_text(text)}
    assert not names & {"moving", "joining", "new_job", "trip"}


def test_moving_to_the_cloud_is_a_migration_not_a_move_to_a_city():
    questions = [asked for _, asked in questions_from_text("moving everything to the cloud")]
    assert questions == ["How is the move to the cloud going?"]


def test_a_note_from_last_spring_leads_the_questions_and_unknown_facets_follow():
    said = [Said("Training for the Boston marathon", dt.date(2026, 4, 2))]
    questions = next_questions(said=said, unknown_facets=["education", "passions"], today=TODAY)
    assert [q.question for q in questions] == [
        "How did the Boston marathon go?",
        "Where did you study?",
        "What do you love doing when you're not working?",
    ]
    assert questions[0].rule == "race"
    assert questions[0].because == "Training for the Boston marathon"
    assert questions[0].date == dt.date(2026, 4, 2)


def test_old_news_is_not_asked_about():
    said = [Said("Training for the Boston marathon", TODAY - dt.timedelta(days=800))]
    assert next_questions(said=said, unknown_facets=[], today=TODAY) == []


def test_newest_news_comes_first_and_repeats_are_asked_once():
    said = [
        Said("moving to Berlin", dt.date(2026, 3, 1)),
        Said("Starting a new job at Zalando", dt.date(2026, 10, 1)),
        Said("Still moving to Berlin", dt.date(2026, 2, 1)),
    ]
    questions = [q.question for q in next_questions(said=said, unknown_facets=[], today=TODAY)]
    assert questions == ["How is the new job at Zalando going?", "How is life in Berlin?"]


def test_no_more_than_the_limit_come_from_history():
    said = [
        Said(text, TODAY)
        for text in ("moving to Berlin", "writing a book", "getting married", "retiring")
    ]
    questions = next_questions(said=said, unknown_facets=["work"], today=TODAY, limit=2)
    assert len([q for q in questions if q.rule != "facet"]) == 2
    assert questions[-1].question == "What do you do?"


def test_every_rule_has_prefilter_keywords_that_never_hide_a_match():
    from hallway.recall.questions import RULE_KEYWORDS

    assert set(RULE_KEYWORDS) == {rule.name for rule in RULES}
    texts = [text for rule in RULES for text, _ in rule.examples]
    texts += [text.upper() for text in texts] + [text.replace(" ", "\n  ") for text in texts]
    for rule in RULES:
        for text in texts:
            if rule.compiled().search(text):
                folded = " ".join(text.casefold().split())
                assert any(keyword in folded for keyword in RULE_KEYWORDS[rule.name]), (
                    rule.name,
                    text,
                )
