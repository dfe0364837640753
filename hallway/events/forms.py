from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from hallway.events.models import Event

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["name", "starts_at", "ends_at", "location", "goal_new_connections", "reflection"]
        labels = {
            "starts_at": "Starts",
            "ends_at": "Ends",
            "location": "Place",
            "goal_new_connections": "Goal: new connections",
        }
        help_texts = {
            "goal_new_connections": "How many people do you want to really connect with?",
            "reflection": "Afterwards: what went well, what would you do differently?",
        }
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "reflection": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.is_bound:
            start = timezone.localtime().replace(minute=0, second=0, microsecond=0) + dt.timedelta(
                hours=1
            )
            self.initial.setdefault("starts_at", start)
        self.fields["goal_new_connections"].widget.attrs.update({"min": 0, "max": 1000})

    def clean_goal_new_connections(self) -> int | None:
        value = self.cleaned_data.get("goal_new_connections")
        if value is not None and value > 1000:
            raise forms.ValidationError("A goal above 1000 people is not realistic for one event.")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", "The end cannot be before the start.")
        return data
