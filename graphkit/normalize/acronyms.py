"""Acronyms a text introduces: ``Internet Research Agency (IRA)``, ``the GRU (Main Intelligence Directorate)``."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .words import organisation_words

__all__ = ["find_acronyms"]

_PAREN = re.compile(r"\(([^()]{2,40})\)")


def find_acronyms(texts: Iterable[str]) -> set[tuple[str, str]]:
    """``(long form, short form)`` pairs a text introduces: ``Long Form (LF)``, ``LF (Long Form)``,
    or a defined term: ``Long Form ("Form")``, ``Long Form (the "Company")``.

    Matching follows Schwartz and Hearst (2003): every character of the short form is
    found in order in the long form, the first one at the start of a word.

    >>> sorted(find_acronyms(["staff of the Internet Research Agency (IRA) said"]))
    [('Internet Research Agency', 'IRA')]
    >>> sorted(find_acronyms(["extend the New Strategic Arms Reduction Treaty (New START) which"]))
    [('New Strategic Arms Reduction Treaty', 'New START')]
    """
    found = set()
    for text in texts:
        found |= _defined_terms(text)
        for m in _PAREN.finditer(text):
            inside = m.group(1).strip()
            before = text[: m.start()].split()
            if _short_form(inside) and before:
                words = before[-min(len(inside) + 5, 2 * len(inside)) :]
                candidate = " ".join(words).strip(",;:")
                long = _long_form(inside, candidate) or _named_before(inside, candidate)
                if long:
                    found.add((_without_owner(long), inside))
            elif before and _short_form(before[-1].strip(",;:")) and len(inside.split()) >= 2:
                short = before[-1].strip(",;:")
                long = _long_form(short, inside)
                if long == inside:
                    found.add((long, short))
    return found


def _short_form(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 2 and any(c.isupper() for c in words[-1][1:]) and 2 <= len(words[-1]) <= 10


def _long_form(short: str, candidate: str) -> str | None:
    chars = [c.lower() for c in short if c.isalnum()]
    text = candidate.lower()
    i = len(text) - 1
    for j in range(len(chars) - 1, -1, -1):
        while i >= 0 and (text[i] != chars[j] or (j == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
    long = candidate[i + 1 :].strip()
    if not long[:1].isupper() or len(long.split()) < 2 or len(long) <= len(short):
        return None
    return long


_CAPITALISED_RUN = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:of|the|for|and|on)\s+)*)*[A-Z][\w’'-]*)$")
_OWNER = re.compile(r"^.*?['’]s\s+(?=[A-Z])")


def _named_before(short: str, candidate: str) -> str | None:
    """An acronym whose letters are another language's ('GRU' after 'Main Intelligence Directorate'):
    accepted when the capitalised name right before the bracket is an institution's."""
    if not short.isupper() or " " in short:
        return None
    m = _CAPITALISED_RUN.search(candidate)
    if not m or len(m.group(1).split()) < 2:
        return None
    head = m.group(1).split()[-1].casefold()
    words = organisation_words()
    return m.group(1) if head in words.get("org", ()) or head in words.get("law", ()) else None


def _without_owner(long: str) -> str:
    """ "Russian Federation’s Main Intelligence Directorate" -> "Main Intelligence Directorate"."""
    rest = _OWNER.sub("", long)
    return rest if len(rest.split()) >= 2 else long


# A defined term: 'St. Petersburg International Economic Forum (“Forum”)', 'Enron Corp. (the
# "Company")', 'John Doe (hereinafter "Doe")': court filings, contracts and reports name a body
# once in full and then by the short name in quotes.
_DEFINED = re.compile(
    r"\((?:the\s+|hereinafter\s+(?:the\s+)?|collectively,?\s+(?:the\s+)?)?[\"“]([A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,3})[\"”]\)"
)


_NAME_RUN = re.compile(r"((?:[A-Z][\w’'.&-]*\s+(?:(?:of|the|for|and|on)\s+)*)*[A-Z][\w’'.&-]*)$")


def _defined_terms(text: str) -> set[tuple[str, str]]:
    found = set()
    for m in _DEFINED.finditer(text):
        run = _NAME_RUN.search(text[: m.start()].rstrip().rstrip(","))
        if run and len(run.group(1).split()) >= 2 and run.group(1) != m.group(1):
            found.add((_without_owner(run.group(1)), m.group(1)))
    return found
