"""Static files as a phone wants them: hashed names, gzip and brotli, cached for a year.

``collectstatic`` writes ``name.<hash>.ext`` plus ``.gz`` and ``.br`` copies; WhiteNoise
serves the smallest the browser accepts, with ``Cache-Control: max-age=31536000, immutable``
for hashed names (their content never changes under that name). ``hallway serve`` collects
them when the sources changed (``collect_if_changed``).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.storage import CompressedManifestStaticFilesStorage

ONE_YEAR = 365 * 24 * 60 * 60
_STAMP = ".hallway-sources"
NOT_COLLECTED = ("admin", "ninja")


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed and compressed; before the first ``collectstatic`` (tests, a fresh checkout) a
    file keeps its plain name instead of failing the page."""

    manifest_strict = False
    # Vendored scripts name source maps we do not ship (Chart.js): leave JS files as they are.
    patterns = tuple(
        (extension, rules)
        for extension, rules in CompressedManifestStaticFilesStorage.patterns
        if extension != "*.js"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name: Any, force: bool = False) -> str:
        # A hashed name cannot change until the next collectstatic: each page asks for about
        # ten of them, and working one out again each time was ~5% of a page (more before the
        # first collectstatic, when the name is hashed from the file's content on each call).
        cached = self._urls.get(name) if not force else None
        if cached is not None:
            return cached
        try:
            found = super().url(name, force)
        except ValueError:
            return FileSystemStorage.url(self, name)
        if not force and not settings.DEBUG:
            self._urls[name] = found
        return found

    def post_process(self, *args: Any, **kwargs: Any) -> Any:
        self._urls.clear()  # collectstatic is writing new hashed names
        yield from super().post_process(*args, **kwargs)


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise with a one-year lifetime for hashed names (its default is ten years)."""

    FOREVER = ONE_YEAR


def sources_fingerprint() -> str:
    """A hash of every static source file's path, size and modification time."""
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = Path(storage.path(path)).stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_if_changed(*, force: bool = False) -> bool:
    """Run ``collectstatic`` when a static source changed since the last run; True if it ran."""
    root = Path(settings.STATIC_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    # Two servers starting on one data folder take turns: the second waits for the first's
    # collectstatic (which clears and rewrites the folder), then finds it up to date.
    with open(root.parent / f"{root.name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _collect_if_changed(root, force=force)


def _collect_if_changed(root: Path, *, force: bool) -> bool:
    from django.core.management import call_command

    stamp = root / _STAMP
    fingerprint = sources_fingerprint()
    manifest = root / "staticfiles.json"
    if not force and manifest.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return False
    # The Django admin and the API's interactive docs (Swagger UI, 1.5 MB) are not what a
    # phone loads: they keep their plain names (served from the source folders) so a first
    # start does not spend half a minute of CPU compressing them.
    call_command(
        "collectstatic",
        interactive=False,
        verbosity=0,
        clear=True,
        ignore_patterns=[f"{folder}/*" for folder in NOT_COLLECTED],
    )
    stamp.write_text(fingerprint)
    return True


def hashed_names() -> dict[str, str]:
    """The manifest collectstatic wrote (plain name -> hashed name); empty before it ran."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return {}
    paths: dict[str, str] = json.loads(manifest.read_text()).get("paths", {})
    return paths
