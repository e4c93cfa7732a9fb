"""A document's own date, from its header, its metadata, its first page or its file name (issue 17).

The sources, most trusted first; the first that gives a date wins and is recorded:

1. ``e-mail Date header``: when the message was sent;
2. ``web page date``: the publication date in the page's metadata (trafilatura);
3. ``dateline``: a short line at the head of the first page, before the body text, that
   is one full date and at most three other words ("Date: 7/7/17", "Washington, June 9, 2016", "Dated: March 12,
   2018"), the date the author put on it;
4. ``PDF CreationDate`` or ``Word created date``: when the file was made, which for a scan
   or a template can be long after or before the text;
5. ``e-mail Date header (attachment)``: an attachment without a date of its own takes the
   date of the message that carried it;
6. ``file name``: a date or a year in the file's name (``minutes-2016-06-09.pdf``,
   ``USA_76_2021.txt``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..paragraphs import Paragraph
from .parse import StatedDate, find_dates
from .partial import PartialDate

__all__ = ["DocumentDate", "document_date", "date_from_name", "DATELINE_CHARS", "FIRST_PAGE_PARAGRAPHS"]

# A dateline is short: the date and a few words ("Date:", a place, "Dated:", "Published").
DATELINE_CHARS = 80
# A dateline is near the top: among the first paragraphs of the first page, before the
# first paragraph of body text (a date in an appendix's signature block is no dateline).
FIRST_PAGE_PARAGRAPHS = 20
BODY_CHARS = 200

_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![0-9])")


@dataclass(frozen=True)
class DocumentDate:
    date: PartialDate
    source: str  # where it came from: one of the sources in this module's docstring


def document_date(
    name: str,
    format: str,
    metadata: Mapping[str, Any],
    paragraphs: Sequence[Paragraph],
    *,
    day_first: bool | None = None,
) -> DocumentDate | None:
    """The date of one document, or None when nothing in or about it gives one.

    ``day_first`` is the order of the document's numeric dates (:func:`~graphkit.dates.parse.day_first`).

    >>> document_date("inbox.mbox#3", "email", {"date": "2001-05-14 16:39:00-07:00"}, [])
    DocumentDate(date=PartialDate(year=2001, month=5, day=14), source='e-mail Date header')
    >>> document_date("memo.txt", "text", {}, [Paragraph(1, 1, "Date: 7/7/17"), Paragraph(2, 3, "To all.")])
    DocumentDate(date=PartialDate(year=2017, month=7, day=7), source='dateline (paragraph 1)')
    >>> document_date("speeches/USA_76_2021.txt", "text", {}, [Paragraph(1, 1, "Mr. President,")]).source
    'file name'
    """
    found = _candidates(name, format, metadata, paragraphs, day_first)
    return next((DocumentDate(date, source) for date, source in found if date is not None), None)


def _candidates(
    name: str, format: str, metadata: Mapping[str, Any], paragraphs: Sequence[Paragraph], day_first: bool | None
) -> Iterator[tuple[PartialDate | None, str]]:
    """The sources in order of trust; each is looked at only when those before it gave nothing."""
    attachment = format != "email" and "from" in metadata  # a part that carries its message's headers
    if format == "email":
        yield _value(metadata.get("date")), "e-mail Date header"
    if format == "html" and not attachment:
        yield _value(metadata.get("date")), "web page date"
    yield _dateline(paragraphs, day_first)
    if format in ("pdf", "docx"):
        yield _value(metadata.get("created")), "PDF CreationDate" if format == "pdf" else "Word created date"
    if attachment:
        yield _value(metadata.get("date")), "e-mail Date header (attachment)"
    yield date_from_name(name), "file name"


def _value(value: Any) -> PartialDate | None:
    """A metadata date: ISO (``2001-05-14 16:39:00-07:00``, ``2016-06``) or as written (``14 May 2001``)."""
    if not isinstance(value, str) or not value.strip():
        return None
    m = _ISO_PREFIX.match(value.strip())
    if m:
        try:
            return PartialDate(*(int(g) if g else None for g in m.groups()))  # type: ignore[arg-type]
        except ValueError:
            return None
    return next((d.date for d in find_dates(value) if d.date is not None), None)


def _dateline(paragraphs: Sequence[Paragraph], day_first: bool | None) -> tuple[PartialDate | None, str]:
    """The date of a dateline near the top of the first page ("Date: 7/7/17"), if there is one."""
    first_page = paragraphs[0].page if paragraphs else None
    for p in paragraphs[:FIRST_PAGE_PARAGRAPHS]:
        if p.page != first_page or len(p.text) > BODY_CHARS:
            break  # a dateline heads the document: none once the body text has begun
        stated = find_dates(p.text, day_first=day_first) if len(p.text) <= DATELINE_CHARS else []
        if len(stated) == 1 and stated[0].day and stated[0].year and _few_words(p.text, stated[0]):
            return stated[0].date, f"dateline (paragraph {p.number})"
    return None, "dateline"


_WORD = re.compile(r"[^\W\d_]{2,}")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def _few_words(text: str, date: StatedDate) -> bool:
    """At most three words besides the date and its weekday: "Dated:", "Washington, D.C.", "Hearing Date:"."""
    rest = text[: date.start] + " " + text[date.end :]
    return sum(w.casefold() not in _WEEKDAYS for w in _WORD.findall(rest)) <= 3


_NAME_DAY = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[-_.]?([01][0-9])[-_.]?([0-3][0-9])(?![0-9])")
_NAME_MONTH = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[-_.]([01][0-9])(?![0-9])")
_NAME_YEAR = re.compile(r"(?<![0-9A-Za-z])((?:19|20)[0-9]{2})(?![0-9A-Za-z])")


def date_from_name(name: str) -> PartialDate | None:
    """A date in a file's own name (not its folders'): a day, a month or a year, the most precise found.

    >>> [str(date_from_name(n)) for n in ("a/minutes_20160609.pdf", "2016-06 report.txt", "USA_76_2021.txt")]
    ['2016-06-09', '2016-06', '2021']
    >>> date_from_name("2016/notes_505da6c7.txt") is None
    True
    """
    base = re.sub(r"#[0-9]+$", "", re.split(r"[/\\]", name)[-1])  # "inbox.mbox#3" is "inbox.mbox"
    for pattern in (_NAME_DAY, _NAME_MONTH, _NAME_YEAR):
        for m in pattern.finditer(base):
            try:
                return PartialDate(*map(int, m.groups()))
            except ValueError:
                continue
    return None
