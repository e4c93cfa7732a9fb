"""Links and entities in time (issue 17): first and last dates, --since/--until, the timeline.

Everything here runs on tests/handmade.py's store, whose dates are set by hand: a.txt is
dated June 2016 (a1 states 2016-06-09, a2 takes the document's month, a3 is a comment of
2017-01-15), b.txt has no date (b2 states 2017, b1 and b3 are undated).
"""

from __future__ import annotations

import json

import pytest

from graphkit.dates import Window, parse_iso
from graphkit.errors import BadInput
from graphkit.graph import build_graph, graph_window
from graphkit.query import timeline


def window(since=None, until=None) -> Window:
    return Window(since and parse_iso(since), until and parse_iso(until))


def weights(graph):
    return {tuple(sorted(e)): d["weight"] for *e, d in graph.edges(data=True)}


def test_links_and_entities_carry_their_first_and_last_dates(hand_store):
    graph = build_graph(hand_store)
    spans = {tuple(sorted((a, b))): (d["first"], d["last"]) for a, b, d in graph.edges(data=True)}
    assert spans[("Alice Smith", "Bob Jones")] == ("2016-06", "2016-06-09")
    assert spans[("Berlin", "Bob Jones")] == ("2016-06", "2017")
    assert spans[("Acme Corp", "Bob Jones")] == ("2017", "2017")
    assert (graph.nodes["Alice Smith"]["first"], graph.nodes["Alice Smith"]["last"]) == ("2016-06", "2016-06-09")
    assert (graph.nodes["Dave Brown"]["first"], graph.nodes["Dave Brown"]["last"]) == ("", "")


@pytest.mark.parametrize(
    "since, until, expected",
    [
        # b2 only: 2017 overlaps "since 2017"; everything of a.txt is 2016
        ("2017", None, {("Acme Corp", "Bob Jones"): 1, ("Acme Corp", "Berlin"): 1, ("Berlin", "Bob Jones"): 1}),
        # a2 (all of June 2016) overlaps a window that ends on June 8; a1 (June 9) does not
        (
            None,
            "2016-06-08",
            {("Alice Smith", "Bob Jones"): 1, ("Alice Smith", "Berlin"): 1, ("Berlin", "Bob Jones"): 1},
        ),
        # one day: a1 is that day, a2's month contains it
        (
            "2016-06-09",
            "2016-06-09",
            {
                ("Alice Smith", "Bob Jones"): 2,
                ("Alice Smith", "Paris"): 1,
                ("Bob Jones", "Paris"): 1,
                ("Alice Smith", "Berlin"): 1,
                ("Berlin", "Bob Jones"): 1,
            },
        ),
        ("2018", None, {}),
    ],
)
def test_since_and_until_count_the_paragraphs_whose_date_overlaps(hand_store, since, until, expected):
    graph = build_graph(hand_store, window=window(since, until))
    assert weights(graph) == expected
    assert "Dave Brown" not in graph  # undated: it cannot be shown to fall in any window


def test_a_window_narrows_first_and_last_and_is_kept_on_the_graph(hand_store):
    graph = build_graph(hand_store, window=window("2016-06-09"))
    assert graph_window(graph) == ("2016-06-09", None)
    assert (graph.edges["Bob Jones", "Berlin"]["first"], graph.edges["Bob Jones", "Berlin"]["last"]) == (
        "2016-06",
        "2017",
    )
    graph = build_graph(hand_store, window=window(until="2016"))
    assert graph.edges["Bob Jones", "Berlin"]["last"] == "2016-06"
    assert build_graph(hand_store).graph["since"] == ""  # the cached graph of all time is not the windowed one


def test_a_window_that_ends_before_it_begins_is_refused():
    with pytest.raises(BadInput, match=r"the window ends \(2015\) before it begins \(2016\); swap the two dates"):
        window("2016", "2015")


def test_timeline_lists_dated_evidence_earliest_first(hand_store):
    graph = build_graph(hand_store)
    found = timeline(hand_store, graph, ["Jones"])
    assert [(i["file"], i["paragraph"], i["date"], i["date_source"]) for i in found["items"]] == [
        ("a.txt", 2, "2016-06", "document"),
        ("a.txt", 1, "2016-06-09", "text"),
        ("b.txt", 2, "2017", "text"),
    ]
    assert (found["first"], found["last"], found["undated"]) == ("2016-06", "2017", 0)
    pair = timeline(hand_store, graph, ["Alice Smith", "Jones"])
    assert [i["paragraph"] for i in pair["items"]] == [2, 1]
    assert pair["items"][1]["snippet"] == "Alice Smith met Bob Jones in Paris."


def test_timeline_counts_undated_paragraphs_and_lists_them_on_request(hand_store):
    graph = build_graph(hand_store)
    assert timeline(hand_store, graph, ["Dave Brown"])["items"] == []
    found = timeline(hand_store, graph, ["Dave Brown"], undated=True)
    assert found["undated"] == 1 and [i["paragraph"] for i in found["items"]] == [3]
    with pytest.raises(BadInput, match="same entity"):
        timeline(hand_store, graph, ["Bob Jones", "Jones"])


def test_the_cli_time_filter_and_timeline(hand_store, run):
    db = hand_store.path
    result = run("neighbors", "Bob Jones", "--since", "2017", "--db", db, "--json")
    assert result.exit_code == 0
    assert {r["name"]: r["weight"] for r in json.loads(result.stdout)["neighbors"]} == {"Acme Corp": 1, "Berlin": 1}
    # b3 is the undated body paragraph; b1 is a heading, which does not count anyway
    assert "only paragraphs dated since 2017 count; 1 paragraph without a date left out" in result.stderr
    result = run("timeline", "Bob Jones", "Berlin", "--db", db)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Bob Jones — Berlin: 2 dated paragraphs, 2016-06 to 2017"
    assert result.stdout.splitlines()[2].startswith("2016-06     document's date  a.txt, ¶ 2")
    result = run("timeline", "Bob Jones", "--until", "2016-13", "--db", db)
    assert result.exit_code == 2 and "'2016-13' is not a date" in result.stderr
    result = run("path", "Alice Smith", "Acme Corp", "--until", "2016", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Error: no entity named 'Acme Corp' in paragraphs dated until 2016"
