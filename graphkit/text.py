"""Characters, words and lines: the small text rules several stages share, defined once (issue 15).

Readers clean control characters and mend hyphenated line breaks; case restoration and
acronym spelling skip the same function words. Each rule used to be written out in two
or three modules, slightly differently.
"""

from __future__ import annotations

import re

__all__ = ["CONTROL_CHARS", "FUNCTION_WORDS", "NAME_PARTICLES", "join_lines", "inert"]

# C0 controls and DEL, except tab, line feed, form feed and carriage return (which split
# lines and paragraphs). They are noise to NER and forbidden in XML exports.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# What a terminal obeys, or what changes the order in which it shows text: C0 and C1
# controls (ESC starts a command; a C1 CSI is one on its own), DEL, NUL, the bidirectional
# overrides, embeddings, isolates and marks ("Trojan Source"), and the line and paragraph
# separators. None of it belongs in a line of output.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def inert(text: str, *, keep: str = "") -> str:
    r"""``text`` made safe to print to a terminal: every control character shown escaped (issue 11).

    ``keep`` names characters to leave alone (``"\n"`` for a whole block of output).

    >>> print(inert("\x1b]0;pwned\x07\x1b[2J.txt \x00 \x9b \u202egnp.exe"))
    \x1b]0;pwned\x07\x1b[2J.txt \x00 \x9b \u202egnp.exe
    >>> inert("two\nlines", keep="\n")
    'two\nlines'
    """
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escaped(m.group()), text)


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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
