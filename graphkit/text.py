"""Characters, words and lines: the small text rules several stages share, defined once (issue 15).

Readers clean control characters and mend hyphenated line breaks; case restoration and
acronym spelling skip the same function words. Each rule used to be written out in two
or three modules, slightly differently.
"""

from __future__ import annotations

import re

__all__ = ["CONTROL_CHARS", "FUNCTION_WORDS", "NAME_PARTICLES", "join_lines"]

# C0 controls and DEL, except tab, line feed, form feed and carriage return (which split
# lines and paragraphs). They are noise to NER and forbidden in XML exports.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# English words that are lower-case inside a name ("Bank of America", "Committee to
# Protect Journalists"): kept lower-case when shouted text is re-cased, skipped when a
# name is spelled out as its acronym.
FUNCTION_WORDS = frozenset("a an and as at but by for from in into of on or per the to vs via with".split())
# Particles of names in other languages, skipped like function words when spelling an acronym.
NAME_PARTICLES = frozenset("de du la al von van der".split())


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph, mending words hyphenated at a line break.

    >>> join_lines(["the Special Coun-", "sel and then-", "FBI Director", "Rosenstein—", "then"])
    'the Special Counsel and then-FBI Director Rosenstein—then'
    """
    out = lines[0] if lines else ""
    for line in lines[1:]:
        if out.endswith("\u00ad"):
            out = out[:-1] + line
        elif out.endswith("-") and out[-2:-1].isalpha() and line[:1].islower():
            out = out[:-1] + line
        elif out.endswith(("-", "—", "–", "/")) and out[-2:-1].isalnum():
            out += line
        else:
            out += " " + line
    return out
