"""moment_writer and Hallway's `|date` write what Django's `|date` writes, in any time zone and
language."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template, defaultfilters
from django.utils import formats, timezone, translation
from django.utils.html import escape
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]

from hallway.lib import moments
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
            assert write(moment) == djangos(moment, FILTERS[year].source.split('"')[1])


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


def djangos(value: object, arg: str | None = None) -> str:
    """What Django's own `|date` writes in a template (which makes a time local first)."""
    return str(defaultfilters.date(template_localtime(value), arg))


# Every format Hallway's templates give |date, a format setting's name, none, escapes.
FORMATS = [
    "j M Y",
    "D j M, H:i",
    "D j M Y, H:i",
    "D j M",
    "Y-m-d",
    "H:i",
    "F",
    "D j M Y",
    None,
    "l j F Y",
    "j M, H:i",
    "j M",
    "j M Y, H:i",
    "j M Y H:i",
    "Y-m-d H:i",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "d/m/y G:i:s n b",
    r"\D\a\y j \o\f F",
]


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris", "America/St_Johns"])
@pytest.mark.parametrize("language", ["en-us", "fr", "de"])
def test_the_date_filter_writes_what_djangos_writes(zone: str, language: str) -> None:
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=days) for days in range(0, 400, 11)]
    naive = [dt.datetime(2026, 7, 4, 0, 0), dt.datetime(1999, 12, 31, 23, 59, 58)]
    with timezone.override(zoneinfo.ZoneInfo(zone)), translation.override(language):
        for arg in FORMATS:
            template = Template("{{ value|date%s }}" % (f':"{arg}"' if arg else ""))
            plan = moments._plan(str(formats.get_format(arg or "DATE_FORMAT")))
            assert plan is not None, arg  # written by Hallway, not handed to Django
            for value in [*MOMENTS[::5], *naive, *days]:
                if isinstance(value, dt.datetime) or not plan.with_time:
                    rendered = template.render(Context({"value": value}))
                    assert rendered == escape(djangos(value, arg)), (arg, value)


def test_every_template_has_hallways_date_filter() -> None:
    from hallway.lib import template_builtins

    [node] = Template('{{ value|date:"j M Y" }}').nodelist
    [(used, _args)] = node.filter_expression.filters  # type: ignore[attr-defined]
    assert used is template_builtins.date


def test_what_it_does_not_know_goes_to_djangos_filter() -> None:
    moment = dt.datetime(2026, 12, 1, 9, 5, tzinfo=dt.UTC)
    assert moments._plan("jS F") is None  # an ordinal: Django writes it
    assert Template('{{ value|date:"jS F, P" }}').render(Context({"value": moment})) == (
        "1st December, 9:05 a.m."
    )
    for value in ("", None, "not a date", 42):
        rendered = Template('{{ value|date:"j M Y" }}').render(Context({"value": value}))
        assert rendered == escape(djangos(value, "j M Y"))
    # a date has no time: Django's filter says so, as before
    with pytest.raises(TypeError):
        Template('{{ value|date:"j M Y, H:i" }}').render(Context({"value": dt.date(2026, 1, 1)}))
