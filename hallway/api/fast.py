"""The hottest lists answered without pydantic: the same JSON, a third of the time.

Ninja validates an answer by reading every field of every object through its `DjangoGetter`
and pydantic, then renders it with its JSON encoder: 3.0 ms of CPU for a page of 50 people
against 1.1 ms for building the same dicts here and rendering them with the same encoder
(measured on the API's people list, where it was most of the request). The endpoints keep their
`response=` schemas (the OpenAPI document is unchanged); `test_fast.py` holds each builder
equal to its schema's output.

The lists go one step further: they read rows (`values_list(*PERSON_COLUMNS)`), not model
instances, and write each time as ninja's encoder would before the encoder sees it, so the
JSON is written without a call back into Python per value. Building 50 people as models,
converting them and calling back for 150 times was 1.1 ms of the API's people list (10,000
people, `bench/http_pages.py`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import HttpResponse
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from hallway.api.schemas import PersonOut
from hallway.lib.story import FACETS, completeness_of, status_of
from hallway.people.models import Person
from hallway.people.selectors import tag_names_by_person

_COMPUTED = ("tags", "story", "status", "completeness")
_PERSON_FIELDS = tuple(PersonOut.model_fields)
# What a row of a person list reads for PersonOut: its stored fields, then the five facets.
PERSON_COLUMNS: tuple[str, ...] = (
    *(name for name in _PERSON_FIELDS if name not in _COMPUTED),
    *FACETS,
)
_MOMENTS = frozenset(
    name
    for name in PERSON_COLUMNS
    if isinstance(Person._meta.get_field(name), models.DateTimeField)
)
_FACETS_AT = PERSON_COLUMNS.index(FACETS[0])
# PersonOut's fields in its order (JSON keys come out in it), each with where its value is.
_ROW_PLAN = tuple(
    (name, PERSON_COLUMNS.index(name) if name in PERSON_COLUMNS else -1, name in _MOMENTS)
    for name in _PERSON_FIELDS
)
_ENCODER = DjangoJSONEncoder()


def api_moment(value: dt.datetime | None) -> str | None:
    """A time as ninja's encoder writes it (Django's: milliseconds, `Z` for UTC)."""
    return None if value is None else str(_ENCODER.default(value))


def person_out(person: Person) -> dict[str, Any]:
    """What `PersonOut.from_orm(person).model_dump()` gives: its fields in its order (JSON keys
    come out in this order), the computed ones as its resolvers and properties make them."""
    story = person.story
    computed = {
        "tags": list(person.tag_names),
        "story": story,
        "status": status_of(story),
        "completeness": completeness_of(story),
    }
    return {
        name: computed[name] if name in computed else getattr(person, name)
        for name in _PERSON_FIELDS
    }


def people_out(rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    """PersonOut of each row of `values_list(*PERSON_COLUMNS, …)` (columns after those are
    left to the caller), as JSON would carry it (times as text), their tags in one query."""
    tags = tag_names_by_person(row[0] for row in rows)
    return [person_of_row(row, tags.get(row[0], [])) for row in rows]


def person_of_row(row: Sequence[Any], tags: list[str]) -> dict[str, Any]:
    story = dict(zip(FACETS, row[_FACETS_AT : _FACETS_AT + len(FACETS)], strict=True))
    computed = {
        "tags": tags,
        "story": story,
        "status": status_of(story),
        "completeness": completeness_of(story),
    }
    return {
        name: (computed[name] if at < 0 else api_moment(row[at]) if moment else row[at])
        for name, at, moment in _ROW_PLAN
    }


def json_answer(data: Any, status: int = 200) -> HttpResponse:
    """The response ninja's default renderer makes of `data` (same encoder, same headers)."""
    renderer = JSONRenderer
    return HttpResponse(
        json.dumps(data, cls=NinjaJSONEncoder),
        status=status,
        content_type=f"{renderer.media_type}; charset={renderer.charset}",
    )
