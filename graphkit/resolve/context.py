"""The state the rules share: key statistics, the groups, and per-mention decisions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .groups import Groups
from .model import KeyStats, MentionRow

__all__ = ["Context", "collect"]


@dataclass
class Context:
    keys: dict[str, KeyStats]
    groups: Groups
    mentions: Sequence[MentionRow]
    acronyms: Sequence[tuple[int, str, str]] = ()  # (document, long form, acronym) introduced in the text
    aliases: Sequence[tuple[str, str]] = ()  # (canonical, alias)
    spelling: dict[str, str] = field(default_factory=dict)  # rare key -> the frequent key it misspells
    redirect: dict[int, tuple[str, str]] = field(default_factory=dict)  # mention id -> (key it names, why)
    titles: Mapping[int, str] = field(default_factory=dict)  # mention id -> the office its title names


def collect(mentions: Sequence[MentionRow]) -> dict[str, KeyStats]:
    """Corpus-wide statistics per key: forms, label votes, titles, documents."""
    from .model import vote_weight

    keys: dict[str, KeyStats] = {}
    for m in mentions:
        k = keys.get(m.key)
        if k is None:
            k = keys[m.key] = KeyStats(m.key)
        k.forms[m.form] += 1
        k.labels[m.label] += 1
        k.mentions += 1
        k.votes[m.label] += vote_weight(m.form)
        k.docs.add(m.doc)
        if m.titled:
            k.titled += 1
            k.votes["PERSON"] += 3
    return keys
