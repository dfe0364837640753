"""A middleware for the benchmarks' server (bench/floor_settings.py): each answer says how long
its SQL took, in a `Server-Timing: sql;dur=…` header (milliseconds, summed over the request's
queries on every connection), so that a page's own time can be told from the engine's query
time it waits on (issue 13: "within 4× the floor plus the engine's own query time")."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from django.db import connections
from django.http import HttpRequest, HttpResponse


class SqlTiming:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        spent = [0.0]

        def timed(
            execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
        ) -> Any:
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                spent[0] += time.perf_counter() - started

        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(timed))
            response = self.get_response(request)
        response["Server-Timing"] = f"sql;dur={spent[0] * 1000:.3f}"
        return response
