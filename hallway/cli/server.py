"""Run gunicorn (a production-grade WSGI server) in-process, plus the engine and task workers.

`hallway serve` migrates and collects the static files, then replaces itself (exec, the same
process id) with `python -m hallway.cli.server`: a fresh interpreter that imports only what the
web app needs before gunicorn forks its workers from it. Measured: the gunicorn master held
17 MB more after migrating and collecting, and 9 MB of the command line's modules, each copied
into both web workers (about 75 MB of the resident memory summed over the server's processes).

Start-up: the engine process (the sentence model, the OCR engine and the speech model, loaded
once for the whole server) and the task worker start first, gunicorn second; "ready" is printed
once the web workers answer and every engine has loaded, so the first search is a warm one.
Until then a search answers with keywords and says so.

Stopping (SIGTERM, or Ctrl+C in the terminal): gunicorn gives open requests a few seconds, then
the engine and task workers get SIGTERM, and whatever still runs after a few more seconds is
killed, so nothing is left behind.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import http.client
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from gunicorn.app.base import BaseApplication

# Seconds open requests get to finish, then seconds the helper processes get to leave.
GRACEFUL_SECONDS = 3
HELPER_STOP_SECONDS = 5
ENGINE_LOAD_LIMIT_SECONDS = 600
# A Unix socket path is at most 108 bytes; a deeper data folder gets no control socket.
_SOCKET_PATH_LIMIT = 100


class _HallwayServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        # Loaded once in the master (preload_app) and shared by the forked workers: the URL
        # configuration imports every view (3.5 s on a busy machine, measured on the first
        # request of each worker otherwise), and the templates are compiled once.
        from django.db import connections

        from hallway.wsgi import application

        _warm_up()
        connections.close_all()
        # What the master has built is never freed: out of the collector's sight, so its walks
        # in the workers do not write to (and copy) the pages they share with the master.
        gc.collect()
        gc.freeze()
        return application


def _ignore_response(status: str, headers: Any, exc_info: Any = None) -> Any:
    return lambda data: None


def _warm_request_path() -> None:
    """A login page and an API call through the whole stack and a keyword search for nobody: what is
    lazily imported or compiled on a first request (regular expressions, lookups) is done."""
    import io

    from hallway.search import keyword
    from hallway.wsgi import application

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/accounts/login/",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }
    api = {
        **environ,
        "PATH_INFO": "/api/v1/search",
        "QUERY_STRING": "q=warm+up",
        "HTTP_AUTHORIZATION": "Bearer hw_warm_up_not_a_token",
        "wsgi.input": io.BytesIO(),
    }
    try:
        for request in (environ, api):  # the page path, and the API's token check (a 401)
            b"".join(application(request, _ignore_response))  # type: ignore[arg-type]
        keyword.search(0, "warm up", 20)
    except Exception:  # a warm-up must never keep the server from starting
        logging.getLogger(__name__).warning("warm-up request failed", exc_info=True)


def _warm_up() -> None:
    """Import every view and compile every template now, not in a user's first request."""
    from django.template import engines as template_engines
    from django.template.exceptions import TemplateDoesNotExist, TemplateSyntaxError
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - importing the views is the point
    _warm_request_path()
    for engine in template_engines.all():
        for directory in engine.template_dirs:  # type: ignore[attr-defined]
            if not Path(directory).is_relative_to(settings.BASE_DIR):
                continue  # Hallway's own pages, not every admin template
            for template in Path(directory).rglob("*.html"):
                with contextlib.suppress(TemplateDoesNotExist, TemplateSyntaxError):
                    engine.get_template(str(template.relative_to(directory)))


def _die_with_parent() -> None:
    """In a helper process: get SIGTERM when `hallway serve` dies, even by SIGKILL (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _start_helper(module: str, *arguments: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    # Its own session: a Ctrl+C in the terminal reaches gunicorn only, and this process stops
    # the helpers itself, in order, instead of each printing its own KeyboardInterrupt.
    return subprocess.Popen(
        [sys.executable, "-m", module, *arguments],
        env=env,
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )


def _signal_helpers(helpers: list[subprocess.Popen[bytes]]) -> None:
    for helper in helpers:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(helper.pid, signal.SIGTERM)


def _leave_at_once(_arbiter: Any, _worker: Any) -> None:
    """A web worker that has finished its requests exits without tearing the interpreter
    down object by object (measured: 3 s of a 2-core machine, the whole graceful period)."""
    from django.db import connections

    connections.close_all()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _stop_helpers(helpers: list[subprocess.Popen[bytes]]) -> None:
    _signal_helpers(helpers)
    deadline = time.monotonic() + HELPER_STOP_SECONDS
    for helper in helpers:
        with contextlib.suppress(subprocess.TimeoutExpired):
            helper.wait(timeout=max(0.1, deadline - time.monotonic()))
        # The task worker's own children (and a helper that did not leave) go too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(helper.pid, signal.SIGKILL)
        helper.wait()


def _control_socket_options(data_dir: Path) -> dict[str, Any]:
    """gunicorn's control socket in this server's data folder, never a path shared by all."""
    path = data_dir / "gunicorn.ctl"
    if len(str(path)) > _SOCKET_PATH_LIMIT:
        return {"control_socket_disable": True}
    return {"control_socket": str(path)}


def _announce_when_ready(
    host: str, port: int, engine_process: subprocess.Popen[bytes] | None
) -> None:
    """Print "ready" once the web workers answer and the engines have loaded (or given up)."""
    from hallway import engines
    from hallway.cli.common import console

    address = f"http://{host}:{port}"
    probe_host = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host
    deadline = time.monotonic() + ENGINE_LOAD_LIMIT_SECONDS
    states: dict[str, str] = {}
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(probe_host, port, timeout=5)
            connection.request("GET", "/accounts/login/")
            connection.getresponse().read()
            connection.close()
            break
        except OSError:
            time.sleep(0.2)
    if engine_process is not None:
        found = engines.loaded_states(engine_process, deadline)
        states = (
            found
            if found is not None
            else {"engines": f"stopped (exit {engine_process.returncode}; see above)"}
        )
    off = [f"{name} {reason}" for name, reason in states.items() if reason]
    console.print(
        f"Hallway is ready at [bold]{address}[/] (Ctrl+C to stop)"
        + (f"; not available: {', '.join(off)}" if off else ""),
        highlight=False,
    )


def run_server(*, host: str, port: int, workers: int, with_tasks: bool) -> None:
    from django.db import connections

    from hallway.interop.cards import ocr_available
    from hallway.search import semantic
    from hallway.voice import transcription

    # Nothing opened here (migrate) may be inherited by the forked web workers.
    connections.close_all()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hallway.settings"}
    helpers: list[subprocess.Popen[bytes]] = []
    engine_process = None
    if semantic.is_available() or ocr_available() or transcription.is_available():
        # The web workers are forked from this process, so they see the setting changed here.
        settings.ENGINES = "shared"
        env["HALLWAY_ENGINES"] = "shared"
        # The engine process checkpoints SQLite's log; the writers' commits no longer do.
        settings.SQLITE_CHECKPOINTS = "background"
        env["HALLWAY_SQLITE_CHECKPOINTS"] = "background"
        # The background tasks (embeddings, transcription, digests) run in the engine process
        # too: django-q2's loops as threads there, not its cluster's five more processes.
        arguments = ("--tasks",) if with_tasks else ()
        engine_process = _start_helper("hallway.engines", *arguments, env=env)
        helpers.append(engine_process)
    elif with_tasks:
        # No engine to host them: django-q2's cluster runs the tasks on the database.
        helpers.append(_start_helper("django", "qcluster", env=env))

    def when_ready(arbiter: Any) -> None:
        threading.Thread(
            target=_announce_when_ready, args=(host, port, engine_process), daemon=True
        ).start()
        stop_web = arbiter.stop

        def stop(graceful: bool = True) -> None:
            # The helpers start leaving while the web workers finish their requests.
            _signal_helpers(helpers)
            stop_web(graceful)

        arbiter.stop = stop

    master = os.getpid()
    exit_code = 0
    try:
        _HallwayServer(
            {
                "bind": f"{host}:{port}",
                "workers": max(1, workers),
                "threads": 4,
                "worker_class": "hallway.cli.gunicorn_worker.JsonErrorThreadWorker",
                # Deliberate: long enough for the app to refuse URLs over MAX_REQUEST_LINE with
                # JSON itself; longer lines get the same JSON from the worker (docs/api.md).
                "limit_request_line": settings.GUNICORN_REQUEST_LINE,
                "timeout": 60,
                "preload_app": True,
                "graceful_timeout": GRACEFUL_SECONDS,
                "accesslog": "-" if settings.ACCESS_LOG else None,
                "when_ready": when_ready,
                "worker_exit": _leave_at_once,
                **_control_socket_options(Path(settings.DATA_DIR)),
            }
        ).run()
    except SystemExit as leaving:
        if os.getpid() != master:
            raise
        exit_code = leaving.code if isinstance(leaving.code, int) else int(bool(leaving.code))
    finally:
        # The web workers are forked inside run() and leave through here too: only the
        # master stops the helpers (a worker would kill them at its first restart).
        if os.getpid() == master:
            _stop_helpers(helpers)
    # Everything is stopped and closed: skip tearing the interpreter down object by object.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(exit_code)


def exec_server(*, host: str, port: int, workers: int, with_tasks: bool) -> None:
    """Replace this process with `python -m hallway.cli.server` (the same arguments)."""
    from django.db import connections

    connections.close_all()
    sys.stdout.flush()
    sys.stderr.flush()
    arguments = ["--host", host, "--port", str(port), "--workers", str(workers)]
    if not with_tasks:
        arguments.append("--no-tasks")
    # Two malloc arenas per process instead of one per thread (up to 16 on 2 cores): the
    # threads' freed memory is reused instead of kept apart (measured on the engine process:
    # 14 MB less after its first searches and a batch of embeddings). The helpers inherit it.
    env = {"MALLOC_ARENA_MAX": "2", **os.environ}
    os.execve(sys.executable, [sys.executable, "-m", "hallway.cli.server", *arguments], env)


def main() -> None:
    """`python -m hallway.cli.server`: what `hallway serve` runs once the database is ready."""
    parser = argparse.ArgumentParser(prog="python -m hallway.cli.server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-tasks", action="store_true")
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
    import django

    django.setup()
    run_server(
        host=options.host,
        port=options.port,
        workers=options.workers,
        with_tasks=not options.no_tasks,
    )


if __name__ == "__main__":
    # Run as the module itself, not a second copy of it named __main__.
    from hallway.cli.server import main as server_main

    server_main()
