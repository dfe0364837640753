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
