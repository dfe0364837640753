"""Writes for conversations and follow-ups. What is learned flows into the person's story."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hallway.conversations.models import Conversation, FollowUp
from hallway.events.models import Event
from hallway.lib import hooks
from hallway.lib.story import (
    DEEP_FACETS,
    FACETS,
    MAX_FACET_LENGTH,
    OUTCOMES,
    WARNING_SIGNS,
    merge_facet,
)
from hallway.people.models import Person
from hallway.people.services import person_touch

MAX_NOTES_LENGTH = 10_000
MAX_FOLLOWUP_LENGTH = 500
# A warning sign noticed this early means the conversation never really got going.
EARLY_WARNING_SECONDS = 5 * 60


def _validate_learned(learned: dict[str, Any] | None) -> dict[str, str]:
    learned = learned or {}
    if not isinstance(learned, dict):
        raise ValidationError({"learned": "What you learned must map facet names to text."})
    unknown = set(learned) - set(FACETS)
    if unknown:
        raise ValidationError(
            {"learned": f"Unknown facet(s): {', '.join(sorted(unknown))}. Use {', '.join(FACETS)}."}
        )
    cleaned = {}
    for facet, text in learned.items():
        text = str(text or "").strip()
        if len(text) > MAX_FACET_LENGTH:
            raise ValidationError(
                {"learned": f"{facet} is longer than {MAX_FACET_LENGTH} characters."}
            )
        if text:
            cleaned[facet] = text
    return cleaned


def _validate_signs(signs: Iterable[str] | None) -> list[str]:
    result: list[str] = []
    for sign in signs or []:
        if sign not in WARNING_SIGNS:
            raise ValidationError(
                {"warning_signs": f"Unknown warning sign “{sign}”. Use {', '.join(WARNING_SIGNS)}."}
            )
        if sign not in result:
            result.append(sign)
    return result


def _validate_outcome(outcome: str | None) -> str:
    outcome = outcome or ""
    if outcome and outcome not in OUTCOMES:
        raise ValidationError(
            {"outcome": f"Unknown outcome “{outcome}”. Use {', '.join(OUTCOMES)}."}
        )
    return outcome


def _validate_owned(owner: User, person: Person, event: Event | None) -> None:
    if person.owner_id != owner.pk:
        raise ValidationError({"person": "Unknown person."})
    if event is not None and event.owner_id != owner.pk:
        raise ValidationError({"event": "Unknown event."})


def _merge_into_story(person: Person, learned: dict[str, str]) -> None:
    """Each learned facet is added to the story; what was there before is kept."""
    changed = False
    for facet, text in learned.items():
        merged = merge_facet(getattr(person, facet), text)
        if merged != getattr(person, facet):
            if len(merged) > MAX_FACET_LENGTH * 3:
                raise ValidationError(
                    {"learned": f"The story's {facet} facet would grow too long."}
                )
            setattr(person, facet, merged)
            changed = True
    if changed:
        person.save()


def suggest_outcome(conversation: Conversation, now: dt.datetime | None = None) -> str:
    """Suggested ending: a deep facet learned -> connected; an early warning sign -> cut short;
    else cards only."""
    if any(conversation.learned.get(facet) for facet in DEEP_FACETS):
        return "connected"
    if conversation.warning_signs:
        times = [int(t) for t in (conversation.warning_sign_times or {}).values() if t is not None]
        if not times:
            end = conversation.ended_at or now or timezone.now()
            times = [int((end - conversation.started_at).total_seconds())]
        if min(times) < EARLY_WARNING_SECONDS:
            return "cut_short"
    return "cards_only"


def _followups_create(conversation: Conversation, followups: Iterable[Any]) -> None:
    for item in followups:
        if isinstance(item, dict):
            text, due = item.get("text", ""), item.get("due")
        elif isinstance(item, (tuple, list)):
            text, due = item[0], (item[1] if len(item) > 1 else None)
        else:
            text, due = str(item), None
        followup_add(person=conversation.person, conversation=conversation, text=text, due=due)


@transaction.atomic
def conversation_log(
    *,
    owner: User,
    person: Person,
    event: Event | None = None,
    started_at: dt.datetime | None = None,
    ended_at: dt.datetime | None = None,
    learned: dict[str, Any] | None = None,
    warning_signs: Iterable[str] | None = None,
    outcome: str | None = None,
    notes: str = "",
    followups: Iterable[Any] = (),
) -> Conversation:
    """Record a conversation; learned facets merge into the story, the keep-in-touch clock resets."""
    _validate_owned(owner, person, event)
    cleaned_learned = _validate_learned(learned)
    signs = _validate_signs(warning_signs)
    outcome = _validate_outcome(outcome)
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES_LENGTH:
        raise ValidationError({"notes": f"Notes are at most {MAX_NOTES_LENGTH} characters."})
    if started_at is None:
        now = timezone.now()
        started_at = event.conversation_time(now) if event is not None else now
    if ended_at is not None and ended_at < started_at:
        raise ValidationError({"ended_at": "A conversation cannot end before it starts."})
    if outcome and ended_at is None:
        ended_at = started_at
    conversation = Conversation.objects.create(
        owner=owner,
        person=person,
        event=event,
        started_at=started_at,
        ended_at=ended_at,
        learned=cleaned_learned,
        warning_signs=signs,
        outcome=outcome,
        notes=notes,
        with_new_person=not Conversation.objects.filter(
            person=person, started_at__lt=started_at
        ).exists(),
    )
    # A conversation logged after a later one must not make that later one "new" any more.
    Conversation.objects.filter(person=person, started_at__gt=started_at).update(
        with_new_person=False
    )
    _merge_into_story(person, cleaned_learned)
    _followups_create(conversation, followups)
    person_touch(person=person, when=min(started_at, timezone.now()))
    hooks.person_changed(person)
    return conversation


@transaction.atomic
def conversation_update(
    *,
    conversation: Conversation,
    learned: dict[str, Any] | None = None,
    warning_signs: Iterable[str] | None = None,
    add_warning_sign: str | None = None,
    **fields: Any,
) -> Conversation:
    """Change a conversation. New learned facets merge into the story (nothing is removed)."""
    allowed = {"event", "started_at", "ended_at", "outcome", "notes"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    person = conversation.person
    if "event" in fields:
        _validate_owned(conversation.owner, person, fields["event"])
    if "outcome" in fields:
        fields["outcome"] = _validate_outcome(fields["outcome"])
    if "notes" in fields:
        fields["notes"] = (fields["notes"] or "").strip()
        if len(fields["notes"]) > MAX_NOTES_LENGTH:
            raise ValidationError({"notes": f"Notes are at most {MAX_NOTES_LENGTH} characters."})
    for field, value in fields.items():
        setattr(conversation, field, value)
    if conversation.ended_at is not None and conversation.ended_at < conversation.started_at:
        raise ValidationError({"ended_at": "A conversation cannot end before it starts."})
    if learned is not None:
        cleaned = _validate_learned(learned)
        merged = dict(conversation.learned)
        for facet, text in cleaned.items():
            merged[facet] = merge_facet(merged.get(facet, ""), text)
        conversation.learned = merged
        _merge_into_story(person, cleaned)
    if warning_signs is not None:
        conversation.warning_signs = _validate_signs(warning_signs)
    if add_warning_sign:
        sign = _validate_signs([add_warning_sign])[0]
        if sign not in conversation.warning_signs:
            conversation.warning_signs = [*conversation.warning_signs, sign]
            elapsed = int((timezone.now() - conversation.started_at).total_seconds())
            conversation.warning_sign_times = {
                **conversation.warning_sign_times,
                sign: max(0, elapsed),
            }
    conversation.save()
    hooks.person_changed(person)
    return conversation


@transaction.atomic
def conversation_end(
    *,
    conversation: Conversation,
    outcome: str | None = None,
    ended_at: dt.datetime | None = None,
    followup: str = "",
    followup_due: dt.date | None = None,
) -> Conversation:
    """End a conversation with the given outcome, or the suggested one."""
    conversation.ended_at = ended_at or conversation.ended_at or timezone.now()
    if conversation.ended_at < conversation.started_at:
        raise ValidationError({"ended_at": "A conversation cannot end before it starts."})
    conversation.outcome = _validate_outcome(outcome) or suggest_outcome(conversation)
    conversation.save()
    if followup.strip():
        followup_add(
            person=conversation.person, conversation=conversation, text=followup, due=followup_due
        )
    return conversation


@transaction.atomic
def conversation_delete(*, conversation: Conversation) -> None:
    """Delete the record of the conversation; the story it added stays with the person."""
    person = conversation.person
    conversation.delete()
    hooks.person_changed(person)


def followup_add(
    *,
    person: Person,
    text: str,
    due: dt.date | str | None = None,
    conversation: Conversation | None = None,
) -> FollowUp:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"followups": "A follow-up needs some text."})
    if len(text) > MAX_FOLLOWUP_LENGTH:
        raise ValidationError(
            {"followups": f"A follow-up is at most {MAX_FOLLOWUP_LENGTH} characters."}
        )
    if isinstance(due, str):
        try:
            due = dt.date.fromisoformat(due) if due else None
        except ValueError as error:
            raise ValidationError({"due": f"“{due}” is not a date (YYYY-MM-DD)."}) from error
    followup = FollowUp.objects.create(
        owner=person.owner, person=person, conversation=conversation, text=text, due=due
    )
    # Open follow-ups are part of what a synced phone shows in the contact's note.
    hooks.person_changed(person)
    return followup


def followup_set_done(*, followup: FollowUp, done: bool = True) -> FollowUp:
    followup.done = done
    followup.done_at = timezone.now() if done else None
    followup.save(update_fields=["done", "done_at"])
    hooks.person_changed(followup.person)
    return followup


def followup_update(*, followup: FollowUp, **fields: Any) -> FollowUp:
    if "done" in fields:
        followup_set_done(followup=followup, done=bool(fields.pop("done")))
    if "text" in fields:
        text = " ".join((fields.pop("text") or "").split())
        if not text or len(text) > MAX_FOLLOWUP_LENGTH:
            raise ValidationError(
                {"text": f"A follow-up needs 1 to {MAX_FOLLOWUP_LENGTH} characters."}
            )
        followup.text = text
    if "due" in fields:
        followup.due = fields.pop("due")
    if fields:
        raise ValidationError(f"Unknown field(s): {', '.join(sorted(fields))}.")
    followup.save()
    hooks.person_changed(followup.person)
    return followup
