"""Dates known to a day, a month or a year, and windows of time that they overlap.

A :class:`PartialDate` is what a text states: "June 9, 2016" is a day, "June 2016" a
month, "2016" a year. It is written in ISO 8601 with the precision it has
(``2016-06-09``, ``2016-06``, ``2016``), so its text sorts chronologically, and it covers
every day from :attr:`~PartialDate.first_day` to :attr:`~PartialDate.last_day`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from ..errors import BadInput

__all__ = ["Precision", "PRECISIONS", "PartialDate", "Window", "parse_iso", "overlaps"]

Precision = Literal["day", "month", "year"]
PRECISIONS: tuple[Precision, ...] = ("day", "month", "year")  # finest first

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a day, a month or only a year.

    >>> d = PartialDate(2016, 6)
    >>> d.iso, d.precision, d.first_day.isoformat(), d.last_day.isoformat()
    ('2016-06', 'month', '2016-06-01', '2016-06-30')
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        dt.date(self.year, self.month or 1, self.day or 1)  # raises ValueError for 2016-02-30

    @property
    def precision(self) -> Precision:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}", *(f"{n:02d}" for n in (self.month, self.day) if n)]
        return "-".join(parts)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day:
            return self.first_day
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return self.iso


def parse_iso(text: str) -> PartialDate:
    """A date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; :class:`BadInput` for anything else.

    >>> parse_iso("2016-06").precision
    'month'
    >>> parse_iso("June 2016")
    Traceback (most recent call last):
    ...
    graphkit.errors.BadInput: 'June 2016' is not a date; write a year, a month or a day as 2016, 2016-06 or 2016-06-09
    """
    m = _ISO.fullmatch(text.strip())
    try:
        if m is None:
            raise ValueError(text)
        year, month, day = (int(g) if g else None for g in m.groups())
        return PartialDate(year, month, day)  # type: ignore[arg-type]
    except ValueError as exc:
        raise BadInput(
            f"{text!r} is not a date; write a year, a month or a day as 2016, 2016-06 or 2016-06-09"
        ) from exc


def overlaps(date: PartialDate, since: PartialDate | None = None, until: PartialDate | None = None) -> bool:
    """True when any day of ``date`` falls between the first day of ``since`` and the last of ``until``.

    >>> overlaps(PartialDate(2016), since=PartialDate(2016, 6))  # the year 2016 includes June 2016
    True
    >>> overlaps(PartialDate(2016, 5, 31), since=PartialDate(2016, 6))
    False
    """
    if since is not None and date.last_day < since.first_day:
        return False
    return until is None or date.first_day <= until.last_day


@dataclass(frozen=True)
class Window:
    """``--since`` and ``--until``: a paragraph counts when its date overlaps this stretch of time.

    >>> w = Window(parse_iso("2016"), parse_iso("2016-06"))
    >>> w.bounds, str(w)
    (('2016-01-01', '2016-06-30'), '2016 to 2016-06')
    >>> bool(Window()), Window(until=PartialDate(2017)).bounds
    (False, (None, '2017-12-31'))
    """

    since: PartialDate | None = None
    until: PartialDate | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since.first_day > self.until.last_day:
            raise BadInput(f"the window ends ({self.until}) before it begins ({self.since}); swap the two dates")

    def __bool__(self) -> bool:
        return self.since is not None or self.until is not None

    @property
    def bounds(self) -> tuple[str | None, str | None]:
        """The first and the last day of the window, ISO, None where it is open."""
        return (
            self.since.first_day.isoformat() if self.since else None,
            self.until.last_day.isoformat() if self.until else None,
        )

    def __str__(self) -> str:
        if self.since and self.until:
            return f"{self.since} to {self.until}"
        return f"since {self.since}" if self.since else f"until {self.until}" if self.until else "all time"
