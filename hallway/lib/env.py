"""Typed readers for environment variables, each with a default that works locally.

A value that cannot be read is refused with a SettingError naming the variable, rather than
quietly becoming the default or `False` (a typo in `HALLWAY_SECURE_COOKIES=ture` must not turn
secure cookies off without a word).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class SettingError(ValueError):
    """An environment variable holds a value its setting cannot use; the message says which."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """true/false, yes/no, on/off or 1/0 (any case); unset or empty gives the default."""
    value = os.environ.get(name, "").strip()
    if value == "":
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise SettingError(f"{name}={value!r} is not a yes/no value: use true or false.")


def env_int(name: str, default: int) -> int:
    """A whole number; unset or empty gives the default."""
    value = os.environ.get(name, "").strip()
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise SettingError(f"{name}={value!r} is not a whole number.") from None


def env_choice(name: str, default: str, choices: Iterable[str]) -> str:
    """One of `choices` (any case); unset or empty gives the default."""
    allowed = list(choices)
    value = os.environ.get(name, "").strip().lower()
    if value == "":
        return default
    if value not in allowed:
        raise SettingError(f"{name}={value!r} is not one of: {', '.join(allowed)}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def default_data_dir() -> Path:
    """The per-user data folder (XDG on Linux) used when HALLWAY_DATA_DIR is not set."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "hallway"
