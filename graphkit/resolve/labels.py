"""Display names and types of entities: the most informative form, and the type priors."""

from __future__ import annotations

import re
from collections import Counter

from ..normalize import entity_key, is_well_cased, known_places
from .model import KeyStats, type_of
from .people import HEAD_NOUNS, head_types

__all__ = ["best_form", "head_of", "label_of", "prior_type"]


def label_of(forms: Counter[str], type_: str) -> str:
    """The most informative well-cased form: 'Donald Trump', not 'TRUMP' or 'Trump';
    'Internet Research Agency', not 'IRA'; 'Special Counsel's Office', not 'Office'."""
    cased = {f: c for f, c in forms.items() if is_well_cased(f)} or dict(forms)
    specific = {f: c for f, c in cased.items() if entity_key(f) not in HEAD_NOUNS} or cased
    if type_ in ("GPE", "LOC"):  # "Haiti", not "Republic of Haiti"
        specific = {f: c for f, c in specific.items() if entity_key(f) in known_places()} or specific
    top = max(specific.values())
    eligible = {f: c for f, c in specific.items() if type_ == "PERSON" or c * 4 >= top}
    return max(
        eligible.items(), key=lambda fc: (min(len(fc[0].split()), 4 if type_ == "PERSON" else 5), fc[1], -len(fc[0]))
    )[0]


def best_form(k: KeyStats) -> str:
    return label_of(k.forms, type_of(k))


_TITLE_TAIL = re.compile(r" (?:of|on|for|against) ")


def head_of(key: str) -> str:
    """The head word of a name's key: the last word before its first "of", "on", "for" or "against".

    >>> head_of("general assembly"), head_of("charter of the united nations"), head_of("special counsel's office")
    ('assembly', 'charter', 'office')
    >>> head_of("treaty on the non-proliferation of nuclear weapons")
    'treaty'
    """
    tokens = _TITLE_TAIL.split(key, maxsplit=1)[0].split()
    return tokens[-1].removesuffix("'s") if tokens else ""


_COMPASS = re.compile(r"^(?:north|south|east|west|central|northern|southern|eastern|western|sub saharan)\s+(.+)$")
_CONTINENTS = frozenset("africa asia europe america americas oceania pacific atlantic arctic antarctica".split())


def prior_type(members: list[str]) -> str | None:
    """'Kiev' is a city, 'National Hotel' a building, 'Davos Summit' an event, 'Acme Inc' a company,
    whatever the small model said: known places, then the head word of the longest name."""
    places = known_places()
    for m in members:
        if m in places:
            return places[m]
        compass = _COMPASS.match(m)
        if compass and (compass.group(1) in places or compass.group(1) in _CONTINENTS):
            return "LOC"  # "West Africa", "Central Asia", "Southern Europe": regions
    heads = head_types()
    for m in sorted(members, key=lambda m: -len(m)):
        if " " in m:
            prior = heads.get(head_of(m)) or heads.get(m.split()[-1])
            if prior:
                return prior
    return None
