"""Business-card scans: the real OCR engine on cards rendered here, and the field rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hallway.interop import cards
from hallway.interop.cards import (
    CardImageError,
    CardLine,
    OcrUnavailable,
    card_read,
    draft_from_lines,
)
from hallway.interop.tests.cards import CARDS, expected_fields, render_card
from hallway.people.services import person_create


def _lines(*texts: str) -> list[CardLine]:
    return [
        CardLine(text=text, height=40 if index == 0 else 20, top=index * 50)
        for index, text in enumerate(texts)
    ]


def test_fields_are_recognised_from_labelled_lines() -> None:
    draft = draft_from_lines(
        _lines(
            "FABRIKAM SYSTEMS",
            "Kenji Watanabe",
            "Head of Infrastructure",
            "E: kenji@fabrikam.example",
            "T: +81 3 5555 0199",
            "W: www.fabrikam.example",
        )
    )
    assert (draft.name, draft.company, draft.role) == (
        "Kenji Watanabe",
        "Fabrikam Systems",
        "Head of Infrastructure",
    )
    assert (draft.email, draft.phone, draft.website) == (
        "kenji@fabrikam.example",
        "+81 3 5555 0199",
        "https://www.fabrikam.example",
    )


def test_a_job_title_with_a_company_word_is_still_a_role() -> None:
    draft = draft_from_lines(
        _lines("Maria Gonzalez", "Chief Technology Officer", "Northwind Traders Inc.")
    )
    assert (draft.role, draft.company) == ("Chief Technology Officer", "Northwind Traders Inc.")


def test_the_company_is_recognised_from_the_email_domain() -> None:
    draft = draft_from_lines(
        _lines("Lucas Moreau", "Wingtip", "lucas@wingtip.example", "linkedin.com/in/lucasmoreau")
    )
    assert draft.company == "Wingtip"
    assert draft.linkedin_url == "https://linkedin.com/in/lucasmoreau"


def test_a_card_without_text_gives_an_empty_draft() -> None:
    assert draft_from_lines([]).as_initial() == {}


def test_missing_ocr_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cards, "ocr_available", lambda: False)
    monkeypatch.setattr(cards, "_engine", None)
    with pytest.raises(OcrUnavailable, match=r"pip install 'hallway\[ocr\]'"):
        card_read(b"anything")


@pytest.mark.ocr
def test_a_file_that_is_not_an_image_is_refused() -> None:
    with pytest.raises(CardImageError, match="not a photo we can read"):
        card_read(b"GIF89a but not really")


@pytest.mark.ocr
@pytest.mark.parametrize(
    ("card", "layout", "font", "angle"),
    [
        (CARDS[0], "left", "sans", -3.0),
        (CARDS[1], "labels", "condensed", 2.5),
        (CARDS[2], "centered", "serif", 1.5),
        (CARDS[5], "columns", "mono", -2.0),
    ],
)
def test_real_ocr_reads_rendered_cards_in_several_layouts_and_fonts(
    card: Any, layout: str, font: str, angle: float
) -> None:
    draft = card_read(render_card(card, layout=layout, font=font, angle=angle))
    got = {name: getattr(draft, name) for name in expected_fields(card)}
    assert got == expected_fields(card)


@pytest.mark.ocr
@pytest.mark.django_db
def test_the_scan_page_turns_a_card_photo_into_a_draft_person(
    owner_client: Client, owner: Any
) -> None:
    person_create(owner=owner, name="Amelia Hart", email="a.hart@contoso.example")
    photo = SimpleUploadedFile(
        "card.png",
        render_card(CARDS[2], layout="left", font="sans", angle=2.0),
        content_type="image/png",
    )
    response = owner_client.post(reverse("interop:scan"), {"photo": photo})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Amelia Hart"' in page
    assert 'value="VP Engineering"' in page
    assert 'value="a.hart@contoso.example"' in page
    assert "already in your network" in page


def test_a_legal_suffix_glued_to_the_name_is_separated() -> None:
    draft = draft_from_lines(
        _lines("Amelia Hart", "VP Engineering", "ContosoLtd", "a.hart@contoso.example")
    )
    assert draft.company == "Contoso Ltd"
