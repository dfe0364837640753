from __future__ import annotations

import json

from hallway.accounts.services import token_create
from hallway.lib.story import WARNING_SIGNS
from hallway.practice.models import MonthlyReflection, PracticeGoals

URL = "/api/v1/practice"


def _bearer(user) -> dict[str, str]:
    _, raw = token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_practice_json_has_connection_rate_and_counts_per_warning_sign(client, owner, history):
    response = client.get(URL, **_bearer(owner))
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


def test_teammate_and_outsider_get_their_own_empty_practice(client, history, teammate, outsider):
    for user in (teammate, outsider):
        data = client.get(URL, **_bearer(user)).json()
        assert data["conversations"] == 0 and data["connection_rate"] is None
        assert data["events"] == []


def test_anonymous_gets_401(client, db):
    for method, url in (("get", URL), ("get", URL + "/goals"), ("put", URL + "/goals")):
        response = getattr(client, method)(url)
        assert response.status_code == 401
        assert "detail" in response.json()


def test_goals_can_be_read_and_set(client, owner, frozen):
    headers = _bearer(owner)
    assert client.get(URL + "/goals", **headers).json() == {
        "events_per_month": 2,
        "new_people_per_event": 3,
        "connections_per_month": 2,
        "suggested": True,
    }
    body = {"events_per_month": 4, "new_people_per_event": 2, "connections_per_month": 3}
    response = client.put(
        URL + "/goals", json.dumps(body), content_type="application/json", **headers
    )
    assert response.status_code == 200
    assert response.json() == {**body, "suggested": False}
    assert PracticeGoals.objects.get(owner=owner).events_per_month == 4


def test_bad_goals_get_422_with_a_detail(client, owner, frozen):
    headers = _bearer(owner)
    for body in (
        {"events_per_month": -1, "new_people_per_event": 2, "connections_per_month": 3},
        {"events_per_month": 1},
        {"events_per_month": 1, "new_people_per_event": 2, "connections_per_month": 3, "weeks": 1},
    ):
        response = client.put(
            URL + "/goals", json.dumps(body), content_type="application/json", **headers
        )
        assert response.status_code == 422
        assert response.json()["detail"]
    assert not PracticeGoals.objects.exists()


def test_monthly_reflection_via_the_api(client, owner, teammate, frozen):
    headers = _bearer(owner)
    response = client.put(
        URL + "/reflections/2026-11",
        json.dumps({"text": "Talked more."}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200 and response.json() == {
        "month": "2026-11",
        "text": "Talked more.",
    }
    assert client.get(URL, **headers).json()["monthly_reflections"] == {"2026-11": "Talked more."}
    assert client.get(URL, **_bearer(teammate)).json()["monthly_reflections"] == {}
    for month in ("2026-13", "2027-01", "soon", "0001-01"):
        bad = client.put(
            URL + f"/reflections/{month}",
            json.dumps({"text": "x"}),
            content_type="application/json",
            **headers,
        )
        assert bad.status_code == 422 and bad.json()["detail"]
    assert MonthlyReflection.objects.count() == 1


def test_text_that_cannot_be_stored_gets_422(client, owner, frozen):
    response = client.put(
        URL + "/reflections/2026-11",
        json.dumps({"text": "a\u0000b"}),
        content_type="application/json",
        **_bearer(owner),
    )
    assert response.status_code == 422 and "cannot be stored" in response.json()["detail"]
