"""Questions asked of the graph: names, paths, centrality, neighbours, communities, evidence.

Every function takes the graph (and the store, where evidence is needed) and returns
plain data; printing is the CLI's business.
"""

from __future__ import annotations

import difflib
import weakref
from collections.abc import Callable, Collection, Sequence
from typing import Any

import networkx as nx

from .errors import BadChoice, BadInput, NoPath, UnknownEntity
from .graph import graph_kinds, max_recipients, strength
from .normalize import clean_mention, entity_key
from .store import Evidence, EvidenceReader

__all__ = [
    "CENTRALITY_MEASURES",
    "BETWEENNESS_BUDGET",
    "find_node",
    "shortest_path",
    "path_hops",
    "centrality",
    "neighbors",
    "evidence",
    "message_evidence",
    "link_counts",
    "entity_table",
    "communities",
    "community_of",
    "explain",
    "node_summary",
    "with_spans",
    "snippet",
]

# Betweenness runs one breadth-first search per pivot, each visiting every node and edge;
# NetworkX makes about 3 million such visits a second on this machine. Within this budget
# it is exact; above it, it samples as many pivots as fit and says so, which answers in
# under 5 s on the 100,000 links of the UN sample (issue 5).
BETWEENNESS_BUDGET = 8_000_000
BETWEENNESS_MIN_PIVOTS = 50


def _degree(graph: nx.Graph) -> tuple[dict[str, float], str]:
    return dict(graph.degree()), ""


def _weighted(graph: nx.Graph) -> tuple[dict[str, float], str]:
    return dict(graph.degree(weight=strength(graph))), ""


def _pagerank(graph: nx.Graph) -> tuple[dict[str, float], str]:
    return nx.pagerank(graph, weight=strength(graph)), ""


def _eigenvector(graph: nx.Graph) -> tuple[dict[str, float], str]:
    try:
        return nx.eigenvector_centrality(graph, weight=strength(graph), max_iter=1000), ""
    except nx.PowerIterationFailedConvergence:
        return nx.eigenvector_centrality_numpy(graph, weight=strength(graph)), ""


def _betweenness(graph: nx.Graph) -> tuple[dict[str, float], str]:
    n = graph.number_of_nodes()
    k = max(BETWEENNESS_MIN_PIVOTS, BETWEENNESS_BUDGET // (n + graph.number_of_edges()))
    if k >= n:
        return nx.betweenness_centrality(graph), ""
    note = f"betweenness estimated from {k} sampled pivots of {n:,} nodes (exact would take {n / k:.0f} times as long)"
    return nx.betweenness_centrality(graph, k=k, seed=42), note


# Every centrality measure, by name: ``by`` takes one of these, and so does ``central --by`` (issue 15).
MEASURES: dict[str, Callable[[nx.Graph], tuple[dict[str, float], str]]] = {
    "degree": _degree,
    "weighted": _weighted,
    "betweenness": _betweenness,
    "eigenvector": _eigenvector,
    "pagerank": _pagerank,
}
CENTRALITY_MEASURES: tuple[str, ...] = tuple(MEASURES)


_INDEXES: weakref.WeakKeyDictionary[nx.Graph, dict[str, str]] = weakref.WeakKeyDictionary()


def _index(graph: nx.Graph) -> dict[str, str]:
    """Map every folded label and alias to its node (first by mentions wins)."""
    cached = _INDEXES.get(graph)
    if cached is not None:
        return cached
    index: dict[str, str] = {}
    for node, data in sorted(graph.nodes(data=True), key=lambda nd: -nd[1].get("mentions", 0)):
        for name in [node, data.get("label", node), *str(data.get("aliases", "")).split("|")]:
            if name:
                index.setdefault(entity_key(name), node)
    _INDEXES[graph] = index
    return index


def find_node(graph: nx.Graph, name: str) -> str:
    """The node called ``name`` (any alias, any case, with or without a possessive).

    Raises :class:`UnknownEntity` with the closest known names.

    >>> g = nx.Graph(); g.add_node("Donald Trump", aliases="Donald Trump|TRUMP|Trump")
    >>> find_node(g, "trump's")
    'Donald Trump'
    """
    index = _index(graph)
    key = entity_key(name)
    if key in index:
        return index[key]
    for cleaned in clean_mention(name, "PERSON"):  # "President Trump", "the Kremlin's"
        if entity_key(cleaned.form) in index:
            return index[entity_key(cleaned.form)]
    close = difflib.get_close_matches(key, list(index), n=5, cutoff=0.6)
    starts = [k for k in index if k.startswith(key)] if len(key) >= 3 else []
    suggestions: list[str] = []
    for k in starts[:3] + close:
        label = graph.nodes[index[k]].get("label", index[k])
        if label not in suggestions:
            suggestions.append(label)
    raise UnknownEntity(name, suggestions[:5])


def _without(graph: nx.Graph, avoid: Collection[str], keep: Collection[str]) -> nx.Graph:
    skip = {find_node(graph, name) for name in avoid} - set(keep)
    return nx.restricted_view(graph, skip, []) if skip else graph


def shortest_path(
    graph: nx.Graph,
    source: str,
    target: str,
    *,
    strongest: bool = False,
    avoid: Collection[str] = (),
) -> list[str]:
    """Nodes on the shortest path between two names.

    ``strongest`` prefers strong links (distance ``1/strength``: paragraphs, messages, or
    both, as the graph's links are); ``avoid`` names nodes (hubs) the path must not pass through.
    """
    a, b = find_node(graph, source), find_node(graph, target)
    if a == b:
        raise BadInput(f"{source!r} and {target!r} are the same entity ({a})")
    view = _without(graph, avoid, (a, b))
    try:
        if strongest:
            key = strength(graph)
            return nx.dijkstra_path(view, a, b, weight=lambda u, v, d: 1.0 / d[key])
        return nx.shortest_path(view, a, b)
    except nx.NetworkXNoPath as exc:
        detail = " (avoiding " + ", ".join(avoid) + ")" if avoid else ""
        raise NoPath(a, b, detail + "; they are in different parts of the graph") from exc


def path_hops(store: EvidenceReader, graph: nx.Graph, path: Sequence[str], *, per_hop: int = 3) -> list[dict[str, Any]]:
    """For each hop of a path: both ends, the link's counts and up to ``per_hop`` evidence paragraphs
    (and, in a graph with message links, up to ``per_hop`` messages between the two: ``messages_evidence``)."""
    kinds = graph_kinds(graph)
    hops = []
    for a, b in zip(path, path[1:]):
        data = graph.edges[a, b]
        rows = store.evidence(graph.nodes[a]["entity"], graph.nodes[b]["entity"], kinds, limit=per_hop)
        hop = {"source": a, "target": b, **link_counts(data), "evidence": with_spans(store, graph, rows, (a, b))}
        if data.get("messages"):
            hop["messages_evidence"] = message_evidence(store, graph, a, b, limit=per_hop)
        hops.append(hop)
    return hops


def link_counts(data: dict[str, Any]) -> dict[str, Any]:
    """What backs a link: ``weight`` (paragraphs) and ``documents``; with message links, ``messages`` and ``kind``."""
    return {key: data[key] for key in ("weight", "documents", "messages", "kind") if key in data}


def message_evidence(
    store: EvidenceReader, graph: nx.Graph, a: str, b: str, *, limit: int | None = None
) -> list[dict[str, Any]]:
    """The messages one of two nodes wrote to the other, oldest first, each once (issue 12)."""
    rows = store.message_evidence(
        graph.nodes[a]["entity"], graph.nodes[b]["entity"], limit, max_recipients=max_recipients(graph)
    )
    return [{**r.as_dict(), "mentions": []} for r in rows]


def with_spans(
    store: EvidenceReader, graph: nx.Graph, rows: Sequence[Evidence], names: Sequence[str]
) -> list[dict[str, Any]]:
    """Evidence as dicts, each with the character spans where the named entities occur."""
    wanted = {graph.nodes[n]["entity"]: n for n in names}
    spans: dict[int, list[dict[str, Any]]] = {}
    for pid, start, end, entity in store.spans([r.paragraph_id for r in rows]):
        if entity in wanted:
            spans.setdefault(pid, []).append({"name": wanted[entity], "start": start, "end": end})
    return [{**r.as_dict(), "mentions": spans.get(r.paragraph_id, [])} for r in rows]


def centrality(
    graph: nx.Graph,
    by: str = "pagerank",
    *,
    types: Collection[str] | None = None,
    top: int = 10,
) -> tuple[list[tuple[str, float]], str]:
    """The ``top`` nodes by a centrality measure (one of :data:`CENTRALITY_MEASURES`) and a note on how it was computed.

    >>> g = nx.Graph([("a", "b"), ("a", "c")]); nx.set_node_attributes(g, "PERSON", "type")
    >>> centrality(g, "degree", top=1)
    ([('a', 2.0)], '')
    """
    if by not in MEASURES:
        raise BadChoice("by", by, CENTRALITY_MEASURES)
    if graph.number_of_nodes() == 0:
        return [], "the graph is empty"
    scores, note = MEASURES[by](graph)
    wanted = {t.upper() for t in types} if types else None
    ranked = sorted(
        ((n, float(s)) for n, s in scores.items() if wanted is None or graph.nodes[n]["type"] in wanted),
        key=lambda ns: (-ns[1], ns[0]),
    )
    return ranked[:top], note


def neighbors(graph: nx.Graph, name: str, *, top: int = 20) -> tuple[str, list[dict[str, Any]]]:
    """A node and its neighbours, strongest link first (paragraphs, messages or both, as the graph's links are)."""
    node = find_node(graph, name)
    key = strength(graph)
    rows = [{"name": other, "type": graph.nodes[other]["type"], **link_counts(d)} for other, d in graph[node].items()]
    order = {other: d[key] for other, d in graph[node].items()}
    rows.sort(key=lambda r: (-order[r["name"]], r["name"]))
    return node, rows[:top]


def evidence(
    store: EvidenceReader, graph: nx.Graph, a: str, b: str, *, kinds: Sequence[str] | None = None
) -> tuple[str, str, list[Evidence]]:
    """Every paragraph in which both entities occur."""
    na, nb = find_node(graph, a), find_node(graph, b)
    rows = store.evidence(graph.nodes[na]["entity"], graph.nodes[nb]["entity"], kinds or graph_kinds(graph))
    return na, nb, rows


def node_summary(graph: nx.Graph, node: str) -> dict[str, Any]:
    d = graph.nodes[node]
    return {
        "name": node,
        "label": d["label"],
        "type": d["type"],
        "mentions": d["mentions"],
        "documents": d["documents"],
        "aliases": d["aliases"].split("|"),
        "degree": graph.degree(node),
    }


def entity_table(
    graph: nx.Graph, *, types: Collection[str] | None = None, top: int | None = None
) -> list[dict[str, Any]]:
    """Entities, most mentioned first."""
    wanted = {t.upper() for t in types} if types else None
    rows = [node_summary(graph, n) for n, d in graph.nodes(data=True) if wanted is None or d["type"] in wanted]
    rows.sort(key=lambda r: (-r["mentions"], r["name"]))
    return rows[:top] if top else rows


def communities(graph: nx.Graph, *, members: int = 8, seed: int = 42) -> list[dict[str, Any]]:
    """Louvain communities, largest first, each with its most central members."""
    if graph.number_of_edges() == 0:
        return []
    key = strength(graph)
    groups = nx.community.louvain_communities(graph, weight=key, seed=seed)
    strongest = dict(graph.degree(weight=key))
    out = []
    for group in sorted(groups, key=lambda g: (-len(g), min(g))):
        ranked = sorted(group, key=lambda n: (-strongest[n], n))
        out.append({"size": len(group), "members": ranked[:members]})
    return out


def community_of(graph: nx.Graph, *, seed: int = 42) -> dict[str, int]:
    """Community number of every node (0 = largest), for colouring exports."""
    out: dict[str, int] = {}
    if graph.number_of_edges():
        groups = nx.community.louvain_communities(graph, weight=strength(graph), seed=seed)
        for i, group in enumerate(sorted(groups, key=lambda g: (-len(g), min(g)))):
            out.update(dict.fromkeys(group, i))
    for n in graph:
        out.setdefault(n, len(out))
    return out


def explain(store: EvidenceReader, graph: nx.Graph, name: str, *, document: str | None = None) -> dict[str, Any]:
    """The forms joined into one entity, with the model's labels, counts and the reason for each;
    with ``document`` (part of a file name), also each of its mentions there and why it went here."""
    node = find_node(graph, name)
    entity_id = graph.nodes[node]["entity"]
    reasons = store.entity_reasons(entity_id)
    forms = [
        {"form": form, "label": label, "mentions": count, "why": reasons.get(key, "")}
        for form, label, key, count in store.mentions_of(entity_id)
    ]
    out = {**node_summary(graph, node), "forms": forms}
    if document is not None:
        out["document"] = [
            {"paragraph": number, "form": form, "why": why or reasons.get(key, "")}
            for number, form, key, why in store.mention_reasons(entity_id, document)
        ]
    return out


def snippet(evidence: dict[str, Any], limit: int = 400) -> str:
    """The text of an evidence paragraph, or windows of it around the first mention of each entity.

    ``evidence`` is one item of :func:`with_spans`.

    >>> snippet({"text": "x " * 300 + "Alice met Bob.", "mentions": [{"name": "A", "start": 600, "end": 605}]}, 20)
    '… x x x x Alice met …'
    """
    text = evidence["text"]
    if len(text) <= limit:
        return text
    firsts: dict[str, int] = {}
    for m in evidence.get("mentions", []):
        firsts.setdefault(m["name"], m["start"])
    if not firsts:
        return text[: limit - 1].rsplit(" ", 1)[0] + " …"
    lo, hi = min(firsts.values()), max(firsts.values())
    if hi - lo > limit:  # two windows, one per entity
        half = limit // 2
        return f"{_window(text, lo, half)} … {_window(text, hi, half)}"
    return _window(text, (lo + hi) // 2, limit)


def _window(text: str, centre: int, size: int) -> str:
    start = max(0, centre - size // 2)
    end = min(len(text), start + size)
    start = max(0, end - size)
    piece = text[start:end]
    if start > 0:
        piece = "… " + piece.split(" ", 1)[-1]
    if end < len(text):
        piece = piece.rsplit(" ", 1)[0] + " …"
    return piece
