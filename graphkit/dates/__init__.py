"""Dates of documents and paragraphs: when did two people connect? (issue 17)

One concern per module:

- :mod:`~graphkit.dates.partial`: :class:`PartialDate`, a date known to a day, a month or a
  year, and the windows of time (``--since``/``--until``) it overlaps;
- :mod:`~graphkit.dates.parse`: the dates a paragraph states, from its text and the model's
  DATE spans, parsed with python-dateutil;
- :mod:`~graphkit.dates.documents`: a document's own date, from its header, metadata, first
  page or file name, with where it came from;
- :mod:`~graphkit.dates.paragraphs`: a paragraph's date, its own or its document's, and which.

Nothing here reads the clock: the same text always gets the same dates.
"""

from .documents import DocumentDate, date_from_name, document_date
from .paragraphs import ParagraphDate, date_document, paragraph_date
from .parse import StatedDate, day_first, find_dates
from .partial import PRECISIONS, PartialDate, Precision, Window, overlaps, parse_iso

__all__ = [
    "PRECISIONS",
    "DocumentDate",
    "ParagraphDate",
    "PartialDate",
    "Precision",
    "StatedDate",
    "Window",
    "date_document",
    "date_from_name",
    "day_first",
    "document_date",
    "find_dates",
    "overlaps",
    "paragraph_date",
    "parse_iso",
]
