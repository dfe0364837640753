from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hallway.conftest import browser_login
from hallway.interop.tests.cards import CARDS, render_card
from hallway.people.models import Person
from hallway.people.services import person_create

SAMPLES = Path(__file__).parent / "samples"
pytestmark = pytest.mark.browser


def test_importing_linkedin_connections_through_the_preview(
    page: Any, live_server: Any, owner: Any
) -> None:
    browser_login(page, live_server, owner.username)
    page.click("nav.mainnav >> text=Import")
    page.set_input_files("input[name=file]", str(SAMPLES / "linkedin.csv"))
    page.click("text=Preview the import")
    page.wait_for_selector("[data-count=new]")
    assert page.inner_text("[data-count=new]") == "3"
    assert Person.objects.count() == 0
    page.click("#confirm-import")
    page.wait_for_selector("#import-result")
    assert "Created 3" in page.inner_text("#import-result")
    assert Person.objects.filter(owner=owner).count() == 3


def test_a_bad_file_shows_the_problem_on_the_form(
    page: Any, live_server: Any, owner: Any, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.vcf"
    bad.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half a card")
    browser_login(page, live_server, owner.username)
    page.goto(f"{live_server.url}/interop/")
    page.set_input_files("input[name=file]", str(bad))
    page.click("text=Preview the import")
    assert "looks truncated" in page.inner_text(".errorlist")


def test_merging_duplicates_on_a_phone(phone_page: Any, live_server: Any, owner: Any) -> None:
    person_create(owner=owner, name="Jane Doe", email="jane@acme.example")
    person_create(owner=owner, name="Jane Doe", story={"passions": "Sailing"})
    browser_login(phone_page, live_server, owner.username)
    phone_page.goto(f"{live_server.url}/interop/duplicates/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_page.click("text=Merge…")
    phone_page.click("#confirm-merge")
    phone_page.wait_for_url("**/people/*/")
    assert Person.objects.filter(owner=owner).count() == 1
    assert Person.objects.get(owner=owner).passions == "Sailing"


@pytest.mark.ocr
def test_scanning_a_card_on_a_phone_fills_a_draft_to_confirm(
    phone_page: Any, live_server: Any, owner: Any, tmp_path: Path
) -> None:
    photo = tmp_path / "card.png"
    photo.write_bytes(render_card(CARDS[0], layout="labels", font="sans", angle=2.0))
    browser_login(phone_page, live_server, owner.username)
    phone_page.goto(f"{live_server.url}/interop/scan/")
    assert phone_page.get_attribute("input[name=photo]", "capture") == "environment"
    phone_page.set_input_files("input[name=photo]", str(photo))
    phone_page.click("text=Read the card", timeout=90_000)
    phone_page.wait_for_selector("#draft-person", timeout=90_000)
    assert phone_page.input_value("input[name=name]") == "Maria Gonzalez"
    assert phone_page.input_value("input[name=email]") == "maria.gonzalez@northwind.example"
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_page.click("text=Save this person")
    phone_page.wait_for_url("**/people/*/")
    person = Person.objects.get(owner=owner)
    assert (person.company, person.role) == ("Northwind Traders Inc.", "Chief Technology Officer")


def test_the_import_preview_fits_a_phone(phone_page: Any, live_server: Any, owner: Any) -> None:
    person_create(owner=owner, name="Ann Lee", email="ann@contoso.example")
    browser_login(phone_page, live_server, owner.username)
    phone_page.goto(f"{live_server.url}/interop/")
    phone_page.set_input_files("input[name=file]", str(SAMPLES / "google.csv"))
    phone_page.click("text=Preview the import")
    phone_page.wait_for_selector("[data-count=new]")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone_page.inner_text("[data-count=new]") == "2"


def test_people_sharing_a_phone_are_flagged_and_birthdays_shown_on_a_phone(
    phone_page: Any, live_server: Any, owner: Any
) -> None:
    browser_login(phone_page, live_server, owner.username)
    phone_page.goto(f"{live_server.url}/interop/")
    phone_page.set_input_files("input[name=file]", str(SAMPLES / "google_shared.csv"))
    phone_page.click("text=Preview the import")
    phone_page.wait_for_selector("[data-count=new]")
    assert phone_page.inner_text("[data-count=new]") == "6"
    assert "listed on the Duplicates screen" in phone_page.inner_text("[data-summary]")
    phone_page.click("#confirm-import")
    phone_page.wait_for_selector("#import-result")
    assert "Possible duplicates (3)" in phone_page.inner_text("main")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_page.goto(f"{live_server.url}/interop/")
    phone_page.set_input_files("input[name=file]", str(SAMPLES / "birthdays.vcf"))
    phone_page.click("text=Preview the import")
    phone_page.click("#confirm-import")
    phone_page.wait_for_selector("#import-result")
    leila = Person.objects.get(owner=owner, name="Leila Haddad")
    phone_page.goto(f"{live_server.url}{leila.get_absolute_url()}")
    assert phone_page.inner_text("[data-birthday]") == "8 December"
    assert phone_page.inner_text("[data-anniversary]") == "16 June 2012"
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
