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
