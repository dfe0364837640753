import io
from typing import Any

import pytest
from django.core.wsgi import get_wsgi_application
from django.test import RequestFactory
from django.urls import reverse, set_script_prefix

from hallway.lib.web import reverse_fixed, reverse_with_id


def test_urls_with_an_id_are_those_of_reverse() -> None:
    for name in ("people:detail", "events:detail", "conversations:detail"):
        for pk in (1, 7, 42, 987, 2**40):
            assert reverse_with_id(name, pk) == reverse(name, args=[pk])


def test_a_script_prefix_is_kept() -> None:
    set_script_prefix("/hallway/")
    try:
        assert reverse_with_id("people:detail", 5) == reverse("people:detail", args=[5])
        assert reverse_with_id("people:detail", 5).startswith("/hallway/")
    finally:
        set_script_prefix("/")


def test_outside_a_request_each_reverse_reads_the_prefix() -> None:
    set_script_prefix("/hallway/")
    try:
        assert reverse_fixed("people:list") == reverse("people:list")
        assert reverse_fixed("people:list").startswith("/hallway/")
    finally:
        set_script_prefix("/")
    assert reverse_fixed("people:list") == reverse("people:list")


@pytest.mark.django_db
def test_each_request_reverses_under_its_own_prefix() -> None:
    # The prefix is worked out once a request (hallway.lib.web._resolving), so a request
    # under another SCRIPT_NAME (a second site behind the same server) must not get the URLs
    # of the one before it.
    application = get_wsgi_application()

    def page(script_name: str) -> str:
        environ = RequestFactory().get("/accounts/login/").environ
        environ.update({"SCRIPT_NAME": script_name, "wsgi.input": io.BytesIO(b"")})
        answers: list[str] = []

        def start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
            answers.append(status)
            return lambda data: None

        body = application(environ, start_response)
        try:
            assert answers[0].startswith("200"), answers
            return b"".join(body).decode()
        finally:
            getattr(body, "close", lambda: None)()

    for _ in range(2):
        under = page("/hallway")
        assert 'href="/hallway/accounts/signup/' in under
        top = page("")
        assert 'href="/accounts/signup/' in top and 'href="/hallway/' not in top
    assert reverse_fixed("people:list") == reverse("people:list")  # and outside, as before
