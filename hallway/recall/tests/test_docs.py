"""docs/recall.md must mention every recall command (its endpoints: hallway/tests/test_docs.py)."""

from __future__ import annotations

from pathlib import Path

DOC = (Path(__file__).resolve().parents[3] / "docs" / "recall.md").read_text()


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
