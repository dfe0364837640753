"""`{% url %}` and `{% static %}` in every template (builtins of TEMPLATES): Django's tags,
with what they look up kept.

- `{% url %}`: a URL without arguments or with one integer id is resolved once per URL
  configuration (hallway.lib.web) rather than through reverse() on every use: the person page
  has 18, at ~28 µs each through reverse() against ~10 µs. Anything else (keyword arguments,
  several arguments, a text argument, a name that does not resolve) is Django's tag,
  unchanged. reverse() is given the current app by Django's tag; that only picks among
  several instances of one application namespace, which Hallway never mounts
  (hallway/tests/test_template_builtins.py).
- `{% static %}`: each file's URL (its hashed name in the manifest) is asked of the storage
  once; every page has a dozen. The URLs are forgotten when a setting changes (the tests'
  override_settings), as Django forgets its storage then. A template that does
  `{% load static %}` gets Django's tag back: Hallway's templates do not load it (tested).
- `|date`: the same text as Django's filter, written by hallway.lib.moments (~2 µs a value
  against ~37 µs); a format it does not know goes to Django's filter.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.core.signals import setting_changed
from django.template import defaulttags
from django.template.base import Parser, Token
from django.templatetags.static import StaticNode
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from hallway.lib.moments import date_text
from hallway.lib.web import reverse_fixed, reverse_with_id

register = template.Library()


class URLNode(defaulttags.URLNode):
    def render(self, context: Any) -> str:
        if self.kwargs or len(self.args) > 1:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        view_name = self.view_name.resolve(context)
        if not isinstance(view_name, str) or (args and type(args[0]) is not int):
            return super().render(context)
        try:
            url = reverse_with_id(view_name, args[0]) if args else reverse_fixed(view_name)
        except NoReverseMatch:
            return super().render(context)  # Django's answer: "" with `as`, else its error
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser: Parser, token: Token) -> URLNode:
    node = defaulttags.url(parser, token)
    return URLNode(node.view_name, node.args, node.kwargs, node.asvar)


class CachedStaticNode(StaticNode):
    @classmethod
    def handle_simple(cls, path: str) -> str:
        return _static_url(path)


@lru_cache(maxsize=1024)
def _static_url(path: str) -> str:
    return StaticNode.handle_simple(path)


def _forget_static_urls(**_kwargs: Any) -> None:
    _static_url.cache_clear()


setting_changed.connect(_forget_static_urls, dispatch_uid="hallway-static-urls")


@register.tag
def static(parser: Parser, token: Token) -> StaticNode:
    return CachedStaticNode.handle_token(parser, token)


@register.filter(expects_localtime=True, is_safe=False)
def date(value: Any, arg: str | None = None) -> str:
    return date_text(value, arg)
