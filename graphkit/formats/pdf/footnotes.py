"""Footnotes at the foot of a page: taken out of the text flow, kept as paragraphs (issue 13).

A page's footnote area is the rows below a short rule, or a run of rows at the bottom set
smaller than the body text, whose first row opens with a footnote number (raised, or the
next number of the document's count). Each numbered row there starts a footnote; an
area that opens without a number goes on with the last footnote of the page before.
Reference marks are taken out of the body text: raised ones by the layout, and numbers
stuck to a word (``alert,5``, ``benefits15``, as an OCR layer or a same-size mark gives
them) when they are the numbers of the page's footnotes.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass, field

from .layout import Page, Segment

__all__ = ["Footnote", "split_footnotes", "strip_reference_marks"]

_NUMBERED = re.compile(r"^(\d{1,3})[.)]?\s+(?=\S)")
_STUCK = re.compile(r"(?<=[^\W\d_][.,;:!?”\"’')\]]|[^\W\d_]{2})(\d{1,3}(?:,\s?\d{1,3})*)(?=[\s.,;:)]|$)")


@dataclass
class Footnote:
    number: str  # "" for the rest of a footnote carried over from the page before
    page: int
    segments: list[Segment] = field(default_factory=list)


def split_footnotes(page: Page, body_size: float, expected: int) -> tuple[list[Segment], list[Footnote]]:
    """``(body segments, footnotes)`` of one page; ``expected`` is the next footnote number."""
    area = _area(page, body_size, expected)
    if not area:
        return page.segments, []
    start = page.segments.index(area[0])
    marks = {m for s in page.segments[:start] for m in s.marks}
    notes: list[Footnote] = []
    for s in area:
        number = _number(s, expected, loose=True, marks=marks)
        if number:
            s.text = _NUMBERED.sub("", s.text, count=1) if not s.lead else s.text
            notes.append(Footnote(number, page.number))
            expected = int(number) + 1 if number.isdigit() else expected
        elif not notes:
            notes.append(Footnote("", page.number))
        notes[-1].segments.append(s)
    return page.segments[:start], notes


def _area(page: Page, body_size: float, expected: int) -> list[Segment]:
    """The segments of the footnote area, top first, or ``[]``."""
    segments = page.segments
    rule = _short_rule(page)
    if rule is not None:
        below = [s for s in segments if s.y1 <= rule + 2]
        if below and all(s.y1 <= rule + 2 for s in segments[segments.index(below[0]) :]):
            if _number(below[0], expected, loose=True) or below[0].size < body_size - 0.5:
                return below
    small: list[Segment] = []
    for s in reversed(segments):
        if s.size >= body_size - 0.5:
            break
        small.insert(0, s)
    while small and not _number(small[0], expected):
        small.pop(0)
    return small if small and len(small) < len(segments) else []


def _short_rule(page: Page) -> float | None:
    """Height of the rule that opens a footnote area: short, in the lower half, text below it."""
    found = [y for x0, x1, y in page.rules if x1 - x0 < 0.45 * page.width and y < 0.6 * page.height]
    return max(found) if found else None


def _number(segment: Segment, expected: int, *, loose: bool = False, marks: Set[str] = frozenset()) -> str:
    """The footnote number ``segment`` opens with: a raised mark, or a number close to the
    one expected. ``loose`` (inside a footnote area): a number the page's text marks, or
    when it marks none (an OCR layer), any of the next ten; not "42 U.S.C." going on."""
    if segment.lead:
        return segment.lead
    match = _NUMBERED.match(segment.text)
    if not match:
        return ""
    n = int(match.group(1))
    if abs(n - expected) <= 2 or (loose and (match.group(1) in marks if marks else expected <= n <= expected + 10)):
        return match.group(1)
    return ""


def strip_reference_marks(segment: Segment, numbers: set[str]) -> None:
    """Take numbers of the page's footnotes stuck to a word out of ``segment``'s text.

    >>> s = Segment(1, 0, 0, 0, 1, 1, 10, "the alert,5 and benefits15 of 2015", 1)
    >>> strip_reference_marks(s, {"5", "15"}); s.text, s.marks
    ('the alert, and benefits of 2015', ['5', '15'])
    """
    if not numbers:
        return

    def drop(match: re.Match[str]) -> str:
        found = [n.strip() for n in match.group(1).split(",")]
        if all(n in numbers for n in found):
            segment.marks.extend(found)
            return ""
        return match.group(0)

    segment.text = _STUCK.sub(drop, segment.text)
