"""Parallel NER (issue 5): the local worker pool, and a real Dask LocalCluster on loopback."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from graphkit.extract import extract_mentions, load_model
from graphkit.graph import build_graph
from graphkit.store import open_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_worker_pool_gives_the_mentions_of_one_process(tiny_model, tiny_corpus):
    texts = [line for f in sorted(tiny_corpus.iterdir()) for line in f.read_text().splitlines() if line] * 40
    items = [(text, i) for i, text in enumerate(texts)]
    nlp = load_model(tiny_model)
    one = list(extract_mentions(nlp, items, batch_size=7, n_process=1))
    pool = list(extract_mentions(nlp, items, batch_size=7, n_process=2))
    assert pool == one
    assert sum(len(m) for _, m in one) > 100


# -- Dask -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def scheduler():
    """Two worker processes, one thread each, on 127.0.0.1."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address


def _graph(db: Path):
    with open_store(db) as store:
        graph = build_graph(store)
    nodes = {n: (d["type"], d["mentions"], d["documents"]) for n, d in graph.nodes(data=True)}
    edges = {frozenset((a, b)): (d["weight"], d["documents"]) for a, b, d in graph.edges(data=True)}
    return nodes, edges


@pytest.mark.slow
def test_distributed_ingest_matches_single_process(tmp_path, run, seeds_db, scheduler):
    db = tmp_path / "dask.db"
    result = run("ingest", SEEDS, "--aliases", SEEDS / "curation.yaml", "--db", db, "--scheduler", scheduler, "--json")
    assert result.exit_code == 0, result.output
    assert '"ingested": 5' in result.stdout
    nodes, edges = _graph(db)
    want_nodes, want_edges = _graph(seeds_db)
    assert nodes == want_nodes
    assert edges == want_edges
    assert len(edges) > 100


@pytest.mark.slow
def test_unchanged_files_never_reach_the_cluster(tmp_path, run, seeds_copy, scheduler):
    db = tmp_path / "g.db"
    assert run("ingest", seeds_copy, "--db", db, "--scheduler", scheduler).exit_code == 0
    # Nothing changed: no scheduler is contacted, so even an address with nobody there works.
    again = run("ingest", seeds_copy, "--db", db, "--scheduler", "tcp://127.0.0.1:9")
    assert again.exit_code == 0, again.output
    assert "0 files ingested, 5 unchanged" in again.stderr


@pytest.mark.slow
def test_changed_file_is_replaced_through_the_cluster(tmp_path, run, seeds_copy, scheduler):
    db = tmp_path / "g.db"
    assert run("ingest", seeds_copy, "--db", db, "--scheduler", scheduler).exit_code == 0
    first = sorted(seeds_copy.glob("*.txt"))[0]
    first.write_text("Vladimir Putin met Angela Merkel in Berlin.\n", encoding="utf-8")
    again = run("ingest", seeds_copy, "--db", db, "--scheduler", scheduler)
    assert again.exit_code == 0, again.output
    assert "1 files ingested, 4 unchanged" in again.stderr
    with open_store(db) as store:
        assert store.counts()["documents"] == 5


def test_missing_dask_is_one_line_with_the_install_command(tmp_path, run, tiny_corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    result = run("ingest", tiny_corpus, "--db", tmp_path / "x.db", "--scheduler", "local")
    assert result.exit_code == 1
    assert result.stderr == "Error: --scheduler needs Dask, which is not installed: pip install 'graphkit[scale]'\n"
