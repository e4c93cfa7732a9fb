"""Watchlists through the command line (issue 18): ingest --watchlist, watch, unwatch, and the marks
they leave on queries and exports. A ruler pipeline that knows some names and not others, so
every figure can be checked by hand."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

# The ruler knows these; Erin Black, Initech and Paris Hilton it does not know as such.
RULER = [
    {"label": "PERSON", "pattern": "Alice Smith"},
    {"label": "PERSON", "pattern": "Bob Jones"},
    {"label": "PERSON", "pattern": "Carol Whyte"},
    {"label": "ORG", "pattern": "Globex"},
    {"label": "GPE", "pattern": "Paris"},
    {"label": "GPE", "pattern": "Berlin"},
]
DOCS = {
    "one.txt": (
        "Alice Smith met Bob Jones in Paris.\n"
        "ERIN BLACK phoned Bob Jones about Globex.\n"
        "Paris Hilton dined with Alice Smith.\n"
    ),
    "two.txt": "Carol Whyte runs Globex in Berlin.\nErin Black’s deal with Érin Blāck’s firm, says E. Black.\n",
}
LIST = (
    "name,type,aliases,note\n"
    "Erin Black,PERSON,E. Black,subject\n"
    "Bob Jones,PERSON,,\n"
    "Paris Hilton,PERSON,,\n"
    "Carol White,PERSON,,near miss in the text\n"
    "Initech,ORG,,never mentioned\n"
)


@pytest.fixture(scope="module")
def ruler_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(RULER)
    path = tmp_path_factory.mktemp("models") / "ruler"
    nlp.to_disk(path)
    return str(path)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (tmp_path / "subjects.csv").write_text(LIST, encoding="utf-8")
    return folder


@pytest.fixture
def watched_db(tmp_path: Path, corpus: Path, ruler_model: str, run) -> Path:
    db = tmp_path / "w.db"
    result = run("ingest", corpus, "--db", db, "--model", ruler_model, "--watchlist", tmp_path / "subjects.csv")
    assert result.exit_code == 0, result.output
    return db


def j(result) -> object:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def node(db: Path, run, name: str) -> dict:
    data = j(run("entities", "--db", db, "--json"))
    return next(e for e in data if e["name"] == name)


def test_listed_names_are_found_whatever_the_model_says(watched_db, run):
    erin = j(run("entities", "--explain", "Erin Black", "--db", watched_db, "--json"))
    assert erin["type"] == "PERSON" and erin["mentions"] == 4 and erin["documents"] == 2
    assert {(f["form"], f["label"]) for f in erin["forms"]} == {
        ("ERIN BLACK", "watchlist"),
        ("Erin Black", "watchlist"),
        ("Érin Blāck", "watchlist"),
        ("E. Black", "watchlist"),
    }


def test_the_listed_entity_wins_over_what_the_model_tagged(tmp_path, corpus, ruler_model, watched_db, run):
    """The ruler tags 'Paris' inside 'Paris Hilton' as a place: with the list, that mention is hers."""
    plain = tmp_path / "plain.db"
    assert run("ingest", corpus, "--db", plain, "--model", ruler_model).exit_code == 0
    assert node(plain, run, "Paris")["mentions"] == 2
    assert node(watched_db, run, "Paris")["mentions"] == 1
    hilton = node(watched_db, run, "Paris Hilton")
    assert (hilton["type"], hilton["mentions"]) == ("PERSON", 1)
    paris_links = {r["name"] for r in j(run("neighbors", "Paris", "--db", watched_db, "--json"))["neighbors"]}
    assert "Paris Hilton" not in paris_links and "Alice Smith" in paris_links


def test_ingest_reports_matches_and_what_the_model_missed(tmp_path, corpus, ruler_model, run):
    data = j(
        run(
            "ingest",
            corpus,
            "--db",
            tmp_path / "x.db",
            "--model",
            ruler_model,
            "--watchlist",
            tmp_path / "subjects.csv",
            "--json",
        )
    )
    # Erin Black 4 + Bob Jones 2 + Paris Hilton 1; the ruler tagged the two Bob Jones, and the
    # Paris of Paris Hilton as a place.
    assert (data["watchlist_matches"], data["watchlist_missed_by_model"]) == (7, 4)
    assert data["watchlist_tagged_otherwise_by_model"] == 1


def test_a_new_list_on_an_unchanged_corpus_runs_no_ner(tmp_path, corpus, ruler_model, run, monkeypatch):
    db = tmp_path / "n.db"
    assert run("ingest", corpus, "--db", db, "--model", ruler_model).exit_code == 0
    assert "Erin Black" not in {e["name"] for e in j(run("entities", "--db", db, "--json"))}

    def no_model(*args, **kwargs):
        raise AssertionError("NER ran on an unchanged corpus")

    monkeypatch.setattr("graphkit.ingest.load_model", no_model)
    result = run("ingest", corpus, "--db", db, "--model", ruler_model, "--watchlist", tmp_path / "subjects.csv")
    assert result.exit_code == 0, result.output
    assert (
        "0 files ingested, 2 unchanged" in result.stderr
        and "7 watchlist matches (4 the model missed, 1 it typed otherwise)" in result.stderr
    )
    assert node(db, run, "Erin Black")["mentions"] == 4


def test_a_changed_document_is_matched_as_it_is_written(tmp_path, corpus, ruler_model, watched_db, run):
    (corpus / "three.txt").write_text("Erin Black met Carol Whyte in Berlin.\n", encoding="utf-8")
    assert run("ingest", corpus, "--db", watched_db, "--model", ruler_model).exit_code == 0
    assert node(watched_db, run, "Erin Black")["mentions"] == 5
    links = {r["name"] for r in j(run("neighbors", "Erin Black", "--db", watched_db, "--json"))["neighbors"]}
    assert {"Carol Whyte", "Berlin"} <= links


def test_a_bad_list_is_one_line_and_nothing_is_stored(tmp_path, corpus, ruler_model, watched_db, run):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type\nMallory,PERSON\nTrent,CHIEF\n", encoding="utf-8")
    before = sqlite3.connect(watched_db).execute("SELECT COUNT(*) FROM watchlist").fetchone()[0]
    result = run("ingest", corpus, "--db", watched_db, "--model", ruler_model, "--watchlist", bad)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {bad}, line 3: unknown type 'CHIEF'; use one of PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, LAW, "
        "PRODUCT, WORK_OF_ART"
    ]
    assert sqlite3.connect(watched_db).execute("SELECT COUNT(*) FROM watchlist").fetchone()[0] == before
    fresh = tmp_path / "fresh.db"
    assert run("ingest", corpus, "--db", fresh, "--model", ruler_model, "--watchlist", bad).exit_code == 1
    assert not fresh.exists()


def test_watch_reports_found_missing_links_and_near_misses(watched_db, run):
    findings = {f["name"]: f for f in j(run("watch", "--db", watched_db, "--json"))}
    assert list(findings) == ["Erin Black", "Bob Jones", "Paris Hilton", "Carol White", "Initech"]
    erin = findings["Erin Black"]
    assert (erin["entity"], erin["list_matches"], erin["missed_by_model"], erin["documents"]) == ("Erin Black", 4, 4, 2)
    # ERIN BLACK shares one paragraph with Bob Jones and Globex; the other two name nobody else.
    assert [(link["name"], link["weight"]) for link in erin["links"]] == [("Bob Jones", 1), ("Globex", 1)]
    assert findings["Initech"]["entity"] is None and findings["Initech"]["list_matches"] == 0
    # 'Carol Whyte' is what the model found; one edit from the listed 'Carol White', never merged.
    [near] = findings["Carol White"]["candidates"]
    assert (near["form"], near["reason"], near["mentions"]) == ("Carol Whyte", "one edit", 1)
    assert findings["Carol White"]["entity"] is None
    assert node(watched_db, run, "Carol Whyte")["mentions"] == 1
    text = run("watch", "--db", watched_db).stdout
    assert "never found: Carol White, Initech" in text
    assert "Carol White: 'Carol Whyte' (one edit, score 0.91, 1 mention)" in text


def test_queries_mark_watched_entities(watched_db, run):
    central = j(run("central", "--by", "degree", "--db", watched_db, "--json"))["results"]
    assert {r["name"]: r["watched"] for r in central}["Bob Jones"] == "subjects"
    assert {r["name"]: r["watched"] for r in central}["Alice Smith"] == ""
    assert run("central", "--db", watched_db).stdout.splitlines()[0].split()[-1] == "watched"
    neighbors = j(run("neighbors", "Alice Smith", "--db", watched_db, "--json"))
    assert {r["name"]: r["watched"] for r in neighbors["neighbors"]}["Bob Jones"] == "subjects"
    path = j(run("path", "Paris Hilton", "Globex", "--db", watched_db, "--json"))["path"]
    assert [(p["name"], p["watched"]) for p in path] == [
        ("Paris Hilton", "subjects"),
        ("Alice Smith", ""),
        ("Bob Jones", "subjects"),
        ("Globex", ""),
    ]
    text = run("path", "Paris Hilton", "Globex", "--db", watched_db).stdout.splitlines()[0]
    assert text.startswith("Paris Hilton [watched: subjects] -> ")


def test_exports_carry_watched(tmp_path, watched_db, run):
    for fmt in ("graphml", "gexf", "json"):
        out = tmp_path / f"g.{fmt}"
        assert run("export", "--format", fmt, "--out", out, "--db", watched_db).exit_code == 0
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert {n["id"]: n["watched"] for n in data["nodes"]}["Erin Black"] == "subjects"
    assert {n["id"]: n["watched"] for n in data["nodes"]}["Globex"] == ""
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(tmp_path / "g.graphml").getroot()
    key = next(k.get("id") for k in root.findall("g:key", ns) if k.get("attr.name") == "watched")
    values = {n.get("id"): n.findtext(f"g:data[@key='{key}']", "", ns) for n in root.findall(".//g:node", ns)}
    assert values["Erin Black"] == "subjects" and values["Paris Hilton"] == "subjects" and values["Globex"] == ""
    gexf = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert 'title="watched"' in gexf and 'value="subjects"' in gexf


def test_two_lists_name_one_entity(tmp_path, corpus, ruler_model, watched_db, run):
    other = tmp_path / "sanctions.yaml"
    other.write_text("list: sanctions\ntype: PERSON\nnames:\n  - ERIN BLACK\n  - Dave Grey\n", encoding="utf-8")
    assert run("ingest", corpus, "--db", watched_db, "--model", ruler_model, "--watchlist", other).exit_code == 0
    findings = {f["name"]: f for f in j(run("watch", "--db", watched_db, "--json"))}
    assert findings["Erin Black"]["lists"] == ["subjects", "sanctions"]
    assert "Dave Grey" in findings and findings["Dave Grey"]["list_matches"] == 0
    central = j(run("central", "--db", watched_db, "--json", "--top", "20"))["results"]
    assert {r["name"]: r["watched"] for r in central}["Erin Black"] == "subjects|sanctions"


def test_the_users_curation_has_the_last_word(watched_db, run):
    assert run("rename", "Erin Black", "Erin Black (subject 1)", "--db", watched_db).exit_code == 0
    names = {e["name"] for e in j(run("entities", "--db", watched_db, "--json"))}
    assert "Erin Black (subject 1)" in names and "Erin Black" not in names
    central = j(run("central", "--db", watched_db, "--json", "--top", "20"))["results"]
    assert {r["name"]: r["watched"] for r in central}["Erin Black (subject 1)"] == "subjects"


def test_unwatch_brings_back_what_the_model_found(tmp_path, watched_db, run):
    result = run("unwatch", tmp_path / "subjects.csv", "--db", watched_db)
    assert result.exit_code == 0 and "5 listed names no longer watched" in result.stderr
    names = {e["name"]: e for e in j(run("entities", "--db", watched_db, "--json"))}
    assert "Erin Black" not in names and names["Paris"]["mentions"] == 2
    again = run("unwatch", tmp_path / "subjects.csv", "--db", watched_db)
    assert again.exit_code == 1
    assert (
        again.stderr.strip()
        == f"Error: {tmp_path / 'subjects.csv'}: no watchlist from this file in the database (watched: none)"
    )
    assert run("watch", "--db", watched_db).exit_code == 1


def test_a_watch_match_resolves_to_the_listed_entity_where_its_document_would_send_the_name_elsewhere():
    """Issue 14 sends a surname to the full name its document introduces; a listed 'Smith' (a firm,
    say) found by the list stays the listed entity, while the model's 'Smith' still follows the document."""
    from graphkit.normalize import entity_key
    from graphkit.resolve import MentionRow, resolve_entities
    from graphkit.watchlist import WatchEntry
    from graphkit.watchlist.apply import watch_rules

    rows = [  # two Smiths in the corpus: only a document can say which one its 'Smith' is
        MentionRow(1, 1, 1, 0, "Alice Smith", entity_key("Alice Smith"), "PERSON"),
        MentionRow(2, 1, 2, 0, "Smith", "smith", "PERSON"),
        MentionRow(3, 1, 3, 0, "Smith", "smith", "ORG", source="watch"),
        MentionRow(4, 2, 1, 0, "John Smith", entity_key("John Smith"), "PERSON"),
    ]
    res = resolve_entities(rows, aliases=[], curation=watch_rules([WatchEntry("Smith", "ORG")]))
    entity = {mid: res.entities[i] for mid, (i, _) in res.assigned.items()}
    assert entity[2].label == "Alice Smith"
    assert (entity[3].label, entity[3].type) == ("Smith", "ORG")
    assert entity[4].label == "John Smith"
