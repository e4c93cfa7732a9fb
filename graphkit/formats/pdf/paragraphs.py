"""Lines to paragraphs, across line, column and page breaks and around footnotes (issue 13).

The reader hands over a flow: the lines of every page in reading order, a table where it
stands, and at each page's end the footnotes of that page. Lines join into a paragraph
until a wider vertical gap, a change of font size, an indented first line, or a line that
ended early (the next line's first word would have fitted on it). At a page or column
break the gap says nothing, so a paragraph goes on unless the last line ended early or
the next is indented. A page's footnotes come out after the paragraph that is open at the
page's end, so a sentence runs on over the notes at the foot of the page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from statistics import median

from .columns import column_of
from .footnotes import Footnote
from .hyphenation import Lexicon, join_lines
from .layout import Segment
from .tables import MARKER, Table

__all__ = ["Block", "PageEnd", "merge_rows", "build_paragraphs", "pitches"]

_PARAGRAPH_GAP = 1.25  # a gap this many times the usual line pitch separates paragraphs
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_LEADER = re.compile(r"(?:\.\s?){4,}\s*(?:[\divxlc]+(?:\s*[,–-]\s*\d+)*)?$")  # dots out to a page number


@dataclass
class Block:
    """One paragraph as the reader found it."""

    text: str
    page: int
    line: int
    kind: str | None = None


@dataclass
class PageEnd:
    page: int
    footnotes: list[Footnote]


Item = Segment | Table | PageEnd
Breaks = Callable[[Segment, Segment], bool]
Locate = Callable[[Segment], tuple[int, int]]
Kind = Callable[[Segment], str | None]


def merge_rows(segments: list[Segment]) -> list[Segment]:
    """Neighbouring segments of one row joined into one line (``B.`` and ``Background``)."""
    out: list[Segment] = []
    for s in segments:
        prev = out[-1] if out else None
        if prev is not None and prev.page == s.page and prev.row == s.row and s.x0 >= prev.x1:
            text = f"{prev.text} {s.text}" if prev.text else s.text
            out[-1] = Segment(s.page, s.row, prev.x0, min(prev.y0, s.y0), s.x1, max(prev.y1, s.y1), prev.size,
                              text, prev.word if prev.text else s.word, prev.marks + s.marks, prev.lead)  # fmt: skip
        else:
            out.append(s)
    return out


def set_column_edges(lines: list[Segment], gutters: list[float], reach: int = 3) -> None:
    """A line's column ends where the nearby lines above and below it end (a block quote,
    set in from both margins, has its own right edge)."""
    extent: dict[int, tuple[float, float]] = {}
    for s in lines:
        c = column_of(s, gutters)
        a, b = extent.get(c, (s.x0, s.x1))
        extent[c] = (min(a, s.x0), max(b, s.x1))
    for i, line in enumerate(lines):
        a, b = extent[column_of(line, gutters)]
        width = b - a
        near = [o for o in lines[max(0, i - reach) : i + reach + 1] if abs(o.size - line.size) < 1]
        block = [o.x1 for o in near if abs(o.x0 - line.x0) <= 2 and o is not line]  # same left edge
        beside = [o.x1 for o in near if o.x0 < line.x1 and line.x0 < o.x1]
        right, own = max(beside, default=line.x1), max(block + [line.x1])
        # Lines with the same left edge that run well across (a block quote) set their own edge.
        line.right = own if block and own - line.x0 >= 0.6 * (right - line.x0) else right
        line.full = line.right - line.x1 < 2 * line.size and line.x1 - line.x0 > 0.4 * width


def pitches(lines: Iterable[Segment]) -> dict[float, float]:
    """The usual distance between the baselines of two lines of one paragraph, per font size."""
    gaps = defaultdict(list)
    lines = list(lines)
    for a, b in zip(lines, lines[1:]):
        if a.page == b.page and a.size == b.size and 0 < a.y0 - b.y0 < 3 * a.size:
            gaps[a.size].append(a.y0 - b.y0)
    return {size: min(median(found), 2.2 * size) for size, found in gaps.items()}


def prose_breaks(pitch: dict[float, float]) -> Breaks:
    def starts(prev: Segment, line: Segment) -> bool:
        if _LEADER.search(prev.text):
            return True  # an entry of a table of contents
        if _LEADER.search(line.text):
            return False  # ... whose dots end the entry that ``prev`` began
        if _goes_on(prev, line):
            return False  # a sentence runs on into a block quote, past a blank line
        if abs(line.size - prev.size) > 1:
            return True  # a heading, a caption
        gap = prev.y0 - line.y0
        if line.page == prev.page and gap > _PARAGRAPH_GAP * pitch.get(line.size, 1.2 * line.size):
            return True  # a blank line, a new text box
        # Over a page or column break (gap <= 0) the gap says nothing: a paragraph goes on
        # if its last line ran to the margin (far more often mid-paragraph than its last line).
        return _ended_early(prev, line) or _indented(prev, line)

    return starts


def _goes_on(prev: Segment, line: Segment) -> bool:
    """True if ``prev`` stops mid-sentence and ``line`` goes on with it in lowercase."""
    first = line.text.split(" ", 1)[0]
    item = MARKER.match(first) and first.endswith(")")  # "(a)", "ii)": an item of a list; "v." goes on
    return first[:1].islower() and not item and not _SENTENCE_END.search(prev.text)


def _ended_early(prev: Segment, line: Segment) -> bool:
    """True if the first word of ``line`` would have fitted at the end of ``prev``."""
    if prev.text.endswith(("-", "\u00ad")):
        return False
    return prev.right - prev.x1 > line.word + 0.6 * line.size  # the word and a generous space


def _indented(prev: Segment, line: Segment) -> bool:
    # A first line set in from the one above; not the wrapped text of a list item,
    # which hangs under the item's first word.
    first = prev.text.split(" ", 1)[0]
    return line.x0 > prev.x0 + 0.8 * line.size and not MARKER.match(first)


def build_paragraphs(
    items: list[Item], lexicon: Lexicon, starts: Breaks, locate: Locate, kind: Kind = lambda line: None
) -> list[Block]:
    """The paragraphs of the flow ``items``.

    ``starts(prev, line)`` says where one begins, ``locate(line)`` gives the ``(page, line)``
    of a paragraph's first line and ``kind(line)`` the kind it hints (or None).
    """
    out: list[Block] = []
    current: list[Segment] = []
    pending: list[Footnote] = []

    def close() -> None:
        if current:
            page, line = locate(current[0])
            text = join_lines([s.text for s in current], lexicon)
            out.append(Block(text, page, line, kind(current[0]) or _running_text(current, text)))
            current.clear()
        _emit_footnotes(pending, out, lexicon)
        pending.clear()

    for item in items:
        if isinstance(item, PageEnd):
            pending.extend(item.footnotes)
        elif isinstance(item, Table):
            close()
            out.extend(Block(text, *locate(first), kind="body") for text, first in item.paragraphs())
        else:
            if current and starts(current[-1], item):
                close()
            current.append(item)
    close()
    return out


def _running_text(lines: list[Segment], text: str) -> str | None:
    """``"body"`` for a paragraph whose layout says it is running text (lines wrapped at the
    column's edge), ``"heading"`` for an entry of a table of contents (dots out to a page
    number). Headings, addresses and captions are left to the classifier."""
    if any(_LEADER.search(s.text) for s in lines):
        return "heading"  # an entry of a table of contents or of authorities
    if len(lines) < 2 or (len(text.split()) < 10 and len(text) < 80):  # 80 characters: unspaced scripts
        return None
    wrapped = sum(s.full for s in lines[:-1])
    return "body" if wrapped >= max(1, len(lines[:-1]) / 2) else None


def _emit_footnotes(notes: list[Footnote], out: list[Block], lexicon: Lexicon) -> None:
    for note in notes:
        text = join_lines([s.text for s in note.segments], lexicon)
        last = next((b for b in reversed(out) if b.kind == "footnote"), None)
        if not note.number and last is not None:
            last.text = join_lines([last.text, text], lexicon)  # the rest of a note from the page before
        else:
            first = note.segments[0]
            out.append(Block(f"{note.number} {text}".strip(), first.page, first.row + 1, kind="footnote"))
