"""Text the corpus holds twice: which paragraphs repeat text another paragraph holds (issue 12).

A reply quotes the message it answers, and the next reply quotes both; a mailbox holds
the same message in a maildir and an mbox. :func:`find_repeats` takes the paragraphs
that may be repeats (quoted replies, copies of a message) and every other paragraph of
the corpus, and says which of the first hold no word that is not elsewhere: every word
of the paragraph lies in a run of six words (a *shingle*, the whole paragraph when it is
shorter) that another paragraph holds, or an earlier paragraph that is not a repeat
itself. So the one copy an investigator has is never set aside, and a thread counts its
text once, where it first appears.

Text is compared as lowercase words, so line wrapping, ``>`` marks and punctuation do
not matter. The result does not depend on the order anything was ingested in: the
candidates are taken in the order given (by date, then name), and the copy named for a
repeat is the earliest paragraph that holds most of its shingles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["SHINGLE", "Passage", "find_repeats", "shingles", "words"]

SHINGLE = 6  # words per run: long enough that a run found elsewhere is the same text, not a phrase
_WORD = re.compile(r"\w+")

Order = tuple[str, str, int]  # (date, document name, paragraph number)


@dataclass(frozen=True)
class Passage:
    id: int
    order: Order
    text: str


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingles(tokens: Sequence[str]) -> list[int]:
    """Hashes of every run of :data:`SHINGLE` words; one hash of all of them when there are fewer."""
    if len(tokens) < SHINGLE:
        return [hash(tuple(tokens))] if tokens else []
    return list(map(hash, zip(*(tokens[i:] for i in range(SHINGLE)))))


def find_repeats(candidates: Sequence[Passage], others: Iterable[Passage]) -> dict[int, int]:
    """``{candidate id: id of the paragraph holding its text}`` for every candidate whose words are all elsewhere.

    ``candidates`` are taken in their ``order``: each is compared with every passage of
    ``others`` and with the candidates before it that were kept.

    >>> a = Passage(1, ("2001-10-01", "a", 1), "We sign the Raptor deal on Friday, says Fastow.")
    >>> b = Passage(2, ("2001-10-02", "b", 2), "> We sign the Raptor deal on Friday,\\n> says Fastow.")
    >>> c = Passage(3, ("2001-10-03", "c", 2), "We sign the Raptor deal on Friday, says Skilling.")
    >>> find_repeats([b, c], [a])
    {2: 1}
    """
    ordered = sorted(candidates, key=lambda p: p.order)
    hashed = {p.id: shingles(words(p.text)) for p in ordered}
    wanted = {h for hashes in hashed.values() for h in hashes}
    holders = _holders(others, wanted)
    out: dict[int, int] = {}
    for passage in ordered:
        hashes = hashed[passage.id]
        if _covered(hashes, holders):
            out[passage.id] = _copy(hashes, holders)
        else:
            for h in hashes:
                holders.setdefault(h, (passage.order, passage.id))
    return out


def _holders(others: Iterable[Passage], wanted: set[int]) -> dict[int, tuple[Order, int]]:
    """For every wanted shingle that ``others`` hold: the earliest passage holding it."""
    holders: dict[int, tuple[Order, int]] = {}
    for passage in others:
        for h in shingles(words(passage.text)):
            if h in wanted:
                known = holders.get(h)
                if known is None or (passage.order, passage.id) < known:
                    holders[h] = (passage.order, passage.id)
    return holders


def _copy(hashes: list[int], holders: dict[int, tuple[Order, int]]) -> int:
    """The passage holding most of these shingles (the earliest among equals)."""
    counts = Counter(holders[h] for h in hashes if h in holders)
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0][1]


def _covered(hashes: list[int], holders: dict[int, tuple[Order, int]]) -> bool:
    """Whether every word lies in a held shingle (the shingle starting at word i covers words i to i + 5)."""
    if not hashes:
        return False
    reach = 0  # the first word not covered yet
    for start, h in enumerate(hashes):
        if h in holders:
            reach = start + SHINGLE
        elif reach <= start:
            return False
    return reach >= len(hashes) + SHINGLE - 1  # the last words, which only the last shingles cover
