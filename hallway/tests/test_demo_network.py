"""The demo network is believable: each person's story fits their role and company."""

from __future__ import annotations

from collections import Counter

import pytest

from hallway import demo
from hallway.conversations.models import FollowUp
from hallway.people.models import Person


@pytest.fixture
def network(owner):
    demo.load_demo(owner=owner)
    return Person.objects.filter(owner=owner).prefetch_related("tags")


def test_every_work_line_is_about_the_persons_own_company(network):
    with_work = [person for person in network if person.work]
    assert len(with_work) > 20
    for person in with_work:
        assert person.work in demo.WORK[person.company], (person.name, person.company, person.work)


def test_drivers_fit_the_persons_industry(network):
    industry = {company: kind for company, _role, kind in demo.COMPANIES}
    for person in network:
        if person.drivers:
            fitting = demo.DRIVERS[industry[person.company]] + demo.DRIVERS["any"]
            assert person.drivers in fitting, (person.company, person.drivers)


def test_tags_agree_with_the_role(network):
    for person in network:
        names = set(person.tag_names)
        if "security" in names:
            assert person.role == "CISO"
        if "healthcare" in names:
            assert person.company == "Northwind Health"


def test_follow_ups_are_varied_and_follow_from_what_was_talked_about(owner, network):
    followups = list(FollowUp.objects.filter(person__owner=owner).select_related("conversation"))
    texts = Counter(followup.text for followup in followups)
    assert len(followups) >= 8
    assert len(texts) >= 6 and max(texts.values()) <= len(followups) // 2
    passion_followups = dict(demo.PASSIONS)
    for followup in followups:
        learned = followup.conversation.learned
        if "passions" in learned:
            assert followup.text == passion_followups[learned["passions"]]
