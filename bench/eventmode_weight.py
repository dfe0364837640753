"""How much JavaScript and CSS the live event screens make a phone download.

Run: HALLWAY_DATA_DIR=/tmp/hw-weight .venv/bin/python bench/eventmode_weight.py

Renders the event screen and the conversation screen for a throwaway user in a fresh database
(in HALLWAY_DATA_DIR), finds every <script src> and stylesheet they load, and prints each
file's size as stored and gzipped (what a server with compression, like `hallway serve`,
sends). The budget is 100 KB per screen; Chart.js must not be among them.
"""

from __future__ import annotations

import gzip
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
os.environ.setdefault("HALLWAY_DATA_DIR", tempfile.mkdtemp(prefix="hw-weight-"))

BUDGET = 100 * 1024
_ASSET = re.compile(
    r'<(?:script[^>]*\bsrc|link[^>]*rel="stylesheet"[^>]*\bhref)="([^"]+\.(?:js|css))"'
)


def main() -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from hallway.eventmode.services import live_conversation_start
    from hallway.events.services import event_create

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    user, _ = User.objects.get_or_create(username="weight-bench")
    event = event_create(
        owner=user, name="Bench summit", starts_at=timezone.now(), goal_new_connections=5
    )
    conversation = live_conversation_start(user=user, event=event, new_person_name="Bench Person")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    over = False
    screens = {
        "event screen": f"/live/events/{event.pk}/",
        "conversation screen": f"/live/conversations/{conversation.pk}/",
    }
    for label, url in screens.items():
        html = client.get(url).content.decode()
        raw_total = gzip_total = 0
        print(f"{label} ({url})")
        for asset in _ASSET.findall(html):
            path = finders.find(asset.removeprefix(settings.STATIC_URL))
            data = Path(str(path)).read_bytes()
            packed = len(gzip.compress(data, compresslevel=9))
            raw_total += len(data)
            gzip_total += packed
            print(f"  {asset:48} {len(data):>8,} B  gzip {packed:>7,} B")
        verdict = "within" if raw_total < BUDGET else "OVER"
        over = over or raw_total >= BUDGET or "chart" in html.lower()
        print(
            f"  {'total':48} {raw_total:>8,} B  gzip {gzip_total:>7,} B  ({verdict} the 100 KB budget)"
        )
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
