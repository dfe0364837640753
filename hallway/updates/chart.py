"""The small progress chart in the digest: a PNG drawn with Pillow (no plotting library needed)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 480, 200
_BLUE = (43, 89, 195)
_GREEN = (31, 122, 77)
_INK = (29, 35, 48)
_MUTED = (93, 102, 120)
_LINE = (221, 225, 232)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow built without FreeType: the bitmap font still works
        return ImageFont.load_default()


def progress_chart_png(
    labels: Sequence[str], new_people: Sequence[int], stories: Sequence[int]
) -> bytes:
    """Grouped bars per month: new people (blue) and stories (green), each with its number."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    small, tiny = _font(13), _font(11)
    top, bottom, left, right = 34, HEIGHT - 26, 12, WIDTH - 12
    draw.rectangle([left, 8, left + 12, 20], fill=_BLUE)
    draw.text((left + 18, 7), "New people", fill=_INK, font=small)
    draw.rectangle([left + 120, 8, left + 132, 20], fill=_GREEN)
    draw.text((left + 138, 7), "Stories", fill=_INK, font=small)
    draw.line([left, bottom, right, bottom], fill=_LINE, width=1)
    highest = max([*new_people, *stories, 1])
    slot = (right - left) / max(1, len(labels))
    bar = min(22.0, slot / 3)
    for index, label in enumerate(labels):
        center = left + slot * (index + 0.5)
        for offset, value, colour in (
            (-bar, new_people[index], _BLUE),
            (0.0, stories[index], _GREEN),
        ):
            height = (bottom - top - 14) * value / highest
            x0 = center + offset
            draw.rectangle([x0, bottom - height, x0 + bar - 2, bottom], fill=colour)
            draw.text(
                (x0 + (bar - 2) / 2, bottom - height - 2),
                str(value),
                fill=_INK,
                font=tiny,
                anchor="md",
            )
        draw.text((center, bottom + 5), label, fill=_MUTED, font=tiny, anchor="ma")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
