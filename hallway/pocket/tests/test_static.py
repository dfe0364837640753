"""Static files as hallway serve sends them: hashed names, gzip and brotli, one year."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.test import Client, override_settings

from hallway.pocket.staticfiles import ONE_YEAR, collect_if_changed, hashed_names


def test_collected_files_are_hashed_compressed_and_cached_a_year(tmp_path: Path, db: Any) -> None:
    # The real storage and middleware on one real stylesheet (all of them take ~30 s to brotli).
    sources = tmp_path / "sources"
    (sources / "hallway").mkdir(parents=True)
    shutil.copy(settings.BASE_DIR / "static" / "hallway" / "app.css", sources / "hallway")
    with override_settings(
        STATIC_ROOT=tmp_path / "static",
        STATICFILES_DIRS=[sources],
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
    ):
        assert collect_if_changed() is True
        assert collect_if_changed() is False  # nothing changed: no second collect on start
        names = hashed_names()
        hashed = names["hallway/app.css"]
        assert hashed != "hallway/app.css" and hashed.startswith("hallway/app.")
        root = tmp_path / "static"
        assert (root / f"{hashed}.br").exists() and (root / f"{hashed}.gz").exists()
        url = static("hallway/app.css")
        assert url == f"/static/{hashed}"
        client = Client()
        brotli = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert brotli.status_code == 200
        assert brotli["Content-Encoding"] == "br"
        assert brotli["Cache-Control"] == f"max-age={ONE_YEAR}, public, immutable"
        raw = (root / hashed).stat().st_size
        assert int(brotli["Content-Length"]) < raw / 2
        gzip = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert gzip["Content-Encoding"] == "gzip"
        plain = client.get("/static/hallway/app.css")
        assert "immutable" not in plain.get("Cache-Control", "")


def test_pages_render_before_the_first_collectstatic(owner_client: Client) -> None:
    html = owner_client.get("/").content.decode()
    assert "/static/hallway/app.css" in html
