"""Fixtures for phone sync: device passwords, Basic auth headers, and real DAV clients
(vdirsyncer, khard) run as programs against the live server."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

BIN = Path(sys.executable).parent


def basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


@pytest.fixture
def device(owner: Any) -> tuple[Any, str]:
    from hallway.sync.services import device_password_create

    return device_password_create(owner=owner, name="iPhone")


@pytest.fixture
def owner_auth(owner: Any, device: tuple[Any, str]) -> str:
    return basic(owner.username, device[1])


@pytest.fixture
def teammate_auth(teammate: Any) -> str:
    from hallway.sync.services import device_password_create

    return basic(teammate.username, device_password_create(owner=teammate, name="Pixel")[1])


@pytest.fixture
def outsider_auth(outsider: Any) -> str:
    from hallway.sync.services import device_password_create

    return basic(outsider.username, device_password_create(owner=outsider, name="Pixel")[1])


@dataclass
class Vdirsyncer:
    """vdirsyncer (from PyPI) syncing the owner's Hallway address book with a folder."""

    config: Path
    folder: Path

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(BIN / "vdirsyncer"), "-c", str(self.config), "--verbosity", "INFO", *args],
            capture_output=True,
            text=True,
            input="",
            timeout=300,
            env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
        )
        if check and result.returncode != 0:
            raise AssertionError(f"vdirsyncer {args} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def sync(self) -> subprocess.CompletedProcess[str]:
        return self.run("sync")

    def files(self) -> dict[str, str]:
        return {
            path.name: path.read_text(encoding="utf-8")
            for path in sorted(self.folder.glob("*.vcf"))
        }


def write_vdirsyncer_config(
    tmp_path: Path, url: str, username: str, password: str, conflict: str = "null"
) -> Vdirsyncer:
    folder = tmp_path / "contacts"
    folder.mkdir(exist_ok=True)
    (tmp_path / "status").mkdir(exist_ok=True)
    config = tmp_path / "vdirsyncer.conf"
    config.write_text(
        f"""[general]
status_path = "{tmp_path / "status"}/"

[pair hallway_contacts]
a = "hallway"
b = "phone"
collections = null
conflict_resolution = {conflict}

[storage hallway]
type = "carddav"
url = "{url}"
username = "{username}"
password = "{password}"

[storage phone]
type = "filesystem"
path = "{folder}/"
fileext = ".vcf"
""",
        encoding="utf-8",
    )
    return Vdirsyncer(config, folder)


NS = {"card": "urn:ietf:params:xml:ns:carddav", "cal": "urn:ietf:params:xml:ns:caldav"}
