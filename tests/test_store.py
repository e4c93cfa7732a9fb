"""graphkit.store: schema versions in PRAGMA user_version, migrations in order, the parts split by caller."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from handmade import write_hand_store

import graphkit.store.schema as schema
from graphkit.errors import NoDatabase, OldDatabase, Setting, StoreError
from graphkit.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    EvidenceReader,
    GraphSource,
    Migration,
    Store,
    StoreWriter,
    open_store,
)


def user_version(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return con.execute("PRAGMA user_version").fetchone()[0]


def test_migrations_are_numbered_in_order_from_the_base():
    assert [m.version for m in MIGRATIONS] == list(range(schema.BASE_VERSION + 1, SCHEMA_VERSION + 1))
    assert all(m.why for m in MIGRATIONS)


def test_a_new_database_records_its_version(tmp_path):
    with open_store(tmp_path / "new.db", create=True) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.get_meta("schema_version") == str(SCHEMA_VERSION)  # what graphkit 1.0 reads
    assert user_version(tmp_path / "new.db") == SCHEMA_VERSION


def test_a_database_of_graphkit_1_0_is_version_1_and_needs_no_migration(tmp_path):
    db = tmp_path / "old.db"
    write_hand_store(db).close()
    with sqlite3.connect(db) as con:  # 1.0 kept the version in meta only
        con.execute("PRAGMA user_version = 0")
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
    with open_store(db) as store:  # a database whose meta names this version is not migrated again
        assert store.counts()["documents"] == 2
        assert store.get_meta("schema_version") == str(SCHEMA_VERSION)
    assert user_version(db) == 0  # nothing was written


def test_a_database_made_by_graphkit_1_0_gets_every_migration(tmp_path):
    """The 1.0 schema with a document and a mention in it, as graphkit 1.0 left it."""
    db = tmp_path / "v1.db"
    with sqlite3.connect(db) as con:
        con.executescript(schema.BASE_SCHEMA)
        con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        con.execute("INSERT INTO documents VALUES (1, '/a.txt', 'a.txt', 'x', 1, 'text', '', '{}', 'm', 'now')")
        con.execute("INSERT INTO paragraphs VALUES (1, 1, 1, 1, NULL, 'body', '', 'Alice Smith spoke.')")
        con.execute(
            "INSERT INTO mentions VALUES (1, 1, 0, 11, 'Alice Smith', 'PERSON', 'Alice Smith', 'alice smith', 0)"
        )
    with open_store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.conn.execute("SELECT text, source, hidden FROM mentions").fetchall() == [("Alice Smith", "ner", 0)]
    assert user_version(db) == SCHEMA_VERSION


def append_migration(monkeypatch, step: Migration) -> None:
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, step])


def test_adding_a_migration_is_one_entry_and_an_older_database_gets_it(tmp_path, monkeypatch):
    db = tmp_path / "g.db"
    write_hand_store(db).close()
    version = SCHEMA_VERSION + 1
    append_migration(
        monkeypatch,
        Migration(
            version,
            "links between correspondents",
            "ALTER TABLE paragraphs ADD COLUMN sent TEXT; CREATE INDEX paragraphs_sent ON paragraphs(sent);",
        ),
    )
    with open_store(db) as store:
        assert store.schema_version == version
        assert "sent" in {r[1] for r in store.conn.execute("PRAGMA table_info(paragraphs)")}
        assert store.counts()["paragraphs"] == 6  # the data is kept
    with open_store(tmp_path / "fresh.db", create=True) as store:  # a new database runs every step too
        assert "sent" in {r[1] for r in store.conn.execute("PRAGMA table_info(paragraphs)")}


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    db = tmp_path / "g.db"
    write_hand_store(db).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE paragraphs ADD COLUMN half_done TEXT")
        raise sqlite3.OperationalError("disk I/O error")

    append_migration(monkeypatch, Migration(SCHEMA_VERSION + 1, "fails half way", broken))
    with pytest.raises(StoreError, match="disk I/O error"):
        open_store(db)
    with sqlite3.connect(db) as con:
        assert "half_done" not in {r[1] for r in con.execute("PRAGMA table_info(paragraphs)")}
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_store_errors_name_the_parameter_not_a_flag(tmp_path):
    with pytest.raises(NoDatabase, match=r"no graphkit database here; ingest documents into it first$"):
        open_store(tmp_path / "none.db")
    with pytest.raises(StoreError, match=r"is a folder; db takes a file name$") as info:
        open_store(tmp_path)
    assert info.value.settings == [Setting("db")]
    assert info.value.render(lambda s: "--db") == f"{tmp_path}: is a folder; --db takes a file name"


def test_a_database_older_than_the_base_schema_is_refused(tmp_path):
    db = tmp_path / "g.db"
    write_hand_store(db).close()
    with sqlite3.connect(db) as con:
        con.execute("DELETE FROM meta WHERE key = 'schema_version'")
        con.execute("PRAGMA user_version = 0")
    with pytest.raises(OldDatabase, match=r"made by an older graphkit \(schema 0; this one needs \d+\)"):
        open_store(db)


def test_store_is_every_part_on_one_connection(hand_store):
    assert isinstance(hand_store, Store)
    for part in (StoreWriter, GraphSource, EvidenceReader):
        assert isinstance(hand_store, part)
    assert {"replace_document", "write_entities", "add_curation"} <= set(vars(StoreWriter))
    assert {"entities", "edge_counts", "cached_graph"} <= set(vars(GraphSource))
    assert {"evidence", "pair_evidence", "spans"} <= set(vars(EvidenceReader))


def test_summary_counts_what_the_store_holds(hand_store):
    assert hand_store.summary() == {
        "documents": 2,
        "paragraphs": 6,
        "mentions": 15,
        "entities": 7,
        "paragraph_kinds": {"body": 4, "comment": 1, "heading": 1},
        "curation_rules": 0,
        "schema_version": SCHEMA_VERSION,
    }
