"""Business-card scans: offline OCR (rapidocr + onnxruntime, the `ocr` extra) and the rules
that turn the recognised lines into a draft person for the user to confirm.

The OCR engine is imported lazily; without the extra, `card_read` raises OcrUnavailable with
the command that installs it. The rules are in `card_fields`.
"""

from __future__ import annotations

import io
import threading
from typing import Any

from django.conf import settings

from hallway.interop.card_fields import CardDraft, CardLine, draft_from_lines

MAX_CARD_BYTES: int = settings.CARD_MAX_BYTES
MAX_CARD_PIXELS = 40_000_000
OCR_LONG_SIDE = 1600
OCR_MISSING = (
    "Business-card scanning needs the OCR extra, which is not installed: scripts/run.sh "
    "(without --minimal) installs it, or pip install 'hallway[ocr]' (rapidocr and onnxruntime, "
    "fully offline)."
)
OCR_TURNED_OFF = (
    "Business-card scanning is turned off (HALLWAY_OCR=off; set it to auto to turn it on)."
)


class OcrUnavailable(Exception):
    pass


class CardImageError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_engine: Any = None
_engine_lock = threading.Lock()


def ocr_unavailable_reason() -> str:
    """Why card scanning can't run here, or "" when it can."""
    from importlib.util import find_spec

    if settings.CARD_SCAN == "off":
        return OCR_TURNED_OFF
    if not all(find_spec(module) for module in ("rapidocr", "onnxruntime", "PIL")):
        return OCR_MISSING
    return ""


def ocr_available() -> bool:
    return not ocr_unavailable_reason()


def ocr_loaded() -> bool:
    """Whether this process has loaded the OCR engine already."""
    return _engine is not None


def ocr_engine() -> Any:
    """The OCR engine, loaded once per process; OcrUnavailable says why it can't be."""
    global _engine
    if not ocr_available():
        raise OcrUnavailable(ocr_unavailable_reason() or OCR_MISSING)
    with _engine_lock:
        if _engine is None:
            import logging

            from rapidocr import RapidOCR

            logging.getLogger("RapidOCR").setLevel(logging.WARNING)
            _engine = RapidOCR()
    return _engine


def _load_image(data: bytes) -> Any:
    if len(data) > MAX_CARD_BYTES:
        raise CardImageError(
            f"The photo is {len(data) // (1024 * 1024)} MB; the limit is {MAX_CARD_BYTES // (1024 * 1024)} MB."
        )
    if not data:
        raise CardImageError("The photo is empty.")
    from PIL import Image, ImageOps, UnidentifiedImageError

    image: Any
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_CARD_PIXELS:
            raise CardImageError("The photo has too many pixels; take a smaller photo of the card.")
        image = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise CardImageError(
            "That file is not a photo we can read (use JPEG, PNG or WebP)."
        ) from error
    scale = OCR_LONG_SIDE / max(image.size)
    if scale < 1:
        image = image.resize((round(image.width * scale), round(image.height * scale)))
    return image


def ocr_here(mode: str, size: tuple[int, int], pixels: bytes) -> list[tuple[Any, str]]:
    """(box, text) of each line OCR finds in the raw image, run in this process."""
    import numpy as np
    from PIL import Image

    result = ocr_engine()(np.asarray(Image.frombytes(mode, size, pixels)))
    return [
        (np.asarray(box).tolist(), str(text))
        for box, text in zip(
            result.boxes if result.boxes is not None else [], result.txts or (), strict=False
        )
    ]


def _ocr_boxes(image: Any) -> list[tuple[Any, str]]:
    from hallway import engines

    if not engines.shared():
        return ocr_here(image.mode, image.size, image.tobytes())
    try:
        return list(engines.ask("ocr", image.mode, image.size, image.tobytes(), timeout=60.0))
    except engines.EngineUnavailable as error:
        raise OcrUnavailable(f"The card reader {error}; try again in a moment.") from error


def card_lines(data: bytes) -> list[CardLine]:
    """The text lines OCR finds on the card photo, top to bottom."""
    if not ocr_available():
        raise OcrUnavailable(ocr_unavailable_reason() or OCR_MISSING)
    image = _load_image(data)
    lines = []
    for box, text in _ocr_boxes(image):
        ys = [point[1] for point in box]
        xs = [point[0] for point in box]
        height = ((box[3][1] - box[0][1]) + (box[2][1] - box[1][1])) / 2
        lines.append(
            CardLine(
                text=str(text).strip(),
                height=abs(float(height)),
                top=float(min(ys)),
                left=float(min(xs)),
            )
        )
    lines.sort(key=lambda line: (round(line.top / 10), line.left))
    return [line for line in lines if line.text]


def card_read(data: bytes) -> CardDraft:
    """OCR the card photo and guess the fields. Raises OcrUnavailable or CardImageError."""
    return draft_from_lines(card_lines(data))
