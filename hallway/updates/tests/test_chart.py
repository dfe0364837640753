from __future__ import annotations

import io

from PIL import Image

from hallway.updates.chart import progress_chart_png


def _image(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def test_chart_is_a_png_with_a_bar_per_value():
    image = _image(progress_chart_png(["Sep", "Oct", "Nov"], [4, 2, 4], [1, 1, 2]))
    assert image.format == "PNG" and image.size == (480, 200)
    colours = {colour for _, colour in image.convert("RGB").getcolors(maxcolors=100_000)}
    assert (43, 89, 195) in colours and (31, 122, 77) in colours  # new people, stories


def test_an_all_zero_or_empty_chart_still_renders():
    assert _image(progress_chart_png(["Nov"], [0], [0])).size == (480, 200)
    assert _image(progress_chart_png([], [], [])).size == (480, 200)
