"""Sign-up tells the user what is wrong next to the field it is about."""

from __future__ import annotations

from django.urls import reverse


def test_a_weak_password_is_refused_under_the_password_field(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "zoe", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "This password is too common." in form.errors["password1"]
    assert "This password is entirely numeric." in form.errors["password1"]
    assert "password2" not in form.errors


def test_a_mismatched_confirmation_is_refused_under_the_confirmation(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "zoe", "password1": "a-long-good-passphrase", "password2": "something else"},
    )
    form = response.context["form"]
    assert "password1" not in form.errors
    assert form.errors["password2"] == ["The two password fields didn’t match."]
