"""Import speed: rows per second for 50,000 LinkedIn rows and 10,000 vCards (target for CSV:
at least 10,000 rows/s), plus re-importing the same files (everything already known).

    HALLWAY_DATA_DIR=/tmp/hw-import-bench .venv/bin/python bench/import_bench.py
    DATABASE_URL=postgresql://postgres@127.0.0.1:54329/hallway_import_bench .venv/bin/python bench/import_bench.py

Runs against the configured database (migrated first) for a throwaway user that is deleted at
the end. The whole import is measured: parsing, matching, the bulk writes and the change hooks
(the search index) in one transaction. `--rows` and `--cards` change the sizes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
os.environ.setdefault("HALLWAY_DATA_DIR", tempfile.mkdtemp(prefix="hw-import-bench-"))
os.environ.setdefault("HALLWAY_IMPORT_MAX_BYTES", str(100 * 1024 * 1024))

FIRST = [
    "Ann",
    "Bob",
    "Chloé",
    "Dmitri",
    "Eve",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kenji",
    "Lena",
    "Mia",
    "Noah",
    "Priya",
    "Zoë",
]
LAST = [
    "Lee",
    "Stone",
    "Dubois",
    "Ivanov",
    "Okafor",
    "Haddad",
    "Hopper",
    "Tanaka",
    "García",
    "Berg",
    "Watanabe",
    "Schmidt",
    "Rossi",
    "Kim",
    "Raman",
    "Ōkubo",
]
COMPANIES = [
    "Contoso",
    "Fabrikam, Inc.",
    "Northwind Traders",
    "Litware",
    "Tailspin Group",
    "Wingtip",
    "Adventure Works",
]
ROLES = [
    "CTO",
    "CIO",
    "Head of IT",
    "VP Engineering",
    "Enterprise Architect",
    "CISO",
    "Data Platform Lead",
]


def linkedin_csv(rows: int) -> bytes:
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for index in range(rows):
        first, last = FIRST[index % len(FIRST)], LAST[(index // len(FIRST)) % len(LAST)]
        email = f"{first.lower()}.{index}@example.com" if index % 3 == 0 else ""
        company = COMPANIES[index % len(COMPANIES)]
        lines.append(
            f'{first},{last} {index},https://www.linkedin.com/in/person-{index},{email},"{company}",{ROLES[index % len(ROLES)]},{1 + index % 28:02d} Mar 2024'
        )
    return ("\n".join(lines) + "\n").encode()


def vcards(count: int) -> bytes:
    cards = []
    for index in range(count):
        first, last = FIRST[index % len(FIRST)], LAST[(index // len(FIRST)) % len(LAST)]
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"N:{last} {index};{first};;;\r\nFN:{first} {last} {index}\r\n"
            f"ORG:{COMPANIES[index % len(COMPANIES)].replace(',', chr(92) + ',')}\r\nTITLE:{ROLES[index % len(ROLES)]}\r\n"
            f"item1.EMAIL;type=INTERNET;type=pref:card{index}@example.com\r\nitem1.X-ABLabel:_$!<Other>!$_\r\n"
            f"TEL;type=CELL:+1 617 555 {index:04d}\r\nCATEGORIES:bench,{ROLES[index % len(ROLES)].lower()}\r\n"
            f"NOTE:Met at the summit\\, talked about sailing\\; card {index}.\r\nEND:VCARD\r\n"
        )
    return "".join(cards).encode()


def measure(label: str, owner: object, data: bytes, rows: int) -> None:
    from hallway.interop.importing import import_file
    from hallway.interop.parsers import parse

    started = time.perf_counter()
    parse(data)
    parse_seconds = time.perf_counter() - started
    from hallway.lib import hooks

    hook_seconds = [0.0]
    original = hooks.people_changed

    def timed(people: list) -> None:
        begun = time.perf_counter()
        original(people)
        hook_seconds[0] += time.perf_counter() - begun

    hooks.people_changed = timed
    started = time.perf_counter()
    try:
        plan = import_file(owner=owner, data=data)
    finally:
        hooks.people_changed = original
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = import_file(owner=owner, data=data)
    second = time.perf_counter() - started
    assert plan.created == rows and again.created == 0, (plan.result(), again.result())
    print(
        f"{label:<22} {rows:>7,} rows  import {first:6.2f} s = {rows / first:8,.0f} rows/s   "
        f"re-import {second:6.2f} s = {rows / second:8,.0f} rows/s"
    )
    own = first - hook_seconds[0]
    print(
        f"{'':<22} of which search indexing (change hooks) {hook_seconds[0]:6.2f} s; import without it "
        f"{own:6.2f} s = {rows / own:8,.0f} rows/s; parsing alone {rows / parse_seconds:8,.0f} rows/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000, help="LinkedIn rows (default 50,000)")
    parser.add_argument("--cards", type=int, default=10_000, help="vCards (default 10,000)")
    options = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    print(f"Database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    csv_data, vcf_data = linkedin_csv(options.rows), vcards(options.cards)
    print(f"LinkedIn CSV {len(csv_data) / 1e6:.1f} MB, vCards {len(vcf_data) / 1e6:.1f} MB")
    for label, data, rows in (
        ("LinkedIn CSV", csv_data, options.rows),
        ("vCard 3.0 (Apple-like)", vcf_data, options.cards),
    ):
        owner = User.objects.create_user(username=f"import-bench-{os.getpid()}-{time.time_ns()}")
        try:
            measure(label, owner, data, rows)
        finally:
            owner.delete()


if __name__ == "__main__":
    main()
