from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _one_request_at_a_time(request: Any) -> Iterator[None]:
    """The phone sends several requests close together (queue, shell, snapshot, service
    worker). With SQLite in memory, pytest-django's live server shares one connection between
    its threads, which SQLite answers with "database table is locked"; a real server has a
    connection per thread. Serve one request at a time so the tests see the app, not that."""
    if "live_server" not in request.fixturenames:
        yield
        return
    server = request.getfixturevalue("live_server").thread.httpd
    application = server.get_app()
    lock = threading.Lock()

    def serialized(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        with lock:
            return application(environ, start_response)

    server.set_app(serialized)
    # Service worker installs and IndexedDB take longer on a loaded 2-core CI machine.
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)
    server.set_app(application)
