"""Near misses: names in the corpus close to a listed name, reported with a score, never merged.

Two kinds of closeness, both on folded keys (so a transliteration is not a near miss but
a match): one edit away (``Jinpin`` for ``Jinping``, ``Manaford`` for ``Manafort``), and
the same surname with another given name or initials (``R. Gates`` or ``Rick Gates`` for
``Richard Gates``). A candidate becomes part of the entity only through the user's ``merge``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from .fold import fold_phrase
from .lists import WatchEntry

__all__ = ["Candidate", "fuzzy_candidates"]

ONE_EDIT = "one edit"
SURNAME = "same surname, other given name or initials"
# One edit of a short key is another name ("Xi"/"Xu", "Lula"/"Lulu"): keys this long at least.
MIN_EDIT_LENGTH = 6
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass(frozen=True)
class Candidate:
    """A corpus form close to a listed name; ``score`` in [0, 1], higher is closer."""

    name: str  # the listed name
    form: str  # as found in the corpus
    score: float
    reason: str
    mentions: int

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "form": self.form,
            "score": self.score,
            "reason": self.reason,
            "mentions": self.mentions,
        }


def fuzzy_candidates(
    entries: Sequence[WatchEntry],
    forms: Iterable[tuple[str, int]],
    *,
    people: Collection[str] | None = None,
    min_score: float = 0.5,
) -> list[Candidate]:
    """Candidates among ``forms`` (``(form, mentions)`` pairs) for ``entries``, best first per name.

    Forms that fold to a listed name or alias are matches, not candidates, and are skipped.
    ``people``: the forms that name persons (the model's label); when given, only those can
    share a listed person's surname ('Al-Quds Al-Sharif' is no relative of Shehbaz Sharif).

    >>> e = [WatchEntry("Richard Gates", "PERSON")]
    >>> [(c.form, c.reason) for c in fuzzy_candidates(e, [("Richard Gate", 2), ("R. Gates", 1), ("RICHARD GATES", 5)])]
    [('Richard Gate', 'one edit'), ('R. Gates', 'same surname, other given name or initials')]
    """
    listed = {fold_phrase(form): i for i, entry in enumerate(entries) for form in entry.forms}
    edits = _deletion_index(k for k in listed if len(k) >= MIN_EDIT_LENGTH)
    surnames = _surname_index(entries)
    best: dict[tuple[int, str], Candidate] = {}
    for form, count in forms:
        key = fold_phrase(form)
        if not key or key in listed:
            continue
        kin = _surname_hits(key, surnames, entries) if people is None or form in people else []
        for index, score, reason in _edit_hits(key, edits, listed) + kin:
            found = Candidate(entries[index].name, form, round(score, 2), reason, count)
            seen = best.get((index, key))
            if score >= min_score and (seen is None or (seen.score, seen.mentions) < (found.score, found.mentions)):
                best[(index, key)] = found
    return sorted(best.values(), key=lambda c: (c.name, -c.score, -c.mentions, c.form))


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _deletion_index(keys: Iterable[str]) -> dict[str, set[str]]:
    """Each key, and each key with one character deleted -> the keys: two strings one edit
    apart share an entry (symmetric deletion), so no pair of names is ever compared blindly."""
    index: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        index[key].add(key)
        for variant in _deletions(key):
            index[variant].add(key)
    return index


def _edit_hits(key: str, index: dict[str, set[str]], listed: dict[str, int]) -> list[tuple[int, float, str]]:
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.fuzz import ratio

    if len(key) < MIN_EDIT_LENGTH - 1:
        return []
    near = set().union(*(index.get(probe, ()) for probe in {key} | _deletions(key)))
    return [
        (listed[k], ratio(k, key) / 100, ONE_EDIT) for k in near if Levenshtein.distance(k, key, score_cutoff=1) <= 1
    ]


def _name_parts(key: str) -> tuple[list[str], str]:
    words = [w for w in key.split() if w not in _SUFFIXES]
    return (words[:-1], words[-1]) if len(words) >= 2 else ([], "")


def _surname_index(entries: Sequence[WatchEntry]) -> dict[str, list[tuple[int, list[str]]]]:
    index: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    for i, entry in enumerate(entries):
        if entry.type != "PERSON":
            continue
        given, surname = _name_parts(fold_phrase(entry.name))
        if given and len(surname) >= 3:
            index[surname].append((i, given))
    return index


def _surname_hits(key: str, index: dict[str, list[tuple[int, list[str]]]], entries) -> list[tuple[int, float, str]]:
    """Listed people of ``key``'s surname whose given names differ.

    Sharing the surname is half the score, the likeness of the given names the rest;
    given names that agree on their initials ("R." for "Richard") score 0.85 or more.
    """
    from rapidfuzz.fuzz import ratio

    given, surname = _name_parts(key)
    hits = []
    for index_, listed_given in index.get(surname, ()) if given else ():
        if given == listed_given:
            continue
        score = 0.5 + ratio(" ".join(given), " ".join(listed_given)) / 200
        if _initials_agree(given, listed_given):
            score = max(score, 0.85)
        hits.append((index_, score, SURNAME))
    return hits


def _initials_agree(given: list[str], listed: list[str]) -> bool:
    """'r' for 'richard', 'd j' for 'donald john': every given word starts as the listed one does."""
    short, long_ = sorted((given, listed), key=len)
    return all(any(word[0] == other[0] for other in long_) for word in short) and (
        any(len(w) == 1 for w in given) or any(len(w) == 1 for w in listed)
    )
