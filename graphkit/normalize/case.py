"""Case restoration before NER: shouted words title-cased, redactions blanked, offsets kept."""

from __future__ import annotations

import re

from ..text import FUNCTION_WORDS as _FUNCTION_WORDS
from .keys import is_acronym

__all__ = ["restore_case", "prepare_for_ner"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def restore_case(text: str) -> str:
    """Return ``text`` with shouted words title-cased, keeping every character offset.

    The small English model misses and mislabels names written in capitals
    (``KREMLIN ASSESSMENT OF TRUMP``). Mostly-capital paragraphs are title-cased word
    by word, keeping short acronyms; in ordinary paragraphs only capitalised words of
    four or more letters that are not known acronyms change (``TRUMP`` -> ``Trump``).

    >>> restore_case("PUTIN and LAVROV met the FSB.")
    'Putin and Lavrov met the FSB.'
    """
    letters = [ch for ch in text if ch.isalpha() and ch.lower() != ch.upper()]
    if not letters:
        return text
    shouting = sum(ch.isupper() for ch in letters) > 0.6 * len(letters)
    out = list(text)
    for m in _WORD.finditer(text):
        word = m.group()
        core = re.split(r"['’]", word)[0]
        if not core.isupper():
            continue
        if shouting and core.lower() in _FUNCTION_WORDS:
            new = word.lower() if m.start() > 0 else word[0] + word[1:].lower()
        elif len(core) >= 4 and not is_acronym(core):
            new = word[0] + word[1:].lower()
        else:
            continue
        if len(new) == len(word):  # a few Unicode case mappings change length; leave those alone
            out[m.start() : m.end()] = new
    return "".join(out)


_REDACTION = re.compile(r"\[(?:REDACTED|redacted|Redacted|HARM TO ONGOING MATTER|PERSONAL PRIVACY|GRAND JURY)\]|█+")


def prepare_for_ner(text: str) -> str:
    """Text as the model should see it, offsets unchanged: case restored, redactions blanked.

    >>> prepare_for_ner("Richard Gates,[REDACTED], Roger STONE")
    'Richard Gates,          , Roger Stone'
    """
    return restore_case(_REDACTION.sub(lambda m: " " * len(m.group()), text))
