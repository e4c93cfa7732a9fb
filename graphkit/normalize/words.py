"""Word lists that cleaning and resolution read: data files in ``graphkit/data``, loaded once.

Every list is data with its source stated at the top of its file, so a newcomer extends
graphkit by adding a line, not code (issue 14).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from importlib import resources

__all__ = [
    "data_lines",
    "titles",
    "given_names",
    "nickname_groups",
    "organisation_words",
    "not_names",
    "fold_word",
]


def fold_word(text: str) -> str:
    """Case, periods and spacing folded: 'A.G.' -> 'ag', 'Et  al.' -> 'et al'."""
    return " ".join(text.casefold().replace(".", "").split())


def data_lines(name: str) -> list[str]:
    """Non-comment, non-blank lines of ``graphkit/data/NAME``."""
    text = resources.files("graphkit").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _sections(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    section = ""
    for line in data_lines(name):
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        else:
            out[section].append(line)
    return out


@functools.cache
def titles() -> dict[str, tuple[str, ...]]:
    """Title phrases by kind (``strong``, ``weak``, ``regnal``, ``role``), as written in titles.txt."""
    return {kind: tuple(lines) for kind, lines in _sections("titles.txt").items()}


@functools.cache
def office_keys() -> frozenset[str]:
    """Matching keys of the ``[office]`` phrases of titles.txt: 'president', 'vice president'.
    A mention of one alone is a role (:mod:`graphkit.roles`), never an entity of its own."""
    from .keys import entity_key

    return frozenset(entity_key(p) for p in titles().get("office", ()))


@functools.cache
def surname_titles() -> frozenset[str]:
    """Title words that are surnames too (``[surname]`` of titles.txt: 'Prince', 'King', 'Major').

    Alone they are kept as a person's short form ('Mr. Prince', a PERSON 'Prince'): the person a
    document introduces takes them, and resolution drops the ones nobody takes.
    """
    return frozenset(fold_word(t) for t in titles().get("surname", ()))


@functools.cache
def given_names() -> frozenset[str]:
    """Folded given names (``graphkit/data/given_names.txt``), without words that are titles or places."""
    from .keys import known_places

    stripped = ("strong", "weak", "regnal", "role")  # "Dean", "Earl" stay given names
    excluded = {fold_word(t) for kind in stripped for t in titles().get(kind, ())} | set(known_places())
    excluded |= {w for group in organisation_words().values() for w in group}
    return frozenset(n for n in data_lines("given_names.txt") if n not in excluded)


@functools.cache
def nickname_groups() -> dict[str, frozenset[str]]:
    """Each given name -> the names it may stand for or be a variant of (itself included).

    From the ``nicknames`` dataset (PyPI, Apache-2.0) plus ``data/nicknames_extra.txt``.
    """
    from nicknames import name_triplets

    links: dict[str, set[str]] = defaultdict(set)
    for triplet in name_triplets():
        a, b = triplet.name1.casefold(), triplet.name2.casefold()
        links[a].add(b)
        links[b].add(a)
    for line in data_lines("nicknames_extra.txt"):
        canonical, _, rest = line.partition("=")
        group = {canonical.strip().casefold(), *(v.strip().casefold() for v in rest.split("|") if v.strip())}
        for name in group:
            links[name] |= group
    return {name: frozenset(others | {name}) for name, others in links.items()}


@functools.cache
def organisation_words() -> dict[str, frozenset[str]]:
    """Folded words by kind (``legal``, ``org``, ``event``, ``law``, ``fac``) from organisations.txt."""
    return {kind: frozenset(fold_word(w) for w in lines) for kind, lines in _sections("organisations.txt").items()}


@functools.cache
def not_names() -> frozenset[str]:
    """Folded strings that are never an entity (salutations, citation shorthand, header words)."""
    return frozenset(fold_word(w) for w in data_lines("not_names.txt"))


@functools.cache
def surname_endings() -> tuple[str, ...]:
    """Family-name endings (``data/surname_endings.txt``), longest first."""
    return tuple(sorted({w.casefold() for w in data_lines("surname_endings.txt")}, key=len, reverse=True))


def surname_shaped(word: str) -> bool:
    """'Akhmetov', 'Zakharova', 'Papadopoulos': a folded word of six letters or more with a
    family-name ending, that is no English word ('improv') and no known place ('Moldova')."""
    from ..formats.pdf.hyphenation import english_words
    from .keys import known_places

    return (
        len(word) >= 6
        and word.isalpha()
        and word.endswith(surname_endings())
        and word not in english_words()
        and word not in known_places()
    )
