"""The OpenAPI document must describe what the API answers: one schema per component name, and
every response field the docs promise."""

from __future__ import annotations

import typing
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from hallway.api.urls import api
from hallway.tests.documentation import DOCS, documented_response_fields, normalize_path


def _models(annotation: Any, seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    """Every pydantic model an annotation names, nested ones included."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        yield annotation
        for field in annotation.model_fields.values():
            yield from _models(field.annotation, seen)
        return
    for argument in typing.get_args(annotation):
        yield from _models(argument, seen)


def _response_models() -> Iterator[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    for _, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for wrapper in operation.response_models.values():
                    # Ninja wraps each response in a NinjaResponseSchema with one field.
                    if wrapper is not None:
                        yield from _models(wrapper.model_fields["response"].annotation, seen)


def _properties(schema: dict[str, Any], document: dict[str, Any]) -> set[str]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return set(schema.get("properties", {}))


def _operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method.upper(), normalize_path(path)): operation
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    }


def test_no_two_response_schemas_share_a_component_name() -> None:
    by_name: dict[str, set[str]] = defaultdict(set)
    for model in _response_models():
        by_name[model.__name__].add(f"{model.__module__}.{model.__qualname__}")
    shared = {name: sorted(homes) for name, homes in by_name.items() if len(homes) > 1}
    assert not shared, f"The OpenAPI document keeps only one of each: {shared}"
    assert {"PersonOut", "NoteOut", "RecentNoteOut", "PersonBriefingOut"} <= set(by_name)


def test_every_response_field_the_docs_promise_is_in_the_openapi_document() -> None:
    document = api.get_openapi_schema()
    operations = _operations(document)
    missing = []
    for page in sorted(DOCS.glob("*.md")):
        for method, path, status, fields in documented_response_fields(page.read_text()):
            operation = operations.get((method, path))
            assert operation is not None, f"{page.name}: {method} {path} is not in the document"
            responses = operation["responses"]
            code = status or next(code for code in map(str, responses) if code.startswith("2"))
            assert code in map(str, responses), f"{page.name}: {method} {path} never answers {code}"
            response = responses.get(code) or responses[int(code)]
            schema = response["content"]["application/json"]["schema"]
            missing += [
                f"{page.name}: {method} {path} {code} `{field}`"
                for field in fields
                if field not in _properties(schema, document)
            ]
    assert not missing, f"Documented but not in the OpenAPI document: {missing}"


def test_the_response_finder_reads_api_md() -> None:
    found = documented_response_fields((DOCS / "api.md").read_text())
    assert (
        "POST",
        "/people/{}/notes",
        "201",
        ["id", "person_id", "text", "date", "created_at"],
    ) in (found)
    assert ("POST", "/auth/token", "201", ["token"]) in found


def test_the_response_finder_reads_one_endpoint_per_row_or_paragraph() -> None:
    text = (
        '| `POST /api/v1/things` | adds one; returns `201 {"id", "name": …}` |\n'
        '| `GET /api/v1/things` and `GET /api/v1/other` | returns `{"id"}` |\n'
        "\n"
        '- `GET /api/v1/things/{id}` gives it:\n  it returns `{"id": 1, "label": "x"}`.\n'
    )
    assert documented_response_fields(text) == [
        ("POST", "/things", "201", ["id", "name"]),
        ("GET", "/things/{}", None, ["id", "label"]),
    ]
