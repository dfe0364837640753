"""Benchmark team search and the person page for a big team, over HTTP against `hallway serve`.

    eval "$(scripts/pg-throwaway.sh start)"
    DATABASE_URL="$HALLWAY_PG_URL/hallway_teams" .venv/bin/python bench/bench_teams.py --generate
    DATABASE_URL="$HALLWAY_PG_URL/hallway_teams" .venv/bin/python bench/bench_teams.py --port 8650

--generate fills the database: --members users (member00, member01, …) with --people each
(bench/generate.py's realistic networks, one conversation per person), all in one team, each
sharing a part of their network with it (--know share at "I know them", --full at full story;
the rest stays private). Without --generate it starts `hallway serve` on --port, sends
--requests requests of each kind one at a time as member00, and prints p50/p95 in ms:

- team search: GET /api/v1/team-search?q=… (companies, roles, names, topics)
- the person page: GET /people/{id}/ of member00's own people (with "who can see what")
- a teammate's shared person: GET /teams/{team}/people/{id}/
- a baseline: GET /api/v1/teams (token check, one small query), to read the others against
  the machine's load
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import vocabulary as words  # noqa: E402
from bench.run import Client, _percentiles, _session_cookie, _wait_for_server  # noqa: E402

TEAM_NAME = "Bench leadership team"


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
    os.environ.setdefault("HALLWAY_SEMANTIC", "off")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _member_name(index: int) -> str:
    return f"member{index:02d}"


def generate(*, members: int, people: int, know: float, full: float, seed: int) -> None:
    from django.contrib.auth.models import User
    from django.db import connection, transaction
    from django.utils import timezone

    from bench.generate import generate as generate_network
    from hallway.teams.models import Membership, Role, ShareLevel, Team

    started = time.perf_counter()
    team = Team.objects.filter(name=TEAM_NAME).first() or Team.objects.create(name=TEAM_NAME)
    rng = random.Random(seed)
    for index in range(members):
        name = _member_name(index)
        if not User.objects.filter(username=name).exists():
            print(f"{name}: generating {people:,} people", flush=True)
            generate_network(
                people=people,
                conversations=people,
                username=name,
                seed=seed + index,
                exact_embeddings=False,
            )
        user = User.objects.get(username=name)
        membership, created = Membership.objects.get_or_create(
            team=team, user=user, defaults={"role": Role.OWNER if index == 0 else Role.MEMBER}
        )
        if not created:
            continue
        ids = list(user.people.values_list("id", flat=True))
        rng.shuffle(ids)
        know_count, full_count = int(len(ids) * know), int(len(ids) * full)
        now = timezone.now()
        rows = [(team.pk, pid, user.pk, int(ShareLevel.KNOW), now) for pid in ids[:know_count]]
        rows += [
            (team.pk, pid, user.pk, int(ShareLevel.FULL), now)
            for pid in ids[know_count : know_count + full_count]
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(
                    "COPY teams_sharegrant (team_id, person_id, owner_id, level, updated_at) "
                    "FROM STDIN"
                ) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(
                    "INSERT INTO teams_sharegrant (team_id, person_id, owner_id, level, updated_at) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    rows,
                )
        print(f"{name}: shared {know_count:,} as 'I know them', {full_count:,} in full", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Generated in {time.perf_counter() - started:.0f} s", flush=True)


def _queries(rng: random.Random) -> list[str]:
    """What a team asks: companies, roles, a company and a role, names, topics."""
    companies = rng.sample(words.COMPANY_STEMS, 12)
    roles = rng.sample(words.ROLES, 6)
    names = rng.sample(words.LAST_NAMES, 6)
    topics = ["sailing", "marathon", "jazz", "sourdough", "kubernetes", "hospital"]
    return (
        companies
        + roles
        + [f"{company} {role}" for company, role in zip(companies[:6], roles, strict=False)]
        + names
        + topics
    )


def measure(*, port: int, requests: int, workers: int, json_path: str | None) -> None:
    from django.contrib.auth.models import User

    from hallway.accounts.services import token_create
    from hallway.teams.models import ShareGrant, Team

    viewer = User.objects.get(username=_member_name(0))
    team = Team.objects.get(name=TEAM_NAME)
    members = team.memberships.count()
    people = sum(member.user.people.count() for member in team.memberships.select_related("user"))
    shared = ShareGrant.objects.filter(team=team).count()
    print(
        f"Team: {members} members, {people:,} people, {shared:,} shared with the team", flush=True
    )
    token = token_create(user=viewer, name="bench")[1]
    environment = {
        **os.environ,
        "HALLWAY_WEB_WORKERS": str(workers),
        "HALLWAY_SEMANTIC": "off",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "hallway.cli", "serve", "--port", str(port), "--no-tasks"],
        env=environment,
    )
    try:
        _wait_for_server(port, server)
        rng = random.Random(7)
        queries = _queries(rng)
        api = Client(port, {"Authorization": f"Bearer {token}"})
        web = Client(port, {"Cookie": _session_cookie(viewer)})
        own_ids = list(viewer.people.values_list("id", flat=True)[:2000])
        shared_ids = list(
            ShareGrant.objects.filter(team=team)
            .exclude(owner=viewer)
            .values_list("person_id", flat=True)[:5000]
        )
        results: list[dict[str, Any]] = []
        hits: list[int] = []

        def run(label: str, call: Any) -> None:
            call(0)  # warm up this kind of request
            samples = [call(index) for index in range(requests)]
            p50, p95 = _percentiles(samples)
            results.append({"label": label, "count": requests, "p50": p50, "p95": p95})
            print(f"{label:<40} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms", flush=True)

        def team_search(index: int) -> float:
            status, body, elapsed = api.get(
                "/api/v1/team-search", q=queries[index % len(queries)], limit=20
            )
            assert status == 200, (status, body[:200])
            hits.append(json.loads(body)["count"])
            return elapsed

        def person_page(index: int) -> float:
            status, body, elapsed = web.get(f"/people/{rng.choice(own_ids)}/")
            assert status == 200 and b"Who can see what" in body, status
            return elapsed

        def shared_person(index: int) -> float:
            status, body, elapsed = web.get(f"/teams/{team.pk}/people/{rng.choice(shared_ids)}/")
            assert status == 200, status
            return elapsed

        def baseline(index: int) -> float:
            status, body, elapsed = api.get("/api/v1/teams")
            assert status == 200, status
            return elapsed

        run("baseline: GET /api/v1/teams", baseline)
        run("team search (API)", team_search)
        run("person page (own, who can see what)", person_page)
        run("a teammate's shared person page", shared_person)
        print(
            f"team search: {sum(hits) / len(hits):.1f} results per query on average "
            f"({len(queries)} queries, limit 20)",
            flush=True,
        )
        if json_path:
            Path(json_path).write_text(
                json.dumps(
                    {"members": members, "people": people, "shared": shared, "results": results},
                    indent=2,
                )
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", action="store_true", help="fill the database first")
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--people", type=int, default=10_000, help="people per member")
    parser.add_argument("--know", type=float, default=0.3, help="share shared as 'I know them'")
    parser.add_argument("--full", type=float, default=0.1, help="share shared as full story")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--port", type=int, default=8650)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=200, help="requests per measurement")
    parser.add_argument("--json", dest="json_path", help="also write the numbers to this file")
    args = parser.parse_args()
    _setup()
    if args.generate:
        generate(
            members=args.members, people=args.people, know=args.know, full=args.full, seed=args.seed
        )
        return
    measure(port=args.port, requests=args.requests, workers=args.workers, json_path=args.json_path)


if __name__ == "__main__":
    main()
