"""Text colours in the stylesheet meet WCAG AA (4.5:1) against the backgrounds they sit on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parent.parent / "static" / "hallway" / "app.css").read_text()


def _variables() -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\}", CSS, re.S)
    assert root is not None
    found = re.findall(r"--([\w-]+):\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b", root.group(1))
    return {
        name: "#" + ("".join(c * 2 for c in hex) if len(hex) == 3 else hex) for name, hex in found
    }


def _rule(selector: str) -> dict[str, str]:
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS)
    assert match is not None, selector
    values = {}
    for prop, value in re.findall(r"([\w-]+):\s*([^;]+);", match.group(1)):
        variable = re.fullmatch(r"var\(--([\w-]+)\)", value.strip())
        values[prop] = _variables()[variable.group(1)] if variable else value.strip()
    return values


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_matches_the_wcag_examples():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


@pytest.mark.parametrize("selector", [".badge.card", ".badge.connection"])
def test_status_badges_are_readable(selector):
    rule = _rule(selector)
    assert contrast(rule["color"], rule["background"]) >= 4.5


@pytest.mark.parametrize("text", ["ink", "muted", "warn", "good", "bad", "accent"])
def test_text_colours_are_readable_on_the_page_and_on_cards(text):
    colours = _variables()
    for background in ("bg", "card"):
        assert contrast(colours[text], colours[background]) >= 4.5, (text, background)
