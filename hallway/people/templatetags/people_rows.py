"""The people list's rows, built in Python.

Fifty rows of about twenty template variables each were most of the people list's time (the
template engine resolves, localizes and escapes each one: measured 60-70% of the page); the
same escaping through format_html costs a fraction of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as _escape

from django import template
from django.forms import BoundField, Form
from django.utils.safestring import SafeString

from hallway.lib.story import completeness_of, initials_of, status_of
from hallway.lib.web import id_urls
from hallway.people.selectors import ListRow

register = template.Library()


@register.simple_tag
def person_rows(rows: Iterable[ListRow], tag_names: dict[int, list[str]]) -> SafeString:
    """One <li> per person: name, status, role · company, tags, story meter.

    `tag_names` (person id -> names) comes from tag_names_by_person, in one query."""
    # The detail URL worked out once for the page (reverse() per row was half of what was left
    # of the rendering). The values are escaped with html.escape, which is what Django's
    # escape() (and so format_html) does, minus the lazy-string wrappers around each of the
    # ~650 calls a page makes (half the rows' time). One f-string a row: str.format with
    # keywords was a third of the rows' time.
    detail_url = id_urls("people:detail")
    html = []
    for row in rows:
        story = row.story
        status = status_of(story)
        headline = _escape(" · ".join(part for part in (row.role, row.company) if part))
        tags = " ".join(
            f'<span class="badge tag">{_escape(name)}</span>' for name in tag_names.get(row.pk, ())
        )
        percent = round(completeness_of(story) * 100)
        html.append(
            f'<li>\n    <a class="person-row" href="{_escape(detail_url(row.pk))}">\n'
            f'      <span class="avatar" aria-hidden="true">{_escape(initials_of(row.name))}'
            "</span>\n"
            '      <span style="flex:1;min-width:0">\n'
            f"        <strong>{_escape(row.name)}</strong>\n"
            f'        <span class="badge {status}" data-status="{status}">{status}</span><br>\n'
            f'        <span class="muted small">{headline}</span>\n'
            f"        {tags}\n"
            "      </span>\n"
            f'      <span title="Story {percent}% complete" style="width:70px">\n'
            f'        <span class="meter"><span style="width:{percent}%"></span></span>\n'
            f'        <span class="small muted">{percent}% story</span>\n'
            "      </span>\n    </a>\n  </li>\n"
        )
    return SafeString("".join(html))


# The people list's two filter fields, written as Django's widgets write them (its widget
# templates were ~0.3 ms of every list page); a field with an error goes through Django.
@register.simple_tag
def words_input(field: BoundField) -> SafeString:
    if field.errors:
        return SafeString(str(field))
    value = field.value()
    shown = "" if value in (None, "") else f' value="{_escape(str(value))}"'
    maxlength = field.field.max_length  # type: ignore[attr-defined]
    return SafeString(
        f'<input type="text" name="{field.html_name}"{shown} maxlength="{maxlength}"'
        f' id="{field.auto_id}">'
    )


@register.simple_tag
def status_select(field: BoundField) -> SafeString:
    if field.errors:
        return SafeString(str(field))
    value = field.value()
    chosen = "" if value is None else str(value)
    options = "".join(
        f'  <option value="{_escape(str(key))}"{" selected" if str(key) == chosen else ""}>'
        f"{_escape(str(label))}</option>\n\n"
        for key, label in field.field.choices  # type: ignore[attr-defined]
    )
    return SafeString(f'<select name="{field.html_name}" id="{field.auto_id}">\n{options}</select>')


@register.simple_tag
def tag_select(filters: Form, names: Iterable[str]) -> SafeString:
    """The tag filter's options, the one asked for selected. Looked up in the template, the
    asked-for tag cost a failed lookup per tag (Django then calls dir() on the QueryDict)."""
    chosen = filters.data.get("tag")
    options = "".join(
        f'<option value="{shown}" {"selected" if name == chosen else ""}>{shown}</option>'
        for name in names
        for shown in (_escape(name),)
    )
    return SafeString(
        f'<select name="tag" id="id_tag"><option value="">Any tag</option>{options}</select>'
    )
