"""Reading the cells of a contacts CSV row (shared by every producer's reader)."""

from __future__ import annotations

import re

from hallway.interop.parsers import ContactRecord, RowError, split_name
from hallway.lib.partial_dates import parse_partial_date


def cell(row: dict[str, str], *names: str) -> str:
    for name in names:
        value = (row.get(name) or "").strip()
        if value:
            return value
    return ""


def multi_values(value: str) -> list[str]:
    """Google's ` ::: ` multi-values, the one marked primary (`* `) first, without the mark."""
    primary, others = [], []
    for part in value.split(":::"):
        part = part.strip()
        if part.startswith("* "):
            primary.append(part[2:].strip())
        elif part:
            others.append(part)
    return [item for item in primary + others if item]


def add_unique(target: list[str], values: list[str], key: object = str.lower) -> None:
    seen = {value.lower() for value in target}
    for value in values:
        if value and value.lower() not in seen:
            target.append(value)
            seen.add(value.lower())


def numbered(row: dict[str, str], prefix: str, suffix: str = "value") -> list[tuple[str, str]]:
    """Google's numbered columns: (label, value) for `prefix N - value`, in N order."""
    found = []
    for key, value in row.items():
        match = re.fullmatch(rf"{re.escape(prefix)} (\d+) - {suffix}", key)
        if match and value.strip():
            label = (
                row.get(f"{prefix} {match.group(1)} - type")
                or row.get(f"{prefix} {match.group(1)} - label")
                or ""
            )
            found.append((int(match.group(1)), label, value))
    # Google marks the primary value's label with a leading "* " ("* Work"): it comes first,
    # so it becomes the person's main e-mail or phone; the others keep their column order.
    found.sort(key=lambda item: (not item[1].lstrip().startswith("*"), item[0]))
    return [(label.lstrip("* ").strip(), value) for _, label, value in found]


def single_name(value: str) -> str:
    """One `Name` column (Outlook on the web): `Family, Given` becomes `Given Family`."""
    if value.count(",") == 1 and "@" not in value:
        family, given = (part.strip() for part in value.split(","))
        if family and given:
            return split_name(f"{given} {family}")
    return split_name(value)


def read_date(
    record: ContactRecord, field_name: str, value: str, line: int, errors: list[RowError]
) -> None:
    """A birthday or anniversary column (`1985-04-12`, `--04-12`, Outlook's `4/12/1985`)."""
    value = value.strip()
    if not value or value in ("0/0/00", "00/00/0000"):
        return
    found = parse_partial_date(value)
    if found is None:
        errors.append(
            RowError(
                line,
                f"The {field_name} “{value[:30]}” is not a date like 1985-04-12 or --04-12; "
                "left out.",
            )
        )
        return
    setattr(record, field_name, found.iso)
