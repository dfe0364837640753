import pytest
from django.urls import reverse

from hallway.people.models import Note, Person
from hallway.people.services import note_add, person_create


def test_person_page_shows_story_first_and_unknown_facets_as_questions(owner_client, person):
    body = owner_client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert body.index("Runs IT at Acme") < body.index("jane@acme.example")
    assert "What are they passionate about?" in body
    assert "Where did they grow up?" not in body  # origin is known


@pytest.mark.parametrize("name", ["people:detail", "people:edit", "people:delete"])
def test_teammate_and_outsider_get_404_for_someone_elses_person(other_clients, person, name):
    for client in other_clients:
        assert client.get(reverse(name, args=[person.pk])).status_code == 404
        assert client.post(reverse(name, args=[person.pk]), {"name": "Hijacked"}).status_code == 404
    person.refresh_from_db()
    assert person.name == "Jane Doe"


def test_outsider_cannot_add_or_delete_notes_on_someone_elses_person(outsider_client, person):
    note = note_add(person=person, text="Private")
    assert (
        outsider_client.post(
            reverse("people:note_add", args=[person.pk]), {"text": "x"}
        ).status_code
        == 404
    )
    assert outsider_client.post(reverse("people:note_delete", args=[note.pk])).status_code == 404
    assert list(person.notes.values_list("text", flat=True)) == ["Private"]


@pytest.mark.parametrize(
    "url",
    [
        "people:list",
        "people:create",
        "home",
        "events:list",
        "conversations:create",
        "accounts:settings",
    ],
)
def test_anonymous_visitors_are_sent_to_login(client, db, url):
    response = client.get(reverse(url))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_anonymous_visitors_are_sent_to_login_from_a_person(client, person):
    response = client.get(reverse("people:detail", args=[person.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_list_shows_only_my_people(owner_client, outsider, person):
    person_create(owner=outsider, name="Secret Sam")
    body = owner_client.get(reverse("people:list")).content.decode()
    assert "Jane Doe" in body and "Secret Sam" not in body


def test_list_shows_connection_or_card_and_completeness(owner_client, owner, person):
    person_create(owner=owner, name="Connie Connection", story={"drivers": "fixing healthcare"})
    body = owner_client.get(reverse("people:list")).content.decode()
    assert 'data-status="card"' in body and 'data-status="connection"' in body
    assert "40% story" in body  # Jane: work + origin known


def test_list_filters_by_tag_status_and_words(owner_client, owner, person):
    person_create(
        owner=owner,
        name="Sailor Sue",
        company="Globex",
        story={"passions": "sailing"},
        tags=["sea"],
    )
    names = lambda response: {p.name for p in response.context["page"].object_list}  # noqa: E731
    assert names(owner_client.get(reverse("people:list"), {"tag": "sea"})) == {"Sailor Sue"}
    assert names(owner_client.get(reverse("people:list"), {"status": "card"})) == {"Jane Doe"}
    assert names(owner_client.get(reverse("people:list"), {"status": "connection"})) == {
        "Sailor Sue"
    }
    assert names(owner_client.get(reverse("people:list"), {"q": "globex"})) == {"Sailor Sue"}
    assert names(owner_client.get(reverse("people:list"), {"q": "acme cio"})) == {"Jane Doe"}


def test_list_htmx_request_returns_only_the_results_partial(owner_client, person):
    response = owner_client.get(reverse("people:list"), {"q": "jane"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Jane Doe" in body and "<html" not in body


def test_empty_list_explains_what_to_do(owner_client):
    assert "No people yet" in owner_client.get(reverse("people:list")).content.decode()


def test_adding_a_person_with_story_and_tags(owner_client, owner):
    response = owner_client.post(
        reverse("people:create"),
        {
            "name": "  Ada   Lovelace ",
            "company": "Analytical",
            "passions": "poetry of numbers",
            "tags_text": "math, Math, history",
        },
    )
    person = Person.objects.get(owner=owner)
    assert response.status_code == 302 and response.url == person.get_absolute_url()
    assert person.name == "Ada Lovelace"
    assert person.status == "connection"
    assert person.tag_names == ["history", "math"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"name": "A", "email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"name": "A", "linkedin_url": "not a url"}, "linkedin_url", "Enter a valid URL."),
        (
            {"name": "A", "keep_in_touch_days": "0"},
            "keep_in_touch_days",
            "Choose between 1 and 3650 days",
        ),
        ({"name": "A", "tags_text": "x" * 60}, "tags_text", "longer than 50 characters"),
    ],
)
def test_bad_person_input_is_rejected_with_a_clear_message(
    owner_client, owner, data, field, message
):
    response = owner_client.post(reverse("people:create"), data)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Person.objects.filter(owner=owner).exists()


def test_editing_keeps_tags_and_changes_fields(owner_client, person):
    data = {
        "name": "Jane Doe",
        "company": "Globex",
        "work": "Runs IT at Globex",
        "tags_text": "cio",
    }
    response = owner_client.post(reverse("people:edit", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert (
        person.company == "Globex"
        and person.work == "Runs IT at Globex"
        and person.tag_names == ["cio"]
    )


def test_deleting_asks_for_confirmation_first(owner_client, person):
    assert (
        "Delete Jane Doe?"
        in owner_client.get(reverse("people:delete", args=[person.pk])).content.decode()
    )
    assert Person.objects.filter(pk=person.pk).exists()
    owner_client.post(reverse("people:delete", args=[person.pk]))
    assert not Person.objects.filter(pk=person.pk).exists()


def test_adding_a_note_with_htmx_returns_the_timeline(owner_client, person):
    response = owner_client.post(
        reverse("people:note_add", args=[person.pk]),
        {"text": "Loves jazz", "date": "2026-03-01"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Loves jazz" in response.content.decode() and "<html" not in response.content.decode()
    assert Note.objects.get(person=person).date.isoformat() == "2026-03-01"


def test_an_empty_note_is_refused_with_a_message(owner_client, person):
    response = owner_client.post(
        reverse("people:note_add", args=[person.pk]), {"text": "  "}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert not person.notes.exists()


def test_list_words_match_stems_prefixes_and_notes(owner_client, owner, person):
    person_create(owner=owner, name="Sam Sailor", story={"passions": "Sailing on weekends"})
    note_add(person=person, text="Training for the Boston marathon")

    def names(query):
        return {
            p.name
            for p in owner_client.get(reverse("people:list"), {"q": query})
            .context["page"]
            .object_list
        }  # noqa: E731

    assert names("sail") == {"Sam Sailor"}
    assert names("marathon") == {"Jane Doe"}
    assert names("weekend sail") == {"Sam Sailor"}
    assert names("zzzz") == set()


def test_the_people_list_escapes_what_people_typed_and_links_each_row(owner_client, owner):
    person = person_create(
        owner=owner,
        name="<script>alert(1)</script> Eve",
        role='CTO "&" <b>',
        company="Acme",
        tags=["<i>x</i>"],
        story={"passions": "sailing"},
    )
    html = owner_client.get("/people/").content.decode()
    assert "<script>alert(1)" not in html and "<b>" not in html and "<i>x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Eve" in html
    assert "CTO &quot;&amp;&quot; &lt;b&gt; · Acme" in html
    assert '<span class="badge tag">&lt;i&gt;x&lt;/i&gt;</span>' in html
    assert f'href="/people/{person.pk}/"' in html
    assert 'data-status="connection"' in html and "20% story" in html


def test_every_way_to_the_list_writes_the_same_row(owner_client, owner):
    """The first page, the words page and the filtered queryset each read rows their own way."""
    import re

    from hallway.people.selectors import LIST_ROW_FIELDS, ListRow

    assert ("id", *ListRow._fields[1:]) == LIST_ROW_FIELDS
    person = person_create(
        owner=owner,
        name="Ève d'Arc",
        role="Captain",
        company="Orléans & Co",
        tags=["sea", "<i>x</i>"],
        story={"passions": "sailing", "work": "Sieges", "origin": "Domrémy"},
    )
    row = re.compile(
        rf'<li>\s*<a class="person-row" href="/people/{person.pk}/">.*?</li>', re.DOTALL
    )
    found = [
        row.findall(owner_client.get(url).content.decode())
        for url in (
            "/people/",
            "/people/?q=sailing",
            "/people/?tag=sea",
            "/people/?status=connection",
        )
    ]
    assert len(found[0]) == 1 and all(rows == found[0] for rows in found)
    html = found[0][0]
    assert 'aria-hidden="true">ÈD</span>' in html and "60% story" in html
    assert "Captain · Orléans &amp; Co" in html and "<strong>Ève d&#x27;Arc</strong>" in html
    assert '<span class="badge tag">&lt;i&gt;x&lt;/i&gt;</span> <span class="badge tag">sea' in html
