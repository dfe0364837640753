"""Feature apps add their own blocks to the settings page (API tokens, calendar feed, digest…).

Register in your AppConfig.ready(): `register_settings_section(render)` where
`render(request) -> str` returns an HTML fragment (usually render_to_string of a partial).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

SettingsSection = Callable[[HttpRequest], str]
_sections: list[SettingsSection] = []


def register_settings_section(section: SettingsSection) -> SettingsSection:
    if section not in _sections:
        _sections.append(section)
    return section


def render_settings_sections(request: HttpRequest) -> list[str]:
    return [section(request) for section in _sections]
