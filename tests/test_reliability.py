"""Issue 6: hostile files, kill -9, two writers, old and new databases, graphs too big to draw.

Everything runs the real code on real files: the CLI in process (CliRunner) where that is
enough, ``python -m graphkit`` in a subprocess where a process has to be killed, raced or
measured. The NER model is a ruler pipeline saved to disk, so every entity is known.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import graphkit.reading as reading_module
from graphkit import export as export_module
from graphkit.cli import cli
from graphkit.corpus import MAX_PARAGRAPH_CHARS
from graphkit.export import FORMATS
from graphkit.graph import build_graph
from graphkit.store import SCHEMA_VERSION, open_store

FIRST = "Alice Bob Carol Dave Erin Frank Grace Heidi Ivan Judy".split()
LAST = "Smith Jones White Brown Green Black".split()
PEOPLE = [f"{f} {s}" for f in FIRST for s in LAST]
ORGS = ["Acme Corp", "Globex", "Initech", "Umbrella Group", "Hooli", "Vandelay Industries"]
PLACES = ["Paris", "Berlin", "Lisbon", "Oslo", "Vienna", "Madrid"]
FILLER = "the board said nothing about it and the meeting was long but the weather held until evening".split()


@pytest.fixture(scope="module")
def crowd_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A ruler pipeline that knows 60 people, 6 organisations and 6 places."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "PERSON", "pattern": p} for p in PEOPLE]
        + [{"label": "ORG", "pattern": o} for o in ORGS]
        + [{"label": "GPE", "pattern": g} for g in PLACES]
    )
    path = tmp_path_factory.mktemp("models") / "crowd"
    nlp.to_disk(path)
    return str(path)


def write_corpus(folder: Path, *, files: int, paragraphs: int, seed: int, prefix: str = "doc") -> Path:
    """``files`` text files of ``paragraphs`` lines, each naming two people, an organisation and a place."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        lines = []
        for _ in range(paragraphs):
            a, b = rng.sample(PEOPLE, 2)
            lines.append(
                f"{a} met {b} at {rng.choice(ORGS)} in {rng.choice(PLACES)}, and {' '.join(rng.choices(FILLER, k=18))}."
            )
        (folder / f"{prefix}{i:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def ok_json(result) -> object:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def one_line_error(result, *needles: str) -> str:
    """The result is exit 1 with exactly one line on stderr, no traceback, containing every needle."""
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def snapshot(db: Path) -> dict[str, object]:
    """What a user sees of a database: nodes, edges, weights, and the row counts behind them."""
    with open_store(db) as store:
        graph = build_graph(store)
        duplicates = store.conn.execute(
            "SELECT COUNT(*) FROM (SELECT paragraph_id, start, end FROM mentions GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)"
        ).fetchone()[0]
        counts = store.counts()
    nodes = {
        n: (d["type"], d["mentions"], d["documents"], tuple(sorted(d["aliases"].split("|"))))
        for n, d in graph.nodes(data=True)
    }
    edges = {tuple(sorted((a, b))): (d["weight"], d["documents"]) for a, b, d in graph.edges(data=True)}
    return {"nodes": nodes, "edges": edges, "counts": counts, "duplicate_mentions": duplicates}


def integrity(db: Path) -> str:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def committed_documents(db: Path) -> int:
    """Documents committed so far, read without taking any lock a writer needs."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def graphkit_process(*args: object, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "graphkit", *map(str, args)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def finish(proc: subprocess.Popen, timeout: float = 120) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    return proc.returncode, out, err


# -- hostile and broken input -------------------------------------------------------------
def test_hostile_files_each_get_one_warning_and_the_rest_is_ingested(tmp_path, tiny_model, run, monkeypatch):
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "good.txt").write_text("Alice Smith met Bob Jones in Paris.\n", encoding="utf-8")
    (docs / "random.txt").write_bytes(random.Random(6).randbytes(20_000))
    (docs / "zeros.txt").write_bytes(b"\x00" * 4096)
    (docs / "invalid-utf8.txt").write_bytes(b"Carol White \xc3\x28 met Dave Brown \xff\xfe in Berlin.\n")
    (docs / "nul.txt").write_bytes(b"Acme Corp\x00 hired Alice Smith\x00 in Berlin, said the board of the company.\n")
    utf16 = "Bob Jones joined Globex in Berlin — “café” ☕.\nCarol White left Acme Corp.\n"
    (docs / "utf16-le.txt").write_bytes(utf16.encode("utf-16"))  # with a BOM
    (docs / "utf16-be.md").write_bytes(b"\xfe\xff" + utf16.encode("utf-16-be"))
    (docs / "utf32.txt").write_bytes(utf16.encode("utf-32"))  # its BOM starts like UTF-16's
    (docs / "empty.txt").write_bytes(b"")
    (docs / "blank.md").write_bytes(b" \n\t\r\n  ")
    (docs / "sub" / "loop").symlink_to(docs, target_is_directory=True)
    (docs / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (docs / "self-loop.txt").symlink_to(docs / "self-loop.txt")
    (docs / "vanishes.txt").write_text("Dave Brown saw Globex.\n", encoding="utf-8")
    (docs / "becomes-folder.txt").write_text("Dave Brown saw Paris.\n", encoding="utf-8")
    (docs / os.fsdecode(b"latin1-name-caf\xe9.txt")).write_text("Globex in Paris.\n", encoding="utf-8")
    (docs / "line\nbreak.txt").write_text("Alice Smith in Paris again.\n", encoding="utf-8")
    (docs / "deep.html").write_text(
        "<div>" * 100_000 + "<p>Globex met Alice Smith in Paris.</p><script>Bob Jones", encoding="utf-8"
    )
    (docs / "cr-only.md").write_bytes(b"Alice Smith met Carol White.\rCarol White met Globex.\r")

    # Between finding the files and reading them, one file disappears and another turns into a folder.
    real_read = reading_module.read_documents  # the worker processes read through it (issue 11)

    def sabotage(path: Path, name: str):
        if path.name == "vanishes.txt":
            path.unlink()
        elif path.name == "becomes-folder.txt":
            path.unlink()
            path.mkdir()
        return real_read(path, name)

    monkeypatch.setattr(reading_module, "read_documents", sabotage)
    db = tmp_path / "x.db"
    result = run("ingest", docs, "--db", db, "--model", tiny_model, "--json")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    bad = [
        "random.txt",
        "zeros.txt",
        "empty.txt",
        "blank.md",
        "sub/loop",
        "dangling.txt",
        "self-loop.txt",
        "vanishes.txt",
        "becomes-folder.txt",
        "latin1-name-caf\\xe9.txt",
    ]
    for name in bad:
        assert sum(f"docs/{name}: " in w for w in warnings) == 1, (name, warnings)
    # Invalid UTF-8 is read, and said so, once.
    assert sum("docs/invalid-utf8.txt: not valid UTF-8;" in w and w.endswith("(ingested)") for w in warnings) == 1
    assert len(warnings) == len(bad) + 1, warnings
    assert report["ingested"] == 9  # good, invalid-utf8, nul, two UTF-16, UTF-32, line\nbreak, deep.html, cr-only

    names = {r["name"] for r in ok_json(run("entities", "--db", db, "--json"))}
    assert {"Alice Smith", "Bob Jones", "Carol White", "Dave Brown", "Acme Corp", "Globex", "Paris", "Berlin"} <= names
    with open_store(db) as store:
        texts = [r[0] for r in store.conn.execute("SELECT text FROM paragraphs")]
    # UTF-16 and UTF-32 are decoded, not mangled; NULs never reach the store.
    assert texts.count("Bob Jones joined Globex in Berlin — “café” ☕.") == 3
    assert texts.count("Carol White left Acme Corp.") == 3
    assert not any("\x00" in t for t in texts)
    assert not any("Bob Jones" in t for t in texts if "Globex met Alice Smith" in t)  # the <script> stayed hidden


def test_database_in_a_missing_folder_is_one_line(tmp_path, tiny_model, tiny_corpus, run):
    one_line_error(
        run("ingest", tiny_corpus, "--db", tmp_path / "no" / "such" / "x.db", "--model", tiny_model), "does not exist"
    )
    assert (
        run("ingest", tiny_corpus, "--db", tmp_path, "--model", tiny_model).exit_code == 2
    )  # a folder: click refuses it


@pytest.mark.slow
def test_50_mb_single_line_is_streamed_in_bounded_memory(tmp_path, tiny_model):
    """A 50 MB file without a line break is cut into paragraphs and never held as millions of words.

    The resident memory of the whole process tree (NER workers included) is sampled from /proc.
    """
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to measure memory")
    docs = tmp_path / "docs"
    docs.mkdir()
    rng = random.Random(50)
    parts, size, i = [], 0, 0
    while size < 50_000_000:
        sentence = " ".join(rng.choices(FILLER, k=20)) + (
            ". Alice Smith met Bob Jones in Paris. " if i % 40 == 0 else ". "
        )
        parts.append(sentence)
        size += len(sentence)
        i += 1
    (docs / "dump.txt").write_text("".join(parts), encoding="utf-8")
    del parts
    (docs / "small.txt").write_text("Carol White runs Globex.\n", encoding="utf-8")
    db = tmp_path / "big.db"
    proc = graphkit_process("ingest", docs, "--db", db, "--model", tiny_model, "--json", cwd=tmp_path)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.05)
    code, out, err = finish(proc)
    assert code == 0, err
    assert "Traceback" not in err
    assert json.loads(out)["ingested"] == 2
    assert peak < 1024**3, f"peak resident memory {peak / 2**20:.0f} MiB"
    with open_store(db) as store:
        rows = store.conn.execute(
            "SELECT COUNT(*), MAX(LENGTH(p.text)) FROM paragraphs p JOIN documents d ON d.id = p.doc_id WHERE d.name LIKE '%dump.txt'"
        ).fetchone()
    assert rows[0] >= 50_000_000 // MAX_PARAGRAPH_CHARS
    assert rows[1] <= MAX_PARAGRAPH_CHARS


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next((int(line.split()[1]) * 1024 for line in fh if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


# -- crash safety -----------------------------------------------------------------------
def test_kill_9_mid_ingest_then_rerun_equals_a_clean_run(tmp_path, crowd_model):
    corpus = write_corpus(tmp_path / "corpus", files=200, paragraphs=40, seed=9)
    clean = tmp_path / "clean.db"
    ok_json(invoke("ingest", corpus, "--db", clean, "--model", crowd_model, "--json"))

    db = tmp_path / "crashed.db"
    kills = 0
    # Three kills while files are being written, then one once every file is in (while the
    # entities are being resolved, if the process is still that far from done).
    for threshold in (25, 90, 150, 200):
        proc = graphkit_process("ingest", corpus, "--db", db, "--model", crowd_model, cwd=tmp_path)
        deadline = time.monotonic() + 120
        while committed_documents(db) < threshold and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if proc.poll() is None:
            proc.kill()  # SIGKILL: no handler, no cleanup, no chance to finish the transaction
            kills += 1
        proc.wait()
        if _group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)  # NER worker processes it left behind
        assert integrity(db) == "ok"
        with open_store(db) as store:  # opens, and holds only whole files
            per_doc = store.conn.execute(
                "SELECT d.name, COUNT(p.id) FROM documents d LEFT JOIN paragraphs p ON p.doc_id = d.id GROUP BY d.id"
            ).fetchall()
        assert all(count == 40 for _, count in per_doc), per_doc
        if threshold < 200:
            assert len(per_doc) < 200, "the ingest finished before it could be killed; make the corpus bigger"
    assert kills >= 3

    before = committed_documents(db)
    proc = graphkit_process("ingest", corpus, "--db", db, "--model", crowd_model, "--json", cwd=tmp_path)
    code, out, err = finish(proc)
    assert code == 0, err
    report = json.loads(out)
    assert (report["unchanged"], report["ingested"]) == (before, 200 - before)  # committed files are not redone
    assert integrity(db) == "ok"
    assert snapshot(db) == snapshot(clean)
    assert snapshot(db)["duplicate_mentions"] == 0


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except OSError:
        return False


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_failed_export_leaves_the_old_file_and_no_temp_file(tmp_path, tiny_db, run, monkeypatch, fmt):
    out = tmp_path / "exports" / f"graph.{fmt}"
    assert run("export", "--format", fmt, "--out", out, "--db", tiny_db).exit_code == 0
    old = out.read_bytes()

    def half_then_fail(data: object, fh, *args, **kwargs) -> None:
        fh.write(b"<?xml version='1.0'?><graphml><graph>" if "b" in getattr(fh, "mode", "") else '{"nodes": [')
        raise OSError(28, "No space left on device")

    if fmt == "graphml":
        monkeypatch.setattr(nx, "write_graphml", half_then_fail)
    elif fmt == "gexf":
        import graphkit.gexf

        monkeypatch.setattr(graphkit.gexf, "write_gexf", half_then_fail)
    elif fmt == "json":
        monkeypatch.setattr(export_module.json, "dump", half_then_fail)
    else:  # the page is written in one call: fail at the rename instead
        monkeypatch.setattr(
            export_module.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(5, "Input/output error"))
        )
    result = run("export", "--format", fmt, "--out", out, "--db", tiny_db)
    one_line_error(result)
    assert out.read_bytes() == old
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]


def test_interrupted_export_leaves_no_temp_file(tmp_path, tiny_db, run, monkeypatch):
    out = tmp_path / "graph.graphml"

    def interrupted(graph, fh, *args, **kwargs):
        fh.write(b"<?xml")
        raise KeyboardInterrupt

    monkeypatch.setattr(nx, "write_graphml", interrupted)
    result = run("export", "--format", "graphml", "--out", out, "--db", tiny_db)
    assert result.exit_code == 130
    assert list(tmp_path.glob("*graph*")) == []


def test_export_to_an_unwritable_place_is_one_line(tmp_path, tiny_db, run):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    one_line_error(run("export", "--format", "json", "--out", blocker / "graph.json", "--db", tiny_db), "a-file")
    assert blocker.read_text(encoding="utf-8") == "x"


# -- concurrency ------------------------------------------------------------------------
@pytest.mark.parametrize("same_folder", [False, True], ids=["two-folders", "one-folder-twice"])
def test_two_ingests_at_once_equal_one_after_the_other(tmp_path, crowd_model, same_folder):
    a = write_corpus(tmp_path / "a", files=40, paragraphs=30, seed=1, prefix="a")
    b = a if same_folder else write_corpus(tmp_path / "b", files=40, paragraphs=30, seed=2, prefix="b")
    serial = tmp_path / "serial.db"
    ok_json(invoke("ingest", a, "--db", serial, "--model", crowd_model, "--json"))
    if not same_folder:
        ok_json(invoke("ingest", b, "--db", serial, "--model", crowd_model, "--json"))

    shared = tmp_path / "shared.db"  # does not exist yet: both processes race to create it too
    first = graphkit_process("ingest", a, "--db", shared, "--model", crowd_model, cwd=tmp_path)
    second = graphkit_process("ingest", b, "--db", shared, "--model", crowd_model, cwd=tmp_path)
    for proc in (first, second):
        code, _out, err = finish(proc)
        assert code == 0, err
        assert "locked" not in err and "Traceback" not in err
    assert integrity(shared) == "ok"
    assert snapshot(shared) == snapshot(serial)


def _open_at_once(path: str, barrier, results) -> None:
    barrier.wait()
    try:
        open_store(path, create=True).close()
        results.put("ok")
    except Exception as exc:  # reported to the test, which shows it
        results.put(f"{exc!r} from {exc.__cause__!r}")


@pytest.mark.skipif(sys.platform != "linux", reason="forks the test process")
def test_processes_creating_one_database_at_once_all_succeed(tmp_path):
    """Switching a new file to WAL answers 'database is locked' at once, whatever the busy timeout: open_store waits."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    failures = []
    for attempt in range(25):
        barrier, results = ctx.Barrier(4), ctx.Queue()
        procs = [
            ctx.Process(target=_open_at_once, args=(str(tmp_path / f"{attempt}.db"), barrier, results))
            for _ in range(4)
        ]
        for proc in procs:
            proc.start()
        outcomes = [results.get(timeout=60) for _ in procs]
        for proc in procs:
            proc.join()
        failures += [o for o in outcomes if o != "ok"]
    assert failures == []
    with open_store(tmp_path / "0.db") as store:
        assert store.get_meta("schema_version") == str(SCHEMA_VERSION)


def test_a_resolve_overtaken_by_another_ingest_does_not_overwrite_it(tmp_path, tiny_model, monkeypatch):
    """The race two ingests can run into, made deterministic.

    Ingest 1 reads the mentions to resolve them; before it writes the entities, ingest 2
    stores a new file and resolves everything. Ingest 1 must not then write its older
    entities over ingest 2's and mark the store clean.
    """
    from graphkit.ingest import rebuild_entities

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "a.txt").write_text("Alice Smith met Bob Jones in Paris.\n", encoding="utf-8")
    (b / "b.txt").write_text("Carol White runs Globex in Berlin with Alice Smith.\n", encoding="utf-8")
    serial = tmp_path / "serial.db"
    for folder in (a, b):
        ok_json(invoke("ingest", folder, "--db", serial, "--model", tiny_model, "--json"))

    db = tmp_path / "g.db"
    ok_json(invoke("ingest", a, "--db", db, "--model", tiny_model, "--json"))
    with open_store(db) as first:
        first.add_curation("rename", "Paris", "Paris")  # something for the first ingest to resolve
        real_stats = first.mention_rows

        def stats_then_overtaken():
            stats = real_stats()
            ok_json(invoke("ingest", b, "--db", db, "--model", tiny_model, "--json"))  # the second ingest, whole
            return stats

        monkeypatch.setattr(first, "mention_rows", stats_then_overtaken)
        rebuild_entities(first)
    with open_store(serial) as store:
        store.add_curation("rename", "Paris", "Paris")
        rebuild_entities(store)
    assert snapshot(db) == snapshot(serial)


def test_a_query_during_an_ingest_answers_from_the_last_committed_state(tmp_path, crowd_model):
    a = write_corpus(tmp_path / "a", files=10, paragraphs=20, seed=3, prefix="a")
    b = write_corpus(tmp_path / "b", files=150, paragraphs=40, seed=4, prefix="b")
    db = tmp_path / "g.db"
    ok_json(invoke("ingest", a, "--db", db, "--model", crowd_model, "--json"))
    before = ok_json(invoke("entities", "--db", db, "--json"))

    proc = graphkit_process("ingest", b, "--db", db, "--model", crowd_model, cwd=tmp_path)
    answers = []
    while proc.poll() is None:
        result = invoke("entities", "--db", db, "--json")
        assert result.exit_code == 0, result.output  # never 'database is locked'
        answers.append(json.loads(result.stdout))
        result = invoke("neighbors", "Alice Smith", "--db", db, "--json")
        assert result.exit_code == 0, result.output
    code, _out, err = finish(proc)
    assert code == 0, err
    after = ok_json(invoke("entities", "--db", db, "--json"))
    assert len(answers) >= 3
    assert answers[0] == before
    assert all(answer in (before, after) for answer in answers)  # never a half-resolved mixture


# -- versions ---------------------------------------------------------------------------
def _set_version(db: Path, version: str | None) -> bytes:
    """Record another schema version (None: none, as before versions were recorded) and leave the file
    self-contained (no WAL); returns its bytes."""
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {int(version or 0)}")
    if version is None:
        con.execute("DELETE FROM meta WHERE key = 'schema_version'")
    else:
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (version,))
    con.commit()
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    assert not Path(f"{db}-wal").exists()
    return db.read_bytes()


@pytest.mark.parametrize("command", [("info",), ("entities",), ("export", "--format", "json"), ("ingest", "CORPUS")])
def test_a_newer_database_is_refused_and_not_touched(tmp_path, tiny_db, tiny_corpus, tiny_model, run, command):
    data = _set_version(tiny_db, str(SCHEMA_VERSION + 1))
    args = [tiny_corpus if a == "CORPUS" else a for a in command]
    extra = ["--model", tiny_model] if command[0] == "ingest" else []
    line = one_line_error(
        run(*args, "--db", tiny_db, *extra), "newer graphkit", f"schema {SCHEMA_VERSION + 1}", "upgrade graphkit"
    )
    assert "not changed" in line
    assert tiny_db.read_bytes() == data
    assert not Path(f"{tiny_db}-wal").exists() or Path(f"{tiny_db}-wal").stat().st_size == 0


@pytest.mark.parametrize("version", ["0", None], ids=["schema-0", "no-version-recorded"])
def test_an_older_database_is_refused_with_what_to_do(tmp_path, tiny_db, run, version):
    data = _set_version(tiny_db, version)
    one_line_error(run("entities", "--db", tiny_db), "older graphkit", "graphkit ingest PATH --db NEW.db")
    assert tiny_db.read_bytes() == data


def test_foreign_files_as_db_are_refused_and_not_touched(tmp_path, tiny_corpus, tiny_model, run):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE people (name TEXT)")
    con.execute("INSERT INTO people VALUES ('x')")
    con.commit()
    con.close()
    theirs = tmp_path / "theirs.db"  # someone else's table called meta
    con = sqlite3.connect(theirs)
    con.execute("CREATE TABLE meta (k TEXT, v TEXT)")
    con.commit()
    con.close()
    blob = tmp_path / "blob.db"
    blob.write_bytes(random.Random(1).randbytes(10_000))
    text = tmp_path / "notes.db"
    text.write_text("SQLite format 3 but not really\n" * 10, encoding="utf-8")
    for path in (other, theirs, blob, text):
        data = path.read_bytes()
        for args in (("info",), ("ingest", tiny_corpus, "--model", tiny_model), ("central",)):
            one_line_error(run(*args, "--db", path), str(path))
        assert path.read_bytes() == data, path
        assert not Path(f"{path}-wal").exists() and not Path(f"{path}-journal").exists()


def test_a_damaged_database_is_one_line_whichever_page_is_hit(tmp_path, tiny_db, run):
    """Scribble over each page in turn: every command either still answers or fails in one line."""
    with open_store(tiny_db) as store:
        build_graph(store)  # the graph cache is in the file too
    original = _set_version(tiny_db, str(SCHEMA_VERSION))
    page = sqlite3.connect(tiny_db).execute("PRAGMA page_size").fetchone()[0]
    rng = random.Random(2)
    outcomes = set()
    commands = [
        ("entities", "--json"),
        ("path", "Alice Smith", "Carol White"),
        ("export", "--format", "graphml", "--out", tmp_path / "g.graphml"),
    ]
    for number in range(1, len(original) // page):  # page 0 holds the header: that is the 'not a database' case
        damaged = bytearray(original)
        damaged[number * page : (number + 1) * page] = rng.randbytes(page)
        # A new file each time: the CLI's stores are closed only when collected, and a file
        # rewritten under an open connection would lose that connection's POSIX locks.
        db = tmp_path / f"damaged-{number}.db"
        db.write_bytes(bytes(damaged))
        for args in commands:
            result = run(*args, "--db", db)
            assert result.exit_code in (0, 1), (number, args, result.output)
            if result.exit_code == 1:
                one_line_error(result)
            outcomes.add(result.exit_code)
    assert outcomes == {0, 1}


# -- resource limits -------------------------------------------------------------------
def test_html_export_of_a_graph_too_big_for_a_browser_suggests_top(tmp_path, tiny_model, run):
    """5,001 real entities (a ruler that matches any 'Qxxxx' token), each linked to the next."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": [{"TEXT": {"REGEX": "^Q[a-z]{4}$"}}]}])
    model = tmp_path / "q-model"
    nlp.to_disk(model)
    letters = "abcdefghijklmnopqrstuvwxyz"
    names = [
        "Q" + "".join(letters[(i // 26**k) % 26] for k in range(4)) for i in range(export_module.HTML_NODE_LIMIT + 1)
    ]
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "chain.txt").write_text(
        "".join(f"{a} wrote to {b}.\n" for a, b in zip(names, names[1:], strict=False)), encoding="utf-8"
    )
    db = tmp_path / "big.db"
    assert run("ingest", docs, "--db", db, "--model", model).exit_code == 0
    out = tmp_path / "graph.html"
    line = one_line_error(run("export", "--format", "html", "--out", out, "--db", db), "--top")
    assert f"{export_module.HTML_NODE_LIMIT + 1}" in line.replace(",", "")
    assert not out.exists()
    assert run("export", "--format", "html", "--out", out, "--db", db, "--top", "200").exit_code == 0
    assert out.stat().st_size > 0


def test_html_export_of_too_many_links_keeps_the_strongest(tmp_path, run):
    """A name list: 320 entities in one paragraph are 51,040 links, too many for a page: it keeps the strongest."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": [{"TEXT": {"REGEX": "^Q[a-z]{4}$"}}]}])
    model = tmp_path / "q-model"
    nlp.to_disk(model)
    letters = "abcdefghijklmnopqrstuvwxyz"
    names = ["Q" + "".join(letters[(i // 26**k) % 26] for k in range(4)) for i in range(320)]
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "list.txt").write_text("Signatories of the letter: " + ", ".join(names) + ".\n", encoding="utf-8")
    db = tmp_path / "list.db"
    assert run("ingest", docs, "--db", db, "--model", model).exit_code == 0
    out = tmp_path / "graph.html"
    result = run("export", "--format", "html", "--out", out, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["edges"] == export_module.HTML_EDGE_LIMIT
    page = out.read_text(encoding="utf-8")
    assert f"only the {export_module.HTML_EDGE_LIMIT:,} strongest of their 51,040 links" in page
    assert run("export", "--format", "html", "--out", out, "--db", db, "--top", "60").exit_code == 0
