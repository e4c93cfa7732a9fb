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


def as_graphkit_1_0(db: Path) -> None:
    """Rewrite a database as graphkit 1.0 wrote it: the base schema's tables and columns only, the version in meta."""
    old = db.with_suffix(".new.db")
    db.rename(old)
    with sqlite3.connect(db) as con:
        con.executescript(schema.BASE_SCHEMA)
        con.execute("ATTACH ? AS old", (str(old),))
        for (table,) in con.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'").fetchall():
            columns = ", ".join(r[1] for r in con.execute(f"PRAGMA main.table_info({table})"))
            con.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM old.{table}")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()


def test_a_database_of_graphkit_1_0_is_version_1_and_is_brought_up_to_date(tmp_path):
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as con:  # 1.0 kept the version in meta only
        con.executescript(schema.BASE_SCHEMA)
        con.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '1')")
    assert user_version(db) == 0
    with open_store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.get_meta("schema_version") == str(SCHEMA_VERSION)
    assert user_version(db) == SCHEMA_VERSION


def test_the_messages_migration_stores_the_mail_already_ingested(tmp_path):
    db = tmp_path / "old.db"
    store = write_hand_store(db)
    metadata = {
        "subject": "RE: Paris",
        "date": "2019-03-04 10:15:00+01:00",
        "message_id": "<1@x.org>",
        "participants": [
            {"role": "from", "name": "Alice Smith", "address": "alice@x.org"},
            {"role": "to", "name": "Bob Jones", "address": "bob@x.org"},
        ],
        "embedded": [{"role": "quote", "paragraphs": [1, 1], "date": "03/01/2019 09:00 AM", "participants": []}],
    }
    store.replace_document(
        path="/hand/mail", name="mail", sha256="m", size=1, format="email", title="", metadata=metadata,
        model="hand", paragraphs=[(1, 1, None, "body", "", "Fine.")], mentions=[],
    )  # fmt: skip
    store.close()
    as_graphkit_1_0(db)
    with open_store(db) as store:
        rows = store.conn.execute("SELECT part, role, message_id, date FROM messages ORDER BY part").fetchall()
        assert rows == [(0, "message", "<1@x.org>", "2019-03-04 10:15"), (1, "quote", "", "2019-03-01 09:00")]
        people = store.conn.execute("SELECT role, name, address, key FROM correspondents ORDER BY role").fetchall()
        assert people == [
            ("from", "Alice Smith", "alice@x.org", "alice smith"),
            ("to", "Bob Jones", "bob@x.org", "bob jones"),
        ]
        assert store.needs_resolve  # the next ingest marks what the corpus holds twice


def test_a_database_of_graphkit_1_0_gets_dates_from_what_it_stored(tmp_path):
    """Issue 17's migration: date columns, filled from stored metadata and text (no DATE spans were kept)."""
    db = tmp_path / "v1.db"
    with sqlite3.connect(db) as con:
        con.executescript(schema.BASE_SCHEMA)
        con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        con.execute(
            "INSERT INTO documents VALUES (1, '/m/in.mbox', 'in.mbox', 'x', 9, 'email', 'Re: Paris', "
            "'{\"date\": \"2001-05-14 16:39:00-07:00\"}', 'old', '2020-01-01T00:00:00Z')"
        )
        con.executemany(
            "INSERT INTO paragraphs VALUES (?, 1, ?, ?, NULL, 'body', '', ?)",
            [(1, 1, 1, "We met on 9 June 2000 in Paris."), (2, 2, 3, "See you in 2002."), (3, 3, 5, "Bye.")],
        )
    with open_store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.conn.execute("SELECT date, date_source FROM documents").fetchone() == (
            "2001-05-14",
            "e-mail Date header",
        )
        dates = store.conn.execute(
            "SELECT number, date, date_precision, date_source, date_text, date_first, date_last FROM paragraphs"
        ).fetchall()
    assert dates == [
        (1, "2000-06-09", "day", "text", "9 June 2000", "2000-06-09", "2000-06-09"),
        (2, "2001-05-14", "day", "document", None, "2001-05-14", "2001-05-14"),  # a bare year needs a DATE span
        (3, "2001-05-14", "day", "document", None, "2001-05-14", "2001-05-14"),
    ]


def test_a_database_at_version_3_gets_the_watchlist_migration(tmp_path):
    """Issue 18's migration comes after issues 14 and 17: a database they made gets it, its mentions kept."""
    db = tmp_path / "v3.db"
    with sqlite3.connect(db) as con:
        con.executescript(schema.BASE_SCHEMA)
        con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        con.execute("INSERT INTO documents VALUES (1, '/a.txt', 'a.txt', 'x', 1, 'text', '', '{}', 'm', 'now')")
        con.execute("INSERT INTO paragraphs VALUES (1, 1, 1, 1, NULL, 'body', '', 'Alice Smith spoke.')")
        con.execute(
            "INSERT INTO mentions VALUES (1, 1, 0, 11, 'Alice Smith', 'PERSON', 'Alice Smith', 'alice smith', 0)"
        )
        for step in schema.MIGRATIONS[:2]:  # issues 14 and 17
            schema._apply(con, step.apply)
        schema._stamp(con, 3)
    assert user_version(db) == 3
    with open_store(db) as store:
        assert store.schema_version == SCHEMA_VERSION == 5  # 5: the messages of issue 12
        assert store.conn.execute("SELECT text, source, hidden FROM mentions").fetchall() == [("Alice Smith", "ner", 0)]
        assert store.watchlist() == [] and store.watch_signature == ""
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
