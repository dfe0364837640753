"""Reads for the home dashboard: the user's numbers and what is coming up."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from hallway.conversations.models import Conversation, FollowUp
from hallway.events.selectors import events_upcoming
from hallway.lib.ownership import owned
from hallway.people.models import Person
from hallway.people.selectors import status_count


def home_dashboard(*, user: User) -> dict[str, Any]:
    """People and connection counts, recent conversations, upcoming events, follow-ups due."""
    people = owned(Person, user)
    today = timezone.localdate()
    due = owned(FollowUp, user).filter(done=False, due__lte=today)
    return {
        "people_count": people.count(),
        "connection_count": status_count(user=user, status="connection"),
        "recent_conversations": owned(Conversation, user).select_related("person", "event")[:5],
        "upcoming_events": events_upcoming(user=user),
        # By date (all are open): the order of the open follow-ups' index; with Meta's "done"
        # first SQLite sorted every open follow-up due by today to keep five.
        "due_followups": due.select_related("person").order_by("due", "id")[:5],
        "due_count": due.count(),
    }
