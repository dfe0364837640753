"""Small helpers shared by the web views."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.core.signals import request_finished, request_started, setting_changed
from django.http import HttpRequest


def url_too_long_detail() -> str:
    """The one sentence for a refused over-long URL, from the app and from `hallway serve`."""
    from django.conf import settings

    return f"The URL is too long: the limit is {settings.MAX_REQUEST_LINE} characters."


def reverse_fixed(name: str) -> str:
    """reverse() for a URL without arguments (navigation, menus): worked out once per URL
    configuration and script prefix, not on every page (a dozen per page: ~1.5 ms measured)."""
    return _reverse_once(name, *_resolving())


_ID_MARK = 987_654_321_012  # no object has this id: it marks where the id goes


def reverse_with_id(name: str, pk: int) -> str:
    """reverse(name, args=[pk]) for a URL whose one argument is an integer id: resolved once
    per URL configuration with a mark in the id's place (get_absolute_url on every row of a
    page: 20-40 µs each through reverse())."""
    return id_urls(name)(pk)


def id_urls(name: str) -> Callable[[int], str]:
    """reverse_with_id(name, …) for the ids of a whole page: the URL configuration and the
    prefix are looked up once (through asgiref's locals: ~3 µs, more than the rest)."""
    head, mark, tail = _reverse_once(name, *_resolving(), args=(_ID_MARK,)).partition(str(_ID_MARK))
    if not mark:  # a converter that writes ids its own way

        def through_reverse(pk: int) -> str:
            from django.urls import reverse

            return reverse(name, args=[pk])

        return through_reverse
    return lambda pk: f"{head}{int(pk)}{tail}"


# Inside a request, what _resolving() found there (worked out at its first use; () until then);
# None outside one. Reading Django's two asgiref locals costs ~9 µs, and a page reverses ~30
# URLs (~0.25 ms of the person page). The server sets the prefix before a request starts and
# the URL configuration before any view runs; nothing in Hallway sets `request.urlconf`.
_REQUEST_RESOLVING: ContextVar[tuple[Any, str] | tuple[()] | None] = ContextVar(
    "hallway_resolving", default=None
)


def _resolving() -> tuple[Any, str]:
    """What a reversed URL depends on besides its name: the URL configuration, the prefix."""
    known = _REQUEST_RESOLVING.get()
    if known:
        return known
    from django.conf import settings
    from django.urls import get_script_prefix, get_urlconf

    found = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    if known is not None:  # in a request: kept until it ends
        _REQUEST_RESOLVING.set(found)
    return found


def _request_started(**_kwargs: Any) -> None:
    _REQUEST_RESOLVING.set(())


def _request_finished(**_kwargs: Any) -> None:
    _REQUEST_RESOLVING.set(None)


request_started.connect(_request_started, dispatch_uid="hallway-resolving-started")
request_finished.connect(_request_finished, dispatch_uid="hallway-resolving-finished")
setting_changed.connect(_request_finished, dispatch_uid="hallway-resolving-settings")


@lru_cache(maxsize=512)
def _reverse_once(name: str, urlconf: Any, prefix: str, args: tuple[int, ...] = ()) -> str:
    from django.urls import reverse

    return reverse(name, urlconf=urlconf, args=args or None)


def signed_in_user(request: HttpRequest) -> User:
    """The user of a view that requires one (login_required, or the API's token or session
    auth): typed as a User for the services, which take `owner: User`."""
    user = request.user
    if not isinstance(user, User):  # pragma: no cover - the decorators keep anonymous users out
        raise PermissionDenied
    return user


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, on the named fields when it names them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item.messages[0] if hasattr(item, "messages") else str(item))
    else:
        for message in error.messages:
            form.add_error(None, message)


def paginate(
    request: HttpRequest, items: Any, per_page: int = 50, count: int | None = None
) -> Page:
    """The page the request asks for; `count`, when the caller knows it, saves counting."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached property
    return paginator.get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
