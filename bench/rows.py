"""What the issue-13 benchmarks share: the repository root and the printed row (a figure beside
its target and its floor)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def row(label: str, value: str, target: str, floor: str = "", verdict: bool | None = None) -> None:
    mark = "" if verdict is None else ("  ok" if verdict else "  MISSED")
    print(f"  {label:<34}{value:>16}   target {target:<22}{floor}{mark}")
