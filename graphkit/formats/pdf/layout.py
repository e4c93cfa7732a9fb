"""Pages to rows and segments: where every piece of text sits (issue 13).

pdfminer.six (MIT) gives every glyph with its box; no layout analysis is asked of it
(ours is cheaper and knows what a court filing looks like). Glyphs are grouped here into

- **rows**: glyphs whose boxes overlap vertically by half the smaller height, so a
  raised footnote mark stays on the row it belongs to;
- **segments**: the runs of a row separated by a wide gap (a margin line number and its
  text, two columns, table cells). A segment is what later stages call a line.

A raised, smaller run of digits or ``*†‡`` inside a row is a footnote reference mark: it
is taken out of the text and kept in ``marks``. Text that is not set horizontally
(the vertical court name down a margin) is counted in ``Page.rotated`` and left out.
Segments come top to bottom, left to right, and never across a gutter between columns
(:mod:`.columns`, which also gives the order to read them in).
"""

from __future__ import annotations

import io
import logging
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from ...text import CONTROL_CHARS
from .. import Unreadable, _one_line
from .annotations import Annotation, read_annotations
from .columns import find_gutters

__all__ = ["Glyph", "Segment", "Page", "read_pages", "resegment"]

_SPACE = 0.12  # a gap this many font sizes wide between glyphs is a space
_SEGMENT_GAP = 1.3  # a gap this many font sizes wide splits a row into segments
_MARK = re.compile(r"^(?:\d{1,3}|[*†‡§]{1,3})$")
_CID = re.compile(r"\(cid:(\d+)\)")  # glyphs of a font without a Unicode map
# A TrueType font without a Unicode map, its glyphs in the standard Macintosh order, numbers
# the printable ASCII characters 3.. (space) to 97 (~): what pdftotext shows as "7RWDO" for "Total".
_MAC_ORDER = range(3, 98)
_MAC_SHIFT = 29
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


@dataclass(slots=True)
class Glyph:
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    text: str


@dataclass(slots=True)
class Segment:
    """A run of text on one row of a page, apart from the rest of the row."""

    page: int
    row: int  # rows are numbered from the top of the page, 0..
    x0: float
    y0: float
    x1: float
    y1: float
    size: float  # the usual glyph height
    text: str
    word: float  # width of the first word
    marks: list[str] = field(default_factory=list)  # footnote reference marks taken out of the text
    lead: str = ""  # a raised mark (digit or *) at the very start: a footnote's own number
    right: float = 0.0  # right edge of the column the segment sits in (set by paragraphs)
    full: bool = False  # runs across its column to the right edge: wrapped running text


@dataclass
class Page:
    number: int
    width: float
    height: float
    segments: list[Segment]
    rules: list[tuple[float, float, float]]  # horizontal strokes: (x0, x1, y)
    rotated: str = ""  # text set sideways, left out
    glyphs: list[Glyph] = field(default_factory=list, repr=False)
    gutters: list[float] = field(default_factory=list)  # x of the white between columns
    unmapped: int = 0  # glyphs of a font without a Unicode map that could not be read, left out
    annotations: list[Annotation] = field(default_factory=list)  # notes and stamps put on top


def resegment(page: Page, drop: Callable[[Glyph], bool]) -> Page:
    """``page`` with its rows and segments rebuilt without the glyphs ``drop`` picks."""
    page.glyphs = [g for g in page.glyphs if not drop(g)]
    page.gutters = find_gutters(page.glyphs, page.width)
    page.segments = _segments_of(page.number, page.glyphs, page.gutters)
    return page


def _segments_of(number: int, glyphs: list[Glyph], gutters: list[float]) -> list[Segment]:
    return [s for i, row in enumerate(_rows(glyphs, gutters)) for s in _segments(number, i, row, gutters)]


def read_pages(data: bytes) -> tuple[list[Page], Any]:
    """Every page of the PDF in ``data`` as rows of segments, and pdfminer's document (for its info)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSException

    from .limits import interpreter, open_document, pages_of

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are not one line about the file
    if b"%PDF-" not in data[:1024]:
        raise Unreadable("not a PDF (no %PDF header)")
    try:
        document = open_document(PDFParser(io.BytesIO(data)))  # pdfminer under the reader's caps (issue 11)
        aggregator = PDFPageAggregator(PDFResourceManager(), laparams=None)
        drawer = interpreter(aggregator.rsrcmgr, aggregator)
        pages = []
        drawn = _drawing(drawer, aggregator)
        for number, page in enumerate(pages_of(document), 1):
            drawer.process_page(page)
            pages.append(_page(number, aggregator.get_result()))
            pages[-1].annotations = read_annotations(page, drawn) if page.annots else []
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise Unreadable("encrypted PDF; decrypt it first (for example `qpdf --decrypt`)") from exc
    except PSException as exc:
        raise Unreadable(f"not a readable PDF ({_one_line(exc)})") from exc
    if not pages:
        raise Unreadable("not a readable PDF (no pages)")
    return pages, document


def _drawing(interpreter: Any, aggregator: Any) -> Callable[[Any, Any], str]:
    """A reader of the text drawn by a form (an annotation's appearance), as if it were a page."""
    from types import SimpleNamespace

    from pdfminer.pdftypes import resolve1

    def drawn(stream: Any, resources: Any) -> str:
        box = [float(v) for v in resolve1(stream.get("BBox")) or (0, 0, 0, 0)]
        interpreter.process_page(SimpleNamespace(pageid=0, mediabox=box, rotate=0, resources=resources,
                                                 contents=[stream]))  # fmt: skip
        return " ".join(s.text for s in _page(0, aggregator.get_result()).segments)

    return drawn


def _page(number: int, layout: Any) -> Page:
    glyphs: dict[str, list[Glyph]] = {"flat": [], "up": [], "down": [], "other": []}
    rules = []
    unmapped: dict[str, list[Any]] = {}
    for item in _walk(layout):
        kind = type(item).__name__
        if kind == "LTChar":
            if _CID.fullmatch(item.get_text()):
                unmapped.setdefault(getattr(item, "fontname", ""), []).append(item)
                continue
            # A font's Unicode map may say anything: control characters are noise to NER and forbidden in XML.
            text = CONTROL_CHARS.sub("", _CID.sub("", item.get_text())).translate(_LIGATURES)
            if text:
                glyphs[_orientation(item.matrix)].append(_glyph(item, text))
        elif kind in ("LTLine", "LTRect") and item.height < 2 and item.width > 20:
            rules.append((item.x0, item.x1, (item.y0 + item.y1) / 2))
    lost = 0
    for items in unmapped.values():
        decoded = _mac_order(items)
        lost += len(items) - len(decoded)
        for item, text in decoded:
            glyphs[_orientation(item.matrix)].append(_glyph(item, text))
    x0, y0, x1, y1 = layout.bbox
    width, height = x1 - x0, y1 - y0
    # A page set sideways (a landscape table turned to fit) is read turned back; on an
    # upright page, sideways text is margin furniture (a court's name down the side).
    main = max(("flat", "up", "down"), key=lambda way: len(glyphs[way]))
    flat = glyphs["flat"]
    if main != "flat":
        flat = [_turned(g, main, width, height) for g in glyphs[main]]
        width, height, rules = height, width, []
    aside = "".join(g.text for way, found in glyphs.items() if way != main for g in found)
    page = Page(number, width, height, [], rules, aside, flat, unmapped=lost)
    return resegment(page, lambda g: False)


def _glyph(item: Any, text: str) -> Glyph:
    return Glyph(item.x0, item.y0, item.x1, item.y1, round(item.size, 1), text)


def _mac_order(items: list[Any]) -> list[tuple[Any, str]]:
    """The glyphs of one font without a Unicode map read in the standard Macintosh glyph
    order, if that gives text: nearly all of them in its ASCII range, and letters with the
    vowels of a written language; else none. A glyph not read is counted, never guessed."""
    cids = [int(_CID.fullmatch(item.get_text()).group(1)) for item in items]  # type: ignore[union-attr]
    text = "".join(chr(cid + _MAC_SHIFT) if cid in _MAC_ORDER else "\0" for cid in cids)
    letters = [ch for ch in text.casefold() if ch.isalpha()]
    vowels = sum(ch in "aeiouy" for ch in letters) / max(1, len(letters))
    if text.count("\0") > 0.05 * len(text) or len(letters) < 8 or not 0.25 <= vowels <= 0.55:
        return []
    return [(item, ch) for item, ch in zip(items, text) if ch != "\0"]


def _orientation(matrix: tuple[float, ...]) -> str:
    a, b, c, d = matrix[:4]
    if abs(b) + abs(c) <= 0.1 * (abs(a) + abs(d)):
        return "flat" if a > 0 and d > 0 else "other"
    if abs(a) + abs(d) <= 0.1 * (abs(b) + abs(c)):
        return "up" if b > 0 and c < 0 else "down" if b < 0 and c > 0 else "other"
    return "other"


def _turned(g: Glyph, way: str, width: float, height: float) -> Glyph:
    """A glyph of text running up (or down) the page, placed as if the page were turned upright."""
    if way == "up":  # read bottom to top; the glyph's top points left
        x0, x1, y0, y1 = g.y0, g.y1, width - g.x1, width - g.x0
    else:  # read top to bottom; the glyph's top points right
        x0, x1, y0, y1 = height - g.y1, height - g.y0, g.x0, g.x1
    return Glyph(x0, y0, x1, y1, round(y1 - y0, 1), g.text)


def _walk(layout: Iterable[Any]) -> Iterator[Any]:
    for item in layout:
        if type(item).__name__ == "LTFigure":  # a form XObject: text drawn inside it still counts
            yield from _walk(item)
        else:
            yield item


# -- rows -------------------------------------------------------------------------------------
def _rows(glyphs: list[Glyph], gutters: list[float]) -> list[list[Glyph]]:
    """Glyphs grouped into rows, top of the page first, each row sorted left to right.

    Within a row each column keeps its own height: a footnote's small lines in one column
    are not swallowed by the taller line beside them in the next (two lines in one row
    would interleave their letters)."""
    rows: list[list[Glyph]] = []
    spans: list[dict[int, list[float]]] = []  # per row: column -> [bottom, top]; -1: the whole row
    for g in sorted(glyphs, key=lambda g: -g.y1):
        if g.text.isspace() and g.text != "\xa0":
            continue  # spaces are found from the gaps; their boxes are unreliable (a no-break space binds)
        c = _column(g, gutters)
        for i in range(len(rows) - 1, max(-1, len(rows) - 6), -1):
            bottom, top = spans[i].get(c, spans[i][-1])
            if min(top, g.y1) - max(bottom, g.y0) >= 0.5 * min(top - bottom, g.y1 - g.y0):
                rows[i].append(g)
                for key in (-1, c):
                    bottom, top = spans[i].get(key, (g.y0, g.y1))
                    if g.size >= 0.8 * (top - bottom) or key not in spans[i]:
                        spans[i][key] = [min(bottom, g.y0), max(top, g.y1)]
                break
        else:
            rows.append([g])
            spans.append({-1: [g.y0, g.y1], c: [g.y0, g.y1]})
    return [sorted(row, key=lambda g: g.x0) for row in rows]


def _column(g: Glyph, gutters: list[float]) -> int:
    return sum((g.x0 + g.x1) / 2 > x for x in gutters) if gutters else 0


def _drop_underlines(row: list[Glyph]) -> list[Glyph]:
    """Without the ``_`` glyphs drawn under letters to underline them (``a__lo__n_g``)."""
    letters = [g for g in row if g.text != "_"]
    if len(letters) == len(row) or not letters:
        return row
    row = _without_drawn_rules(row)
    starts = [g.x0 for g in letters]
    out = []
    for g in row:
        if g.text == "_":
            i = bisect_left(starts, g.x1)
            if any(
                letters[j].x1 > g.x0 + 0.5 and letters[j].x0 < g.x1 - 0.5 for j in (i - 1, i) if 0 <= j < len(letters)
            ):
                continue
        out.append(g)
    return out


def _without_drawn_rules(row: list[Glyph]) -> list[Glyph]:
    """Without a rule drawn as a chain of touching ``_`` glyphs across the row (a footer's
    rule typed over the last line of text: ``insuf_ficiently``)."""
    chains: list[list[Glyph]] = []
    for g in row:  # sorted left to right
        if g.text != "_":
            continue
        if chains and g.x0 - chains[-1][-1].x1 < 0.5:
            chains[-1].append(g)
        else:
            chains.append([g])
    # A blank to fill in ("Name: ________") runs between words; a rule typed over text runs under them.
    letters = [(g.x0 + g.x1) / 2 for g in row if g.text != "_"]
    over = [c for c in chains if len(c) >= 5 and any(c[0].x0 < x < c[-1].x1 for x in letters)]
    drawn = {id(g) for chain in over for g in chain}
    return [g for g in row if id(g) not in drawn] if drawn else row


def _segments(page: int, index: int, row: list[Glyph], gutters: list[float]) -> Iterator[Segment]:
    row = _drop_underlines(row)
    sizes, bases = _column_sizes(row, gutters)
    raised = [
        g.size <= 0.8 * sizes[c] and g.y0 >= bases[c] + 0.2 * sizes[c] for g in row for c in (_column(g, gutters),)
    ]
    run: list[tuple[Glyph, bool]] = []
    for g, up in zip(row, raised):
        size = sizes[_column(run[0][0], gutters)] if run else 0.0
        if run and (
            g.x0 - run[-1][0].x1 > _SEGMENT_GAP * size
            or (g.x0 - run[-1][0].x1 > 0.6 * size and any(run[-1][0].x1 <= x <= g.x0 for x in gutters))
        ):
            yield _segment(page, index, run, sizes[_column(run[0][0], gutters)])
            run = []
        if run and g.text == run[-1][0].text and abs(g.x0 - run[-1][0].x0) < 0.3 * (g.x1 - g.x0 + 0.1):
            continue  # the same glyph drawn twice, a little apart: fake bold
        run.append((g, up))
    if run:
        yield _segment(page, index, run, sizes[_column(run[0][0], gutters)])


def _column_sizes(row: list[Glyph], gutters: list[float]) -> tuple[dict[int, float], dict[int, float]]:
    """The usual glyph size and baseline of the row in each column (a footnote's small line
    beside a body line is not raised text)."""
    by_column: dict[int, list[Glyph]] = {}
    for g in row:
        by_column.setdefault(_column(g, gutters), []).append(g)
    sizes = {c: Counter(g.size for g in found).most_common(1)[0][0] for c, found in by_column.items()}
    bases = {c: median(g.y0 for g in found if g.size == sizes[c]) for c, found in by_column.items()}
    return sizes, bases


def _segment(page: int, row: int, run: list[tuple[Glyph, bool]], size: float) -> Segment:
    words: list[list[str]] = [[]]
    marks: list[str] = []
    lead, mark, prev, kept = "", "", None, None
    for g, up in run:
        # A raised run is placed before the gap after it is looked at: a raised ordinal
        # ("19ᵗʰ Floor") ends its word, it does not begin the next one.
        if mark and not up:
            lead, marks = _place_mark(mark, words, lead, marks)
            kept = kept if _MARK.match(mark) else prev  # kept as text, its end is the word's end
            mark = ""
        # A gap after the last glyph, or after the last glyph of the text when a raised mark
        # stands between ("alert,⁵ and"), is a space.
        if (
            prev is not None
            and words[-1]
            and (
                g.x0 - prev.x1 > _SPACE * size
                or (not up and kept is not None and prev is not kept and g.x0 - kept.x1 > _SPACE * size)
            )
        ):
            words.append([])
        if up:
            mark += g.text
        else:
            words[-1].append(g.text)
            kept = g
        prev = g
    if mark:
        lead, marks = _place_mark(mark, words, lead, marks)
    text = " ".join("".join(w) for w in words if w).replace("\xa0", " ")
    first = [g for g, _ in run if not _] or [g for g, _ in run]
    return Segment(
        page,
        row,
        run[0][0].x0,
        min(g.y0 for g, _ in run),
        run[-1][0].x1,
        max(g.y1 for g, _ in run),
        size,
        text,
        _first_word_width(first, size),
        marks,
        lead,
    )


def _place_mark(mark: str, words: list[list[str]], lead: str, marks: list[str]) -> tuple[str, list[str]]:
    """A raised run: a footnote's own number at the start, a reference mark elsewhere, else text."""
    if not _MARK.match(mark):
        words[-1].append(mark)  # a raised 'th' or 'st' of an ordinal, an exponent: keep it
    elif not any(words):
        lead = mark
    else:
        marks.append(mark)
    return lead, marks


def _first_word_width(glyphs: list[Glyph], size: float) -> float:
    end = glyphs[0].x1
    for a, b in zip(glyphs, glyphs[1:]):
        if b.x0 - a.x1 > _SPACE * size:
            break
        end = b.x1
    return end - glyphs[0].x0
