"""Page furniture: text on a page that is not the document's own (issue 13).

Recognised by where it sits and what it looks like, on born-digital and OCR'd pages:

- **margin line numbers** (pleading paper, transcripts): a column of small whole numbers
  at the outer edge of their rows, counting down the page; their glyphs are dropped
  before rows are rebuilt, so a number can never be glued to text, and each number's
  height is kept for transcripts (``p. 37:12``);
- **stamps**: the ECF header (``Case 2:15-cv-08162 Document 326 Filed 10/25/18 Page 8 of
  21 Page ID #:22253``) anywhere in a row, also inside an OCR'd line; Bates numbers and
  print slugs (``VerDate Sep<11>2014 …``, ``Jkt 247001 PO 00000 Frm 00001``);
- **letters stacked down a margin** (vertical text set one upright glyph per row);
- **running headers and footers**: text in the top or bottom rows of a page whose shape
  (digits aside) comes back on at least half of the pages, and bare page numbers.

Nothing is dropped in silence: every piece is returned with its reason.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from .layout import Page, Segment, resegment

__all__ = ["Furniture", "strip_margin_numbers", "strip_furniture"]

_EDGE_ROWS = 3  # rows at the top and at the bottom of a page that may be running furniture
_LINE_NUMBER = re.compile(r"^\d{1,2}$")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE
)
# A page number as an OCR layer reads it: "ioi" for 101, "1~" for 112, "~ ~~".
_OCR_PAGE_NUMBER = re.compile(r"^(?=.*[\d~|!])[\dioOlI|!~ ]{2,6}$|^[ioIlO]{3}$")
_PAGE_LABEL = re.compile(r"^(?:page\s+)?(\d{1,5})$", re.IGNORECASE)
# The CM/ECF header, allowing the spacing an OCR layer gives it.
_ECF = re.compile(
    r"Case\s*\d{1,2}\s*:\s*\d{2}\s*-?\s*[a-z]{2,4}\s*-?\s*\d{3,6}(?:\s*-\s*[A-Z]{1,5})*[\s,]+"
    r"(?:Doc(?:ument)?|Dkt)\.?\s*(?:No\.?\s*)?\d+(?:\s*-\s*\d+)?[\s,]+"
    r"Filed\s*:?\s*\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}"
    r"(?:[\s,]+(?:Entered\s*:?\s*\d{1,2}/\d{1,2}/\d{2,4}[\s,]+)?Page\s*:?\s*\d+\s*of\s*\d+)?"
    r"(?:[\s,]+Page\s*ID(?:\s*#?\s*:?\s*\d+)?)?"
    r"(?:[\s,]+Desc\s+Main\s+Document)?",
    re.IGNORECASE,
)
_SLUG = re.compile(r"\bVerDate\b|\bJkt\s+\d+\b.*\bFrm\s+\d+\b|\bFrm\s+\d+\s+Fmt\s+\d+|\bSfmt\s+\d+\b", re.IGNORECASE)
_RULE = re.compile(r"^[-_=.·•*~\s]{5,}$")
# A Bates number: a producing party's prefix and a zero-padded serial, alone at a page edge.
_BATES = re.compile(r"^[A-Z][A-Z0-9&.]{1,15}(?:[-_ ][A-Z0-9]{1,12}){0,3}[-_ ]?0*\d{4,10}$")


@dataclass
class Furniture:
    """What was taken off the pages: ``(page, reason, text)``, and margin numbers by page."""

    removed: list[tuple[int, str, str]] = field(default_factory=list)
    line_numbers: dict[int, list[tuple[float, int]]] = field(default_factory=dict)  # page -> [(y, n)]
    page_labels: dict[int, int] = field(default_factory=dict)  # page -> its printed number

    def counts(self) -> dict[str, int]:
        found = Counter(reason for _, reason, _ in self.removed)
        lines = sum(len(found) for found in self.line_numbers.values())
        return dict(found, **({"margin line numbers": lines} if lines else {}))


# -- margin line numbers -------------------------------------------------------------------------
def strip_margin_numbers(page: Page, furniture: Furniture) -> Page:
    """The page rebuilt without its margin line numbers (if it has them)."""
    column = _number_column(page.segments)
    if not column:
        return page
    furniture.line_numbers[page.number] = [((s.y0 + s.y1) / 2, int(s.text)) for s in column]
    left, right = min(s.x0 for s in column) - 2, max(s.x1 for s in column) + 2
    return resegment(page, lambda g: left <= (g.x0 + g.x1) / 2 <= right and g.text.isdigit())


def _number_column(segments: list[Segment]) -> list[Segment]:
    rows: dict[int, list[Segment]] = {}
    for s in segments:
        rows.setdefault(s.row, []).append(s)
    found = [row[0] for row in rows.values() if _LINE_NUMBER.match(row[0].text) and 0 < int(row[0].text) < 100]
    if len(found) < 5:
        return []
    edge = median(s.x1 for s in found)
    column = [s for s in found if abs(s.x1 - edge) <= 6]
    values = [int(s.text) for s in column]
    rising = sum(b > a for a, b in zip(values, values[1:]))
    return column if len(column) >= 5 and rising >= 0.8 * (len(column) - 1) else []


# -- stamps, slugs, stacked letters, running headers -----------------------------------------------
def strip_furniture(pages: list[Page], furniture: Furniture) -> list[Page]:
    """The pages without stamps, slugs, stacked margin letters, running headers and page numbers."""
    for page in pages:
        page.segments = [s for s in (_unstamped(s, furniture) for s in page.segments) if s is not None]
        page.segments = _unstacked(page, furniture)
        if page.rotated.strip():
            furniture.removed.append((page.number, "text set sideways", page.rotated.strip()))
        for note in page.annotations:
            if note.kind == "stamp":
                furniture.removed.append((page.number, "stamp put on the page", note.text))
        if page.unmapped:  # not furniture, but text that cannot be read: named, never dropped in silence
            furniture.removed.append((page.number, "glyphs without a Unicode map", f"{page.unmapped} glyphs"))
    running = _running(pages)
    for page in pages:
        kept = []
        for s in page.segments:
            reason = running.get(id(s))
            if reason is None:
                kept.append(s)
                continue
            furniture.removed.append((page.number, reason, s.text))
            if reason == "page number" and (label := _PAGE_LABEL.match(s.text)):
                furniture.page_labels.setdefault(page.number, int(label.group(1)))
        page.segments = kept
    return pages


def _unstamped(segment: Segment, furniture: Furniture) -> Segment | None:
    if _RULE.match(segment.text):
        furniture.removed.append((segment.page, "rule drawn with characters", segment.text))
        return None
    if _SLUG.search(segment.text):
        furniture.removed.append((segment.page, "print slug", segment.text))
        return None
    if not _ECF.search(segment.text):
        return segment
    for stamp in _ECF.findall(segment.text):
        furniture.removed.append((segment.page, "court stamp", stamp))
    segment.text = " ".join(_ECF.sub(" ", segment.text).split())
    return segment if segment.text else None


def _unstacked(page: Page, furniture: Furniture) -> list[Segment]:
    """Without letters set one per row down a margin (vertical text drawn upright)."""
    outer = 0.12 * page.width
    single = [s for s in page.segments if len(s.text) <= 2 and s.text.isalpha()]
    single = [s for s in single if s.x1 < outer or s.x0 > page.width - outer]
    columns = Counter(round((s.x0 + s.x1) / 8) for s in single)  # 4-point bins
    stacked = {id(s) for s in single if columns[round((s.x0 + s.x1) / 8)] >= 5}
    if stacked:
        text = "".join(s.text for s in page.segments if id(s) in stacked)
        furniture.removed.append((page.number, "letters stacked down a margin", text))
    return [s for s in page.segments if id(s) not in stacked]


def _running(pages: list[Page]) -> dict[int, str]:
    """``id(segment) -> reason`` for the running headers, footers, Bates numbers and page numbers."""
    edges = [_edge_segments(page) for page in pages]
    seen = Counter(shape for found in edges for shape in {_shape(s, found) for s in found})
    repeated = max(2, math.ceil(len(pages) / 2))
    out: dict[int, str] = {}
    for found in edges:
        for s in found:
            if seen[_shape(s, found)] >= repeated and not _PAGE_NUMBER.match(s.text):
                out[id(s)] = "running header or footer"
        for s in found:
            # A page number stands alone on its row, or beside running text: not a year
            # heading a table's column.
            alone = all(o is s or id(o) in out for o in found if o.row == s.row)
            if alone and (_PAGE_NUMBER.match(s.text) or _OCR_PAGE_NUMBER.match(s.text)):
                out[id(s)] = "page number"
            elif alone and _BATES.match(s.text) and any(ch.isdigit() for ch in s.text):
                out[id(s)] = "Bates number"
    return out


def _edge_segments(page: Page) -> list[Segment]:
    rows = sorted({s.row for s in page.segments})
    edge = set(rows[:_EDGE_ROWS] + rows[_EDGE_ROWS:][-_EDGE_ROWS:])
    return [s for s in page.segments if s.row in edge]


def _shape(segment: Segment, edge: list[Segment]) -> str:
    # "Page 3 of 40" and "Page 4 of 40" are one running footer; a header comes back at the top.
    side = "top" if segment.row < min(s.row for s in edge) + _EDGE_ROWS else "bottom"
    # Spacing aside: an OCR layer reads "12, 2018" on one page and "12,2018" on the next.
    return side + re.sub(r"\d+", "#", re.sub(r"\s+", "", segment.text.casefold()))
