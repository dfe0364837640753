"""Business cards rendered with Pillow for the OCR tests and the accuracy benchmark."""

from __future__ import annotations

import io
from dataclasses import dataclass

FONT_DIR = "/usr/share/fonts/truetype"
FONTS = {
    "sans": (f"{FONT_DIR}/dejavu/DejaVuSans.ttf", f"{FONT_DIR}/dejavu/DejaVuSans-Bold.ttf"),
    "serif": (f"{FONT_DIR}/dejavu/DejaVuSerif.ttf", f"{FONT_DIR}/dejavu/DejaVuSerif-Bold.ttf"),
    "condensed": (
        f"{FONT_DIR}/dejavu/DejaVuSansCondensed.ttf",
        f"{FONT_DIR}/dejavu/DejaVuSansCondensed-Bold.ttf",
    ),
    "mono": (f"{FONT_DIR}/dejavu/DejaVuSansMono.ttf", f"{FONT_DIR}/dejavu/DejaVuSansMono-Bold.ttf"),
}


@dataclass
class Card:
    name: str
    role: str
    company: str
    email: str
    phone: str
    website: str


CARDS = [
    Card(
        "Maria Gonzalez",
        "Chief Technology Officer",
        "Northwind Traders Inc.",
        "maria.gonzalez@northwind.example",
        "+1 (617) 555-0142",
        "www.northwind.example",
    ),
    Card(
        "Kenji Watanabe",
        "Head of Infrastructure",
        "Fabrikam Systems",
        "kenji@fabrikam.example",
        "+81 3 5555 0199",
        "fabrikam.example",
    ),
    Card(
        "Amelia Hart",
        "VP Engineering",
        "Contoso Ltd",
        "a.hart@contoso.example",
        "+44 20 7946 0958",
        "www.contoso.example",
    ),
    Card(
        "Jonas Berg",
        "Chief Information Officer",
        "Tailspin Group",
        "jonas.berg@tailspin.example",
        "+46 8 555 123 45",
        "tailspin.example",
    ),
    Card(
        "Priya Raman",
        "Director of Data Platforms",
        "Litware Technologies",
        "priya@litware.example",
        "+91 80 5555 0112",
        "www.litware.example",
    ),
    Card(
        "Lucas Moreau",
        "Enterprise Architect",
        "Wingtip Consulting",
        "lucas.moreau@wingtip.example",
        "+33 1 55 55 01 23",
        "wingtip.example",
    ),
]


def render_card(
    card: Card,
    layout: str = "left",
    font: str = "sans",
    angle: float = 2.0,
    blur: float = 0.0,
    jpeg_quality: int | None = None,
) -> bytes:
    """A photo of the card: white card on a grey table, slightly rotated; `blur` and a low
    `jpeg_quality` make it look more like a quick phone photo."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    regular, bold = FONTS[font]

    def face(size: int, strong: bool = False) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(bold if strong else regular, size)

    image = Image.new("RGB", (1050, 600), "white")
    draw = ImageDraw.Draw(image)
    ink, grey = (20, 24, 33), (70, 76, 90)
    if layout == "left":
        draw.text((60, 60), card.name, font=face(54, True), fill=ink)
        draw.text((60, 135), card.role, font=face(32), fill=grey)
        draw.text((60, 190), card.company, font=face(34, True), fill=ink)
        draw.text((60, 380), card.email, font=face(28), fill=ink)
        draw.text((60, 430), card.phone, font=face(28), fill=ink)
        draw.text((60, 480), card.website, font=face(28), fill=ink)
    elif layout == "centered":
        for top, text, size, strong in (
            (50, card.company, 36, True),
            (180, card.name, 52, True),
            (250, card.role, 30, False),
            (390, card.email, 27, False),
            (435, card.phone, 27, False),
            (480, card.website, 27, False),
        ):
            width = draw.textlength(text, font=face(size, strong))
            draw.text(((1050 - width) / 2, top), text, font=face(size, strong), fill=ink)
    elif layout == "labels":
        draw.text((60, 50), card.company.upper(), font=face(30, True), fill=grey)
        draw.text((60, 170), card.name, font=face(50, True), fill=ink)
        draw.text((60, 240), card.role, font=face(30), fill=grey)
        draw.text((60, 370), f"E: {card.email}", font=face(27), fill=ink)
        draw.text((60, 420), f"T: {card.phone}", font=face(27), fill=ink)
        draw.text((60, 470), f"W: {card.website}", font=face(27), fill=ink)
    else:  # two columns
        draw.text((50, 80), card.name, font=face(44, True), fill=ink)
        draw.text((50, 145), card.role, font=face(26), fill=grey)
        draw.text((50, 420), card.company, font=face(32, True), fill=ink)
        draw.text((560, 330), card.phone, font=face(24), fill=ink)
        draw.text((560, 380), card.email, font=face(22), fill=ink)
        draw.text((560, 430), card.website, font=face(24), fill=ink)
    photo = Image.new("RGB", (1250, 800), (185, 188, 192))
    photo.paste(image.rotate(angle, expand=True, fillcolor=(185, 188, 192)), (60, 60))
    if blur:
        photo = photo.filter(ImageFilter.GaussianBlur(blur))
    buffer = io.BytesIO()
    if jpeg_quality:
        photo.save(buffer, format="JPEG", quality=jpeg_quality)
    else:
        photo.save(buffer, format="PNG")
    return buffer.getvalue()


LAYOUTS = ("left", "centered", "labels", "columns")


def expected_fields(card: Card) -> dict[str, str]:
    website = card.website if card.website.startswith("http") else f"https://{card.website}"
    return {
        "name": card.name,
        "role": card.role,
        "company": card.company,
        "email": card.email,
        "phone": card.phone,
        "website": website,
    }
