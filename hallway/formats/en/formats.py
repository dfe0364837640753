"""Hallway's one way of writing dates ("Tue 8 Dec 2026"), used wherever a template prints a
date without naming a format, so no page mixes "Nov. 27, 2026" with "Tue 8 Dec"."""

DATE_FORMAT = "D j M Y"
DATETIME_FORMAT = "D j M Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
