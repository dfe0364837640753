from __future__ import annotations

from django import forms

from hallway.updates.models import DigestSubscription


class DigestSettingsForm(forms.Form):
    frequency = forms.ChoiceField(
        label="How often",
        choices=DigestSubscription.FREQUENCY_CHOICES,
        initial=DigestSubscription.WEEKLY,
    )
    email = forms.EmailField(
        label="Send it to", required=False, help_text="Your account's e-mail address."
    )
