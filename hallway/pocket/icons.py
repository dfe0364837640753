"""Draw the app icons (run ``python -m hallway.pocket.icons`` after changing the design).

Plain shapes, no font: a dark rounded square with two people facing each other in a
doorway — the hallway — in the accent colour. The PNGs are committed next to this file.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICON_DIR = Path(__file__).resolve().parent / "static" / "pocket" / "icons"
INK = (29, 35, 48)
ACCENT = (43, 89, 195)
LIGHT = (246, 247, 249)
# (file name, size, maskable): maskable icons keep the drawing inside the central 80 %.
ICONS = (
    ("icon-192.png", 192, False),
    ("icon-512.png", 512, False),
    ("icon-maskable-512.png", 512, True),
    ("apple-touch-icon.png", 180, True),
    ("favicon-32.png", 32, False),
)


def draw(size: int, maskable: bool) -> Image.Image:
    scale = 4  # draw large, then shrink: smooth edges without anti-aliasing support
    full = size * scale
    image = Image.new(
        "RGB" if maskable else "RGBA", (full, full), INK if maskable else (0, 0, 0, 0)
    )
    pen = ImageDraw.Draw(image)
    if not maskable:
        pen.rounded_rectangle((0, 0, full - 1, full - 1), radius=full // 5, fill=INK)
    inset = full * (0.2 if maskable else 0.14)
    box = (inset, inset, full - inset, full - inset)
    width = box[2] - box[0]
    # The doorway: an accent arch.
    pen.rounded_rectangle(
        (box[0] + width * 0.12, box[1], box[2] - width * 0.12, box[3]),
        radius=int(width * 0.36),
        fill=ACCENT,
    )
    # Two people: heads and shoulders, facing each other.
    for centre in (0.36, 0.64):
        x = box[0] + width * centre
        head = width * 0.1
        top = box[1] + width * 0.3
        pen.ellipse((x - head, top, x + head, top + 2 * head), fill=LIGHT)
        pen.rounded_rectangle(
            (x - head * 1.7, top + head * 2.4, x + head * 1.7, box[3]),
            radius=int(head * 1.2),
            fill=LIGHT,
        )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    for name, size, maskable in ICONS:
        draw(size, maskable).save(ICON_DIR / name, optimize=True)


if __name__ == "__main__":
    main()
