"""Change revisions: the owner's counter, bumped by every change to one of their people."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hallway.lib import hooks
from hallway.people.services import person_create, person_update
from hallway.sync import selectors
from hallway.sync import services as sync_services
from hallway.sync.models import CardChange


@pytest.mark.django_db
def test_the_first_change_creates_the_counter_and_each_next_one_bumps_it(owner: Any) -> None:
    assert selectors.current_revision(owner=owner) == 0
    ann = person_create(owner=owner, name="Ann Lee")
    assert selectors.current_revision(owner=owner) == 1
    bob = person_create(owner=owner, name="Bob Stone")
    person_update(person=ann, role="Skipper")
    assert selectors.current_revision(owner=owner) == 3
    assert dict(CardChange.objects.values_list("person_id", "revision")) == {ann.pk: 3, bob.pk: 2}
    changed_at = selectors.last_change_at(owner=owner)
    assert timezone.is_aware(changed_at)
    assert abs(timezone.now() - changed_at) < dt.timedelta(minutes=1)


@pytest.mark.django_db
def test_each_owner_has_a_counter_of_their_own(owner: Any, outsider: Any) -> None:
    person_create(owner=owner, name="Ann Lee")
    person_create(owner=owner, name="Bob Stone")
    person_create(owner=outsider, name="Cleo Park")
    assert selectors.current_revision(owner=owner) == 2
    assert selectors.current_revision(owner=outsider) == 1


@pytest.mark.django_db
def test_the_counter_is_bumped_in_one_statement_after_every_other_listener(owner: Any) -> None:
    # The row lock the bump takes is held until the commit: every write of the owner waits
    # for it (on PostgreSQL), so nothing but the change's own row comes after it.
    person_create(owner=owner, name="Ann Lee")
    assert hooks._person_listeners[-1] is sync_services.on_person_changed
    with CaptureQueriesContext(connection) as queries:
        person_create(owner=owner, name="Bob Stone")
    statements = [query["sql"] for query in queries.captured_queries]
    bump = next(i for i, sql in enumerate(statements) if "sync_synccounter" in sql)
    assert "RETURNING" in statements[bump]
    after = [sql.split()[0] for sql in statements[bump + 1 :]]
    assert [word for word in after if word not in ("RELEASE", "COMMIT")] == ["INSERT"]
