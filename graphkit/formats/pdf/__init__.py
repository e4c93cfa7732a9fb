"""PDF: paragraphs rebuilt from the layout of each page (issues 7 and 13).

Reading is a pure function of the file's bytes (:func:`read_pdf`), so it can run in a
worker. One stage per module:

- :mod:`.layout`: glyphs from pdfminer.six, grouped into rows and segments, raised
  footnote marks taken out, columns of prose read one after the other;
- :mod:`.furniture`: margin line numbers, ECF stamps, Bates numbers, print slugs,
  sideways and stacked margin text, running headers and footers, page numbers;
- :mod:`.annotations`: notes and stamps put on top of a page (comments, set aside);
- :mod:`.footnotes`: the notes at the foot of each page, and the marks that point to them;
- :mod:`.tables`: rows of cells, each a paragraph with its column headers;
- :mod:`.transcripts`: one paragraph per speaker turn, located ``p. 37:12``;
- :mod:`.hyphenation`: words broken at a line end, mended only into real words;
- :mod:`.paragraphs`: lines to paragraphs across line, column and page breaks.

Each paragraph keeps the page it starts on, and as its line the row of its first line
on the page (the margin line number in a transcript). Footnotes are paragraphs of kind
``footnote`` and table rows of kind ``body``; everything taken off the pages as furniture
is kept at the end of the document as one ``boilerplate`` paragraph per page and counted
in the metadata (``set_aside``), so nothing is lost in silence. A PDF without a text
layer (a scan) is :class:`Unreadable` with a hint to run OCR first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from ...paragraphs import Paragraph, split_paragraphs
from .. import Part, Unreadable
from .columns import column_of, reading_order
from .footnotes import Footnote, split_footnotes, strip_reference_marks
from .furniture import Furniture, strip_furniture, strip_margin_numbers
from .hyphenation import Lexicon, join_lines
from .layout import Page, Segment, read_pages
from .paragraphs import Block, Item, PageEnd, build_paragraphs, merge_rows, pitches, prose_breaks, set_column_edges
from .tables import find_tables
from .transcripts import is_transcript, transcript_locator, turn_breaks, turn_kind

__all__ = ["read_pdf", "join_lines"]


def read_pdf(data: bytes) -> list[Part]:
    """One document with a paragraph list rebuilt from the layout; see the module docstring."""
    pages, document = read_pages(data)
    if not any(ch.isalpha() for page in pages for s in page.segments for ch in s.text):
        raise Unreadable(
            f"no text layer ({len(pages)} page{'s' * (len(pages) != 1)} of images, probably a scan); "
            "run OCR on it first (for example `ocrmypdf in.pdf out.pdf`) and ingest the result"
        )
    furniture = Furniture()
    pages = strip_furniture([strip_margin_numbers(page, furniture) for page in pages], furniture)
    lexicon = Lexicon(s.text for page in pages for s in page.segments)
    items = _flow(pages, _body_size(pages))
    lines = [item for item in items if isinstance(item, Segment)]
    transcript = is_transcript(lines, furniture, len(pages))
    if transcript:
        prose = prose_breaks(pitches(lines))
        blocks = build_paragraphs(items, lexicon, turn_breaks(prose), transcript_locator(furniture), turn_kind)
    else:
        blocks = build_paragraphs(items, lexicon, prose_breaks(pitches(lines)), _row_locator)
    blocks += _comment_blocks(pages) + _furniture_blocks(furniture)
    info = _info(document)
    metadata = {"pages": len(pages), **info, "set_aside": furniture.counts()}
    if transcript:  # its lines are the transcript's own: evidence reads "p. 37:12"
        metadata["transcript"] = True
    return [Part(_numbered(blocks), "pdf", title=metadata.pop("title", ""), metadata=metadata)]


def _body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for s in page.segments:
            sizes[s.size] += len(s.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _flow(pages: list[Page], body_size: float) -> list[Item]:
    """Lines in reading order, tables where they stand, and each page's end with its footnotes."""
    items: list[Item] = []
    expected = 1
    for page in pages:
        body, notes = _footnotes(page, body_size, expected)
        numbers = {n.number for n in notes if n.number}
        expected = max([int(n) + 1 for n in numbers if n.isdigit()], default=expected)
        for s in body:
            strip_reference_marks(s, numbers)
        items.extend(_page_items([s for s in body if s.text], page.gutters))
        items.append(PageEnd(page.number, notes))
    return items


def _footnotes(page: Page, body_size: float, expected: int) -> tuple[list[Segment], list[Footnote]]:
    """The page's body and its footnotes: at the foot of the page, or of each column."""
    if not page.gutters:
        return split_footnotes(page, body_size, expected)
    columns: dict[int, list[Segment]] = {}
    for s in page.segments:
        if not any(s.x0 < g < s.x1 for g in page.gutters):
            columns.setdefault(column_of(s, page.gutters), []).append(s)
    notes: list[Footnote] = []
    for c in sorted(columns):
        edges = [0.0, *page.gutters, page.width]
        view = replace(page, segments=columns[c], width=edges[c + 1] - edges[c])
        _, found = split_footnotes(view, body_size, expected)
        notes += found
        expected = max([int(n.number) + 1 for n in found if n.number.isdigit()], default=expected)
    taken = {id(s) for n in notes for s in n.segments}
    return [s for s in page.segments if id(s) not in taken], notes


def _page_items(body: list[Segment], gutters: list[float]) -> list[Item]:
    rows: dict[int, list[Segment]] = {}
    for s in body:
        rows.setdefault(s.row, []).append(s)
    ordered = [rows[i] for i in sorted(rows)]
    tables = [] if _prose_columns(body, gutters) else find_tables(ordered)
    in_table = {id(s): table for start, end, table in tables for row in ordered[start:end] for s in row}
    items: list[Item] = []
    flow = reading_order([s for s in body if id(s) not in in_table], gutters)
    lines = merge_rows(flow)
    set_column_edges(lines, gutters)
    # A table goes where its first row stands among the page's lines.
    pending = sorted((table for _, _, table in tables), key=lambda table: -table.rows[0][0].y1)
    for line in lines:
        while pending and pending[0].rows[0][0].y1 > line.y1:
            items.append(pending.pop(0))
        items.append(line)
    return items + pending


def _prose_columns(body: list[Segment], gutters: list[float]) -> bool:
    """True if the page's gutters part columns of running text: most lines fill their column."""
    if not gutters:
        return False
    widths: dict[int, float] = {}
    for s in body:
        c = column_of(s, gutters)
        widths[c] = max(widths.get(c, 0.0), s.x1 - s.x0)
    full = sum(s.x1 - s.x0 >= 0.8 * widths[column_of(s, gutters)] for s in body)
    return full >= 0.6 * len(body)


def _row_locator(line: Segment) -> tuple[int, int]:
    return line.page, line.row + 1


def _comment_blocks(pages: list[Page]) -> list[Block]:
    """Notes someone put on the pages (annotations): kept, as comments, never as the page's text."""
    return [Block(note.text, page.number, 0, kind="comment") for page in pages for note in page.annotations
            if note.kind == "comment"]  # fmt: skip


def _furniture_blocks(furniture: Furniture) -> list[Block]:
    by_page: dict[int, list[str]] = {}
    for page, reason, text in furniture.removed:
        by_page.setdefault(page, []).append(f"{reason}: {text}")
    return [Block(" | ".join(texts), page, 0, kind="boilerplate") for page, texts in sorted(by_page.items())]


def _numbered(blocks: list[Block]) -> list[Paragraph]:
    """Paragraphs numbered 1.. in order; blank ones dropped, over-long ones cut at a sentence end."""
    out: list[Paragraph] = []
    for block in blocks:
        for piece in split_paragraphs(" ".join(block.text.split())):
            out.append(Paragraph(len(out) + 1, block.line, piece.text, block.page, block.kind))
    return out


def _info(document: Any) -> dict[str, Any]:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    out: dict[str, Any] = {}
    for raw in document.info or []:
        for key, field in (("Title", "title"), ("Author", "author"), ("CreationDate", "created")):
            value = resolve1(raw.get(key))
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str) and value.strip():
                out[field] = " ".join(value.split())
    if created := re.match(r"D:(\d{4})(\d{2})(\d{2})", out.get("created", "")):
        out["created"] = "-".join(created.groups())
    return out
