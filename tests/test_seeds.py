"""End to end on seeds/ with the real default model: the README's main job, as a user runs it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from graphkit.graph import build_graph
from graphkit.store import open_store

pytestmark = pytest.mark.slow  # the real default model, end to end

XSD = Path(__file__).parent / "fixtures" / "graphml.xsd"


def j(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_trump_forms_are_one_person(seeds_db, run):
    rows = j(run("entities", "--db", seeds_db, "--json"))
    holders = {r["name"] for r in rows if {"Trump", "TRUMP", "Donald Trump", "Donald TRUMP"} & set(r["aliases"])}
    assert holders == {"Donald Trump"}
    trump = next(r for r in rows if r["name"] == "Donald Trump")
    assert trump["type"] == "PERSON" and trump["documents"] == 5
    for name in ("Trump's", "TRUMP", "trump", "President Trump", "Trump’s"):
        assert j(run("neighbors", name, "--db", seeds_db, "--json", "--top", "1"))["name"] == "Donald Trump"


def test_path_trump_kryuchkov_with_evidence(seeds_db, run):
    data = j(run("path", "Trump", "Kryuchkov", "--db", seeds_db, "--json"))
    assert data["path"][0] == {"name": "Donald Trump", "type": "PERSON", "watched": ""}
    assert data["path"][-1]["name"] == "Vladimir Kryuchkov"
    for hop in data["hops"]:
        assert hop["evidence"], hop
        ev = hop["evidence"][0]
        assert ev["file"].startswith("seeds/") and ev["paragraph"] >= 1
        names = {m["name"] for m in ev["mentions"]}
        assert {hop["source"], hop["target"]} <= names


def test_comments_are_kept_out_but_can_be_brought_back(seeds_db, run):
    assert run("neighbors", "Drumpf", "--db", seeds_db).exit_code == 0  # alias of Donald Trump
    default = {r["name"] for r in j(run("entities", "--db", seeds_db, "--json"))}
    everything = {r["name"] for r in j(run("entities", "--db", seeds_db, "--json", "--include", "all"))}
    assert default < everything
    assert "Sergei Ivanov" in everything - default  # named only in a reader comment


def test_graphml_validates_and_round_trips(seeds_db, run, tmp_path):
    lxml = pytest.importorskip("lxml.etree")
    out = tmp_path / "g.graphml"
    assert run("export", "--format", "graphml", "--out", out, "--db", seeds_db).exit_code == 0
    schema = lxml.XMLSchema(lxml.parse(str(XSD)))
    assert schema.validate(lxml.parse(str(out))), schema.error_log
    back = nx.read_graphml(out)
    with open_store(seeds_db) as store:
        graph = build_graph(store)
    assert set(back.nodes) == set(graph.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in graph.edges}
    for n, d in graph.nodes(data=True):
        assert {k: back.nodes[n][k] for k in d} == d
    for a, b, d in graph.edges(data=True):
        assert back.edges[a, b]["weight"] == d["weight"] and back.edges[a, b]["documents"] == d["documents"]


def test_gexf_and_json_exports(seeds_db, run, tmp_path):
    assert run("export", "--format", "gexf", "--out", tmp_path / "g.gexf", "--db", seeds_db).exit_code == 0
    g = nx.read_gexf(tmp_path / "g.gexf")
    assert any(d.get("label") == "Donald Trump" for _, d in g.nodes(data=True))
    assert run("export", "--format", "json", "--out", tmp_path / "g.json", "--db", seeds_db).exit_code == 0
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert data["meta"]["nodes_total"] == len(data["nodes"])
    assert all(e["evidence"] for e in data["edges"])


def test_html_is_self_contained(seeds_db, run, tmp_path):
    out = tmp_path / "g.html"
    assert run("export", "--format", "html", "--out", out, "--db", seeds_db).exit_code == 0
    page = out.read_text(encoding="utf-8")
    resources = re.findall(
        r"""(?:src|href)\s*=\s*["']?(https?:)|url\(\s*["']?(https?:)|@import\s+["']?(https?:)""", page, re.I
    )
    assert resources == []
    assert not re.search(r"<script[^>]+src=", page) and "sourceMappingURL" not in page
    assert "Donald Trump" in page
