"""Hallway's settings with the floor's URL configuration (bench/floor_urls.py), for serving the
floor beside the real pages from `hallway serve`'s own gunicorn (bench/http_pages.py); each
answer carries its SQL time (bench/sql_timing.py)."""

from hallway.settings import *  # noqa: F403 - the same settings, two values changed
from hallway.settings import MIDDLEWARE

ROOT_URLCONF = "bench.floor_urls"
MIDDLEWARE = ["bench.sql_timing.SqlTiming", *MIDDLEWARE]
