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

from .normalize import entity_key, generational_suffix, is_well_cased, known_places, name_tokens
from .text import FUNCTION_WORDS, NAME_PARTICLES
from .watchlist.apply import stored_entries, watch_rules

if TYPE_CHECKING:
    from .store import Store

__all__ = ["Entity", "resolve_entities", "rebuild_entities", "builtin_aliases", "find_acronyms"]

# Bump when the rules change, so an ingest re-resolves a store that did not change.
RESOLVER_VERSION = "7"
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
    person: bool = False  # a full personal name (set by _mark_people)


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

    def __init__(self, keys: dict[str, _Key]):
        self.parent = {k: k for k in keys}
        self.reason = {k: "" for k in self.parent}
        # What each group holds: a person's full name, or a multi-word name of something else.
        # Rules never join the two (a chain of plausible steps must not make "J.D. Gordon"
        # one node with "Justice Department"); the user's curation can.
        self.person = {k: v.person for k, v in keys.items()}
        self.thing = {k: " " in k and not v.person and _type_of(v) != "PERSON" for k, v in keys.items()}

    def find(self, k: str) -> str:
        root = k
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[k] != root:
            self.parent[k], k = root, self.parent[k]
        return root

    def union(self, keep: str, join: str, reason: str, *, force: bool = False) -> bool:
        a, b = self.find(keep), self.find(join)
        if a == b:
            return True
        if not force and ((self.person[a] and self.thing[b]) or (self.thing[a] and self.person[b])):
            return False
        self.parent[b] = a
        self.person[a] = self.person[a] or self.person[b]
        self.thing[a] = self.thing[a] or self.thing[b]
        if not self.reason[join]:
            self.reason[join] = reason
        return True

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
    _mark_people(keys)
    _mark_families(keys)
    groups = _Groups(keys)
    _join_person_variants(keys, groups)
    _join_surnames(keys, groups)
    _join_plurals(keys, groups)
    _join_acronyms(keys, groups, acronyms)
    _join_aliases(keys, groups, builtin_aliases() if aliases is None else aliases)
    _join_qualified(keys, groups)
    _join_generic_heads(keys, groups)
    return _curate(keys, groups, curation)


def _mark_families(keys: dict[str, _Key]) -> None:
    """'the Bidens', 'the Trumps': a surname in the plural names people, whatever the model said."""
    surnames = {name_tokens(k.key)[-1] for k in keys.values() if _is_full_name(k)}
    for k in keys.values():
        if " " not in k.key and k.key.endswith("s") and k.key[:-1] in surnames:
            k.votes["PERSON"] += 10 * k.mentions


def _join_aliases(keys: dict[str, _Key], groups: _Groups, aliases: Sequence[tuple[str, str]]) -> None:
    """Built-in aliases: every form of one canonical name present in the corpus is joined."""
    by_canonical: dict[str, list[str]] = defaultdict(list)
    for canonical, alias in aliases:
        for name in (canonical, alias):
            k = entity_key(name)
            if k in keys and k not in by_canonical[canonical] and _type_of(keys[k]) != "PERSON":
                by_canonical[canonical].append(k)
    for canonical, present in by_canonical.items():
        for k in present[1:]:
            groups.union(present[0], k, f"built-in alias of {canonical}")


def _join_acronyms(keys: dict[str, _Key], groups: _Groups, defined: Iterable[tuple[str, str]]) -> None:
    """'IRA' joins 'Internet Research Agency': introduced in the text, or spelled by one name's initials."""
    for long, short in defined:
        lk, sk = entity_key(long), entity_key(short)
        if lk in keys and sk in keys:
            groups.union(lk, sk, f"acronym introduced in the text: {long} ({short})")
    spelled: dict[str, list[str]] = defaultdict(list)
    for k in keys.values():
        if k.person or _type_of(k) == "PERSON":
            continue
        # The whole name spells it, or what follows its last "of": "Title 28 of the Code of
        # Federal Regulations" spells CFR.
        tails = [k.key] + [k.key.split(" of ", i)[-1] for i in range(1, k.key.count(" of ") + 1)]
        for tail in tails:
            tokens = [t for t in tail.split() if t not in _FUNCTION_WORDS]
            if len(tokens) >= 2 and all(t[0].isalpha() for t in tokens):
                spelled["".join(t[0] for t in tokens)].append(k.key)
    for k in keys.values():
        if " " in k.key or not 2 <= len(k.key) <= 6 or _type_of(k) == "PERSON":
            continue
        if not any(f.isupper() for f in k.forms):
            continue
        targets = {groups.find(c) for c in spelled.get(k.key, [])}
        if len(targets) == 1:
            target = spelled[k.key][0]
            groups.union(target, k.key, f"acronym of {_best_form(keys[target])}, the only name with those initials")


_FUNCTION_WORDS = FUNCTION_WORDS | NAME_PARTICLES  # skipped when a name is spelled as its acronym
# "Jumpstart" and "Jumpstart Party", "ABC" and "ABC TV": the name with and without a generic word.
_GENERIC_SUFFIXES = frozenset("party tv inc corp corporation company co ltd llc plc group holdings movement".split())
# A bare head noun ("the Office", "the Campaign") stands for the one name it heads in the corpus.
_HEAD_NOUNS = frozenset(
    """office department campaign committee order agency ministry bureau council court administration
    commission company service institute university foundation board directorate""".split()
)


def _join_qualified(keys: dict[str, _Key], groups: _Groups) -> None:
    """'Russian Foreign Ministry' is 'Foreign Ministry'; 'Jumpstart Party' is 'Jumpstart'."""
    by_rest: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in keys.values():
        tokens = k.key.split()
        if len(tokens) < 2 or _type_of(k) == "PERSON":
            continue
        for i in (1, 2):
            prefix, rest = " ".join(tokens[:i]), " ".join(tokens[i:])
            if not (rest and prefix in keys and rest in keys):
                continue
            p, r = keys[prefix], keys[rest]
            qualifier = _type_of(p) in ("NORP", "GPE") or (_type_of(p) == "ORG" and any(f.isupper() for f in p.forms))
            # A bare head noun ("Office") is left to _join_generic_heads, which checks it is unambiguous.
            body = _type_of(r) in ("ORG", "FAC") and rest not in _HEAD_NOUNS
            if qualifier and body:
                by_rest[rest].append((k.key, prefix))
        if tokens[-1] in _GENERIC_SUFFIXES:
            base = " ".join(tokens[:-1])
            if base in keys and _type_of(keys[base]) != "PERSON":
                groups.union(k.key, base, f"{_best_form(k)} without '{tokens[-1]}'")
    for rest, qualified in by_rest.items():
        if len({q for q, _ in qualified}) == 1:  # "UN Security Council" and "Russian Security Council": leave both
            full, prefix = qualified[0]
            groups.union(full, rest, f"{_best_form(keys[full])} without '{_best_form(keys[prefix])}'")


def _head(key: str) -> str:
    tokens = key.split(" of ")[0].split()
    return tokens[-1] if tokens else ""


def _join_generic_heads(keys: dict[str, _Key], groups: _Groups) -> None:
    headed: dict[str, list[str]] = defaultdict(list)
    for k in keys.values():
        if " " in k.key and _type_of(k) != "PERSON":
            headed[_head(k.key).replace("'s", "")].append(k.key)
    for k in keys.values():
        if k.key in _HEAD_NOUNS and k.key in headed:
            target = _dominant(headed[k.key], keys, groups, allow_suffixed=True)
            if target is not None:
                groups.union(target, k.key, f"short for {_best_form(keys[target])}, the only {k.key} named in full")


def _is_full_name(k: _Key) -> bool:
    return k.person


def _mark_people(keys: dict[str, _Key]) -> None:
    """Full personal names: two to four words the model calls PERSON, none of them a place,
    a nationality, an acronym or an institution's head noun ("Turkish Muslim", "European
    Union" and "Kim Jong UN" are not); and two or three capitalised words whose last word
    the corpus mostly uses alone as a person ("Reince Priebus" when "Priebus" is).
    """
    places = known_places()
    unnamed = {k.key for k in keys.values() if " " not in k.key and _not_a_name(k)}

    def name_like(k: _Key) -> bool:
        tokens = k.key.split()
        return k.key not in places and not any(
            t in _HEAD_TYPES or t in _HEAD_NOUNS or t in _GENERIC_SUFFIXES or t in places or t in unnamed
            for t in tokens
        )

    for k in keys.values():
        k.person = 2 <= len(name_tokens(k.key)) <= 4 and _type_of(k) == "PERSON" and name_like(k)
    for k in keys.values():
        tokens = k.key.split()
        if k.person or not 2 <= len(tokens) <= 3 or not name_like(k):
            continue
        form = _best_form(k)
        if not all(w[:1].isupper() and w.replace("-", "").isalpha() and not w.isupper() for w in form.split()):
            continue
        # Organisations are seldom called by their last word; people are.
        alone = keys.get(tokens[-1])
        if alone is not None and alone.labels["PERSON"] * 2 >= alone.mentions:
            k.person = True
            k.votes["PERSON"] += 2 * k.mentions


_DEMONYM = re.compile(r"(?:an|ans|ese|ish|i|is|ic|ics|ch|ite|ites|im|ims|ist|ists|s)$")


def _not_a_name(k: _Key) -> bool:
    """A word that cannot be part of a personal name: a nationality, a place, a known acronym."""
    if k.key in known_places() or k.key in _builtin_alias_keys():
        return True
    if k.labels["NORP"] * 5 >= k.mentions and _DEMONYM.search(k.key):
        return True  # "Palestinians", "Africans"; the model's NORP "Krupnov" is still a surname
    acronym = all(f.isupper() for f in k.forms) or any("." in f for f in k.forms)
    return acronym and len(k.key) <= 6 and k.labels["PERSON"] * 2 < k.mentions  # "UN", "ASEAN", "U.N."


def _builtin_alias_keys() -> frozenset[str]:
    global _ALIAS_KEYS
    if _ALIAS_KEYS is None:
        _ALIAS_KEYS = frozenset(entity_key(name) for pair in builtin_aliases() for name in pair)
    return _ALIAS_KEYS


_ALIAS_KEYS: frozenset[str] | None = None


_NICKNAMES = {
    "mike": "michael",
    "bob": "robert",
    "rob": "robert",
    "bill": "william",
    "will": "william",
    "jim": "james",
    "jimmy": "james",
    "dick": "richard",
    "rick": "richard",
    "tom": "thomas",
    "steve": "stephen",
    "dave": "david",
    "joe": "joseph",
    "tony": "anthony",
    "andy": "andrew",
    "ted": "edward",
    "ed": "edward",
    "liz": "elizabeth",
    "kate": "katherine",
    "sasha": "alexander",
    "misha": "mikhail",
    "volodymyr": "vladimir",
    "jack": "john",
}


def _given(token: str, others: set[str]) -> str:
    """A given name in its full form: 'Don' -> 'Donald' when 'Donald' is used, 'Mike' -> 'Michael'."""
    if token in _NICKNAMES:
        return _NICKNAMES[token]
    longer = [o for o in others if o.startswith(token) and o != token and len(token) >= 3]
    return min(longer, key=len) if len(longer) == 1 else token


def _join_person_variants(keys: dict[str, _Key], groups: _Groups) -> None:
    """'Donald J. Trump' = 'Donald Trump'; 'Don McGahn' = 'Donald McGahn'; 'Trump Jr.' = 'Donald Trump Jr.'."""
    firsts = {name_tokens(k.key)[0] for k in keys.values() if k.person}
    by_core: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in keys.values():
        core = name_tokens(k.key)
        if len(core) >= 2 and k.person:
            core = [_given(core[0], firsts), *core[1:]]
            by_core[(" ".join(core), generational_suffix(k.key))].append(k.key)
    by_suffixed_surname: dict[str, list[str]] = defaultdict(list)
    for (core, suffix), members in by_core.items():
        if suffix:
            by_suffixed_surname[f"{core.split()[-1]} {suffix}"].extend(members)
    for k in keys.values():
        if len(k.key.split()) == 2 and generational_suffix(k.key) and len(by_suffixed_surname.get(k.key, [])) >= 1:
            targets = by_suffixed_surname[k.key]
            if len({" ".join(name_tokens(t)) for t in targets}) == 1:
                groups.union(targets[0], k.key, f"surname of {_best_form(keys[targets[0]])}")
    for members in by_core.values():
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
        # A place, nationality or acronym is no surname ("UN" is not Kim Jong Un); a surname
        # the model calls a GPE is ("Deripaska").
        if " " in k.key or _not_a_name(k) or k.key in _HEAD_NOUNS or k.key in _HEAD_TYPES or not k.key.isalpha():
            continue
        if k.key in surnames:
            target, role = _dominant(surnames[k.key], keys, groups), "surname"
        elif k.key in given and _type_of(k) != "NORP" and len(k.key) >= 3:
            target, role = _dominant(given[k.key], keys, groups), "given name"
        else:
            continue
        if target is not None:
            groups.union(target, k.key, f"{role} of {_best_form(keys[target])}, the only person of that name")


def _join_plurals(keys: dict[str, _Key], groups: _Groups) -> None:
    """'Russians' and 'Russian', 'Democrats' and 'Democratic': one group of people."""
    stems: dict[str, list[str]] = defaultdict(list)
    for k in keys.values():
        if " " not in k.key and _type_of(k) in ("NORP", "PERSON") and (_type_of(k) == "NORP" or k.key.endswith("s")):
            stems[re.sub(r"(?:s|ic)$", "", k.key)].append(k.key)
    for members in stems.values():
        norp = [m for m in members if _type_of(keys[m]) == "NORP"]
        if norp and len(members) > 1:
            members.sort(key=lambda m: -keys[m].mentions)
            anchor = norp[0]
            for other in members:
                if other != anchor:
                    groups.union(anchor, other, f"another form of {_best_form(keys[anchor])}")


def _dominant(
    candidates: list[str], keys: dict[str, _Key], groups: _Groups, allow_suffixed: bool = False
) -> str | None:
    """The one full name a bare surname stands for, if there is one."""
    by_group: dict[str, int] = Counter()
    plain: dict[str, str] = {}
    for c in candidates:
        root = groups.find(c)
        by_group[root] += keys[c].mentions
        if allow_suffixed or not generational_suffix(c):
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


def _curate(keys: dict[str, _Key], groups: _Groups, curation: Sequence[tuple[str, str, str]]) -> list[Entity]:
    renames: dict[str, str] = {}
    retyped: dict[str, str] = {}
    ignored: set[str] = set()
    detached: set[str] = set()
    anchors: dict[str, str] = {}  # a merge's first name -> the key its aliases join
    for op, name, arg in curation:
        nk, ak = entity_key(name), entity_key(arg)
        if op == "merge":
            anchor = anchors.setdefault(nk, nk if nk in keys else ak)
            if anchor in keys and ak in keys:
                groups.union(anchor, ak, f"merged with {name} by the user", force=True)
        elif op == "split" and ak in keys:
            detached.add(ak)
            renames.pop(ak, None)  # an alias file's rename must not follow the form out
        elif op == "rename":
            renames[nk] = arg
        elif op == "ignore":
            ignored.add(nk)
        elif op == "type":
            retyped[nk] = arg.upper()
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
        for nk, type_ in retyped.items():
            if nk in member_set or entity_key(entities[-1].label) == nk:
                entities[-1].type = type_
    entities.sort(key=lambda e: (-e.mentions, e.label))
    return entities


def _detach(grouped: dict[str, list[str]], detached: set[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for members in grouped.values():
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
    type_ = votes.most_common(1)[0][0] if votes else "MISC"
    if any(_is_full_name(keys[m]) for m in members):
        # A full personal name makes the whole entity a person: "Donald Trump" outweighs
        # sixty "Trump" mentions tagged ORG (issue 2), "Reince Priebus" eighty "Priebus".
        type_ = "PERSON"
    if not any(_is_full_name(keys[m]) for m in members):
        # "Kiev" is a city and "National Hotel" a building, "New Strategic Arms Reduction
        # Treaty" a law, whatever the small model said.
        type_ = _prior_type(members) or type_
    label = _label(forms, type_)

    reasons = {m: groups.reason[m] or "" for m in members}
    anchor = entity_key(label)
    for m in members:
        if not reasons[m]:
            reasons[m] = "the entity's own name" if m == anchor else "variant spelling, case or possessive"
    return Entity(label, type_, reasons, forms, sum(keys[m].mentions for m in members))


_HEAD_TYPES = {
    **dict.fromkeys(
        "treaty act agreement accord convention law code regulations amendment statute protocol order".split(), "LAW"
    ),
    **dict.fromkeys("forum summit conference olympics festival".split(), "EVENT"),
    **dict.fromkeys("hotel airport tower bridge square suite building palace station stadium prison".split(), "FAC"),
    **dict.fromkeys(
        """party agency ministry department office committee council bureau institute university corporation
        company bank directorate service administration commission campaign foundation times post organization
        organisation association federation network""".split(),
        "ORG",
    ),
}


def _prior_type(members: list[str]) -> str | None:
    places = known_places()
    for m in members:
        if m in places:
            return places[m]
    for m in sorted(members, key=lambda m: -len(m)):
        prior = _HEAD_TYPES.get(_head(m).replace("'s", ""))
        if prior and " " in m:
            return prior
    return None


def _label(forms: Counter[str], type_: str) -> str:
    """The most informative well-cased form: 'Donald Trump', not 'TRUMP' or 'Trump';
    'Internet Research Agency', not 'IRA'; 'Special Counsel's Office', not 'Office'."""
    cased = {f: c for f, c in forms.items() if is_well_cased(f)} or dict(forms)
    specific = {f: c for f, c in cased.items() if entity_key(f) not in _HEAD_NOUNS} or cased
    top = max(specific.values())
    eligible = {f: c for f, c in specific.items() if type_ == "PERSON" or c * 4 >= top}
    return max(
        eligible.items(), key=lambda fc: (min(len(fc[0].split()), 4 if type_ == "PERSON" else 5), fc[1], -len(fc[0]))
    )[0]


_PAREN = re.compile(r"\(([^()]{2,40})\)")


def find_acronyms(texts: Iterable[str]) -> set[tuple[str, str]]:
    """``(long form, short form)`` pairs a text introduces: ``Long Form (LF)`` or ``LF (Long Form)``.

    Matching follows Schwartz and Hearst (2003): every character of the short form is
    found in order in the long form, the first one at the start of a word.

    >>> sorted(find_acronyms(["staff of the Internet Research Agency (IRA) said"]))
    [('Internet Research Agency', 'IRA')]
    >>> sorted(find_acronyms(["extend the New Strategic Arms Reduction Treaty (New START) which"]))
    [('New Strategic Arms Reduction Treaty', 'New START')]
    """
    found = set()
    for text in texts:
        for m in _PAREN.finditer(text):
            inside = m.group(1).strip()
            before = text[: m.start()].split()
            if _short_form(inside) and before:
                words = before[-min(len(inside) + 5, 2 * len(inside)) :]
                long = _long_form(inside, " ".join(words).strip(",;:"))
                if long:
                    found.add((long, inside))
            elif before and _short_form(before[-1].strip(",;:")) and len(inside.split()) >= 2:
                short = before[-1].strip(",;:")
                long = _long_form(short, inside)
                if long == inside:
                    found.add((long, short))
    return found


def _short_form(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 2 and any(c.isupper() for c in words[-1][1:]) and 2 <= len(words[-1]) <= 10


def _long_form(short: str, candidate: str) -> str | None:
    chars = [c.lower() for c in short if c.isalnum()]
    text = candidate.lower()
    i = len(text) - 1
    for j in range(len(chars) - 1, -1, -1):
        while i >= 0 and (text[i] != chars[j] or (j == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
    long = candidate[i + 1 :].strip()
    if not long[:1].isupper() or len(long.split()) < 2 or len(long) <= len(short):
        return None
    return long


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
    """Resolve the whole store again (after an ingest or a curation change); returns the entity count.

    Watchlists (issue 18) give their listed names and types as rules applied before the user's.

    Another process may write while this one resolves (issue 6). If it wrote mentions or
    rules, it resolves them itself afterwards (the store stays marked dirty until someone
    does); if it wrote entities, they may be older than what this one read: try again.
    """
    while True:
        generation = store.generation
        entities = resolve_entities(
            store.form_stats(),
            acronyms=find_acronyms(store.texts_with_parentheses()),
            curation=[
                *watch_rules(stored_entries(store)),  # listed names and types first; the user's rules last
                *((op, name, arg) for op, name, arg, _source in store.curation()),
            ],
        )
        rows = [(i, e.label, e.type, e.aliases) for i, e in enumerate(entities, 1)]
        keys = [(k, i, reason) for i, e in enumerate(entities, 1) for k, reason in e.keys.items()]
        if store.write_entities(rows, _unique_keys(keys), resolver=RESOLVER_VERSION, generation=generation):
            return len(rows)
        if store.needs_resolve:
            return store.counts()["entities"]


def _unique_keys(keys: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    # A renamed label may add a key that another entity already owns; the first one wins.
    seen: set[str] = set()
    out = []
    for row in keys:
        if row[0] not in seen:
            seen.add(row[0])
            out.append(row)
    return out
