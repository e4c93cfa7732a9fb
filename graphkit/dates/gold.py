"""Paragraph dates against a hand-made gold set (issue 17; format: tests/gold/dates.json).

The gold lists, for paragraphs that write at least one full date (day, month and year),
every such date in order and the first of them; for paragraphs that write only partial
or relative dates, an empty list. A paragraph's date is right when graphkit's date for
it, from the text alone, is that first full date to the day.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .paragraphs import paragraph_date
from .parse import StatedDate, day_first, find_dates

__all__ = ["load_date_gold", "score_dates"]


def load_date_gold(path: Path) -> list[dict[str, Any]]:
    import json

    return json.loads(path.read_text(encoding="utf-8"))["items"]


def score_dates(items: Sequence[dict[str, Any]], spans: Sequence[Sequence[tuple[int, int]]]) -> dict[str, Any]:
    """Score the date of each gold paragraph; ``spans[i]`` are the model's DATE spans of ``items[i]["text"]``.

    ``right``/``full``: paragraphs whose date is their first full date; ``all_right``: those
    whose full dates are all found, in order; ``in_spans``: right from the dates inside
    the model's DATE spans alone, without the text scan; ``invented``: partial-only paragraphs given a full date.
    """
    out: dict[str, Any] = {"full": 0, "right": 0, "all_right": 0, "in_spans": 0, "partial": 0, "invented": 0}
    out["misses"] = []
    orders = _orders(items)
    for item, found in zip(items, spans):
        stated = find_dates(item["text"], found, day_first=orders[item["file"]])
        days = [d.date.iso for d in stated if d.date and d.date.precision == "day"]
        if not item["dates"]:
            out["partial"] += 1
            out["invented"] += bool(days)
            continue
        own = paragraph_date(stated).own
        out["full"] += 1
        out["right"] += own is not None and own.iso == item["first"]
        out["all_right"] += days == item["dates"]
        out["in_spans"] += _first_day(_inside(stated, found)) == item["first"]
        if own is None or own.iso != item["first"]:
            out["misses"].append(
                {"file": item["file"], "line": item["line"], "want": item["first"], "got": own and own.iso}
            )
    out["share"] = out["right"] / out["full"] if out["full"] else 0.0
    return out


def _orders(items: Sequence[dict[str, Any]]) -> dict[str, bool | None]:
    """Each file's numeric date order, from its paragraphs in the gold (at ingest: from all of them)."""
    files = {item["file"] for item in items}
    return {f: day_first(item["text"] for item in items if item["file"] == f) for f in files}


def _inside(stated: Sequence[StatedDate], spans: Sequence[tuple[int, int]]) -> list[StatedDate]:
    return [d for d in stated if any(s <= d.start and d.end <= e for s, e in spans)]


def _first_day(stated: Sequence[StatedDate]) -> str | None:
    return next((d.date.iso for d in stated if d.date and d.date.precision == "day"), None)
