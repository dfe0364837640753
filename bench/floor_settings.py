"""Hallway's settings with the floor's URL configuration (bench/floor_urls.py), for serving the
floor beside the real pages from `hallway serve`'s own gunicorn (bench/http_pages.py)."""

from hallway.settings import *  # noqa: F403 - the same settings, one value changed

ROOT_URLCONF = "bench.floor_urls"
