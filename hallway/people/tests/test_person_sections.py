"""The person page's heading, story and details cards, built in Python, are what
people/detail.html wrote for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.utils import timezone, translation

from hallway.events.models import Event
from hallway.interop.models import ContactDetail
from hallway.people.models import Person
from hallway.people.selectors import person_page_reads, story_items, with_tag_names
from hallway.people.services import person_create

pytestmark = pytest.mark.django_db

# The three cards as people/detail.html had them before {% person_heading %},
# {% person_story %} and {% person_details %} took them over.
_HEADING = """<div class="spread">
  <div class="row">
    <span class="avatar" aria-hidden="true">{% if person.photo %}<img src="{{ person.photo_url }}" alt="">{% else %}{{ person.initials }}{% endif %}</span>
    <div><h1 style="margin:0">{{ person.name }}</h1>
      <span class="muted">{{ person.role }}{% if person.role and person.company %} at {% endif %}{{ person.company }}</span></div>
  </div>
  <span class="badge {{ person.status }}" id="person-status">{{ person.status }}</span>
</div>"""
_STORY = """<section class="card" id="story">
  <div class="spread"><h2 style="margin-top:0">Story</h2><span class="small muted">{{ person.completeness_percent }}% known</span></div>
  <div class="meter"><span style="width:{{ person.completeness_percent }}%"></span></div>
  <dl class="facets">
  {% for item in story %}
    <dt>{{ item.label }}</dt>
    {% if item.text %}<dd data-facet="{{ item.facet }}">{{ item.text }}</dd>
    {% else %}<dd class="question" data-facet="{{ item.facet }}" data-unknown>{{ item.question }}</dd>{% endif %}
  {% endfor %}
  </dl>
</section>"""
_DETAILS = """<section class="card">
  <h2 style="margin-top:0">Details</h2>
  <dl class="facets">
    {% if person.email %}<dt>E-mail</dt><dd><a href="mailto:{{ person.email }}">{{ person.email }}</a></dd>{% endif %}
    {% if person.phone %}<dt>Phone</dt><dd><a href="tel:{{ person.phone }}">{{ person.phone }}</a></dd>{% endif %}
    {% if person.location %}<dt>Location</dt><dd>{{ person.location }}</dd>{% endif %}
    {% if person.linkedin_url %}<dt>LinkedIn</dt><dd><a href="{{ person.linkedin_url }}" rel="noopener noreferrer">{{ person.linkedin_url }}</a></dd>{% endif %}
    {% if person.website %}<dt>Website</dt><dd><a href="{{ person.website }}" rel="noopener noreferrer">{{ person.website }}</a></dd>{% endif %}
    {% with birthday=person.birthday_date anniversary=person.anniversary_date %}
    {% if birthday %}<dt>Birthday</dt><dd data-birthday>{{ birthday.display }}</dd>{% endif %}
    {% if anniversary %}<dt>Anniversary</dt><dd data-anniversary>{{ anniversary.display }}</dd>{% endif %}
    {% endwith %}
    {% for detail in contact_details %}<dt>{% if detail.kind == "url" %}{{ detail.label|default:"Link"|capfirst }}{% elif detail.kind == "email" %}Other e-mail{% else %}Other phone{% endif %}</dt><dd>{% if detail.kind == "url" %}<a href="{{ detail.value }}" rel="noopener noreferrer">{{ detail.value }}</a>{% elif detail.kind == "email" %}<a href="mailto:{{ detail.value }}">{{ detail.value }}</a>{% else %}<a href="tel:{{ detail.value }}">{{ detail.value }}</a>{% endif %}</dd>{% endfor %}
    {% if person.met_at %}<dt>Where you met</dt><dd>{{ person.met_at }}</dd>{% endif %}
    {% if person.keep_in_touch_days %}<dt>Keep in touch</dt><dd>every {{ person.keep_in_touch_days }} days{% if person.last_contact_at %} · last contact {{ person.last_contact_at|date:"j M Y" }}{% endif %}</dd>{% endif %}
    {% if person.tag_names %}<dt>Tags</dt><dd>{% for name in person.tag_names %}<a class="badge tag" href="{% url 'people:list' %}?tag={{ name|urlencode }}">{{ name }}</a> {% endfor %}</dd>{% endif %}
    {% if events_wanted %}<dt>Want to meet at</dt><dd>{% for event in events_wanted %}<a href="{{ event.get_absolute_url }}">{{ event.name }}</a>{% if not forloop.last %}, {% endif %}{% endfor %}</dd>{% endif %}
  </dl>
</section>"""  # noqa: E501 - the template's lines as they were

_TAGS = (
    "{% load person_sections %}{% person_heading person %}|{% person_story person story %}|"
    "{% person_details person contact_details events_wanted %}"
)


def _context(person: Person) -> dict[str, Any]:
    [person] = with_tag_names([Person.objects.get(pk=person.pk)])
    story = story_items(person)
    reads = person_page_reads(person=person)
    return {"person": person, "story": story, **reads}


def _both(person: Person) -> tuple[str, str]:
    context = _context(person)
    expected = Template("|".join([_HEADING, _STORY, _DETAILS])).render(Context(context))
    return Template(_TAGS).render(Context(context)), expected


@pytest.fixture
def everything(owner: Any) -> Person:
    """A person with every detail filled, and text that needs escaping everywhere."""
    person = person_create(
        owner=owner,
        name='Ana "Zé" <Ruiz> & co',
        company="R&D <Labs>",
        role="VP 'Eng'",
        email="ana+x@lab.example",
        phone="+1 (617) 555-0100",
        location="São Paulo & <Lisbon>",
        linkedin_url="https://www.linkedin.com/in/ana?x=1&y=<2>",
        website="https://ana.example/a?q=\"1\"&r='s'",
        met_at="PyCon <2025> & 'dinner'",
        keep_in_touch_days=30,
        birthday="1985-04-12",
        anniversary="--06-30",
        story={"work": 'Builds <robots> & "drones"', "passions": "Sailing\nand chess"},
        tags=["cio", "r&d <lab>", "ça va", "a/b c+d"],
    )
    person.last_contact_at = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)
    person.photo.save("ana.png", ContentFile(b"not really a png"), save=True)
    Person.objects.filter(pk=person.pk).update(last_contact_at=person.last_contact_at)
    for kind, value, label in [
        ("url", "https://blog.example/<x>", "blog & <notes>"),
        ("url", "https://x.example/a", ""),
        ("url", "https://y.example/", "éclair"),
        ("email", "other&@example.com", ""),
        ("phone", "+44 20 <7946>", ""),
    ]:
        ContactDetail.objects.create(
            owner=owner, person=person, kind=kind, value=value, label=label
        )
    for name in ["Summit <26> & co", "Meetup 'B'"]:
        event = Event.objects.create(owner=owner, name=name, starts_at=timezone.now())
        event.want_to_meet.add(person)
    return person


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Kolkata"])
@pytest.mark.parametrize("language", ["en-us", "de"])
def test_every_detail_is_what_the_template_wrote(
    everything: Person, zone: str, language: str
) -> None:
    with timezone.override(zone), translation.override(language):
        got, expected = _both(everything)
    assert got == expected
    assert "Ana &quot;Zé&quot; &lt;Ruiz&gt; &amp; co" in got
    assert "?tag=r%26d%20%3Clab%3E" in got and "?tag=a/b%20c%2Bd" in got
    assert "<dt>Blog &amp; &lt;notes&gt;</dt>" in got and "<dt>Link</dt>" in got
    assert "<dt>Éclair</dt>" in got
    assert 'data-facet="drivers" data-unknown>' in got
    assert ("last contact 2 " in got) == (zone == "Asia/Kolkata")
    assert "<img src=" in got


def test_a_bare_person_is_what_the_template_wrote(owner: Any) -> None:
    bare = person_create(owner=owner, name="Bo")
    got, expected = _both(bare)
    assert got == expected
    assert '<span class="avatar" aria-hidden="true">B</span>' in got
    assert "<dt>E-mail</dt>" not in got and "<dt>Tags</dt>" not in got


def test_role_or_company_alone(owner: Any) -> None:
    for fields in ({"role": "CTO"}, {"company": "Acme"}, {"role": "CTO", "company": "Acme"}):
        got, expected = _both(person_create(owner=owner, name="Cy", **fields))
        assert got == expected
