from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.contrib.auth.models import User
from django.db.models import F
from django.utils import timezone

from hallway.conversations.models import Conversation
from hallway.events.models import Event
from hallway.lib.story import FACET_QUESTIONS, FACETS, MAX_FACET_LENGTH, OUTCOMES, WARNING_SIGNS
from hallway.people.models import Person

PERSON_CHOICES_SHOWN = 300
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ConversationForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        empty_label="Who did you talk to?",
        help_text="The people you were in touch with most recently. Someone else? "
        "Open their page and choose “Log a conversation”.",
    )
    event = forms.ModelChoiceField(
        queryset=Event.objects.none(), required=False, empty_label="No event"
    )
    started_at = forms.DateTimeField(label="When", widget=DATETIME_WIDGET)
    minutes = forms.IntegerField(
        label="How long (minutes)",
        required=False,
        min_value=0,
        max_value=24 * 60,
        help_text="Optional: helps you see when warning signs come up.",
    )
    warning_signs = forms.MultipleChoiceField(
        choices=list(WARNING_SIGNS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Warning signs you noticed",
    )
    outcome = forms.ChoiceField(
        choices=[("", "Still going / not sure"), *OUTCOMES.items()],
        required=False,
        widget=forms.RadioSelect,
        label="How it ended",
    )
    notes = forms.CharField(
        required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    followup = forms.CharField(label="Follow-up you promised", required=False, max_length=500)
    followup_due = forms.DateField(
        label="Due", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self, *args: Any, user: User, conversation: Conversation | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for facet in FACETS:
            self.fields[f"learned_{facet}"] = forms.CharField(
                label=f"Learned: {facet}",
                required=False,
                max_length=MAX_FACET_LENGTH,
                help_text=FACET_QUESTIONS[facet],
                widget=forms.Textarea(attrs={"rows": 1}),
            )
        cast(forms.ModelChoiceField, self.fields["person"]).queryset = Person.objects.filter(
            owner=user
        ).only("id", "name", "company")
        cast(forms.ModelChoiceField, self.fields["event"]).queryset = Event.objects.filter(
            owner=user
        )
        self._limit_person_choices(user, conversation)
        if not self.is_bound and conversation is None:
            self.initial.setdefault("started_at", self._default_started_at(user))
        if conversation is not None:
            # Editing: the person is fixed; learned text already merged into the story is shown.
            self.fields["person"].disabled = True
            self.fields.pop("followup")
            self.fields.pop("followup_due")
            self.initial.update(
                {
                    "person": conversation.person_id,
                    "event": conversation.event_id,
                    "started_at": timezone.localtime(conversation.started_at),
                    "minutes": (conversation.duration_seconds // 60)
                    if conversation.duration_seconds is not None
                    else None,
                    "warning_signs": conversation.warning_signs,
                    "outcome": conversation.outcome,
                    "notes": conversation.notes,
                    **{f"learned_{facet}": conversation.learned.get(facet, "") for facet in FACETS},
                }
            )

    def _default_started_at(self, user: User) -> dt.datetime:
        """Now, or the event's time when logging from a past (or coming) event."""
        now = timezone.now()
        event = (
            Event.objects.filter(owner=user, pk=self.initial["event"]).first()
            if self.initial.get("event")
            else None
        )
        moment = event.conversation_time(now) if event is not None else now
        return timezone.localtime(moment).replace(second=0, microsecond=0)

    def _limit_person_choices(self, user: User, conversation: Conversation | None) -> None:
        """A network can hold 100,000 people: the drop-down lists only the ones that matter.

        Validation still accepts any of the user's people; only what is rendered is limited."""
        if self.is_bound:
            return
        people = Person.objects.filter(owner=user).only("id", "name", "company")
        chosen = conversation.person_id if conversation else self.initial.get("person")
        if chosen:
            shown = list(people.filter(pk=chosen))
        else:
            recent = people.order_by(F("last_contact_at").desc(nulls_last=True), "-created_at")
            shown = sorted(recent[:PERSON_CHOICES_SHOWN], key=lambda person: person.name.casefold())
        self.fields["person"].widget.choices = [("", "Who did you talk to?")] + [
            (person.pk, f"{person.name} · {person.company}" if person.company else person.name)
            for person in shown
        ]

    def learned(self) -> dict[str, str]:
        return {
            facet: self.cleaned_data[f"learned_{facet}"].strip()
            for facet in FACETS
            if self.cleaned_data.get(f"learned_{facet}", "").strip()
        }

    def ended_at(self) -> Any:
        minutes = self.cleaned_data.get("minutes")
        if minutes is None:
            return None
        return self.cleaned_data["started_at"] + dt.timedelta(minutes=minutes)

    def conversation_fields(self) -> dict[str, Any]:
        """What the form says about the conversation, as conversation_log/_update take it."""
        data = self.cleaned_data
        return {
            "event": data["event"],
            "started_at": data["started_at"],
            "ended_at": self.ended_at(),
            "learned": self.learned(),
            "warning_signs": data["warning_signs"],
            "outcome": data["outcome"],
            "notes": data["notes"],
        }


class FollowUpForm(forms.Form):
    text = forms.CharField(max_length=500, label="Follow-up")
    due = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
