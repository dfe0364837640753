"""Start a real engine process for a test and wait until the engines it loads have loaded."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from hallway import engines

ROOT = Path(__file__).resolve().parents[3]


def start_engine_process(settings: Any, tmp_path: Path, **env: str) -> subprocess.Popen[bytes]:
    """`python -m hallway.engines` on a data folder of its own; this process asks it."""
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(
        HALLWAY_DATA_DIR=str(tmp_path),
        HALLWAY_SECRET_KEY=settings.SECRET_KEY,
        PYTHONPATH=str(ROOT),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        **env,
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "hallway.engines"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "engines.log").open("w"),
    )
    settings.ENGINES = "shared"
    settings.DATA_DIR = tmp_path
    return process


def loaded_states(process: subprocess.Popen[bytes], seconds: float) -> dict[str, str]:
    """The engines' states once none is still starting (or the process ended, or time ran out)."""
    return engines.loaded_states(process, time.monotonic() + seconds, every=0.5) or {}


@pytest.fixture
def shared_engines(settings: Any, tmp_path: Path) -> Path:
    """This process asks the engine process at tmp_path (nothing listens there yet)."""
    settings.ENGINES = "shared"
    settings.DATA_DIR = tmp_path
    return tmp_path
