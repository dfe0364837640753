"""Field-level accuracy of business-card scanning on cards rendered with Pillow.

Run: .venv/bin/python bench/card_ocr_accuracy.py   (needs the `ocr` extra)
Prints, for each field, how many of the rendered cards came back exactly right (phones: the same
digits), for clean scans and for blurred, more tilted, JPEG-compressed "phone" photos.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")


def run(label: str, angles: list[float], blur: float, jpeg_quality: int | None) -> None:
    from hallway.interop.cards import card_read
    from hallway.interop.tests.cards import CARDS, FONTS, LAYOUTS, expected_fields, render_card

    fields = ["name", "role", "company", "email", "phone", "website"]
    right = dict.fromkeys(fields, 0)
    total = 0
    misses: list[str] = []
    started = time.perf_counter()
    fonts = itertools.cycle(FONTS)
    cycle = itertools.cycle(angles)
    for card in CARDS:
        for layout in LAYOUTS:
            font, angle = next(fonts), next(cycle)
            photo = render_card(
                card, layout=layout, font=font, angle=angle, blur=blur, jpeg_quality=jpeg_quality
            )
            draft = card_read(photo)
            total += 1
            for name, value in expected_fields(card).items():
                got = getattr(draft, name)
                # A phone number is right when its digits are: spacing is only formatting.
                same = got == value or (
                    name == "phone" and re.sub(r"\D", "", got) == re.sub(r"\D", "", value)
                )
                if same:
                    right[name] += 1
                else:
                    misses.append(
                        f"{layout}/{font}/{angle:+.1f}° {name}: expected {value!r}, got {got!r}"
                    )
    elapsed = time.perf_counter() - started
    print(
        f"{label}: {total} cards ({len(LAYOUTS)} layouts x {len(CARDS)} people, fonts {', '.join(FONTS)}), {elapsed / total:.2f} s per card"
    )
    for name in fields:
        print(f"  {name:8} {right[name]:3}/{total}  {100 * right[name] / total:5.1f}%")
    overall = sum(right.values()) / (total * len(fields))
    print(f"  overall  {100 * overall:5.1f}% of fields exactly right")
    for miss in misses:
        print("  miss:", miss)


def main() -> None:
    run(
        "Clean scans (rotated -3° to +3.5°)",
        [-3.0, -1.5, 1.0, 2.5, 3.5],
        blur=0.0,
        jpeg_quality=None,
    )
    run(
        "Phone-like photos (rotated up to ±6°, blurred, JPEG quality 35)",
        [-6.0, -4.0, 4.5, 6.0],
        blur=1.2,
        jpeg_quality=35,
    )


if __name__ == "__main__":
    main()
