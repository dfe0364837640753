"""Reading attendee lists (pasted or CSV) and storing them per event."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from hallway.recall.attendees import AttendeeListError, ParsedAttendee, decode, parse_attendees
from hallway.recall.models import Attendee
from hallway.recall.services import attendees_clear, attendees_import


def test_pasted_lines_accept_names_emails_and_companies():
    text = "Jane Doe <Jane@Acme.example>\nSam Lee, Globex\nPriya Natarajan - Initech\nsolo@example.com\n\nBob"
    assert parse_attendees(text) == [
        ParsedAttendee("Jane Doe", "jane@acme.example", ""),
        ParsedAttendee("Sam Lee", "", "Globex"),
        ParsedAttendee("Priya Natarajan", "", "Initech"),
        ParsedAttendee("", "solo@example.com", ""),
        ParsedAttendee("Bob", "", ""),
    ]


def test_a_csv_with_a_header_is_read_by_column_name():
    text = "First Name;Last Name;E-mail;Organisation\nJane;Doe;jane@acme.example;Acme\nSam;Lee;;Globex\n"
    assert parse_attendees(text) == [
        ParsedAttendee("Jane Doe", "jane@acme.example", "Acme"),
        ParsedAttendee("Sam Lee", "", "Globex"),
    ]


def test_a_csv_without_name_or_email_column_is_refused_clearly():
    with pytest.raises(AttendeeListError, match="no name or email column"):
        parse_attendees("company,title\nAcme,CIO")


def test_duplicates_in_one_list_are_kept_once():
    assert len(parse_attendees("Jane Doe\njane doe\nJANE  DOE")) == 1


def test_an_empty_list_says_what_to_do():
    with pytest.raises(AttendeeListError, match="paste one name per line"):
        parse_attendees("  \n ")


def test_uploaded_bytes_in_utf8_with_bom_or_latin1_are_decoded():
    assert decode("\ufeffname\nJosé".encode()) == "name\nJosé"
    assert decode("name\nJosé".encode("latin-1")) == "name\nJosé"


def test_importing_adds_only_new_attendees_and_replace_starts_over(event):
    assert attendees_import(event=event, text="Jane Doe\nSam Lee") == 2
    assert attendees_import(event=event, text="jane doe\nNew Person") == 1
    assert Attendee.objects.filter(event=event).count() == 3
    assert attendees_import(event=event, text="Only One", replace=True) == 1
    assert list(Attendee.objects.filter(event=event).values_list("name", flat=True)) == ["Only One"]


def test_a_bad_list_changes_nothing(event):
    attendees_import(event=event, text="Jane Doe")
    with pytest.raises(ValidationError):
        attendees_import(event=event, text="   ", replace=True)
    assert Attendee.objects.filter(event=event).count() == 1


def test_clearing_forgets_the_list(event):
    attendees_import(event=event, text="Jane Doe\nSam Lee")
    assert attendees_clear(event=event) == 2
    assert not Attendee.objects.filter(event=event).exists()


def test_characters_no_database_can_store_are_dropped(event):
    assert parse_attendees("Ja\x00ne Doe\nBad \ud800 Name") == [
        ParsedAttendee("Jane Doe", "", ""),
        ParsedAttendee("Bad ? Name", "", ""),
    ]
