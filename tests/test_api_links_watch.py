"""The Python API over mail links (issue 12), watchlists (issue 18) and read-only files (issue 11).

Every answer is checked against the hand counts of the fixtures it borrows (tests/test_mail_links.py's
four messages, tests/test_watch.py's ruler and list) and against the CLI's ``--json`` for the same
options, which must be the same data (issue 19: the CLI is a layer over the API).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import hostile
import networkx as nx
import pytest
from test_hostile import read_only  # noqa: F401  (fixture)
from test_mail_links import mail_db  # noqa: F401  (fixture)
from test_watch import LIST, corpus, ruler_model, watched_db  # noqa: F401  (fixtures)

import graphkit
from graphkit.errors import BadChoice, BadInput, NoWatchlists, ReadOnly, StoreError, UnknownEntity


def cli_json(run, db: Path, *args: str):
    result = run(*args, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def same(answer) -> object:
    return json.loads(json.dumps(answer))


# -- links and max_recipients (issue 12) ------------------------------------------------------------
def test_links_and_max_recipients_are_graph_options(mail_db):  # noqa: F811
    with graphkit.open(mail_db) as g:
        mail = g.graph(links="messages")
        assert mail.graph["links"] == "messages" and mail.graph["mailings"] == 1
        assert {frozenset(e): d["messages"] for *e, d in mail.edges(data=True)} == {
            frozenset(("Alice Smith", "Bob Jones")): 2,
            frozenset(("Alice Smith", "Carol White")): 2,
            frozenset(("Carol White", "Dave Brown")): 1,
        }
        wider = g.graph(links="messages", max_recipients=100)  # the mailing counts: Dave wrote to Carol twice
        assert wider.edges["Carol White", "Dave Brown"]["messages"] == 2 and wider.graph["mailings"] == 0
        assert "Bob Jones" not in g.graph(links="cooccurrence")  # named in no paragraph
        both = g.graph()  # "all" by default
        edge = both.edges["Alice Smith", "Bob Jones"]
        assert (edge["kind"], edge["weight"], edge["messages"], edge["combined"]) == ("messages", 0, 2, 2)
        assert g.graph(links="messages", min_weight=2).number_of_edges() == 2  # min_weight counts messages
        with pytest.raises(BadChoice) as exc:
            g.graph(links="letters")
        assert str(exc.value) == "links = 'letters' must be one of cooccurrence, messages, all"
        with pytest.raises(BadInput) as exc:
            g.central(max_recipients=0)
        assert str(exc.value) == "max_recipients = 0 must be a whole number of at least 1"


def test_every_question_takes_links_and_answers_as_the_cli(mail_db, run):  # noqa: F811
    with graphkit.open(mail_db) as g:
        for links in ("cooccurrence", "messages", "all"):
            flags = ("--links", links, "--max-recipients", "30")
            options = dict(links=links, max_recipients=30)
            assert same(g.central(**options)) == cli_json(run, mail_db, "central", *flags)
            assert same(g.communities(**options)) == cli_json(run, mail_db, "communities", *flags)
            assert same(g.entities(**options)) == cli_json(run, mail_db, "entities", *flags)
            assert same(g.neighbors("Alice Smith", **options)) == cli_json(
                run, mail_db, "neighbors", "Alice Smith", *flags
            )
            assert same(g.timeline("Alice Smith", **options)) == cli_json(
                run, mail_db, "timeline", "Alice Smith", *flags
            )
            pair = ("Globex", "Paris") if links == "cooccurrence" else ("Alice Smith", "Carol White")
            assert same(g.evidence(*pair, **options)) == cli_json(run, mail_db, "evidence", *pair, *flags)
        hops = g.path("Bob Jones", "Dave Brown", links="messages")["hops"]
        assert [(h["source"], h["target"], h["messages"], h["kind"]) for h in hops] == [
            ("Bob Jones", "Alice Smith", 2, "messages"),
            ("Alice Smith", "Carol White", 2, "messages"),
            ("Carol White", "Dave Brown", 1, "messages"),
        ]
        assert hops[0]["messages_evidence"][0]["message"]["sender"] == "Alice Smith"
        assert same(g.path("Bob Jones", "Dave Brown")) == cli_json(run, mail_db, "path", "Bob Jones", "Dave Brown")


def test_evidence_carries_messages_unless_links_are_cooccurrence(mail_db):  # noqa: F811
    with graphkit.open(mail_db) as g:
        found = g.evidence("Alice Smith", "Bob Jones")
        assert found["evidence"] == [] and [m["message"]["subject"] for m in found["messages"]] == [
            "Paris",
            "RE: Paris",
        ]
        assert [r["message"]["sender"] for r in found.rows()] == ["Alice Smith", "Bob Jones"]  # the messages too
        only = g.evidence("Globex", "Paris", links="cooccurrence")
        assert "messages" not in only and len(only.rows()) == 1
        with pytest.raises(UnknownEntity):  # Globex wrote no mail: no node of message links
            g.evidence("Globex", "Paris", links="messages")


def test_the_explorer_keeps_message_links(mail_db, tmp_path):  # noqa: F811
    with graphkit.open(mail_db) as g:
        page = g.show(links="messages").html
        assert '"kind":"messages"' in page and "RE: Paris" in page  # the messages are the links' evidence
        out = tmp_path / "mine.html"
        assert graphkit.to_html(g.graph(links="all"), out, store=g)["edges"] == g.graph().number_of_edges()
        assert '"kind":"messages"' in out.read_text(encoding="utf-8")
    # A graph of message links made elsewhere: counts where it has them, defaults where not.
    made = nx.MultiGraph(links="messages")
    made.add_edge("a", "b", messages=2)
    made.add_edge("a", "b", messages=1)
    made.add_edge("b", "c")
    summary = graphkit.to_html(made, tmp_path / "made.html")
    assert (summary["nodes"], summary["edges"]) == (3, 2)
    ready = graphkit.api.with_defaults(made)
    assert ready.edges["a", "b"]["messages"] == 3 and ready.edges["b", "c"]["messages"] == 0


# -- watchlists (issue 18) ---------------------------------------------------------------------------
def test_ingest_with_a_watchlist_then_watch_and_unwatch(tmp_path, corpus, ruler_model, run):  # noqa: F811
    db, listed = tmp_path / "api.db", tmp_path / "subjects.csv"
    lines: list[str] = []
    with graphkit.open(db, create=True) as g:
        report = g.ingest(corpus, model=ruler_model, watchlists=listed, warn=lines.append)
        # Erin Black 4 + Bob Jones 2 + Paris Hilton 1; the model missed 4 and typed one (Paris) otherwise.
        assert (report.watch_matches, report.watch_missed, report.watch_otherwise) == (7, 4, 1)
        graph = g.graph()
        assert graph.nodes["Erin Black"]["watched"] == "subjects" and graph.nodes["Alice Smith"]["watched"] == ""
        found = {f["name"]: f for f in g.watch()}
        assert list(found) == ["Erin Black", "Bob Jones", "Paris Hilton", "Carol White", "Initech"]
        assert (found["Erin Black"]["list_matches"], found["Initech"]["entity"]) == (4, None)
        assert [c["form"] for c in found["Carol White"]["candidates"]] == ["Carol Whyte"]
        assert g.watch(top_links=1, candidates=0)[1]["candidates"] == []
        assert {r["name"]: r["watched"] for r in g.central(type="all")["results"]}["Bob Jones"] == "subjects"
        assert g.neighbors("Erin Black")["watched"] == "subjects"
        assert [s["watched"] for s in g.path("Erin Black", "Alice Smith")["path"]][0] == "subjects"
        assert '"watched":"subjects"' in g.show().html
    assert same(graphkit.open(db).watch()) == cli_json(run, db, "watch")  # the CLI's --json is this list
    with graphkit.open(db) as g:
        assert g.unwatch(listed) == 5
        assert "Erin Black" not in g.graph()
        with pytest.raises(NoWatchlists) as exc:
            g.watch()
        assert str(exc.value) == f"{db}: no watchlists in this database; add one with watchlists"
        with pytest.raises(BadInput, match=re.escape(f"{listed}: no watchlist from this file in the database")):
            g.unwatch(listed)
    result = run("watch", "--db", db)
    assert result.stderr == (
        f"Error: {db}: no watchlists in this database; add one with `graphkit ingest PATH --watchlist FILE`\n"
    )


def test_a_bad_watchlist_changes_nothing(tmp_path, watched_db, corpus, ruler_model):  # noqa: F811
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type\nErin Black,PERSON\n,ORG\n", encoding="utf-8")
    with graphkit.open(watched_db) as g:
        before = (g.info(), g.watch())
        with pytest.raises(BadInput, match=re.escape(str(bad))):
            g.ingest(corpus, model=ruler_model, watchlists=[tmp_path / "subjects.csv", bad])
        assert (g.info(), g.watch()) == before


def test_watch_and_unwatch_on_a_read_only_handle(tmp_path, watched_db):  # noqa: F811
    with graphkit.open(watched_db, read_only=True) as g:
        assert len(g.watch()) == len(LIST.splitlines()) - 1
        with pytest.raises(ReadOnly) as exc:
            g.unwatch(tmp_path / "subjects.csv")
        assert str(exc.value).endswith("cannot stop watching a list; open it without read_only")


# -- ingest warnings (issue 11) ----------------------------------------------------------------------
def test_warnings_per_file(tmp_path, tiny_model):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "junk.eml").write_bytes(hostile.junk_attachments_eml(50))
    for per_file, expected in ((3, 4), (None, 50), (0, 1)):
        lines: list[str] = []
        with graphkit.open(tmp_path / f"{per_file}.db", create=True) as g:
            report = g.ingest(docs, model=tiny_model, warn=lines.append, warnings_per_file=per_file)
        assert len(lines) == expected and len(report.skipped) == 50
    assert lines == ["… and 50 more like this in docs/junk.eml"]
    with pytest.raises(BadInput, match="warnings_per_file = -1 must be a whole number of at least 0"):
        graphkit.open(tmp_path / "x.db", create=True).ingest(docs, warnings_per_file=-1)


# -- a file that cannot be written (issue 11) --------------------------------------------------------
def test_a_database_that_cannot_be_written_answers_and_refuses_changes(read_only):  # noqa: F811
    with graphkit.open(read_only) as g:
        assert g.read_only and repr(g).endswith("(read-only)>")
        assert g.central()["results"] and g.info()["documents"] == 3
        with pytest.raises(StoreError) as exc:
            g.merge("Alice Smith", "Bob Jones")
        assert not isinstance(exc.value, ReadOnly)
        assert str(exc.value) == (
            f"{read_only}: read-only (the file or its folder cannot be written); make it writable, "
            "or copy it to a folder you can write and pass the copy as db"
        )
    assert sorted(p.name for p in read_only.parent.iterdir()) == ["tiny.db"]
