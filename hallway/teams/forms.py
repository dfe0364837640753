from __future__ import annotations

from django import forms

from hallway.teams.models import Role, ShareLevel
from hallway.teams.services import MAX_MESSAGE_LENGTH, MAX_TEAM_NAME

LEVEL_CHOICES = [(str(level.value), level.label) for level in ShareLevel]


class TeamForm(forms.Form):
    name = forms.CharField(max_length=MAX_TEAM_NAME, label="Team name")


class InviteForm(forms.Form):
    email = forms.EmailField(
        required=False,
        label="E-mail (optional)",
        help_text="Leave it empty to get a link you pass on yourself.",
    )


class LevelForm(forms.Form):
    level = forms.TypedChoiceField(choices=LEVEL_CHOICES, coerce=int, label="Level")


class ShareForm(LevelForm):
    team = forms.IntegerField(widget=forms.HiddenInput)


class TagShareForm(LevelForm):
    tag = forms.CharField(max_length=50, label="Everyone tagged")


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class TeamSearchForm(forms.Form):
    q = forms.CharField(
        max_length=200,
        required=False,
        label="Who of us knows someone at …",
    )


class IntroductionForm(forms.Form):
    message = forms.CharField(
        max_length=MAX_MESSAGE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why you'd like to meet them (optional)",
    )
