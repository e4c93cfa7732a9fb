"""Score paragraph kinds against a word-level gold set (issue 10).

A gold file holds one document's text as labelled units in reading order (``prose``,
``heading``, ``furniture``, ``comment``; see ``tests/gold/paragraphs/README.md``).
graphkit's paragraphs of the same document are aligned with the gold units word by word
(lowercase tokens with a letter, :class:`difflib.SequenceMatcher`), and every gold word is then
*kept* (it sits in an evidence paragraph), *set aside* (graphkit read it but gave its
paragraph another kind) or *missing* (graphkit never produced it: a reader dropped it).
Missing prose counts as set aside: to an investigator it is lost all the same.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..paragraphs import Paragraph
from ..vocabulary import EVIDENCE_KINDS
from .rules import classify_paragraphs

__all__ = ["KindScore", "load_gold", "score_document", "document_paragraphs", "locate", "score_files"]

_TOKEN = re.compile(r"\w*[^\W\d_]\w*")  # words: tokens with a letter (page and line numbers are not)
LOST_EXAMPLE_CHARS = 160
_PASSES, _MOVED_RUN = 3, 3


@dataclass
class KindScore:
    """Gold words per label, and how many of them graphkit set aside or never produced."""

    words: Counter[str] = field(default_factory=Counter)
    aside: Counter[str] = field(default_factory=Counter)
    missing: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    # (document, words, graphkit's call, gold text) of gold units graphkit got wrong
    lost: list[tuple[str, int, str, str]] = field(default_factory=list)  # prose set aside or never produced
    leaked: list[tuple[str, int, str, str]] = field(default_factory=list)  # furniture or comments counted

    def add(self, other: KindScore) -> None:
        for mine, theirs in ((self.words, other.words), (self.aside, other.aside), (self.missing, other.missing)):
            mine.update(theirs)
        self.documents += other.documents
        self.lost.extend(other.lost)
        self.leaked.extend(other.leaked)

    def kept(self, label: str) -> int:
        return self.words[label] - self.aside[label] - self.missing[label]

    def share_lost(self, label: str = "prose") -> float:
        """Share of the gold words of ``label`` set aside or never produced (prose: the target, <= 1%)."""
        return (self.aside[label] + self.missing[label]) / self.words[label] if self.words[label] else 0.0

    def share_kept(self, label: str = "furniture") -> float:
        """Share of the gold words of ``label`` that graphkit counts as evidence (furniture: lower is better)."""
        return self.kept(label) / self.words[label] if self.words[label] else 0.0


def load_gold(path: str | Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def score_document(
    units: Sequence[dict[str, Any]], paragraphs: Sequence[tuple[str, str, str]], name: str = ""
) -> KindScore:
    """Score graphkit's ``(kind, why, text)`` paragraphs of one document against its gold ``units``."""
    gold = [(label, i) for i, unit in enumerate(units) for label in [unit["label"]] for _ in _tokens(unit["text"])]
    gold_tokens = [t for unit in units for t in _tokens(unit["text"])]
    ours = [(kind, why) for kind, why, text in paragraphs for _ in _tokens(text)]
    our_tokens = [t for *_, text in paragraphs for t in _tokens(text)]
    fate: list[str | None] = [None] * len(gold_tokens)  # None: missing; else graphkit's kind
    why: list[str] = [""] * len(gold_tokens)
    for g, o in _align(gold_tokens, our_tokens).items():
        fate[g], why[g] = ours[o]
    return _tally(units, gold, fate, why, name)


def _align(gold: list[str], ours: list[str]) -> dict[int, int]:
    """Gold token index -> graphkit token index, for the tokens the two texts share in order.

    Text that a reader put elsewhere (a PDF's columns read in another order) is found by
    aligning what is left again, in runs of at least :data:`_MOVED_RUN` tokens.
    """
    pairs: dict[int, int] = {}
    left_gold, left_ours = list(range(len(gold))), list(range(len(ours)))
    for attempt in range(_PASSES):
        matcher = difflib.SequenceMatcher(
            None, [gold[i] for i in left_gold], [ours[j] for j in left_ours], autojunk=False
        )
        blocks = [blk for blk in matcher.get_matching_blocks() if blk.size >= (1 if attempt == 0 else _MOVED_RUN)]
        if not blocks:
            break
        for a, b, size in blocks:
            pairs.update((left_gold[a + k], left_ours[b + k]) for k in range(size))
        used = set(pairs.values())
        left_gold = [i for i in left_gold if i not in pairs]
        left_ours = [j for j in left_ours if j not in used]
    return pairs


def _tally(
    units: Sequence[dict[str, Any]], gold: list[tuple[str, int]], fate: list[str | None], why: list[str], name: str
) -> KindScore:
    score = KindScore(documents=1)
    wrong: dict[int, Counter[str]] = {}  # unit -> graphkit's wrong calls on its words
    for (label, unit), kind, reason in zip(gold, fate, why, strict=True):
        score.words[label] += 1
        if kind is None:
            score.missing[label] += 1
        elif kind not in EVIDENCE_KINDS:
            score.aside[label] += 1
        if (label == "prose") == (kind not in EVIDENCE_KINDS) and label in ("prose", "furniture", "comment"):
            wrong.setdefault(unit, Counter())[f"{kind}: {reason}" if kind else "never produced"] += 1
    for unit, calls in sorted(wrong.items(), key=lambda kv: -sum(kv[1].values())):
        text = " ".join(units[unit]["text"].split())[:LOST_EXAMPLE_CHARS]
        entry = (name, sum(calls.values()), calls.most_common(1)[0][0], text)
        (score.lost if units[unit]["label"] == "prose" else score.leaked).append(entry)
    return score


def document_paragraphs(path: str | Path, message: int | None = None) -> list[tuple[str, str, str]]:
    """graphkit's ``(kind, why, text)`` paragraphs of a gold file's document (an mbox: its ``message``, 0-based)."""
    docs = _documents(str(path))
    if message is not None:
        docs = [(name, paragraphs) for name, paragraphs in docs if name.endswith(f"#{message + 1}")]
    if not docs:
        return []
    paragraphs = docs[0][1]
    decisions = classify_paragraphs(
        [p.text for p in paragraphs], [p.kind for p in paragraphs], [p.why for p in paragraphs]
    )
    return [(kind, why, p.text) for p, (kind, why) in zip(paragraphs, decisions, strict=True)]


@functools.lru_cache(maxsize=4)
def _documents(path: str) -> list[tuple[str, list[Paragraph]]]:
    """The documents a file holds, as ingest reads them: ``(name, paragraphs)``."""
    from ..corpus import Document, read_documents

    file = Path(path)  # a maildir message has no suffix: the reader registry knows it by its content (issue 12)
    return [(d.name, d.paragraphs) for d in read_documents(file, file.name) if isinstance(d, Document)]


def locate(path: str, root: Path) -> Path:
    """Where a gold file's document is from a checkout at ``root``: the repository's ``seeds/``,
    ``root/../shared/corpora`` for the shared corpora (the path as written if only that exists)."""
    parts = Path(path).parts
    if "seeds" in parts:
        return root.joinpath(*parts[parts.index("seeds") :])
    if "corpora" in parts and parts[parts.index("corpora") - 1] == "shared":
        beside = root.parent.joinpath("shared", *parts[parts.index("corpora") :])
        if beside.exists() or not Path(path).exists():
            return beside
    return Path(path)


def score_files(paths: Iterable[str | Path], *, root: Path | None = None) -> dict[str, KindScore]:
    """Per genre, the score of graphkit's paragraphs against each gold file in ``paths``.

    With ``root`` (a checkout), documents are looked up with :func:`locate`.
    """
    by_genre: dict[str, KindScore] = {}
    for path in paths:
        gold = load_gold(path)
        document = locate(gold["path"], root) if root else Path(gold["path"])
        paragraphs = document_paragraphs(document, gold.get("message"))
        name = document.name + (f"#{gold['message'] + 1}" if gold.get("message") is not None else "")
        by_genre.setdefault(gold["genre"], KindScore()).add(score_document(gold["units"], paragraphs, name))
    return by_genre
