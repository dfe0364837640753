"""Business-card scans: offline OCR (rapidocr + onnxruntime, the `ocr` extra) and the rules
that turn the recognised lines into a draft person for the user to confirm.

The OCR engine is imported lazily; without the extra, `card_read` raises OcrUnavailable with
the command that installs it.
"""

from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from hallway.lib.env import env_int

MAX_CARD_BYTES = env_int("HALLWAY_CARD_MAX_BYTES", 10 * 1024 * 1024)
MAX_CARD_PIXELS = 40_000_000
OCR_LONG_SIDE = 1600
OCR_MISSING = (
    "Business-card scanning needs the OCR extra, which is not installed: "
    "pip install 'hallway[ocr]' (rapidocr and onnxruntime, fully offline)."
)


class OcrUnavailable(Exception):
    pass


class CardImageError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class CardLine:
    text: str
    height: float
    top: float
    left: float = 0.0


@dataclass
class CardDraft:
    name: str = ""
    company: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    linkedin_url: str = ""
    location: str = ""
    lines: list[str] = field(default_factory=list)

    def as_initial(self) -> dict[str, str]:
        return {
            name: getattr(self, name)
            for name in (
                "name",
                "company",
                "role",
                "email",
                "phone",
                "website",
                "linkedin_url",
                "location",
            )
            if getattr(self, name)
        }


_engine: Any = None
_engine_lock = threading.Lock()


def ocr_available() -> bool:
    from importlib.util import find_spec

    return (
        find_spec("rapidocr") is not None
        and find_spec("onnxruntime") is not None
        and find_spec("PIL") is not None
    )


def _ocr_engine() -> Any:
    global _engine
    if not ocr_available():
        raise OcrUnavailable(OCR_MISSING)
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

    result = _ocr_engine()(np.asarray(Image.frombytes(mode, size, pixels)))
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
        raise OcrUnavailable(OCR_MISSING)
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


# --- From lines to fields ------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+\s?@\s?[\w-]+(?:\s?\.\s?[\w-]+)+", re.UNICODE)
_URL = re.compile(r"(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+(?:/\S*)?", re.I)
_PHONE = re.compile(r"\+?\(?\d[\d\s().\-/]{6,}\d")
_LABEL = re.compile(
    r"^\s*(?:e-?mail|mail|email|tel(?:ephone)?|phone|mobile|mob|cell|fax|web|site|m|t|p|e|w|f)\s*[.:|]\s*",
    re.I,
)
ROLE_WORDS = {
    "chief",
    "officer",
    "ceo",
    "cto",
    "cio",
    "cfo",
    "coo",
    "ciso",
    "cmo",
    "cdo",
    "vp",
    "svp",
    "evp",
    "vice",
    "president",
    "director",
    "head",
    "manager",
    "engineer",
    "architect",
    "founder",
    "co-founder",
    "cofounder",
    "partner",
    "consultant",
    "lead",
    "principal",
    "developer",
    "analyst",
    "designer",
    "specialist",
    "advisor",
    "adviser",
    "owner",
    "chair",
    "chairman",
    "chairwoman",
    "scientist",
    "researcher",
    "professor",
    "associate",
    "executive",
    "administrator",
    "coordinator",
    "strategist",
    "officer,",
    "intern",
    "representative",
    "senior",
    "sr.",
    "junior",
}
COMPANY_WORDS = {
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "gmbh",
    "corp",
    "corp.",
    "corporation",
    "co.",
    "company",
    "group",
    "ag",
    "sa",
    "s.a.",
    "plc",
    "bv",
    "b.v.",
    "oy",
    "ab",
    "labs",
    "technologies",
    "technology",
    "solutions",
    "systems",
    "consulting",
    "bank",
    "university",
    "partners",
    "industries",
    "holdings",
    "software",
    "services",
    "studio",
    "traders",
    "associates",
    "ventures",
    "capital",
    "networks",
    "media",
    "sarl",
    "s.r.l.",
    "srl",
    "kg",
    "limited",
}
_LOCATION = re.compile(
    r"\b\d{4,5}\b|,\s*[A-Z]{2}\b|\b(street|st\.|avenue|ave\.?|road|rd\.|suite|floor|strasse|straße|rue)\b",
    re.I,
)


def _words(text: str) -> list[str]:
    return [word.strip(",;:()").lower() for word in text.split()]


def _is_role(text: str) -> bool:
    return any(word in ROLE_WORDS for word in _words(text)) or text.strip().lower() in {
        "cto",
        "ceo",
        "cio",
        "cfo",
    }


STRONG_COMPANY_WORDS = {
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "gmbh",
    "corp",
    "corp.",
    "plc",
    "ag",
    "sa",
    "bv",
    "oy",
    "ab",
    "limited",
}


def _has_company_suffix(text: str) -> bool:
    return any(word in STRONG_COMPANY_WORDS for word in _words(text))


def _display_case(text: str) -> str:
    """Cards often print the company in capitals; show it the way people write it."""
    if text.isupper() and len(text.split()) > 1:
        return " ".join(
            word
            if len(word) <= 3 and word.isalpha() and word not in {"INC", "LTD", "LLC"}
            else word.capitalize()
            for word in text.split()
        )
    return text


_SUFFIXES = {
    "inc.": "Inc.",
    "inc": "Inc",
    "ltd": "Ltd",
    "ltd.": "Ltd.",
    "llc": "LLC",
    "gmbh": "GmbH",
    "corp.": "Corp.",
    "plc": "plc",
}
_GLUED_SUFFIX = re.compile(r"(?<=[^\W\d_])\s?(inc\.?|ltd\.?|llc|gmbh|corp\.|plc)$", re.I)


def _company_spacing(text: str) -> str:
    """OCR often glues the legal suffix to the name on a tilted photo: "ContosoLtd" → "Contoso Ltd"."""
    match = _GLUED_SUFFIX.search(text)
    if not match:
        return text
    suffix = _SUFFIXES.get(match.group(1).lower(), match.group(1))
    return f"{text[: match.start()].rstrip()} {suffix}"


def _is_company(text: str, domains: set[str]) -> bool:
    words = _words(text)
    if any(word in COMPANY_WORDS for word in words):
        return True
    folded = re.sub(r"[^a-z0-9]", "", text.lower())
    return any(
        domain and len(domain) >= 3 and (domain in folded or (folded and folded in domain))
        for domain in domains
    )


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 4 or any(char.isdigit() for char in text):
        return False
    return all(re.fullmatch(r"[^\W\d_][\w'’.\-]*", word) for word in words) and any(
        word[0].isupper() for word in words
    )


def _clean_phone(text: str) -> str:
    match = _PHONE.search(text)
    return " ".join(match.group(0).split()) if match else ""


def draft_from_lines(lines: list[CardLine]) -> CardDraft:
    """Guess name, company, role, e-mail, phone, website and location from the card's lines."""
    draft = CardDraft(lines=[line.text for line in lines])
    rest: list[CardLine] = []
    for line in lines:
        text = line.text.strip()
        body = _LABEL.sub("", text)
        email = _EMAIL.search(body)
        if email and not draft.email:
            draft.email = re.sub(r"\s", "", email.group(0)).strip(".")
            continue
        if "linkedin" in body.lower() and not draft.linkedin_url:
            url = _URL.search(body.replace(" ", ""))
            if url:
                value = url.group(0)
                draft.linkedin_url = value if value.startswith("http") else f"https://{value}"
                continue
        digits = sum(char.isdigit() for char in body)
        phone = _PHONE.search(body)
        if digits >= 7 and phone and not _LOCATION.search(body.replace(phone.group(0), "")):
            if not draft.phone:
                draft.phone = _clean_phone(body)
            continue
        url = _URL.fullmatch(body.strip()) or (
            _URL.search(body)
            if re.search(r"www\.|https?://|\.(com|org|net|io|example)\b", body, re.I)
            else None
        )
        if url and " " not in url.group(0) and not draft.website and "@" not in body:
            value = url.group(0).rstrip(".,")
            draft.website = value if value.lower().startswith("http") else f"https://{value}"
            continue
        rest.append(line)
    domains = set()
    for value in (draft.email.split("@")[-1] if draft.email else "", draft.website):
        host = re.sub(r"^https?://", "", value.lower()).split("/")[0]
        host = re.sub(r"^www\.", "", host)
        if host:
            domains.add(re.sub(r"[^a-z0-9]", "", host.split(".")[0]))
    names: list[CardLine] = []
    for line in rest:
        text = " ".join(line.text.split())
        if not draft.role and _is_role(text) and not _has_company_suffix(text):
            draft.role = text
        elif not draft.company and _is_company(text, domains):
            draft.company = _company_spacing(_display_case(text))
        elif _looks_like_name(text):
            names.append(line)
        elif not draft.location and _LOCATION.search(text):
            draft.location = text
    if names:
        best = max(names, key=lambda line: line.height)
        draft.name = " ".join(best.text.split())
        leftovers = [line for line in names if line is not best]
        if not draft.company and leftovers:
            draft.company = " ".join(leftovers[0].text.split())
    return draft
