from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=False, help_text="Optional: for your digest e-mails.")

    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined]
        model = User
        fields = ("username", "email")

    def validate_password_for_user(self, user: User, **kwargs: object) -> None:
        # Django puts a weak password's errors under the confirmation field; they are about the
        # password itself, so show them under "Password" where the user typed it.
        super().validate_password_for_user(user, password_field_name="password1")  # type: ignore[misc]
