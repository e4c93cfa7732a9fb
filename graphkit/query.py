"""Questions asked of the graph: names, paths, centrality, neighbours, communities, evidence.

Every function takes the graph (and the store, where evidence is needed) and returns
plain data; printing is the CLI's business.
"""

from __future__ import annotations

import difflib
import heapq
import math
import weakref
from collections.abc import Callable, Collection, Sequence
from typing import Any, Literal

import networkx as nx

from .errors import BadChoice, BadInput, NoPath, UnknownEntity
from .graph import graph_kinds, graph_window, link_weight, max_recipients
from .normalize import clean_mention, entity_key
from .store import Evidence, EvidenceReader
from .vocabulary import PLACE_TYPES, SPECIFIC_TYPES

__all__ = [
    "CENTRALITY_MEASURES",
    "BETWEENNESS_BUDGET",
    "PATH_KINDS",
    "PATH_SLACK",
    "NEIGHBOUR_ORDERS",
    "find_node",
    "find_path",
    "shortest_path",
    "shorter_path",
    "passing_cost",
    "hubs",
    "path_hops",
    "centrality",
    "neighbors",
    "evidence",
    "message_evidence",
    "link_counts",
    "entity_table",
    "communities",
    "community_of",
    "disparity",
    "backbone",
    "explain",
    "node_summary",
    "with_spans",
    "snippet",
    "timeline",
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
    return dict(graph.degree(weight=link_weight(graph))), ""


def _pagerank(graph: nx.Graph) -> tuple[dict[str, float], str]:
    return nx.pagerank(graph, weight=link_weight(graph)), ""


def _eigenvector(graph: nx.Graph) -> tuple[dict[str, float], str]:
    try:
        return nx.eigenvector_centrality(graph, weight=link_weight(graph), max_iter=1000), ""
    except nx.PowerIterationFailedConvergence:
        return nx.eigenvector_centrality_numpy(graph, weight=link_weight(graph)), ""


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
    raise UnknownEntity(name, suggestions[:5], window=graph.graph.get("window", ""))


def _without(graph: nx.Graph, avoid: Collection[str], keep: Collection[str]) -> nx.Graph:
    skip = {find_node(graph, name) for name in avoid} - set(keep)
    return nx.restricted_view(graph, skip, []) if skip else graph


# How ``find_path`` chooses, by name: ``by`` takes one of these, and so does ``path`` on the command line.
PATH_KINDS: tuple[str, ...] = ("informative", "shortest", "strongest")
PathKind = Literal["informative", "shortest", "strongest"]
# An informative path may be this many hops longer than the shortest (issue 16: one or two).
PATH_SLACK = 2
# What passing through an entity of a type costs an informative path, on the scale of one
# link's cost (0 to 2): nothing for people and organisations; for places and nationalities,
# which stand beside everyone, about as much as two more hops through people would cost
# (issue 16: at most two hops longer); other types (events, laws, works) in between.
TYPE_COST = {**dict.fromkeys(SPECIFIC_TYPES, 0.0), **dict.fromkeys(PLACE_TYPES, 3.0)}
OTHER_TYPE_COST = 1.0
# The most connected entities (this share of the graph, by degree) are hubs whatever their
# type, and cost about one more hop through people: a chain through them says little.
HUB_SHARE = 0.01
HUB_COST = 2.0

_COSTS: weakref.WeakKeyDictionary[nx.Graph, dict[str, float]] = weakref.WeakKeyDictionary()


def hubs(graph: nx.Graph) -> set[str]:
    """The most connected entities: the :data:`HUB_SHARE` of the graph with the highest degree
    (ties included), none in a graph of fewer than ``1 / HUB_SHARE`` entities.

    >>> g = nx.star_graph(120); sorted(hubs(g)), hubs(nx.star_graph(20))
    ([0], set())
    """
    count = int(graph.number_of_nodes() * HUB_SHARE)
    if count == 0:
        return set()
    degrees = dict(graph.degree())
    floor = sorted(degrees.values(), reverse=True)[count - 1]
    return {n for n, d in degrees.items() if d >= floor}


def passing_cost(graph: nx.Graph) -> dict[str, float]:
    """What an informative path pays to pass through each node: its type's cost, half the
    surprisal of its degree (``-ln P(degree >= d)``), and :data:`HUB_COST` for :func:`hubs`.

    The surprisal is 0 for the least connected entities and ``ln(n) / 2`` for the most
    connected of ``n``: a well-connected entity costs more because a chain through it is
    expected, not because of anything it is called (degree-weighted paths, Himmelstein &
    Baranzini 2015, discount hubs the same way). Being logarithmic, it alone would still
    send a chain through one hub rather than two ordinary people; hence the hub cost.

    >>> g = nx.star_graph(4); nx.set_node_attributes(g, "PERSON", "type")
    >>> {n: round(c, 2) for n, c in passing_cost(g).items()}
    {0: 0.8, 1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0}
    """
    cached = _COSTS.get(graph)
    if cached is not None:
        return cached
    degrees = sorted((d for _, d in graph.degree()), reverse=True)
    n = len(degrees)
    at_least = {d: i for i, d in enumerate(degrees, 1)}  # the last position of d: how many have degree >= d
    top = hubs(graph)
    costs = {
        node: TYPE_COST.get(data.get("type", ""), OTHER_TYPE_COST)
        + 0.5 * math.log(n / at_least[graph.degree(node)])
        + (HUB_COST if node in top else 0.0)
        for node, data in graph.nodes(data=True)
    }
    _COSTS[graph] = costs
    return costs


def find_path(
    graph: nx.Graph,
    source: str,
    target: str,
    *,
    by: PathKind = "informative",
    avoid: Collection[str] = (),
    slack: int = PATH_SLACK,
) -> list[str]:
    """Nodes on a path between two names, chosen ``by`` one of :data:`PATH_KINDS`.

    ``informative`` (the default) is the cheapest chain at most ``slack`` hops longer
    than the shortest, where a link costs ``1 - strength`` and an intermediate its
    :func:`passing_cost`: it runs through people and organisations joined by links strong
    for both ends, around places, nationalities and the most connected entities.
    ``shortest`` has the fewest hops; ``strongest`` prefers heavy links (distance
    ``1/weight``). ``avoid`` names nodes the path must not pass through.

    >>> g = nx.Graph([("a", "Rome"), ("Rome", "b"), ("a", "x"), ("x", "y"), ("y", "b")])
    >>> nx.set_node_attributes(g, "PERSON", "type"); g.nodes["Rome"]["type"] = "GPE"
    >>> find_path(g, "a", "b"), find_path(g, "a", "b", by="shortest")
    (['a', 'x', 'y', 'b'], ['a', 'Rome', 'b'])
    """
    if by not in PATH_KINDS:
        raise BadChoice("by", by, PATH_KINDS)
    a, b = find_node(graph, source), find_node(graph, target)
    if a == b:
        raise BadInput(f"{source!r} and {target!r} are the same entity ({a})")
    view = _without(graph, avoid, (a, b))
    try:
        if by == "strongest":
            key = link_weight(graph)  # paragraphs, messages or both, as the graph's links are (issue 12)
            return nx.dijkstra_path(view, a, b, weight=lambda u, v, d: 1.0 / d[key])
        if by == "shortest":
            return nx.shortest_path(view, a, b)
        return _informative(view, a, b, slack, passing_cost(graph))
    except nx.NetworkXNoPath as exc:
        detail = " (avoiding " + ", ".join(avoid) + ")" if avoid else ""
        raise NoPath(a, b, detail + "; they are in different parts of the graph") from exc


def _informative(graph: nx.Graph, a: str, b: str, slack: int, cost: dict[str, float]) -> list[str]:
    """Dijkstra over (node, hops) states, no longer than the shortest path plus ``slack``.

    A state is dropped when its node was already reached in as few hops (and, popping in
    order of cost, as cheaply), so each node is expanded at most ``slack + 1`` times.
    """
    to_b = nx.single_source_shortest_path_length(graph, b)
    if a not in to_b:
        raise nx.NetworkXNoPath(f"no path between {a} and {b}")
    limit = to_b[a] + slack
    fewest: dict[str, int] = {}
    heap: list[tuple[float, int, tuple[str, ...]]] = [(0.0, 0, (a,))]
    while heap:
        spent, hops, path = heapq.heappop(heap)
        node = path[-1]
        if node == b:
            return list(path)
        if fewest.get(node, limit + 1) <= hops:
            continue
        fewest[node] = hops
        for other, data in graph[node].items():
            # too far from b, already on the path, or already expanded in as few hops: no use
            if hops + 1 + to_b.get(other, limit) > limit or fewest.get(other, limit + 1) <= hops + 1 or other in path:
                continue
            step = 1.0 - data.get("strength", 0.0) + (0.0 if other == b else cost[other])
            heapq.heappush(heap, (spent + step, hops + 1, (*path, other)))
    raise nx.NetworkXNoPath(f"no path between {a} and {b}")


def shortest_path(
    graph: nx.Graph,
    source: str,
    target: str,
    *,
    strongest: bool = False,
    avoid: Collection[str] = (),
) -> list[str]:
    """Nodes on the plain shortest path between two names (``strongest``: distance ``1/weight``)."""
    return find_path(graph, source, target, by="strongest" if strongest else "shortest", avoid=avoid)


def shorter_path(graph: nx.Graph, path: Sequence[str], *, avoid: Collection[str] = ()) -> list[str] | None:
    """A plain shortest path between the ends of ``path`` when it has fewer hops, else None.

    An informative path is longer than the shortest when the shortest runs through hubs:
    the answer should say so (issue 16).
    """
    shortest = find_path(graph, path[0], path[-1], by="shortest", avoid=avoid)
    return shortest if len(shortest) < len(path) else None


def path_hops(store: EvidenceReader, graph: nx.Graph, path: Sequence[str], *, per_hop: int = 3) -> list[dict[str, Any]]:
    """For each hop of a path: both ends, the weight and up to ``per_hop`` evidence paragraphs."""
    kinds = graph_kinds(graph)
    hops = []
    for a, b in zip(path, path[1:]):
        data = graph.edges[a, b]
        ends = graph.nodes[a]["entity"], graph.nodes[b]["entity"]
        rows = store.evidence(*ends, kinds, limit=per_hop, window=graph_window(graph))
        hop = {"source": a, "target": b, **link_counts(data), "evidence": with_spans(store, graph, rows, (a, b))}
        if data.get("messages"):
            hop["messages_evidence"] = message_evidence(store, graph, a, b, limit=per_hop)
        hops.append(hop)
    return hops


def link_counts(data: dict[str, Any]) -> dict[str, Any]:
    """What backs a link: ``weight`` (paragraphs), ``documents`` and ``strength``; with message links
    (issue 12) ``messages`` and ``kind`` too."""
    out = {key: data[key] for key in ("weight", "documents", "messages", "kind") if key in data}
    return out | {"strength": data.get("strength", 0.0)}


def message_evidence(
    store: EvidenceReader, graph: nx.Graph, a: str, b: str, *, limit: int | None = None
) -> list[dict[str, Any]]:
    """The messages one of two nodes wrote to the other, oldest first, each once (issue 12)."""
    rows = store.message_evidence(
        graph.nodes[a]["entity"],
        graph.nodes[b]["entity"],
        limit,
        max_recipients=max_recipients(graph),
        window=graph_window(graph),
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


# How ``neighbors`` orders, by name (``neighbors --by``).
NEIGHBOUR_ORDERS: tuple[str, ...] = ("strength", "weight")


def neighbors(graph: nx.Graph, name: str, *, top: int = 20, by: str = "strength") -> tuple[str, list[dict[str, Any]]]:
    """A node and its ``top`` neighbours, ordered ``by`` one of :data:`NEIGHBOUR_ORDERS`.

    ``strength`` (the default) puts the most specific first: highest association strength
    first, places and nationalities after everyone else (they stand beside everyone, issue 16).
    ``weight`` puts the most shared paragraphs first, whatever they name (or the most
    messages, or both, as the graph's links are: issue 12).

    >>> g = nx.Graph(); g.add_nodes_from([("a", {"type": "PERSON"}), ("b", {"type": "PERSON"}), ("c", {"type": "GPE"})])
    >>> g.add_edge("a", "b", weight=2, documents=1, strength=0.6); g.add_edge("a", "c", weight=9, documents=1, strength=0.7)
    >>> [r["name"] for r in neighbors(g, "a")[1]], [r["name"] for r in neighbors(g, "a", by="weight")[1]]
    (['b', 'c'], ['c', 'b'])
    """
    if by not in NEIGHBOUR_ORDERS:
        raise BadChoice("by", by, NEIGHBOUR_ORDERS)
    node = find_node(graph, name)
    rows = [
        {
            "name": other,
            "type": graph.nodes[other]["type"],
            **link_counts(d),
            "watched": graph.nodes[other].get("watched", ""),
        }
        for other, d in graph[node].items()
    ]
    if by == "weight":
        heavy = {other: d[link_weight(graph)] for other, d in graph[node].items()}
        rows.sort(key=lambda r: (-heavy[r["name"]], -r["strength"], r["name"]))
    else:
        rows.sort(key=lambda r: (r["type"] in PLACE_TYPES, -r["strength"], -r["weight"], r["name"]))
    return node, rows[:top]


def evidence(
    store: EvidenceReader, graph: nx.Graph, a: str, b: str, *, kinds: Sequence[str] | None = None
) -> tuple[str, str, list[Evidence]]:
    """Every paragraph in which both entities occur."""
    na, nb = find_node(graph, a), find_node(graph, b)
    ends = graph.nodes[na]["entity"], graph.nodes[nb]["entity"]
    rows = store.evidence(*ends, kinds or graph_kinds(graph), window=graph_window(graph))
    return na, nb, rows


def timeline(store: EvidenceReader, graph: nx.Graph, names: Sequence[str], *, undated: bool = False) -> dict[str, Any]:
    """The dated evidence of one entity, or of a pair, earliest first (issue 17).

    Each item is a paragraph where the entity occurs (or both do) with its ``date``,
    ``date_precision`` and ``date_source`` (the paragraph's own date, or its document's),
    file, paragraph and line, and a ``snippet`` around the names and the date. Paragraphs
    without a date are counted in ``undated`` and listed after the others only when
    ``undated`` is asked for; the graph's window (``--since``/``--until``) applies.
    """
    if not 1 <= len(names) <= 2:
        raise BadInput(f"a timeline is of one entity or of two, not {len(names)}")
    nodes = [find_node(graph, name) for name in names]
    if len(nodes) == 2 and nodes[0] == nodes[1]:
        raise BadInput(f"{names[0]!r} and {names[1]!r} are the same entity ({nodes[0]})")
    ids = [graph.nodes[n]["entity"] for n in nodes] + [None]
    rows = store.evidence(ids[0], ids[1], graph_kinds(graph), window=graph_window(graph), by_date=True)
    shown = [r for r in rows if r.date or undated]
    items = with_spans(store, graph, shown, nodes)
    for item in items:
        item["snippet"] = snippet(_with_date_mark(item))
    dated = [item for item in items if item.get("date")]
    return {
        "entities": nodes,
        "first": dated[0]["date"] if dated else None,
        "last": max((i["date"] for i in dated), default=None),
        "items": items,
        "undated": sum(r.date is None for r in rows),
    }


def _with_date_mark(item: dict[str, Any]) -> dict[str, Any]:
    """The item with its date as one more mention, so that its snippet shows the date as well as the names."""
    at = item["text"].find(item["date_text"]) if item.get("date_text") else -1
    if at < 0:
        return item
    mark = {"name": "\0date", "start": at, "end": at + len(item["date_text"])}
    return {**item, "mentions": [*item["mentions"], mark]}


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
        "watched": d.get("watched", ""),
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
    groups = _louvain(graph, seed)
    strength = dict(graph.degree(weight=link_weight(graph)))
    out = []
    for group in sorted(groups, key=lambda g: (-len(g), min(g))):
        ranked = sorted(group, key=lambda n: (-strength[n], n))
        out.append({"size": len(group), "members": ranked[:members]})
    return out


def _louvain(graph: nx.Graph, seed: int) -> list[set[str]]:
    """Louvain communities that are the same in every process: run on integer labels in the graph's
    own order, since sets of strings iterate in an order Python varies from run to run (issue 16:
    the page's layout is drawn from them)."""
    names = list(graph)
    numbered = nx.relabel_nodes(graph, {n: i for i, n in enumerate(names)}, copy=True)
    return [
        {names[i] for i in group}
        for group in nx.community.louvain_communities(numbered, weight=link_weight(graph), seed=seed)
    ]


def community_of(graph: nx.Graph, *, seed: int = 42) -> dict[str, int]:
    """Community number of every node (0 = largest), for colouring exports."""
    out: dict[str, int] = {}
    if graph.number_of_edges():
        groups = _louvain(graph, seed)
        for i, group in enumerate(sorted(groups, key=lambda g: (-len(g), min(g)))):
            out.update(dict.fromkeys(group, i))
    for n in graph:
        out.setdefault(n, len(out))
    return out


def disparity(graph: nx.Graph) -> dict[tuple[str, str], float]:
    """The disparity filter's p-value of every link (Serrano, Boguñá & Vespignani 2009).

    For an end with ``k`` links and total weight ``s``, a link of weight ``w`` is as heavy as
    chance would make it with probability ``(1 - w/s) ** (k - 1)``; a link is as significant
    as it is for the end it matters most to (an end with one link tests nothing).

    >>> g = nx.Graph(); g.add_edge("a", "b", weight=8); g.add_edge("a", "c", weight=1); g.add_edge("a", "d", weight=1)
    >>> {e: round(p, 3) for e, p in disparity(g).items()}
    {('a', 'b'): 0.04, ('a', 'c'): 0.81, ('a', 'd'): 0.81}
    """
    key = link_weight(graph)  # paragraphs, messages or both (issue 12)
    strength = dict(graph.degree(weight=key))
    degree = dict(graph.degree())

    def chance(end: str, w: float) -> float:
        return (1 - w / strength[end]) ** (degree[end] - 1) if degree[end] > 1 else 1.0

    return {(a, b): min(chance(a, d[key]), chance(b, d[key])) for a, b, d in graph.edges(data=True)}


# Significance levels tried for the backbone, loosest first.
BACKBONE_ALPHAS = (0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0.0005, 0.0001)


def backbone(graph: nx.Graph, *, max_nodes: int = 250) -> tuple[list[tuple[str, str]], float]:
    """The significant links of :func:`disparity` at the loosest level of :data:`BACKBONE_ALPHAS`
    whose links hold at most ``max_nodes`` entities, and that level; when that level keeps no
    link at all, the strictest level that keeps some.

    A large graph's readable first view: what stands out from each entity's own links,
    whatever the size of the entity (issue 16).
    """
    pvalues = disparity(graph)
    kept: tuple[list[tuple[str, str]], float] = ([], BACKBONE_ALPHAS[0])
    for alpha in BACKBONE_ALPHAS:
        links = [e for e, p in pvalues.items() if p < alpha]
        if links:
            kept = (links, alpha)
        if len({n for e in links for n in e}) <= max_nodes:
            break
    return kept


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
