from __future__ import annotations

from django import forms

from hallway.eventmode.services import MAX_LONG_CONVERSATION_MINUTES
from hallway.events.services import MAX_REFLECTION_LENGTH


class LiveSettingsForm(forms.Form):
    long_conversation_minutes = forms.IntegerField(
        label="A conversation is long after (minutes)",
        min_value=1,
        max_value=MAX_LONG_CONVERSATION_MINUTES,
        help_text="After this long, the conversation screen offers an exit line and the next person.",
    )
    exit_lines = forms.CharField(
        label="Exit lines",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One per line. Shown when you log a warning sign or a conversation runs long.",
    )


class EventOnTheSpotForm(forms.Form):
    name = forms.CharField(label="Event name", max_length=200)
    goal_new_connections = forms.IntegerField(
        label="Goal: new people to meet", min_value=1, max_value=1000, required=False
    )


class ReflectionForm(forms.Form):
    reflection = forms.CharField(
        label="Your reflection",
        required=False,
        max_length=MAX_REFLECTION_LENGTH,
        widget=forms.Textarea(
            attrs={"rows": 5, "placeholder": "What went well? What will you do differently?"}
        ),
    )
