"""Done when: in a real Chromium on a phone, a user turns two-factor on by typing the secret into
"their app" (the code is computed from the secret the page shows) and then logs in with the
password and the app's next code."""

from __future__ import annotations

import datetime as dt
from base64 import b32decode
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django_otp.oath import TOTP

from hallway.conftest import PASSWORD, browser_login

pytestmark = pytest.mark.browser


def _app_code(secret: str) -> str:
    """What an authenticator app given this secret shows now."""
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{TOTP(key).token():06d}"


def test_turning_two_factor_on_and_logging_in_with_a_code(
    phone_page: Any, live_server: Any
) -> None:
    User.objects.create_user(username="ana", email="ana@example.com", password=PASSWORD)
    page = phone_page
    with time_machine.travel(dt.datetime.now(tz=dt.UTC), tick=False) as clock:
        browser_login(page, live_server, "ana")
        page.goto(f"{live_server.url}/accounts/settings/")
        page.click("text=Turn on two-factor authentication")
        page.locator("#two-factor-qr svg").wait_for()
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 360, width  # usable on a 360 px phone
        secret = page.locator("#two-factor-secret").inner_text()
        page.fill("input[name=code]", _app_code(secret))
        page.click("#two-factor-confirm button[type=submit]")
        codes = page.locator("#recovery-codes li")
        codes.first.wait_for()
        assert codes.count() == 10
        assert page.locator("#recovery-codes-download").get_attribute("download")
        page.click("#recovery-codes-done")
        assert "10 recovery codes left" in page.locator("#two-factor").inner_text()

        clock.shift(30)  # the app shows its next code
        page.click("text=Log out")
        page.wait_for_url(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", "ana")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/accounts/login/code/")
        page.fill("input[name=code]", "000000" if _app_code(secret) != "000000" else "111111")
        page.click("button[type=submit]")
        assert "That code is not right" in page.locator("#login-code").inner_text()
        clock.shift(30)  # past django-otp's wait after a wrong code
        page.fill("input[name=code]", _app_code(secret))
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
