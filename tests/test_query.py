"""graphkit.query on graphs small enough to check by hand (networkx style), and on the hand-written store."""

from __future__ import annotations

import networkx as nx
import pytest

from graphkit.errors import BadChoice, BadInput, NoPath, UnknownEntity
from graphkit.graph import build_graph
from graphkit.query import (
    CENTRALITY_MEASURES,
    backbone,
    centrality,
    communities,
    community_of,
    disparity,
    entity_table,
    evidence,
    explain,
    find_node,
    neighbors,
    path_hops,
    shortest_path,
    snippet,
)


def person(graph: nx.Graph, name: str, *, aliases: str = "", mentions: int = 1, type: str = "PERSON") -> None:
    graph.add_node(name, label=name, type=type, mentions=mentions, documents=1, aliases=aliases or name, entity=0)


def link(graph: nx.Graph, a: str, b: str, weight: int = 1) -> None:
    graph.add_edge(a, b, weight=weight, documents=1)


@pytest.fixture
def diamond() -> nx.Graph:
    """A - B - D and A - C - D, where A-C-D is heavier; E hangs off D; Z is alone.

      B
    1/ \\1
    A   D - E
    5\\ /5
      C      Z
    """
    g = nx.Graph()
    for name in "ABCDEZ":
        person(g, name)
    g.nodes["A"]["aliases"] = "A|Alpha|ALPHA"
    person(g, "Donald Trump", aliases="Donald Trump|Trump|TRUMP", mentions=9)
    link(g, "A", "B")
    link(g, "B", "D")
    link(g, "A", "C", 5)
    link(g, "C", "D", 5)
    link(g, "D", "E")
    link(g, "E", "Donald Trump")
    return g


# -- names -------------------------------------------------------------------------------------
def test_find_node_by_alias_case_and_possessive(diamond):
    assert find_node(diamond, "alpha") == "A"
    assert find_node(diamond, "TRUMP's") == "Donald Trump"
    assert find_node(diamond, "President Trump") == "Donald Trump"


def test_an_unknown_name_lists_the_closest(diamond):
    with pytest.raises(UnknownEntity, match=r"^no entity named 'Donald Trum'; did you mean 'Donald Trump'\?$") as info:
        find_node(diamond, "Donald Trum")
    assert info.value.suggestions == ["Donald Trump"]
    with pytest.raises(UnknownEntity, match=r"^no entity named 'Nobody'$"):
        find_node(diamond, "Nobody")


# -- paths -------------------------------------------------------------------------------------
def test_shortest_strongest_and_avoid(diamond):
    assert shortest_path(diamond, "A", "E") in (["A", "B", "D", "E"], ["A", "C", "D", "E"])
    assert shortest_path(diamond, "A", "E", strongest=True) == ["A", "C", "D", "E"]  # 1/5 + 1/5 + 1 < 1 + 1 + 1
    assert shortest_path(diamond, "A", "D", avoid=["C"]) == ["A", "B", "D"]


def test_path_errors_name_what_is_wrong(diamond):
    with pytest.raises(NoPath, match=r"^no path between 'A' and 'Z'; they are in different parts of the graph$"):
        shortest_path(diamond, "A", "Z")
    with pytest.raises(NoPath, match=r"\(avoiding D\)"):
        shortest_path(diamond, "A", "E", avoid=["D"])
    with pytest.raises(BadInput, match=r"^'Alpha' and 'a' are the same entity \(A\)$"):
        shortest_path(diamond, "Alpha", "a")


# -- centrality --------------------------------------------------------------------------------
@pytest.fixture
def star() -> nx.Graph:
    """hub linked to a, b, c (weights 1, 2, 3); a - b too."""
    g = nx.Graph()
    for name in ("hub", "a", "b", "c"):
        person(g, name)
    g.nodes["c"]["type"] = "ORG"
    link(g, "hub", "a", 1)
    link(g, "hub", "b", 2)
    link(g, "hub", "c", 3)
    link(g, "a", "b", 1)
    return g


def test_every_measure_puts_the_hub_first(star):
    for by in CENTRALITY_MEASURES:
        ranked, _ = centrality(star, by, top=4)
        assert ranked[0][0] == "hub", by
        assert len(ranked) == 4


def test_degree_weighted_and_betweenness_by_hand(star):
    assert centrality(star, "degree", top=4)[0] == [("hub", 3.0), ("a", 2.0), ("b", 2.0), ("c", 1.0)]
    assert centrality(star, "weighted", top=2)[0] == [("hub", 6.0), ("b", 3.0)]
    # only hub lies between other nodes: on c-a and c-b, 2 of the 3 pairs, normalised by (n-1)(n-2)/2 = 3
    assert centrality(star, "betweenness", top=2)[0] == [("hub", pytest.approx(2 / 3)), ("a", 0.0)]


def test_centrality_of_one_type_and_of_nothing(star):
    assert centrality(star, "degree", types=["org"])[0] == [("c", 1.0)]
    assert centrality(nx.Graph(), "pagerank") == ([], "the graph is empty")


def test_betweenness_on_a_big_graph_samples_and_says_so(monkeypatch):
    import graphkit.query as query

    monkeypatch.setattr(query, "BETWEENNESS_BUDGET", 100)
    monkeypatch.setattr(query, "BETWEENNESS_MIN_PIVOTS", 5)
    g = nx.path_graph(60)
    nx.set_node_attributes(g, "PERSON", "type")
    ranked, note = centrality(g, "betweenness", top=1)
    assert note.startswith("betweenness estimated from 5 sampled pivots of 60 nodes")


def test_an_unknown_measure_names_the_parameter(star):
    with pytest.raises(
        BadChoice, match=r"^by = 'magic' must be one of degree, weighted, betweenness, eigenvector, pagerank$"
    ):
        centrality(star, "magic")  # type: ignore[arg-type]


# -- neighbours, tables, communities --------------------------------------------------------------
def test_neighbors_heaviest_first(star):
    node, rows = neighbors(star, "HUB")
    assert node == "hub"
    assert [(r["name"], r["weight"]) for r in rows] == [("c", 3), ("b", 2), ("a", 1)]
    assert [r["name"] for r in neighbors(star, "hub", top=1)[1]] == ["c"]


def test_entity_table_most_mentioned_first(diamond):
    rows = entity_table(diamond, top=2)
    assert [r["name"] for r in rows] == ["Donald Trump", "A"]
    assert rows[0]["aliases"] == ["Donald Trump", "Trump", "TRUMP"] and rows[0]["degree"] == 1


def test_two_cliques_are_two_communities():
    g = nx.Graph()
    for group in (["a1", "a2", "a3", "a4"], ["b1", "b2", "b3"]):
        for i, x in enumerate(group):
            person(g, x)
            for y in group[:i]:
                link(g, x, y, 3)
    link(g, "a1", "b1", 1)
    found = communities(g, members=2)
    assert [c["size"] for c in found] == [4, 3]
    assert found[1]["members"] == ["b1", "b2"]  # b1 is the strongest (3 + 3 + 1)
    numbers = community_of(g)
    assert {numbers[x] for x in ("a1", "a2", "a3", "a4")} == {0} and numbers["b3"] == 1


# -- evidence, on the hand-written store ------------------------------------------------------------
def test_evidence_and_path_hops_come_from_the_store(hand_store):
    graph = build_graph(hand_store)
    a, b, rows = evidence(hand_store, graph, "smith", "jones")
    assert (a, b) == ("Alice Smith", "Bob Jones")
    assert [(r.file, r.paragraph, r.text) for r in rows] == [
        ("a.txt", 1, "Alice Smith met Bob Jones in Paris."),
        ("a.txt", 2, "Smith and Jones flew to Berlin."),
    ]
    hops = path_hops(hand_store, graph, ["Paris", "Alice Smith", "Bob Jones", "Acme Corp"], per_hop=1)
    assert [(h["source"], h["target"], h["weight"], len(h["evidence"])) for h in hops] == [
        ("Paris", "Alice Smith", 1, 1),
        ("Alice Smith", "Bob Jones", 2, 1),
        ("Bob Jones", "Acme Corp", 1, 1),
    ]
    spans = hops[1]["evidence"][0]["mentions"]
    assert [(m["name"], m["start"], m["end"]) for m in spans] == [("Alice Smith", 0, 11), ("Bob Jones", 16, 25)]


def test_explain_lists_the_forms_and_why(hand_store):
    data = explain(hand_store, build_graph(hand_store), "Alice Smith")
    assert {(f["form"], f["mentions"], f["why"]) for f in data["forms"]} == {
        ("Alice Smith", 2, "by hand"),
        ("Smith", 1, "by hand"),
    }


def test_snippet_windows_a_long_paragraph_around_both_names():
    text = " ".join(f"w{i}" for i in range(400))
    a, b = text.index("w10 "), text.index("w390")
    out = snippet({"text": text, "mentions": [{"name": "A", "start": a}, {"name": "B", "start": b}]}, limit=60)
    assert "w10" in out and "w390" in out and " … " in out and len(out) < 80
    assert snippet({"text": "short", "mentions": []}) == "short"


# -- significance ------------------------------------------------------------------------------
def test_disparity_tests_each_link_at_the_end_it_matters_most_to():
    g = nx.Graph()
    g.add_edge("hub", "a", weight=8)  # 8 of hub's 10: significant for hub (0.2 ** 2 = 0.04)
    g.add_edge("hub", "b", weight=1)
    g.add_edge("hub", "c", weight=1)
    g.add_edge("c", "d", weight=1)  # c: 1 of 2, (1 - 1/2) ** 1 = 0.5; d has one link and tests nothing
    p = disparity(g)
    assert p[("hub", "a")] == pytest.approx(0.04)
    assert p[("hub", "b")] == pytest.approx(0.81)
    assert p[("c", "d")] == pytest.approx(0.5)
    assert backbone(g) == ([("hub", "a")], 0.05)


def test_the_backbone_tightens_until_it_holds_few_enough():
    g = nx.Graph()
    for i in range(30):  # thirty stars with one heavy link and two light ones
        heavy = 15 if i < 10 else 8  # 15 of 17: p = (2/17) ** 2 = 0.014; 8 of 10: p = 0.2 ** 2 = 0.04
        g.add_edge(f"s{i}", f"heavy{i}", weight=heavy)
        g.add_edge(f"s{i}", f"light{i}", weight=1)
        g.add_edge(f"s{i}", f"dim{i}", weight=1)
    links, alpha = backbone(g)
    assert alpha == 0.05 and len(links) == 30
    links, alpha = backbone(g, max_nodes=25)  # at 0.02, the ten strongest stars: 20 entities
    assert alpha == 0.02 and sorted(links) == sorted((f"s{i}", f"heavy{i}") for i in range(10))
    # no level keeps 10 entities or fewer but none: the strictest level that keeps some
    assert backbone(g, max_nodes=10) == (links, 0.02)
    assert backbone(nx.Graph([("a", "b", {"weight": 3})])) == ([], 0.05)  # a pair tests nothing
