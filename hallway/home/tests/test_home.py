import pytest
from django.urls import reverse


@pytest.mark.parametrize("client_name", ["owner_client"])
def test_home_shows_an_empty_state_for_a_new_user(request, client_name):
    body = request.getfixturevalue(client_name).get(reverse("home")).content.decode()
    assert "Your network starts here" in body


def test_home_shows_only_my_numbers(owner_client, outsider, person):
    from hallway.people.services import person_create

    person_create(owner=outsider, name="Other")
    assert owner_client.get(reverse("home")).context["people_count"] == 1


def test_the_due_count_is_every_followup_due_not_only_the_five_listed(owner_client, person):
    import datetime as dt

    from django.utils import timezone

    from hallway.conversations.services import followup_add

    for number in range(7):
        followup_add(
            person=person, text=f"Promise {number}", due=timezone.localdate() - dt.timedelta(days=1)
        )
    response = owner_client.get(reverse("home"))
    html = response.content.decode()
    assert '<div class="stat" id="due-count">7</div><div class="muted">follow-ups due</div>' in html
    assert len(response.context["due_followups"]) == 5


def test_one_followup_due_is_singular(owner_client, person):
    from django.utils import timezone

    from hallway.conversations.services import followup_add

    followup_add(person=person, text="Call back", due=timezone.localdate())
    html = owner_client.get(reverse("home")).content.decode()
    assert '<div class="muted">follow-up due</div>' in html


def test_the_first_run_offers_the_three_ways_to_start(owner_client):
    html = owner_client.get(reverse("home")).content.decode()
    assert reverse("people:create") in html
    assert reverse("interop:import") in html
    assert f'action="{reverse("demo_load")}"' in html


def test_loading_the_sample_network_from_the_home_page(owner_client, owner):
    from hallway.people.models import Person

    response = owner_client.post(reverse("demo_load"), follow=True)
    assert response.status_code == 200
    assert Person.objects.filter(owner=owner).count() == 45
    assert "Loaded a sample network: 45 people" in response.content.decode()
    assert "Your network starts here" not in response.content.decode()


def test_the_sample_network_never_lands_in_a_network_that_has_people(owner_client, owner, person):
    from hallway.people.models import Person

    response = owner_client.post(reverse("demo_load"), follow=True)
    assert "only loaded into an empty network" in response.content.decode()
    assert Person.objects.filter(owner=owner).count() == 1


def test_the_sample_network_is_loaded_for_the_one_who_asks(outsider_client, owner, outsider):
    from hallway.people.models import Person

    outsider_client.post(reverse("demo_load"))
    assert Person.objects.filter(owner=owner).count() == 0
    assert Person.objects.filter(owner=outsider).count() == 45


def test_loading_the_sample_network_needs_a_post_and_a_login(client, owner_client, db):
    assert owner_client.get(reverse("demo_load")).status_code == 405
    response = client.post(reverse("demo_load"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_dates_without_a_format_read_the_house_way():
    import datetime as dt

    from django.template import Context, Template

    rendered = Template("{{ day }}|{{ moment }}").render(
        Context({"day": dt.date(2026, 12, 8), "moment": dt.datetime(2026, 11, 27, 9, 5)})
    )
    assert rendered == "Tue 8 Dec 2026|Fri 27 Nov 2026, 09:05"


# The three lists as home.html wrote them with the template engine, before home_rows.
_TEMPLATE_LISTS = {
    "upcoming_events": '{% for event in upcoming_events %}<li><a href="{{ event.get_absolute_url }}">{{ event.name }}</a> <span class="muted small">{{ event.starts_at|date:"D j M, H:i" }}{% if event.location %} · {{ event.location }}{% endif %}</span></li>{% endfor %}',
    "due_followups": '{% for followup in due_followups %}<li>{{ followup.text }} — <a href="{{ followup.person.get_absolute_url }}">{{ followup.person.name }}</a> <span class="muted small">due {{ followup.due|date:"D j M Y" }}</span></li>{% endfor %}',
    "recent_conversations": '{% for conversation in recent_conversations %}<li><a href="{{ conversation.get_absolute_url }}">{{ conversation.person.name }}</a> <span class="muted small">{{ conversation.started_at|date:"j M Y" }}{% if conversation.event %} at {{ conversation.event.name }}{% endif %} · {{ conversation.outcome_label }}</span></li>{% endfor %}',
}


def test_the_home_lists_are_what_the_template_wrote(owner_client, owner, settings):
    import datetime as dt

    from django.template import Context, Template
    from django.utils import timezone

    from hallway.conversations.models import Conversation, FollowUp
    from hallway.events.models import Event
    from hallway.people.services import person_create

    settings.TIME_ZONE = "Europe/Paris"
    now = timezone.now()
    ada = person_create(owner=owner, name='Ada <b>"Lovelace"</b>')
    grace = person_create(owner=owner, name="Grace & Co")
    soon = Event.objects.create(
        owner=owner,
        name="R&D <night>",
        location="Café <Lyon>",
        starts_at=now + dt.timedelta(days=2),
    )
    Event.objects.create(owner=owner, name="Plain", starts_at=now + dt.timedelta(days=3, hours=5))
    Conversation.objects.create(owner=owner, person=ada, event=soon, started_at=now, outcome="")
    Conversation.objects.create(
        owner=owner, person=grace, started_at=now - dt.timedelta(days=40), outcome="exchanged"
    )
    for days, person, text in ((3, ada, "Send <the> paper"), (0, grace, "Call & ask")):
        FollowUp.objects.create(
            owner=owner,
            person=person,
            text=text,
            due=timezone.localdate() - dt.timedelta(days=days),
        )
    response = owner_client.get(reverse("home"))
    html = response.content.decode()
    for name, source in _TEMPLATE_LISTS.items():
        items = response.context[name]
        assert len(items) == 2, name
        expected = Template(source).render(Context({name: items}))
        assert expected in html, name
    assert "R&amp;D &lt;night&gt;" in html and "<night>" not in html
