"""The classifier: a kind and a reason for every paragraph, from local evidence (issue 10).

Each paragraph is judged by its own text first. Only three things carry from one
paragraph to the next, and none of them across running prose:

- a comment thread, from its first "Avatar Brent says:" to the end of the document;
- an appeal to readers, from its opening line ("Dear readers,") while what follows
  still speaks from "we" to "you", for a few paragraphs at most;
- a block of teasers of other articles, from its opening line ("Related", a
  "keep reading" link) to the next running prose.

Running prose is body unless it sits in a comment thread or carries a mark of its
own: an image credit, an appeal's wording, a "keep reading" link right after it in a
block of teasers. A repeat of running prose stays body (a report quotes its own
questions); a repeated title line is set aside. A kind that a reader already knows
(a PDF's footnotes) is kept as the reader gave it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..vocabulary import EVIDENCE_KINDS
from . import patterns as p
from .signals import (
    addresses_reader,
    is_capitals,
    is_heading,
    is_numbered_title,
    is_prose,
    is_sentence,
    is_title_line,
    word_count,
)

__all__ = ["classify_paragraphs"]

TEASER, APPEAL, COMMENTS = "teaser of another article", "appeal to readers", "comments"
_REPEAT_CHARS = 30  # a repeated line shorter than this ("Thank you.") is not a repeated paragraph
_CARD_PARAGRAPHS = 3  # a teaser card repeats its title within this many paragraphs
_EXCERPT_PARAGRAPHS = 3  # at most this much prose before a "keep reading" link is a teaser's excerpt
_MARKER_WORDS = 4  # "keep reading", "Show more": a link's words, no article title
_MAIL_LINE_WORDS = 16  # a separator or an attribution line is no longer than this
_APPEAL_PARAGRAPHS = 8  # an appeal is short: its run ends this many paragraphs after its opening line
# Title-case lines in a row that are a list, not headings: three of at most five words, or any five.
_LIST_WORDS, _LIST_LINES, _LIST_LINES_ANY = 5, 3, 5
_SHOUTING_SHARE = 0.5  # of a document's words in capitals: capitals are its normal writing

Decision = tuple[str, str]
_TITLE, _REPEATED = ("heading", "title-case line"), ("boilerplate", "repeated title")
_ITEM, _SHORT = ("body", "list item"), ("body", "short line")


def classify_paragraphs(
    texts: Sequence[str], hints: Sequence[str | None] | None = None, reasons: Sequence[str] | None = None
) -> list[Decision]:
    """Return ``(kind, reason)`` for each paragraph text of one document, in order.

    ``hints`` are kinds a reader already knows (``"footnote"``), ``None`` or ``""`` where it
    knows none; ``reasons`` say why, where the reader can.

    >>> classify_paragraphs(["Tweet", "Putin met Trump in Helsinki, officials said on Monday.", "Avatar Brent says:"])
    [('boilerplate', 'navigation'), ('body', 'short line'), ('comment', 'comment header')]
    """
    walk = _Walk(capitals=not _shouting(texts))
    for i, text in enumerate(texts):
        hint = (hints[i] if hints else None) or ""
        walk.add(" ".join(text.split()), hint, (reasons[i] if reasons else "") or "marked by the reader")
    return _lists_are_not_headings(walk.out, texts)


class _Walk:
    """One pass over a document's paragraphs, holding the open run (if any)."""

    def __init__(self, *, capitals: bool) -> None:
        self.capitals = capitals  # whether capitals can mark a heading in this document
        self.out: list[Decision] = []
        self.mode = ""  # "", APPEAL, TEASER or COMMENTS
        self.seen: set[str] = set()
        self.texts: list[str] = []
        self.appeal_from = 0

    def add(self, text: str, hint: str, reason: str) -> None:
        if hint:
            decision = (hint, reason)
            if hint in EVIDENCE_KINDS and self.mode != COMMENTS:
                self.mode = ""
        elif p.COMMENT_HEADER.match(text):
            self.mode, decision = COMMENTS, ("comment", "comment header")
        elif self.mode == COMMENTS:
            decision = ("comment", "reader comment")
        else:
            decision = self._prose(text) if is_prose(text) else self._line(text)
        self.out.append(decision)
        self.seen.add(text)
        self.texts.append(text)
        if self.mode == APPEAL and len(self.out) - self.appeal_from >= _APPEAL_PARAGRAPHS:
            self.mode = ""

    def _open(self, mode: str) -> None:
        self.mode = mode
        if mode == APPEAL:
            self.appeal_from = len(self.out)

    def _prose(self, text: str) -> Decision:
        if p.APPEAL.match(text) and p.APPEAL_WORDS.search(text):
            self._open(APPEAL)
            return "boilerplate", APPEAL
        if self.mode == APPEAL and addresses_reader(text):
            return "boilerplate", APPEAL
        if p.CREDIT.search(text) or p.CAPTION_START.match(text):
            return "boilerplate", "caption or credit"  # a caption does not end a run of teasers
        if p.DISCLAIMER.search(text) and p.DISCLAIMER_WHY.search(text):
            return "boilerplate", "legal disclaimer"
        self.mode = ""
        # A repeat stays evidence: reports quote their own questions, speeches their own refrains.
        return "body", "running prose (repeated)" if text in self.seen else "running prose"

    def _line(self, text: str) -> Decision:
        """A paragraph that is not running prose: a heading, a line of furniture, a short line."""
        if p.TEASER_OPENER.match(text):
            self._open(TEASER)
            return "boilerplate", TEASER
        if p.READ_MORE.search(text) and word_count(text) <= _MARKER_WORDS:
            self._excerpt_before()  # "keep reading": the link that ends a teaser's excerpt; the next teaser follows
            self._open(TEASER)
            return "boilerplate", "navigation"
        if p.READ_MORE.match(text):
            return "boilerplate", TEASER  # "Read more: Looted art to go home", a link to one other article
        if p.FURNITURE.match(text) or p.COMMENT_FURNITURE.match(text):
            return "boilerplate", "navigation"
        if p.MAIL_HEADER.search(text) or (p.MAIL_SEPARATOR.search(text) and word_count(text) <= _MAIL_LINE_WORDS):
            return "boilerplate", "e-mail header or separator"
        if p.APPEAL.match(text):
            self._open(APPEAL)
        if self.mode in (APPEAL, TEASER):
            return "boilerplate", self.mode
        return self._short(text)

    def _short(self, text: str) -> Decision:
        if p.CREDIT.search(text) or p.CAPTION.search(text) or p.CAPTION_START.match(text):
            return "boilerplate", "caption or credit"
        if text in self.seen and (self._in_card(text) or (len(text) > _REPEAT_CHARS and is_title_line(text))):
            return self._repeat(text)
        if is_numbered_title(text):
            return "heading", "numbered section title"
        if is_heading(text, capitals=self.capitals):
            return _TITLE
        return _SHORT

    def _in_card(self, text: str) -> bool:
        """True when ``text`` repeats a teaser's title a few paragraphs up (a card links it twice)."""
        recent = self.texts[-_CARD_PARAGRAPHS:]
        return text in recent and self.out[len(self.out) - len(recent) + recent.index(text)] == ("boilerplate", TEASER)

    def _repeat(self, text: str) -> Decision:
        """A title repeated: a running head, or a teaser card's link on its image and on its title."""
        if not self._in_card(text):
            return _REPEATED
        recent = self.texts[-_CARD_PARAGRAPHS:]
        start = len(self.out) - len(recent) + recent.index(text)
        self.out[start:] = [("boilerplate", TEASER)] * (len(self.out) - start)
        self._open(TEASER)
        return "boilerplate", TEASER

    def _excerpt_before(self) -> None:
        """Prose right after a teaser and right before its "keep reading" link is the teaser's excerpt."""
        start = len(self.out)
        while start > 0 and self.out[start - 1][0] == "body" and len(self.out) - start < _EXCERPT_PARAGRAPHS:
            start -= 1
        if start < len(self.out) and start > 0 and self.out[start - 1] == ("boilerplate", TEASER):
            self.out[start:] = [("boilerplate", TEASER)] * (len(self.out) - start)


def _shouting(texts: Sequence[str]) -> bool:
    """A document written mostly in capitals (old telexes, some speeches): capitals mark no heading there."""
    words = [word_count(t) for t in texts]
    loud = sum(n for n, t in zip(words, texts, strict=True) if is_capitals(t))
    return loud >= _SHOUTING_SHARE * sum(words)


def _lists_are_not_headings(decisions: list[Decision], texts: Sequence[str]) -> list[Decision]:
    """Title-case lines that are items of a list (of names, of offices), not headings.

    A heading introduces text: a title-case line followed by a short line that is no
    sentence ("(Awaiting trial)") is a list item, and so are runs of title-case lines
    longer than a title block: five or more, or three or more short ones.
    """
    out = list(decisions)
    for i in range(len(out) - 2, -1, -1):  # backwards: an item may have a second title-case line
        after = out[i + 1]
        if out[i] in (_TITLE, _REPEATED) and (after == _ITEM or (after == _SHORT and not is_sentence(texts[i + 1]))):
            out[i] = _ITEM
    run: list[int] = []
    for i, decision in enumerate([*out, ("", "")]):
        if decision == _TITLE:
            run.append(i)
            continue
        short = all(word_count(texts[j]) <= _LIST_WORDS for j in run)
        if len(run) >= _LIST_LINES_ANY or (len(run) >= _LIST_LINES and short):
            out[run[0] : run[-1] + 1] = [_ITEM] * len(run)
        run = []
    return out
