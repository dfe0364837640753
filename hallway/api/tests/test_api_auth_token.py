"""POST /api/v1/auth/token: a password buys a token; repeated failures are throttled."""

from __future__ import annotations

from typing import Any

from django.test import Client

from hallway.accounts.models import ApiToken, hash_token
from hallway.conftest import PASSWORD


def _post(body: Any) -> Any:
    return Client(enforce_csrf_checks=True).post(
        "/api/v1/auth/token", body, content_type="application/json"
    )


def test_the_right_password_returns_201_and_a_working_token(owner: Any) -> None:
    response = _post({"username": "olivia", "password": PASSWORD})
    assert response.status_code == 201
    token = response.json()["token"]
    stored = ApiToken.objects.get(owner=owner)
    assert stored.digest == hash_token(token)
    assert token not in (stored.digest, stored.prefix)  # only the hash is kept
    people = Client().get("/api/v1/people", headers={"Authorization": f"Bearer {token}"})
    assert people.status_code == 200


def test_a_wrong_password_is_401_with_a_detail(owner: Any) -> None:
    response = _post({"username": "olivia", "password": "nope"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Wrong username or password."}
    assert not ApiToken.objects.exists()


def test_an_unknown_user_gets_the_same_401(db: Any) -> None:
    response = _post({"username": "nobody", "password": "whatever"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Wrong username or password."}


def test_missing_fields_are_422_naming_the_field(db: Any) -> None:
    response = _post({"username": "olivia"})
    assert response.status_code == 422
    assert response.json() == {"detail": "password: is required"}


def test_a_body_that_is_not_json_is_400(db: Any) -> None:
    response = _post("{not json")
    assert response.status_code == 400
    assert response.json() == {"detail": "The request body is not valid JSON."}


def test_repeated_failures_lock_the_username_with_a_json_429(owner: Any, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        assert _post({"username": "olivia", "password": "wrong"}).status_code == 401
    locked = _post({"username": "olivia", "password": "wrong"})
    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.json()["detail"]
    # Even the right password is refused while locked.
    assert _post({"username": "olivia", "password": PASSWORD}).status_code == 429
    assert not ApiToken.objects.exists()


# --- With two-factor authentication on, the password alone buys no token -----------------------


def test_with_two_factor_on_the_password_alone_gets_no_token(owner: Any) -> None:
    from hallway.conftest import two_factor_on

    two_factor_on(owner)
    response = _post({"username": "olivia", "password": PASSWORD})
    assert response.status_code == 401
    assert (
        'send the code from your authenticator app (or a recovery code) as "code"'
        in (response.json()["detail"])
    )
    assert not ApiToken.objects.exists()


def test_with_two_factor_on_the_right_code_or_a_recovery_code_gets_a_token(owner: Any) -> None:
    import time_machine
    from django_otp.plugins.otp_static.models import StaticToken

    from hallway.accounts.tests.test_two_factor import START, code_of
    from hallway.conftest import two_factor_on

    device = two_factor_on(owner)
    with time_machine.travel(START, tick=False):
        right = _post({"username": "olivia", "password": PASSWORD, "code": code_of(device)})
    assert right.status_code == 201
    recovery = StaticToken.objects.filter(device__user=owner).first()
    assert recovery is not None
    spent = recovery.token
    by_recovery = _post({"username": "olivia", "password": PASSWORD, "code": spent})
    assert by_recovery.status_code == 201
    # A recovery code works once.
    again = _post({"username": "olivia", "password": PASSWORD, "code": spent})
    assert again.status_code == 401
    assert ApiToken.objects.filter(owner=owner).count() == 2


def test_wrong_codes_count_with_wrong_passwords_and_lock_the_name(
    owner: Any, settings: Any
) -> None:
    import time_machine

    from hallway.accounts.tests.test_two_factor import START, code_of, wrong_code
    from hallway.conftest import two_factor_on

    settings.AXES_FAILURE_LIMIT = 3
    device = two_factor_on(owner)
    with time_machine.travel(START, tick=False) as clock:
        assert _post({"username": "olivia", "password": "wrong"}).status_code == 401
        clock.shift(60)
        first = _post({"username": "olivia", "password": PASSWORD, "code": wrong_code(device)})
        assert first.status_code == 401
        assert first.json()["detail"].startswith("That code is not right.")
        clock.shift(60)  # past django-otp's own growing wait between tries
        locked = _post({"username": "olivia", "password": PASSWORD, "code": wrong_code(device)})
        assert locked.status_code == 429
        assert locked.json() == {"detail": "Too many failed attempts: try again later."}
        # Even the right code is refused while the name is locked.
        clock.shift(60)
        right = _post({"username": "olivia", "password": PASSWORD, "code": code_of(device)})
    assert right.status_code == 429
    assert not ApiToken.objects.exists()
