"""Run gunicorn (a production-grade WSGI server) in-process, plus the task worker."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from gunicorn.app.base import BaseApplication


class _HallwayServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from hallway.wsgi import application

        return application


def run_server(*, host: str, port: int, workers: int, with_tasks: bool) -> None:
    worker_process = None
    if with_tasks:
        # django-q2's cluster runs the background tasks (embeddings, digests) on the database.
        worker_process = subprocess.Popen(
            [sys.executable, "-m", "django", "qcluster"],
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "hallway.settings"},
        )
    try:
        _HallwayServer(
            {
                "bind": f"{host}:{port}",
                "workers": max(1, workers),
                "threads": 4,
                "worker_class": "gthread",
                "timeout": 60,
                "accesslog": "-" if settings.ACCESS_LOG else None,
            }
        ).run()
    finally:
        if worker_process is not None:
            worker_process.terminate()
            worker_process.wait(timeout=10)
