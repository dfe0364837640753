"""A tiny registry so later features (search index, embeddings) hear about story changes.

Services call `person_changed` inside their transaction; listeners must be cheap (they run in
the request) and put slow work (embeddings) on the task queue.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_person_listeners: list[Callable[[Any], None]] = []
_person_delete_listeners: list[Callable[[int], None]] = []
# Called just before a person is deleted by the user (not on merges), while the rows still exist.
_person_deleting_listeners: list[Callable[[Any], None]] = []
# Bulk listeners for writes of many people at once (imports, restores), with the per-person
# listener each one stands in for.
_people_listeners: list[tuple[Callable[[list[Any]], None], Callable[[Any], None] | None]] = []
# Listeners registered with run_last: they take a lock held until the commit (the sync
# counter's row lock, which every write of the owner waits for on PostgreSQL), so they run
# after every other listener and the lock covers as little of the transaction as possible.
_run_last: set[Callable[..., None]] = set()


def _insert(listeners: list[Any], entry: Any, listener: Callable[..., None], last: bool) -> None:
    """Add `entry` after every listener but the run-last ones (or at the very end)."""
    if last:
        _run_last.add(listener)
        listeners.append(entry)
        return
    for index, existing in enumerate(listeners):
        if (existing[0] if isinstance(existing, tuple) else existing) in _run_last:
            listeners.insert(index, entry)
            return
    listeners.append(entry)


def on_person_changed(
    listener: Callable[[Any], None], *, run_last: bool = False
) -> Callable[[Any], None]:
    if listener not in _person_listeners:
        _insert(_person_listeners, listener, listener, run_last)
    return listener


def on_person_deleted(listener: Callable[[int], None]) -> Callable[[int], None]:
    if listener not in _person_delete_listeners:
        _person_delete_listeners.append(listener)
    return listener


def on_person_deleting(listener: Callable[[Any], None]) -> Callable[[Any], None]:
    if listener not in _person_deleting_listeners:
        _person_deleting_listeners.append(listener)
    return listener


def person_deleting(person: Any) -> None:
    for listener in _person_deleting_listeners:
        listener(person)


def person_changed(person: Any) -> None:
    for listener in _person_listeners:
        listener(person)


def person_deleted(person_id: int) -> None:
    for listener in _person_delete_listeners:
        listener(person_id)


def on_people_changed(
    listener: Callable[[list[Any]], None],
    *,
    replaces: Callable[[Any], None] | None = None,
    run_last: bool = False,
) -> Callable[[list[Any]], None]:
    """Hear about many people at once; `replaces` is the per-person listener it does the work of."""
    if all(existing is not listener for existing, _ in _people_listeners):
        _insert(_people_listeners, (listener, replaces), listener, run_last)
    return listener


def people_changed(people: list[Any]) -> None:
    """Many people changed in one write: bulk listeners get the list, and per-person listeners
    that no bulk listener replaces are called for each person."""
    if not people:
        return
    replaced = {id(replaces) for _, replaces in _people_listeners if replaces is not None}
    calls: list[tuple[Callable[..., None], bool]] = [
        *((listener, True) for listener, _ in _people_listeners),
        *((listener, False) for listener in _person_listeners if id(listener) not in replaced),
    ]
    # Stable: the run-last ones (bulk or not) after all the others, each group in its order.
    for listener, bulk in sorted(calls, key=lambda call: call[0] in _run_last):
        if bulk:
            listener(people)
        else:
            for person in people:
                listener(person)


# A feature with an index (hallway.search) answers "which of the owner's people match these
# words" far faster than the people list's substring fallback: it returns SQL selecting their
# ids, or None when the words give it nothing to look for.
PeopleWordMatcher = Callable[[int, str], "tuple[str, list[Any]] | None"]
_people_word_matchers: list[PeopleWordMatcher] = []


def set_people_word_matcher(matcher: PeopleWordMatcher) -> PeopleWordMatcher:
    """Let `matcher(owner_id, words)` filter people lists (one matcher; the last one set wins)."""
    _people_word_matchers[:] = [matcher]
    return matcher


def people_word_matcher() -> PeopleWordMatcher | None:
    return _people_word_matchers[0] if _people_word_matchers else None
