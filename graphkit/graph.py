"""Store to graph: a NetworkX graph of entities linked by shared paragraphs, and by e-mail (issue 12).

Nodes and edges are aggregated in SQL and the result is cached in the store, keyed
by the store's generation, so a query does not rebuild the graph when nothing changed
(issue 5). Attributes are scalars so GraphML and GEXF can hold them. The cache is JSON,
which cannot carry code: a database from someone else is data, never a program (issue 15).
"""

from __future__ import annotations

import gc
import json
import math
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import networkx as nx

from .dates import Window
from .errors import BadChoice
from .store import Bounds, EntityRow, GraphSource
from .vocabulary import (
    DEFAULT_LINKS,
    DEFAULT_TYPES,
    EVIDENCE_KINDS,
    INCLUDE_CHOICES,
    KINDS,
    LINK_CHOICES,
    MAX_RECIPIENTS,
)

__all__ = [
    "DEFAULT_TYPES",
    "ALL_KINDS",
    "INCLUDE_CHOICES",
    "LINK_CHOICES",
    "DEFAULT_LINKS",
    "build_graph",
    "entity_nodes",
    "graph_kinds",
    "graph_window",
    "graph_links",
    "link_weight",
    "max_recipients",
    "ALL_TIME",
    "kinds_for",
    "npmi",
    "add_strength",
]

# The edge attribute that says how heavy a link is: paragraphs, messages, or both together (issue 12).
_WEIGHT = {"cooccurrence": "weight", "messages": "messages", "all": "combined"}

ALL_KINDS = KINDS
ALL_TIME = Window()  # no --since, no --until


def graph_kinds(graph: nx.Graph) -> tuple[str, ...]:
    """The paragraph kinds a graph was built from (what its evidence must come from)."""
    kinds = graph.graph.get("kinds")
    return tuple(str(kinds).split(",")) if kinds else EVIDENCE_KINDS


def graph_links(graph: nx.Graph) -> str:
    """The kind of links a graph was built with: ``cooccurrence``, ``messages`` or ``all`` (issue 12)."""
    return str(graph.graph.get("links", "cooccurrence"))


def link_weight(graph: nx.Graph) -> str:
    """The edge attribute that says how heavy a link is in this graph (what weighted measures count).

    ``weight`` (paragraphs shared) for co-occurrence, ``messages`` for message links,
    ``combined`` (their sum) for both (issue 12).
    """
    return _WEIGHT.get(graph_links(graph), "weight")


def max_recipients(graph: nx.Graph) -> int:
    """The most recipients a message of this graph's message links had: more is a mailing, which links nobody."""
    return int(graph.graph.get("max_recipients", MAX_RECIPIENTS))


def kinds_for(include: Collection[str] = ()) -> tuple[str, ...]:
    """Paragraph kinds that make nodes and edges: the evidence kinds, plus what ``include`` names.

    >>> kinds_for(["comments"])
    ('body', 'footnote', 'quote', 'comment')
    """
    kinds = set(EVIDENCE_KINDS)
    for name in include:
        if name not in INCLUDE_CHOICES:
            raise BadChoice("include", name, INCLUDE_CHOICES)
        kinds |= set(KINDS) if name == "all" else {INCLUDE_CHOICES[name]}
    return tuple(k for k in KINDS if k in kinds)


def build_graph(
    store: GraphSource,
    *,
    types: Collection[str] = DEFAULT_TYPES,
    kinds: Sequence[str] = EVIDENCE_KINDS,
    min_weight: int = 1,
    window: Window = ALL_TIME,
    links: str = DEFAULT_LINKS,
    max_recipients: int = MAX_RECIPIENTS,
) -> nx.Graph:
    """The entity graph of ``store``.

    Node ids are display names (made unique with the type where two entities share
    one). Node attributes: ``label``, ``type``, ``mentions``, ``documents``,
    ``paragraphs``, ``aliases`` (``|``-joined), ``entity`` (the store id), ``watched``
    (the watchlists naming the entity, ``|``-joined; "" if none: issue 18), and ``first``
    and ``last``, the earliest and latest date of its paragraphs (ISO at its precision, ""
    when none is dated; issue 17). Edge attributes: ``weight`` (paragraphs shared),
    ``documents``, ``strength`` (the association strength of :func:`npmi`), ``first`` and
    ``last``; the graph attribute ``paragraphs`` counts the paragraphs that name any of its
    entities. Only entities of ``types`` that occur in paragraphs of ``kinds`` are nodes;
    edges lighter than ``min_weight`` are dropped, and so are nodes left with no edge by that
    filter. With a ``window`` (``--since``, ``--until``) only paragraphs whose date overlaps
    it count.
    ``links`` (one of :data:`LINK_CHOICES`) says what links two entities (issue 12):
    ``cooccurrence``, a shared paragraph; ``messages``, e-mail one sent the other (the
    nodes are then the correspondents); ``all``, either. With message links, nodes also
    carry ``messages`` (messages sent or received) and edges ``messages`` (messages between
    the two, each counted once), ``kind`` (``cooccurrence``, ``messages`` or ``both``) and,
    for ``all``, ``combined`` (paragraphs plus messages); ``strength`` is then the stronger
    of the two associations, paragraphs and messages. :func:`link_weight` names the
    attribute a graph is weighed by; ``min_weight`` applies to it. A store without e-mail
    has no message links: ``all`` is then ``cooccurrence`` (``graph.graph["links"]`` says
    which). A message to more than ``max_recipients`` (To, Cc and Bcc) is a mailing and
    links nobody (``graph.graph["mailings"]`` counts them); a ``window`` keeps the messages
    dated in it.
    """
    if links not in LINK_CHOICES:
        raise BadChoice("links", links, LINK_CHOICES)
    if links == "all" and not store.has_messages():
        links = "cooccurrence"  # no e-mail, no message links: the graph and its attributes are as they always were
    types = tuple(sorted(set(types)))
    signature = f"{_CACHE_FORMAT}|{store.generation}|{','.join(types)}|{','.join(kinds)}|{links}|{max_recipients}"
    cached = store.cached_graph(signature) if not window else None
    graph = _decode(cached) if cached is not None else None
    if graph is None:
        graph = _aggregate(store, types, kinds, window, links, max_recipients)
        if not window:  # one cache slot: it keeps the graph of all time, which most questions ask
            store.cache_graph(signature, _encode(graph))
    if min_weight > 1:
        graph = _at_least(graph, min_weight)
    return graph


def entity_nodes(store: GraphSource, *, kinds: Sequence[str] = KINDS) -> nx.Graph:
    """Every entity as a node (any type, any paragraph kind), without edges: enough to find one by name.

    Much cheaper than :func:`build_graph`, which joins every paragraph's entities in pairs.
    """
    entities = {e.id: e for e in store.entities()}
    graph = nx.Graph(kinds=",".join(kinds), types=",".join(sorted({e.type for e in entities.values()})))
    _add_nodes(graph, store, entities, kinds, _unique_names(entities.values()))
    return graph


def _aggregate(
    store: GraphSource,
    types: Sequence[str],
    kinds: Sequence[str],
    window: Window,
    links: str = "cooccurrence",
    max_recipients: int = MAX_RECIPIENTS,
) -> nx.Graph:
    since, until = window.bounds
    graph = nx.Graph(kinds=",".join(kinds), types=",".join(types), since=since or "", until=until or "", links=links)
    if window:
        graph.graph["window"] = str(window)  # as asked: "2016 to 2016-06"
    entities = {e.id: e for e in store.entities() if e.type in types}
    names = _unique_names(entities.values())
    _add_nodes(graph, store, entities, kinds, names, window)
    graph.add_edges_from(
        (names[a], names[b], {"weight": int(w), "documents": int(d), "first": first, "last": last})
        for a, b, w, d, first, last in store.edge_counts(kinds, window.bounds)
        if a in entities and b in entities
    )
    add_strength(graph, store.paragraphs_naming(kinds, list(entities), window.bounds))
    if links != "cooccurrence":
        _add_messages(graph, store, entities, names, window, max_recipients)
        if links == "messages":
            _keep_correspondence(graph)
    return graph


def _add_messages(
    graph: nx.Graph,
    store: GraphSource,
    entities: dict[int, EntityRow],
    names: dict[int, str],
    window: Window,
    max_recipients: int,
) -> None:
    """Message links on top of co-occurrence (issue 12): every correspondent among ``entities`` is a node
    (named in the text or not), with ``messages``; every edge gets ``messages``, ``kind`` and ``combined``,
    and a message link its :func:`npmi` over messages, the stronger of the two where it has both."""
    bounds = window.bounds
    graph.graph.update(max_recipients=max_recipients, mailings=store.mailing_count(max_recipients))
    sent = {e: found for e, found in store.correspondent_counts(max_recipients, bounds).items() if e in entities}
    for e, (count, first, last) in sent.items():
        if names[e] not in graph:
            row = entities[e]
            graph.add_node(names[e], label=row.label, type=row.type, mentions=0, documents=0, paragraphs=0)
            graph.add_node(names[e], aliases=row.aliases, entity=int(e), first="", last="")
        _widen(graph.nodes[names[e]], first, last)
        graph.nodes[names[e]]["messages"] = count
    for _node, d in graph.nodes(data=True):
        d.setdefault("messages", 0)
    for _a, _b, d in graph.edges(data=True):
        d.update(messages=0, kind="cooccurrence")
    total = max(store.message_total(max_recipients, bounds), 1)
    for a, b, count, first, last in store.message_counts(max_recipients, bounds):
        if a in entities and b in entities:
            strength = npmi(count, sent[a][0], sent[b][0], total)
            u, v = names[a], names[b]
            if graph.has_edge(u, v):
                d = graph.edges[u, v]
                d.update(messages=count, kind="both", strength=max(d["strength"], strength))
            else:
                graph.add_edge(u, v, weight=0, documents=0, messages=count, kind="messages", strength=strength)
                graph.add_edge(u, v, first="", last="")
            _widen(graph.edges[u, v], first, last)
    for _a, _b, d in graph.edges(data=True):
        d["combined"] = d["weight"] + d["messages"]


def _widen(d: dict[str, Any], first: str, last: str) -> None:
    """Stretch a node's or an edge's ``first`` and ``last`` dates to cover ``first`` to ``last`` ("" unknown)."""
    if first:
        d["first"] = min(d["first"], first) if d["first"] else first
    if last:
        d["last"] = max(d["last"], last) if d["last"] else last


def _keep_correspondence(graph: nx.Graph) -> None:
    """Only message links, and the correspondents they join (``--links messages``)."""
    graph.remove_edges_from([(a, b) for a, b, d in graph.edges(data=True) if not d["messages"]])
    graph.remove_nodes_from([n for n, d in graph.nodes(data=True) if not d["messages"]])


def npmi(together: int, a: int, b: int, total: int) -> float:
    """Normalised pointwise mutual information of two entities named in ``a`` and ``b`` of
    ``total`` paragraphs, ``together`` of them naming both (Bouma 2009).

    ``log(p(ab) / (p(a) p(b))) / -log p(ab)``: 1 when the two are only ever named together,
    0 when they meet as often as chance would have them meet, below 0 when less often. It
    is VOSviewer's association strength (observed over expected co-occurrences) on a log
    scale, bounded so that one threshold or one colour scale serves every graph, and
    normalised by ``-log p(ab)`` so that a pair met once does not outrank a pair met thirty
    times as easily as raw PMI lets it (issue 16).

    >>> npmi(30, 88, 36, 1010)  # a person and their associate: 30 of the associate's 36 paragraphs
    0.6421
    >>> npmi(29, 88, 281, 1010)  # the same person and a nationality named in 281 paragraphs
    0.0477
    >>> npmi(5, 5, 5, 5)
    1.0
    """
    if together >= total:
        return 1.0
    pmi = math.log(together * total / (a * b))
    return round(max(-1.0, min(1.0, pmi / -math.log(together / total))), 4)


def add_strength(graph: nx.Graph, total: int) -> None:
    """Set ``strength`` (:func:`npmi`) on every edge, from the ``paragraphs`` counts of its ends."""
    graph.graph["paragraphs"] = total
    nodes = graph.nodes
    for a, b, d in graph.edges(data=True):
        d["strength"] = npmi(d["weight"], nodes[a]["paragraphs"], nodes[b]["paragraphs"], max(total, 1))


def graph_window(graph: nx.Graph) -> Bounds:
    """The first and last day of the window a graph was built for (``--since``/``--until``), None where open."""
    return graph.graph.get("since") or None, graph.graph.get("until") or None


def _add_nodes(
    graph: nx.Graph,
    store: GraphSource,
    entities: dict[int, EntityRow],
    kinds: Sequence[str],
    names: dict[int, str],
    window: Window = ALL_TIME,
) -> None:
    watched = store.watched_entities()
    for entity_id, mentions, documents, paragraphs, first, last in store.node_counts(kinds, window.bounds):
        e = entities.get(entity_id)
        if e is not None:
            graph.add_node(
                names[entity_id],
                label=e.label,
                type=e.type,
                mentions=int(mentions),
                documents=int(documents),
                paragraphs=int(paragraphs),
                aliases=e.aliases,
                entity=int(entity_id),
                first=first,
                last=last,
                watched=watched.get(entity_id, ""),
            )


# -- the cache ----------------------------------------------------------------------------
# Bump when the encoding changes: an older blob then never matches a signature and is rebuilt.
# 2: paragraphs and strength (issue 16); 3: first and last dates (issue 17); 4: watched (issue 18);
# 5: link kinds (issue 12)
_CACHE_FORMAT = "json-5"
_SCALARS = frozenset({str, int, float, bool})


def _encode(graph: nx.Graph) -> bytes:
    """Node-link data: ``[id, attributes]`` per node, ``[node index, node index, attributes]`` per edge."""
    index = {n: i for i, n in enumerate(graph)}
    data = {
        "graph": graph.graph,
        "nodes": [[n, d] for n, d in graph.nodes(data=True)],
        "edges": [[index[a], index[b], d] for a, b, d in graph.edges(data=True)],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _decode(blob: bytes) -> nx.Graph | None:
    """The cached graph, or None (rebuild it) when the blob is damaged, from another version or not a graph.

    The adjacency is built here and handed to NetworkX whole (its ``_node`` and ``_adj``
    setters exist for that): ``add_edges_from`` would double the load time. Garbage
    collection waits until the graph is built: it would scan the growing heap again and
    again for cycles that plain data cannot have.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _build(json.loads(blob))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    finally:
        if paused:
            gc.enable()


def _build(data: dict[str, Any]) -> nx.Graph:
    rows, links = data["nodes"], data["edges"]
    _check_scalars([data["graph"], *(attrs for _, attrs in rows), *(link[2] for link in links)])
    names = [name for name, _ in rows]
    nodes = {name: attrs for name, attrs in rows}
    adjacency: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in nodes}
    for a, b, attrs in links:
        u, v = names[a], names[b]
        adjacency[u][v] = adjacency[v][u] = attrs
    graph = nx.Graph(**data["graph"])
    graph._node, graph._adj = nodes, adjacency
    return graph


def _check_scalars(dicts: list[dict[str, Any]]) -> None:
    """Attributes are scalars: anything else means a damaged or crafted blob."""
    seen = {type(value) for d in dicts for value in d.values()}
    if not seen <= _SCALARS:
        raise TypeError(f"the graph cache holds {sorted(t.__name__ for t in seen - _SCALARS)}")


def _unique_names(entities: Iterable[EntityRow]) -> dict[int, str]:
    taken: dict[str, int] = {}
    for e in entities:
        taken[e.label] = taken.get(e.label, 0) + 1
    return {e.id: e.label if taken[e.label] == 1 else f"{e.label} ({e.type})" for e in entities}


def _at_least(graph: nx.Graph, min_weight: int) -> nx.Graph:
    kept = nx.Graph(
        **graph.graph,
        min_weight=min_weight,
        unfiltered_nodes=graph.number_of_nodes(),
        unfiltered_edges=graph.number_of_edges(),
    )
    key = link_weight(graph)
    kept.add_edges_from((a, b, d) for a, b, d in graph.edges(data=True) if d[key] >= min_weight)
    kept.add_nodes_from((n, graph.nodes[n]) for n in kept.nodes)
    return kept
