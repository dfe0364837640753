"""Queue a background task with the write that asks for it.

With django-q2's database queue on the same database (Q_CLUSTER "orm", the default), the
queue's row is written inside the caller's transaction: the worker sees it at the commit, with
the data it needs, and a rollback takes it away. That is what `transaction.on_commit` gave, at
one write instead of two: after the commit the row was a write of its own, queued again behind
the other writers (on SQLite's lock file; measured under 20 concurrent API writers). Otherwise
(another broker, sync mode, no transaction) the task is queued after the commit as before.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, transaction


def enqueue_with_write(enqueue: Callable[[], None]) -> None:
    """Run `enqueue` (which calls `async_task`) in the open transaction, or after commit."""
    from django_q.conf import Conf

    in_transaction = not transaction.get_autocommit()
    same_database = Conf.ORM == DEFAULT_DB_ALIAS
    if in_transaction and same_database and not Conf.SYNC:
        enqueue()
    else:
        transaction.on_commit(enqueue)
