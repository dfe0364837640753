"""Reading README.md and docs/*.md for the tests that keep the docs and the code together."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
METHOD = r"(?:GET|POST|PUT|PATCH|DELETE)"
# `GET /api/v1/people`, `GET|PATCH|DELETE /api/v1/people/{id}`, also without the /api/v1 prefix.
DOCUMENTED_ENDPOINT = re.compile(rf"\b({METHOD}(?:\s*\|\s*{METHOD})*)\s+((?:/api/v1)?/[^\s`|)?]*)")
# `returns `201 {"id", "person_id", …}``, `returns `{"token": …}``: the fields of an answer.
DOCUMENTED_RESPONSE = re.compile(r"returns `(?:(\d{3}) )?(\{[^`]*\})`")
# A field name opens the object or follows a comma: `{"token": "hw_…"}` names `token` only.
_FIELD_NAME = re.compile(r"""(?:^|[{,])\s*"(\w+)\"""")


def documentation() -> str:
    """The README and every docs page, as one text."""
    return "\n".join(path.read_text() for path in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))])


def normalize_path(path: str) -> str:
    """`/api/v1/people/{id}/` and `/people/<id>` are the same path: `/people/{}`."""
    path = path.removeprefix("/api/v1")
    path = re.sub(r"\{[^}]*\}|<[^>]*>", "{}", path)
    return path.rstrip("/.,:;") or "/"


def documented_endpoints(text: str) -> set[tuple[str, str]]:
    found = set()
    for methods, path in DOCUMENTED_ENDPOINT.findall(text):
        for method in re.split(r"\s*\|\s*", methods):
            found.add((method, normalize_path(path)))
    return found


def _blocks(text: str) -> list[str]:
    """Table rows one by one, and the other paragraphs and list items whole."""
    blocks: list[str] = []
    current: list[str] = []
    for line in [*text.splitlines(), ""]:
        starts_item = line.startswith(("|", "- ", "* ")) or not line.strip()
        if starts_item and current:
            blocks.append(" ".join(current))
            current = []
        if line.startswith("|"):
            blocks.append(line)
        elif line.strip():
            current.append(line.strip())
    return blocks


def documented_response_fields(text: str) -> list[tuple[str, str, str | None, list[str]]]:
    """(method, path, status or None, field names) for every `METHOD /path … returns `{…}``
    written in one table row, paragraph or list item."""
    found = []
    for block in _blocks(text):
        endpoints = DOCUMENTED_ENDPOINT.findall(block)
        responses = DOCUMENTED_RESPONSE.findall(block)
        if len(endpoints) != 1 or not responses:
            continue
        methods, path = endpoints[0]
        for method in re.split(r"\s*\|\s*", methods):
            for status, shape in responses:
                found.append(
                    (method, normalize_path(path), status or None, _FIELD_NAME.findall(shape))
                )
    return found
