from __future__ import annotations

from django import forms

from hallway.practice.models import MAX_GOAL, MAX_MONTHLY_REFLECTION_LENGTH


class GoalsForm(forms.Form):
    events_per_month = forms.IntegerField(
        min_value=0, max_value=MAX_GOAL, label="Events per month", help_text="0 = not tracked"
    )
    new_people_per_event = forms.IntegerField(
        min_value=0, max_value=MAX_GOAL, label="New people per event"
    )
    connections_per_month = forms.IntegerField(
        min_value=0,
        max_value=MAX_GOAL,
        label="Connections per month",
        help_text="People whose story you got (their passions or drivers)",
    )


class MonthlyReflectionForm(forms.Form):
    text = forms.CharField(
        label="How did this month go?",
        required=False,
        max_length=MAX_MONTHLY_REFLECTION_LENGTH,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "What worked, what to try next month…"}
        ),
    )
