"""gunicorn's threaded worker, answering the request lines it refuses with our JSON error.

gunicorn reads the request line before the app sees anything; past `limit_request_line` it
would write its own HTML 414. Clients of the API expect `{"detail": …}` for every error."""

from __future__ import annotations

import json
from typing import Any

from gunicorn import util
from gunicorn.http.errors import LimitRequestLine
from gunicorn.workers.gthread import ThreadWorker

from hallway.lib.web import url_too_long_detail


def json_error_bytes(status: int, reason: str, detail: str) -> bytes:
    body = json.dumps({"detail": detail}).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body


class JsonErrorThreadWorker(ThreadWorker):  # type: ignore[misc]
    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        if not isinstance(exc, LimitRequestLine):
            super().handle_error(req, client, addr, exc)
            return
        self.log.warning("Request line too long from ip=%s", (addr or ("",))[0])
        detail = url_too_long_detail()
        try:
            util.write_nonblock(client, json_error_bytes(414, "URI Too Long", detail))
        except Exception:  # noqa: BLE001 - the client may be gone; nothing more to tell it
            self.log.debug("Failed to send error message.")
