from __future__ import annotations

from hallway.lib.story import WARNING_SIGNS
from hallway.practice.models import MonthlyReflection, PracticeGoals

URL = "/api/v1/practice"


def test_practice_json_has_connection_rate_and_counts_per_warning_sign(owner_api, history):
    response = owner_api.get(URL)
    assert response.status_code == 200
    data = response.json()
    assert data["connection_rate"] == 0.4
    assert set(data["warning_signs"]) == set(WARNING_SIGNS)
    assert data["warning_signs"]["wandering_eyes"] == 4
    assert data["warning_sign_median_seconds"]["wandering_eyes"] == 540
    assert data["outcomes"] == {"connected": 3, "cards_only": 6, "cut_short": 2, "ongoing": 0}
    assert data["this_month"]["month"] == "2026-11" and data["this_month"]["stories"] == 2
    assert len(data["months"]) == 12
    assert data["goals"]["suggested"] is True
    assert any("up from 25%" in sentence for sentence in data["insights"])


def test_teammate_and_outsider_get_their_own_empty_practice(history, other_apis):
    for api in other_apis:
        data = api.get(URL).json()
        assert data["conversations"] == 0 and data["connection_rate"] is None
        assert data["events"] == []


def test_anonymous_gets_401(client, db):
    for method, url in (("get", URL), ("get", URL + "/goals"), ("put", URL + "/goals")):
        response = getattr(client, method)(url)
        assert response.status_code == 401
        assert "detail" in response.json()


def test_goals_can_be_read_and_set(owner_api, owner, frozen):
    assert owner_api.get(URL + "/goals").json() == {
        "events_per_month": 2,
        "new_people_per_event": 3,
        "connections_per_month": 2,
        "suggested": True,
    }
    body = {"events_per_month": 4, "new_people_per_event": 2, "connections_per_month": 3}
    response = owner_api.put(URL + "/goals", body)
    assert response.status_code == 200
    assert response.json() == {**body, "suggested": False}
    assert PracticeGoals.objects.get(owner=owner).events_per_month == 4


def test_bad_goals_get_422_with_a_detail(owner_api, frozen):
    for body in (
        {"events_per_month": -1, "new_people_per_event": 2, "connections_per_month": 3},
        {"events_per_month": 1},
        {"events_per_month": 1, "new_people_per_event": 2, "connections_per_month": 3, "weeks": 1},
    ):
        response = owner_api.put(URL + "/goals", body)
        assert response.status_code == 422
        assert response.json()["detail"]
    assert not PracticeGoals.objects.exists()


def test_monthly_reflection_via_the_api(owner_api, teammate_api, frozen):
    response = owner_api.put(URL + "/reflections/2026-11", {"text": "Talked more."})
    assert response.status_code == 200 and response.json() == {
        "month": "2026-11",
        "text": "Talked more.",
    }
    assert owner_api.get(URL).json()["monthly_reflections"] == {"2026-11": "Talked more."}
    assert teammate_api.get(URL).json()["monthly_reflections"] == {}
    for month in ("2026-13", "2027-01", "soon", "0001-01"):
        bad = owner_api.put(URL + f"/reflections/{month}", {"text": "x"})
        assert bad.status_code == 422 and bad.json()["detail"]
    assert MonthlyReflection.objects.count() == 1


def test_text_that_cannot_be_stored_gets_422(owner_api, frozen):
    response = owner_api.put(URL + "/reflections/2026-11", {"text": "a\u0000b"})
    assert response.status_code == 422 and "cannot be stored" in response.json()["detail"]
