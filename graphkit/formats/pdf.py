"""PDF: the text layer, with paragraphs rebuilt from the page layout (issue 7).

pdfminer.six (MIT) gives every text line with its position and size. From those:

- running headers and footers are lines at the top or bottom of a page whose text,
  digits aside, comes back on at least half of the pages; bare page numbers go too;
- lines join into a paragraph until a wider vertical gap, a change of font size, an
  indented first line, or a line that ended early (the next line's first word would
  have fitted on it); a paragraph cut by a page break continues on the next page;
- a word hyphenated at a line break is mended.

Each paragraph keeps the page it starts on, and as its line the position of that
first line on the page. A PDF without a text layer (a scan) is :class:`Unreadable`
with a hint to run OCR first.
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from statistics import median
from typing import Any

from ..text import CONTROL_CHARS as _CONTROLS
from ..text import join_lines
from . import Part, Unreadable, _one_line, number_paragraphs

__all__ = ["read_pdf", "join_lines"]

_EDGE_LINES = 3  # lines at the top and at the bottom of a page that may be running furniture
_PARAGRAPH_GAP = 1.25  # a gap this many times the usual line pitch separates paragraphs
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE
)
_LIST_MARKER = re.compile(r"^(?:[•·▪◦‣*–-]|\(?(?:\d{1,3}|[ivx]{1,5}|[a-z])[.)])\s")
_CID = re.compile(r"\(cid:\d+\)")  # glyphs of a font without a Unicode map
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


@dataclass(frozen=True)
class _Line:
    page: int
    index: int  # 1-based position on its page, in reading order
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    text: str
    word: float  # width of the line's first word
    right: float = 0.0  # right edge of the column the line sits in


def read_pdf(data: bytes) -> list[Part]:
    """One document with a paragraph list rebuilt from the layout; see the module docstring."""
    pages, info = _read_layout(data)
    if not any(ch.isalpha() for page in pages for line in page for ch in line.text):
        raise Unreadable(
            f"no text layer ({len(pages)} page{'s' * (len(pages) != 1)} of images, probably a scan); "
            "run OCR on it first (for example `ocrmypdf in.pdf out.pdf`) and ingest the result"
        )
    furniture = _running_furniture(pages)
    body = [[line for line in page if (line.page, line.index) not in furniture] for page in pages]
    paragraphs = number_paragraphs(_paragraphs(body))
    return [Part(paragraphs, "pdf", title=info.pop("title", ""), metadata={"pages": len(pages), **info})]


def _read_layout(data: bytes) -> tuple[list[list[_Line]], dict[str, Any]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are not one line about the file
    if b"%PDF-" not in data[:1024]:
        raise Unreadable("not a PDF (no %PDF header)")
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        aggregator = PDFPageAggregator(PDFResourceManager(), laparams=LAParams())
        interpreter = PDFPageInterpreter(aggregator.rsrcmgr, aggregator)
        pages = []
        for number, page in enumerate(PDFPage.create_pages(document), 1):
            interpreter.process_page(page)
            pages.append(_page_lines(number, aggregator.get_result()))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise Unreadable("encrypted PDF; decrypt it first (for example `qpdf --decrypt`)") from exc
    except PSException as exc:
        raise Unreadable(f"not a readable PDF ({_one_line(exc)})") from exc
    if not pages:
        raise Unreadable("not a readable PDF (no pages)")
    return pages, _info(document)


def _page_lines(number: int, layout: Any) -> list[_Line]:
    from pdfminer.layout import LTTextContainer, LTTextLine

    lines: list[_Line] = []
    for box in layout:  # text boxes come in pdfminer's reading order (columns included)
        if isinstance(box, LTTextContainer):
            for item in box:
                text = _clean(item.get_text()) if isinstance(item, LTTextLine) else ""
                if text:
                    lines.append(
                        _Line(
                            number,
                            len(lines) + 1,
                            item.x0,
                            item.y0,
                            item.x1,
                            item.y1,
                            round(item.height),
                            text,
                            _first_word_width(item),
                        )
                    )
    # A line's column ends where the lines beside and above or below it end.
    return [_with_right(line, lines) for line in lines]


def _with_right(line: _Line, lines: list[_Line]) -> _Line:
    right = max(o.x1 for o in lines if o.x0 < line.x1 and line.x0 < o.x1 and o.size == line.size)
    return _Line(line.page, line.index, line.x0, line.y0, line.x1, line.y1, line.size, line.text, line.word, right)


def _first_word_width(line: Any) -> float:
    end = line.x0
    for char in line:
        text = char.get_text()
        if not hasattr(char, "x1") or text.isspace():  # LTAnno: a space pdfminer inferred from a gap
            if end > line.x0:
                break
            continue
        end = char.x1
    return end - line.x0


def _clean(text: str) -> str:
    text = _CID.sub("", text).translate(_LIGATURES)
    text = " ".join(_CONTROLS.sub(" ", text).split())
    # A soft hyphen only matters at the end of a line, where it marks a broken word.
    return text[:-1].replace("\u00ad", "") + text[-1:] if text else ""


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


# -- running headers and footers -------------------------------------------------------------
def _running_furniture(pages: list[list[_Line]]) -> set[tuple[int, int]]:
    """``(page, index)`` of the headers, footers and page numbers to leave out."""
    edges = [_edge_lines(page) for page in pages]
    seen = Counter(shape for lines in edges for shape in {_shape(line.text) for line in lines})
    repeated = max(2, math.ceil(len(pages) / 2))
    return {
        (line.page, line.index)
        for lines in edges
        for line in lines
        if seen[_shape(line.text)] >= repeated or _PAGE_NUMBER.match(line.text)
    }


def _edge_lines(page: list[_Line]) -> list[_Line]:
    by_height = sorted(page, key=lambda line: -line.y1)
    return by_height[:_EDGE_LINES] + by_height[_EDGE_LINES:][-_EDGE_LINES:]


def _shape(text: str) -> str:
    # "Page 3 of 40" and "Page 4 of 40" are one running footer.
    return re.sub(r"\d+", "#", text.casefold())


# -- paragraphs ---------------------------------------------------------------------------------
def _paragraphs(pages: list[list[_Line]]) -> Iterator[tuple[str, int, int | None]]:
    pitch = _pitches(pages)
    current: list[_Line] = []
    for line in (line for page in pages for line in page):
        if current and _starts_paragraph(current[-1], line, pitch):
            yield join_lines([ln.text for ln in current]), current[0].index, current[0].page
            current = []
        current.append(line)
    if current:
        yield join_lines([ln.text for ln in current]), current[0].index, current[0].page


def _pitches(pages: list[list[_Line]]) -> dict[float, float]:
    """The usual distance between the baselines of two lines of one paragraph, per font size."""
    gaps = defaultdict(list)
    for page in pages:
        for a, b in zip(page, page[1:], strict=False):
            if a.size == b.size and 0 < a.y0 - b.y0 < 3 * a.size:
                gaps[a.size].append(a.y0 - b.y0)
    return {size: min(median(found), 1.6 * size) for size, found in gaps.items()}


def _starts_paragraph(prev: _Line, line: _Line, pitch: dict[float, float]) -> bool:
    if abs(line.size - prev.size) > 1:
        return True  # a heading, a footnote, a caption
    if line.page != prev.page:
        # The gap is not to be seen across a page break: a paragraph goes on if the last
        # line ran to the margin (far more often mid-paragraph than a paragraph's last line).
        return _ended_early(prev, line) or _indented(prev, line)
    gap = prev.y0 - line.y0
    if gap <= 0 or gap > _PARAGRAPH_GAP * pitch.get(line.size, 1.2 * line.size):
        return True  # a blank line, or a new column or text box
    return _ended_early(prev, line) or _indented(prev, line)


def _ended_early(prev: _Line, line: _Line) -> bool:
    """True if the first word of ``line`` would have fitted at the end of ``prev``."""
    if prev.text.endswith(("-", "\u00ad")):
        return False
    return prev.right - prev.x1 > line.word + 0.6 * line.size  # the word and a generous space


def _indented(prev: _Line, line: _Line) -> bool:
    # A first line set in from the one above; not the wrapped text of a list item,
    # which hangs under the item's first word.
    return line.x0 > prev.x0 + 0.8 * line.size and not _LIST_MARKER.match(prev.text)
