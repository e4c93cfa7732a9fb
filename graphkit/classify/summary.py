"""How much text was set aside, by kind: nothing is left out in silence (issue 10).

Words are counted as whitespace-separated tokens, the way the paragraphs are stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..vocabulary import EVIDENCE_KINDS

__all__ = ["HEAVY_SHARE", "SetAside", "set_aside", "left_out"]

HEAVY_SHARE = 0.20  # a document with more of its words set aside than this is named in a warning,
HEAVY_WORDS = 25  # if that is at least a paragraph's worth (a short note with a title line is not worth one)


@dataclass
class SetAside:
    """Words of some text, and the words of it set aside (not evidence), per kind."""

    words: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)

    @property
    def aside(self) -> int:
        return sum(self.by_kind.values())

    @property
    def share(self) -> float:
        return self.aside / self.words if self.words else 0.0

    @property
    def heavy(self) -> bool:
        return self.share > HEAVY_SHARE and self.aside >= HEAVY_WORDS

    def add(self, other: SetAside) -> None:
        self.words += other.words
        self.by_kind.update(other.by_kind)

    def describe(self) -> str:
        """'1,234 of 40,000 words set aside (3.1%: 800 heading, 434 boilerplate)'.

        >>> set_aside([("body", "Putin met Trump."), ("heading", "Summit"), ("boilerplate", "Tweet")]).describe()
        '2 of 5 words set aside (40.0%: 1 boilerplate, 1 heading)'
        """
        kinds = ", ".join(f"{n:,} {kind}" for kind, n in sorted(self.by_kind.items(), key=lambda kv: (-kv[1], kv[0])))
        detail = f": {kinds}" if kinds else ""
        return f"{self.aside:,} of {self.words:,} words set aside ({self.share:.1%}{detail})"

    def as_dict(self) -> dict[str, object]:
        return {"words": self.words, "set_aside": self.aside, "by_kind": dict(sorted(self.by_kind.items()))}


def set_aside(paragraphs: Iterable[tuple[str, str]]) -> SetAside:
    """Count the words of ``(kind, text)`` paragraphs, and those whose kind is not evidence."""
    stats = SetAside()
    for kind, text in paragraphs:
        n = len(text.split())
        stats.words += n
        if kind not in EVIDENCE_KINDS and n:
            stats.by_kind[kind] += n
    return stats


def left_out(words_by_kind: dict[str, int], counted: Iterable[str]) -> SetAside:
    """What a graph built from paragraphs of the ``counted`` kinds leaves out, from word counts per kind.

    >>> left_out({"body": 900, "heading": 60, "boilerplate": 40}, ["body"]).describe()
    '100 of 1,000 words set aside (10.0%: 60 heading, 40 boilerplate)'
    """
    kept = set(counted)
    return SetAside(
        sum(words_by_kind.values()), Counter({k: n for k, n in words_by_kind.items() if k not in kept and n})
    )
