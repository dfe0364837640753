"""Phone sync at 10,000 people: seconds, requests and bytes for vdirsyncer's initial sync, a
sync with nothing to do, 10 changes made in Hallway and 10 made on the "phone"; and the same
10 changes read the way iOS and DAVx5 read them (sync-collection + multiget).

    .venv/bin/python bench/sync_bench.py                      # SQLite in a throwaway folder
    DATABASE_URL=postgresql://… .venv/bin/python bench/sync_bench.py
    .venv/bin/python bench/sync_bench.py --people 1000        # to see what grows with size

The server is Hallway's WSGI application in a threaded wsgiref server on 127.0.0.1:8500
(`--port`), wrapped to count requests and bytes (request bodies in, response bodies out).
vdirsyncer runs as its own program, as a user would run it.
"""

from __future__ import annotations

import argparse
import base64
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
os.environ.setdefault("HALLWAY_DATA_DIR", tempfile.mkdtemp(prefix="hw-sync-bench-"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HALLWAY_SEMANTIC", "off")

BIN = Path(sys.executable).parent


class _Counter:
    """WSGI middleware: requests, bytes received and bytes sent."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.requests = 0
        self.received = 0
        self.sent = 0
        self.server_seconds = 0.0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        started = time.perf_counter()
        with self.lock:
            self.requests += 1
            self.received += int(environ.get("CONTENT_LENGTH") or 0)
        body = b"".join(self.app(environ, start_response))
        with self.lock:
            self.sent += len(body)
            self.server_seconds += time.perf_counter() - started
        return [body]


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def _vdirsyncer(config: Path, *args: str) -> None:
    result = subprocess.run(
        [str(BIN / "vdirsyncer"), "-c", str(config), "--verbosity", "ERROR", *args],
        capture_output=True,
        text=True,
        input="",
    )
    if result.returncode != 0:
        sys.exit(f"vdirsyncer {args} failed:\n{result.stdout}\n{result.stderr}")


def _measure(counter: _Counter, label: str, action: Any) -> None:
    counter.reset()
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    print(
        f"{label:<36} {seconds:8.2f} s {counter.server_seconds:8.2f} s "
        f"{counter.requests:6d} {(counter.received + counter.sent) / 1024:11.1f} KiB",
        flush=True,
    )


def _dav(url: str, method: str, auth: str, body: str) -> bytes:
    request = urllib.request.Request(
        url,
        data=body.encode(),
        method=method,
        headers={"Authorization": auth, "Content-Type": "application/xml", "Depth": "1"},
    )
    with urllib.request.urlopen(request) as response:
        return response.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--port", type=int, default=8500)
    options = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import re
    from xml.etree import ElementTree

    from django.contrib.auth.models import User
    from django.core.handlers.wsgi import WSGIHandler

    from bench.generate import generate
    from hallway.people.models import Person
    from hallway.people.services import person_update
    from hallway.sync.services import device_password_create

    username = f"syncbench{int(time.time())}"
    print(f"Generating {options.people:,} people with stories and conversations…", flush=True)
    generate(
        people=options.people,
        conversations=options.people * 2,
        username=username,
        seed=14,
        exact_embeddings=False,
    )
    user = User.objects.get(username=username)
    _, password = device_password_create(owner=user, name="bench")
    auth = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
    counter = _Counter(WSGIHandler())
    server = make_server("127.0.0.1", options.port, counter, _Server, _QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{options.port}"
    url = f"{base}/dav/{username}/contacts/"

    work = Path(tempfile.mkdtemp(prefix="hw-sync-bench-vdir-"))
    (work / "contacts").mkdir()
    config = work / "vdirsyncer.conf"
    config.write_text(
        f'[general]\nstatus_path = "{work}/status/"\n\n'
        f'[pair bench]\na = "hallway"\nb = "phone"\ncollections = null\n'
        f'conflict_resolution = "a wins"\n\n'
        f'[storage hallway]\ntype = "carddav"\nurl = "{url}"\nusername = "{username}"\n'
        f'password = "{password}"\n\n'
        f'[storage phone]\ntype = "filesystem"\npath = "{work}/contacts/"\nfileext = ".vcf"\n',
        encoding="utf-8",
    )
    print(
        f"\n{'vdirsyncer, ' + format(options.people, ',') + ' people':<36} {'total':>10} "
        f"{'server':>10} {'requests':>6} {'transferred':>15}"
    )
    _vdirsyncer(config, "discover")
    _measure(counter, "initial sync", lambda: _vdirsyncer(config, "sync"))
    files = len(list((work / "contacts").glob("*.vcf")))
    assert files == options.people, files
    _measure(counter, "second sync, nothing changed", lambda: _vdirsyncer(config, "sync"))

    # sync-collection as iOS / DAVx5 do it: remember the token now.
    sync_body = (
        '<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token>{token}'
        "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
        "</d:sync-collection>"
    )
    first = _dav(url, "REPORT", auth, sync_body.format(token=""))
    token = ElementTree.fromstring(first).findtext("{DAV:}sync-token") or ""

    people = list(Person.objects.filter(owner=user).order_by("?")[:20])
    for person in people[:10]:
        person_update(person=person, role=f"{person.role} (changed)"[:200])
    _measure(counter, "10 changed in Hallway", lambda: _vdirsyncer(config, "sync"))

    folder = work / "contacts"

    def file_of(person: Any) -> Path:
        return folder / f"hallway-person-{person.pk}.vcf"

    def phone_edits() -> None:
        for person in people[10:20]:
            path = file_of(person)
            text = path.read_text(encoding="utf-8")
            path.write_text(
                re.sub(r"\r?\nTITLE:([^\r\n]*)", r"\r\nTITLE:\1 (phone)", text, count=1),
                encoding="utf-8",
            )
        _vdirsyncer(config, "sync")

    _measure(counter, "10 changed on the phone", phone_edits)

    def sync_collection() -> None:
        changed = _dav(url, "REPORT", auth, sync_body.format(token=token))
        hrefs = [
            element.findtext("{DAV:}href") or ""
            for element in ElementTree.fromstring(changed).iter("{DAV:}response")
        ]
        refs = "".join(f"<d:href>{href}</d:href>" for href in hrefs)
        _dav(
            url,
            "REPORT",
            auth,
            '<?xml version="1.0"?><card:addressbook-multiget xmlns:d="DAV:" '
            'xmlns:card="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><card:address-data/>'
            f"</d:prop>{refs}</card:addressbook-multiget>",
        )
        print(f"  (sync-collection listed {len(hrefs)} changed cards)")

    print(f"\n{'iOS / DAVx5 style (sync-collection)':<36}")
    _measure(counter, "the 20 changes since the token", sync_collection)

    print(f"\n{'every change case, ' + format(options.people, ',') + ' people':<36}")
    from hallway.people.services import person_delete
    from hallway.sync.models import DeletedPerson

    chosen = {person.pk for person in people}
    renamed_here, renamed_there, deleted_here, deleted_there, conflict = (
        Person.objects.filter(owner=user).exclude(pk__in=chosen).order_by("?")[:5]
    )
    count = Person.objects.filter(owner=user).count()

    def sync() -> None:
        _vdirsyncer(config, "sync")

    def replace(path: Path, pattern: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(pattern, new, text, count=1, flags=re.M), encoding="utf-8")

    replace(file_of(renamed_there), r"^FN:.*$", "FN:Renamed On-Phone")
    replace(file_of(renamed_there), r"^N:.*$", "N:On-Phone;Renamed;;;")
    _measure(counter, "a rename on the phone", sync)
    renamed_there.refresh_from_db()
    assert renamed_there.name == "Renamed On-Phone", renamed_there.name
    assert Person.objects.filter(owner=user).count() == count
    person_update(person=renamed_here, name="Renamed In-Hallway")
    _measure(counter, "a rename in Hallway", sync)
    assert "FN:Renamed In-Hallway" in file_of(renamed_here).read_text(encoding="utf-8")
    file_of(deleted_there).unlink()
    _measure(counter, "a delete on the phone", sync)
    assert not Person.objects.filter(pk=deleted_there.pk).exists()
    assert DeletedPerson.objects.filter(person_id=deleted_there.pk, source="phone").exists()
    deleted_file = file_of(deleted_here)
    person_delete(person=deleted_here)
    _measure(counter, "a delete in Hallway", sync)
    assert not deleted_file.exists()
    person_update(person=conflict, company="Hallway Side Inc")
    replace(file_of(conflict), r"^END:VCARD", "TEL:+1 555 0100\r\nEND:VCARD")
    _measure(counter, "a conflict (Hallway wins)", sync)
    assert "ORG:Hallway Side Inc" in file_of(conflict).read_text(encoding="utf-8")
    _measure(counter, "then a sync with nothing to do", sync)
    assert counter.requests == 1, counter.requests
    assert len(list(folder.glob("*.vcf"))) == Person.objects.filter(owner=user).count()
    print("every change case checked: renames, deletes, conflict, nothing left to transfer")
    server.shutdown()
    User.objects.filter(pk=user.pk).delete()


if __name__ == "__main__":
    main()
