"""Writes of live event mode. They call the core services; a capture key makes a retry harmless."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hallway.conversations.models import Conversation, FollowUp
from hallway.conversations.services import (
    conversation_end,
    conversation_log,
    conversation_update,
    followup_add,
)
from hallway.eventmode.due_dates import parse_due
from hallway.eventmode.models import (
    DEFAULT_EXIT_LINES,
    DEFAULT_LONG_CONVERSATION_MINUTES,
    LiveSettings,
    ProcessedCapture,
)
from hallway.events.models import Event
from hallway.events.services import event_create
from hallway.lib.story import FACETS, WARNING_SIGNS
from hallway.people.models import Person
from hallway.people.services import person_create

T = TypeVar("T")

MAX_EXIT_LINES = 20
MAX_EXIT_LINE_LENGTH = 300
MAX_LONG_CONVERSATION_MINUTES = 240
_KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


# A queued capture older than this is not expected to be retried any more.
KEEP_PROCESSED_KEYS = dt.timedelta(days=30)


def live_settings_get(*, user: User) -> LiveSettings:
    """The user's live settings, created with the defaults on first use."""
    try:
        with transaction.atomic():
            live_settings, _ = LiveSettings.objects.get_or_create(owner=user)
    except IntegrityError:
        # Two first requests at once: the other one created them.
        live_settings = LiveSettings.objects.get(owner=user)
    return live_settings


@transaction.atomic
def live_settings_update(
    *, live_settings: LiveSettings, long_conversation_minutes: Any, exit_lines: list[str] | str
) -> LiveSettings:
    """Change the long-conversation threshold and the exit lines (text: one line each)."""
    try:
        minutes = int(long_conversation_minutes)
    except (TypeError, ValueError) as error:
        raise ValidationError(
            {"long_conversation_minutes": "Enter a whole number of minutes."}
        ) from error
    if not 1 <= minutes <= MAX_LONG_CONVERSATION_MINUTES:
        raise ValidationError(
            {
                "long_conversation_minutes": f"Choose between 1 and {MAX_LONG_CONVERSATION_MINUTES} minutes."
            }
        )
    if isinstance(exit_lines, str):
        exit_lines = exit_lines.splitlines()
    lines = [" ".join(line.split()) for line in exit_lines]
    lines = [line for line in lines if line]
    if not lines:
        raise ValidationError(
            {"exit_lines": "Keep at least one exit line (or restore the built-in ones)."}
        )
    if len(lines) > MAX_EXIT_LINES:
        raise ValidationError({"exit_lines": f"Keep at most {MAX_EXIT_LINES} exit lines."})
    if any(len(line) > MAX_EXIT_LINE_LENGTH for line in lines):
        raise ValidationError(
            {"exit_lines": f"An exit line is at most {MAX_EXIT_LINE_LENGTH} characters."}
        )
    live_settings.long_conversation_minutes = minutes
    live_settings.exit_lines = lines
    live_settings.save()
    return live_settings


def live_settings_reset(*, live_settings: LiveSettings) -> LiveSettings:
    """Back to the built-in exit lines and threshold."""
    live_settings.long_conversation_minutes = DEFAULT_LONG_CONVERSATION_MINUTES
    live_settings.exit_lines = list(DEFAULT_EXIT_LINES)
    live_settings.save()
    return live_settings


def event_check_in(*, user: User, event: Event) -> LiveSettings:
    """Remember the event the user is at, so /live/ opens it."""
    if event.owner_id != user.pk:
        raise ValidationError({"event": "Unknown event."})
    live_settings = live_settings_get(user=user)
    live_settings.current_event = event
    live_settings.save(update_fields=["current_event", "updated_at"])
    return live_settings


@transaction.atomic
def event_create_and_check_in(*, user: User, name: str, goal_new_connections: Any = None) -> Event:
    """An event created on the spot with just a name; it starts now."""
    goal = None
    if goal_new_connections not in (None, ""):
        try:
            goal = int(goal_new_connections)
        except (TypeError, ValueError) as error:
            raise ValidationError(
                {"goal_new_connections": "The goal is a number of people."}
            ) from error
        if not 0 < goal <= 1000:
            raise ValidationError(
                {"goal_new_connections": "Choose a goal between 1 and 1000 people."}
            )
    event = event_create(owner=user, name=name, starts_at=timezone.now(), goal_new_connections=goal)
    event_check_in(user=user, event=event)
    return event


def _refuse_nul(**texts: str | None) -> None:
    """No database stores NUL characters (PostgreSQL refuses them): say so instead of failing."""
    for field, text in texts.items():
        if text and "\x00" in text:
            raise ValidationError({field: "Text must not contain NUL characters."})


def _clean_key(key: str | None) -> str:
    key = (key or "").strip()
    if key and not _KEY_PATTERN.match(key):
        raise ValidationError(
            {"idempotency_key": "The idempotency key is 8 to 64 letters, digits, '-' or '_'."}
        )
    return key


def _once(
    *,
    owner: User,
    key: str | None,
    action: str,
    conversation: Conversation | None,
    apply: Callable[[], T],
) -> tuple[T | None, bool]:
    """Apply a change once per key: (result, True) the first time, (None, False) on a retry."""
    key = _clean_key(key)
    if not key:
        return apply(), True
    try:
        with transaction.atomic():
            ProcessedCapture.objects.create(
                owner=owner, key=key, conversation=conversation, action=action
            )
            return apply(), True
    except IntegrityError:
        # The key is already recorded: this request is a retry of one that reached us.
        if ProcessedCapture.objects.filter(owner=owner, key=key).exists():
            return None, False
        raise


@transaction.atomic
def live_conversation_start(
    *,
    user: User,
    event: Event | None,
    person: Person | None = None,
    new_person_name: str = "",
    idempotency_key: str | None = None,
) -> Conversation:
    """Start talking to a known person or to someone new (just a name); the timer starts now.

    A second start with the same person at the same event while that conversation is still
    open returns the open one, so a double tap does not make two conversations.
    """
    if event is not None and event.owner_id != user.pk:
        raise ValidationError({"event": "Unknown event."})
    _refuse_nul(name=new_person_name)
    key = _clean_key(idempotency_key)
    if key:
        done = (
            ProcessedCapture.objects.filter(owner=user, key=key)
            .select_related("conversation")
            .first()
        )
        if done is not None and done.conversation is not None:
            return done.conversation
    if person is None:
        name = " ".join((new_person_name or "").split())
        if not name:
            raise ValidationError({"name": "Pick someone or type the new person's name."})
        person = person_create(owner=user, name=name, met_at=event.name if event else "")
    elif person.owner_id != user.pk:
        raise ValidationError({"person": "Unknown person."})
    else:
        open_conversation = Conversation.objects.filter(
            owner=user, person=person, event=event, ended_at__isnull=True, outcome=""
        ).first()
        if open_conversation is not None:
            return open_conversation
    conversation = conversation_log(
        owner=user, person=person, event=event, started_at=timezone.now()
    )
    ProcessedCapture.objects.filter(
        owner=user, created_at__lt=timezone.now() - KEEP_PROCESSED_KEYS
    ).delete()
    if key:
        ProcessedCapture.objects.get_or_create(
            owner=user, key=key, defaults={"conversation": conversation, "action": "start"}
        )
    return conversation


def live_capture(
    *, conversation: Conversation, facet: str, text: str, idempotency_key: str | None = None
) -> bool:
    """Add what was learned about one facet to the conversation and the story.

    Returns False when the key was already applied (a retry), True when applied now.
    """
    if facet not in FACETS:
        raise ValidationError({"facet": f"Unknown facet “{facet}”. Use {', '.join(FACETS)}."})
    if not " ".join((text or "").split()):
        raise ValidationError({"text": "Type what you learned first."})
    _refuse_nul(text=text)
    _, applied = _once(
        owner=conversation.owner,
        key=idempotency_key,
        action="capture",
        conversation=conversation,
        apply=lambda: conversation_update(conversation=conversation, learned={facet: text}),
    )
    return applied


def live_sign_add(
    *, conversation: Conversation, sign: str, idempotency_key: str | None = None
) -> bool:
    """Note a warning sign (once per sign); False when this key was already applied."""
    if sign not in WARNING_SIGNS:
        raise ValidationError(
            {"sign": f"Unknown warning sign “{sign}”. Use {', '.join(WARNING_SIGNS)}."}
        )
    if not conversation.is_open:
        raise ValidationError({"sign": "This conversation has already ended."})
    _, applied = _once(
        owner=conversation.owner,
        key=idempotency_key,
        action="sign",
        conversation=conversation,
        apply=lambda: conversation_update(conversation=conversation, add_warning_sign=sign),
    )
    return applied


def live_conversation_end(
    *,
    conversation: Conversation,
    outcome: str | None = None,
    followup: str = "",
    followup_due: dt.date | None = None,
    idempotency_key: str | None = None,
    today: dt.date | None = None,
) -> bool:
    """End the conversation (suggested outcome when none is given) with an optional one-line
    follow-up whose due date is read from its text when not given."""
    _refuse_nul(followup=followup)
    followup = " ".join((followup or "").split())
    if followup and followup_due is None:
        followup_due = parse_due(followup, today=today or timezone.localdate())

    def apply() -> Conversation:
        ended = conversation_end(
            conversation=conversation, outcome=outcome, followup=followup, followup_due=followup_due
        )
        return ended

    _, applied = _once(
        owner=conversation.owner,
        key=idempotency_key,
        action="end",
        conversation=conversation,
        apply=apply,
    )
    return applied


def live_followup_add(
    *, conversation: Conversation, text: str, today: dt.date | None = None
) -> FollowUp:
    """A one-line follow-up added after the fact; its due date is read from the text."""
    _refuse_nul(text=text)
    return followup_add(
        person=conversation.person,
        conversation=conversation,
        text=text,
        due=parse_due(text or "", today=today or timezone.localdate()),
    )


def conversation_for_client_id(*, user: User, client_id: str) -> Conversation | None:
    """The user's conversation started with this phone-made id (its start key), if any."""
    key = (client_id or "").strip()
    if not _KEY_PATTERN.match(key):
        return None
    done = (
        ProcessedCapture.objects.filter(owner=user, key=key, conversation__isnull=False)
        .select_related("conversation")
        .first()
    )
    return done.conversation if done is not None else None


def live_capture_merging(
    *,
    conversation: Conversation,
    facet: str,
    text: str,
    known: str | None = None,
    idempotency_key: str | None = None,
) -> tuple[bool, dict[str, str] | None]:
    """A capture made from an offline copy of the story (``known``: what the phone showed).

    The capture merges into the story the way every conversation does (nothing is
    overwritten); when the story had changed elsewhere since the phone's copy, the merge is
    described so the phone can show it: (applied, {facet, phone_had, server_had, story_now}).
    """
    person = conversation.person
    person.refresh_from_db()
    server_had = person.story.get(facet, "") if facet in FACETS else ""
    applied = live_capture(
        conversation=conversation, facet=facet, text=text, idempotency_key=idempotency_key
    )
    if not applied or known is None or " ".join(known.split()) == " ".join(server_had.split()):
        return applied, None
    person.refresh_from_db()
    return applied, {
        "facet": facet,
        "phone_had": known,
        "server_had": server_had,
        "story_now": person.story.get(facet, ""),
    }
