"""The phone app's budgets, measured on a real `hallway serve` in a real Chromium at 360×740.

Run: .venv/bin/python bench/pocket_budgets.py [--port 8350] [--runs 7]

Starts `hallway serve` (gunicorn; static files collected, hashed and compressed, exactly as
in production) on a throwaway data folder with a sample network, logs in through the login
form and prints, each beside its budget:

- JavaScript + CSS transferred per live screen (compressed bytes on the wire, cache disabled);
- tap targets under 44 px and pages wider than the 360 px screen, on every page the bottom
  bar reaches (and the "More" sheet);
- a cold offline start: the service worker stopped, the network off, a new tab opens /live/;
  time from navigation start to the live screen drawn and usable (median and worst of N).

Exits non-zero when a budget is missed. Numbers go in docs/event-mode.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hallway.conftest import CHROMIUM_ARGS, PHONE, chromium_path  # noqa: E402
from hallway.pocket.phone_checks import MIN_TAP, SMALL_TARGETS_JS, TAPPABLE  # noqa: E402

JS_CSS_BUDGET = 100 * 1024
OFFLINE_START_BUDGET_MS = 1000
PASSWORD = "bench-password-for-the-phone-42"
_JS_AND_CSS = """() => performance.getEntriesByType("resource")
  .filter((e) => /\\.(js|css)(\\?|$)/.test(e.name))
  .map((e) => [e.name.split("/").pop(), e.encodedBodySize, e.decodedBodySize])"""


def _hallway(data_dir: str, *args: str, stdin: str | None = None) -> str:
    env = {**os.environ, "HALLWAY_DATA_DIR": data_dir, "HALLWAY_SEMANTIC": "off"}
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "hallway"), *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _wait_until_up(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"hallway serve did not answer at {url}")


def _ids(data_dir: str) -> dict[str, int]:
    """An event on today with a conversation, for the live screens."""
    script = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','hallway.settings');"
        "django.setup();"
        "from django.contrib.auth.models import User; from django.utils import timezone;"
        "from hallway.events.services import event_create;"
        "from hallway.eventmode.services import live_conversation_start, event_check_in;"
        "from hallway.people.models import Person;"
        "u=User.objects.get(username='bench');"
        "e=event_create(owner=u, name='Bench Summit', starts_at=timezone.now(), goal_new_connections=5);"
        "people=list(Person.objects.filter(owner=u).order_by('id')[:4]);"
        "e.want_to_meet.add(*people[1:]); event_check_in(user=u, event=e);"
        "c=live_conversation_start(user=u, event=e, person=people[0]);"
        "print(e.pk, c.pk, people[0].pk)"
    )
    env = {**os.environ, "HALLWAY_DATA_DIR": data_dir, "HALLWAY_SEMANTIC": "off"}
    out = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.split()
    return {"event": int(out[0]), "conversation": int(out[1]), "person": int(out[2])}


def _verdict(ok: bool, line: str, failure: str, failures: list[str]) -> None:
    """Print a figure beside its budget; remember it when over."""
    print(f"{line}  {'ok' if ok else 'OVER'}")
    if not ok:
        failures.append(failure)


def _login(page: Any, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "bench")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def _sizes_and_targets(page: Any, base: str, ids: dict[str, int], failures: list[str]) -> None:
    """JS + CSS on the wire per live screen; tap targets and width on every page."""
    print("JS + CSS transferred per live screen (compressed, cache disabled)")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    live = {
        "check-in /live/": "/live/",
        "event": f"/live/events/{ids['event']}/",
        "start": f"/live/events/{ids['event']}/start/",
        "conversation": f"/live/conversations/{ids['conversation']}/",
        "offline shell /live/app/": "/live/app/",
    }
    for name, path in live.items():
        page.goto(f"{base}{path}", wait_until="load")
        files = page.evaluate(_JS_AND_CSS)
        sent = sum(size for _, size, _ in files)
        raw = sum(size for _, _, size in files)
        _verdict(
            sent <= JS_CSS_BUDGET,
            f"  {name:28} {sent / 1024:6.1f} KB sent ({raw / 1024:6.1f} KB unpacked, "
            f"{len(files)} files)  budget {JS_CSS_BUDGET // 1024} KB",
            f"{name}: {sent} B of JS+CSS",
            failures,
        )
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})

    print("\nPages the bottom bar reaches, at 360 px")
    pages = [
        "/",
        *live.values(),
        "/live/waiting/",
        "/people/",
        f"/people/{ids['person']}/",
        "/search/?q=a",
        "/recall/due/",
        "/events/",
        "/recall/reconnect/",
        "/practice/",
        "/interop/import/",
        "/accounts/settings/",
    ]
    small_total = wide = 0
    for path in pages:
        page.goto(f"{base}{path}")
        small = page.evaluate(SMALL_TARGETS_JS, [TAPPABLE, MIN_TAP])
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        small_total += len(small)
        wide += scroll > client
        if small or scroll > client:
            failures.append(f"{path}: {len(small)} small targets, {scroll} px wide")
            print(f"  {path}: small {small}, width {scroll}/{client}")
    page.goto(f"{base}/")
    page.locator(".bottomnav summary").click()
    sheet = page.evaluate(SMALL_TARGETS_JS, [".more-sheet a, .more-sheet button", MIN_TAP])
    small_total += len(sheet)
    print(
        f"  {len(pages)} pages + the More sheet: {small_total} tap targets under "
        f"{MIN_TAP} px (budget 0), {wide} pages wider than 360 px (budget 0)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8350)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip-sizes", action="store_true", help="only the offline start")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    data_dir = tempfile.mkdtemp(prefix="hw-pocket-bench-")
    _hallway(data_dir, "user", "create", "bench", "--password-stdin", stdin=PASSWORD + "\n")
    _hallway(data_dir, "demo", "--user", "bench")
    ids = _ids(data_dir)
    base = f"http://127.0.0.1:{options.port}"
    env = {**os.environ, "HALLWAY_DATA_DIR": data_dir, "HALLWAY_SEMANTIC": "off"}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "hallway"),
            "serve",
            "--port",
            str(options.port),
            "--workers",
            "1",
            "--no-tasks",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    failures: list[str] = []
    try:
        _wait_until_up(f"{base}/accounts/login/")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            # Sizes on the wire: without the service worker, which answers from its cache.
            context = browser.new_context(
                viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block"
            )
            page = context.new_page()
            _login(page, base)

            if not options.skip_sizes:
                _sizes_and_targets(page, base, ids, failures)
            print("\nCold offline start to a usable live screen")
            context.close()
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            page = context.new_page()
            _login(page, base)
            page.goto(f"{base}/live/")
            page.wait_for_function(
                "navigator.serviceWorker.controller !== null && document.body.dataset.pocketReady === '1'",
                timeout=30_000,
            )
            page.close()
            times = []
            for _ in range(options.runs):
                # A cold start: no page open, the network off; a new tab opens /live/.
                context.set_offline(True)
                fresh = context.new_page()
                fresh.goto(f"{base}/live/", wait_until="commit", timeout=20_000)
                fresh.wait_for_selector("#live-app[data-ready='1'] h1", timeout=20_000)
                ready = fresh.evaluate(
                    "performance.now() - performance.getEntriesByType('navigation')[0].startTime"
                )
                # Usable: the first check-in button takes a tap.
                fresh.get_by_role("button", name="Check in").first.click(trial=True, timeout=5_000)
                times.append(ready)
                fresh.close()
                context.set_offline(False)
            median, worst = statistics.median(times), max(times)
            _verdict(
                median <= OFFLINE_START_BUDGET_MS,
                f"  median {median:.0f} ms, worst {worst:.0f} ms over {len(times)} runs  "
                f"budget {OFFLINE_START_BUDGET_MS} ms",
                f"cold offline start {median:.0f} ms",
                failures,
            )
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    if failures:
        print("\nOver budget:", *failures, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
