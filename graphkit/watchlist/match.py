"""Finding listed names in text: one spaCy ``PhraseMatcher`` over folded words, no NER.

Every word of the text is looked up once per distinct spelling (spaCy keeps a folded
``NORM`` per vocabulary entry), and the matcher finds all listed names in one pass, so
matching a list of 50,000 names costs about what tokenising the text costs. Only a
tokenizer runs: a new list over an unchanged corpus needs no model.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import product
from typing import TYPE_CHECKING, TypeVar

from .fold import fold_word
from .lists import WatchEntry

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

__all__ = ["WatchMatch", "WatchMatcher"]

K = TypeVar("K")
# Line breaks, tabs and runs of spaces inside a name ("Vladimir\nPutin" in a PDF) would
# each be a token of their own; the text is matched with every run squeezed to one space.
_TO_SPACE = {c: " " for c in range(0x3001) if chr(c).isspace() and c != 0x20}
_SPACE_RUN = re.compile(" {2,}")
# Letters only, single spaces between words: a name the tokenizer would split at its spaces.
_PLAIN_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


@dataclass(frozen=True)
class WatchMatch:
    """A listed name found in a text; offsets index the original text."""

    start: int
    end: int
    text: str  # as written
    entry: int  # index into WatchMatcher.entries
    form: str  # the listed spelling that matched (the name or an alias)


class WatchMatcher:
    """Finds the names and aliases of ``entries`` in texts.

    A spelling that two entries both claim (one entry's alias is another's alias) is
    ambiguous and not matched; it is listed in :attr:`ambiguous`. A name beats another
    entry's alias.

    >>> from graphkit.watchlist.lists import WatchEntry
    >>> m = WatchMatcher([WatchEntry("Sergey Lavrov", "PERSON", ("Lavrov",))])
    >>> [(x.text, x.form) for x in m.find("SERGEI LAVROV's aide met Lavrov.")]
    [('SERGEI LAVROV', 'Sergey Lavrov'), ('Lavrov', 'Lavrov')]
    """

    def __init__(self, entries: Sequence[WatchEntry]):
        self.entries = list(entries)
        self.nlp = folding_tokenizer()
        self.forms: dict[str, tuple[int, str]] = {}  # folded key -> (entry, listed spelling)
        self.ambiguous: list[tuple[str, list[str]]] = []
        self._matcher = self._build()

    def _build(self) -> PhraseMatcher:
        """One pattern per folded key, under the key itself (so a match's label is its key).

        Each listed spelling is tokenised once; its Doc gives both its key and its pattern.
        """
        from spacy.matcher import PhraseMatcher

        spellings = [(i, form, form == e.name) for i, e in enumerate(self.entries) for form in e.forms]
        tokenize = _pattern_tokenizer(self.nlp)
        docs = map(tokenize, [form for _, form, _ in spellings])
        claims: dict[str, list[tuple[int, bool, str]]] = defaultdict(list)
        patterns: dict[str, Doc] = {}
        for (index, form, is_name), doc in zip(spellings, docs):
            key = _key(doc)
            if key and all(i != index for i, _, _ in claims[key]):
                claims[key].append((index, is_name, form))
                patterns.setdefault(key, doc)
        matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        for key, claim in claims.items():
            owner = self._owner(claim)
            if owner is not None:
                self.forms[key] = owner
                variants = _variants(owner[1])[1:]
                matcher.add(key, [patterns[key], *map(tokenize, variants)])
        return matcher

    def _owner(self, claim: list[tuple[int, bool, str]]) -> tuple[int, str] | None:
        """The entry a spelling belongs to: its only claimant, or the one entry it names; else ambiguous."""
        names = [c for c in claim if c[1]]
        chosen = names if len(names) == 1 else claim if len(claim) == 1 else []
        if not chosen:
            self.ambiguous.append((claim[0][2], [self.entries[i].name for i, _, _ in claim]))
            return None
        return chosen[0][0], chosen[0][2]

    def key(self, phrase: str) -> str:
        """The folded key of a name, tokenised as the texts are."""
        return _key(self.nlp.make_doc(phrase))

    def find(self, text: str) -> list[WatchMatch]:
        """The listed names in one text, longest first where two overlap, in text order."""
        return next(self.find_all([(text, None)]))[1]

    def find_all(
        self, items: Iterable[tuple[str, K]], *, batch_size: int = 1000
    ) -> Iterator[tuple[K, list[WatchMatch]]]:
        """``(text, key)`` pairs in, ``(key, matches)`` out, in order (texts are tokenised in batches)."""
        prepared = ((*_squeeze(text), key) for text, key in items)
        pairs = ((squeezed, (text, marks, key)) for text, squeezed, marks, key in prepared)
        for doc, (text, marks, key) in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield key, self._matches(doc, text, marks)

    def _matches(self, doc: Doc, text: str, marks: list[tuple[int, int]] | None) -> list[WatchMatch]:
        found = []
        for key, start, end in self._matcher(doc):
            entry, form = self.forms[self.nlp.vocab.strings[key]]
            first, last = _original(doc[start].idx, marks), _original(doc[end - 1].idx + len(doc[end - 1]), marks)
            if _written_as_name(text[first:last], form, text):
                found.append(_Found(first, last, entry, form, form == self.entries[entry].name))
        return [WatchMatch(f.start, f.end, text[f.start : f.end], f.entry, f.form) for f in _choose(found)]


@dataclass
class _Found:
    start: int
    end: int
    entry: int
    form: str
    is_name: bool


def _choose(found: list[_Found]) -> list[_Found]:
    """Overlapping matches of one entry are one mention ('President Xi' and 'Xi Jinping' in
    'President Xi Jinping'); between entries the longest wins, then a listed name over an
    alias, then the first. In text order.
    """
    merged: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        last = merged[-1] if merged else None
        if last is not None and last.entry == f.entry and f.start < last.end:
            last.end = max(last.end, f.end)
            if f.is_name and not last.is_name:
                last.form, last.is_name = f.form, True
        else:
            merged.append(f)
    chosen: list[_Found] = []
    for f in sorted(merged, key=lambda f: (f.start - f.end, not f.is_name, f.start)):
        if all(f.end <= c.start or c.end <= f.start for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def folding_tokenizer() -> Language:
    """A blank English pipeline whose vocabulary folds every word into ``NORM``.

    Its own vocabulary, so no other pipeline's norms change.
    """
    import spacy
    from spacy.attrs import NORM

    nlp = spacy.blank("en")
    # NORM is all the matcher reads; the other lexical attributes (shape, prefix, flags...)
    # would cost more than the folding for every new word of a long list.
    nlp.vocab.lex_attr_getters = {NORM: fold_word}
    for lexeme in nlp.vocab:  # the tokenizer's exceptions were made before the getter was set
        lexeme.norm_ = fold_word(lexeme.orth_)
    return nlp


def _pattern_tokenizer(nlp: Language) -> Callable[[str], Doc]:
    """A function that splits a listed spelling as the tokenizer splits text.

    Names of plain words ('Kalomi Rane') are split at their spaces, which is what the
    tokenizer would do, at half its cost; the rest go through a copy of the tokenizer with
    the same vocabulary. Not the tokenizer itself: tens of thousands of names in its cache
    make every later text several times slower to tokenise (measured: 3.0 s instead of
    0.5 s for the UN sample after 50,000 names).
    """
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

    # Without the vocabulary: loading it would wrap the folding NORM getter in spaCy's lookups.
    tokenizer = Tokenizer(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes(exclude=["vocab"]), exclude=["vocab"])
    special = {key.casefold() for key in nlp.tokenizer.rules or {}}

    def tokenize(form: str) -> Doc:
        words = form.split(" ")
        if _PLAIN_WORDS.fullmatch(form) and not any(w.casefold() in special for w in words):
            return Doc(nlp.vocab, words=words)
        return tokenizer(form)

    return tokenize


def _key(doc: Doc) -> str:
    """Folded words, hyphens and spaces left out: one key for 'Kim Jong-un' and 'Kim Jong Un'."""
    return " ".join(t.norm_ for t in doc if t.text != "-" and not t.text.isspace())


def _variants(form: str) -> list[str]:
    """A hyphenated name is also written with spaces: 'Kim Jong-un', 'Kim Jong un'; 'al-Assad', 'al Assad'."""
    parts = re.split(r"(?<=\w)-(?=\w)", form)
    if len(parts) == 1 or len(parts) > 4:
        return [form]
    out = []
    for joins in product("- ", repeat=len(parts) - 1):
        out.append(parts[0] + "".join(j + p for j, p in zip(joins, parts[1:])))
    return out


def _written_as_name(found: str, form: str, paragraph: str) -> bool:
    """Whether a match is the name, not a word that spells like it.

    Some word must be capitalised ('the bill burns' is not Bill Burns), unless the list
    writes the name in lower case; and a short word in capitals that the list does not
    write in capitals ('XI' for 'Xi', 'LI' for 'Li') is a numeral or an acronym, except
    in a paragraph that shouts.
    """
    if not any(word[:1].isupper() for word in found.split()) and form != form.lower():
        return False
    if len(found) <= 3 and found.isupper() and not form.isupper():
        return _shouting(paragraph)
    return True


def _shouting(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


def _squeeze(text: str) -> tuple[str, str, list[tuple[int, int]] | None]:
    """``(text, squeezed text, marks)``: whitespace runs made one space; marks map offsets back."""
    spaced = text.translate(_TO_SPACE)
    if "  " not in spaced:
        return text, spaced, None
    parts, marks, pos, length = [], [(0, 0)], 0, 0
    for m in _SPACE_RUN.finditer(spaced):
        parts.append(spaced[pos : m.start()])
        length += m.start() - pos + 1
        parts.append(" ")
        marks.append((length, m.end()))
        pos = m.end()
    parts.append(spaced[pos:])
    return text, "".join(parts), marks


def _original(offset: int, marks: list[tuple[int, int]] | None) -> int:
    if marks is None:
        return offset
    squeezed, original = marks[bisect_right(marks, (offset, float("inf"))) - 1]
    return original + offset - squeezed
