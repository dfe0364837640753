from __future__ import annotations

from django.urls import reverse

from hallway.practice.models import MonthlyReflection, PracticeGoals

URL = "/practice/"


def test_progress_url_is_named_for_the_navigation():
    assert reverse("practice:progress") == URL


def test_owner_sees_this_month_numbers_tables_and_insights(owner_client, history):
    response = owner_client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="months-table"' in body and "Nov 2026" in body
    assert 'id="connection-rate">40%<' in body
    assert (
        "Your conversations this quarter ended with a story 50% of the time, up from 25%." in body
    )
    assert "Cloud Meetup" in body and "Good crowd" in body
    assert "suggested goals" in body
    assert 'id="practice-chart-data"' in body and "chart-4.6.1.umd.min.js" in body


def test_a_new_user_gets_an_honest_empty_state_without_charts(teammate_client, frozen):
    body = teammate_client.get(URL).content.decode()
    assert "No practice to show yet." in body
    assert "<canvas" not in body
    assert "suggested goals" in body


def test_teammate_and_outsider_see_none_of_the_owner_s_practice(other_clients, history):
    for client in other_clients:
        body = client.get(URL).content.decode()
        assert "No practice to show yet." in body
        assert "Cloud Meetup" not in body


def test_anonymous_is_sent_to_login(client, db):
    for url in (URL, reverse("practice:goals"), reverse("practice:reflection")):
        response = client.post(url) if "reflection" in url else client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_saving_goals_stores_them_and_they_are_no_longer_suggested(owner_client, owner, history):
    response = owner_client.post(
        reverse("practice:goals"),
        {"events_per_month": 1, "new_people_per_event": 2, "connections_per_month": 1},
    )
    assert response.status_code == 302
    goals = PracticeGoals.objects.get(owner=owner)
    assert (goals.events_per_month, goals.new_people_per_event, goals.connections_per_month) == (
        1,
        2,
        1,
    )
    body = owner_client.get(URL).content.decode()
    assert "suggested goals" not in body
    assert "You have met all your goals for November." in body


def test_bad_goals_are_refused_with_a_message(owner_client, owner, frozen):
    response = owner_client.post(
        reverse("practice:goals"),
        {"events_per_month": -1, "new_people_per_event": "many", "connections_per_month": 1000},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "greater than or equal to 0" in body
    assert "Enter a whole number." in body
    assert not PracticeGoals.objects.filter(owner=owner).exists()


def test_htmx_goals_post_returns_the_partial(owner_client, owner, frozen):
    response = owner_client.post(
        reverse("practice:goals"),
        {"events_per_month": 3, "new_people_per_event": 3, "connections_per_month": 3},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section class="card" id="practice-goals"')
    assert "Goals saved." in body and "<html" not in body


def test_each_user_s_goals_are_their_own(owner_client, teammate_client, owner, teammate, frozen):
    owner_client.post(
        reverse("practice:goals"),
        {"events_per_month": 5, "new_people_per_event": 5, "connections_per_month": 5},
    )
    assert not PracticeGoals.objects.filter(owner=teammate).exists()
    assert "suggested goals" in teammate_client.get(URL).content.decode()


def test_monthly_reflection_is_saved_and_shown_beside_the_numbers(owner_client, owner, history):
    response = owner_client.post(
        reverse("practice:reflection"), {"month": "2026-10", "text": "Too shy in October."}
    )
    assert response.status_code == 302
    assert MonthlyReflection.objects.get(owner=owner).month.isoformat() == "2026-10-01"
    body = owner_client.get(URL).content.decode()
    assert "Too shy in October." in body


def test_htmx_reflection_returns_the_partial_and_empty_text_clears_it(owner_client, owner, frozen):
    response = owner_client.post(
        reverse("practice:reflection"), {"text": "Good month."}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert 'id="practice-reflection"' in response.content.decode()
    assert MonthlyReflection.objects.get(owner=owner).text == "Good month."
    owner_client.post(reverse("practice:reflection"), {"text": ""})
    assert not MonthlyReflection.objects.filter(owner=owner).exists()


def test_reflection_on_a_future_or_malformed_month_is_refused(owner_client, owner, frozen):
    for month in ("2026-12", "2024-01", "next month"):
        response = owner_client.post(reverse("practice:reflection"), {"month": month, "text": "x"})
        assert response.status_code == 422
        assert "Pick one of the last 12 months" in response.content.decode()
    assert not MonthlyReflection.objects.exists()


def test_too_long_reflection_is_refused(owner_client, owner, frozen):
    response = owner_client.post(reverse("practice:reflection"), {"text": "x" * 2001})
    assert response.status_code == 422
    assert "at most 2000 characters" in response.content.decode()


def test_each_user_s_reflections_are_their_own(owner_client, teammate_client, owner, frozen):
    owner_client.post(reverse("practice:reflection"), {"text": "Private thoughts."})
    assert "Private thoughts." not in teammate_client.get(URL).content.decode()


def test_htmx_bad_goals_return_the_partial_with_messages(owner_client, owner, frozen):
    response = owner_client.post(
        reverse("practice:goals"),
        {"events_per_month": 101, "new_people_per_event": 1, "connections_per_month": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="practice-goals"' in body and "<html" not in body
    assert "less than or equal to 100" in body
    assert not PracticeGoals.objects.filter(owner=owner).exists()


def test_the_progress_page_needs_the_same_few_queries_however_much_data(
    owner_client, owner, history, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        owner_client.get(URL)
    from hallway.practice.tests.dataset import build_practice_history

    for _ in range(3):  # four times the conversations and events
        build_practice_history(owner)
    with django_assert_max_num_queries(14):
        owner_client.get(URL)
