"""Background tasks run by django-q2's cluster (started by `hallway serve`)."""

from __future__ import annotations

from hallway.updates.services import digests_send_due

SCHEDULE_NAME = "hallway: send due digests"
TASK_PATH = "hallway.updates.tasks.send_due_digests"


def send_due_digests() -> dict[str, int]:
    """Hourly: send every digest that is due."""
    return digests_send_due()
