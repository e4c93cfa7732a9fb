"""Groups and per-mention decisions to entities: the user's curation last, then labels and types."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..normalize import entity_key
from ..normalize.words import office_keys, surname_titles
from .context import Context
from .labels import label_of, prior_type
from .model import Entity, Resolution, vote_weight
from .people import HEAD_NOUNS, head_types

__all__ = ["build_entities"]


@dataclass
class _Curation:
    renames: dict[str, str] = field(default_factory=dict)
    retyped: dict[str, str] = field(default_factory=dict)
    ignored: set[str] = field(default_factory=set)
    detached: set[str] = field(default_factory=set)


def _apply_curation(ctx: Context, rules: Sequence[tuple[str, str, str]]) -> _Curation:
    """merge / split / rename / ignore / type rules, in the order the user gave them."""
    cur = _Curation()
    anchors: dict[str, str] = {}  # a merge's first name -> the key its aliases join
    for op, name, arg in rules:
        nk, ak = entity_key(name), entity_key(arg)
        if op == "merge":
            anchor = anchors.setdefault(nk, nk if nk in ctx.keys else ak)
            if anchor in ctx.keys and ak in ctx.keys:
                ctx.groups.union(anchor, ak, f"merged with {name} by the user", force=True)
        elif op == "split" and ak in ctx.keys:
            cur.detached.add(ak)
            cur.renames.pop(ak, None)  # an alias file's rename must not follow the form out
        elif op == "rename":
            cur.renames[nk] = arg
        elif op == "ignore":
            cur.ignored.add(nk)
        elif op == "type":
            cur.retyped[nk] = arg.upper()
    return cur


@dataclass
class _Pile:
    """What one entity collects from its mentions."""

    forms: Counter[str] = field(default_factory=Counter)
    votes: Counter[str] = field(default_factory=Counter)
    keys: Counter[str] = field(default_factory=Counter)
    redirected: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    mentions: list[tuple[int, str]] = field(default_factory=list)
    titled: int = 0


def build_entities(ctx: Context, curation: Sequence[tuple[str, str, str]] = ()) -> Resolution:
    cur = _apply_curation(ctx, curation)

    def root(key: str) -> str:
        return f"split:{key}" if key in cur.detached else ctx.groups.find(key)  # a group of its own

    piles: dict[str, _Pile] = defaultdict(_Pile)
    for m in ctx.mentions:
        target, why = ctx.redirect.get(m.id, (m.key, ""))
        if m.key in cur.detached:
            target, why = m.key, ""
        pile = piles[root(target)]
        pile.forms[m.form] += 1
        pile.votes[m.label] += vote_weight(m.form)
        if m.titled:
            pile.votes["PERSON"] += 3
            pile.titled += 1
        pile.keys[m.key] += 1
        if why:
            pile.redirected[m.key][why] += 1
        pile.mentions.append((m.id, why))
    ignored = {root(k) for k in cur.ignored if k in ctx.keys}
    heads = set(head_types()) | HEAD_NOUNS | surname_titles() | office_keys()
    entities: list[tuple[Entity, list[tuple[int, str]]]] = []
    index = _CurationIndex(cur, root, ctx.keys)
    for group, pile in piles.items():
        if group in ignored or all(k in heads for k in pile.keys):
            continue  # a head word or title alone that nothing resolved ("Treaty", "Prince") names nothing
        entity = _entity(ctx, group, pile, root)
        _curate_label(entity, group, index)
        entities.append((entity, pile.mentions))
    entities.sort(key=lambda em: (-em[0].mentions, em[0].label))
    assigned = {mid: (i, why) for i, (_, ms) in enumerate(entities) for mid, why in ms}
    return Resolution([e for e, _ in entities], assigned)


def _entity(ctx: Context, group: str, pile: _Pile, root) -> Entity:
    members = list(pile.keys)
    for m, count in pile.keys.items():
        for label, per_mention in ctx.keys[m].bonus.items():
            pile.votes[label] += per_mention * count
    type_ = pile.votes.most_common(1)[0][0] if pile.votes else "MISC"
    if any(ctx.keys[m].person for m in members):
        # A full personal name makes the whole entity a person: "Donald Trump" outweighs
        # sixty "Trump" mentions tagged ORG (issue 2), "Reince Priebus" eighty "Priebus".
        type_ = "PERSON"
    else:
        type_ = prior_type(members) or type_
        if type_ == "PERSON" and all(f.isupper() for f in pile.forms) and not pile.titled:
            type_ = "ORG"  # "EPMI", "PGT": people are not called by capital initials in running text
    label = label_of(pile.forms, type_)
    anchor = entity_key(label)
    reasons: dict[str, str] = {}
    for m in members:
        if root(m) == group:
            own = ctx.groups.reason.get(m, "")
            reasons[m] = own or ("the entity's own name" if m == anchor else "variant spelling, case or possessive")
        else:
            why, count = pile.redirected[m].most_common(1)[0]
            docs = sum(pile.redirected[m].values())
            reasons[m] = why if docs == count else f"{why} (and {docs - count} more mentions, see --document)"
    return Entity(label, type_, reasons, pile.forms, sum(pile.keys.values()))


class _CurationIndex:
    """The user's renames and types (by name key, in the order given) indexed once: by position, and
    by the group holding their name. A watchlist of 50,000 names is 100,000 such rules (issue 18);
    looking them up per entity keeps resolution linear."""

    def __init__(self, cur: _Curation, root, known: dict) -> None:
        self.renames, self.retypes = list(cur.renames.items()), list(cur.retyped.items())
        self.rename_pos = {nk: i for i, (nk, _) in enumerate(self.renames)}
        self.retype_pos = {nk: i for i, (nk, _) in enumerate(self.retypes)}
        self.rename_at = self._by_group(self.renames, root, known)
        self.retype_at = self._by_group(self.retypes, root, known)

    @staticmethod
    def _by_group(rules: list[tuple[str, str]], root, known: dict) -> dict[str, set[int]]:
        at: dict[str, set[int]] = defaultdict(set)
        for i, (nk, _) in enumerate(rules):
            if nk in known:
                at[root(nk)].add(i)
        return at


def _curate_label(entity: Entity, group: str, index: _CurationIndex) -> None:
    """The user's renames and types apply to the entity holding the name, or labelled by it: in the
    order they were given, a rename's new label open to the renames after it."""
    due, done = index.rename_at.get(group, set()), -1
    while True:
        here = index.rename_pos.get(entity_key(entity.label))
        nxt = min((i for i in due | ({here} if here is not None else set()) if i > done), default=None)
        if nxt is None:
            break
        nk, entity.label = index.renames[nxt]
        entity.keys.setdefault(nk, "renamed by the user")
        done = nxt
    here = index.retype_pos.get(entity_key(entity.label))
    for i in sorted(index.retype_at.get(group, set()) | ({here} if here is not None else set())):
        entity.type = index.retypes[i][1]
