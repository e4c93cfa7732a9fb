"""Matching keys and name shapes: the string functions resolution groups and compares forms by."""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

__all__ = [
    "ACRONYMS",
    "entity_key",
    "name_tokens",
    "generational_suffix",
    "is_well_cased",
    "is_acronym",
    "known_places",
]

# Short capitalised words are usually acronyms (FSB, KGB, US); these longer ones are too.
ACRONYMS = frozenset(
    """NATO OPEC NASA FIFA UEFA ISIS ISIL UNESCO UNICEF UNHCR UNRWA UNDP UNEP UNFCCC UNGA UNSC UNAMA
    NAFTA ASEAN BRICS AIPAC SWIFT INTERPOL EUROPOL FRONTEX MERCOSUR CARICOM ECOWAS IGAD SADC OSCE OECD
    IAEA WHO NGO NGOS GCHQ MI5 MI6 NSA NKVD GRU SVR KGB CIA FBI DHS DOJ ODNI NCSC SBU HAMAS COVID AIDS
    NYSE NASDAQ CNN MSNBC BBC NPR RBC TASS RIA IRGC FARC ETA HSBC UBS BNP ENI BP NYPD LAPD ICANN IMF""".split()
)


def is_acronym(word: str) -> bool:
    """'NATO', and compounds of a known acronym and a short tag: 'FBIHQ', 'CIAHQ'."""
    if word in ACRONYMS:
        return True
    return any(word.startswith(a) and len(word) - len(a) <= 2 for a in ACRONYMS if len(a) >= 3)


_GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})

_ORDINALS = {
    w: f"{i}{'st' if i == 1 else 'nd' if i == 2 else 'rd' if i == 3 else 'th'}"
    for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)
}


def entity_key(form: str) -> str:
    """The matching key of a form: case, accents, periods, apostrophes and spacing folded.

    >>> entity_key("U.S.") == entity_key("US"), entity_key("Zelníčková")
    (True, 'zelnickova')
    """
    text = unicodedata.normalize("NFKD", form)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("’", "'").replace("‘", "'").replace(".", "")
    text = re.sub(r"^(?:the|this|that|these|those|our|your|their)\s+", "", text)
    text = re.sub(r"^st\s+(?=\w)", "saint ", text)  # "St. Petersburg" = "Saint Petersburg"
    text = re.sub(r"['`]s$", "", text)
    words = re.sub(r"[\"“”«»()\[\]]", " ", text).replace("-", " ").split()
    # "Ministry of the Interior" = "Ministry of Interior"; "Sixth Directorate" = "6th Directorate"
    words = [_ORDINALS.get(w, w) for i, w in enumerate(words) if not (w == "the" and i > 0 and words[i - 1] == "of")]
    return " ".join(words)


def name_tokens(key: str) -> list[str]:
    """Tokens of a person key without middle initials and generational suffixes.

    >>> name_tokens("donald j trump jr")
    ['donald', 'trump']
    """
    tokens = [t.strip(",") for t in key.replace("-", " - ").split()]
    tokens = [t for t in tokens if t and t != "-"]
    core = [t for t in tokens if t not in _GENERATIONAL]
    if len(core) > 2:
        core = [core[0]] + [t for t in core[1:-1] if len(t) > 1] + [core[-1]]
    return core


def generational_suffix(key: str) -> str:
    tokens = key.replace(",", " ").split()
    return tokens[-1] if tokens and tokens[-1] in _GENERATIONAL else ""


def known_places() -> dict[str, str]:
    """Keys of well-known geopolitical names and their type (``graphkit/data/places.txt``)."""
    global _PLACES
    if _PLACES is None:
        text = resources.files("graphkit").joinpath("data/places.txt").read_text(encoding="utf-8")
        places: dict[str, str] = {}
        for line in text.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            type_ = "LOC" if line.startswith("@LOC ") else "GPE"
            for name in line.removeprefix("@LOC ").split("|"):
                places[entity_key(name)] = type_
        _PLACES = places
    return _PLACES


_PLACES: dict[str, str] | None = None


def is_well_cased(form: str) -> bool:
    """True for 'Donald Trump' and 'KGB', false for 'TRUMP', 'Hillary CLINTON' and 'donald trump'."""
    words = re.findall(r"[^\W\d_]+", form)
    if not words:
        return False
    if len(words) == 1 and form.isupper():
        return len(words[0]) <= 3 or words[0] in ACRONYMS
    shouted = [w for w in words if len(w) >= 4 and w.isupper() and w not in ACRONYMS]
    return not shouted and any(w[0].isupper() for w in words)


@functools.cache
def places_with_and() -> tuple[str, ...]:
    """Known place names with 'and' in them ('Trinidad and Tobago'), as written in places.txt."""
    text = resources.files("graphkit").joinpath("data/places.txt").read_text(encoding="utf-8")
    names = {n for line in text.splitlines() if not line.startswith("#") for n in line.removeprefix("@LOC ").split("|")}
    return tuple(sorted((n for n in names if " and " in n), key=len, reverse=True))
