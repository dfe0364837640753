"""moment_writer writes what the template filter `|date` writes, in any time zone and language."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from hallway.lib.moments import moment_writer

FILTERS = {
    True: Template('{{ value|date:"D j M Y, H:i" }}'),
    False: Template('{{ value|date:"D j M, H:i" }}'),
}
# A year of hours around two daylight-saving changes, a leap day, the first years.
MOMENTS = [
    dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=hours, minutes=7 * hours)
    for hours in range(0, 24 * 366, 37)
] + [
    dt.datetime(2028, 2, 29, 23, 59, 59, 999_999, tzinfo=dt.UTC),
    dt.datetime(2026, 3, 29, 0, 59, tzinfo=dt.UTC),
    dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.UTC),
    dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC),
    dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC),
    dt.datetime(12, 5, 6, 7, 8, tzinfo=dt.UTC),
]


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris", "America/St_Johns", "Asia/Kathmandu"])
@pytest.mark.parametrize("language", ["en-us", "fr", "de"])
@pytest.mark.parametrize("year", [True, False])
def test_it_writes_what_the_date_filter_writes(zone: str, language: str, year: bool) -> None:
    with timezone.override(zoneinfo.ZoneInfo(zone)), translation.override(language):
        write = moment_writer(year=year)
        for moment in MOMENTS:
            assert write(moment) == FILTERS[year].render(Context({"value": moment}))


def test_a_naive_time_is_written_as_it_is() -> None:
    naive = dt.datetime(2026, 12, 8, 14, 5)
    with timezone.override(zoneinfo.ZoneInfo("Europe/Paris")):
        assert moment_writer()(naive) == "Tue 8 Dec 2026, 14:05"
        assert moment_writer(year=False)(naive) == FILTERS[False].render(Context({"value": naive}))


def test_english_reads_as_hallway_writes_dates() -> None:
    with timezone.override(zoneinfo.ZoneInfo("Europe/Paris")):
        assert moment_writer()(dt.datetime(2026, 12, 8, 13, 5, tzinfo=dt.UTC)) == (
            "Tue 8 Dec 2026, 14:05"
        )
