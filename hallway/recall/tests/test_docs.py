"""docs/recall.md must mention every recall command and endpoint."""

from __future__ import annotations

import re
from pathlib import Path

from hallway.api.recall import router

DOC = (Path(__file__).resolve().parents[3] / "docs" / "recall.md").read_text()


def test_every_recall_endpoint_is_documented():
    checked = 0
    for path, path_view in router.path_operations.items():
        for operation in path_view.operations:
            for method in operation.methods:
                documented = f"{method} /api/v1" + re.sub(r"{\w+}", "{id}", path)
                assert documented in DOC, documented
                checked += 1
    assert checked == 7


def test_every_recall_command_is_documented():
    for command in (
        "hallway brief NAME",
        "hallway brief --event",
        "hallway events brief",
        "hallway due",
        "hallway reconnect",
        "--tick",
        "--json",
    ):
        assert command in DOC, command
