"""Tables: each row a paragraph, its cells named by the column headers (issue 13).

A table is found from positions alone (no ruling needed): a run of at least three rows
that each hold two or more cells (segments apart on the row, a leading bullet or list
number aside), and whose cells line up in at least two columns. Rows set in a different
size from the table's body rows at its top are the header; without such rows a first
row without figures is. Each body row becomes ``Payee: X | Amount: Y | Date: Z``.

pdfplumber's table finder was weighed and not taken: it needs ruling lines for its best
results, brings pypdfium2 and Pillow along, and parses every page a second time; the
tables investigators meet in filings (payments, meetings, staff lists) are found here
from the same glyph positions the rest of the reader uses.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

from .layout import Segment

__all__ = ["Table", "find_tables", "MARKER"]

MARKER = re.compile(r"^(?:[•·▪◦‣●○■□➢►*–-]|\(?(?:\d{1,3}|[ivxlc]{1,5}|[A-Za-z])[.)]|§+)$")
# A cell that is a figure: an amount, a count, a share; not a year (a column heading).
_FIGURE = re.compile(r"^(?![12]\d{3}$)[-+(]?[$€£¥]?\s?\(?\d[\d.,\s]*%?\)?\s?[$€£¥]?$")
_CURRENCY = re.compile(r"^[$€£¥]$")
# A column of ")" or "§" down the middle of a court caption: two blocks of text side by side.
_SEPARATOR = re.compile(r"^[_\s]*[)§]+[_\s]*$")
_PUNCTUATION = re.compile(r"^[\W_]*$")  # a caption's ":" column, its rules


@dataclass
class Table:
    rows: list[list[Segment]]  # every row of the table, header rows included, top first
    header: int  # how many of them are the header

    def paragraphs(self) -> list[tuple[str, Segment]]:
        """``(text, first segment)`` of every body row: cells named by their column's header.
        A caption (blocks of text either side of a column of ``)``) is one paragraph a side."""
        if sides := _caption_sides(self.rows):
            return sides
        body = [_merge_currency(_cells(row)) for row in self.rows[self.header :]]
        columns = _columns([s for row in body for s in row])
        names = _names([s for row in self.rows[: self.header] for s in row], columns)
        out: list[tuple[str, Segment]] = []
        for row, cells in zip(self.rows[self.header :], body):
            text = " | ".join(f"{name}: {s.text}" if (name := names[_column(s, columns)]) else s.text for s in cells)
            if len(cells) < 2 and out:  # a wrapped cell, a note under the row: part of the row above
                out[-1] = (f"{out[-1][0]} | {text}", out[-1][1])
            else:
                out.append((text, row[0]))
        return out


def _caption_sides(rows: list[list[Segment]]) -> list[tuple[str, Segment]]:
    """The text left and right of a caption, each read top to bottom; or ``[]`` for a table.

    A caption is two blocks of text side by side: either side of a column of ``)`` or
    ``§``, or two columns without a figure whose lines run on (``MICRON TECHNOLOGY, INC.,``
    over ``Plaintiff,``): a quarter of the cells end in a comma or go on in lowercase."""
    cells = [s for row in rows for s in row]
    marks = [s for s in cells if _SEPARATOR.match(s.text)]
    if len(marks) >= 0.5 * len(rows) and max(s.x1 for s in marks) - min(s.x1 for s in marks) <= 2 * marks[0].size:
        middle = median(s.x1 for s in marks)
    elif len(_columns(cells)) == 2 and _runs_on(cells):
        left, right = _columns(cells)
        middle = (left[1] + right[0]) / 2
    else:
        return []
    sides: list[list[Segment]] = [[], []]
    for s in cells:
        if not _SEPARATOR.match(s.text) and not _PUNCTUATION.match(s.text):
            sides[(s.x0 + s.x1) / 2 > middle].append(s)
    return [(" ".join(s.text.lstrip("_ :)§").rstrip("_ ") for s in side), side[0]) for side in sides if side]


def _runs_on(cells: list[Segment]) -> bool:
    if any(_FIGURE.match(s.text) for s in cells):
        return False
    return sum(s.text.endswith(",") or s.text[:1].islower() for s in cells) >= 0.25 * len(cells)


def find_tables(rows: list[list[Segment]]) -> list[tuple[int, int, Table]]:
    """``(first row index, end row index, table)`` for every table among a page's ``rows``."""
    found, i = [], 0
    while i < len(rows):
        end = _run_end(rows, i)
        table = _table(rows[i:end]) if end - i >= 3 else None
        if table is not None:
            found.append((i, end, table))
            i = end
        else:
            i += 1
    return found


def _cells(row: list[Segment]) -> list[Segment]:
    return row[1:] if len(row) > 1 and MARKER.match(row[0].text) else row


def _run_end(rows: list[list[Segment]], start: int) -> int:
    """End of the run of table rows from ``start``: rows of two or more cells, and lone
    cells between them (a wrapped cell, a second header line)."""
    if len(_cells(rows[start])) < 2:
        return start
    end = start + 1
    while end < len(rows):
        if len(_cells(rows[end])) >= 2:
            end += 1
            continue
        lone = end
        while lone < min(end + 3, len(rows)) and len(_cells(rows[lone])) < 2 and _close(rows[lone - 1], rows[lone]):
            lone += 1
        if lone < len(rows) and lone > end and len(_cells(rows[lone])) >= 2 and _close(rows[lone - 1], rows[lone]):
            end = lone + 1
        else:
            break
    return end


def _close(above: list[Segment], below: list[Segment]) -> bool:
    return above[0].y0 - below[0].y1 < 1.5 * above[0].size


def _table(rows: list[list[Segment]]) -> Table | None:
    columns = _columns([s for row in rows for s in _cells(row)])
    multi = [row for row in rows if len(_cells(row)) >= 2]
    if len(columns) < 2 or len(multi) < 3:
        return None
    if median(len(s.text.split()) for row in multi for s in _cells(row)) >= 6:
        return None  # runs of prose side by side: columns of text, not a table
    used = Counter(_column(s, columns) for row in multi for s in _cells(row))
    if sum(n >= 2 for n in used.values()) < 2:
        return None
    return Table(rows, _header_rows(rows))


def _header_rows(rows: list[list[Segment]]) -> int:
    """Rows at the top set in another size than the body rows; else the rows without
    figures (years aside) before the first row with one; else none."""
    body = Counter(s.size for row in rows for s in row).most_common(1)[0][0]
    header = 0
    while header < len(rows) - 1 and all(abs(s.size - body) > 0.3 for s in rows[header]):
        header += 1
    if header:
        return header
    while header < min(3, len(rows) - 1) and not any(_FIGURE.match(s.text) for s in rows[header]):
        header += 1
    if header and any(_FIGURE.match(s.text) for s in rows[header]):
        return header
    return 1 if header else 0


def _columns(cells: list[Segment]) -> list[tuple[float, float]]:
    """Column spans: the union of overlapping cell spans, left to right."""
    spans: list[list[float]] = []
    for s in sorted(cells, key=lambda s: s.x0):
        if spans and s.x0 <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], s.x1)
        else:
            spans.append([s.x0, s.x1])
    return [(a, b) for a, b in spans]


def _names(header: list[Segment], columns: list[tuple[float, float]]) -> list[str]:
    """Each column's name: the header cells over it (or, over none, the nearest one)."""
    names: list[list[str]] = [[] for _ in columns]
    for s in header:
        over = [i for i, (a, b) in enumerate(columns) if min(b, s.x1) > max(a, s.x0)]
        for i in over or [_column(s, columns)]:
            names[i].append(s.text)
    return [" ".join(found) for found in names]


def _column(segment: Segment, columns: list[tuple[float, float]]) -> int:
    middle = (segment.x0 + segment.x1) / 2
    overlap = [min(b, segment.x1) - max(a, segment.x0) for a, b in columns]
    best = max(range(len(columns)), key=lambda i: overlap[i])
    if overlap[best] > 0:
        return best
    return min(range(len(columns)), key=lambda i: abs((columns[i][0] + columns[i][1]) / 2 - middle))


def _merge_currency(row: list[Segment]) -> list[Segment]:
    """A ``$`` set apart from its figure joins it."""
    out: list[Segment] = []
    for s in row:
        if out and out[-1].text[-2:-1] == " " and _CURRENCY.match(out[-1].text[-1]):  # "31,999 $" "28,822"
            prev = out[-1]
            out[-1] = Segment(prev.page, prev.row, prev.x0, prev.y0, prev.x1, prev.y1, prev.size, prev.text[:-2], 0)
            s = Segment(s.page, s.row, s.x0, s.y0, s.x1, s.y1, s.size, f"{prev.text[-1]}{s.text}", s.word)
        if out and _CURRENCY.match(out[-1].text):
            prev = out.pop()
            s = Segment(s.page, s.row, prev.x0, s.y0, s.x1, s.y1, s.size, f"{prev.text}{s.text}", s.word)
        out.append(s)
    return out
