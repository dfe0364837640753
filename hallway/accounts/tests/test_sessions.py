"""The session store reads Django's own session rows, through a statement compiled once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hallway.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_session_is_read_back_until_it_expires() -> None:
    store = SessionStore()
    store["moment"] = "after the keynote"
    store.save()
    key = store.session_key
    assert SessionStore(key)["moment"] == "after the keynote"
    assert SessionStore(key).load() == DjangoStore(key).load()
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    gone = SessionStore(key)
    assert gone.load() == {}
    assert gone.session_key is None  # an expired key is not reused


def test_an_unknown_key_and_one_written_by_djangos_store() -> None:
    assert SessionStore("x" * 32).load() == {}
    theirs = DjangoStore()
    theirs["who"] = "Ada"
    theirs.save()
    other = DjangoStore()
    other["who"] = "Grace"
    other.save()
    assert SessionStore(theirs.session_key)["who"] == "Ada"
    assert SessionStore(other.session_key)["who"] == "Grace"


def test_signing_in_keeps_the_user_signed_in_and_out(owner: Any) -> None:
    browser = Client()
    browser.force_login(owner)
    assert browser.get(reverse("people:list")).status_code == 200
    browser.logout()
    assert browser.get(reverse("people:list")).status_code == 302


def _session_of(user: Any, backend: str) -> str:
    """A session row as `login()` leaves it for this backend."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = DjangoStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = backend
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return str(store.session_key)


@pytest.mark.parametrize(
    "backend",
    ["django.contrib.auth.backends.ModelBackend", "hallway.accounts.backends.ModelBackend"],
)
def test_sessions_of_either_password_backend_stay_signed_in(owner: Any, backend: str) -> None:
    # Sessions from before Hallway's backend name Django's: nobody is signed out by the change.
    key = _session_of(owner, backend)
    row = Session.objects.get(pk=key).session_data
    browser = Client()
    browser.cookies["sessionid"] = key
    page = browser.get(reverse("people:list"))
    assert page.status_code == 200 and page.wsgi_request.user == owner
    assert Session.objects.get(pk=key).session_data == row  # read, not written


def test_a_session_of_an_inactive_or_deleted_user_or_another_backend_is_signed_out(
    owner: Any,
) -> None:
    for backend in ["hallway.sync.backends.DevicePasswordBackend", "no.such.Backend"]:
        browser = Client()
        browser.cookies["sessionid"] = _session_of(owner, backend)
        assert browser.get(reverse("people:list")).status_code == 302
    key = _session_of(owner, "hallway.accounts.backends.ModelBackend")
    owner.is_active = False
    owner.save()
    browser = Client()
    browser.cookies["sessionid"] = key
    assert browser.get(reverse("people:list")).status_code == 302
