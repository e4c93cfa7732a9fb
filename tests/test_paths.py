"""Path choices (issue 16) on graphs small enough to check by hand, and through the CLI on a hand-written store.

An informative path costs ``1 - strength`` per link plus, per intermediate, its type's cost
(people and organisations 0, places 3, other types 1), half the surprisal of its degree
(0 when every node has the same degree) and 2 for a hub (the most connected 1%).
"""

from __future__ import annotations

import json
import math

import networkx as nx
import pytest
from handmade import write_hand_store

from graphkit.errors import BadChoice, NoPath
from graphkit.query import find_path, hubs, passing_cost, shorter_path


def graph(links: list[tuple[str, str]], *, types: dict[str, str] | None = None, strength: float = 0.5) -> nx.Graph:
    g = nx.Graph()
    for a, b in links:
        for n in (a, b):
            g.add_node(n, label=n, type=(types or {}).get(n, "PERSON"), mentions=1, documents=1, aliases=n, entity=0)
        g.add_edge(a, b, weight=1, documents=1, strength=strength)
    return g


def ring(*names: str) -> list[tuple[str, str]]:
    """Links around a cycle, so that every node has degree 2 and no degree is a surprise."""
    return list(zip(names, names[1:] + names[:1]))


def test_a_place_is_avoided_for_people_one_hop_longer():
    # Ann - Rome - Dee is a hop shorter than Ann - Ben - Cal - Dee; every node has degree 2.
    g = graph(ring("Ann", "Rome", "Dee", "Cal", "Ben"), types={"Rome": "GPE"})
    assert find_path(g, "Ann", "Dee", by="shortest") == ["Ann", "Rome", "Dee"]
    # through Rome: 2 links * 0.5 + 3 (a place) = 4; through Ben and Cal: 3 links * 0.5 = 1.5
    assert find_path(g, "Ann", "Dee") == ["Ann", "Ben", "Cal", "Dee"]
    assert shorter_path(g, ["Ann", "Ben", "Cal", "Dee"]) == ["Ann", "Rome", "Dee"]
    assert shorter_path(g, ["Ann", "Rome", "Dee"]) is None


@pytest.mark.parametrize("kind", ["NORP", "LOC", "GPE"])
def test_nationalities_and_regions_are_places_too(kind):
    g = graph(ring("Ann", "Russian", "Dee", "Cal", "Ben"), types={"Russian": kind})
    assert find_path(g, "Ann", "Dee") == ["Ann", "Ben", "Cal", "Dee"]


def test_an_organisation_is_as_good_as_a_person_and_other_types_cost_a_little():
    g = graph(ring("Ann", "Acme", "Dee", "Cal", "Ben"), types={"Acme": "ORG"})
    assert find_path(g, "Ann", "Dee") == ["Ann", "Acme", "Dee"]  # 1.0 against 1.5
    g = graph(ring("Ann", "Summit", "Dee", "Cal", "Ben"), types={"Summit": "EVENT"})
    assert find_path(g, "Ann", "Dee") == ["Ann", "Ben", "Cal", "Dee"]  # 1.0 + 1 against 1.5


def test_never_more_than_two_hops_longer_than_the_shortest():
    # the chain through people is three hops longer than the one through Rome
    g = graph(ring("Ann", "Rome", "Dee", "P4", "P3", "P2", "P1"), types={"Rome": "GPE"})
    assert find_path(g, "Ann", "Dee") == ["Ann", "Rome", "Dee"]
    assert find_path(g, "Ann", "Dee", slack=3) == ["Ann", "P1", "P2", "P3", "P4", "Dee"]
    assert find_path(g, "Ann", "Dee", slack=0) == ["Ann", "Rome", "Dee"]


def test_links_strong_for_their_ends_are_preferred():
    g = graph(ring("Ann", "Ben", "Dee", "Cal"))
    nx.set_edge_attributes(
        g, {("Ann", "Ben"): 0.1, ("Ben", "Dee"): 0.1, ("Ann", "Cal"): 0.8, ("Cal", "Dee"): 0.8}, "strength"
    )
    assert find_path(g, "Ann", "Dee") == ["Ann", "Cal", "Dee"]
    nx.set_edge_attributes(g, {("Ann", "Ben"): 0.9, ("Ben", "Dee"): 0.9}, "strength")
    assert find_path(g, "Ann", "Dee") == ["Ann", "Ben", "Dee"]


def test_the_most_connected_entities_are_hubs():
    # Hub knows Ann, Dee and 100 others: the top 1% of 105 entities is Hub alone.
    g = graph([("Ann", "Hub"), ("Hub", "Dee"), ("Ann", "Ben"), ("Ben", "Cal"), ("Cal", "Dee")])
    g.add_edges_from((("Hub", f"x{i}") for i in range(100)), weight=1, documents=1, strength=0.5)
    nx.set_node_attributes(g, "PERSON", "type")
    assert hubs(g) == {"Hub"}
    cost = passing_cost(g)
    assert cost["Hub"] == pytest.approx(2 + 0.5 * math.log(105 / 1))  # hub, and the most connected of 105
    assert cost["Ben"] == pytest.approx(0.5 * math.log(105 / 5))  # five entities have degree 2 or more
    assert find_path(g, "Ann", "Dee", by="shortest") == ["Ann", "Hub", "Dee"]
    # through Hub: 2 * 0.5 + 4.33 = 5.33; through Ben and Cal: 3 * 0.5 + 2 * 1.52 = 4.54
    assert find_path(g, "Ann", "Dee") == ["Ann", "Ben", "Cal", "Dee"]


def test_small_graphs_have_no_hubs():
    assert hubs(nx.star_graph(50)) == set()
    assert hubs(nx.Graph()) == set()


def test_avoid_and_errors_apply_to_every_kind():
    g = graph(ring("Ann", "Rome", "Dee", "Cal", "Ben"), types={"Rome": "GPE"})
    g.add_node("Zed", label="Zed", type="PERSON", mentions=1, aliases="Zed")
    assert find_path(g, "Ann", "Dee", avoid=["Ben"]) == ["Ann", "Rome", "Dee"]
    for kind in ("informative", "shortest", "strongest"):
        with pytest.raises(NoPath):
            find_path(g, "Ann", "Zed", by=kind)  # type: ignore[arg-type]
    with pytest.raises(BadChoice, match="informative, shortest, strongest"):
        find_path(g, "Ann", "Dee", by="scenic")  # type: ignore[arg-type]


# -- through the command line, on a store written by hand ----------------------------------
ENTITIES = [
    (1, "Ann Lee", "PERSON", ["Ann Lee"]),
    (2, "Ben Ode", "PERSON", ["Ben Ode"]),
    (3, "Cal Fry", "PERSON", ["Cal Fry"]),
    (4, "Dee Moss", "PERSON", ["Dee Moss"]),
    (5, "Rome", "GPE", ["Rome"]),
    (6, "Acme", "ORG", ["Acme"]),
]
# Ann and Dee are never named together. Rome joins them in two hops, Ben and Cal in three.
# Acme joins them in two heavy hops (three paragraphs each: the strongest way, 1/3 + 1/3),
# but Acme is named alone in 40 more paragraphs, so its links are weak for Acme's end.
DOCUMENTS = {
    "a.txt": [
        ("body", "Ann Lee flew to Rome.", ["Ann Lee", "Rome"]),
        ("body", "Dee Moss lives in Rome.", ["Dee Moss", "Rome"]),
        ("body", "Ann Lee hired Ben Ode.", ["Ann Lee", "Ben Ode"]),
        ("body", "Ben Ode wrote to Cal Fry.", ["Ben Ode", "Cal Fry"]),
        ("body", "Cal Fry paid Dee Moss.", ["Cal Fry", "Dee Moss"]),
    ],
    "b.txt": [("body", f"Acme hired Ann Lee ({i}).", ["Acme", "Ann Lee"]) for i in range(3)]
    + [("body", f"Acme hired Dee Moss ({i}).", ["Acme", "Dee Moss"]) for i in range(3)]
    + [("body", f"Acme reported ({i}).", ["Acme"]) for i in range(40)],
}


@pytest.fixture
def path_db(tmp_path):
    write_hand_store(tmp_path / "paths.db", ENTITIES, DOCUMENTS).close()
    return tmp_path / "paths.db"


def names(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [p["name"] for p in json.loads(result.stdout)["path"]]


def test_path_kinds_on_the_command_line(path_db, run):
    def path(*extra: str):
        return run("path", "ann lee", "dee moss", "--db", path_db, "--json", *extra)

    # NPMI over 51 paragraphs: Ann-Rome 0.41, Ann-Ben 0.41, Ben-Cal 0.65, Ann-Acme -0.14.
    # Through Ben and Cal: 0.59 + 0.35 + 0.59 = 1.52; through Acme 2 * 1.14; through Rome 2 * 0.59 + 3.
    data = json.loads(path().stdout)
    assert data["by"] == "informative"
    assert [p["name"] for p in data["path"]] == ["Ann Lee", "Ben Ode", "Cal Fry", "Dee Moss"]
    assert [p["name"] for p in data["shorter"]] in (["Ann Lee", "Rome", "Dee Moss"], ["Ann Lee", "Acme", "Dee Moss"])
    assert [round(hop["strength"], 2) for hop in data["hops"]] == [0.41, 0.65, 0.41]
    assert names(path("--strongest")) == ["Ann Lee", "Acme", "Dee Moss"]
    assert len(names(path("--shortest"))) == 3
    assert names(path("--shortest", "--avoid", "Acme")) == ["Ann Lee", "Rome", "Dee Moss"]
    assert json.loads(path("--shortest").stdout)["shorter"] is None


def test_the_text_says_when_a_shorter_path_runs_through_a_hub(path_db, run):
    result = run("path", "Ann Lee", "Dee Moss", "--avoid", "Acme", "--evidence", "0", "--db", path_db)
    assert result.exit_code == 0
    first, second = result.stdout.splitlines()[:2]
    assert first == "Ann Lee -> Ben Ode -> Cal Fry -> Dee Moss"
    assert second == "(a shorter path, 2 hops, runs through Rome (GPE); --shortest shows it)"
    shortest = run("path", "Ann Lee", "Dee Moss", "--avoid", "Acme", "--shortest", "--db", path_db)
    assert shortest.stdout.splitlines()[0] == "Ann Lee -> Rome -> Dee Moss"
    assert "shorter path" not in shortest.stdout
