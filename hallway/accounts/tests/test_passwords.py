"""Password rules everywhere accounts are made, changing a password, and resetting it by e-mail."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from hallway.accounts.services import password_set, user_create
from hallway.cli import app
from hallway.conftest import PASSWORD

NAME_MESSAGE = "Your password cannot contain your user name."
NEW_PASSWORD = "a-brand-new-passphrase-77"


def test_sign_up_refuses_a_password_made_of_the_user_name(client: Client, db: Any) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {"username": "zoe", "password1": "zoezoezoe", "password2": "zoezoezoe"},
    )
    assert response.status_code == 200
    assert NAME_MESSAGE in response.context["form"].errors["password1"]
    assert not User.objects.filter(username="zoe").exists()


def test_the_accounts_service_refuses_it_in_any_case(db: Any) -> None:
    with pytest.raises(ValidationError) as error:
        user_create(username="Zoe", password="my-ZOE-passphrase")
    assert NAME_MESSAGE in error.value.messages
    assert user_create(username="jo", password="jo-likes-long-walks").username == "jo"


def test_hallway_user_create_refuses_it_in_one_line(db: Any) -> None:
    result = CliRunner().invoke(
        app, ["user", "create", "zoe", "--password-stdin"], input="zoezoezoe\n"
    )
    assert result.exit_code == 1
    assert NAME_MESSAGE in result.output
    assert not User.objects.filter(username="zoe").exists()


def _logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_changing_the_password_in_settings_keeps_this_session_and_ends_the_others(
    owner: Any,
) -> None:
    here, elsewhere = _logged_in(owner), _logged_in(owner)
    assert (
        f'href="{reverse("accounts:password_change")}"'
        in here.get(reverse("accounts:settings")).content.decode()
    )
    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == reverse("accounts:settings")
    assert here.get(reverse("people:list")).status_code == 200
    assert elsewhere.get(reverse("people:list")).status_code == 302  # logged out
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)


def test_the_change_form_checks_the_old_password_and_the_rules(
    owner_client: Client, owner: Any
) -> None:
    url = reverse("accounts:password_change")
    wrong = owner_client.post(
        url, {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert "old_password" in wrong.context["form"].errors
    weak = owner_client.post(
        url,
        {"old_password": PASSWORD, "new_password1": "olivia-2026", "new_password2": "olivia-2026"},
    )
    assert NAME_MESSAGE in weak.context["form"].errors["new_password2"]
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_anonymous_cannot_reach_the_change_form(client: Client, db: Any) -> None:
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_set_password_from_the_command_line(owner: Any) -> None:
    session = _logged_in(owner)
    runner = CliRunner()
    command = ["user", "set-password", owner.username, "--password-stdin"]
    weak = runner.invoke(app, command, input="olivia-olivia\n")
    assert weak.exit_code == 1 and NAME_MESSAGE in weak.output
    assert runner.invoke(app, command[:3]).exit_code == 1  # never as an argument
    missing = runner.invoke(
        app, ["user", "set-password", "nobody", "--password-stdin"], input="x\n"
    )
    assert missing.exit_code == 1 and "No user named" in missing.output
    done = runner.invoke(app, command, input=f"{NEW_PASSWORD}\n")
    assert done.exit_code == 0, done.output
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)
    assert session.get(reverse("people:list")).status_code == 302  # its session ended


def test_the_service_sets_a_valid_password(owner: Any) -> None:
    with pytest.raises(ValidationError):
        password_set(user=owner, password="short")
    password_set(user=owner, password=NEW_PASSWORD)
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)


def test_reset_by_e_mail_through_a_real_mail_server(
    client: Client, owner: Any, teammate: Any, smtp_server: Any
) -> None:
    login_page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in login_page
    response = client.post(reverse("accounts:password_reset"), {"email": owner.email})
    assert response["Location"] == reverse("accounts:password_reset_done")
    # An unknown address gets the same answer and no mail.
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert unknown["Location"] == reverse("accounts:password_reset_done")
    [message] = smtp_server.messages
    assert message["To"] == owner.email
    assert message["Subject"] == "Reset your Hallway password"
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", message.get_content())
    assert link is not None
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    chosen = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert chosen["Location"] == reverse("accounts:password_reset_complete")
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)
    teammate.refresh_from_db()
    assert teammate.check_password(PASSWORD)
    # The link works once.
    again = client.get(link.group(1), follow=True)
    assert "This link has been used or has expired." in again.content.decode()
