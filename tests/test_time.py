"""Links and entities in time (issue 17): first and last dates, --since/--until, the timeline.

Everything here runs on tests/handmade.py's store, whose dates are set by hand: a.txt is
dated June 2016 (a1 states 2016-06-09, a2 takes the document's month, a3 is a comment of
2017-01-15), b.txt has no date (b2 states 2017, b1 and b3 are undated).
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from handmade import BODY_EDGES

from graphkit.dates import Window, parse_iso
from graphkit.errors import BadInput
from graphkit.export import export_graph
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


# -- exports ------------------------------------------------------------------------------
GEXF_SCHEMA = Path(__file__).resolve().parent / "fixtures" / "gexf-1.3" / "gexf.xsd"


def test_gexf_is_dynamic_valid_1_3_and_reads_back(hand_store, tmp_path):
    from lxml import etree

    out = tmp_path / "g.gexf"
    export_graph(hand_store, build_graph(hand_store), "gexf", out, title="hand <made>")
    schema = etree.XMLSchema(etree.parse(str(GEXF_SCHEMA)))
    doc = etree.parse(str(out))
    assert schema.validate(doc), schema.error_log
    ns = {"g": "http://gexf.net/1.3"}
    assert doc.getroot().get("version") == "1.3"
    assert doc.find("g:graph", ns).attrib == {
        "defaultedgetype": "undirected",
        "mode": "dynamic",
        "timeformat": "date",
        "timerepresentation": "interval",
    }

    def spells(xpath):
        return [(s.get("start"), s.get("end")) for s in doc.findall(xpath + "/g:spells/g:spell", ns)]

    assert spells("g:graph/g:nodes/g:node[@id='Alice Smith']") == [("2016-06-01", "2016-06-30")]  # a1 in a2's month
    assert spells("g:graph/g:nodes/g:node[@id='Bob Jones']") == [
        ("2016-06-01", "2016-06-30"),
        ("2017-01-01", "2017-12-31"),
    ]
    assert spells("g:graph/g:nodes/g:node[@id='Dave Brown']") == []  # undated: present all the time
    edges = doc.iterfind("g:graph/g:edges/g:edge", ns)
    edge = next(e for e in edges if {e.get("source"), e.get("target")} == {"Bob Jones", "Berlin"})
    assert [(s.get("start"), s.get("end")) for s in edge.iterfind("g:spells/g:spell", ns)] == [
        ("2016-06-01", "2016-06-30"),
        ("2017-01-01", "2017-12-31"),
    ]
    back = nx.read_gexf(out, version="1.3")
    assert {tuple(sorted(e)) for e in back.edges} == {tuple(sorted(e)) for e in BODY_EDGES}
    assert back.nodes["Alice Smith"]["first"] == "2016-06" and back.nodes["Alice Smith"]["last"] == "2016-06-09"
    assert back.edges["Bob Jones", "Berlin"]["weight"] == 2
    assert back.nodes["Bob Jones"]["spells"] == [("2016-06-01", "2016-06-30"), ("2017-01-01", "2017-12-31")]


def test_a_windowed_gexf_lives_only_in_its_window(hand_store, tmp_path):
    out = tmp_path / "g.gexf"
    export_graph(hand_store, build_graph(hand_store, window=window("2017")), "gexf", out)
    back = nx.read_gexf(out, version="1.3")
    assert set(back) == {"Bob Jones", "Acme Corp", "Berlin"}
    assert back.nodes["Bob Jones"]["spells"] == [("2017-01-01", "2017-12-31")]


def test_graphml_and_json_carry_first_and_last(hand_store, tmp_path):
    graph = build_graph(hand_store)
    export_graph(hand_store, graph, "graphml", tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert (back.edges["Bob Jones", "Berlin"]["first"], back.edges["Bob Jones", "Berlin"]["last"]) == (
        "2016-06",
        "2017",
    )
    assert back.nodes["Alice Smith"]["last"] == "2016-06-09"
    export_graph(hand_store, graph, "json", tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert (nodes["Dave Brown"]["first"], nodes["Dave Brown"]["last"]) == (None, None)
    ab = next(e for e in data["edges"] if {e["source"], e["target"]} == {"Alice Smith", "Bob Jones"})
    assert (ab["first"], ab["last"]) == ("2016-06", "2016-06-09")
    assert [(ev["date"], ev["date_precision"], ev["date_source"]) for ev in ab["evidence"]] == [
        ("2016-06-09", "day", "text"),
        ("2016-06", "month", "document"),
    ]


# -- ingest: dates from headers, DATE spans and file names ----------------------------------
@pytest.fixture(scope="module")
def dated_model(tmp_path_factory) -> str:
    """A ruler pipeline that also tags DATE spans, as the real model does."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [
            {"label": "PERSON", "pattern": "Alice Smith"},
            {"label": "PERSON", "pattern": "Bob Jones"},
            {"label": "DATE", "pattern": [{"LOWER": "june"}, {"TEXT": "7"}]},
            {"label": "DATE", "pattern": "2015"},
        ]
    )
    path = tmp_path_factory.mktemp("models") / "dated"
    nlp.to_disk(path)
    return str(path)


def test_ingest_dates_documents_and_paragraphs(tmp_path, dated_model, run):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.eml").write_bytes(
        b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Paris\r\nDate: Tue, 14 Jun 2016 10:00:00 -0400\r\n\r\n"
        b"On June 7, Alice Smith met Bob Jones.\r\n\r\nIn 2015, Alice Smith and Bob Jones had never met.\r\n\r\n"
        b"Alice Smith thanks Bob Jones.\r\n"
    )
    (docs / "minutes-2014-03.txt").write_text("Alice Smith called Bob Jones.\n", encoding="utf-8")
    db = tmp_path / "d.db"
    result = run("ingest", docs, "--db", db, "--model", dated_model, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["dates"] == {
        "documents": 2,
        "dated documents": 2,
        "by text": 2,
        "by document": 2,
        "undated": 0,
    }
    assert "dates: 2 of 2 documents; paragraphs: 2 by their own text, 2 by their document's date, 0 undated" in (
        result.stderr
    )
    result = run("timeline", "Alice Smith", "Bob Jones", "--db", db, "--json")
    items = [
        (Path(i["file"]).name, i["date"], i["date_precision"], i["date_source"])
        for i in json.loads(result.stdout)["items"]
    ]
    assert items == [
        ("minutes-2014-03.txt", "2014-03", "month", "document"),  # the file's name
        ("note.eml", "2015", "year", "text"),  # "In 2015," a DATE span that dates the text
        ("note.eml", "2016-06-07", "day", "text+document year"),  # "June 7", the year of the Date header
        ("note.eml", "2016-06-14", "day", "document"),  # the Date header
    ]
