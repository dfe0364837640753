import pytest
from django.urls import reverse

from hallway.conversations.services import conversation_log
from hallway.events.models import Event
from hallway.people.services import person_create


def test_planning_an_event(owner_client, owner):
    data = {
        "name": "DevOps Days",
        "starts_at": "2026-09-01T09:00",
        "ends_at": "2026-09-01T18:00",
        "location": "Ghent",
        "goal_new_connections": "4",
    }
    response = owner_client.post(reverse("events:create"), data)
    event = Event.objects.get(owner=owner)
    assert response.status_code == 302 and event.goal_new_connections == 4


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "", "starts_at": "2026-09-01T09:00"}, "name", "This field is required."),
        ({"name": "X", "starts_at": "soon"}, "starts_at", "Enter a valid date/time."),
        (
            {"name": "X", "starts_at": "2026-09-01T09:00", "ends_at": "2026-08-01T09:00"},
            "ends_at",
            "cannot be before",
        ),
        (
            {"name": "X", "starts_at": "2026-09-01T09:00", "goal_new_connections": "-1"},
            "goal_new_connections",
            "greater than or equal to 0",
        ),
    ],
)
def test_bad_event_input_is_rejected(owner_client, owner, data, field, message):
    response = owner_client.post(reverse("events:create"), data)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Event.objects.filter(owner=owner).exists()


@pytest.mark.parametrize(
    "name", ["events:detail", "events:edit", "events:delete", "events:want_search"]
)
def test_others_get_404_for_my_event(other_clients, event, name):
    for client in other_clients:
        assert client.get(reverse(name, args=[event.pk])).status_code == 404
        assert (
            client.post(
                reverse(name, args=[event.pk]), {"name": "x", "starts_at": "2026-01-01T00:00"}
            ).status_code
            == 404
        )
    event.refresh_from_db()
    assert event.name == "CIO Summit"


def test_want_to_meet_shows_who_is_still_unmet(owner_client, owner, event, person):
    bob = person_create(owner=owner, name="Bob Builder")
    for someone in (person, bob):
        owner_client.post(
            reverse("events:want_toggle", args=[event.pk, someone.pk]), {"wanted": "1"}
        )
    conversation_log(owner=owner, person=bob, event=event)
    response = owner_client.get(reverse("events:detail", args=[event.pk]))
    assert set(response.context["wanted"]) == {person, bob}
    assert list(response.context["unmet_wanted"]) == [person]
    assert list(response.context["people_met"]) == [bob]


def test_someone_elses_person_cannot_be_added_to_my_event(owner_client, outsider, event):
    stranger = person_create(owner=outsider, name="Stranger")
    assert (
        owner_client.post(reverse("events:want_toggle", args=[event.pk, stranger.pk])).status_code
        == 404
    )
    assert not event.want_to_meet.exists()


def test_want_to_meet_search_returns_my_matching_people(owner_client, outsider, event, person):
    person_create(owner=outsider, name="Jane Other")
    response = owner_client.get(
        reverse("events:want_search", args=[event.pk]), {"q": "jane"}, HTTP_HX_REQUEST="true"
    )
    assert list(response.context["candidates"]) == [person]


def test_deleting_an_event_keeps_its_conversations(owner_client, owner, event, person):
    conversation = conversation_log(owner=owner, person=person, event=event)
    owner_client.post(reverse("events:delete", args=[event.pk]))
    conversation.refresh_from_db()
    assert conversation.event is None and not Event.objects.filter(pk=event.pk).exists()


def test_empty_event_list_invites_planning(owner_client):
    assert "No events yet" in owner_client.get(reverse("events:list")).content.decode()


# The rows as the events list wrote them with the template engine, before event_rows.
_TEMPLATE_ROWS = """{% for event in events %}
  <li><a href="{{ event.get_absolute_url }}"><strong>{{ event.name }}</strong></a><br>
  <span class="muted small">{{ event.starts_at|date:"D j M Y, H:i" }}{% if event.location %} · {{ event.location }}{% endif %}{% if event.goal_new_connections %} · goal {{ event.goal_new_connections }} new connections{% endif %}</span></li>
{% endfor %}"""


def test_the_event_list_rows_are_what_the_template_wrote(owner_client, owner, settings):
    import datetime as dt
    import re

    from django.template import Context, Template

    settings.TIME_ZONE = "Europe/Paris"
    starts = dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC)
    for index, (name, location, goal) in enumerate(
        [
            ("DevOps Days", "Ghent", 4),
            ('<b>"R&D" night</b>', "Café <Lyon>", 0),
            ("Plain", "", 1),
        ]
    ):
        Event.objects.create(
            owner=owner,
            name=name,
            location=location,
            goal_new_connections=goal,
            starts_at=starts + dt.timedelta(hours=index * 7),
        )
    page = owner_client.get(reverse("events:list")).content.decode()
    events = list(Event.objects.filter(owner=owner))
    expected = Template(_TEMPLATE_ROWS).render(Context({"events": events}))
    rows = re.compile(r"<li><a href=\"/events/\d+/\">.*?</li>", re.DOTALL)
    assert rows.findall(page) == rows.findall(expected) and len(rows.findall(page)) == 3
    assert "&lt;b&gt;&quot;R&amp;D&quot; night&lt;/b&gt;" in page and "<b>" not in page
