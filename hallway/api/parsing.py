"""Reading request bodies: JSON with whole numbers read as integers."""

from __future__ import annotations

import json
from typing import Any, cast

from django.http import HttpRequest
from ninja.parser import Parser

# Below this, a float spells every integer exactly.
_EXACT = 2**53


def _number(text: str) -> int | float:
    """`3.0` and `3e2` are the integers 3 and 300 in JSON (the document's JSON Schema 2020-12
    says so too); `3.5` stays a float, which an integer field refuses."""
    number = float(text)
    return int(number) if number.is_integer() and abs(number) < _EXACT else number


class JsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        return cast(dict[str, Any], json.loads(request.body, parse_float=_number))
