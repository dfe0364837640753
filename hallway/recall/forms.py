from __future__ import annotations

from typing import Any

from django import forms

from hallway.recall.attendees import MAX_BYTES, AttendeeListError, decode


class AttendeeListForm(forms.Form):
    text = forms.CharField(
        label="Paste the attendee list",
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 5, "placeholder": "Jane Doe <jane@acme.com>\nSam Lee, Globex\n…"}
        ),
        help_text="One person per line: a name, an e-mail, or both (a company after a comma is fine).",
    )
    file = forms.FileField(
        label="…or upload a CSV file",
        required=False,
        help_text="With a header row: name (or first name / last name), email, company.",
    )
    replace = forms.BooleanField(label="Replace the current list", required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        text = cleaned.get("text") or ""
        if upload is not None:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(f"The file is larger than {MAX_BYTES // 1_000_000} MB.")
            try:
                text = decode(upload.read())
            except AttendeeListError as error:
                raise forms.ValidationError(str(error)) from error
        if not text.strip():
            raise forms.ValidationError("Paste at least one name, or choose a CSV file.")
        cleaned["list_text"] = text
        return cleaned
