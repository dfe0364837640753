from django.urls import reverse


def test_person_page_shows_story_first_and_unknown_facets_as_questions(owner_client, person):
    response = owner_client.get(reverse("people:detail", args=[person.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Runs IT at Acme" in body
    assert "What are they passionate about?" in body
