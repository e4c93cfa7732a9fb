"""Names the model tagged in a document, found again where it missed them (issue 14).

The small model tags a name in one sentence and misses it in the next: "Sessions" is a
PERSON in most paragraphs of a report and nothing in the rest, so those paragraphs lose
their links. A document is consistent about its names, so a name it tags is a name where
the same words stand again, when:

- the words stand alone: not inside a longer capitalised name ("Trump" of "Trump Tower"),
  except after a title ("President Trump") or an article;
- they overlap no mention or date the model found there;
- the document tags them at least half the times they stand alone (a quarter for a name
  of two words or more, which is rarely anything else), and a single English word at least twice;
- a single word that is also an English word ("Sessions", "May") is not the first of its
  sentence, and stands in an English paragraph.

A mention found this way carries the label the document gives those words most often.

The same evidence splits a coordination the model tagged as one organisation: "Sessions and
Kislyak" is two people when the document tags both as people elsewhere
(:func:`split_coordinated`); "Procter and Gamble" stays whole.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .extract import Mention, label_end, not_english
from .normalize import clean_mention
from .normalize.words import titles
from .watchlist.fold import fold_word

__all__ = ["tag_repeats", "split_coordinated", "LEAST_SHARE"]

# The share of a name's free-standing uses the model must tag, by number of words (1, 2+).
LEAST_SHARE = {1: 0.5, 2: 0.25}
LONGEST = 8  # words of the longest name looked for

_TOKEN = re.compile(r"\S+")
_LEADING = "([{\"“‘'"
_TRAILING = ",;:!?)]}\"”’'"
_POSSESSIVE = re.compile(r"[’']s$")
_SENTENCE_END = re.compile(r"[.!?:;][\"”’')\]]*$")
_ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True)
class _Token:
    start: int  # of the word, after leading quotes or brackets
    end: int  # of the word, before trailing punctuation and a possessive
    word: str
    raw: str  # as written, punctuation and all
    clean_before: bool  # nothing stripped in front
    clean_after: bool  # nothing stripped behind


def tag_repeats(
    texts: Mapping[int, str],
    found: Mapping[int, list[Mention]],
    dates: Mapping[int, Sequence[tuple[int, int]]] = {},
) -> dict[int, list[Mention]]:
    """``found`` with the document's tagged names added where the model missed them.

    ``texts``: paragraph number -> text; ``found``: paragraph number -> its mentions;
    ``dates``: paragraph number -> its DATE spans (never overlapped).
    """
    names = _tagged_names(found)
    if not names:
        return dict(found)
    first_words: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in sorted(names, key=len, reverse=True):
        first_words[words[0]].append(words)
    hits: dict[tuple[str, ...], list[tuple[int, int, int]]] = defaultdict(list)
    free: Counter[tuple[str, ...]] = Counter()  # free-standing uses, tagged or not
    for number, text in texts.items():
        taken = sorted((m.start, m.end) for m in found.get(number, ())) + sorted(dates.get(number, ()))
        tagged = {(m.start, m.end) for m in found.get(number, ())}
        cut = label_end(text)
        foreign = not_english(text)
        for words, start, end, sentence_start in _occurrences(text, first_words):
            free[words] += 1
            if (start, end) in tagged or start < cut or _overlaps(start, end, taken):
                continue
            if len(words) == 1 and (foreign or (sentence_start and _english(words[0]))):
                continue
            hits[words].append((number, start, end))
    out = {number: list(ms) for number, ms in found.items()}
    for words, places in hits.items():
        label, count = names[words]
        least = 2 if len(words) == 1 and _english(words[0]) else 1
        if count < least or count < LEAST_SHARE[min(len(words), 2)] * free[words]:
            continue
        for number, start, end in places:
            mention = _mention(texts[number], start, end, label)
            if mention is not None:
                out.setdefault(number, []).append(mention)
    for ms in out.values():
        ms.sort(key=lambda m: m.start)
    return out


_COORDINATION = re.compile(r"\s*(?:,\s*and\b|,|\band\b|&)\s*")


def split_coordinated(found: Mapping[int, list[Mention]]) -> dict[int, list[Mention]]:
    """``found`` with each coordination of people the document names split into its people.

    A mention "A and B", "A, B and C" or "A & B" whose every part (two different ones at least)
    the document tags as a person elsewhere, in full or as a surname, is those people.
    """
    people = set()
    for ms in found.values():
        for m in ms:
            if m.label == "PERSON" and not _COORDINATION.search(m.text):
                people.add(m.text)
                people.add(m.text.split()[-1])
    out = {}
    for number, ms in found.items():
        kept = []
        for m in ms:
            parts = _parts(m)
            if len(parts) >= 2 and len({p.text for p in parts}) == len(parts) and all(p.text in people for p in parts):
                kept.extend(parts)
            else:
                kept.append(m)
        out[number] = kept
    return out


def _parts(m: Mention) -> list[Mention]:
    """The parts of a coordination, as person mentions with their own offsets."""
    if not _COORDINATION.search(m.text):
        return []
    parts, at = [], 0
    for piece in _COORDINATION.split(m.text):
        if not piece:
            return []
        at = m.text.index(piece, at)
        parts.append(Mention(m.start + at, m.start + at + len(piece), piece, "PERSON", piece, False))
        at += len(piece)
    return parts


def _tagged_names(found: Mapping[int, list[Mention]]) -> dict[tuple[str, ...], tuple[str, int]]:
    """Words of each tagged name -> (the label the document gives it most, how often it is tagged)."""
    labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for ms in found.values():
        for m in ms:
            words = tuple(m.text.split())
            if 0 < len(words) <= LONGEST and m.text[:1].isupper() and any(c.isalpha() for c in m.text):
                labels[words][m.label] += 1
    return {words: (c.most_common(1)[0][0], sum(c.values())) for words, c in labels.items()}


def _occurrences(
    text: str, first_words: Mapping[str, list[tuple[str, ...]]]
) -> Iterable[tuple[tuple[str, ...], int, int, bool]]:
    """Free-standing uses of the names in ``text``: ``(words, start, end, first of its sentence)``."""
    tokens = [_token(m) for m in _TOKEN.finditer(text)]
    i = 0
    while i < len(tokens):
        first = tokens[i].word
        match = _match_at(tokens, i, first_words.get(first, ()) or first_words.get(first[:-1], ()))
        if match is None:
            i += 1
            continue
        end, words = match
        n = len(words)
        if _stands_alone(tokens, i, n, end):
            yield words, tokens[i].start, end, _sentence_start(tokens, i)
        i += n


def _token(m: re.Match[str]) -> _Token:
    raw = m.group()
    lead = len(raw) - len(raw.lstrip(_LEADING))
    body = raw[lead:].rstrip(_TRAILING)
    body = _POSSESSIVE.sub("", body).rstrip(_TRAILING)
    start = m.start() + lead
    return _Token(start, start + len(body), body, raw, lead == 0, len(body) + lead == len(raw))


def _match_at(
    tokens: list[_Token], i: int, candidates: Iterable[tuple[str, ...]]
) -> tuple[int, tuple[str, ...]] | None:
    """The longest name that starts at token ``i``, and where it ends: inner words written exactly,
    no punctuation between them; the last may end a sentence ("... met Macron.")."""
    for words in candidates:
        n = len(words)
        if i + n > len(tokens):
            continue
        inner, last = tokens[i : i + n - 1], tokens[i + n - 1]
        if not all(t.raw == w for t, w in zip(inner, words)):
            continue
        if n > 1 and not last.clean_before:
            continue
        if last.word == words[-1]:
            return last.end, words
        if last.word.endswith(".") and last.word[:-1] == words[-1]:
            return last.end - 1, words
    return None


def _stands_alone(tokens: list[_Token], i: int, n: int, end: int) -> bool:
    """Not a piece of a longer capitalised name: no capitalised word glued before or after it,
    other than a title or an article before it."""
    if i > 0:
        before = tokens[i - 1]
        if before.clean_after and tokens[i].clean_before and _capitalised(before.word):
            if not _SENTENCE_END.search(before.raw) and not _title_or_article(before.word):
                return False
    if i + n < len(tokens):
        after = tokens[i + n]
        last = tokens[i + n - 1]
        if last.clean_after and end == last.end and after.clean_before and _capitalised(after.word):
            return False
    return True


def _sentence_start(tokens: list[_Token], i: int) -> bool:
    return i == 0 or bool(_SENTENCE_END.search(tokens[i - 1].raw)) or not tokens[i].clean_before


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _title_or_article(word: str) -> bool:
    folded = fold_word(word)
    return folded in _ARTICLES or folded in _TITLE_WORDS


def _english(word: str) -> bool:
    from .formats.pdf.hyphenation import english_words

    return word.lower() in english_words()


def _mention(text: str, start: int, end: int, label: str) -> Mention | None:
    """The mention the model would have made of ``text[start:end]``, if cleaning keeps it whole."""
    cleaned = clean_mention(text[start:end], label)
    if len(cleaned) != 1:
        return None
    c = cleaned[0]
    return Mention(start + c.start, start + c.end, text[start + c.start : start + c.end], label, c.form, c.titled)


_TITLE_WORDS = frozenset(
    fold_word(word)
    for kind in ("strong", "weak", "regnal", "role")
    for phrase in titles().get(kind, ())
    for word in phrase.split()
)
