from __future__ import annotations

from typing import Any

from django import forms

from hallway.interop.cards import MAX_CARD_BYTES
from hallway.interop.parsers import FORMAT_LABELS, MAX_IMPORT_BYTES, human_size


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text=f"vCard (.vcf), LinkedIn Connections.csv, Google or Outlook CSV, or iCalendar (.ics); "
        f"at most {human_size(MAX_IMPORT_BYTES)}.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".vcf,.vcard,.csv,.ics,.ical,text/vcard,text/csv,text/calendar"}
        ),
    )
    format = forms.ChoiceField(
        required=False,
        choices=[("", "Detect from the file"), *FORMAT_LABELS.items()],
        help_text="Leave on “Detect” unless the file is recognised wrongly.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"The file is {human_size(upload.size)}; imports are limited to {human_size(MAX_IMPORT_BYTES)}. "
                "Split it into smaller files."
            )
        return upload


class CardForm(forms.Form):
    photo = forms.FileField(
        label="Photo of the business card",
        help_text="On a phone this opens the camera. Hold the card flat, in good light.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    def clean_photo(self) -> Any:
        upload = self.cleaned_data["photo"]
        if upload.size > MAX_CARD_BYTES:
            raise forms.ValidationError(
                f"The photo is {human_size(upload.size)}; the limit is {human_size(MAX_CARD_BYTES)}."
            )
        return upload
