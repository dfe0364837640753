"""A tiny registry so later features (search index, embeddings) hear about story changes.

Services call `person_changed` inside their transaction; listeners must be cheap (they run in
the request) and put slow work (embeddings) on the task queue.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_person_listeners: list[Callable[[Any], None]] = []
_person_delete_listeners: list[Callable[[int], None]] = []


def on_person_changed(listener: Callable[[Any], None]) -> Callable[[Any], None]:
    if listener not in _person_listeners:
        _person_listeners.append(listener)
    return listener


def on_person_deleted(listener: Callable[[int], None]) -> Callable[[int], None]:
    if listener not in _person_delete_listeners:
        _person_delete_listeners.append(listener)
    return listener


def person_changed(person: Any) -> None:
    for listener in _person_listeners:
        listener(person)


def person_deleted(person_id: int) -> None:
    for listener in _person_delete_listeners:
        listener(person_id)
