"""Offices and institutions a document uses as names: "the President" of a report about one
president, "the Campaign" of a report about one campaign (issue 14).

Volume II of a report calls its subject "the President" 1,254 times and "President Trump"
fourteen; the model tags none of the first, so most of its paragraphs lose him. Written
capitalised after "the", and used at least ``LEAST_USES`` times in one document, an office
of the ``[office]`` list of ``titles.txt`` is a name. Here it becomes a mention of that
office ("President"); resolution (:mod:`graphkit.resolve.roles`) gives it to the person the
document, or else the corpus, gives that title most.

The same holds for the generic head of an institution's name (``HEAD_NOUNS``: "the Campaign",
"the Office", "the Department"): used so, it becomes an ORG mention of that word, which
resolution gives to the one institution of that head the document names in full just before,
or the one the corpus names most (:func:`graphkit.resolve.rules.join_generic_heads`).

Not a name: the office followed by "of" ("the President of the General Assembly") or by
a capitalised word ("the President Trump"), a lower-case "the president", and an office a
document names fewer than ``LEAST_USES`` times ("I thank the President").
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping

from .extract import Mention
from .normalize import entity_key, title_ending
from .normalize.words import titles
from .resolve.people import HEAD_NOUNS

__all__ = ["LEAST_USES", "tag_offices", "office_before", "offices"]

LEAST_USES = 3


@functools.cache
def offices() -> tuple[str, ...]:
    """The ``[office]`` phrases of titles.txt, longest first."""
    return tuple(sorted(titles().get("office", ()), key=len, reverse=True))


def _capitalised(phrase: str) -> str:
    """'vice president' -> 'V(?i:ice) P(?i:resident)': each word capitalised, the rest in any case."""
    words = []
    for word in re.split(r"([ -])", phrase):
        if word in (" ", "-"):
            words.append(r"\s+" if word == " " else "-")
        else:
            words.append(re.escape(word[0].upper()) + (f"(?i:{re.escape(word[1:])})" if word[1:] else ""))
    return "".join(words)


@functools.cache
def _uses() -> re.Pattern[str]:
    phrases = sorted({*offices(), *HEAD_NOUNS}, key=len, reverse=True)
    alternatives = "|".join(_capitalised(p) for p in phrases)
    return re.compile(rf"\b[Tt]he\s+({alternatives})(?![\w-])(?!\s+(?:of\b|[A-Z]))")


def office_before(prefix: str) -> str | None:
    """The office key of the title that ends ``prefix`` (the text before a titled name), if any.

    >>> office_before("Then Vice President "), office_before("the Chief of Staff ")
    ('vice president', None)
    """
    title = title_ending(prefix, "office")
    return entity_key(title) if title else None


def tag_offices(texts: Mapping[int, str], found: Mapping[int, list[Mention]]) -> dict[int, list[Mention]]:
    """``found`` with a mention for each use of an office (a PERSON) or an institution's head word (an
    ORG) the document uses as a name."""
    uses: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for number, text in texts.items():
        taken = [(m.start, m.end) for m in found.get(number, ())]
        for m in _uses().finditer(text):
            start, end = m.span(1)
            if not any(s < end and start < e for s, e in taken):
                uses[entity_key(m.group(1))].append((number, start, end))
    out = {number: list(ms) for number, ms in found.items()}
    for places in uses.values():
        if len(places) < LEAST_USES:
            continue
        for number, start, end in places:
            name = texts[number][start:end]
            label = "ORG" if entity_key(name) in HEAD_NOUNS else "PERSON"
            out.setdefault(number, []).append(Mention(start, end, name, label, " ".join(name.split()), False))
    for ms in out.values():
        ms.sort(key=lambda m: m.start)
    return out
