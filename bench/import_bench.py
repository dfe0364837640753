"""Import speed: rows per second for 50,000 LinkedIn rows and 10,000 vCards (target for CSV:
at least 10,000 rows/s), plus re-importing the same files (everything already known).

    HALLWAY_DATA_DIR=/tmp/hw-import-bench .venv/bin/python bench/import_bench.py
    DATABASE_URL=postgresql://postgres@127.0.0.1:54329/hallway_import_bench .venv/bin/python bench/import_bench.py

    HALLWAY_DATA_DIR=/tmp/hw-import-bench .venv/bin/python bench/import_bench.py --rows 10000 \
        --baseline-src /tmp/main-checkout      # this tree against another, alternating

Runs against the configured database (migrated first) for a throwaway user deleted at the end.
The whole import is measured (parsing, matching, the bulk writes, the search index's change
hooks, in one transaction) beside two floors on SQLite: the CSV parsed with `csv` and inserted
into one table with `sqlite3` (bare), and the same parse with every row the import wrote
inserted in the same schema (same rows: bench/import_floor.py).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# The tree whose code is measured: this one, or the one a --baseline-src child runs in (cwd).
sys.path.insert(0, os.environ.get("PYTHONPATH", "").split(os.pathsep)[0] or str(ROOT))
sys.path.append(str(Path(__file__).resolve().parent))  # this file's own helpers, in any tree
from import_floor import floor_rows_per_second, row_marks, rows_since, same_rows_floor  # noqa: E402

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


def _server_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL backend so far (a server on this machine,
    read from /proc), 0 elsewhere: on a shared machine the CPU of both processes says what an
    import costs better than its wall time."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(label: str, owner: Any, data: bytes, rows: int) -> dict[str, float]:
    """Import the file, then import it again (nothing new); seconds of each and of the parts."""
    from hallway.interop.importing import import_file
    from hallway.interop.parsers import parse
    from hallway.lib import hooks

    started = time.perf_counter()
    parse(data)
    parse_seconds = time.perf_counter() - started
    hook_seconds = [0.0]
    original = hooks.people_changed

    def timed(people: list[Any]) -> None:
        begun = time.perf_counter()
        original(people)
        hook_seconds[0] += time.perf_counter() - begun

    hooks.people_changed = timed
    from django.db import connection

    marks = row_marks() if connection.vendor == "sqlite" else None
    server = _server_cpu()
    started, cpu = time.perf_counter(), time.process_time()
    try:
        plan = import_file(owner=owner, data=data)
    finally:
        hooks.people_changed = original
    first, cpu = time.perf_counter() - started, time.process_time() - cpu
    server = _server_cpu() - server
    written = rows_since(marks) if marks is not None else None
    same_rows = (
        same_rows_floor(data, rows, written) if written and label.startswith("LinkedIn") else 0.0
    )
    written_rows = sum(len(values) for _columns, values in (written or {}).values())
    started, again_cpu = time.perf_counter(), time.process_time()
    again = import_file(owner=owner, data=data)
    second, again_cpu = time.perf_counter() - started, time.process_time() - again_cpu
    assert plan.created == rows and again.created == 0, (plan.result(), again.result())
    assert again.updated == 0, again.result()
    return {
        "import": first,
        "import_cpu": cpu,
        "server_cpu": server,
        "reimport": second,
        "reimport_cpu": again_cpu,
        "hooks": hook_seconds[0],
        "parse": parse_seconds,
        "same_rows_floor": same_rows,
        "written_rows": written_rows,
    }


def _print(label: str, rows: int, seconds: dict[str, float], floor: float | None) -> None:
    first, second, hooks, parse = (seconds[key] for key in ("import", "reimport", "hooks", "parse"))
    print(
        f"{label:<22} {rows:>7,} rows  import {first:6.2f} s = {rows / first:8,.0f} rows/s   "
        f"re-import {second:6.2f} s = {rows / second:8,.0f} rows/s"
    )
    cpu = seconds["import_cpu"] + seconds["server_cpu"]
    print(
        f"{'':<22} CPU of the import {seconds['import_cpu']:6.2f} s"
        + (f" + database server {seconds['server_cpu']:5.2f} s" if seconds["server_cpu"] else "")
        + f" = {rows / cpu:8,.0f} rows per CPU second"
    )
    own = first - hooks
    print(
        f"{'':<22} of which search indexing (change hooks) {hooks:6.2f} s; import without it "
        f"{own:6.2f} s = {rows / own:8,.0f} rows/s; parsing alone {rows / parse:8,.0f} rows/s"
    )
    if floor:
        print(
            f"{'':<22} bare floor (csv + sqlite3, one table, same moment) {floor:8,.0f} rows/s: "
            f"import = {rows / first / floor:.2f}x it"
        )
    if seconds.get("same_rows_floor"):
        same = seconds["same_rows_floor"]
        print(
            f"{'':<22} same-rows floor (csv + sqlite3 executemany of the {seconds['written_rows']:,.0f} "
            f"rows the import wrote, same schema) {same:8,.0f} rows/s: import = {rows / first / same:.2f}x it"
        )


def _setup() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _warm_up(data: bytes) -> None:
    """Import a small file once for a throwaway user: the code an import runs is loaded and its
    queries compiled, as in a server's worker, so the measured import is the import itself."""
    from django.contrib.auth.models import User

    from hallway.interop.importing import import_file

    owner = User.objects.create_user(username=f"import-warm-{os.getpid()}-{time.time_ns()}")
    try:
        import_file(owner=owner, data=data)
    finally:
        owner.delete()


def _measure_as_new_user(label: str, data: bytes, rows: int) -> dict[str, float]:
    from django.contrib.auth.models import User

    _warm_up(linkedin_csv(50) if label.startswith("LinkedIn") else vcards(50))
    owner = User.objects.create_user(username=f"import-bench-{os.getpid()}-{time.time_ns()}")
    try:
        return measure(label, owner, data, rows)
    finally:
        owner.delete()


def _child(rows: int) -> None:
    """One measurement in this process, printed as one JSON line (for --baseline-src)."""
    _setup()
    data = linkedin_csv(rows)
    floor = floor_rows_per_second(data, rows)
    seconds = _measure_as_new_user("LinkedIn CSV", data, rows)
    print(json.dumps({**seconds, "floor": floor}))


def _alternate(rows: int, rounds: int, trees: dict[str, Path], data_root: Path) -> None:
    """Each tree measured in a child process of its own, A B A B …: the ratios are taken pair
    by pair, so the machine's load moving during the run moves both sides."""
    results: dict[str, list[dict[str, float]]] = {label: [] for label in trees}
    for round_number in range(rounds):
        for label, tree in trees.items():
            environment = {
                **os.environ,
                "HALLWAY_DATA_DIR": str(data_root / label),
                "PYTHONPATH": str(tree),
            }
            output = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--child", "--rows", str(rows)],
                cwd=tree,
                env=environment,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            results[label].append(json.loads(output.strip().splitlines()[-1]))
            last = results[label][-1]
            print(
                f"round {round_number + 1} {label:<9} import {rows / last['import']:8,.0f} rows/s "
                f"({last['import']:.2f} s, CPU {last['import_cpu']:.2f} s"
                + (f" + server {last['server_cpu']:.2f} s" if last.get("server_cpu") else "")
                + ", floor "
                f"{last['floor']:,.0f} rows/s), "
                f"re-import {last['reimport']:.2f} s (CPU {last['reimport_cpu']:.2f} s)"
            )
    this, baseline = results["this"], results["baseline"]
    speedups = [b["import"] / a["import"] for a, b in zip(this, baseline, strict=True)]
    cpu_speedups = [b["import_cpu"] / a["import_cpu"] for a, b in zip(this, baseline, strict=True)]
    reimports = [b["reimport_cpu"] / a["reimport_cpu"] for a, b in zip(this, baseline, strict=True)]
    floors = [rows / a["import"] / a["floor"] for a in this]
    same_rows = [
        rows / a["import"] / a["same_rows_floor"] for a in this if a.get("same_rows_floor")
    ]

    # The database server's CPU counts too (PostgreSQL; SQLite's is in the importing process)
    def total(result: dict[str, float]) -> float:
        return result["import_cpu"] + result.get("server_cpu", 0.0)

    this_cpu = " ".join(f"{total(a):.2f}" for a in this)
    baseline_cpu = " ".join(f"{total(b):.2f}" for b in baseline)
    print(
        f"\nCPU seconds of the import (with the database server's), this tree: {this_cpu}; "
        f"baseline: {baseline_cpu}; this tree "
        f"{rows / statistics.median(total(a) for a in this):,.0f} rows per CPU second"
    )
    print(
        f"\n{rows:,} LinkedIn rows, {rounds} rounds: this tree {statistics.median(rows / a['import'] for a in this):,.0f} rows/s "
        f"(median), baseline {statistics.median(rows / b['import'] for b in baseline):,.0f} rows/s; "
        f"import {statistics.median(speedups):.1f}x faster (pairs {min(speedups):.1f}-{max(speedups):.1f}; "
        f"in CPU seconds {statistics.median(cpu_speedups):.1f}x), "
        f"re-import {statistics.median(reimports):.1f}x in CPU seconds; this tree = {statistics.median(floors):.2f}x the bare floor"
        + (f", {statistics.median(same_rows):.2f}x the same-rows floor" if same_rows else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000, help="LinkedIn rows (default 50,000)")
    parser.add_argument("--cards", type=int, default=10_000, help="vCards (default 10,000)")
    parser.add_argument(
        "--baseline-src",
        type=Path,
        help="a checkout of another revision: the LinkedIn import measured in both trees, "
        "alternating (child processes), with the ratio taken pair by pair",
    )
    parser.add_argument("--rounds", type=int, default=3, help="pairs for --baseline-src")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        _child(options.rows)
        return
    if options.baseline_src:
        with tempfile.TemporaryDirectory(prefix="hw-import-ab-") as folder:
            _alternate(
                options.rows,
                options.rounds,
                {"this": ROOT, "baseline": options.baseline_src.resolve()},
                Path(folder),
            )
        return
    _setup()
    from django.conf import settings
    from django.db import connection

    print(f"Database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    csv_data, vcf_data = linkedin_csv(options.rows), vcards(options.cards)
    print(f"LinkedIn CSV {len(csv_data) / 1e6:.1f} MB, vCards {len(vcf_data) / 1e6:.1f} MB")
    floor = floor_rows_per_second(csv_data, options.rows)
    for label, data, rows in (
        ("LinkedIn CSV", csv_data, options.rows),
        ("vCard 3.0 (Apple-like)", vcf_data, options.cards),
    ):
        if rows:
            seconds = _measure_as_new_user(label, data, rows)
            _print(label, rows, seconds, floor if data is csv_data else None)


if __name__ == "__main__":
    main()
