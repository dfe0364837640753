from __future__ import annotations

from typing import Any

from django import forms

from hallway.lib.partial_dates import parse_partial_date
from hallway.lib.story import FACET_QUESTIONS, FACETS
from hallway.people.models import Person
from hallway.people.services import parse_tags


def _padded(value: str) -> str:
    """`1985-4-2` → `1985-04-02`, `--4-2` → `--04-02`."""
    prefix = "--" if value.startswith("--") else ""
    parts = value.removeprefix("--").split("-")
    return prefix + "-".join(part.zfill(2) if len(part) < 3 else part for part in parts)


class PersonForm(forms.ModelForm):
    linkedin_url = forms.URLField(
        label="LinkedIn URL", required=False, max_length=500, assume_scheme="https"
    )
    website = forms.URLField(required=False, max_length=500, assume_scheme="https")
    tags_text = forms.CharField(
        label="Tags",
        required=False,
        max_length=1000,
        help_text="Comma separated, e.g. cio, fintech, boston",
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "company",
            "role",
            "email",
            "phone",
            "location",
            "linkedin_url",
            "website",
            "met_at",
            "keep_in_touch_days",
            "birthday",
            "anniversary",
            *FACETS,
        ]
        labels = {
            "linkedin_url": "LinkedIn URL",
            "keep_in_touch_days": "Keep in touch every (days)",
            "met_at": "Where / how you met",
        }
        help_texts = {facet: FACET_QUESTIONS[facet] for facet in FACETS}
        widgets = {facet: forms.Textarea(attrs={"rows": 2}) for facet in FACETS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["tags_text"].initial = ", ".join(self.instance.tag_names)
        self.fields["name"].widget.attrs.update({"autofocus": True, "autocomplete": "off"})
        self.fields["phone"].widget.input_type = "tel"
        self.fields["keep_in_touch_days"].widget.attrs.update({"min": 1, "max": 3650})

    def clean_keep_in_touch_days(self) -> int | None:
        value = self.cleaned_data.get("keep_in_touch_days")
        if value is not None and not 1 <= value <= 3650:
            raise forms.ValidationError("Choose between 1 and 3650 days, or leave it empty.")
        return value

    def clean_tags_text(self) -> list[str]:
        try:
            return parse_tags(self.cleaned_data.get("tags_text") or "")
        except Exception as error:  # ValidationError from the service carries the message
            raise forms.ValidationError(getattr(error, "messages", [str(error)])) from error

    def _partial_date(self, name: str) -> str:
        """`12/4/1985`-style input is refused, `1985-4-12` and `--4-12` are tidied."""
        value = (self.cleaned_data.get(name) or "").strip()
        if not value:
            return ""
        found = parse_partial_date(value) or parse_partial_date(_padded(value))
        if found is None:
            raise forms.ValidationError(
                "Enter a date like 1985-04-12, or --04-12 when you don't know the year."
            )
        return found.iso

    def clean_birthday(self) -> str:
        return self._partial_date("birthday")

    def clean_anniversary(self) -> str:
        return self._partial_date("anniversary")

    def service_fields(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["tags"] = self.cleaned_data["tags_text"]
        return data


class NoteForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "What did you learn or remember?"}),
        max_length=10_000,
    )
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


class PersonFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Words", max_length=200)
    tag = forms.CharField(required=False, max_length=50)
    status = forms.ChoiceField(
        required=False,
        choices=[("", "Everyone"), ("connection", "Connections"), ("card", "Cards only")],
    )
