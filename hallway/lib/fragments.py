"""Template fragments that every page shows alike but for a few values (the navigation, the
phone's bottom bar): the template is rendered once per key, with marks where those values go,
and each page joins the pieces with its own values, escaped as the template would escape them.

The same bytes as rendering the template on every page, for a fraction of the time: the bottom
bar's template alone was ~0.3 ms of every page (`bench/page_profile.py --templates`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

_MARK = "\x00"  # never in a template, a URL or anything Django's escape() produces
_MAX_KEYS = 256


def hole(name: str) -> SafeString:
    """Where the value called `name` goes, in the context given to `Fragment.render`."""
    return mark_safe(f"{_MARK}{name}{_MARK}")


class Fragment:
    """One template, rendered once per key with holes (see `hole`) for the per-page values."""

    def __init__(self, template_name: str) -> None:
        self.template_name = template_name
        self._pieces: dict[Hashable, list[str]] = {}

    def render(
        self,
        key: Hashable,
        context: Callable[[], Mapping[str, Any]],
        values: Mapping[str, Any],
    ) -> SafeString:
        """`context()` must give the same output for the same `key` (with holes where `values`
        go); each value is escaped unless it is already safe, as `{{ value }}` would be."""
        pieces = self._pieces.get(key)
        if pieces is None:
            rendered = get_template(self.template_name).render(dict(context()))
            pieces = rendered.split(_MARK)
            if len(self._pieces) >= _MAX_KEYS:
                self._pieces.clear()
            self._pieces[key] = pieces
        # Even positions are the template's own text, odd ones the names of the holes.
        out = [
            piece if index % 2 == 0 else str(conditional_escape(values[piece]))
            for index, piece in enumerate(pieces)
        ]
        return mark_safe("".join(out))
