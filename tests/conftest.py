"""Shared fixtures: a tiny ruler pipeline saved to disk, hand-checkable documents, a store written by
hand (no NER at all), the real model on seeds/.

Every test that needs the real model (``seeds_db``, ``seeds_copy``) must be marked ``slow``;
collection stops if one is not, so ``pytest -m "not slow"`` stays fast.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from handmade import write_hand_store

from graphkit.cli import cli
from graphkit.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Entities the tiny pipeline knows; every test built on it can be checked by hand.
TINY_PATTERNS = [
    {"label": "PERSON", "pattern": "Alice Smith"},
    {"label": "PERSON", "pattern": "Smith"},
    {"label": "PERSON", "pattern": "Bob Jones"},
    {"label": "PERSON", "pattern": "Jones"},
    {"label": "PERSON", "pattern": "Carol White"},
    {"label": "PERSON", "pattern": "Dave Brown"},
    {"label": "ORG", "pattern": "Acme Corp"},
    {"label": "ORG", "pattern": "Globex"},
    {"label": "GPE", "pattern": "Paris"},
    {"label": "GPE", "pattern": "Berlin"},
    {"label": "DATE", "pattern": "Monday"},
]

TINY_DOCS = {
    "one.txt": (
        "Alice Smith met Bob Jones in Paris on Monday.\n"
        "Smith later joined Acme Corp.\n"
        "Acme Corp and Globex signed a deal in Berlin; Jones was there.\n"
    ),
    "two.md": ("# Notes\nBob Jones called Alice Smith from Berlin about Globex.\n\nCarol White runs Globex.\n"),
    "three.txt": "Dave Brown lives alone and knows nobody here.\n",
}


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A blank English pipeline with an entity ruler, saved to disk: exercises --model PATH."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(TINY_PATTERNS)
    path = tmp_path_factory.mktemp("models") / "tiny"
    nlp.to_disk(path)
    return str(path)


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in TINY_DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def run():
    """Invoke the CLI; returns the click Result (stdout and stderr kept apart)."""
    runner = CliRunner()

    def invoke(*args: str, **kwargs):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return invoke


@pytest.fixture
def tiny_db(tmp_path: Path, tiny_corpus: Path, tiny_model: str, run) -> Path:
    db = tmp_path / "tiny.db"
    result = run("ingest", tiny_corpus, "--db", db, "--model", tiny_model)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """seeds/ ingested once with the real default model and the shipped curation file."""
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = CliRunner().invoke(
        cli, ["ingest", str(SEEDS), "--aliases", str(SEEDS / "curation.yaml"), "--db", str(db)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def hand_store(tmp_path: Path) -> Store:
    """tests/handmade.py's store: two files, seven entities, every count known."""
    store = write_hand_store(tmp_path / "hand.db")
    yield store
    store.close()


_REAL_MODEL_FIXTURES = {"seeds_db", "seeds_copy"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unmarked = [
        item.nodeid
        for item in items
        if _REAL_MODEL_FIXTURES & set(getattr(item, "fixturenames", ())) and item.get_closest_marker("slow") is None
    ]
    if unmarked:
        raise pytest.UsageError(f"tests that use the real model must be marked slow: {', '.join(unmarked)}")
