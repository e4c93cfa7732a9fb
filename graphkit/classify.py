"""Paragraph kinds: article body versus page furniture, headings and reader comments.

Saved web pages carry navigation, donation appeals, captions, teasers of other
articles and comment threads ("Avatar Brent says:"). Their names are not evidence of
a relationship, so by default only ``body`` paragraphs make nodes and edges (issue 3).
Each paragraph gets a kind and a short reason, so a user can see why text was left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .vocabulary import KINDS

__all__ = ["KINDS", "classify_paragraphs"]


# WordPress and most comment widgets: "Avatar Brent says:", "3. Jane Doe says:".
# Present tense and the colon matter: "Trump said:" in a report introduces a quote.
_COMMENT_HEADER = re.compile(
    r"^(?:\d{1,3}[.)]\s*)?(?:avatar\s+)?\S(?:\S|\s(?!\s)){0,60}?\s+(?:says|writes|replies|commented)\s*:\s*$",
    re.IGNORECASE,
)
_COMMENT_FURNITURE = re.compile(r"^(?:reply|log in to reply|like|report|\d+ (?:replies|likes))\s*$", re.I)

# Lines that are furniture wherever they occur.
_FURNITURE = re.compile(
    r"^(?:tweet|share|share this|print|email|act now|follow us.*|subscribe.*|sign up.*|donate.*|"
    r"tags?:.*|edited by:?.*|filed under:?.*|categories:?.*|related(?: (?:posts|articles|stories))?:?|"
    r"read more.*|keep reading.*|show (?:more|less)|remind me later\.?|advertisement|"
    r"latest|more|menu|search|home|skip to (?:main )?content|cookie.*|.*all rights reserved.*|"
    r"(?:copyright|©).*|photo:.*|image:.*|source:.*|\|+|[-–—*•·|=_~#\s]+)$",
    re.IGNORECASE,
)
# A line that opens an appeal to readers; everything after it, up to a comment
# thread, belongs to the appeal.
_APPEAL = re.compile(
    r"^(?:a message from\b.*|dear readers?[,:!]?|since you['’]re here\b.*|"
    r"(?:please )?support (?:us|our|independent)\b.*|(?:become|join) (?:a )?(?:member|patron|subscriber)s?\b.*)$",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"\((?:image|photo|picture|credit|source)s?:[^)]*\)\s*$|^(?:l-r|r-l|left to right|pictured)[:,]|"
    r"\b(?:shutterstock|getty images|reuters/|ap photo|afp/|/pool)\b|\.(?:jpe?g|png|gif|webp)\b|^shutterstock",
    re.IGNORECASE,
)
_TEASER_OPENERS = re.compile(r"^(?:\|\||related|more (?:from|stories|on)\b.*|you may also like.*|recommended.*)$", re.I)
_TEASER_END = re.compile(r"keep\s*reading|show\s*less|read\s*more", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def classify_paragraphs(texts: Sequence[str]) -> list[tuple[str, str]]:
    """Return ``(kind, reason)`` for each paragraph text of one document, in order.

    >>> classify_paragraphs(["Tweet", "Putin met Trump in Helsinki, officials said on Monday.", "Avatar Brent says:"])
    [('boilerplate', 'navigation'), ('body', ''), ('comment', 'comment header')]
    """
    result: list[tuple[str, str]] = []
    first_prose = _first_prose(texts)
    seen: set[str] = set()
    mode = ""  # "", "appeal", "teaser", "comments": a block that runs until another opens
    for i, text in enumerate(texts):
        stripped = text.strip()
        if _COMMENT_HEADER.match(stripped):
            mode = "comments"
            result.append(("comment", "comment header"))
            continue
        if mode == "comments":
            result.append(("comment", "reader comment"))
            continue
        if _APPEAL.match(stripped):
            mode = "appeal"
        elif _TEASER_OPENERS.match(stripped) or (stripped in seen and _is_short(stripped) and i > len(texts) // 2):
            mode = "teaser"
        result.append(_kind_of(stripped, i, first_prose, seen, mode))
        seen.add(stripped)
    return result


def _kind_of(text: str, index: int, first_prose: int, seen: set[str], mode: str) -> tuple[str, str]:
    if _FURNITURE.match(text) or _COMMENT_FURNITURE.match(text):
        return "boilerplate", "navigation"
    if mode == "appeal":
        return "boilerplate", "appeal to readers"
    if mode == "teaser":
        return "boilerplate", "teaser of another article"
    if _CAPTION.search(text):
        return "boilerplate", "caption or credit"
    if text in seen and len(text) > 30:
        return "boilerplate", "repeated paragraph"
    if _TEASER_END.search(text) and _is_short(text):
        return "boilerplate", "teaser of another article"
    # Before the first long paragraph of an article come its title, banners and bylines;
    # a document with no long paragraph (a note, a list) has no such preamble.
    if index < first_prose and _is_short(text, 14) and (index == 0 or ":" in text or not _SENTENCE_END.search(text)):
        return "heading", "title or preamble"
    if _is_short(text) and not _SENTENCE_END.search(text):
        return "heading", "heading"
    if _is_title_case(text):
        return "heading", "title-case headline"
    return "body", ""


def _is_title_case(text: str) -> bool:
    """'We Know for Certain That The KGB Had Access to Trump': a headline, not prose."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) >= 4]
    if len(words) < 5 or len(text.split()) > 40 or text.rstrip().endswith("."):
        return False
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _is_short(text: str, words: int = 10) -> bool:
    return len(text.split()) <= words


def _first_prose(texts: Sequence[str]) -> int:
    """Index of the first paragraph that reads like running text (a long sentence)."""
    for i, text in enumerate(texts):
        if len(text.split()) >= 20:
            return i
    return 0
