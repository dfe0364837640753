"""{% url %} and {% static %} (hallway.lib.template_builtins) write what Django's tags write."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse


def _names(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _names(pattern.url_patterns, inner)
        elif pattern.name:
            yield namespace + pattern.name


def _tag(source: str, **context: Any) -> str:
    return Template(source).render(Context(context))


def _reversed(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=list(args) or None)
    except NoReverseMatch:
        return None


NAMES = sorted(set(_names(get_resolver().url_patterns)))


def test_there_are_urls_of_both_kinds() -> None:
    assert sum(_reversed(name) is not None for name in NAMES) > 30
    assert sum(_reversed(name, 7) is not None for name in NAMES) > 30


@pytest.mark.parametrize("name", NAMES)
def test_every_named_url_is_written_as_django_writes_it(name: str) -> None:
    if (expected := _reversed(name)) is not None:
        assert _tag("{% url name %}", name=name) == expected
        assert _tag("{% url name as found %}[{{ found }}]", name=name) == f"[{expected}]"
    for pk in (7, 123_456_789):
        if (expected := _reversed(name, pk)) is not None:
            assert _tag("{% url name pk %}", name=name, pk=pk) == expected
            assert _tag("{% url name pk as found %}{{ found }}", name=name, pk=pk) == expected
            assert _tag("{% url name text %}", name=name, text=str(pk)) == expected


def test_what_does_not_resolve_is_djangos_answer() -> None:
    assert _tag("{% url 'people:nowhere' as found %}[{{ found }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        _tag("{% url 'people:nowhere' %}")
    with pytest.raises(NoReverseMatch):
        _tag("{% url 'people:list' 7 %}")  # takes no argument
    assert _tag("{% url 'people:detail' person_id=5 %}") == reverse(
        "people:detail", kwargs={"person_id": 5}
    )


def test_no_application_namespace_is_mounted_twice() -> None:
    # Django's tag hands reverse() the current app, which only chooses among several
    # instances of one application namespace: with one each, the cached URLs are the same.
    instances = get_resolver().app_dict
    assert instances and all(len(names) == 1 for names in instances.values()), instances


def test_static_urls_are_djangos_and_follow_the_settings(settings: Any) -> None:
    from django.templatetags.static import static

    for path in ("voice/record.js", "pocket/app.css", "no/such file.js"):
        assert _tag("{% load static %}{% static path %}", path=path) == static(path)
        assert _tag("{% static path as found %}[{{ found }}]", path=path) == f"[{static(path)}]"
    before = _tag("{% static 'voice/record.js' %}")
    settings.STATIC_URL = "/elsewhere/"
    after = _tag("{% static 'voice/record.js' %}")
    assert after.startswith("/elsewhere/") and after != before
    assert after == static("voice/record.js")


def test_no_template_of_hallway_loads_djangos_static_tag() -> None:
    # `{% load static %}` would put Django's tag back in place of the builtin, which keeps
    # each file's URL: a dozen uncached look-ups on every page.
    from django.conf import settings as django_settings

    folders = [Path(django_settings.BASE_DIR) / "templates"]
    folders += Path(django_settings.BASE_DIR).glob("*/templates")
    templates = [path for folder in folders for path in folder.rglob("*.html")]
    assert len(templates) > 50
    loading = [
        str(path)
        for path in templates
        if re.search(r"\{% load [^%]*\bstatic\b", path.read_text(encoding="utf-8"))
    ]
    assert loading == []
