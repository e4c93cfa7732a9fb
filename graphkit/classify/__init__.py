"""Paragraph kinds: evidence (body text, footnotes) versus headings, page furniture and reader comments.

Saved web pages carry navigation, donation appeals, captions, teasers of other
articles and comment threads ("Avatar Brent says:"). Their names are not evidence of
a relationship, so by default only evidence paragraphs make nodes and edges (issues 3
and 10). Each paragraph gets a kind and a short reason, every decision rests on local
evidence, and what is set aside is counted (:mod:`.summary`) so nothing is lost in
silence.
"""

from __future__ import annotations

from .rules import classify_paragraphs
from .summary import HEAVY_SHARE, SetAside, left_out, set_aside

# The kinds themselves, and which of them are evidence, are defined in graphkit.vocabulary (issue 15).
__all__ = ["HEAVY_SHARE", "SetAside", "classify_paragraphs", "left_out", "set_aside"]
