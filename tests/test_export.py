"""graphkit.export on the hand-written store and on hand-built graphs: each writer, the cuts, the page."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from handmade import BODY_EDGES, write_clustered_store
from pages import nonces, split_data_block

import graphkit.export as export
from graphkit.errors import BadChoice, BadInput
from graphkit.export import (
    FORMATS,
    WRITERS,
    export_graph,
    graph_payload,
    render_html,
    sanitize_xml,
    select_top,
    strongest_edges,
)
from graphkit.graph import build_graph
from graphkit.layout import community_layout
from graphkit.query import backbone, community_of, hubs, passing_cost


def weighted(edges: dict[tuple[str, str], int]) -> nx.Graph:
    g = nx.Graph()
    for (a, b), w in edges.items():
        for n in (a, b):
            g.add_node(n, label=n, type="PERSON", mentions=len(n), documents=1, aliases=n, entity=0)
        g.add_edge(a, b, weight=w, documents=w % 3)
    return g


def test_select_top_keeps_the_most_connected_and_their_links():
    g = weighted({("a", "b"): 5, ("a", "c"): 1, ("c", "d"): 1, ("b", "c"): 2})
    top = select_top(g, 2)
    assert set(top) == {"a", "b"} and list(top.edges) == [("a", "b")]
    assert select_top(g, None) is g and select_top(g, 10) is g


def test_strongest_edges_keeps_every_node():
    g = weighted({("a", "b"): 5, ("a", "c"): 1, ("c", "d"): 3})
    cut = strongest_edges(g, 2)
    assert set(cut) == {"a", "b", "c", "d"}
    assert {tuple(sorted(e)) for e in cut.edges} == {("a", "b"), ("c", "d")}
    assert cut.graph["edges_before_cut"] == 3


def test_the_registry_is_the_list_of_formats():
    assert FORMATS == tuple(WRITERS) == ("html", "graphml", "gexf", "json")
    assert all(w.description for w in WRITERS.values())


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_writer_writes_the_whole_graph(hand_store, tmp_path, fmt):
    graph = build_graph(hand_store)
    out = tmp_path / "sub" / f"g.{fmt}"
    summary = export_graph(hand_store, graph, fmt, out)
    assert summary == {
        "format": fmt,
        "path": str(out),
        "nodes": 6,
        "edges": 7,
        "nodes_total": 6,
        "edges_total": 7,
    }
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left beside it
    strength = graph.edges["Alice Smith", "Bob Jones"]["strength"]  # every format carries it (issue 16)
    if fmt in ("graphml", "gexf"):
        back = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(out)
        assert {tuple(sorted(e)) for e in back.edges} == {tuple(sorted(e)) for e in BODY_EDGES}
        assert float(back.edges["Alice Smith", "Bob Jones"]["strength"]) == pytest.approx(strength)
    elif fmt == "json":
        data = json.loads(out.read_text(encoding="utf-8"))
        ab = next(e for e in data["edges"] if {e["source"], e["target"]} == {"Alice Smith", "Bob Jones"})
        assert ab["weight"] == 2 and [ev["paragraph"] for ev in ab["evidence"]] == [1, 2]
        assert ab["strength"] == strength
    else:
        payload = json.loads(split_data_block(out.read_text(encoding="utf-8"))[0])
        assert {n["id"] for n in payload["nodes"]} == set(graph)
        assert {p["text"] for p in payload["paragraphs"].values()} >= {"Smith and Jones flew to Berlin."}
        ab = next(e for e in payload["edges"] if {e["from"], e["to"]} == {"Alice Smith", "Bob Jones"})
        assert ab["strength"] == strength and ab["backbone"] is False  # a small graph opens whole
        assert payload["meta"]["view"] == "all" and payload["meta"]["backbone"] is None


def test_an_unknown_format_names_the_parameter(hand_store, tmp_path):
    with pytest.raises(BadChoice, match=r"^fmt = 'csv' must be one of html, graphml, gexf, json$"):
        export_graph(hand_store, build_graph(hand_store), "csv", tmp_path / "g.csv")  # type: ignore[arg-type]
    assert not (tmp_path / "g.csv").exists()


def test_a_page_too_big_for_a_browser_says_what_to_pass(hand_store, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "HTML_NODE_LIMIT", 5)
    with pytest.raises(
        BadInput, match=r"^6 nodes is more than a browser can draw usefully \(limit 5\); pass top = 2000"
    ):
        export_graph(hand_store, build_graph(hand_store), "html", tmp_path / "g.html")
    assert export_graph(hand_store, build_graph(hand_store), "html", tmp_path / "g.html", top=5)["nodes"] == 5


def test_a_page_with_too_many_links_keeps_the_strongest(hand_store, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "HTML_EDGE_LIMIT", 2)
    summary = export_graph(hand_store, build_graph(hand_store), "html", tmp_path / "g.html")
    assert (summary["nodes"], summary["edges"], summary["edges_total"]) == (6, 2, 7)
    meta = json.loads(split_data_block((tmp_path / "g.html").read_text(encoding="utf-8"))[0])["meta"]
    assert "only the 2 strongest of their 7 links" in meta["omitted"]


# -- the page --------------------------------------------------------------------------------
EMPTY = {"meta": {}, "nodes": [], "edges": [], "paragraphs": {}, "types": {}}


def test_each_page_gets_its_own_nonce_and_only_its_scripts_carry_it():
    pages = [render_html(EMPTY) for _ in range(3)]
    found = [nonces(p) for p in pages]
    assert all(len(n) == 1 for n in found) and len(set.union(*found)) == 3  # one per page, never repeated
    (nonce,) = found[0]
    assert len(nonce) >= 16 and nonce != "graphkit"
    assert f"script-src 'nonce-{nonce}'" in pages[0]
    assert pages[0].count(f'<script nonce="{nonce}">') == 2
    assert render_html(EMPTY, nonce="fixed123").count("fixed123") == 3


def test_the_title_is_escaped_by_the_template():
    page = render_html(EMPTY, title='</title><script>alert(1)</script> & "x"')
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;</title>" in page
    assert "<script>alert" not in page


def test_the_explorer_code_is_inlined_in_module_order():
    page = render_html(EMPTY)
    starts = [page.index(f"// {name}.js:") for name in export.APP_MODULES]
    assert starts == sorted(starts)
    assert re.search(r"\(function \(\) \{\n\"use strict\";", page)


def test_sanitize_xml_replaces_what_xml_cannot_hold():
    assert sanitize_xml("a\x00b\x1bc\ud800d\tok") == "a\ufffdb\ufffdc\ufffdd\tok"
    ET.fromstring(f"<x>{sanitize_xml(chr(0) + 'text')}</x>")


# -- the first view of a large graph (issue 16) ------------------------------------------------
@pytest.fixture
def clustered(tmp_path):
    store = write_clustered_store(tmp_path / "c.db")
    yield store, build_graph(store)
    store.close()


def test_a_large_page_opens_on_the_backbone(clustered):
    store, graph = clustered
    assert graph.number_of_nodes() > export.FIRST_VIEW_NODES
    payload = graph_payload(store, graph, graph)
    meta = payload["meta"]
    links = {frozenset(e) for e in backbone(graph)[0]}
    flagged = {frozenset((e["from"], e["to"])) for e in payload["edges"] if e["backbone"]}
    assert meta["view"] == "backbone" and flagged == links
    held = {n for link in links for n in link}
    assert meta["backbone"] == {"alpha": backbone(graph)[1], "nodes": len(held), "edges": len(links)}
    assert 0 < len(held) <= 250 < graph.number_of_nodes()
    assert {n["id"]: n["hub"] for n in payload["nodes"]} == {n: n in hubs(graph) for n in graph}
    assert {n["id"]: n["cost"] for n in payload["nodes"]} == passing_cost(graph)


def test_communities_are_laid_out_apart(clustered):
    _store, graph = clustered
    groups = community_of(graph)
    pos = community_layout(graph, groups)
    assert pos == community_layout(graph, groups)  # the same graph, the same picture
    discs = []
    for c in set(groups.values()):
        members = [n for n in graph if groups[n] == c]
        if len(members) < 3:
            continue
        cx = sum(pos[n][0] for n in members) / len(members)
        cy = sum(pos[n][1] for n in members) / len(members)
        discs.append((cx, cy, max(math.hypot(pos[n][0] - cx, pos[n][1] - cy) for n in members)))
    assert len(discs) >= 4
    for i, (ax, ay, ar) in enumerate(discs):
        for bx, by, br in discs[i + 1 :]:
            assert math.hypot(bx - ax, by - ay) >= ar + br, "two communities overlap"


def test_the_page_is_drawn_the_same_in_every_process(tmp_path):
    """Louvain and the layouts must not follow Python's per-process string hashing (issue 16)."""
    import os
    import subprocess
    import sys

    write_clustered_store(tmp_path / "c.db", groups=3, size=40).close()
    drawn = []
    for hashseed in ("1", "2"):
        out = tmp_path / f"c{hashseed}.html"
        env = {**os.environ, "PYTHONHASHSEED": hashseed}
        args = ["export", "--top", "50", "--out", str(out), "--db", str(tmp_path / "c.db")]
        subprocess.run([sys.executable, "-m", "graphkit", *args], check=True, env=env, capture_output=True)
        payload = json.loads(split_data_block(out.read_text(encoding="utf-8"))[0])
        drawn.append({n["id"]: (n["x"], n["y"], n["community"]) for n in payload["nodes"]})
    assert drawn[0] == drawn[1]
