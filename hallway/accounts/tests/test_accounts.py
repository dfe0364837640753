from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from hallway.conftest import PASSWORD


def test_signing_up_logs_the_new_user_in(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "nia", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_weak_password_is_refused_with_a_message(client, db):
    response = client.post(
        reverse("accounts:signup"), {"username": "nia", "password1": "123", "password2": "123"}
    )
    assert "This password is too short" in response.content.decode()
    assert not User.objects.filter(username="nia").exists()


def test_signup_can_be_closed_on_shared_servers(client, db, settings):
    settings.SIGNUP_OPEN = False
    assert client.get(reverse("accounts:signup")).status_code == 404


def test_passwords_are_hashed_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = User.objects.create_user("ada", password=PASSWORD)
    assert user.password.startswith("argon2")


def test_repeated_wrong_passwords_lock_the_login(owner, settings):
    client = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "olivia", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "olivia", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()


def test_forms_require_csrf(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(reverse("people:create"), {"name": "x"}).status_code == 403
