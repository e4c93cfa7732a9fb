"""Issue 11: files made to attack the readers cost one warning each, and the good file beside them is committed.

One test per row of the issue's table, each with its hostile file built here
(``tests/hostile.py``: the bombs by streaming zlib, a few megabytes at most), ingested
through the CLI beside a good file with the default limits in force. Then the machinery
under the caps: a hang the caps do not catch is ended by the deadline, a reading that
passes its memory ceiling or dies costs its file alone. Memory is measured by
``bench/hostile.py``, not here.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import hostile
import pytest

import graphkit.reading as reading_module
from graphkit.corpus import MAX_PARAGRAPH_CHARS, Document, Skipped
from graphkit.formats.limits import overrides_from_env, progress
from graphkit.reading import read_files
from graphkit.store import open_store

GOOD = "good.txt"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / GOOD).write_text("Carol White runs Globex in Berlin.\n", encoding="utf-8")
    return docs


def ingest(run, docs: Path, tiny_model: str, *extra: str):
    db = docs.parent / "g.db"
    result = run("ingest", docs, "--db", db, "--model", tiny_model, "--json", *extra)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return json.loads(result.stdout), warnings(result.stderr), db


def warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warning:")]


def stored(db: Path) -> set[str]:
    with open_store(db) as store:
        return {Path(name).name for (name,) in store.conn.execute("SELECT name FROM documents")}


def one_warning_and_the_good_file(run, folder: Path, tiny_model: str, name: str, data: bytes, says: str) -> None:
    (folder / name).write_bytes(data)
    report, lines, db = ingest(run, folder, tiny_model)
    assert len(lines) == 1, lines
    assert name in lines[0] and says in lines[0], lines[0]
    assert report["ingested"] == 1 and stored(db) == {GOOD}


# -- the table's rows ----------------------------------------------------------------------------
def test_a_pdf_whose_info_is_a_reference_loop_is_skipped(run, folder, tiny_model):
    """It hung ingest for ever at 100% CPU, and nothing was committed."""
    says = "PDF object lookups (a reference loop?) (limit objects = 1000000; to raise it set GRAPHKIT_LIMIT_OBJECTS="
    one_warning_and_the_good_file(run, folder, tiny_model, "loop.pdf", hostile.info_cycle_pdf(), says)


def test_a_pdf_of_30_nested_drawings_each_drawing_the_next_twice_is_skipped(run, folder, tiny_model):
    """2**30 draws from 6.6 KB: it hung, and memory grew without bound."""
    data = hostile.xobject_tower_pdf(30)
    assert len(data) < 10_000
    one_warning_and_the_good_file(run, folder, tiny_model, "tower.pdf", data, "nested more than 12 deep")


def test_a_pdf_whose_content_stream_inflates_to_2_gib_is_skipped(run, folder, tiny_model):
    """2 MB that took 4.4 GB of memory."""
    data = hostile.stream_bomb_pdf(2 << 30)
    assert len(data) < 3 << 20
    says = "more than 256 MB unpacked from its compressed parts (a decompression bomb?) (limit unpacked_mb = 256"
    one_warning_and_the_good_file(run, folder, tiny_model, "bomb.pdf", data, says)


def test_a_docx_whose_picture_inflates_to_gigabytes_is_read_without_inflating_it(run, folder, tiny_model):
    """Memory went past 8 GB and the run was killed. Pictures hold no text: they are never inflated now."""
    (folder / "picture.docx").write_bytes(hostile.docx_image_bomb(1 << 30))
    report, lines, db = ingest(run, folder, tiny_model)
    assert lines == []
    assert report["ingested"] == 2 and stored(db) == {GOOD, "picture.docx"}


def test_a_docx_whose_text_inflates_to_gigabytes_is_skipped(run, folder, tiny_model):
    data = hostile.docx_xml_bomb(1 << 30)
    one_warning_and_the_good_file(run, folder, tiny_model, "text.docx", data, "(limit unpacked_mb = 256")


def test_an_eml_with_a_1_6_mb_body_and_no_blank_line_is_cut_into_paragraphs(run, folder, tiny_model):
    """spaCy's E088 (text longer than max_length) ended the whole run with a traceback."""
    (folder / "long.eml").write_bytes(hostile.long_line_eml(1_600_000))
    report, lines, db = ingest(run, folder, tiny_model)
    assert lines == [] and report["ingested"] == 2
    with open_store(db) as store:
        count, longest = store.conn.execute("SELECT COUNT(*), MAX(LENGTH(text)) FROM paragraphs").fetchone()
    assert longest <= MAX_PARAGRAPH_CHARS and count >= 1_600_000 // MAX_PARAGRAPH_CHARS


# Everything a terminal obeys: ESC (OSC title, clear screen), BEL, NUL, C1 CSI, DEL, a bidi override.
CONTROLS = ("\x1b", "\x07", "\x00", "\x9b", "\x7f", "\u202e")


def test_file_and_attachment_names_reach_the_terminal_inert(run, folder, tiny_model):
    """evidence and path wrote the raw escape sequences and NUL to the terminal."""
    evil = "\x1b]0;pwned\x07\x1b[2J\u202etxt.exe"
    (folder / f"{evil}.txt").write_text("Alice Smith met Bob Jones in Paris.\n", encoding="utf-8")
    (folder / "names.eml").write_bytes(hostile.control_named_attachment_eml())
    _, lines, db = ingest(run, folder, tiny_model)
    assert lines == []
    commands = (
        ("evidence", "Alice Smith", "Bob Jones"),
        ("path", "Alice Smith", "Bob Jones"),
        ("timeline", "Alice Smith", "Bob Jones", "--undated"),
    )
    for command in commands:
        result = run(*command, "--db", db)
        assert result.exit_code == 0, result.output
        assert not any(c in result.stdout for c in CONTROLS), result.stdout
        assert "\\x1b]0;pwned\\x07\\x1b[2J\\u202etxt.exe.txt" in result.stdout
        assert "names.eml/\\x1b]0;pwned\\x07\\x1b[2J\\x00evil.txt" in result.stdout
        exact = json.loads(run(*command, "--db", db, "--json").stdout)
        assert {f"docs/{evil}.txt", "docs/names.eml/\x1b]0;pwned\x07\x1b[2J\x00evil.txt"} <= strings(exact)


def strings(data: object) -> set[str]:
    """Every string in parsed JSON: what --json keeps exactly (escaped by JSON itself)."""
    if isinstance(data, str):
        return {data}
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
    return set().union(*map(strings, values)) if values else set()


def test_document_text_and_metadata_reach_the_terminal_inert(run, folder, tiny_model):
    """C1 controls and bidi overrides survive decoding; the human output escapes them, JSON keeps them."""
    (folder / "c1.eml").write_bytes(
        "From: Alice Smith <a@example.org>\nTo: Bob Jones <b@example.org>\nSubject: \u202eevil\x9b2J\n"
        "Content-Type: text/plain; charset=utf-8\n\nAlice Smith met Bob Jones \x9b31m in Paris \u202e.\n".encode()
    )
    _, _, db = ingest(run, folder, tiny_model)
    result = run("evidence", "Alice Smith", "Bob Jones", "--db", db)
    assert not any(c in result.stdout for c in CONTROLS), result.stdout
    assert "\\u202eevil\\x9b2J" in result.stdout and "\\x9b31m" in result.stdout
    exact = json.loads(run("evidence", "Alice Smith", "Bob Jones", "--db", db, "--json").stdout)
    assert exact["evidence"][0]["message"]["subject"] == "\u202eevil\x9b2J"


def test_an_eml_with_5000_junk_attachments_warns_three_times_and_counts_the_rest(run, folder, tiny_model):
    (folder / "junk.eml").write_bytes(hostile.junk_attachments_eml(5000))
    report, lines, _ = ingest(run, folder, tiny_model)
    assert len(lines) == 4, lines
    assert all("junk.eml/j" in line and "not a PDF" in line for line in lines[:3])
    assert lines[3] == "warning: … and 4,997 more like this in docs/junk.eml"
    assert len(report["skipped"]) == 5000  # the report keeps every one


def test_an_mbox_of_20000_empty_messages_warns_three_times_and_counts_the_rest(run, folder, tiny_model):
    (folder / "inbox.mbox").write_bytes(hostile.empty_messages_mbox(20000))
    report, lines, db = ingest(run, folder, tiny_model)
    assert lines[3:] == ["warning: … and 19,997 more like this in docs/inbox.mbox"] and len(lines) == 4
    assert report["ingested"] == 2 and stored(db) == {GOOD, "inbox.mbox#1"}


def test_verbose_shows_every_warning(run, folder, tiny_model):
    (folder / "junk.eml").write_bytes(hostile.junk_attachments_eml(50))
    _, lines, _ = ingest(run, folder, tiny_model, "--verbose")
    assert len(lines) == 50 and not any("more like this" in line for line in lines)


@pytest.fixture
def read_only(tmp_path: Path, tiny_db: Path):
    """``tiny_db`` in a folder nothing can write: immutable for root (as on a read-only file system), else chmod."""
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "tiny.db"
    shutil.copy(tiny_db, db)
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", db, folder], capture_output=True).returncode != 0:
            pytest.skip("cannot make a file immutable here (chattr)")
        yield db
        subprocess.run(["chattr", "-i", db, folder], check=True)
    else:
        db.chmod(0o444)
        folder.chmod(0o555)
        yield db
        folder.chmod(0o755)


def test_a_read_only_database_answers_queries_and_exports(run, read_only, tmp_path):
    """Every command, queries included, said the database was damaged."""
    queries = (
        ("info",),
        ("central",),
        ("neighbors", "Alice Smith"),
        ("evidence", "Alice Smith", "Bob Jones"),
        ("path", "Alice Smith", "Bob Jones"),
        ("timeline", "Alice Smith", "--undated"),
        ("communities",),
        ("entities",),
    )
    for command in queries:
        result = run(*command, "--db", read_only, "--json")
        assert result.exit_code == 0, (command, result.output)
        json.loads(result.stdout)
    result = run("export", "--format", "graphml", "--out", tmp_path / "g.graphml", "--db", read_only)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in read_only.parent.iterdir()) == ["tiny.db"]  # no journal, no cache written


def test_writing_to_a_read_only_database_says_so(run, read_only, tiny_corpus, tiny_model):
    for command in (("merge", "Alice Smith", "Bob Jones"), ("ingest", tiny_corpus, "--model", tiny_model)):
        result = run(*command, "--db", read_only)
        assert result.exit_code == 1
        assert result.stderr == (
            f"Error: {read_only}: read-only (the file or its folder cannot be written); make it writable, "
            "or copy it to a folder you can write and pass the copy as --db\n"
        )


# -- the machinery under the caps -------------------------------------------------------------------
def read(files: list[Path], **limits: float | None) -> list[list[Document | Skipped]]:
    return list(read_files([(f, f.name, f.stat().st_size) for f in files], processes=2, overrides=limits))


def test_a_hang_the_caps_miss_is_ended_by_the_deadline_and_costs_one_file(folder):
    (folder / "loop.pdf").write_bytes(hostile.info_cycle_pdf())
    good, loop = read([folder / GOOD, folder / "loop.pdf"], objects=None, seconds=1, seconds_per_mb=None)
    assert isinstance(good[0], Document)
    assert loop == [
        Skipped(
            folder / "loop.pdf",
            "reading took longer than 1 s (limit seconds = 1; to raise it set GRAPHKIT_LIMIT_SECONDS=4, or 0 for none)",
        )
    ]


@pytest.mark.parametrize("gaps", [[0.3] * 10, [0.5, 1.5, 0.1]], ids=["pages keep coming", "pages stop coming"])
def test_a_file_outlives_its_deadline_while_its_pages_keep_coming(folder, monkeypatch, gaps):
    """A 2,000-page PDF of 3 MB is slow for its size and fine: each page moves the deadline to ``seconds`` after it.

    The reader here finishes a page after each of ``gaps`` seconds, against a deadline of 1 s.
    """
    real = reading_module.read_documents

    def slow_pages(path: Path, name: str):
        for gap in gaps:
            time.sleep(gap)
            progress()  # what charging a page does
        return real(path, name)

    monkeypatch.setattr(reading_module, "read_documents", slow_pages)
    (found,) = read([folder / GOOD], seconds=1, seconds_per_mb=None)
    if max(gaps) < 1:
        assert isinstance(found[0], Document)  # after 3 s
    else:
        assert found[0].reason.startswith("reading stopped making progress: no page for 1 s, after ")


def test_a_reading_past_its_memory_ceiling_costs_one_file(folder):
    (folder / "bomb.pdf").write_bytes(hostile.stream_bomb_pdf(1 << 30))
    found = read([folder / "bomb.pdf", folder / GOOD], unpacked_mb=None, memory_mb=200)
    assert [type(f[0]) for f in found] == [Skipped, Document]
    assert found[0][0].reason.startswith("reading needed more than 200 MB of memory (limit memory_mb = 200;")


def test_a_reader_that_dies_costs_one_file(folder, monkeypatch):
    real = reading_module.read_documents

    def crash(path: Path, name: str):
        if path.suffix == ".pdf":
            os.kill(os.getpid(), signal.SIGKILL)  # what the kernel sends a process out of memory
        return real(path, name)

    monkeypatch.setattr(reading_module, "read_documents", crash)  # the workers are forked: they inherit it
    (folder / "crash.pdf").write_bytes(hostile.good_pdf())
    found = read([folder / "crash.pdf", folder / GOOD, folder / "crash.pdf"])
    assert [type(f[0]) for f in found] == [Skipped, Document, Skipped]
    assert "the reading process died (signal SIGKILL), most likely past its 2,048 MB" in found[0][0].reason


def test_files_come_back_in_order_from_every_worker(folder):
    for i in range(12):
        (folder / f"{i:02}.txt").write_text(f"Alice Smith wrote note {i}.\n" * (i + 1), encoding="utf-8")
    files = sorted(folder.glob("[0-9]*.txt"))
    assert [f[0].name for f in read(files)] == [f.name for f in files]


def test_a_limit_that_is_not_a_number_is_one_line(run, tiny_corpus, tiny_model, tmp_path):
    result = run(
        "ingest", tiny_corpus, "--db", tmp_path / "x.db", "--model", tiny_model, env={"GRAPHKIT_LIMIT_PAGES": "lots"}
    )
    assert result.exit_code == 1
    assert result.stderr == "Error: GRAPHKIT_LIMIT_PAGES='lots': give a number, or 0 for no limit\n"
    assert overrides_from_env({"GRAPHKIT_LIMIT_MEMORY_MB": "0"}) == {"memory_mb": None}


@pytest.mark.parametrize(
    "name, data, limits, says",
    [
        ("pages.pdf", hostile.many_pages_pdf(30), {"pages": 20}, "more than 20 pages (limit pages = 20;"),
        ("wide.pdf", hostile.xobject_tower_pdf(12), {"draws": 500}, "more than 500 PDF drawings drawn"),
        ("deep.pdf", hostile.xobject_tower_pdf(30), {"xobject_depth": None, "draws": 500}, "more than 500 PDF draw"),
    ],
)
def test_each_cap_on_pdf_work_stops_its_file(folder, name, data, limits, says):
    (folder / name).write_bytes(data)
    ((found,), (good,)) = read([folder / name, folder / GOOD], **limits)
    assert isinstance(found, Skipped) and found.reason.startswith(says), found
    assert isinstance(good, Document)
