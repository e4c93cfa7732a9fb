"""Lines to paragraphs: hard-wrapped text joined, short lines and lists kept apart (issue 10).

Text files come one paragraph per line, or hard-wrapped: a line break every 60-80
characters, sometimes with a blank line after every wrapped line. A line is joined to
the next only on local evidence that the writer did not end it:

- it is *full*: the next line's first word would not have fitted on it, given the
  width the document is wrapped at; or
- it is long, ends without a sentence mark and the next line starts in lowercase.

So a list of names one per line stays one paragraph per line, and so do headings,
list items, table rows and bare page numbers. A document whose lines are not wrapped
at one width (a paragraph per line, as most exports are) is never joined at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

__all__ = ["wrap_width", "line_groups"]

MIN_WIDTH, MAX_WIDTH = 40, 120  # widths text is hard-wrapped at; a line of 300 characters was not wrapped
_CUT_SHARE = 0.3  # of the lines of 40+ characters broken mid-sentence near the width: the text is wrapped
_DOUBLE_SHARE = 0.7  # of the filled lines followed by one blank line: a blank line is a line break

_ITEM = re.compile(r"^(?:[-*•·▪◦‣–—>]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)])(?:\s|$)")
_NUMBER = re.compile(r"^[-–—(\[]?\s*(?:page\s+)?\d{1,4}\s*[-–—)\]]?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_COLUMNS = re.compile(r"\S(?: {3,}|\t)\S")  # a table row: cells apart by runs of spaces or tabs


def wrap_width(lines: Sequence[str]) -> int | None:
    """The width ``lines`` are hard-wrapped at, or None when they are not hard-wrapped.

    >>> wrap_width(["The quick brown fox jumps over the lazy dog and"] * 6 + ["runs."])
    47
    >>> wrap_width(["Ken Rice", "Jeff Skilling", "Kenneth Lay", "Andy Fastow"]) is None
    True
    """
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    middling = sorted(n for n in lengths if MIN_WIDTH <= n <= MAX_WIDTH)
    if len(middling) < 2:
        return None
    width = middling[round(0.9 * (len(middling) - 1))]
    # Wrapped text breaks lines mid-sentence near its width; a paragraph or a sentence
    # per line (most exports, most speeches) ends its lines with a sentence mark.
    cut = sum(
        1
        for line in lines
        if 0.75 * width <= len(line.rstrip()) <= 1.2 * width and not _SENTENCE_END.search(line.rstrip())
    )
    return width if cut >= max(2, _CUT_SHARE * sum(1 for n in lengths if n >= MIN_WIDTH)) else None


def line_groups(lines: Sequence[str]) -> Iterator[tuple[int, list[str]]]:
    """``(first line number, lines)`` for each paragraph of ``lines``, numbers 1-based.

    Lines of one group are stripped and meant to be joined with spaces; a lone line is
    passed as it is (a 50 MB line is not copied here).

    >>> text = ["Alice met Bob in Paris to talk about the contract and then they", "went to Berlin.", "", "Ken Rice"]
    >>> [(n, " ".join(g)) for n, g in line_groups(text * 3)][:2]
    [(1, 'Alice met Bob in Paris to talk about the contract and then they went to Berlin.'), (4, 'Ken Rice')]
    """
    width = wrap_width(lines)
    if width is None:
        yield from ((i, [line]) for i, line in enumerate(lines, 1) if line.strip())
        return
    double = _double_spaced(lines)
    start, blanks, last = 0, 0, ""
    group: list[str] = []
    for i, raw in enumerate(lines, 1):
        line = raw.rstrip()
        if not line.strip():
            blanks += 1
            continue
        if group and _continues(last, line.strip(), width, blanks, double):
            group.append(line.strip())
        else:
            if group:
                yield start, group
            start, group = i, [line.strip()]
        blanks, last = 0, line
    if group:
        yield start, group


def _double_spaced(lines: Sequence[str]) -> bool:
    """True when most lines are followed by one blank line: a blank line there is only a line break."""
    filled = [i for i, line in enumerate(lines[:-2]) if line.strip()]
    single = sum(1 for i in filled if not lines[i + 1].strip() and lines[i + 2].strip())
    return len(filled) >= 4 and single >= _DOUBLE_SHARE * len(filled)


def _continues(previous: str, line: str, width: int, blanks: int, double: bool) -> bool:
    """Whether ``line`` continues the paragraph whose last line is ``previous``."""
    if blanks > 1 or _ITEM.match(line) or _NUMBER.match(line) or _NUMBER.match(previous.strip()):
        return False
    if _COLUMNS.search(line) or _COLUMNS.search(previous) or len(line) > 1.2 * width:
        return False
    full = _is_full(previous, line, width)
    unfinished = len(previous) >= width // 2 and not _SENTENCE_END.search(previous) and line[:1].islower()
    if blanks == 1 and not double:
        return full and unfinished  # a blank line inside a sentence: a page break of the original
    return full or unfinished


def _is_full(previous: str, line: str, width: int) -> bool:
    """True when the first word of ``line`` would not have fitted at the end of ``previous``."""
    first = line.split(maxsplit=1)[0]
    return 0.6 * width <= len(previous) <= 1.2 * width and len(previous) + 1 + len(first) > width
