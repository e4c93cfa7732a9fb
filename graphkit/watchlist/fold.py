"""Folding a word to its matching key: case, accents, punctuation and romanisation.

A listed name and the words of a document are folded by the same function, so
``SERGEI``, ``Sergey`` and ``Sérgej`` meet on one key. The romanisation rules are data
(``graphkit/data/transliteration.txt``): they describe spelling systems, never a person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

__all__ = ["fold_word", "fold_phrase", "phrase_words", "Transliteration", "transliteration"]

_APOSTROPHES = str.maketrans({"’": "", "‘": "", "'": "", "`": "", "ʼ": "", ".": ""})
# Words as the folding sees them in a free-standing name: letters and digits, with inner
# apostrophes and periods ("O'Brien", "U.S."); hyphens separate words.
_PHRASE_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*\.?")


@dataclass(frozen=True)
class Transliteration:
    """Ordered spelling rules and whole-word groups, as read from the data file."""

    rules: tuple[tuple[re.Pattern[str], str], ...]
    groups: dict[str, str]

    def apply(self, word: str) -> str:
        for pattern, replacement in self.rules:
            word = pattern.sub(replacement, word)
        return self.groups.get(word, word)


@cache
def transliteration() -> Transliteration:
    """The rules of ``graphkit/data/transliteration.txt`` (read once)."""
    text = resources.files("graphkit").joinpath("data/transliteration.txt").read_text(encoding="utf-8")
    rules: list[tuple[re.Pattern[str], str]] = []
    pairs: list[tuple[str, str]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "=>" in line:
            pattern, replacement = (part.strip() for part in line.split("=>", 1))
            rules.append((re.compile(pattern), replacement))
        else:
            canonical, variants = line.split("=", 1)
            pairs.extend((canonical.strip(), v.strip()) for v in variants.split("|"))
    plain = Transliteration(tuple(rules), {})
    groups = {plain.apply(variant): plain.apply(canonical) for canonical, variant in pairs}
    return Transliteration(tuple(rules), groups)


def _plain(word: str) -> str:
    """Case and accents folded, apostrophes and periods dropped: ``O’Brien`` -> ``obrien``."""
    if word.isascii():
        text = word.lower()
    else:
        text = unicodedata.normalize("NFKD", word)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return text.translate(_APOSTROPHES) or text


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """The matching key of one word.

    >>> [fold_word(w) for w in ("SERGEI", "Sergey", "Sérgej", "Aleksandr", "Alexander", "U.S.")]
    ['sergei', 'sergei', 'sergei', 'alexandr', 'alexandr', 'us']
    >>> fold_word("Muhammad") == fold_word("Mohammed"), fold_word("Yury") == fold_word("Iouri")
    (True, True)
    """
    return transliteration().apply(_plain(word))


def phrase_words(phrase: str) -> list[str]:
    """The words of a free-standing name, split as the matcher's tokenizer would split them."""
    return _PHRASE_WORD.findall(phrase)


def fold_phrase(phrase: str) -> str:
    """The matching key of a name: its words folded, joined by single spaces.

    >>> fold_phrase("Volodymyr Zelenskyy") == fold_phrase("vladimir ZELENSKIY")
    True
    """
    return " ".join(fold_word(w) for w in phrase_words(phrase))
