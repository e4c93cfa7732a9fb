"""Personal names: which keys are full names, which words cannot be names, which given names agree."""

from __future__ import annotations

import functools
import re

from ..normalize import entity_key, known_places, name_tokens
from ..normalize.words import given_names, nickname_groups, office_keys, organisation_words, surname_shaped
from .model import KeyStats, type_of

__all__ = [
    "HEAD_NOUNS",
    "GENERIC_SUFFIXES",
    "mark_people",
    "mark_families",
    "vote_surname_shapes",
    "vote_organisation_words",
    "not_a_name",
    "compatible_given",
    "given_variants",
    "head_types",
    "builtin_aliases",
    "is_regnal",
    "is_demonym",
]

# A bare head noun ("the Office", "the Campaign") stands for the one name it heads in the corpus.
HEAD_NOUNS = frozenset(
    """office department campaign committee order agency ministry bureau council court administration
    commission company service institute university foundation board directorate""".split()
)
# "Jumpstart" and "Jumpstart Party", "ABC" and "ABC TV": the name with and without a generic word.
GENERIC_SUFFIXES = frozenset(
    "party tv movement group holdings organization organisation".split()
) | organisation_words().get("legal", frozenset())


@functools.cache
def head_types() -> dict[str, str]:
    """Head word -> the type it gives a multi-word name ('Treaty' LAW, 'Summit' EVENT, 'Bank' ORG)."""
    words = organisation_words()
    out: dict[str, str] = {}
    for kind, type_ in (("org", "ORG"), ("legal", "ORG"), ("fac", "FAC"), ("event", "EVENT"), ("law", "LAW")):
        for w in words.get(kind, ()):
            out.setdefault(w, type_)
    return out


def mark_people(keys: dict[str, KeyStats]) -> None:
    """Full personal names: two to four words the model calls PERSON, or whose first word is a
    known given name, none of them a place, a nationality, an acronym or an institution's head
    noun; and two or three capitalised words whose last word the corpus mostly uses alone as a
    person ("Reince Priebus" when "Priebus" is).
    """
    places = known_places()
    unnamed = {k.key for k in keys.values() if " " not in k.key and not_a_name(k)}
    heads = head_types()

    def name_like(k: KeyStats) -> bool:
        tokens = name_tokens(k.key)  # initials and "Jr." are no words of the name here
        return k.key not in places and not any(
            t in heads or t in HEAD_NOUNS or t in places or (t in unnamed and not (i == 0 and len(t) <= 3))
            for i, t in enumerate(tokens)  # "J.D. Gordon": leading initials are no acronym
        )

    companies = {" ".join(k.split()[:-1]) for k in keys if k.split()[-1] in heads}  # "arthur andersen" of "... llp"
    offices = office_keys()  # "Vice President" is an office, not a Mr. President (graphkit.roles)
    for k in keys.values():
        tokens = name_tokens(k.key)
        if not 2 <= len(tokens) <= 4 or not name_like(k) or k.key in offices:
            continue
        if type_of(k) == "PERSON":
            k.person = True
        elif k.key in companies:
            continue  # a firm named after its founder ("Arthur Andersen LLP")
        elif _given_name_first(k) or _surname_shaped_last(k):
            k.person = True  # "Oleg Kalugin", "Tori L Wells", "Rinat Akhmetov" typed ORG by the small model
            k.add_votes("PERSON", 2)
    for k in keys.values():
        tokens = k.key.split()
        if k.person or not 2 <= len(tokens) <= 3 or not name_like(k):
            continue
        form = k.forms.most_common(1)[0][0]
        if not all(w[:1].isupper() and w.replace("-", "").isalpha() and not w.isupper() for w in form.split()):
            continue
        alone = keys.get(tokens[-1])  # organisations are seldom called by their last word; people are
        if alone is not None and alone.labels["PERSON"] * 2 >= alone.mentions:
            k.person = True
            k.add_votes("PERSON", 2)


def _surname_shaped_last(k: KeyStats) -> bool:
    """Two or three capitalised words, the last shaped like a family name ('Rinat Akhmetov')."""
    tokens = name_tokens(k.key)
    form = k.forms.most_common(1)[0][0]
    shaped = all(w[:1].isupper() and not w.isupper() for w in form.split())
    return shaped and len(tokens) in (2, 3) and surname_shaped(tokens[-1])


def vote_surname_shapes(keys: dict[str, KeyStats]) -> None:
    """'Akhmetov', 'Erohova': one word shaped like a family name, which the model does not
    mostly call a place or a people, is a person's name (the small model calls such words ORG)."""
    for k in keys.values():
        groups = k.labels["GPE"] + k.labels["LOC"] + k.labels["NORP"]  # "Saratov", "Tigrayan"
        if " " not in k.key and groups * 2 <= k.mentions and surname_shaped(k.key):
            k.add_votes("PERSON", 1.5)


def vote_organisation_words(keys: dict[str, KeyStats]) -> None:
    """'Concord' of 'Concord Management', 'Bloomberg' of 'Bloomberg Energy Service': a word that
    begins an organisation's name in the corpus, and is no person's given name or surname nor a
    known place, is that organisation's short name when the model calls it a person."""
    starts = {k.key.split()[0] for k in keys.values() if " " in k.key and not k.person and type_of(k) == "ORG"}
    names = {t for k in keys.values() if k.person for t in name_tokens(k.key)}
    places = known_places()
    for k in keys.values():
        if k.key in starts and k.key not in names and k.key not in places and k.key not in given_names():
            if type_of(k) == "PERSON":  # a place ("Illinois", "Glasgow") begins many names: left alone
                k.add_votes("ORG", 1.5)


def _given_name_first(k: KeyStats) -> bool:
    """The first word a known given name, the last a word (a capitalised, well-formed name)."""
    tokens = name_tokens(k.key)
    form = k.forms.most_common(1)[0][0]
    shaped = all(w[:1].isupper() and not (w.isupper() and len(w) > 2) for w in form.split())
    return shaped and tokens[0] in given_names() and tokens[-1].isalpha()


def mark_families(keys: dict[str, KeyStats]) -> None:
    """'the Bidens', 'the Trumps': a surname in the plural names people, whatever the model said."""
    surnames = {name_tokens(k.key)[-1] for k in keys.values() if k.person}
    for k in keys.values():
        if " " not in k.key and k.key.endswith("s") and k.key[:-1] in surnames:
            k.add_votes("PERSON", 10)


_DEMONYM = re.compile(r"(?:an|ans|ese|ish|i|is|ic|ics|ch|ite|ites|im|ims|ist|ists|s)$")


def is_demonym(k: KeyStats) -> bool:
    """A word the corpus uses as a group of people or its adjective: 'Republican', 'Democrats'
    (tagged NORP, shaped like a demonym), not 'Jumpstart' (a party the model calls NORP)."""
    return type_of(k) == "NORP" and bool(_DEMONYM.search(k.key))


def not_a_name(k: KeyStats, *, nationality: bool = True) -> bool:
    """A word that cannot be part of a personal name: a nationality, a place, a known acronym.

    With ``nationality=False`` a word the model often calls a nationality may still be a name:
    a document that introduces "Jeff Sessions" settles what its "Sessions" is.
    """
    if k.key in known_places() or k.key in _builtin_alias_keys():
        return True
    norp = k.labels["NORP"] * 5 >= k.mentions and k.labels["NORP"] > k.labels["PERSON"]
    if nationality and norp and _DEMONYM.search(k.key):
        return True  # "Palestinians", "Africans"; the model's NORP "Krupnov" (or "Sessions") is still a surname
    acronym = all(f.isupper() for f in k.forms) or any("." in f for f in k.forms)
    return acronym and len(k.key) <= 6 and k.labels["PERSON"] * 2 < k.mentions  # "UN", "ASEAN", "U.N."


@functools.cache
def _regnal_words() -> frozenset[str]:
    from ..normalize.words import fold_word, titles

    return frozenset(fold_word(t) for t in titles().get("regnal", ()) if " " not in t)


def is_regnal(key: str) -> bool:
    """'pope francis', 'king charles iii': a name by a regnal title, with no surname to share."""
    return key.split()[0] in _regnal_words()


def given_variants(token: str) -> frozenset[str]:
    """A given name and the names it may be a nickname or variant of ('bill' -> william, billy...)."""
    return nickname_groups().get(token, frozenset({token}))


def compatible_given(a: str, b: str) -> bool:
    """Two given names of one person: equal, a nickname pair ('Bill'/'William'), or one a
    shortening of the other ('Don'/'Donald')."""
    if a == b or b in given_variants(a):
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and long.startswith(short)


@functools.cache
def builtin_aliases() -> tuple[tuple[str, str], ...]:
    """``(canonical, alias)`` pairs from ``graphkit/data/aliases.txt``."""
    from ..normalize.words import data_lines

    pairs = []
    for line in data_lines("aliases.txt"):
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            canonical, rest = line.split("=", 1)
            pairs.extend((canonical.strip(), a.strip()) for a in rest.split("|") if a.strip())
    return tuple(pairs)


@functools.cache
def _builtin_alias_keys() -> frozenset[str]:
    return frozenset(entity_key(name) for pair in builtin_aliases() for name in pair)
