"""The limits the OpenAPI document states are the ones the server applies: what its patterns
admit is stored, whole numbers are integers, and splitting a module renames no operation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.validators import EmailValidator, URLValidator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallway.api.schemas import EMAIL_PATTERN, NOT_BLANK, URL_PATTERN
from hallway.api.urls import api
from hallway.conftest import TokenClient
from hallway.events.models import Event

_FEW = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@_FEW
@given(st.from_regex(URL_PATTERN, fullmatch=True).filter(lambda text: 0 < len(text) <= 500))
def test_every_url_the_document_admits_is_one_django_stores(url: str) -> None:
    URLValidator()(url)


@_FEW
# What the document admits: the pattern within the field's maxLength (254), which the API
# applies before the pattern (the pattern alone admits 400 characters; Django stops at 320).
@given(st.from_regex(EMAIL_PATTERN, fullmatch=True).filter(lambda text: 0 < len(text) <= 254))
def test_every_email_address_the_document_admits_is_one_django_stores(address: str) -> None:
    EmailValidator()(address)


@pytest.mark.parametrize("text", ["", " ", "\x1c\u3000\t", "\x85", "a\x00b"])
def test_the_not_blank_pattern_refuses_what_the_services_read_as_blank(text: str) -> None:
    assert not re.fullmatch(NOT_BLANK, text)


@pytest.mark.parametrize("url", ["ftp://example.com", "example.com/in/sam", "http://bücher.de"])
def test_a_url_outside_the_pattern_is_refused_by_the_api(owner_api: TokenClient, url: str) -> None:
    response = owner_api.post("people", {"name": "Sam", "linkedin_url": url})
    assert response.status_code == 422
    assert response.json()["detail"] == "linkedin_url: Enter a valid URL."


def test_a_whole_number_written_as_a_float_is_an_integer(
    owner: Any, owner_api: TokenClient
) -> None:
    response = owner_api.post(
        "events",
        '{"name": "Meetup", "starts_at": "2026-05-01T18:00:00+02:00", "goal_new_connections": 3.0}',
    )
    assert response.status_code == 201, response.json()
    assert Event.objects.get(owner=owner).goal_new_connections == 3


def test_a_fraction_is_still_refused_where_an_integer_is_expected(owner_api: TokenClient) -> None:
    response = owner_api.post(
        "events",
        '{"name": "Meetup", "starts_at": "2026-05-01T18:00:00+02:00", "goal_new_connections": 3.5}',
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("goal_new_connections:")


def test_operation_ids_name_the_api_area_not_the_module_inside_its_package() -> None:
    ids = {
        (method, path): operation["operationId"]
        for path, operations in api.get_openapi_schema()["paths"].items()
        for method, operation in operations.items()
    }
    assert ids[("get", "/api/v1/teams")] == "hallway_api_teams_list_teams"
    assert ids[("post", "/api/v1/live/conversations/{client_id}/capture")] == (
        "hallway_api_eventmode_client_conversation_capture"
    )
    assert len(set(ids.values())) == len(ids)


def test_an_offset_postgresql_cannot_store_is_kept_as_the_same_moment(
    owner: Any, owner_api: TokenClient
) -> None:
    response = owner_api.post(
        "events", {"name": "Far east", "starts_at": "2030-01-03T21:43:50+18:52"}
    )
    assert response.status_code == 201, response.json()
    stored = Event.objects.get(owner=owner).starts_at
    assert stored == dt.datetime(2030, 1, 3, 2, 51, 50, tzinfo=dt.UTC)
