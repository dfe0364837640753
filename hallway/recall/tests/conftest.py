"""Fixtures for recall tests: a person with a history, follow-ups and a cadence."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen_now() -> Any:
    """Time stands still on 25 Nov 2026, 10:00 UTC."""
    with time_machine.travel(NOW, tick=False):
        yield NOW
