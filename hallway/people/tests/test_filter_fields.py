"""The people list's filter fields, written in Python, are what Django's widgets write."""

from __future__ import annotations

from typing import Any

import pytest

from hallway.people.forms import PersonFilterForm
from hallway.people.templatetags.people_rows import status_select, words_input


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"q": "sailing"},
        {"q": 'Jane "JD" <Doe> & co', "status": "card"},
        {"q": "  ", "status": "connection"},
        {"status": ""},
        {"status": "bogus"},  # an error: Django writes it, with aria-invalid
        {"q": "x" * 201},  # too long: the same
        {"tag": "speaker"},
    ],
)
def test_the_fields_are_written_as_djangos_widgets_write_them(data: Any) -> None:
    form = PersonFilterForm(data)
    form.is_valid()
    assert str(words_input(form["q"])) == str(form["q"])
    assert str(status_select(form["status"])) == str(form["status"])
