"""What the watchlists found: per listed name its mentions, documents, strongest links and near misses.

Reads the store and the graph only: no text is matched again here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..normalize import entity_key
from .apply import stored_entries
from .fuzzy import Candidate, fuzzy_candidates
from .lists import WatchEntry

if TYPE_CHECKING:
    import networkx as nx

    from ..store import Store

__all__ = ["Finding", "watch_report"]


@dataclass
class Finding:
    """One listed name and what the corpus holds of it."""

    entry: WatchEntry
    node: str | None = None  # its node in the graph, None if the graph does not show it
    mentions: int = 0  # of the whole entity, in the graph's paragraphs
    documents: int = 0
    matches: int = 0  # mentions the list found (anywhere in the corpus)
    missed: int = 0  # of those, mentions no NER mention overlaps: the model tagged nothing there
    otherwise: int = 0  # mentions the model tagged, but none with the listed type ('Paris' in 'Paris Hilton')
    match_documents: int = 0
    links: list[dict[str, Any]] = field(default_factory=list)  # strongest first
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.matches > 0 or self.node is not None

    def as_dict(self) -> dict[str, Any]:
        e = self.entry
        return {
            "name": e.name,
            "type": e.type,
            "lists": list(e.lists),
            "note": e.note,
            "entity": self.node,
            "mentions": self.mentions,
            "documents": self.documents,
            "list_matches": self.matches,
            "missed_by_model": self.missed,
            "tagged_otherwise_by_model": self.otherwise,
            "links": self.links,
            "candidates": [c.as_dict() for c in self.candidates],
        }


def watch_report(store: Store, graph: nx.Graph, *, links: int = 3, candidates: int = 5) -> list[Finding]:
    """A :class:`Finding` per listed name, in list order.

    ``links``: strongest links shown per name; ``candidates``: near misses per name (names
    the model found that are one edit from a listed name or share its surname).
    """
    entries = stored_entries(store)
    counts = store.watch_counts()
    holders = store.entities_by_key(entity_key(e.name) for e in entries)
    nodes = {d["entity"]: n for n, d in graph.nodes(data=True)}
    findings = []
    for e in entries:
        f = Finding(e)
        f.matches, f.match_documents, f.missed, f.otherwise = counts.get(entity_key(e.name), (0, 0, 0, 0))
        f.node = next((nodes[i] for i in holders.get(entity_key(e.name), []) if i in nodes), None)
        if f.node is not None:
            d = graph.nodes[f.node]
            f.mentions, f.documents = d["mentions"], d["documents"]
            f.links = _strongest(graph, f.node, links)
        findings.append(f)
    _add_candidates(store, findings, holders, candidates)
    return findings


def _strongest(graph: nx.Graph, node: str, top: int) -> list[dict[str, Any]]:
    rows = [
        {"name": other, "type": graph.nodes[other]["type"], "weight": d["weight"], "documents": d["documents"]}
        for other, d in graph[node].items()
    ]
    rows.sort(key=lambda r: (-r["weight"], r["name"]))
    return rows[:top]


def _add_candidates(store: Store, findings: Sequence[Finding], holders: dict[str, list[int]], top: int) -> None:
    """Near misses among what the model found, leaving out forms already in a listed name's entity."""
    if top <= 0:
        return
    taken = {k for ids in holders.values() for i in ids for k in store.entity_reasons(i)}
    counts: Counter[str] = Counter()
    people: set[str] = set()
    for form, key, label, count in store.ner_forms():
        if key not in taken:
            counts[form] += count
            if label == "PERSON":
                people.add(form)
    by_name: dict[str, list[Candidate]] = {}
    for c in fuzzy_candidates([f.entry for f in findings], counts.items(), people=people):
        by_name.setdefault(c.name, []).append(c)
    for f in findings:
        f.candidates = by_name.get(f.entry.name, [])[:top]
