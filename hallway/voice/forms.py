from __future__ import annotations

from django import forms

from hallway.voice.services import MAX_TEXT_LENGTH


class RememberForm(forms.Form):
    text = forms.CharField(
        label="What I remember",
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(
            attrs={
                "rows": 8,
                "placeholder": "Dana Whitfield, CIO at Acme Freight. Grew up in Ohio, studied at "
                "Purdue. Sails on Lake Erie every summer. Wants to fix their supply chain. "
                "Send her the Gartner article on Tuesday.",
            }
        ),
    )
