"""Fetch objects through their owner so anyone else gets a 404, exactly as if it did not exist."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import FieldDoesNotExist
from django.db.models import ForeignKey, Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


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


def get_owned_or_404(
    model_or_queryset: type[M] | QuerySet[M], user: User | AnonymousUser | None, pk: Any
) -> M:
    """The user's object with this primary key, or Http404 for anyone else."""
    try:
        primary_key = int(pk)
    except (ValueError, TypeError, OverflowError) as error:
        raise Http404("Not found.") from error
    found = owned(model_or_queryset, user).filter(pk=primary_key).first()
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
