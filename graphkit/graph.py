"""Store to graph: a NetworkX graph of entities linked by shared paragraphs.

Nodes and edges are aggregated in SQL and the result is cached in the store, keyed
by the store's generation, so a query does not rebuild the graph when nothing changed
(issue 5). Attributes are scalars so GraphML and GEXF can hold them. The cache is JSON,
which cannot carry code: a database from someone else is data, never a program (issue 15).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import networkx as nx

from .errors import BadChoice
from .store import EntityRow, GraphSource
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
    "graph_links",
    "max_recipients",
    "strength",
    "kinds_for",
]

# The edge attribute a graph's links are weighed by: paragraphs, messages, or both together.
_STRENGTH = {"cooccurrence": "weight", "messages": "messages", "all": "strength"}

ALL_KINDS = KINDS


def graph_kinds(graph: nx.Graph) -> tuple[str, ...]:
    """The paragraph kinds a graph was built from (what its evidence must come from)."""
    kinds = graph.graph.get("kinds")
    return tuple(str(kinds).split(",")) if kinds else EVIDENCE_KINDS


def graph_links(graph: nx.Graph) -> str:
    """The kind of links a graph was built with: ``cooccurrence``, ``messages`` or ``all``."""
    return str(graph.graph.get("links", "cooccurrence"))


def max_recipients(graph: nx.Graph) -> int:
    """The most recipients a message of this graph's message links had: more is a mailing, which links nobody."""
    return int(graph.graph.get("max_recipients", MAX_RECIPIENTS))


def strength(graph: nx.Graph) -> str:
    """The edge attribute that says how strong a link is in this graph (what centrality and paths weigh).

    ``weight`` (paragraphs shared) for co-occurrence, ``messages`` for message links,
    ``strength`` (their sum) for both.
    """
    return _STRENGTH.get(graph_links(graph), "weight")


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
    links: str = DEFAULT_LINKS,
    max_recipients: int = MAX_RECIPIENTS,
) -> nx.Graph:
    """The entity graph of ``store``.

    Node ids are display names (made unique with the type where two entities share
    one). Node attributes: ``label``, ``type``, ``mentions``, ``documents``,
    ``aliases`` (``|``-joined) and ``entity`` (the store id). Edge attributes:
    ``weight`` (paragraphs shared) and ``documents``. Only entities of ``types`` that
    occur in paragraphs of ``kinds`` are nodes; edges lighter than ``min_weight`` are
    dropped, and so are nodes left with no edge by that filter.

    ``links`` (one of :data:`LINK_CHOICES`) says what links two entities (issue 12):
    ``cooccurrence``, a shared paragraph; ``messages``, e-mail one sent the other (the
    nodes are then the correspondents); ``all``, either. With message links, nodes also
    carry ``messages`` (messages sent or received) and edges ``messages`` (messages between
    the two, each counted once), ``kind`` (``cooccurrence``, ``messages`` or ``both``) and,
    for ``all``, ``strength`` (paragraphs plus messages). :func:`strength` names the
    attribute a graph is weighed by; ``min_weight`` applies to it. A store without e-mail
    has no message links: ``all`` is then ``cooccurrence`` (``graph.graph["links"]`` says which).
    A message to more than ``max_recipients`` (To, Cc and Bcc) is a mailing and links
    nobody; ``graph.graph["mailings"]`` counts them.
    """
    if links not in LINK_CHOICES:
        raise BadChoice("links", links, LINK_CHOICES)
    if links == "all" and not store.has_messages():
        links = "cooccurrence"  # no e-mail, no message links: the graph and its attributes are as they always were
    types = tuple(sorted(set(types)))
    signature = f"{_CACHE_FORMAT}|{store.generation}|{','.join(types)}|{','.join(kinds)}|{links}|{max_recipients}"
    cached = store.cached_graph(signature)
    graph = _decode(cached) if cached is not None else None
    if graph is None:
        graph = _aggregate(store, types, kinds, links, max_recipients)
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
    store: GraphSource, types: Sequence[str], kinds: Sequence[str], links: str, max_recipients: int
) -> nx.Graph:
    graph = nx.Graph(kinds=",".join(kinds), types=",".join(types), links=links)
    entities = {e.id: e for e in store.entities() if e.type in types}
    names = _unique_names(entities.values())
    cooccurrence = {
        (a, b): (int(w), int(d)) for a, b, w, d in store.edge_counts(kinds) if a in entities and b in entities
    }
    if links == "cooccurrence":
        _add_nodes(graph, store, entities, kinds, names)
        graph.add_edges_from(
            (names[a], names[b], {"weight": w, "documents": d}) for (a, b), (w, d) in cooccurrence.items()
        )
        return graph
    graph.graph.update(max_recipients=max_recipients, mailings=store.mailing_count(max_recipients))
    messages = {(a, b): int(n) for a, b, n in store.message_counts(max_recipients) if a in entities and b in entities}
    sent = store.correspondent_counts(max_recipients)
    if links == "messages":
        cooccurrence = {pair: found for pair, found in cooccurrence.items() if pair in messages}
        entities = {i: e for i, e in entities.items() if i in sent}
    _add_nodes(graph, store, entities, kinds, names, messages=sent)
    for a, b in cooccurrence.keys() | messages.keys():
        w, d = cooccurrence.get((a, b), (0, 0))
        n = messages.get((a, b), 0)
        kind = "both" if w and n else "messages" if n else "cooccurrence"
        attrs = {"weight": w, "documents": d, "messages": n, "kind": kind}
        graph.add_edge(names[a], names[b], **attrs, **({"strength": w + n} if links == "all" else {}))
    return graph


def _add_nodes(
    graph: nx.Graph,
    store: GraphSource,
    entities: dict[int, EntityRow],
    kinds: Sequence[str],
    names: dict[int, str],
    *,
    messages: dict[int, int] | None = None,
) -> None:
    """Entities that occur in paragraphs of ``kinds``, and with ``messages`` (entity -> messages sent or
    received), every correspondent among ``entities`` too, named in the text or not."""
    counted = {entity_id: (int(m), int(d)) for entity_id, m, d in store.node_counts(kinds)}
    wanted = counted.keys() | (messages.keys() if messages is not None else set())
    for entity_id in sorted(wanted & entities.keys()):
        e = entities[entity_id]
        mentions, documents = counted.get(entity_id, (0, 0))
        graph.add_node(
            names[entity_id],
            label=e.label,
            type=e.type,
            mentions=mentions,
            documents=documents,
            aliases=e.aliases,
            entity=int(entity_id),
            **({"messages": messages.get(entity_id, 0)} if messages is not None else {}),
        )


# -- the cache ----------------------------------------------------------------------------
# Bump when the encoding changes: an older blob then never matches a signature and is rebuilt.
_CACHE_FORMAT = "json-1"
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
    key = strength(graph)
    kept.add_edges_from((a, b, d) for a, b, d in graph.edges(data=True) if d[key] >= min_weight)
    kept.add_nodes_from((n, graph.nodes[n]) for n in kept.nodes)
    return kept
