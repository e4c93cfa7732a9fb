"""A paragraph's date: the one its own text states, else its document's (issue 17).

What the text states wins, the finest first: the first full date (day, month and year),
else the first month of a year, else the first day and month whose year the document's
date gives, else the first year that dates the text ("In 2016,", not "the 2016
election"). A paragraph that states none of these takes its document's date. Both are
kept and :attr:`ParagraphDate.source` says which applies.

A day and month without a year ("On June 7, Goldstone wrote") takes its year from the
document's date only: in a dated letter, e-mail or article, a writer leaves the year out
when it goes without saying, that is when it is the year of writing, or the next or the
last one near New Year: "June 7" in a report of December 2016 is 2016-06-07, "January 3"
in an e-mail of December 28, 2001 is 2002-01-03. Without a document date it stays
unparsed, as does every relative date ("the next day").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..corpus import Document
from .documents import DocumentDate, document_date
from .parse import StatedDate, day_first, find_dates
from .partial import PartialDate

__all__ = ["ParagraphDate", "Source", "paragraph_date", "date_document", "ACROSS_NEW_YEAR_DAYS"]

# A day and month without a year is in the document's year, or in the year before or after
# when that puts it within this many days of the document's date (across New Year).
ACROSS_NEW_YEAR_DAYS = 92

# "text": stated in full; "text+document year": a day and month, the year from the document;
# "document": nothing stated, the document's date applies; None: no date at all.
OwnSource = Literal["text", "text+document year"]
Source = Literal[OwnSource, "document"]


@dataclass(frozen=True)
class ParagraphDate:
    own: PartialDate | None  # the date the paragraph's text states
    own_text: str  # as written ("June 9, 2016"), "" without one
    own_source: OwnSource | None
    document: PartialDate | None  # the document's date

    @property
    def date(self) -> PartialDate | None:
        """The date that applies: the paragraph's own, else the document's."""
        return self.own or self.document

    @property
    def source(self) -> Source | None:
        return self.own_source or ("document" if self.document else None)

    def as_row(self) -> tuple[str | None, ...]:
        """The paragraph's date columns in the store: date, precision, source, text, first and last day."""
        d = self.date
        if d is None:
            return (None,) * 6
        return (d.iso, d.precision, self.source, self.own_text or None, d.first_day.isoformat(), d.last_day.isoformat())


def paragraph_date(stated: Sequence[StatedDate], document: PartialDate | None = None) -> ParagraphDate:
    """Choose a paragraph's date from the dates it states and its document's date.

    >>> from graphkit.dates.parse import find_dates
    >>> text = "In June 2016 they met; on June 9, 2016 again."
    >>> paragraph_date(find_dates(text)).date.iso
    '2016-06-09'
    >>> pd = paragraph_date(find_dates("On June 7, he wrote.", [(3, 9)]), PartialDate(2016, 6, 20))
    >>> pd.date.iso, pd.source
    ('2016-06-07', 'text+document year')
    >>> paragraph_date([], PartialDate(2016)).source
    'document'
    """
    for choose in (_full, _month, _with_document_year, _standalone_year):
        for item in stated:
            own = choose(item, document)
            if own is not None:
                source: OwnSource = "text+document year" if item.year is None else "text"
                return ParagraphDate(own, item.text, source, document)
    return ParagraphDate(None, "", None, document)


def _full(item: StatedDate, document: PartialDate | None) -> PartialDate | None:
    return item.date if item.day and item.year is not None else None


def _month(item: StatedDate, document: PartialDate | None) -> PartialDate | None:
    return item.date if item.month and not item.day and item.year is not None else None


def _standalone_year(item: StatedDate, document: PartialDate | None) -> PartialDate | None:
    return item.date if item.year is not None and not item.month and item.standalone else None


def _with_document_year(item: StatedDate, document: PartialDate | None) -> PartialDate | None:
    if item.year is not None or document is None or not (item.month and item.day):
        return None
    same = _valid(document.year, item.month, item.day)
    if document.precision == "year":
        return same
    middle = document.first_day + (document.last_day - document.first_day) / 2
    near = [d for y in (document.year - 1, document.year + 1) if (d := _valid(y, item.month, item.day))]
    close = [d for d in near if abs(d.first_day - middle).days <= ACROSS_NEW_YEAR_DAYS]
    if close and (same is None or abs(close[0].first_day - middle) < abs(same.first_day - middle)):
        return close[0]
    return same


def _valid(year: int, month: int, day: int) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:  # February 29 in a year that has none
        return None


def date_document(
    doc: Document, spans: Mapping[int, Sequence[tuple[int, int]]]
) -> tuple[DocumentDate | None, dict[int, ParagraphDate]]:
    """The date of ``doc`` and of each of its paragraphs (by number); ``spans`` are each paragraph's DATE spans.

    >>> from pathlib import Path
    >>> from graphkit.paragraphs import Paragraph
    >>> doc = Document(Path("m.txt"), "m.txt", "", 0, "text", [Paragraph(1, 1, "Dated: 2/3/2016"),
    ...       Paragraph(2, 3, "We met on 14 January 2016."), Paragraph(3, 5, "Then we parted.")])
    >>> found, dates = date_document(doc, {})
    >>> found.date.iso, [(dates[n].date.iso, dates[n].source) for n in (2, 3)]
    ('2016-03-02', [('2016-01-14', 'text'), ('2016-03-02', 'document')])
    """
    order = day_first(p.text for p in doc.paragraphs)
    found = document_date(doc.name, doc.format, doc.metadata, doc.paragraphs, day_first=order)
    base = found.date if found else None
    near = base.first_day if base and base.precision == "day" else None
    return found, {
        p.number: paragraph_date(find_dates(p.text, spans.get(p.number, ()), day_first=order, near=near), base)
        for p in doc.paragraphs
    }
