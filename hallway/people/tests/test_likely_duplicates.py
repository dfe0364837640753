"""Adding someone you already have: the web form, the API and the CLI say so."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from hallway.accounts.services import token_create
from hallway.cli import app
from hallway.people.models import Person
from hallway.people.selectors import likely_duplicates
from hallway.people.services import person_create


@pytest.fixture
def dana(owner: Any) -> Person:
    return person_create(
        owner=owner, name="Dana Whitfield", company="Acme", email="dana@acme.example"
    )


def test_same_name_and_company_is_a_likely_duplicate(owner, dana):
    assert likely_duplicates(user=owner, name="dána  whitfield", company="ACME") == [dana]
    assert likely_duplicates(user=owner, name="Dana Whitfield") == [dana]
    assert likely_duplicates(user=owner, name="Dana Whitfield", company="Globex") == []
    assert likely_duplicates(user=owner, name="D. W.", email="DANA@acme.example") == [dana]
    assert likely_duplicates(user=owner, name="Dana Whitfield", exclude_id=dana.pk) == []


def test_someone_elses_people_are_never_duplicates(outsider, dana):
    assert likely_duplicates(user=outsider, name="Dana Whitfield", company="Acme") == []


def test_the_web_form_warns_and_saves_only_when_asked_again(owner_client, dana):
    data = {"name": "Dana Whitfield", "company": "Acme"}
    response = owner_client.post(reverse("people:create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "You already have" in html and dana.get_absolute_url() in html
    assert 'name="duplicate_ok"' in html
    assert Person.objects.count() == 1
    response = owner_client.post(reverse("people:create"), {**data, "duplicate_ok": "1"})
    assert response.status_code == 302
    assert Person.objects.filter(name="Dana Whitfield").count() == 2


def test_the_web_form_does_not_warn_about_another_users_people(outsider_client, dana):
    response = outsider_client.post(
        reverse("people:create"), {"name": "Dana Whitfield", "company": "Acme"}
    )
    assert response.status_code == 302


def test_the_api_lists_the_likely_duplicates_and_still_creates(owner, dana):
    token = token_create(user=owner, name="tests")[1]
    response = Client().post(
        "/api/v1/people",
        json.dumps({"name": "Dana Whitfield", "company": "acme"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201
    assert response.json()["likely_duplicates"] == [dana.pk]
    assert Person.objects.count() == 2


def test_the_api_lists_no_duplicates_for_someone_new(owner, dana):
    token = token_create(user=owner, name="tests")[1]
    response = Client().post(
        "/api/v1/people",
        json.dumps({"name": "Sam Park"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201 and response.json()["likely_duplicates"] == []


def test_the_cli_adds_and_says_who_it_might_be(owner, dana):
    result = CliRunner().invoke(app, ["people", "add", "Dana Whitfield", "--company", "Acme"])
    assert result.exit_code == 0, result.output
    assert f"you already have Dana Whitfield at Acme (#{dana.pk})" in result.stderr
    assert Person.objects.count() == 2


def test_the_cli_says_nothing_for_someone_new(owner, dana):
    result = CliRunner().invoke(app, ["people", "add", "Sam Park"])
    assert result.exit_code == 0 and result.stderr == ""
