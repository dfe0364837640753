"""A/B of pages between this tree and another checkout, on the same database, in one run.

    git archive main | tar -x -C /tmp/main-src
    HALLWAY_DATA_DIR=/tmp/hw-perf100k .venv/bin/python bench/ab_pages.py --baseline-src /tmp/main-src \
        --baseline-data-dir /tmp/hw-perf100k-main   # a copy, this tree's indexes dropped
    DATABASE_URL=postgresql://…/hallway_perf .venv/bin/python bench/ab_pages.py \
        --baseline-src /tmp/main-src --baseline-database-url postgresql://…/hallway_perf_base

Each side is a child process importing its own tree's code; the two alternate (A, B, A, B…),
each round timing every page `--requests` times, so both see the same moment of a shared
machine: read the ratio. Pages (--pages): the duplicates page and API, Due, Reconnect and its
API, the practice page, home, a person page and briefing (`{person}`: the user's 501st person
by id, the same on both sides) and the follow-up list API, as the user `--user` (default: the
benchmark generator's `bench`). Each side also prints each page's SQL queries, the time spent
in them (p50 of each request's sum: "the engine's own query time"), and a fingerprint of its
answer (the HTML with the CSRF token and the static files' hashes taken out, or the JSON), so
"same results" is checked, not assumed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "duplicates": "/interop/duplicates/",
    "API duplicates": "/api/v1/duplicates",
    "due": "/recall/due/",
    "reconnect": "/recall/reconnect/",
    "reconnect, page 2": "/recall/reconnect/?page=2",
    "API reconnect": "/api/v1/reconnect",
    "practice": "/practice/",
    "home": "/",
    "person page": "/people/{person}/",
    "briefing": "/recall/people/{person}/",
    "API briefing": "/api/v1/people/{person}/briefing",
    "API follow-ups": "/api/v1/followups",
}
# What differs between two answers of the same page: CSRF tokens, the CSP nonce, the moment.
_TOKEN = re.compile(
    rb'name="csrfmiddlewaretoken" value="[^"]*"|"X-CSRFToken": "[^"]*"|nonce="[^"]*"'
    rb'|data-rendered-at="[^"]*"'
)
# A static file's hash in its name (a copied data folder may lack the collected files).
_STATIC_HASH = re.compile(rb"(/static/[^\"' ]*?)\.[0-9a-f]{12}(\.\w+[\"'?])")


def _fingerprint(content: bytes) -> str:
    return hashlib.sha256(_STATIC_HASH.sub(rb"\1\2", _TOKEN.sub(b"", content))).hexdigest()[:12]


def child(src: str, user: str, pages: list[str], requests: int) -> None:
    """Time the pages with the code of `src` (run in a fresh process); print JSON."""
    import time

    sys.path.insert(0, src)
    os.chdir(src)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    from hallway.accounts.services import token_create
    from hallway.people.models import Person

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    owner = User.objects.get(username=user)
    people = Person.objects.filter(owner=owner).order_by("id").values_list("id", flat=True)
    person = people[min(500, people.count() - 1)]
    browser = Client()
    browser.force_login(owner)
    headers: dict[str, Any] = {
        "HTTP_AUTHORIZATION": f"Bearer {token_create(user=owner, name='ab')[1]}"
    }
    out: dict[str, Any] = {}
    for label in pages:
        url = PAGES[label].replace("{person}", str(person))
        extra = headers if url.startswith("/api/") else {}
        queries: list[float] = []

        def timed(execute: Any, sql: str, *rest: Any, queries: list[float] = queries) -> Any:
            started = time.perf_counter()
            try:
                return execute(sql, *rest)
            finally:
                queries.append((time.perf_counter() - started) * 1000)

        with connection.execute_wrapper(timed):
            response = browser.get(url, **extra)
            assert response.status_code == 200, (url, response.status_code)
            count = len(queries)
            timings, sql = [], []
            for _ in range(requests):
                queries.clear()
                started = time.perf_counter()
                browser.get(url, **extra)
                timings.append((time.perf_counter() - started) * 1000)
                sql.append(sum(queries))
        out[label] = {
            "ms": timings,
            "sql_ms": sql,
            "queries": count,
            "answer": _fingerprint(response.content),
        }
    print(json.dumps(out))


def _side(
    src: Path, data_dir: str | None, database_url: str | None, args: argparse.Namespace
) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(src), "--user", args.user]
    command += ["--requests", str(args.requests), "--pages", *args.pages]
    environment = {**os.environ, **({"HALLWAY_DATA_DIR": data_dir} if data_dir else {})}
    if database_url:
        environment["DATABASE_URL"] = database_url
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=environment)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--baseline-src", type=Path, required=False, help="the other checkout")
    parser.add_argument(
        "--baseline-data-dir",
        help="the baseline's own copy of the data (HALLWAY_DATA_DIR), e.g. without this tree's "
        "indexes, which the baseline's queries would use too",
    )
    parser.add_argument(
        "--baseline-database-url",
        help="PostgreSQL: the baseline's own copy (CREATE DATABASE … TEMPLATE …), as above",
    )
    parser.add_argument("--user", default="bench")
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), default=list(PAGES))
    parser.add_argument("--rounds", type=int, default=3, help="alternations of A and B")
    parser.add_argument("--requests", type=int, default=5, help="per page and round")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.user, args.pages, args.requests)
        return
    sides: dict[str, tuple[Path, str | None, str | None]] = {"this tree": (ROOT, None, None)}
    if args.baseline_src:
        sides["baseline"] = (
            args.baseline_src.resolve(),
            args.baseline_data_dir,
            args.baseline_database_url,
        )
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in sides}
    for _ in range(args.rounds):
        for name, (src, data_dir, database_url) in sides.items():
            runs[name].append(_side(src, data_dir, database_url, args))
    print(
        f"{args.rounds} rounds x {args.requests} requests per page and side, alternating; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"  {'page':<20}"
        + "".join(f"{name + ' p50 ms':>18}{'SQL ms':>8}{'queries':>9}" for name in sides)
    )
    for label in args.pages:
        line = f"  {label:<20}"
        p50s, answers = [], set()
        for name in sides:
            p50 = statistics.median(ms for run in runs[name] for ms in run[label]["ms"])
            sql = statistics.median(ms for run in runs[name] for ms in run[label]["sql_ms"])
            p50s.append(p50)
            answers |= {run[label]["answer"] for run in runs[name]}
            line += f"{p50:>18.1f}{sql:>8.1f}{runs[name][0][label]['queries']:>9}"
        if len(p50s) == 2:
            line += f"   ratio {p50s[0] / p50s[1]:.3f}"
            line += "   same answer" if len(answers) == 1 else "   ANSWERS DIFFER"
        print(line)


if __name__ == "__main__":
    main()
