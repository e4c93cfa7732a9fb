"""Words hyphenated at a line end: mend ``Coun-`` / ``sel``, keep ``above-`` / ``referenced`` (issue 13).

A line-end hyphen is taken out only when the joined word is a word: one the document
itself writes unbroken, or one of the English word list shipped in
``graphkit/data/english-words.txt`` (SCOWL, by Kevin Atkinson; its notice is in the
file). When the joined form is unknown, the hyphen stays if both halves are words
(``high-`` / ``capacity``, ``non-`` / ``normal``) or the document writes the hyphenated
form elsewhere; otherwise the halves are fragments of one word (``Rosen-`` / ``stein``)
and are joined.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files

__all__ = ["Lexicon", "join_lines"]

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_TAIL = re.compile(r"([^\W\d_]+)-$")  # the broken word at the end of a line
_HEAD = re.compile(r"^([^\W\d_]+)")  # and its rest at the start of the next
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_PREFIXES = frozenset("anti co counter cross de inter intra micro mid multi non over post pre pro re "
                      "self semi sub super un under".split())  # fmt: skip


@cache
def english_words() -> frozenset[str]:
    text = files("graphkit").joinpath("data/english-words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


class Lexicon:
    """The words a document writes whole and hyphenated, with the English word list behind them."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.whole: set[str] = set()
        self.hyphenated: set[str] = set()
        for text in texts:
            self.add(text)

    def add(self, line: str) -> None:
        """Learn the words of one line; a broken word's halves (the last word before a
        line-end hyphen, a lowercase first word) say nothing about the document's words."""
        words = _WORD.findall(line)
        if line.endswith(("-", "\u00ad")) and words:
            words.pop()
        if words and line[:1].islower():
            words.pop(0)
        for word in words:
            word = word.casefold()
            (self.hyphenated if "-" in word else self.whole).add(word)

    def is_word(self, word: str) -> bool:
        word = word.casefold()
        return word in self.whole or word in english_words()

    def keeps_hyphen(self, head: str, tail: str) -> bool:
        """True if ``head-`` at a line end and ``tail`` on the next line are one hyphenated compound.

        >>> lexicon = Lexicon(["the investigation"])
        >>> lexicon.keeps_hyphen("above", "referenced"), lexicon.keeps_hyphen("investi", "gation")
        (True, False)
        >>> lexicon.keeps_hyphen("Rosen", "stein"), lexicon.keeps_hyphen("high", "capacity")
        (False, True)
        """
        if f"{head}-{tail}".casefold() in self.hyphenated:
            return True
        if self.is_word(head + tail):
            return False
        return (self.is_word(head) or head.casefold() in _PREFIXES) and self.is_word(tail)


def join_lines(lines: list[str], lexicon: Lexicon | None = None) -> str:
    """Join the lines of one paragraph, mending words hyphenated at a line break.

    >>> join_lines(["the Special Coun-", "sel and the above-", "referenced then-", "FBI Director", "Rosen-", "stein"])
    'the Special Counsel and the above-referenced then-FBI Director Rosenstein'
    """
    lexicon = lexicon if lexicon is not None else Lexicon(lines)
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out = _join(out, line, lexicon)
    return out


def _join(out: str, line: str, lexicon: Lexicon) -> str:
    if out.endswith("\u00ad"):  # a soft hyphen only ever marks a broken word
        return out[:-1] + line
    tail, head = _TAIL.search(out), _HEAD.match(line)
    if tail and head and line[:1].islower():
        if lexicon.keeps_hyphen(tail.group(1), head.group(1)):
            return out + line
        return out[:-1] + line
    if out.endswith(("-", "—", "–", "/")) and out[-2:-1].isalnum():
        return out + line  # then- / FBI, 2015– / 2016, and/ or
    if out and line and _CJK.match(out[-1]) and _CJK.match(line[0]):
        return out + line  # Chinese and Japanese are written without spaces between words
    return out + " " + line
