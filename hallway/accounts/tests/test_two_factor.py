"""Two-factor authentication end to end on the server side, with real TOTP codes computed from
the device's secret (django-otp's own TOTP) at a frozen time."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from typer.testing import CliRunner

from hallway.accounts.two_factor import two_factor_enabled
from hallway.cli import app
from hallway.conftest import PASSWORD, two_factor_on

START = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> Iterator[Any]:
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def code_of(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows now."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(code_of(device)) + 1) % 1_000_000:06d}"


def _password_step(client: Client, username: str = "olivia", next_url: str = "") -> Any:
    data = {"username": username, "password": PASSWORD}
    return client.post(f"/accounts/login/{'?next=' + next_url if next_url else ''}", data)


def _logged_in(client: Client) -> bool:
    return client.get("/people/").status_code == 200


def test_setup_turns_on_only_after_a_right_code_and_shows_ten_recovery_codes(
    owner: Any, owner_client: Client, clock: Any
) -> None:
    page = owner_client.get("/accounts/settings/").content.decode()
    assert "Two-factor authentication" in page and "Turn on two-factor authentication" in page
    setup = owner_client.get("/accounts/settings/two-factor/")
    device = TOTPDevice.objects.get(user=owner, confirmed=False)
    body = setup.content.decode()
    assert "<svg" in body  # the QR code
    secret = setup.context["secret"].replace(" ", "")
    assert secret in body.replace(" ", "")
    # The typed secret is the device's key, so an app given either computes the same codes.
    assert (
        owner_client.get("/accounts/settings/two-factor/").context["secret"]
        == setup.context["secret"]
    )
    refused = owner_client.post("/accounts/settings/two-factor/", {"code": wrong_code(device)})
    assert refused.status_code == 422 and "That code is not right" in refused.content.decode()
    assert not two_factor_enabled(owner)
    clock.shift(2)  # django-otp waits a second after a wrong code
    done = owner_client.post("/accounts/settings/two-factor/", {"code": code_of(device)})
    assert done.status_code == 200 and two_factor_enabled(owner)
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    shown = done.content.decode()
    assert all(code in shown for code in codes) and "will not be shown again" in shown
    assert 'download="hallway-recovery-codes.txt"' in shown
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(
        code.replace(" ", "") for code in codes
    )
    settings_page = owner_client.get("/accounts/settings/").content.decode()
    assert "10 recovery codes left" in settings_page and "Authenticator app" in settings_page


def test_login_asks_for_the_code_after_the_password(owner: Any, clock: Any) -> None:
    device = two_factor_on(owner)
    client = Client()
    step = _password_step(client, next_url="/events/")
    assert step.status_code == 302 and step["Location"] == "/accounts/login/code/"
    assert not _logged_in(client)  # the password alone is not enough
    wrong = client.post("/accounts/login/code/", {"code": wrong_code(device)})
    assert wrong.status_code == 422 and "That code is not right" in wrong.content.decode()
    assert not _logged_in(client)
    clock.shift(2)
    right = client.post("/accounts/login/code/", {"code": code_of(device)})
    assert right.status_code == 302 and right["Location"] == "/events/"
    assert _logged_in(client)
    # A code works once (the next log-in needs the next one).
    other = Client()
    _password_step(other)
    assert other.post("/accounts/login/code/", {"code": code_of(device)}).status_code == 422
    clock.shift(30)
    assert other.post("/accounts/login/code/", {"code": code_of(device)}).status_code == 302


def test_without_two_factor_the_password_logs_in_as_before(owner: Any) -> None:
    client = Client()
    assert _password_step(client)["Location"] == "/"
    assert _logged_in(client)


def test_the_code_step_needs_the_password_step_first(db: Any) -> None:
    response = Client().get("/accounts/login/code/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"


def test_the_password_step_expires(owner: Any, clock: Any) -> None:
    device = two_factor_on(owner)
    client = Client()
    _password_step(client)
    clock.shift(11 * 60)
    late = client.post("/accounts/login/code/", {"code": code_of(device)})
    assert late["Location"] == "/accounts/login/" and not _logged_in(client)


def test_a_recovery_code_logs_in_once(owner: Any, clock: Any) -> None:
    two_factor_on(owner)
    code = StaticToken.objects.filter(device__user=owner).first().token  # type: ignore[union-attr]
    client = Client()
    _password_step(client)
    typed = f"{code[:4].upper()} {code[4:].upper()}"  # as shown, in capitals: still accepted
    used = client.post("/accounts/login/code/", {"code": typed}, follow=True)
    assert _logged_in(client)
    assert "9 left" in used.content.decode()
    again = Client()
    _password_step(again)
    clock.shift(5)
    assert again.post("/accounts/login/code/", {"code": code}).status_code == 422
    assert not _logged_in(again)


def test_guessing_codes_is_throttled_and_locks_like_wrong_passwords(
    owner: Any, clock: Any, settings: Any
) -> None:
    device = two_factor_on(owner)
    client = Client()
    _password_step(client)
    guess = wrong_code(device)
    first = client.post("/accounts/login/code/", {"code": guess})
    assert first.status_code == 422
    # django-otp's own throttle: right away even a right code waits.
    hurried = client.post("/accounts/login/code/", {"code": code_of(device)})
    assert "Too many wrong codes: wait" in hurried.content.decode() and not _logged_in(client)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 2):
        clock.shift(60)
        client.post("/accounts/login/code/", {"code": wrong_code(device)})
    clock.shift(60)
    locked = client.post("/accounts/login/code/", {"code": code_of(device)})
    assert locked.status_code == 429 and "Too many failed log-ins" in locked.content.decode()
    assert not _logged_in(client)
    # The lock holds the password step too, from this address.
    assert _password_step(Client()).status_code == 429
    attempt = AccessAttempt.objects.get(username="olivia")
    assert attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT
    assert guess not in attempt.post_data  # the codes tried are masked in the log


def test_turning_off_asks_for_the_password_or_a_code(
    owner: Any, owner_client: Client, clock: Any
) -> None:
    device = two_factor_on(owner)
    page = owner_client.get("/accounts/settings/two-factor/off/")
    assert page.status_code == 200 and "Turn off two-factor authentication" in page.content.decode()
    refused = owner_client.post("/accounts/settings/two-factor/off/", {"secret": "guess"})
    assert refused.status_code == 422 and "neither your password" in refused.content.decode()
    assert two_factor_enabled(owner)
    clock.shift(5)
    done = owner_client.post("/accounts/settings/two-factor/off/", {"secret": code_of(device)})
    assert done["Location"] == "/accounts/settings/"
    assert not two_factor_enabled(owner)
    assert not StaticToken.objects.filter(device__user=owner).exists()
    # And the password alone logs in again.
    client = Client()
    assert _password_step(client)["Location"] == "/" and _logged_in(client)


def test_removing_the_only_app_with_the_password_turns_two_factor_off(
    owner: Any, owner_client: Client
) -> None:
    device = two_factor_on(owner)
    url = f"/accounts/settings/two-factor/apps/{device.pk}/remove/"
    assert owner_client.post(url, {"secret": PASSWORD})["Location"] == "/accounts/settings/"
    assert not two_factor_enabled(owner)
    assert not StaticToken.objects.filter(device__user=owner).exists()


def test_new_recovery_codes_replace_the_old_ones(owner: Any, owner_client: Client) -> None:
    two_factor_on(owner)
    old = set(StaticToken.objects.filter(device__user=owner).values_list("token", flat=True))
    response = owner_client.post("/accounts/settings/two-factor/recovery-codes/")
    new = {code.replace(" ", "") for code in response.context["codes"]}
    assert len(new) == 10 and not new & old
    assert (
        set(StaticToken.objects.filter(device__user=owner).values_list("token", flat=True)) == new
    )


def test_nobody_else_sees_or_removes_your_authenticator(
    owner: Any, teammate_client: Client, outsider_client: Client
) -> None:
    device = two_factor_on(owner)
    url = f"/accounts/settings/two-factor/apps/{device.pk}/remove/"
    for client in (teammate_client, outsider_client):
        assert client.get(url).status_code == 404
        assert client.post(url, {"secret": PASSWORD}).status_code == 404
        # Their own settings and set-up pages show nothing of the owner's.
        assert "Authenticator app" not in client.get("/accounts/settings/").content.decode()
        setup = client.get("/accounts/settings/two-factor/")
        assert setup.context["secret"].replace(" ", "") not in {"", device.key}
    assert Client().get(url)["Location"].startswith("/accounts/login/")
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()


def test_api_tokens_keep_working_with_two_factor_on(owner: Any, owner_api: Any) -> None:
    two_factor_on(owner)
    assert owner_api.get("people").status_code == 200


runner = CliRunner()


def test_the_cli_says_the_status_and_resets_a_lost_phone(owner: Any, clock: Any) -> None:
    off = runner.invoke(app, ["user", "2fa-status", "olivia"])
    assert off.exit_code == 0 and "off for olivia" in off.output
    two_factor_on(owner)
    on = runner.invoke(app, ["user", "2fa-status", "olivia"])
    assert on.exit_code == 0 and "on for olivia" in on.output
    assert "Authenticator app" in on.output and "10 recovery codes left" in on.output
    reset = runner.invoke(app, ["user", "2fa-reset", "olivia"])
    assert reset.exit_code == 0 and "off for olivia" in reset.output
    assert not two_factor_enabled(owner)
    client = Client()
    assert _password_step(client)["Location"] == "/" and _logged_in(client)
    again = runner.invoke(app, ["user", "2fa-reset", "olivia"])
    assert again.exit_code == 0 and "already off" in again.output


def test_the_cli_refuses_an_unknown_user_in_one_line(db: Any) -> None:
    for command in ("2fa-status", "2fa-reset"):
        result = runner.invoke(app, ["user", command, "nobody"])
        assert result.exit_code != 0
        assert re.search(r"No user named .nobody.", result.output)


def test_a_second_app_keeps_the_codes_and_removing_one_leaves_two_factor_on(
    owner: Any, owner_client: Client, clock: Any
) -> None:
    first = two_factor_on(owner)
    codes = set(StaticToken.objects.filter(device__user=owner).values_list("token", flat=True))
    owner_client.get("/accounts/settings/two-factor/")
    second = TOTPDevice.objects.get(user=owner, confirmed=False)
    added = owner_client.post("/accounts/settings/two-factor/", {"code": code_of(second)})
    assert added["Location"] == "/accounts/settings/"
    assert TOTPDevice.objects.filter(user=owner, confirmed=True).count() == 2
    kept = set(StaticToken.objects.filter(device__user=owner).values_list("token", flat=True))
    assert kept == codes
    url = f"/accounts/settings/two-factor/apps/{first.pk}/remove/"
    assert owner_client.post(url, {"secret": PASSWORD})["Location"] == "/accounts/settings/"
    assert two_factor_enabled(owner) and not TOTPDevice.objects.filter(pk=first.pk).exists()
    assert StaticToken.objects.filter(device__user=owner).count() == 10
