"""What is installed and working: the database, each engine, the task worker, mail, the data
folder. `hallway doctor` and the Settings page show the same checks.

A check is `on` (working), `off` (not turned on, with how to turn it on), `warning` (works,
but worth a look), `broken` (turned on and not working: `hallway doctor` exits non-zero) or
`unchecked` (the Settings page does not reach out to other servers: a silent mail server must
not hold a page; `hallway doctor` checks it).
"""

from __future__ import annotations

import shutil
import smtplib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

import hallway

ON, OFF, WARNING, BROKEN, UNCHECKED = "on", "off", "warning", "broken", "unchecked"
# Below this, backups and uploads may fail; below a tenth of it the install is broken.
LOW_SPACE_BYTES = 1024 * 1024 * 1024
# A task queued this long ago and still waiting means no worker is taking tasks.
STUCK_TASK_AGE = timedelta(minutes=10)


@dataclass(frozen=True)
class Check:
    name: str
    label: str
    status: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _database() -> Check:
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SHOW server_version")
                version = f"PostgreSQL {cursor.fetchone()[0]}"
            else:
                cursor.execute("SELECT sqlite_version()")
                version = f"SQLite {cursor.fetchone()[0]}"
    except Exception as error:  # any driver error means the same thing here: no database
        return Check("database", "Database", BROKEN, f"cannot connect: {error}")
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        return Check(
            "database",
            "Database",
            WARNING,
            f"{version}, {len(pending)} migrations to apply (hallway serve applies them)",
        )
    return Check("database", "Database", ON, version)


def _engine(
    name: str,
    label: str,
    *,
    reason: str,
    engine: str,
    loaded: bool,
    load: Callable[[], object] | None,
) -> Check:
    """An optional engine: off (with why), installed (and loaded or not), or proven by `load`."""
    if reason:
        return Check(name, label, OFF, reason)
    if load is None:
        state = "loaded" if loaded else "installed, loads when first used"
        return Check(name, label, ON, f"{engine}, {state}")
    try:
        load()
    except Exception as error:  # a broken install shows up as any import or runtime error
        return Check(name, label, BROKEN, f"{engine} does not load: {error}")
    return Check(name, label, ON, f"{engine} loaded")


def _search_by_meaning(load: bool) -> Check:
    from hallway.search import semantic

    return _engine(
        "semantic",
        "Search by meaning",
        reason=semantic.unavailable_reason(),
        engine="the all-MiniLM-L6-v2 sentence model",
        loaded=semantic.model_loaded(),
        load=(lambda: semantic.encode(["hallway"])) if load else None,
    )


def _card_scan(load: bool) -> Check:
    from hallway.interop import cards

    return _engine(
        "ocr",
        "Card scan",
        reason=cards.ocr_unavailable_reason(),
        engine="the RapidOCR engine",
        loaded=cards.ocr_loaded(),
        load=cards.ocr_engine if load else None,
    )


def _voice_notes(load: bool) -> Check:
    from hallway.voice import transcription

    return _engine(
        "speech",
        "Voice notes",
        reason=transcription.unavailable_reason(),
        engine="the Whisper tiny.en speech model",
        loaded=transcription.model_loaded(),
        load=transcription.model if load else None,
    )


def _task_worker() -> Check:
    if settings.Q_CLUSTER.get("sync"):
        return Check("worker", "Task worker", ON, "tasks run inline (HALLWAY_TASKS_SYNC)")
    from django_q.models import OrmQ

    waiting = OrmQ.objects.count()
    if not waiting:
        return Check("worker", "Task worker", ON, "nothing waiting (hallway serve runs the worker)")
    oldest = OrmQ.objects.order_by("lock", "id").first()
    age = timezone.now() - oldest.lock if oldest and oldest.lock else timedelta(0)
    if age > STUCK_TASK_AGE:
        return Check(
            "worker",
            "Task worker",
            BROKEN,
            f"{waiting} tasks waiting for {int(age.total_seconds() // 60)} minutes: no worker "
            "is running (hallway serve starts one; or run: python -m django qcluster)",
        )
    return Check("worker", "Task worker", ON, f"{waiting} tasks waiting")


def _digests_on() -> bool:
    from django.contrib.auth.models import User

    from hallway.updates.models import DigestSubscription

    off = DigestSubscription.objects.filter(frequency=DigestSubscription.OFF).values("owner")
    return User.objects.filter(is_active=True).exclude(pk__in=off).exclude(email="").exists()


def _mail(probe: bool) -> Check:
    server = f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    if not probe:
        return Check("mail", "Mail", UNCHECKED, f"{server}; `hallway doctor` tests it")
    try:
        with smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=5) as smtp:
            smtp.noop()
    except (OSError, smtplib.SMTPException) as error:
        if not _digests_on():
            return Check("mail", "Mail", OFF, f"{server} does not answer; no digest is due")
        return Check(
            "mail",
            "Mail",
            BROKEN,
            f"{server} does not answer ({error}); digests cannot be sent: set HALLWAY_SMTP_HOST",
        )
    return Check("mail", "Mail", ON, f"{server} answers")


def _site_url() -> Check:
    local = "127.0.0.1" in settings.SITE_URL or "localhost" in settings.SITE_URL
    if local and _digests_on():
        return Check(
            "site_url",
            "Site URL",
            WARNING,
            f"{settings.SITE_URL}: links in e-mails only work on this machine (HALLWAY_SITE_URL)",
        )
    return Check("site_url", "Site URL", ON, settings.SITE_URL)


def _data_folder() -> Check:
    usage = shutil.disk_usage(settings.DATA_DIR)
    detail = f"{settings.DATA_DIR}, {usage.free / 1024**3:.1f} GB free"
    if usage.free < LOW_SPACE_BYTES / 10:
        return Check("data_folder", "Data folder", BROKEN, f"{detail}: backups and uploads fail")
    if usage.free < LOW_SPACE_BYTES:
        return Check("data_folder", "Data folder", WARNING, f"{detail}: space is running low")
    return Check("data_folder", "Data folder", ON, detail)


def _version() -> Check:
    return Check("version", "Hallway", ON, f"version {hallway.__version__}")


def feature_checks(*, load_engines: bool) -> list[Check]:
    """The optional engines, for the one-line summary of scripts/run.sh (`load_engines`: prove
    each works by loading it)."""
    return [
        _search_by_meaning(load_engines),
        _card_scan(load_engines),
        _voice_notes(load_engines),
    ]


def run_checks(*, load_engines: bool, probe: bool = True) -> list[Check]:
    """Every check; `load_engines` loads the models to prove they work (seconds, and memory:
    the CLI does, the Settings page only says whether they are installed and loaded); `probe`
    connects to the mail server (the CLI does, a web page does not)."""
    return [
        _version(),
        _database(),
        *feature_checks(load_engines=load_engines),
        _task_worker(),
        _mail(probe),
        _site_url(),
        _data_folder(),
    ]


def summary(checks: list[Check]) -> dict[str, Any]:
    return {
        "ok": not any(check.status == BROKEN for check in checks),
        "checks": [check.as_dict() for check in checks],
    }
