"""Transcripts (depositions, hearings, arguments): one paragraph per speaker turn (issue 13).

A document is a transcript when most of its pages carry margin line numbers and many of
its lines open a turn: ``Q.``, ``A.``, ``MR. SMITH:``, ``THE WITNESS:``, ``JUSTICE
SCALIA:``. A turn runs over lines and pages until the next one opens; a line in
parentheses (``(Recess taken.)``) or in capitals alone (``CERTIFICATE OF REPORTER``)
stands on its own. Each turn is located by the transcript's own page number (when the
pages print one) and the margin number of its first line: ``p. 37:12``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .furniture import Furniture
from .layout import Segment

__all__ = ["is_transcript", "turn_breaks", "turn_kind", "transcript_locator", "SPEAKER"]

_TITLES = (
    r"MR|MS|MRS|MISS|DR|THE|JUDGE|JUSTICE|CHIEF\s+JUSTICE|BY|SENATOR|REPRESENTATIVE|CHAIRMAN|CHAIRWOMAN|"
    r"CHAIR|COMMISSIONER|SECRETARY|GENERAL|ATTORNEY|JUROR|PROSPECTIVE\s+JUROR|VIDEOGRAPHER|INTERPRETER|REPORTER"
)
SPEAKER = re.compile(
    rf"^(?:[QA]\.?(?=\s|$)|(?:{_TITLES})\.?(?:\s+[A-Z][A-Za-z.'’-]*){{1,4}}\s*:(?=\s|$)|(?!BY\b)[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){{0,3}}\s*:(?=\s+\S))"
)
_STANDALONE = re.compile(r"^\(.*\)\.?$|^[^a-z]*[A-Z]{3}[^a-z]*$")


def is_transcript(lines: list[Segment], furniture: Furniture, pages: int) -> bool:
    numbered = len(furniture.line_numbers)
    turns = sum(bool(SPEAKER.match(line.text)) for line in lines)
    return numbered >= max(1, 0.5 * pages) and turns >= max(3, 0.04 * len(lines))


def turn_breaks(prose: Callable[[Segment, Segment], bool]) -> Callable[[Segment, Segment], bool]:
    """Paragraph breaks of a transcript: at every turn; before the first one, as in prose."""
    seen = [False]

    def starts(prev: Segment, line: Segment) -> bool:
        if SPEAKER.match(line.text):
            seen[0] = True
            return True
        if not seen[0]:
            return prose(prev, line)
        return bool(_STANDALONE.match(line.text) or (_STANDALONE.match(prev.text) and not SPEAKER.match(prev.text)))

    return starts


def turn_kind(line: Segment) -> str | None:
    """A speaker turn is testimony, body text however short ("A. No.")."""
    return "body" if SPEAKER.match(line.text) else None


def transcript_locator(furniture: Furniture) -> Callable[[Segment], tuple[int, int]]:
    """``(page, line)`` of a line: the printed page number and the margin line number."""

    def locate(line: Segment) -> tuple[int, int]:
        page = furniture.page_labels.get(line.page, line.page)
        middle = (line.y0 + line.y1) / 2
        numbers = furniture.line_numbers.get(line.page, [])
        near = [(abs(y - middle), n) for y, n in numbers if abs(y - middle) <= 0.8 * line.size]
        return page, min(near)[1] if near else line.row + 1

    return locate
