"""The person page's heading, story and details cards, built in Python.

Through the template engine these three cards cost ~0.35 ms of the page's CPU (about sixty
variables and conditions, each resolved, localized and escaped); the person page is the one a
user opens most, at every event. The text is what people/detail.html wrote for them, byte for
byte (hallway/people/tests/test_person_sections.py renders both): each value escaped as
autoescaping does, `capfirst`, `urlencode` and `date:"j M Y"` as those filters write them.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as _escape
from typing import Any
from urllib.parse import quote

from django import template
from django.utils.safestring import SafeString

from hallway.lib.html_text import Days
from hallway.lib.web import id_urls, reverse_fixed
from hallway.people.models import Person

register = template.Library()

_HEADING = (
    '<div class="spread">\n  <div class="row">\n'
    '    <span class="avatar" aria-hidden="true">{avatar}</span>\n'
    '    <div><h1 style="margin:0">{name}</h1>\n'
    '      <span class="muted">{role}{at}{company}</span></div>\n  </div>\n'
    '  <span class="badge {status}" id="person-status">{status}</span>\n</div>'
)
_STORY = (
    '<section class="card" id="story">\n'
    '  <div class="spread"><h2 style="margin-top:0">Story</h2>'
    '<span class="small muted">{percent}% known</span></div>\n'
    '  <div class="meter"><span style="width:{percent}%"></span></div>\n'
    '  <dl class="facets">\n  {facets}\n  </dl>\n</section>'
)
_KNOWN = '\n    <dt>{label}</dt>\n    <dd data-facet="{facet}">{text}</dd>\n    \n  '
_UNKNOWN = (
    '\n    <dt>{label}</dt>\n    <dd class="question" data-facet="{facet}" data-unknown>'
    "{text}</dd>\n  "
)
_DETAILS = (
    '<section class="card">\n  <h2 style="margin-top:0">Details</h2>\n'
    '  <dl class="facets">\n    {lines}\n  </dl>\n</section>'
)
_LINK = '<a href="{0}" rel="noopener noreferrer">{0}</a>'


@register.simple_tag
def person_heading(person: Person) -> SafeString:
    avatar = (
        f'<img src="{_escape(person.photo_url)}" alt="">'
        if person.photo
        else _escape(person.initials)
    )
    return SafeString(
        _HEADING.format(
            avatar=avatar,
            name=_escape(person.name),
            role=_escape(person.role),
            at=" at " if person.role and person.company else "",
            company=_escape(person.company),
            status=_escape(person.status),
        )
    )


@register.simple_tag
def person_story(person: Person, story: Iterable[dict[str, Any]]) -> SafeString:
    facets = "".join(
        (_KNOWN if item["text"] else _UNKNOWN).format(
            label=_escape(str(item["label"])),
            facet=_escape(str(item["facet"])),
            text=_escape(str(item["text"] or item["question"])),
        )
        for item in story
    )
    return SafeString(_STORY.format(percent=person.completeness_percent, facets=facets))


@register.simple_tag
def person_details(
    person: Person, contact_details: Iterable[Any], events_wanted: Iterable[Any]
) -> SafeString:
    email, phone, linkedin, website = (
        _escape(value)
        for value in (person.email, person.phone, person.linkedin_url, person.website)
    )
    birthday, anniversary = person.birthday_date, person.anniversary_date
    dates = "\n    ".join(
        [
            "",
            f"<dt>Birthday</dt><dd data-birthday>{_escape(birthday.display)}</dd>"
            if birthday
            else "",
            f"<dt>Anniversary</dt><dd data-anniversary>{_escape(anniversary.display)}</dd>"
            if anniversary
            else "",
            "",
        ]
    )
    lines = [
        f'<dt>E-mail</dt><dd><a href="mailto:{email}">{email}</a></dd>' if email else "",
        f'<dt>Phone</dt><dd><a href="tel:{phone}">{phone}</a></dd>' if phone else "",
        f"<dt>Location</dt><dd>{_escape(person.location)}</dd>" if person.location else "",
        f"<dt>LinkedIn</dt><dd>{_LINK.format(linkedin)}</dd>" if linkedin else "",
        f"<dt>Website</dt><dd>{_LINK.format(website)}</dd>" if website else "",
        dates,
        "".join(_contact_detail(detail) for detail in contact_details),
        f"<dt>Where you met</dt><dd>{_escape(person.met_at)}</dd>" if person.met_at else "",
        _keep_in_touch(person),
        _tags(person.tag_names),
        _events(list(events_wanted)),
    ]
    return SafeString(_DETAILS.format(lines="\n    ".join(lines)))


def _contact_detail(detail: Any) -> str:
    value = _escape(detail.value)
    if detail.kind == "url":
        label = detail.label or "Link"
        return f"<dt>{_escape(label[0].upper() + label[1:])}</dt><dd>{_LINK.format(value)}</dd>"
    if detail.kind == "email":
        return f'<dt>Other e-mail</dt><dd><a href="mailto:{value}">{value}</a></dd>'
    return f'<dt>Other phone</dt><dd><a href="tel:{value}">{value}</a></dd>'


def _keep_in_touch(person: Person) -> str:
    if not person.keep_in_touch_days:
        return ""
    last = person.last_contact_at
    since = f" · last contact {Days().day_of(last)}" if last else ""
    return f"<dt>Keep in touch</dt><dd>every {person.keep_in_touch_days} days{since}</dd>"


def _tags(names: list[str]) -> str:
    if not names:
        return ""
    listed = _escape(reverse_fixed("people:list"))
    return (
        "<dt>Tags</dt><dd>"
        + "".join(
            f'<a class="badge tag" href="{listed}?tag={_escape(quote(name))}">{_escape(name)}</a> '
            for name in names
        )
        + "</dd>"
    )


def _events(events: list[Any]) -> str:
    if not events:
        return ""
    url = id_urls("events:detail")
    return (
        "<dt>Want to meet at</dt><dd>"
        + ", ".join(
            f'<a href="{_escape(url(event.pk))}">{_escape(event.name)}</a>' for event in events
        )
        + "</dd>"
    )
