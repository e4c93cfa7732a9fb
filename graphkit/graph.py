"""Store to graph: a NetworkX graph of entities linked by shared paragraphs.

Nodes and edges are aggregated in SQL and the result is cached in the store, keyed
by the store's generation, so a query does not rebuild the graph when nothing changed
(issue 5). Attributes are scalars so GraphML and GEXF can hold them.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Collection, Sequence

import networkx as nx

from .classify import EVIDENCE_KINDS, KINDS
from .errors import BadInput
from .store import Store

__all__ = ["DEFAULT_TYPES", "ALL_KINDS", "INCLUDE_CHOICES", "build_graph", "graph_kinds", "kinds_for"]

DEFAULT_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART")
ALL_KINDS = KINDS
# --include names (plural, as a user says them) -> paragraph kinds
INCLUDE_CHOICES = {"headings": "heading", "boilerplate": "boilerplate", "comments": "comment", "all": "*"}


def graph_kinds(graph: nx.Graph) -> tuple[str, ...]:
    """The paragraph kinds a graph was built from (what its evidence must come from)."""
    return tuple(str(graph.graph.get("kinds", ",".join(EVIDENCE_KINDS))).split(","))


def kinds_for(include: Collection[str] = ()) -> tuple[str, ...]:
    """Paragraph kinds that make nodes and edges: the evidence kinds (body, footnote, quote) and what ``include`` names."""
    kinds = set(EVIDENCE_KINDS)
    for name in include:
        if name not in INCLUDE_CHOICES:
            raise BadInput(f"--include {name!r}: choose from {', '.join(INCLUDE_CHOICES)}")
        kinds |= set(ALL_KINDS) if name == "all" else {INCLUDE_CHOICES[name]}
    return tuple(k for k in ALL_KINDS if k in kinds)


def build_graph(
    store: Store,
    *,
    types: Collection[str] = DEFAULT_TYPES,
    kinds: Sequence[str] = EVIDENCE_KINDS,
    min_weight: int = 1,
) -> nx.Graph:
    """The entity graph of ``store``.

    Node ids are display names (made unique with the type where two entities share
    one). Node attributes: ``label``, ``type``, ``mentions``, ``documents``,
    ``aliases`` (``|``-joined) and ``entity`` (the store id). Edge attributes:
    ``weight`` (paragraphs shared) and ``documents``. Only entities of ``types`` that
    occur in paragraphs of ``kinds`` are nodes; edges lighter than ``min_weight`` are
    dropped, and so are nodes left with no edge by that filter.
    """
    types = tuple(sorted(set(types)))
    signature = f"{store.generation}|{','.join(types)}|{','.join(kinds)}"
    cached = store.cached_graph(signature)
    graph = _load_cached(cached) if cached is not None else None
    if graph is None:
        graph = _aggregate(store, types, kinds)
        store.cache_graph(signature, pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL))
    if min_weight > 1:
        graph = _at_least(graph, min_weight)
    return graph


class _GraphUnpickler(pickle.Unpickler):
    """Unpickles what :func:`build_graph` pickled, an ``nx.Graph`` of plain values, and nothing else.

    The cache lives in the database file, and a database can come from someone else: a
    plain ``pickle.loads`` would run whatever code a crafted file carries (issue 6).
    """

    def find_class(self, module: str, name: str) -> type:
        if (module, name) == ("networkx.classes.graph", "Graph"):
            return nx.Graph
        raise pickle.UnpicklingError(f"the graph cache refers to {module}.{name}")


def _load_cached(data: bytes) -> nx.Graph | None:
    """The cached graph, or None (rebuild it) when the blob is damaged or not a graph."""
    try:
        graph = _GraphUnpickler(io.BytesIO(data)).load()
    except Exception:
        return None
    return graph if type(graph) is nx.Graph else None


def _aggregate(store: Store, types: Sequence[str], kinds: Sequence[str]) -> nx.Graph:
    graph = nx.Graph(kinds=",".join(kinds), types=",".join(types))
    entities = {e.id: e for e in store.entities() if e.type in types}
    names = _unique_names(entities.values())
    for entity_id, mentions, documents in store.node_counts(kinds):
        e = entities.get(entity_id)
        if e is not None:
            graph.add_node(
                names[entity_id],
                label=e.label,
                type=e.type,
                mentions=int(mentions),
                documents=int(documents),
                aliases=e.aliases,
                entity=int(entity_id),
            )
    graph.add_edges_from(
        (names[a], names[b], {"weight": int(w), "documents": int(d)})
        for a, b, w, d in store.edge_counts(kinds)
        if a in entities and b in entities
    )
    return graph


def _unique_names(entities) -> dict[int, str]:
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
    kept.add_edges_from((a, b, d) for a, b, d in graph.edges(data=True) if d["weight"] >= min_weight)
    kept.add_nodes_from((n, graph.nodes[n]) for n in kept.nodes)
    return kept
