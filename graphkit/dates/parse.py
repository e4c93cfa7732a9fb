"""The dates a paragraph states, parsed to a day, a month or a year (issue 17).

Two sources, both deterministic (nothing is read relative to today):

- the text itself, for dates that say everything (``June 9, 2016``, ``9 June 2016``,
  ``4/11/18``, ``2016-06-09``, ``June 2016``): the small model leaves some of them out of
  its DATE spans, numeric ones and OCR-damaged ones (``June 9,2016``, ``January II, 2016``)
  above all;
- the model's DATE spans, for what only context makes a date: a bare year (``2016``
  and not ``1102`` of a statute) and a day and month without a year (``June 7``).

A regular expression finds each expression and cuts lists and ranges into their dates
(``December 29 and 31, 2016``, ``June 6-9, 2016``: the year written once applies to each);
python-dateutil then turns each piece into a date, with its month names and
abbreviations, ordinals, numeric orders and calendar checks (``February 30`` is no
date). The precision is what the piece states: it is parsed against two different
default dates, and only the fields that come out the same were written. Relative dates
("the next day", "last month") are never parsed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from dateutil import parser

from .partial import PartialDate

__all__ = ["StatedDate", "find_dates", "day_first"]


@dataclass(frozen=True)
class StatedDate:
    """One date a paragraph states, with its place in the text.

    ``year`` is None for a day and month written without a year ("On June 7,"); such a
    date may take its year from the document (:mod:`graphkit.dates.paragraphs`).
    ``standalone`` is False for a bare year that qualifies a noun ("the 2016 election",
    "a 2012 statute", "(1935)") rather than saying when something happened.
    """

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None = None
    standalone: bool = True

    @property
    def date(self) -> PartialDate | None:
        return PartialDate(self.year, self.month, self.day) if self.year is not None else None


_MONTH = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-zA-Z])\.?"
# OCR reads 1 as I or l and 0 as O: "January II, 2016", "July 27_2OI6", "20 1 6".
_DAY_OCR = r"(?:[0-3]?[0-9]|[0-3Il]?[0-9Il]|[1-3]?O)(?:st|nd|rd|th)?(?![0-9A-Za-z])"
_DAY = r"[0-3]?[0-9](?:st|nd|rd|th)?(?![0-9A-Za-z])"
_YEAR_OCR = r"(?<![0-9])[12][0-9OIl](?:\ ?[0-9OIl]){2}(?![0-9A-Za-z])(?!['’]s)"
_YEAR = r"(?<![0-9§])[12][0-9]{3}(?![0-9A-Za-z])(?!['’]?s\b)"
_TO_YEAR = r"(?:\s*[,.]\s*|\s+|_)"
_JOIN = r"(?:\s*[,&–—-]\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through|until|till)\s+)"

# name -> pattern; the groups are read by _pieces below.
_FULL = {
    "list": rf"(?P<first>{_MONTH}\s*{_DAY})(?P<rest>(?:{_JOIN}(?:{_MONTH}\s*)?{_DAY})+){_TO_YEAR}(?P<year>{_YEAR})",
    "mdy": rf"(?P<month>{_MONTH})\s*(?P<day>{_DAY_OCR}){_TO_YEAR}(?P<year>{_YEAR_OCR})",
    "dmy": rf"(?<![0-9])(?P<day>{_DAY})(?:\s+of)?\s+(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})",
    "slash": r"(?<![\w/.-])(?P<a>[0-3]?[0-9])/(?P<b>[0-3]?[0-9])/(?P<y>[0-9]{4}|[0-9]{2})(?![\w/])",
    "dots": r"(?<![\w/.-])(?P<dayfirst>[0-3]?[0-9]\.[01]?[0-9]\.[0-9]{4})(?![\w/]|\.[0-9])",
    "iso": r"(?<![\w/.-])(?P<numeric>[12][0-9]{3}-[01][0-9]-[0-3][0-9])(?![\w/-])",
    "my": rf"(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})",
}
# Only inside a DATE span: bare years and days without a year need the model's judgement.
_CONTEXTUAL = {
    "md": rf"(?P<month>{_MONTH})\s*(?P<day>{_DAY})(?!{_TO_YEAR}[0-9])",
    "dm": rf"(?<![0-9])(?P<day>{_DAY})(?:\s+of)?\s+(?P<month>{_MONTH})",
    "year": rf"(?P<year>{_YEAR})",
}
_FULL_RE = {re.compile(p): name for name, p in _FULL.items()}
_CONTEXTUAL_RE = [re.compile(p) for p in _CONTEXTUAL.values()]
_LIST_ITEM = re.compile(rf"(?:(?P<month>{_MONTH})\s*)?(?P<day>{_DAY})")
# "In 2016," "since 2014", "the summer of 2016", "early 2017": a year that dates the text.
_TIME_WORDS = re.compile(
    r"(?i:\b(?:in|during|since|by|until|till|through|throughout|from|before|after|around|circa|between|"
    r"as\s+(?:early|late)\s+as|(?:spring|summer|fall|autumn|winter)(?:\s+of)?|(?:early|late|mid|end)(?:\s+of)?)"
    r"[\s-]+(?:(?:early|late|mid|end)[\s-]+(?:of\s+)?)?(?:the\s+year\s+)?)$"
)


def find_dates(
    text: str,
    spans: Iterable[tuple[int, int]] = (),
    *,
    day_first: bool | None = None,
    near: dt.date | None = None,
) -> list[StatedDate]:
    """Every date stated in ``text``, in order; ``spans`` are the model's DATE spans (offsets).

    ``day_first`` is the order of the document's numeric dates (:func:`day_first`). When
    it is unknown, a numeric date that reads both ways (``4/11/18``) takes the reading
    within :data:`NEAR_DAYS` of ``near`` (an e-mail's Date header: a forwarded header's
    "06/12/2000 11:53 AM" is a day or two before it), else it is known only to its year.

    >>> [d.date.iso for d in find_dates("Met on June 9,2016 and on 4/11/18.", day_first=False)]
    ['2016-06-09', '2018-04-11']
    >>> [d.date.iso for d in find_dates("On 4/11/18 and 4/13/18.")]
    ['2018', '2018-04-13']
    >>> [d.date.iso for d in find_dates("Sent 06/12/2000 11:53 AM", near=dt.date(2000, 6, 14))]
    ['2000-06-12']
    >>> [d.date.iso for d in find_dates("Between December 29 and 31, 2016.")]
    ['2016-12-29', '2016-12-31']
    >>> [(d.text, d.date) for d in find_dates("On June 7, in the 2016 race", [(3, 9), (18, 22)])]
    [('June 7', None), ('2016', PartialDate(year=2016, month=None, day=None))]
    >>> find_dates("the next day")
    []
    """
    return [date for m in _matches(text, spans) for date in _pieces(text, m, day_first, near)]


def day_first(texts: Iterable[str]) -> bool | None:
    """Whether a document writes numeric dates day first (``9/6/2016``), from the dates it writes.

    A writer of "June 9, 2016" writes 6/9/2016, one of "9 June 2016" writes 9/6/2016, and
    a numeric date past the 12th shows its order; the majority decides. None when
    nothing shows the order, or as much shows one as the other.

    >>> day_first(["On 21 September 2015 and 2 October 2015 (02/10/2015)"]), day_first(["On June 9, 2016."])
    (True, False)
    """
    votes = 0
    for text in texts:
        for m in _matches(text, ()):
            kind = _FULL_RE.get(m.re)
            if kind == "slash":
                a, b = int(m.group("a")), int(m.group("b"))
                votes += (a > 12) - (b > 12)
            else:
                votes += (kind == "dmy") - (kind in ("mdy", "list"))
    return None if votes == 0 else votes > 0


def _matches(text: str, spans: Iterable[tuple[int, int]]) -> list[re.Match[str]]:
    """The date expressions of ``text``, left to right, none overlapping (the longest wins at one place)."""
    found = [m for pattern in _FULL_RE for m in pattern.finditer(text)]
    for start, end in spans:
        found += [m for pattern in _CONTEXTUAL_RE for m in pattern.finditer(text, start, end)]
    kept, taken = [], -1
    for m in sorted(found, key=lambda m: (m.start(), -m.end())):
        if m.start() >= taken and _capitalised(m):
            kept.append(m)
            taken = m.end()
    return kept


def _capitalised(m: re.Match[str]) -> bool:
    # "may 2016" is a verb, not May; a month name in a date starts with a capital.
    month = m.groupdict().get("month") or m.groupdict().get("first")
    return month is None or month[0].isupper()


def _pieces(text: str, m: re.Match[str], day_first: bool | None, near: dt.date | None) -> Iterator[StatedDate]:
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    if "first" in groups:
        yield from _list_pieces(m)
    elif "a" in groups:
        yield from _slash_pieces(m, day_first, near)
    elif "numeric" in groups or "dayfirst" in groups:
        parsed = _parse(groups.get("numeric") or groups["dayfirst"], dayfirst="dayfirst" in groups)
        if parsed:
            yield StatedDate(m.start(), m.end(), m.group(), *parsed)
    else:
        year = _ocr_digits(groups.get("year", ""))
        piece = " ".join(filter(None, (groups.get("month", "").rstrip("."), _ocr_digits(groups.get("day", "")), year)))
        parsed = _parse(piece)
        if parsed:
            alone = "month" in groups or _TIME_WORDS.search(text, 0, m.start()) is not None
            yield StatedDate(m.start(), m.end(), m.group(), *parsed, standalone=alone)


def _slash_pieces(m: re.Match[str], day_first: bool | None, near: dt.date | None) -> Iterator[StatedDate]:
    """``4/11/18``: in the order the document writes, else the reading near ``near``, else the year alone."""
    a, b = int(m.group("a")), int(m.group("b"))
    if day_first is None and a <= 12 and b <= 12 and a != b:
        readings = [r for r in (_parse(m.group()), _parse(m.group(), dayfirst=True)) if r]
        day_first = _nearer(readings, near)
        if day_first is None:
            year = readings[0][0] if readings else None
            if year is not None:
                yield StatedDate(m.start(), m.end(), m.group(), year, None)
            return
    parsed = _parse(m.group(), dayfirst=bool(day_first))
    if parsed:
        yield StatedDate(m.start(), m.end(), m.group(), *parsed)


def _nearer(readings: list[tuple[int | None, int | None, int | None]], near: dt.date | None) -> bool | None:
    """Whether the day-first reading (the second) is the one within NEAR_DAYS of ``near``; None if neither is."""
    if near is None or len(readings) != 2:
        return None
    gaps = [abs((dt.date(*r) - near).days) for r in readings]  # type: ignore[arg-type]
    best = min(range(2), key=lambda i: gaps[i])
    return bool(best) if gaps[best] <= NEAR_DAYS else None


def _list_pieces(m: re.Match[str]) -> Iterator[StatedDate]:
    """ "December 29 and December 31, 2016", "June 6-9, 2016": the year applies to each day."""
    year, month = m.group("year"), ""
    for item in _LIST_ITEM.finditer(m.group(), 0, m.start("year") - m.start()):
        month = (item.group("month") or month).rstrip(".")
        parsed = _parse(f"{month} {item.group('day')} {year}")
        if parsed:
            yield StatedDate(m.start() + item.start(), m.start() + item.end(), item.group(), *parsed)


_OCR = str.maketrans({"O": "0", "I": "1", "l": "1", " ": None, "_": None})


def _ocr_digits(text: str) -> str:
    return text.translate(_OCR)


class _Years(parser.parserinfo):
    def convertyear(self, year: int, century_specified: bool = False) -> int:
        # dateutil puts "18" within 50 years of today; a fixed pivot keeps dates
        # reproducible: 00-68 are 2000-2068, 69-99 are 1969-1999 (as POSIX strptime).
        if year < 100 and not century_specified:
            return year + (2000 if year < 69 else 1900)
        return year


_INFO = _Years()
# How close to its document's date an ambiguous numeric date must read to be taken that way.
NEAR_DAYS = 31

_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2004, 2, 2))  # both leap years: "February 29" parses


@lru_cache(maxsize=4096)
def _parse(piece: str, *, dayfirst: bool = False) -> tuple[int | None, int | None, int | None] | None:
    """``(year, month, day)`` stated by ``piece``, None for a field it leaves out; None if no date."""
    try:
        a, b = (parser.parse(piece, parserinfo=_INFO, default=d, dayfirst=dayfirst) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    year, month, day = (x if x == y else None for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day)))
    if (year is None and not (month and day)) or (day is not None and month is None):
        return None
    if year is not None and not 1000 <= year <= 2999:
        return None
    return year, month, day
