"""Columns: where a page is cut into columns of text, and the order to read them in (issue 13).

A gutter is a vertical strip that (almost) no glyph covers, between two runs of the page
where many do, each run at least a sixth of the page wide: the white between the columns
of a Federal Register page or a two-column report. Margin line numbers and bullets are
too narrow to make a column. Gutters split rows into segments even where the gap is
narrow, and the columns are read one after the other; a row with a word across a gutter
(a title over all the columns) closes a band of columns, and the next band starts below.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

__all__ = ["find_gutters", "reading_order", "column_of"]

_BIN = 2.0  # points per bin of the coverage profile
_EMPTY = 0.12  # a gutter bin: covered by at most this share of the busiest bin's glyphs (a title across)
_FULL = 0.25  # a column bin: covered by at least this share
_MIN_GUTTER = 4.0  # points


class _Box(Protocol):
    x0: float
    x1: float


class _Placed(_Box, Protocol):
    row: int


def find_gutters(glyphs: Sequence[_Box], width: float) -> list[float]:
    """The middle of every gutter on a page ``width`` points wide, left to right."""
    if len(glyphs) < 200 or width <= 0:
        return []
    profile = _profile(glyphs, width)
    peak = max(profile)
    runs = _runs([c >= _FULL * peak for c in profile])
    columns = [(a, b) for a, b in runs if (b - a) * _BIN >= width / 6]
    gutters = []
    for (_, left_end), (right_start, _) in zip(columns, columns[1:]):
        gap = profile[left_end:right_start]
        empty = _runs([c <= _EMPTY * peak for c in gap])
        wide = [(a, b) for a, b in empty if (b - a) * _BIN >= _MIN_GUTTER]
        if wide:
            a, b = max(wide, key=lambda run: run[1] - run[0])
            gutters.append((left_end + (a + b) / 2) * _BIN)
    return gutters


def _profile(glyphs: Sequence[_Box], width: float) -> list[int]:
    """How many glyphs cover each bin across the page."""
    n = int(width / _BIN) + 2
    delta = [0] * (n + 1)
    for g in glyphs:
        # Text drawn past the page's edge (a line run off the page) counts at the edge.
        a, b = min(n - 1, max(0, int(g.x0 / _BIN))), max(0, min(n - 1, int(g.x1 / _BIN)))
        delta[a] += 1
        delta[b + 1] -= 1
    out, running = [], 0
    for d in delta[:n]:
        running += d
        out.append(running)
    return out


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """``(start, end)`` of every run of True."""
    out, start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            out.append((start, i))
            start = None
    return out


def column_of(box: _Box, gutters: list[float]) -> int:
    middle = (box.x0 + box.x1) / 2
    return sum(middle > g for g in gutters)


def reading_order(segments: Sequence[_Placed], gutters: list[float]) -> list:
    """Top to bottom; inside a band of rows under the page's gutters, column by column."""
    rows: dict[int, list] = {}
    for s in segments:
        rows.setdefault(s.row, []).append(s)
    out: list = []
    band: list = []
    for i in sorted(rows):
        row = rows[i]
        if gutters and any(s.x0 < g < s.x1 for s in row for g in gutters):
            out.extend(sorted(band, key=lambda s: column_of(s, gutters)))  # stable: rows stay in order
            out.extend(row)
            band = []
        else:
            band.extend(row)
    return out + sorted(band, key=lambda s: column_of(s, gutters))
