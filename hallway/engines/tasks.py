"""The background tasks, run inside the engine process instead of django-q2's own cluster.

`python -m hallway.engines --tasks` (what `hallway serve` starts when there is an engine
process) runs django-q2's own pusher, worker and monitor loops as threads of this process,
reading the same database queue: the same tasks, retries, results and schedules as `manage.py
qcluster`, without its five processes (measured: ~350 MB of resident memory, ~100 MB
proportional, for one worker). The tasks that need a model (embeddings, transcription) ask the
engines of this very process through its socket, as they would from another process.

One difference: django-q2 stops a task that runs past its timeout with SIGALRM, which only
works in a process's main thread; here a task runs until it finishes (every task of Hallway
bounds its own waits: the mail timeout, the engine waits).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)

# django-q2's cluster looks for due schedules about every 30 seconds.
SCHEDULE_EVERY_SECONDS = 30.0


class _Timer:
    """What django-q2's worker loop expects of its shared `multiprocessing.Value`."""

    def __init__(self) -> None:
        self.value = -1
        self._lock = threading.Lock()

    def get_lock(self) -> threading.Lock:
        return self._lock


def _forever(name: str, loop: Callable[[], None], stopping: threading.Event) -> None:
    """Run one of django-q2's loops again whenever it returns (its worker leaves after
    Conf.RECYCLE tasks for the cluster to start a fresh one; its pusher leaves when the
    database was unreachable)."""
    while not stopping.is_set():
        try:
            loop()
        except Exception:
            logger.exception("the task %s stopped; starting it again", name)
            time.sleep(5)


def _schedule_forever(broker: Any, stopping: threading.Event) -> None:
    from django_q.scheduler import scheduler

    while not stopping.wait(SCHEDULE_EVERY_SECONDS):
        try:
            scheduler(broker=broker)
        except Exception:
            logger.exception("looking for due schedules failed")


def _worker_loop(worker: Callable[..., None], tasks: Any, results: Any) -> Callable[[], None]:
    timer = _Timer()
    return lambda: worker(tasks, results, timer)


def start(*, workers: int) -> threading.Event:
    """Start the task threads; setting the returned event lets them finish (the process
    leaving is what really stops them)."""
    from django_q.brokers import get_broker
    from django_q.conf import Conf
    from django_q.monitor import monitor
    from django_q.pusher import pusher
    from django_q.worker import worker

    stopping = threading.Event()
    broker = get_broker()
    tasks: queue.Queue[Any] = queue.Queue()
    results: queue.Queue[Any] = queue.Queue()
    loops: list[tuple[str, Callable[[], None]]] = [
        ("pusher", lambda: pusher(tasks, stopping, broker=broker)),
        ("monitor", lambda: monitor(results, broker=broker)),
    ]
    for number in range(max(1, workers)):
        loops.append((f"worker {number + 1}", _worker_loop(worker, tasks, results)))
    for name, loop in loops:
        threading.Thread(
            target=_forever, args=(name, loop, stopping), name=f"tasks {name}", daemon=True
        ).start()
    if Conf.SCHEDULER:
        threading.Thread(
            target=_schedule_forever, args=(broker, stopping), name="tasks scheduler", daemon=True
        ).start()
    return stopping
