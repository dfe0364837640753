from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from hallway.practice.tests.dataset import NOW, build_practice_history


@pytest.fixture
def frozen() -> Iterator[Any]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def history(owner: Any, frozen: Any) -> dict[str, Any]:
    """The owner's known practice history (see dataset.py), with time frozen at NOW."""
    return build_practice_history(owner)
