"""Dates as mail programs write them, read into one sortable shape (issue 12).

A message's own ``Date:`` is stored as ISO already; the headers of forwarded and quoted
messages keep the date as their mail program wrote it, in the writer's local time:
``Tuesday, September 25, 2001 4:07 PM``, ``09/25/2001 04:15 PM``, ``20 November 2001 14:40``,
``Fri, 22 Dec 2000 07:49:32 -0600``. :func:`normal_date` reads all of these into
``YYYY-MM-DD HH:MM`` (or ``YYYY-MM-DD``), so evidence lines line up and a quoted copy of a
message can be matched with the message itself by its day.
"""

from __future__ import annotations

import re

__all__ = ["normal_date", "day_of"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "jan january janv janvier januar enero gennaio januari janeiro",
            "feb february fév févr février februar febrero febbraio februari fevereiro",
            "mar march mars märz marzo maart março",
            "apr april avr avril abril aprile",
            "may mai mayo maggio mei maio",
            "jun june juin juni junio giugno junho",
            "jul july juil juillet juli julio luglio julho",
            "aug august aoû août agosto augustus",
            "sep sept september septembre septiembre settembre setembro",
            "oct october octobre oktober octubre ottobre oktober outubro",
            "nov november novembre noviembre novembro",
            "dec december déc décembre dezember diciembre dicembre dezembro",
        ],
        1,
    )
    for name in names.split()
}
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})\b")
_DAY_MONTH = re.compile(r"\b(?P<d>\d{1,2})\.?\s+(?:de\s+)?(?P<mon>[^\W\d_]{3,})\.?,?\s+(?:de\s+)?(?P<y>\d{4})\b")
_MONTH_DAY = re.compile(r"\b(?P<mon>[^\W\d_]{3,})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b")
_TIME = re.compile(r"(?<![\d:])(?P<h>\d{1,2}):(?P<min>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?(?![\d:])", re.I)


def normal_date(text: str) -> str:
    """``YYYY-MM-DD HH:MM`` for a date as written, ``YYYY-MM-DD`` when it has no time, ``""`` when unreadable.

    Numeric dates are read month first, as American mail programs write them, unless the
    first number cannot be a month (``26/04/2001``).

    >>> normal_date("Tuesday, September 25, 2001 4:07 PM"), normal_date("26/04/2001 21:23")
    ('2001-09-25 16:07', '2001-04-26 21:23')
    >>> normal_date("2001-10-22 10:15:00-07:00"), normal_date("Fri, 7 Sep 2001"), normal_date("soon")
    ('2001-10-22 10:15', '2001-09-07', '')
    """
    day = _day(text)
    if not day:
        return ""
    time = _time(text)
    return f"{day} {time}" if time else day


def day_of(text: str) -> str:
    """The ``YYYY-MM-DD`` of a date as written, ``""`` when unreadable."""
    return _day(text)


def _day(text: str) -> str:
    if found := _ISO.search(text):
        return _checked(int(found["y"]), int(found["m"]), int(found["d"]))
    if found := _NUMERIC.search(text):
        a, b, year = int(found["a"]), int(found["b"]), _year(found["y"])
        month, day = (b, a) if a > 12 else (a, b)
        return _checked(year, month, day)
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for found in pattern.finditer(text):
            month = _MONTHS.get(found["mon"].lower())
            if month:
                return _checked(int(found["y"]), month, int(found["d"]))
    return ""


def _year(text: str) -> int:
    year = int(text)
    return year if len(text) == 4 else (2000 + year if year < 70 else 1900 + year)


def _checked(year: int, month: int, day: int) -> str:
    if 1 <= month <= 12 and 1 <= day <= 31 and 1 <= year <= 9999:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return ""


def _time(text: str) -> str:
    found = _TIME.search(re.sub(r"[+-]\d{2}:\d{2}$", "", text.strip()))
    if found is None:
        return ""
    hour, minute = int(found["h"]), int(found["min"])
    if found["ampm"]:
        pm = found["ampm"].lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else ""
