"""A paragraph's date: the one its own text states, else its document's (issue 17).

What the text states wins, the finest first: the first full date (day, month and year),
else the first month of a year, else the first day and month whose year the document's
date gives, else the first year that dates the text ("In 2016,", not "the 2016
election"). A paragraph that states none of these takes its document's date. Both are
kept and :attr:`ParagraphDate.source` says which applies.

A day and month without a year ("On June 7, Goldstone wrote") takes its year from the
document's date only: in a dated letter, e-mail or article such a date is one near the
writing (the year is left out because it goes without saying), so it is put in the year
around the document's date that brings it closest: "January 3" in an e-mail of
December 28, 2001 is 2002-01-03. Without a document date it stays unparsed, as does
every relative date ("the next day").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .parse import StatedDate
from .partial import PartialDate

__all__ = ["ParagraphDate", "Source", "paragraph_date"]

# "text": stated in full; "text+document year": a day and month, the year from the document;
# "document": nothing stated, the document's date applies; None: no date at all.
Source = Literal["text", "text+document year", "document"]


@dataclass(frozen=True)
class ParagraphDate:
    own: PartialDate | None  # the date the paragraph's text states
    own_text: str  # as written ("June 9, 2016"), "" without one
    own_source: Literal["text", "text+document year"] | None
    document: PartialDate | None  # the document's date

    @property
    def date(self) -> PartialDate | None:
        """The date that applies: the paragraph's own, else the document's."""
        return self.own or self.document

    @property
    def source(self) -> Source | None:
        return self.own_source or ("document" if self.document else None)


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
                source = "text+document year" if item.year is None else "text"
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
    if document.precision == "year":
        return _valid(document.year, item.month, item.day)
    middle = document.first_day + (document.last_day - document.first_day) / 2
    near = [d for y in (document.year - 1, document.year, document.year + 1) if (d := _valid(y, item.month, item.day))]
    return min(near, key=lambda d: (abs(d.first_day - middle), d.year), default=None)


def _valid(year: int, month: int, day: int) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:  # February 29 in a year that has none
        return None
