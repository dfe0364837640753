"""The people list's filter fields, written in Python, are what Django's widgets write."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from hallway.people.forms import PersonFilterForm
from hallway.people.templatetags.people_rows import status_select, tag_select, words_input


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


# What the template wrote before the tag took it over.
_TAG_SELECT_TEMPLATE = (
    '<select name="tag" id="id_tag"><option value="">Any tag</option>{% for tag in tags %}'
    '<option value="{{ tag.name }}" {% if filters.data.tag == tag.name %}selected{% endif %}>'
    "{{ tag.name }}</option>{% endfor %}</select>"
)


@pytest.mark.parametrize(
    "data",
    [None, {}, {"tag": "speaker"}, {"tag": "a \"b\" <c> & 'd'"}, {"tag": "nobody"}, {"q": "x"}],
)
def test_the_tag_filter_is_written_as_the_template_wrote_it(data: Any) -> None:
    from django.template import Context, Template

    form = PersonFilterForm(data)
    form.is_valid()
    names = ["founder", "speaker", "a \"b\" <c> & 'd'"]
    tags = [SimpleNamespace(name=name) for name in names]
    expected = Template(_TAG_SELECT_TEMPLATE).render(Context({"filters": form, "tags": tags}))
    assert str(tag_select(form, names)) == expected
    assert ("selected" in expected) == bool(data and data.get("tag") in {t.name for t in tags})
