"""Where one page's time goes: cProfile over repeated requests through Django's whole stack.

    HALLWAY_DATA_DIR=/tmp/hw-perf .venv/bin/python bench/page_profile.py / /people/ --runs 30

Uses the network bench/performance.py generates (the same data folder); `{person}` in a path is
replaced by one of the bench user's people. Prints the functions with the most own time and the
most cumulative time, so the next change is chosen from a profile, not a guess.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.performance import _ensure_network, _setup  # noqa: E402

FLOOR = "/bench/floor/"


def _time_templates(request: Any, path: str, runs: int, top: int) -> None:
    """Inclusive wall time of each template and each template tag's node, per request."""
    from django.template import base, library, loader_tags

    totals: dict[str, float] = defaultdict(float)

    def timed(cls: Any, name_of: Callable[[Any], str]) -> Any:
        original = cls.render

        def render(self: Any, context: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(self, context)
            finally:
                totals[name_of(self)] += time.perf_counter() - started

        cls.render = render  # type: ignore[attr-defined]
        return original

    patched = [
        (base.Template, timed(base.Template, lambda node: f"template {node.name}")),
        (
            library.InclusionNode,
            timed(library.InclusionNode, lambda node: f"tag {node.func.__name__}"),
        ),
        (library.SimpleNode, timed(library.SimpleNode, lambda node: f"tag {node.func.__name__}")),
    ]
    started = time.perf_counter()
    for _ in range(runs):
        request()
    whole = (time.perf_counter() - started) / runs * 1000
    for cls, original in patched:
        cls.render = original  # type: ignore[attr-defined]
    print(f"\n=== {path}: {whole:.1f} ms per request, inclusive ms per request:")
    for name, seconds in sorted(totals.items(), key=lambda item: -item[1])[:top]:
        print(f"  {seconds / runs * 1000:7.2f}  {name}")
    del loader_tags


def _collect_static() -> None:
    """Hashed static names from the manifest, as `hallway serve` has them (before the first
    collectstatic each {% static %} hashes its file's content: not what a server does)."""
    from hallway.pocket.staticfiles import collect_if_changed

    collect_if_changed()


def _time_against_floor(browser: Any, paths: list[str], runs: int) -> None:
    """Wall and CPU time (this thread's: what the request itself cost, whatever else runs on a
    shared machine) of each page beside the floor, interleaved."""

    def get(path: str) -> tuple[float, float]:
        started, cpu = time.perf_counter(), time.thread_time()
        assert browser.get(path).status_code == 200, path
        return (time.perf_counter() - started) * 1000, (time.thread_time() - cpu) * 1000

    for path in [FLOOR, *paths]:
        get(path)
    floors: list[tuple[float, float]] = []
    samples: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for _ in range(runs):
        for path in paths:
            floors.append(get(FLOOR))
            samples[path].append(get(path))
    floor_wall = statistics.median(wall for wall, _cpu in floors)
    floor_cpu = statistics.median(cpu for _wall, cpu in floors)
    print(f"floor p50 {floor_wall:.1f} ms wall, {floor_cpu:.1f} ms CPU")
    for path in paths:
        wall = statistics.median(sample[0] for sample in samples[path])
        cpu = statistics.median(sample[1] for sample in samples[path])
        print(
            f"  {path:<44} {wall:7.1f} ms {wall / floor_wall:5.1f}x wall"
            f"   {cpu:7.1f} ms {cpu / floor_cpu:5.1f}x CPU"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+", help="page paths, e.g. / /people/{person}/")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="tottime", help="pstats sort key")
    parser.add_argument(
        "--time", action="store_true", help="only p50 ms and the ratio to the floor, interleaved"
    )
    parser.add_argument(
        "--templates", action="store_true", help="time each template and tag instead (inclusive)"
    )
    args = parser.parse_args()
    _setup()
    _collect_static()
    from django.conf import settings
    from django.test import Client
    from django.urls import clear_url_caches

    from hallway.people.models import Person

    settings.ROOT_URLCONF = "bench.floor_urls"  # /bench/floor/: the framework's floor
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    clear_url_caches()
    user = _ensure_network(args.people)
    person = Person.objects.filter(owner=user).order_by("pk").values_list("pk", flat=True)[10]
    browser = Client()
    browser.force_login(user)
    if args.time:
        _time_against_floor(browser, [raw.format(person=person) for raw in args.paths], args.runs)
        return
    for raw in args.paths:
        path = raw.format(person=person)
        assert browser.get(path).status_code == 200, path  # warm
        if args.templates:
            _time_templates(lambda path=path: browser.get(path), path, args.runs, args.top)
            continue
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.runs):
            browser.get(path)
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        per_request = stats.total_tt / args.runs * 1000  # type: ignore[attr-defined]
        print(f"\n=== {path}: {per_request:.1f} ms per request (profiled)")
        stats.sort_stats(args.sort).print_stats(args.top)
        print("\n".join(out.getvalue().splitlines()[6:]))


if __name__ == "__main__":
    main()
