"""Fetch objects through their owner so anyone else gets a 404, exactly as if it did not exist."""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import FieldDoesNotExist
from django.db.models import ForeignKey, Model, QuerySet
from django.http import Http404

from hallway.lib.prepared import Prepared

M = TypeVar("M", bound=Model)

_LARGEST_ID = 2**63 - 1  # a 64-bit signed integer: SQLite's and PostgreSQL's bigint
_SMALLEST_ID = -(2**63)


def owned(
    model_or_queryset: type[M] | QuerySet[M], user: User | AnonymousUser | None
) -> QuerySet[M]:
    """All objects of this kind that belong to the user (none for anonymous users)."""
    queryset = (
        model_or_queryset
        if isinstance(model_or_queryset, QuerySet)
        else model_or_queryset._default_manager.all()
    )
    if user is None or not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(owner=user)


@cache
def _by_pk(model: type[Model]) -> Prepared[Any]:
    return Prepared(
        lambda owner_id, pk: model._default_manager.filter(owner_id=owner_id, pk=pk).order_by("pk")[
            :1
        ]
    )


def get_owned_or_404(
    model_or_queryset: type[M] | QuerySet[M] | Prepared[M],
    user: User | AnonymousUser | None,
    pk: Any,
) -> M:
    """The user's object with this primary key, or Http404 for anyone else.

    A model, or a `Prepared` query of (owner_id, pk), is read through SQL compiled once per
    process (`hallway.lib.prepared`); a queryset is filtered and compiled each time."""
    try:
        primary_key = int(pk)
    except (ValueError, TypeError, OverflowError) as error:
        raise Http404("Not found.") from error
    if not _SMALLEST_ID <= primary_key <= _LARGEST_ID:
        raise Http404("Not found.")  # no row has it (and the driver refuses such a number)
    if isinstance(model_or_queryset, QuerySet):
        found = owned(model_or_queryset, user).filter(pk=primary_key).first()
    elif user is None or not getattr(user, "is_authenticated", False):
        found = None
    else:
        query = (
            model_or_queryset
            if isinstance(model_or_queryset, Prepared)
            else _by_pk(model_or_queryset)
        )
        found = query.first(owner_id=user.pk, pk=primary_key)
    if found is None:
        raise Http404("Not found.")
    _remember_owner(found, user)
    return found


def _remember_owner(found: Model, user: Any) -> None:
    """The object's owner is the user already loaded for this request: `found.owner` needs no
    second query for the same row (pages that show sharing or the owner's name read it)."""
    real = getattr(user, "_wrapped", user)  # request.user is a lazy object, evaluated by now
    try:
        field = found._meta.get_field("owner")
    except FieldDoesNotExist:
        return
    related = getattr(field, "related_model", None)
    if (
        isinstance(field, ForeignKey)
        and isinstance(related, type)
        and isinstance(real, related)
        and isinstance(real, Model)
        and getattr(found, "owner_id", None) == real.pk
    ):
        field.set_cached_value(found, real)
