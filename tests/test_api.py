"""The Python API (issue 19): every call on the hand-written store and the tiny pipeline, the same answers
and errors as the CLI, graphs with the documented attributes, the explorer for any NetworkX graph."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from handmade import BODY_EDGES, write_hand_store

import graphkit
from graphkit.api import Explorer, Graphkit, with_defaults
from graphkit.cli import cli
from graphkit.errors import (
    BadChoice,
    BadInput,
    GraphkitError,
    NoDatabase,
    NoPath,
    ReadOnly,
    StoreError,
    UnknownEntity,
)

NODE_ATTRIBUTES = {
    "label",
    "type",
    "mentions",
    "documents",
    "paragraphs",
    "aliases",
    "entity",
    "first",
    "last",
    "watched",
}
EDGE_ATTRIBUTES = {"weight", "documents", "strength", "first", "last"}


@pytest.fixture
def hand_db(tmp_path: Path) -> Path:
    """tests/handmade.py's store, closed: two files, seven entities, every count known."""
    write_hand_store(tmp_path / "hand.db").close()
    return tmp_path / "hand.db"


@pytest.fixture
def g(hand_db: Path):
    with graphkit.open(hand_db) as handle:
        yield handle


def cli_json(run, db: Path, *args: str):
    result = run(*args, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def same_as_json(answer) -> object:
    """An answer as --json prints it (tuples become lists)."""
    return json.loads(json.dumps(answer))


# -- the handle ---------------------------------------------------------------------------------
def test_open_close_and_context_manager(hand_db):
    g = graphkit.open(hand_db)
    assert isinstance(g, Graphkit) and not g.closed and g.file == hand_db
    assert repr(g) == f"<graphkit {str(hand_db)!r} (open)>"
    g.close()
    assert g.closed
    with pytest.raises(StoreError, match="closed; open it again"):
        g.graph()
    with graphkit.open(hand_db) as h:
        assert h.info()["entities"] == 7
    assert h.closed


def test_open_errors_are_the_stores(tmp_path):
    with pytest.raises(NoDatabase) as exc:
        graphkit.open(tmp_path / "none.db")
    assert str(exc.value) == f"{tmp_path / 'none.db'}: no graphkit database here; ingest documents into it first"
    assert not (tmp_path / "none.db").exists()
    with pytest.raises(StoreError) as exc:
        graphkit.open(tmp_path)
    assert str(exc.value) == f"{tmp_path}: is a folder; db takes a file name"
    (tmp_path / "x.txt").write_text("not sqlite", encoding="utf-8")
    with pytest.raises(StoreError, match="not a graphkit database or damaged"):
        graphkit.open(tmp_path / "x.txt")


def test_errors_are_the_clis_in_python_words(hand_db, run):
    """The same class and the same text as the CLI; only the parameter is spelled the Python way."""
    from graphkit.cli import GraphkitGroup

    cases = [
        (lambda g: g.path("Zed", "Bob Jones"), ("path", "Zed", "Bob Jones"), UnknownEntity),
        (lambda g: g.path("Dave Brown", "Alice Smith"), ("path", "Dave Brown", "Alice Smith"), NoPath),
        (lambda g: g.path("Smith", "alice smith"), ("path", "Smith", "alice smith"), BadInput),
        (lambda g: g.evidence("Alice", "Jonse"), ("evidence", "Alice", "Jonse"), UnknownEntity),
        (lambda g: g.timeline("Bob Jones", since="2019"), ("timeline", "Bob Jones", "--since", "2019"), UnknownEntity),
        (lambda g: g.central(since="2019", until="2016"), ("central", "--since", "2019", "--until", "2016"), BadInput),
    ]
    spell = GraphkitGroup(commands={c.name: c for c in cli.commands.values()}).spell
    with graphkit.open(hand_db) as g:
        for call, args, kind in cases:
            with pytest.raises(kind) as exc:
                call(g)
            result = run(*args, "--db", hand_db)
            assert result.exit_code == 1
            assert result.stderr.splitlines()[-1] == f"Error: {exc.value.render(spell)}"
    assert str(exc.value) == "the window ends (2016) before it begins (2019); swap the two dates"


def test_bad_values_name_the_python_parameter(g):
    with pytest.raises(BadInput) as exc:
        g.graph(min_weight=0)
    assert str(exc.value) == "min_weight = 0 must be a whole number of at least 1"
    with pytest.raises(BadChoice) as exc:
        g.graph(include="gossip")
    assert str(exc.value) == "include = 'gossip' must be one of headings, boilerplate, comments, duplicates, all"
    with pytest.raises(BadChoice, match="kinds = 'gossip' must be one of body, "):
        g.graph(kinds=["gossip"])
    with pytest.raises(BadInput, match="pass include .* or kinds, not both"):
        g.graph(include="comments", kinds="body")
    with pytest.raises(BadInput, match="'June 2016' is not a date"):
        g.graph(since="June 2016")
    with pytest.raises(BadChoice, match="by = 'magic' must be one of informative, shortest, strongest"):
        g.path("Smith", "Jones", by="magic")
    with pytest.raises(BadChoice, match="by = 'magic' must be one of degree"):
        g.central(by="magic")
    with pytest.raises(BadChoice, match="fmt = 'pdf' must be one of html, graphml, gexf, json"):
        g.export("pdf", "x.pdf")
    with pytest.raises(BadInput, match="top = 0 must be"):
        g.neighbors("Smith", top=0)
    with pytest.raises(TypeError):
        g.central(min_wieght=2)  # a misspelt graph option is Python's own error


# -- graphs ---------------------------------------------------------------------------------------
def test_graph_has_the_documented_attributes(g):
    graph = g.graph()
    assert isinstance(graph, nx.Graph)
    edges = {tuple(sorted(e)): (d["weight"], d["documents"]) for *e, d in graph.edges(data=True)}
    assert edges == {tuple(sorted(k)): v for k, v in BODY_EDGES.items()}
    assert set(graph) == {"Alice Smith", "Bob Jones", "Dave Brown", "Acme Corp", "Paris", "Berlin"}
    for _, d in graph.nodes(data=True):
        assert set(d) == NODE_ATTRIBUTES
    for *_, d in graph.edges(data=True):
        assert set(d) == EDGE_ATTRIBUTES
    alice = graph.nodes["Alice Smith"]
    assert (alice["mentions"], alice["documents"], alice["aliases"]) == (2, 1, "Alice Smith|Smith")
    assert (alice["first"], alice["last"]) == ("2016-06", "2016-06-09")
    assert graph.graph["kinds"] == "body,footnote,quote"
    nx.write_graphml(graph, g.file.parent / "check.graphml")  # scalars only


def test_graph_options(g):
    assert "Carol White" in g.graph(include="comments") and "Carol White" not in g.graph()
    assert set(g.graph(kinds=["comment"])) == {"Carol White", "Acme Corp", "Alice Smith"}
    assert set(g.graph(types="person")) == {"Alice Smith", "Bob Jones", "Dave Brown"}
    assert set(g.graph(types=["GPE", "org"])) == {"Acme Corp", "Paris", "Berlin"}
    heavy = g.graph(min_weight=2)
    assert {tuple(sorted(e)) for e in heavy.edges} == {("Alice Smith", "Bob Jones"), ("Berlin", "Bob Jones")}
    assert heavy.graph["min_weight"] == 2
    later = g.graph(since="2017")
    assert {tuple(sorted(e)) for e in later.edges} == {
        ("Acme Corp", "Berlin"),
        ("Acme Corp", "Bob Jones"),
        ("Berlin", "Bob Jones"),
    }
    assert later.graph["window"] == "since 2017"
    assert nx.utils.graphs_equal(g.graph(since=dt.date(2017, 1, 1)), g.graph(since="2017-01-01"))
    assert nx.utils.graphs_equal(g.graph(since=2017), later)
    assert g.undated() == 1  # b.txt's Dave Brown paragraph: the only undated body paragraph naming an entity


def test_graph_is_a_copy_unless_asked(g):
    mine = g.graph()
    mine.remove_node("Bob Jones")
    assert "Bob Jones" in g.graph()
    assert g.graph(copy=False) is g.graph(copy=False)


# -- questions: the fields of --json ---------------------------------------------------------------
QUESTIONS = [
    (lambda g: g.path("Paris", "Acme Corp"), ("path", "Paris", "Acme Corp")),
    (lambda g: g.path("Paris", "Acme Corp", by="shortest", evidence=1), ("path", "Paris", "Acme Corp", "--shortest", "--evidence", "1")),
    (lambda g: g.path("Paris", "Berlin", by="strongest", avoid=["Alice Smith"]), ("path", "Paris", "Berlin", "--strongest", "--avoid", "Alice Smith")),
    (lambda g: g.neighbors("jones"), ("neighbors", "jones")),
    (lambda g: g.neighbors("jones", by="weight", top=2, include="all"), ("neighbors", "jones", "--by", "weight", "--top", "2", "--include", "all")),
    (lambda g: g.central(), ("central",)),
    (lambda g: g.central(by="degree", type="all", top=3), ("central", "--by", "degree", "--type", "all", "--top", "3")),
    (lambda g: g.central(by="betweenness", type="GPE"), ("central", "--by", "betweenness", "--type", "GPE")),
    (lambda g: g.communities(members=2), ("communities", "--members", "2")),
    (lambda g: g.evidence("Smith", "Jones"), ("evidence", "Smith", "Jones")),
    (lambda g: g.evidence("Smith", "Acme Corp", include="comments"), ("evidence", "Smith", "Acme Corp", "--include", "comments")),
    (lambda g: g.timeline("Bob Jones"), ("timeline", "Bob Jones")),
    (lambda g: g.timeline("Bob Jones", "Berlin", undated=True), ("timeline", "Bob Jones", "Berlin", "--undated")),
    (lambda g: g.timeline("Bob Jones", until="2016"), ("timeline", "Bob Jones", "--until", "2016")),
    (lambda g: g.entities(), ("entities",)),
    (lambda g: g.entities(type="PERSON", top=2, min_weight=2), ("entities", "--type", "PERSON", "--top", "2", "--min-weight", "2")),
    (lambda g: g.explain("smith"), ("entities", "--explain", "smith")),
    (lambda g: g.explain("smith", document="a.txt"), ("entities", "--explain", "smith", "--document", "a.txt")),
    (lambda g: g.info(), ("info",)),
]  # fmt: skip


@pytest.mark.parametrize("ask, command", QUESTIONS, ids=[" ".join(c) for _, c in QUESTIONS])
def test_answers_are_the_clis_json(hand_db, run, ask, command):
    with graphkit.open(hand_db) as g:
        answer = ask(g)
    assert same_as_json(answer) == cli_json(run, hand_db, *command)


def test_answers_by_hand(g):
    path = g.path("Paris", "Acme Corp")
    assert path.names == ["Paris", "Bob Jones", "Acme Corp"]
    assert [h["evidence"][0]["text"] for h in path["hops"]] == [
        "Alice Smith met Bob Jones in Paris.",
        "Bob Jones works for Acme Corp in Berlin.",
    ]
    assert [(r["name"], r["score"]) for r in g.central(by="degree", top=2).rows()] == [
        ("Bob Jones", 4.0),
        ("Alice Smith", 3.0),
    ]
    assert [r["name"] for r in g.neighbors("Alice Smith", by="weight").rows()][0] == "Bob Jones"
    assert [r["name"] for r in g.neighbors("Alice Smith").rows()][-2:] == ["Paris", "Berlin"]  # places last
    assert [len(r["mentions"]) for r in g.evidence("Smith", "Jones").rows()] == [2, 2]
    timeline = g.timeline("Bob Jones")
    assert (timeline["first"], timeline["last"], timeline["undated"]) == ("2016-06", "2017", 0)
    assert g.communities(top=1) == [{"size": 3, "members": ["Bob Jones", "Berlin", "Acme Corp"]}]
    assert len(g.communities(top=None)) == 3
    assert {f["form"] for f in g.explain("Smith").rows()} == {"Alice Smith", "Smith"}
    assert [e["name"] for e in g.entities(top=2)] == ["Bob Jones", "Alice Smith"]  # 3 mentions, then 2 (by name)


def test_rows_are_records_for_a_dataframe(g):
    central = g.central(type="all")
    rows = central.rows()
    assert rows == central["results"] and rows is not central["results"]
    rows[0]["name"] = "changed"
    assert central["results"][0]["name"] != "changed"
    for answer in (central, g.path("Paris", "Berlin"), g.neighbors("Bob Jones"), g.timeline("Bob Jones")):
        assert all(isinstance(r, dict) for r in answer.rows()) and answer.rows()
    pd = pytest.importorskip("pandas")
    assert list(pd.DataFrame(rows).columns) == ["name", "type", "score", "watched"]


# -- changes --------------------------------------------------------------------------------------
def test_ingest_and_curation(tmp_path, tiny_corpus, tiny_model, run):
    db = tmp_path / "api.db"
    aliases = tmp_path / "a.yaml"
    aliases.write_text("aliases:\n  Alice Smith: [Carol White]\nignore: [Dave Brown]\n", encoding="utf-8")
    with graphkit.open(db, create=True) as g:
        warnings = []
        report = g.ingest(tiny_corpus, model=tiny_model, aliases=aliases, warn=warnings.append)
        assert (report.files, report.ingested, report.unchanged) == (3, 3, 0)
        names = {e["name"]: e for e in g.entities()}
        assert "Carol White" in names["Alice Smith"]["aliases"] and "Dave Brown" not in names
        assert g.ingest([tiny_corpus], model=tiny_model).unchanged == 3
        before = g.info()["entities"]
        assert g.merge("Bob Jones", "Globex") == before - 1
        assert "Globex" in g.explain("Bob Jones")["aliases"]
        assert g.split("Bob Jones", "Globex") == before
        assert g.rename("Acme Corp", "ACME Corporation") == before
        assert "ACME Corporation" in g.graph()
        assert g.ignore("Paris") == before - 1
        assert "Paris" not in g.graph()  # the handle's graphs follow the changes
        with pytest.raises(UnknownEntity, match="no entity named 'Globox'; did you mean 'Globex'"):
            g.merge("Bob Jones", "Globox")
    # the CLI reads the same database the same way
    with graphkit.open(db) as g:
        assert cli_json(run, db, "entities") == same_as_json(g.entities())


def test_bad_aliases_file_is_refused_before_anything_is_written(tiny_db, tiny_model, tiny_corpus, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("aliases: [unclosed\n", encoding="utf-8")
    with graphkit.open(tiny_db) as g:
        rules = g.info()["curation_rules"]
        with pytest.raises(BadInput, match=re.escape(f"{bad}: not valid YAML at line")):
            g.ingest(tiny_corpus, model=tiny_model, aliases=bad)
        assert g.info()["curation_rules"] == rules


def test_read_only(tiny_db, tiny_corpus, tiny_model, tmp_path):
    stamp = tiny_db.read_bytes()
    with graphkit.open(tiny_db, read_only=True) as g:
        assert repr(g).endswith("(read-only)>")
        assert g.central(top=1).rows() and g.graph().number_of_nodes() > 0
        for change, word in [
            (lambda: g.merge("Alice Smith", "Bob Jones"), "merge entities"),
            (lambda: g.ignore("Alice Smith"), "ignore entities"),
            (lambda: g.ingest(tiny_corpus, model=tiny_model), "ingest documents"),
        ]:
            with pytest.raises(ReadOnly) as exc:
                change()
            assert str(exc.value) == f"{tiny_db}: opened read-only, so it cannot {word}; open it without read_only"
        assert len(g.entities()) > 0
    assert tiny_db.read_bytes() == stamp
    with pytest.raises(NoDatabase):
        graphkit.open(tmp_path / "new.db", read_only=True, create=True)
    assert not (tmp_path / "new.db").exists()


# -- outputs ----------------------------------------------------------------------------------------
def test_export_writes_every_format(g, tmp_path):
    for fmt in ("graphml", "gexf", "json", "html"):
        summary = g.export(fmt, tmp_path / f"g.{fmt}", min_weight=2)
        assert summary == {
            "format": fmt,
            "path": str(tmp_path / f"g.{fmt}"),
            "nodes": 3,
            "edges": 2,
            "nodes_total": 3,
            "edges_total": 2,
        }
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert set(back) == {"Alice Smith", "Bob Jones", "Berlin"}
    assert g.export("json", tmp_path / "top.json", top=2)["nodes"] == 2


def page_data(page: str) -> dict:
    """The JSON the explorer page embeds."""
    match = re.search(r'<script id="graphkit-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def test_to_html_for_any_networkx_graph(tmp_path):
    karate = nx.karate_club_graph()
    summary = graphkit.to_html(karate, tmp_path / "karate.html", title="Karate")
    assert (summary["nodes"], summary["edges"]) == (34, 78)
    data = page_data((tmp_path / "karate.html").read_text(encoding="utf-8"))
    assert {n["type"] for n in data["nodes"]} == {"OTHER"}
    assert {n["id"] for n in data["nodes"]} == {str(i) for i in range(34)}
    assert "no documents" in data["meta"]["omitted"]
    assert graphkit.to_html(karate, tmp_path / "top.html", top=5)["nodes"] == 5


def test_missing_attributes_get_defaults():
    multi = nx.MultiDiGraph()
    multi.add_edge("a", "b", weight=2)
    multi.add_edge("b", "a", weight=3)
    multi.add_edge(1, "a")
    multi.add_edge("a", "a")
    multi.add_node("c", type="PERSON", aliases=["c", "Cee"], mentions=7, watched=True, notes=["x"])
    ready = with_defaults(multi)
    assert not ready.is_directed() and not ready.is_multigraph()
    assert ready.edges["a", "b"]["weight"] == 5 and ready.edges["1", "a"]["weight"] == 1
    assert not ready.has_edge("a", "a")
    assert ready.nodes["a"] == {
        "label": "a",
        "type": "OTHER",
        "mentions": 6,
        "documents": 0,
        "paragraphs": 6,
        "aliases": "a",
        "entity": -1,
        "first": "",
        "last": "",
    }
    assert ready.nodes["c"]["aliases"] == "c|Cee" and ready.nodes["c"]["mentions"] == 7
    assert ready.nodes["c"]["watched"] is True and "notes" not in ready.nodes["c"]  # scalars travel on, lists do not
    assert ready.edges["a", "b"] == {"weight": 5, "documents": 0, "strength": 0.0, "first": "", "last": ""}


def test_bad_graphs_are_refused_by_name(tmp_path):
    clash = nx.Graph([(1, "1")])
    with pytest.raises(BadInput, match="nodes 1 and '1' have the same name as text"):
        graphkit.to_html(clash, tmp_path / "x.html")
    bad = nx.Graph()
    bad.add_edge("a", "b", weight="heavy")
    with pytest.raises(BadInput, match="link 'a' - 'b': weight 'heavy' is not a number"):
        graphkit.to_html(bad, tmp_path / "x.html")
    with pytest.raises(BadInput, match="expected a networkx graph, got dict"):
        graphkit.to_html({"a": "b"}, tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()


def test_a_handles_graph_changed_by_hand_keeps_its_evidence(g, tmp_path):
    graph = g.graph()
    graph.remove_node("Paris")
    graph.add_edge("Alice Smith", "Someone")  # not in the store: defaults, no evidence
    graphkit.to_html(graph, tmp_path / "mine.html", store=g)
    data = page_data((tmp_path / "mine.html").read_text(encoding="utf-8"))
    texts = {p["text"] for p in data["paragraphs"].values()}
    assert "Alice Smith met Bob Jones in Paris." in texts and data["meta"]["omitted"] is None
    someone = next(n for n in data["nodes"] if n["id"] == "Someone")
    assert (someone["type"], someone["files"]) == ("OTHER", [])
    # without the store the page says it has no evidence
    graphkit.to_html(graph, tmp_path / "bare.html")
    assert page_data((tmp_path / "bare.html").read_text(encoding="utf-8"))["paragraphs"] == {}


def test_show_is_the_exported_page_in_a_sandboxed_iframe(g, tmp_path):
    shown = g.show(min_weight=2, title='<b>"leak"</b>')
    assert isinstance(shown, Explorer)
    frame = shown._repr_html_()
    match = re.fullmatch(
        r'<iframe class="graphkit-explorer" title="([^"]*)" sandbox="allow-scripts" srcdoc="([^"]*)" '
        r'style="width: 100%; height: 640px; border: 1px solid #ccc;"></iframe>',
        frame,
    )
    assert match, frame[:300]
    assert html.unescape(match.group(1)) == '<b>"leak"</b>'
    assert html.unescape(match.group(2)) == shown.html  # the whole page, and nothing outside its attribute
    assert "<" not in match.group(2) and "'" not in match.group(2)
    data = page_data(shown.html)
    assert {n["id"] for n in data["nodes"]} == {"Alice Smith", "Bob Jones", "Berlin"}
    exported = g.export("html", tmp_path / "same.html", min_weight=2, title='<b>"leak"</b>')
    same = page_data((tmp_path / "same.html").read_text(encoding="utf-8"))
    for part in ("nodes", "edges", "paragraphs"):
        assert same[part] == data[part]
    assert exported["nodes"] == 3
    assert shown.save(tmp_path / "saved.html").read_text(encoding="utf-8") == shown.html
    with pytest.raises(BadInput, match="pass a graph or graph options, not both"):
        g.show(g.graph(), min_weight=2)
    assert (
        graphkit.show(nx.path_graph(3), height=300)
        ._repr_html_()
        .endswith('height: 300px; border: 1px solid #ccc;"></iframe>')
    )


def test_hostile_labels_stay_text_in_the_iframe():
    graph = nx.Graph()
    graph.add_edge('"><script>alert(1)</script>', "x&amp;y")
    frame = graphkit.show(graph)._repr_html_()
    srcdoc = re.search(r'srcdoc="([^"]*)"', frame).group(1)
    assert "<script" not in srcdoc and "&quot;&gt;&lt;script&gt;" not in frame.split("srcdoc=")[0]
    page = html.unescape(srcdoc)
    assert '"><script>alert(1)</script>' not in page  # the page's own JSON escaping holds inside the attribute
    assert {n["id"] for n in page_data(page)["nodes"]} == {'"><script>alert(1)</script>', "x&amp;y"}


def test_public_names():
    for name in ("open", "Graphkit", "to_html", "show", "Explorer", "GraphkitError", "UnknownEntity", "NoPath"):
        assert hasattr(graphkit, name), name
    assert issubclass(graphkit.ReadOnly, GraphkitError)
    with pytest.raises(AttributeError):
        graphkit.nothing  # noqa: B018


# -- seeds/, with the real model --------------------------------------------------------------------
SEEDS_QUESTIONS = [
    (lambda g: g.path("Trump", "Kryuchkov"), ("path", "Trump", "Kryuchkov")),
    (lambda g: g.path("Putin", "Kryuchkov", by="shortest"), ("path", "Putin", "Kryuchkov", "--shortest")),
    (lambda g: g.path("Trump", "Kryuchkov", by="strongest", avoid=["Putin"]), ("path", "Trump", "Kryuchkov", "--strongest", "--avoid", "Putin")),
    (lambda g: g.neighbors("Putin", top=5), ("neighbors", "Putin", "--top", "5")),
    (lambda g: g.neighbors("Putin", by="weight", min_weight=2), ("neighbors", "Putin", "--by", "weight", "--min-weight", "2")),
    (lambda g: g.central(by="betweenness", type="all"), ("central", "--by", "betweenness", "--type", "all")),
    (lambda g: g.central(type="GPE,NORP", types=["GPE", "NORP", "PERSON"]), ("central", "--type", "GPE,NORP", "--types", "GPE,NORP,PERSON")),
    (lambda g: g.communities(top=3), ("communities", "--top", "3")),
    (lambda g: g.evidence("Biden", "Putin", include="all"), ("evidence", "Biden", "Putin", "--include", "all")),
    (lambda g: g.timeline("Trump", since="2016"), ("timeline", "Trump", "--since", "2016")),
    (lambda g: g.timeline("Trump", "Putin", undated=True), ("timeline", "Trump", "Putin", "--undated")),
    (lambda g: g.entities(type="PERSON", top=10), ("entities", "--type", "PERSON", "--top", "10")),
    (lambda g: g.explain("Trump", document="001"), ("entities", "--explain", "Trump", "--document", "001")),
    (lambda g: g.info(), ("info",)),
]  # fmt: skip


@pytest.mark.slow
def test_every_answer_on_seeds_is_the_clis_json(seeds_db, run):
    with graphkit.open(seeds_db, read_only=True) as g:
        for ask, command in SEEDS_QUESTIONS:
            assert same_as_json(ask(g)) == cli_json(run, seeds_db, *command), command
        graph = g.graph()
        assert (
            graph.number_of_nodes()
            == cli_json(run, seeds_db, "export", "--format", "json", "--out", seeds_db.parent / "s.json")["nodes"]
        )
        assert g.path("Trump", "Kryuchkov").names == ["Donald Trump", "Vladimir Kryuchkov"]


@pytest.mark.slow
def test_curation_and_export_on_a_copy_of_seeds(seeds_db, tmp_path, run):
    db = tmp_path / "seeds.db"
    db.write_bytes(seeds_db.read_bytes())
    with graphkit.open(db) as g:
        count = g.info()["entities"]
        assert g.merge("Trump", "Putin") == count - 1
        assert len({"Donald Trump", "Vladimir Putin"} & set(g.graph())) == 1  # one entity, one of the two names
        summary = g.export("gexf", tmp_path / "seeds.gexf", top=20)
        assert (summary["nodes"], summary["format"]) == (20, "gexf")
        shown = g.show(top=30)
        assert len(page_data(shown.html)["nodes"]) == 30
    merged = cli_json(run, db, "entities", "--explain", "Trump")
    assert "Putin" in merged["aliases"]
