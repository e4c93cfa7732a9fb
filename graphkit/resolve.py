"""Mentions to entities: all the surface forms of one real entity become one node.

Mentions are grouped by :func:`~graphkit.normalize.entity_key` (case, possessives,
articles and titles are already folded). The groups are then joined across the corpus
by rules that each leave a reason behind, so ``graphkit entities --explain`` can show
why any two forms are one node:

- a person's name with and without middle initials (``Donald J. Trump``);
- a bare surname to the one full name that carries it (``Putin`` -> ``Vladimir Putin``);
- an acronym to the long form the text introduces it with (``Internet Research Agency (IRA)``);
- the built-in aliases of common geopolitical names (``U.S.`` = ``United States``);
- the user's curation (``merge``, ``split``, ``rename``, ``ignore``, ``--aliases FILE``), last.

The type of an entity is a weighted vote over all its mentions, so the small model's
habit of tagging ``TRUMP`` as ORG cannot split or mistype the node.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from .normalize import entity_key, generational_suffix, is_well_cased, name_tokens

if TYPE_CHECKING:
    from .store import Store

__all__ = ["Entity", "resolve_entities", "rebuild_entities", "builtin_aliases", "find_acronyms"]

# Bump when the rules change, so an ingest re-resolves a store that did not change.
RESOLVER_VERSION = "1"
# Labels that a place or group keeps even when a person shares its name ("Washington").
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})
# A surname joins the most frequent full name when that one has this many times the
# mentions of all the others together ("Trump" -> Donald Trump, not Ivanka Trump).
SURNAME_DOMINANCE = 4.0


@dataclass
class _Key:
    key: str
    forms: Counter[str] = field(default_factory=Counter)
    votes: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    titled: int = 0


@dataclass
class Entity:
    label: str
    type: str
    keys: dict[str, str]  # key -> reason it belongs
    forms: Counter[str]
    mentions: int

    @property
    def aliases(self) -> str:
        return "|".join(form for form, _ in self.forms.most_common())


class _Groups:
    """Union-find over keys, remembering why each key joined."""

    def __init__(self, keys: Iterable[str]):
        self.parent = {k: k for k in keys}
        self.reason = {k: "" for k in self.parent}

    def find(self, k: str) -> str:
        root = k
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[k] != root:
            self.parent[k], k = root, self.parent[k]
        return root

    def union(self, keep: str, join: str, reason: str) -> None:
        a, b = self.find(keep), self.find(join)
        if a != b:
            self.parent[b] = a
            if not self.reason[join]:
                self.reason[join] = reason

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for k in self.parent:
            out[self.find(k)].append(k)
        return out


def _collect(stats: Iterable[Sequence]) -> dict[str, _Key]:
    keys: dict[str, _Key] = {}
    for key, form, label, titled, _kind, count, _docs in stats:
        k = keys.setdefault(key, _Key(key))
        k.forms[form] += count
        k.labels[label] += count
        k.mentions += count
        k.votes[label] += count * _vote_weight(form)
        if titled:
            k.titled += count
            k.votes["PERSON"] += 3 * count
    return keys


def _vote_weight(form: str) -> float:
    """How much one mention's label counts: shouted single words are often mislabelled."""
    if form.isupper() and " " not in form and len(form) > 3:
        return 0.3
    if " " in form and is_well_cased(form):
        return 2.0
    return 1.0


def _type_of(k: _Key) -> str:
    return k.votes.most_common(1)[0][0] if k.votes else "MISC"


def resolve_entities(
    stats: Iterable[Sequence],
    *,
    acronyms: Iterable[tuple[str, str]] = (),
    curation: Sequence[tuple[str, str, str]] = (),
    aliases: Sequence[tuple[str, str]] | None = None,
) -> list[Entity]:
    """Group mention statistics into entities.

    ``stats``: rows ``(key, form, label, titled, kind, count, documents)`` as given by
    :meth:`graphkit.store.Store.form_stats`; ``acronyms``: ``(long form, acronym)``
    pairs found in the text; ``curation``: ``(op, name, arg)`` rules applied last;
    ``aliases``: ``(canonical, alias)`` pairs (default: :func:`builtin_aliases`).
    """
    keys = _collect(stats)
    groups = _Groups(keys)
    _join_person_variants(keys, groups)
    _join_surnames(keys, groups)
    _join_plurals(keys, groups)
    for long, short in acronyms:
        lk, sk = entity_key(long), entity_key(short)
        if lk in keys and sk in keys:
            groups.union(lk, sk, f"acronym introduced in the text: {long} ({short})")
    for canonical, alias in builtin_aliases() if aliases is None else aliases:
        ck, ak = entity_key(canonical), entity_key(alias)
        if ck in keys and ak in keys and _compatible(keys[ck], keys[ak]):
            groups.union(ck, ak, f"built-in alias of {canonical}")
    return _curate(keys, groups, curation)


def _is_full_name(k: _Key) -> bool:
    return len(name_tokens(k.key)) >= 2 and _type_of(k) == "PERSON"


def _join_person_variants(keys: dict[str, _Key], groups: _Groups) -> None:
    by_core: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in keys.values():
        core = name_tokens(k.key)
        if len(core) >= 2 and _type_of(k) == "PERSON":
            by_core[(" ".join(core), generational_suffix(k.key))].append(k.key)
    for (core, _suffix), members in by_core.items():
        members.sort(key=lambda m: -keys[m].mentions)
        for other in members[1:]:
            groups.union(members[0], other, f"the same name as {_best_form(keys[members[0]])} without initials")


def _join_surnames(keys: dict[str, _Key], groups: _Groups) -> None:
    """A bare surname (or, failing that, a given name) joins the one full name that carries it."""
    surnames: dict[str, list[str]] = defaultdict(list)
    given: dict[str, list[str]] = defaultdict(list)
    for k in keys.values():
        if _is_full_name(k):
            core = name_tokens(k.key)
            surnames[core[-1]].append(k.key)
            given[core[0]].append(k.key)
    for k in keys.values():
        if " " in k.key or _place_like(k):
            continue
        if k.key in surnames:
            target, role = _dominant(surnames[k.key], keys, groups), "surname"
        elif k.key in given and _type_of(k) != "NORP":
            target, role = _dominant(given[k.key], keys, groups), "given name"
        else:
            continue
        if target is not None:
            groups.union(target, k.key, f"{role} of {_best_form(keys[target])}, the only person of that name")


def _join_plurals(keys: dict[str, _Key], groups: _Groups) -> None:
    """'Russians' is the group of 'Russian': plural NORP forms join their singular."""
    for k in keys.values():
        single = keys.get(k.key[:-1]) if k.key.endswith("s") else None
        if single is not None and _type_of(single) == "NORP" and _type_of(k) in ("NORP", "PERSON"):
            groups.union(single.key, k.key, f"plural of {_best_form(single)}")


def _place_like(k: _Key) -> bool:
    place = sum(k.labels[label] for label in _PLACE_LABELS)
    return k.mentions >= 3 and place >= 0.7 * k.mentions and not k.titled


def _dominant(candidates: list[str], keys: dict[str, _Key], groups: _Groups) -> str | None:
    """The one full name a bare surname stands for, if there is one."""
    by_group: dict[str, int] = Counter()
    plain: dict[str, str] = {}
    for c in candidates:
        root = groups.find(c)
        by_group[root] += keys[c].mentions
        if not generational_suffix(c):
            plain.setdefault(root, c)
    # "Donald Trump Jr." does not take "Trump" from "Donald Trump".
    ranked = sorted(plain, key=lambda r: -by_group[r]) or sorted(by_group, key=lambda r: -by_group[r])
    if not ranked:
        return None
    first = ranked[0]
    rest = sum(by_group[r] for r in ranked[1:])
    if rest == 0 or by_group[first] >= SURNAME_DOMINANCE * rest:
        return plain.get(first, first)
    return None


def _compatible(a: _Key, b: _Key) -> bool:
    """Built-in aliases only join names used as the same broad kind of thing."""
    return _type_of(a) != "PERSON" and _type_of(b) != "PERSON"


def _curate(keys: dict[str, _Key], groups: _Groups, curation: Sequence[tuple[str, str, str]]) -> list[Entity]:
    renames: dict[str, str] = {}
    ignored: set[str] = set()
    detached: set[str] = set()
    anchors: dict[str, str] = {}  # a merge's first name -> the key its aliases join
    for op, name, arg in curation:
        nk, ak = entity_key(name), entity_key(arg)
        if op == "merge":
            anchor = anchors.setdefault(nk, nk if nk in keys else ak)
            if anchor in keys and ak in keys:
                groups.union(anchor, ak, f"merged with {name} by the user")
        elif op == "split" and ak in keys:
            detached.add(ak)
            renames.pop(ak, None)  # an alias file's rename must not follow the form out
        elif op == "rename":
            renames[nk] = arg
        elif op == "ignore":
            ignored.add(nk)
    grouped = groups.groups()
    if detached:
        grouped = _detach(grouped, detached)
    entities = []
    for members in grouped.values():
        member_set = set(members)
        if ignored & member_set:
            continue
        entities.append(_entity(members, keys, groups))
        for nk, new in renames.items():
            if nk in member_set or entity_key(entities[-1].label) == nk:
                entities[-1].label = new
                entities[-1].keys.setdefault(nk, "renamed by the user")
    entities.sort(key=lambda e: (-e.mentions, e.label))
    return entities


def _detach(grouped: dict[str, list[str]], detached: set[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for root, members in grouped.items():
        kept = [m for m in members if m not in detached]
        if kept:
            out[kept[0]] = kept
        for m in members:
            if m in detached:
                out[m] = [m]
    return out


def _entity(members: list[str], keys: dict[str, _Key], groups: _Groups) -> Entity:
    votes: Counter[str] = Counter()
    forms: Counter[str] = Counter()
    for m in members:
        votes.update(keys[m].votes)
        forms.update(keys[m].forms)
    for m in members:
        # A full name the model reads as a person makes the whole entity a person:
        # "Donald Trump" outweighs sixty "Trump" mentions tagged ORG (issue 2).
        if _is_full_name(keys[m]):
            votes["PERSON"] += 5 * keys[m].mentions
    type_ = votes.most_common(1)[0][0] if votes else "MISC"
    label = _label(forms, type_)
    reasons = {m: groups.reason[m] or "" for m in members}
    anchor = entity_key(label)
    for m in members:
        if not reasons[m]:
            reasons[m] = "the entity's own name" if m == anchor else "variant spelling, case or possessive"
    return Entity(label, type_, reasons, forms, sum(keys[m].mentions for m in members))


def _label(forms: Counter[str], type_: str) -> str:
    """The most informative well-cased form: 'Donald Trump', not 'TRUMP' or 'Trump'."""
    def score(item: tuple[str, int]) -> tuple:
        form, count = item
        tokens = len(form.split())
        if type_ == "PERSON":
            return (is_well_cased(form), min(tokens, 4), count)
        return (is_well_cased(form), count * (1 + 0.5 * (min(tokens, 4) - 1)), -len(form))

    return max(forms.items(), key=score)[0]


_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w’'&.-]*\s+(?:(?:of|the|for|and|on|in|de|du|la|al)\s+)*){1,8})\(([A-Z][A-Za-z]{1,7})\)")


def find_acronyms(texts: Iterable[str]) -> set[tuple[str, str]]:
    """``(long form, acronym)`` pairs introduced as ``Long Form (LF)``.

    >>> sorted(find_acronyms(["staff of the Internet Research Agency (IRA) said"]))
    [('Internet Research Agency', 'IRA')]
    """
    found = set()
    for text in texts:
        for m in _ACRONYM_DEF.finditer(text):
            words, short = m.group(1).split(), m.group(2)
            letters = [c for c in short if c.isupper()]
            # Take the shortest tail of the words whose capitalised initials spell the acronym.
            for i in range(len(words) - 1, -1, -1):
                tail = words[i:]
                initials = [w[0] for w in tail if w[0].isupper()]
                if initials == letters and tail[0][0].isupper():
                    found.add((" ".join(tail), short))
                    break
    return found


def builtin_aliases() -> list[tuple[str, str]]:
    """``(canonical, alias)`` pairs from ``graphkit/data/aliases.txt``."""
    text = resources.files("graphkit").joinpath("data/aliases.txt").read_text(encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            canonical, rest = line.split("=", 1)
            pairs.extend((canonical.strip(), a.strip()) for a in rest.split("|") if a.strip())
    return pairs


def _best_form(k: _Key) -> str:
    return _label(k.forms, _type_of(k))


def rebuild_entities(store: Store) -> int:
    """Resolve the whole store again (after an ingest or a curation change); returns the entity count."""
    entities = resolve_entities(
        store.form_stats(),
        acronyms=find_acronyms(store.texts_with_parentheses()),
        curation=[(op, name, arg) for op, name, arg, _source in store.curation()],
    )
    rows = [(i, e.label, e.type, e.aliases) for i, e in enumerate(entities, 1)]
    keys = [(k, i, reason) for i, e in enumerate(entities, 1) for k, reason in e.keys.items()]
    store.write_entities(rows, _unique_keys(keys), resolver=RESOLVER_VERSION)
    return len(rows)


def _unique_keys(keys: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    # A renamed label may add a key that another entity already owns; the first one wins.
    seen: set[str] = set()
    out = []
    for row in keys:
        if row[0] not in seen:
            seen.add(row[0])
            out.append(row)
    return out
