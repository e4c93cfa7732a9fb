"""graphkit.graph on the hand-written store (tests/handmade.py): every node, edge and count checked by hand."""

from __future__ import annotations

import json
import pickle

import networkx as nx
import pytest
from handmade import BODY_EDGES, write_hand_store

import graphkit.graph as graph_module
from graphkit.errors import BadChoice
from graphkit.graph import INCLUDE_CHOICES, build_graph, entity_nodes, graph_kinds, kinds_for
from graphkit.vocabulary import EVIDENCE_KINDS, KINDS


def edges(graph: nx.Graph) -> dict[tuple[str, str], tuple[int, int]]:
    return {tuple(sorted((a, b))): (d["weight"], d["documents"]) for a, b, d in graph.edges(data=True)}


def test_body_paragraphs_make_the_graph(hand_store):
    graph = build_graph(hand_store)
    assert set(graph) == {"Alice Smith", "Bob Jones", "Dave Brown", "Acme Corp", "Paris", "Berlin"}
    assert edges(graph) == {tuple(sorted(k)): v for k, v in BODY_EDGES.items()}
    assert graph.degree("Dave Brown") == 0  # a node without links stays a node
    bob = graph.nodes["Bob Jones"]
    assert (bob["type"], bob["mentions"], bob["documents"], bob["aliases"]) == ("PERSON", 3, 2, "Bob Jones|Jones")
    assert graph_kinds(graph) == EVIDENCE_KINDS == ("body", "footnote", "quote")


def test_included_kinds_add_their_paragraphs(hand_store):
    graph = build_graph(hand_store, kinds=kinds_for(["comments", "headings"]))
    assert graph_kinds(graph) == ("body", "footnote", "quote", "heading", "comment")
    found = edges(graph)
    assert found[("Acme Corp", "Berlin")] == (2, 1)  # the heading adds a paragraph
    assert found[("Alice Smith", "Carol White")] == (1, 1)  # the comment adds Carol White
    assert graph.nodes["Alice Smith"]["mentions"] == 3


def test_types_filter_nodes_and_their_links(hand_store):
    graph = build_graph(hand_store, types=["PERSON"])
    assert set(graph) == {"Alice Smith", "Bob Jones", "Dave Brown"}
    assert edges(graph) == {("Alice Smith", "Bob Jones"): (2, 1)}


def test_min_weight_drops_light_links_and_the_nodes_left_alone(hand_store):
    graph = build_graph(hand_store, min_weight=2)
    assert edges(graph) == {("Alice Smith", "Bob Jones"): (2, 1), ("Berlin", "Bob Jones"): (2, 2)}
    assert set(graph) == {"Alice Smith", "Bob Jones", "Berlin"}
    assert (graph.graph["unfiltered_nodes"], graph.graph["unfiltered_edges"], graph.graph["min_weight"]) == (6, 7, 2)


def test_two_entities_with_one_label_get_their_type_added(tmp_path):
    store = write_hand_store(
        tmp_path / "twins.db",
        entities=[(1, "Paris", "GPE", ["Paris"]), (2, "Paris", "PERSON", ["Paris Hilton"])],
        documents={"t.txt": [("body", "Paris Hilton flew to Paris.", ["Paris Hilton", "Paris"])]},
    )
    with store:
        assert set(build_graph(store)) == {"Paris (GPE)", "Paris (PERSON)"}


def test_kinds_for_names_the_parameter_and_its_choices():
    assert kinds_for() == EVIDENCE_KINDS
    assert kinds_for(["all"]) == KINDS
    assert set(INCLUDE_CHOICES) == {"headings", "boilerplate", "comments", "duplicates", "all"}
    with pytest.raises(
        BadChoice, match=r"^include = 'ads' must be one of headings, boilerplate, comments, duplicates, all$"
    ):
        kinds_for(["ads"])


def test_entity_nodes_has_every_entity_and_no_links(hand_store):
    graph = entity_nodes(hand_store)
    assert set(graph) == {"Alice Smith", "Bob Jones", "Carol White", "Dave Brown", "Acme Corp", "Paris", "Berlin"}
    assert graph.number_of_edges() == 0


# -- the cache ---------------------------------------------------------------------------
def cache_row(store) -> tuple[str, bytes]:
    return store.conn.execute("SELECT signature, data FROM graph_cache").fetchone()


def same(a: nx.Graph, b: nx.Graph) -> bool:
    return (
        a.graph == b.graph
        and dict(a.nodes(data=True)) == dict(b.nodes(data=True))
        and edges(a) == edges(b)
        and all(a.edges[u, v] == b.edges[u, v] for u, v in a.edges)
    )


def test_the_cache_is_json_and_gives_back_the_same_graph(hand_store):
    fresh = build_graph(hand_store)
    signature, blob = cache_row(hand_store)
    assert signature.startswith(f"{graph_module._CACHE_FORMAT}|")  # json-N: a newer encoding is never misread
    json.loads(blob)  # plain data, which cannot carry code
    cached = build_graph(hand_store)
    assert cached is not fresh and same(cached, fresh)
    cached.edges["Alice Smith", "Bob Jones"]["weight"] = 99  # one attribute dict per edge, as NetworkX keeps it
    assert cached.edges["Bob Jones", "Alice Smith"]["weight"] == 99


@pytest.mark.parametrize(
    "blob",
    [
        b'{"graph": {}, "nodes": [["x", {"label": ["a", "list"]}]], "edges": []}',
        b'{"graph": {}, "nodes": [["x", {}]], "edges": [[0, 5, {}]]}',
        b'{"graph": {"kinds": {"nested": 1}}, "nodes": [], "edges": []}',
        pickle.dumps(nx.Graph([("Eve", "Mallory")])),
        b"\x80\x05garbage",
        b"[]",
    ],
    ids=["list-attribute", "edge-to-nowhere", "nested-graph-attribute", "old-pickle", "garbage", "not-a-graph"],
)
def test_a_damaged_or_crafted_cache_is_rebuilt_from_the_tables(hand_store, blob):
    fresh = build_graph(hand_store)
    good = cache_row(hand_store)
    hand_store.conn.execute("UPDATE graph_cache SET data = ?", (blob,))
    again = build_graph(hand_store)
    assert same(again, fresh) and "Eve" not in again
    assert cache_row(hand_store) == good  # and the damage is repaired


def test_every_link_carries_its_association_strength(hand_store):
    """Body paragraphs naming an entity: a1, a2, b2, b3. Alice in a1, a2; Bob in a1, a2, b2; together in a1, a2."""
    graph = build_graph(hand_store)
    assert graph.graph["paragraphs"] == 4
    assert (graph.nodes["Alice Smith"]["paragraphs"], graph.nodes["Bob Jones"]["paragraphs"]) == (2, 3)
    # ln(p(ab) / p(a)p(b)) / -ln p(ab) = ln((2/4) / (2/4 * 3/4)) / ln(4/2) = ln(4/3) / ln 2
    assert graph.edges["Alice Smith", "Bob Jones"]["strength"] == pytest.approx(0.415, abs=1e-3)
    # Acme Corp is named once, with Bob Jones and Berlin: ln((1/4) / (1/4 * 3/4)) / ln 4
    assert graph.edges["Acme Corp", "Bob Jones"]["strength"] == pytest.approx(0.2075, abs=1e-3)
    assert all(-1 <= d["strength"] <= 1 for _, _, d in graph.edges(data=True))


def test_strength_survives_the_cache_and_the_weight_filter(hand_store):
    first = build_graph(hand_store)
    again = build_graph(hand_store)  # from the cache
    assert dict(again.edges) == dict(first.edges)
    heavy = build_graph(hand_store, min_weight=2)
    assert heavy.edges["Alice Smith", "Bob Jones"]["strength"] == first.edges["Alice Smith", "Bob Jones"]["strength"]
