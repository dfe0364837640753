"""vdirsyncer, a real CardDAV client we did not write, syncing both ways with Hallway."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import vobject
from django.core.signals import request_started

from hallway.conversations.services import followup_add
from hallway.people.models import Person
from hallway.people.services import note_add, person_create, person_delete, person_update
from hallway.sync import selectors
from hallway.sync.models import DeletedPerson
from hallway.sync.services import deleted_person_restore
from hallway.sync.tests.conftest import BIN, Vdirsyncer, write_vdirsyncer_config

pytestmark = pytest.mark.django_db(transaction=True)


class _Requests:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, sender: Any, environ: dict[str, Any], **kwargs: Any) -> None:
        if environ.get("PATH_INFO", "").startswith("/dav"):
            self.seen.append(environ["REQUEST_METHOD"])

    def methods(self) -> set[str]:
        return set(self.seen)


@pytest.fixture
def requests_seen() -> Any:
    counter = _Requests()
    request_started.connect(counter)
    yield counter
    request_started.disconnect(counter)


def _edit(path: Path, change: Any) -> None:
    card = vobject.readOne(path.read_text(encoding="utf-8"))
    change(card)
    path.write_text(card.serialize(), encoding="utf-8")


def _file_of(vdir: Vdirsyncer, name: str) -> Path:
    for path in vdir.folder.glob("*.vcf"):
        if vobject.readOne(path.read_text(encoding="utf-8")).fn.value == name:
            return path
    raise AssertionError(f"no file for {name}: {sorted(vdir.files())}")


def _card(vdir: Vdirsyncer, name: str) -> Any:
    return vobject.readOne(_file_of(vdir, name).read_text(encoding="utf-8"))


def _values(card: Any, name: str) -> list[str]:
    return [str(line.value) for line in card.contents.get(name, [])]


def _names(vdir: Vdirsyncer) -> set[str]:
    return {str(vobject.readOne(text).fn.value) for text in vdir.files().values()}


def _set_phone(card: Any, number: str) -> None:
    for line in list(card.contents.get("tel", [])):
        card.remove(line)
    card.add("tel").value = number


def test_vdirsyncer_syncs_both_ways_with_every_change_case(
    live_server: Any,
    owner: Any,
    teammate: Any,
    device: tuple[Any, str],
    tmp_path: Path,
    requests_seen: Any,
) -> None:
    jane = person_create(
        owner=owner,
        name="Jane Doe",
        company="Acme Corp",
        role="CIO",
        email="jane@acme.example",
        story={"work": "Runs IT at Acme", "passions": "Sailing"},
        tags=["cio"],
    )
    note_add(person=jane, text="Met at the CIO Summit")
    followup_add(person=jane, text="Send the cloud article")
    ken = person_create(owner=owner, name="Ken Adams", phone="+1 555 0100")
    lee = person_create(owner=owner, name="Lee Chan", email="lee@old.example")
    person_create(owner=teammate, name="Tina Teammate")
    url = f"{live_server.url}/dav/{owner.username}/contacts/"
    vdir = write_vdirsyncer_config(tmp_path, url, owner.username, device[1])

    # Initial sync: every person arrives as a vCard, the teammate's people never do.
    vdir.run("discover")
    vdir.sync()
    assert _names(vdir) == {"Jane Doe", "Ken Adams", "Lee Chan"}
    jane_card = _card(vdir, "Jane Doe")
    assert jane_card.note.value.splitlines()[:2] == ["Work: Runs IT at Acme", "Passions: Sailing"]
    assert "Follow-up: Send the cloud article" in jane_card.note.value
    assert jane_card.org.value == ["Acme Corp"] and _values(jane_card, "email") == [
        "jane@acme.example"
    ]

    # A second sync transfers nothing: one listing, no card read or written on either side.
    before_files, before_revision = vdir.files(), selectors.current_revision(owner=owner)
    requests_seen.seen.clear()
    vdir.sync()
    assert requests_seen.methods() == {"PROPFIND"}
    assert vdir.files() == before_files
    assert selectors.current_revision(owner=owner) == before_revision

    # An edit in Hallway reaches the folder.
    person_update(person=ken, phone="+1 555 0199")
    vdir.sync()
    assert _values(_card(vdir, "Ken Adams"), "tel") == ["+1 555 0199"]

    # An edit on the "phone": a new e-mail and a line typed under the story block.
    def lee_edit(card: Any) -> None:
        card.email.value = "lee@new.example"
        card.add("note").value = "Loves dim sum"  # Lee had no story yet: a new note

    _edit(_file_of(vdir, "Lee Chan"), lee_edit)
    vdir.sync()
    lee.refresh_from_db()
    assert lee.email == "lee@new.example"
    assert [note.text for note in lee.notes.all()] == ["Loves dim sum"]

    # A rename on the phone updates the same person: no duplicate, nothing of the story lost.
    def rename(card: Any) -> None:
        card.fn.value = "Jane Smith"
        card.n.value = vobject.vcard.Name(family="Smith", given="Jane")

    _edit(_file_of(vdir, "Jane Doe"), rename)
    vdir.sync()
    jane.refresh_from_db()
    assert jane.name == "Jane Smith"
    assert jane.story["work"] == "Runs IT at Acme" and jane.story["passions"] == "Sailing"
    assert [note.text for note in jane.notes.all()] == ["Met at the CIO Summit"]
    assert Person.objects.filter(owner=owner).count() == 3

    # A contact made on the phone becomes a person, and stays one contact.
    (vdir.folder / "phone-made-1.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-made-1\r\nFN:Nora New\r\nN:New;Nora;;;\r\n"
        "TEL;TYPE=cell:+44 20 7946 0000\r\nORG:Globex\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    vdir.sync()
    nora = Person.objects.get(owner=owner, name="Nora New")
    assert nora.phone == "+44 20 7946 0000" and nora.company == "Globex"
    vdir.sync()
    assert len(vdir.files()) == 4 and Person.objects.filter(owner=owner).count() == 4

    # A rename in Hallway keeps the file (and so the phone's contact).
    person_update(person=ken, name="Kenneth Adams")
    vdir.sync()
    assert _names(vdir) == {"Jane Smith", "Kenneth Adams", "Lee Chan", "Nora New"}

    # A delete on the phone deletes in Hallway, into Recently deleted.
    _file_of(vdir, "Lee Chan").unlink()
    vdir.sync()
    assert not Person.objects.filter(pk=lee.pk).exists()
    trashed = DeletedPerson.objects.get(owner=owner, person_id=lee.pk)
    assert trashed.source == "phone"

    # A delete in Hallway removes the file.
    person_delete(person=ken)
    vdir.sync()
    assert _names(vdir) == {"Jane Smith", "Nora New"}

    # A conflict: both sides change Nora. Without a rule vdirsyncer stops and loses nothing…
    person_update(person=nora, company="Initech")
    _edit(_file_of(vdir, "Nora New"), lambda card: _set_phone(card, "+44 20 7946 1111"))
    result = vdir.run("sync", check=False)
    assert result.returncode != 0 and "conflict" in (result.stdout + result.stderr).lower()
    nora.refresh_from_db()
    assert nora.company == "Initech" and nora.phone == "+44 20 7946 0000"
    assert _values(_card(vdir, "Nora New"), "tel") == ["+44 20 7946 1111"]
    # …and with "a wins" Hallway's version lands on the phone.
    vdir = write_vdirsyncer_config(tmp_path, url, owner.username, device[1], conflict='"a wins"')
    vdir.sync()
    assert _card(vdir, "Nora New").org.value == ["Initech"]

    # Restoring from Recently deleted brings Lee back to the phone under the same name.
    deleted_person_restore(deleted=trashed)
    vdir.sync()
    assert _names(vdir) == {"Jane Smith", "Lee Chan", "Nora New"}

    # And once everything is in step, a sync transfers nothing again.
    vdir.sync()
    before_files, before_revision = vdir.files(), selectors.current_revision(owner=owner)
    requests_seen.seen.clear()
    vdir.sync()
    assert requests_seen.methods() == {"PROPFIND"}
    assert vdir.files() == before_files
    assert selectors.current_revision(owner=owner) == before_revision

    # khard, a real address book program, reads the synced folder.
    khard_config = tmp_path / "khard.conf"
    khard_config.write_text(
        f"[addressbooks]\n[[hallway]]\npath = {vdir.folder}/\n\n[general]\ndefault_action = list\n",
        encoding="utf-8",
    )

    def khard(*args: str) -> str:
        return subprocess.run(
            [str(BIN / "khard"), "-c", str(khard_config), *args, "--parsable"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout

    listed = khard("list")
    assert "Jane Smith" in listed and "Nora New" in listed and "Tina" not in listed
    emails = khard("email")
    assert "jane@acme.example" in emails and "lee@new.example" in emails
