from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from typer.testing import CliRunner

from hallway.cli import app
from hallway.events.models import Event
from hallway.interop.tests.network import build_network
from hallway.people.models import Person
from hallway.people.services import person_create

runner = CliRunner()
SAMPLES = Path(__file__).parent / "samples"
pytestmark = pytest.mark.django_db


def test_import_prints_counts_and_reimport_creates_nothing(owner: Any, outsider: Any) -> None:
    result = runner.invoke(app, ["import", str(SAMPLES / "linkedin.csv"), "--user", owner.username])
    assert result.exit_code == 0, result.output
    assert "Created 3, updated 0, skipped 0 (linkedin)." in result.output
    again = runner.invoke(app, ["import", str(SAMPLES / "linkedin.csv"), "--user", owner.username])
    assert "Created 0, updated 0, skipped 3" in again.output
    assert Person.objects.filter(owner=owner).count() == 3
    assert not Person.objects.filter(owner=outsider).exists()


def test_import_dry_run_writes_nothing(owner: Any) -> None:
    result = runner.invoke(
        app,
        [
            "import",
            str(SAMPLES / "conference.ics"),
            "--dry-run",
            "--format",
            "ics",
            "--user",
            owner.username,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Would create 3" in result.output and "dry run" in result.output
    assert not Event.objects.exists()


def test_import_lists_row_problems_with_line_numbers(owner: Any, tmp_path: Path) -> None:
    file = tmp_path / "c.csv"
    file.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,Lee,,ann@,,,15 Mar 2024\n"
    )
    result = runner.invoke(app, ["import", str(file), "--user", owner.username])
    assert result.exit_code == 0
    assert "line 2: “ann@” is not a valid e-mail address; left out." in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"BEGIN:VCARD\nFN:Ann\n", "looks truncated"),
        (b"\x00\x00garbage", "binary data"),
        (b"a;b\n", "No known CSV header"),
    ],
)
def test_import_of_a_bad_file_fails_with_one_line_and_writes_nothing(
    owner: Any, tmp_path: Path, content: bytes, message: str
) -> None:
    file = tmp_path / "bad.vcf"
    file.write_bytes(content)
    result = runner.invoke(app, ["import", str(file), "--user", owner.username])
    assert result.exit_code == 1
    assert message in result.output
    assert "Nothing was imported." in result.output
    assert not Person.objects.exists()


def test_import_of_a_missing_file_or_unknown_format_fails_clearly(owner: Any) -> None:
    missing = runner.invoke(app, ["import", "/nonexistent/file.vcf", "--user", owner.username])
    assert missing.exit_code == 1 and "No such file" in missing.output
    wrong = runner.invoke(
        app, ["import", str(SAMPLES / "apple.vcf"), "--format", "excel", "--user", owner.username]
    )
    assert wrong.exit_code == 1 and "Unknown format “excel”" in wrong.output


def test_export_writes_vcards_and_calendars(owner: Any, tmp_path: Path) -> None:
    build_network(owner)
    vcf = tmp_path / "people.vcf"
    result = runner.invoke(app, ["export", "vcard", "--output", str(vcf), "--user", owner.username])
    assert result.exit_code == 0, result.output
    assert vcf.read_text().count("BEGIN:VCARD") == 3
    old = runner.invoke(app, ["export", "vcard", "--version", "3.0", "--user", owner.username])
    assert "VERSION:3.0" in old.output
    ics = tmp_path / "calendar.ics"
    assert (
        runner.invoke(app, ["export", "ics", "-o", str(ics), "--user", owner.username]).exit_code
        == 0
    )
    assert "SUMMARY:CIO Summit" in ics.read_text()
    bad = runner.invoke(app, ["export", "pdf", "--user", owner.username])
    assert bad.exit_code == 1 and "Use vcard or ics" in bad.output


def test_people_merge_by_name_or_id(owner: Any) -> None:
    jane = person_create(owner=owner, name="Jane Doe", story={"work": "CIO"})
    janet = person_create(owner=owner, name="Janet Doe-Smith", story={"passions": "Sailing"})
    result = runner.invoke(app, ["people", "merge", "Jane Doe", "janet", "--user", owner.username])
    assert result.exit_code == 0, result.output
    assert f"Merged Janet Doe-Smith (id {janet.pk}) into Jane Doe (id {jane.pk})." in result.output
    jane.refresh_from_db()
    assert (jane.work, jane.passions) == ("CIO", "Sailing")


def test_people_merge_refuses_ambiguous_and_unknown_names(owner: Any, outsider: Any) -> None:
    a = person_create(owner=owner, name="Jane Doe")
    b = person_create(owner=owner, name="Jane Doe")
    ambiguous = runner.invoke(
        app, ["people", "merge", "Jane Doe", "Jane", "--user", owner.username]
    )
    assert ambiguous.exit_code == 1 and "matches 2 people" in ambiguous.output
    by_id = runner.invoke(app, ["people", "merge", str(a.pk), f"#{b.pk}", "--user", owner.username])
    assert by_id.exit_code == 0, by_id.output
    stranger = person_create(owner=outsider, name="Oscar's Friend")
    other = runner.invoke(
        app, ["people", "merge", str(a.pk), str(stranger.pk), "--user", owner.username]
    )
    assert other.exit_code == 1 and f"No person with id {stranger.pk}" in other.output
    assert Person.objects.filter(pk=stranger.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_instance(
    owner: Any, outsider: Any, tmp_path: Path
) -> None:
    build_network(owner)
    build_network(outsider)
    whole = tmp_path / "all.json"
    mine = tmp_path / "olivia.json"
    assert runner.invoke(app, ["backup", str(whole)]).exit_code == 0
    result = runner.invoke(app, ["backup", str(mine), "--user", owner.username])
    assert result.exit_code == 0, result.output
    assert json.loads(mine.read_text())["scope"] == "user"
    refused = runner.invoke(app, ["restore", str(whole)])
    assert refused.exit_code == 1 and "not empty" in refused.output
    User.objects.all().delete()
    restored = runner.invoke(app, ["restore", str(mine)])
    assert restored.exit_code == 0, restored.output
    assert "(3 people)" in restored.output
    assert list(User.objects.values_list("username", flat=True)) == ["olivia"]
    assert Person.objects.filter(owner__username="olivia").count() == 3


def test_restore_of_a_file_that_is_not_a_backup_fails_clearly(db: Any, tmp_path: Path) -> None:
    file = tmp_path / "x.json"
    file.write_text("[1, 2]")
    result = runner.invoke(app, ["restore", str(file)])
    assert result.exit_code == 1
    assert "not a Hallway backup file" in result.output


def test_import_prints_what_matched_what_was_flagged_and_why_rows_were_skipped(
    owner: Any,
) -> None:
    person_create(owner=owner, name="Elena Costa", email="costa.family@example.com")
    result = runner.invoke(
        app, ["import", str(SAMPLES / "google_shared.csv"), "--user", owner.username]
    )
    assert result.exit_code == 0, result.output
    assert "Created 5, updated 1, skipped 1 (google)." in result.output
    assert "Skipped: 1 repeated in the file." in result.output
    assert "1 row matched people you have (1 on same e-mail and name)." in result.output
    assert "3 new people share an e-mail, phone or name with someone" in result.output
