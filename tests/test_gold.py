"""Every gold set of ``tests/gold/`` (format B of the gold specification) against the targets of
issue 14, with the real default model (slow).

A gold set that lists its documents by absolute path is read from ``../shared/corpora``
beside the repository (skipped when absent). A metric that misses its target is listed in
``SHORT`` with the value reached: the test then holds that value (no regression) and
reports the shortfall; when the target is met, the entry must go (the test says so).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from graphkit.curation import read_aliases_file
from graphkit.graph import build_graph
from graphkit.ingest import ingest
from graphkit.quality import TARGETS, graph_paragraphs, score_graph, score_paragraphs, stored_paths
from graphkit.store import open_store

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
CORPORA = "/work/shared/corpora/"
FOLDERS = {"seeds": ROOT / "seeds", "mueller": ROOT / "tests" / "fixtures" / "mueller"}
CURATION = {"seeds": ROOT / "seeds" / "curation.yaml"}

# (gold set, metric) -> the value reached where the target is not met yet (issue 14).
SHORT: dict[tuple[str, str], float] = {
    # E-mail: the maildir messages are read as .eml; their paragraphs and header blocks decide most
    # of the pair recall and the junk. After merging main's new readers and paragraph classifier
    # (issues 10, 12, 13) some values moved; they are what the merged code reaches.
    # Issue 12's correspondents as people raised pair recall (0.357 -> 0.616: a message's people are
    # named in its text) and lowered junk; one more over-merge ("Susan M Scott" of a header joins
    # "Susan Scott" by the initials rule), and quoted text the corpus holds twice counts once, in
    # the copy it keeps, so a gold paragraph in the other copy is not a graph paragraph.
    ("enron-dev", "split_rate"): 0.078,
    ("enron-dev", "junk_per_100"): 9.83,
    ("enron-dev", "over_merges"): 5,
    ("enron-dev", "pair_recall"): 0.616,
    ("enron-dev", "type_accuracy"): 0.91,
    ("enron-dev", "paragraph_recall"): 0.821,
    ("mueller-whole", "split_rate"): 0.202,
    ("mueller-whole", "over_merges"): 14,
    ("mueller-whole", "junk_per_100"): 3.21,
    ("mueller-whole", "pair_recall"): 0.621,
    ("mueller-whole", "type_accuracy"): 0.869,
    ("mueller-whole", "paragraph_recall"): 0.755,
    ("mueller-whole", "hidden_merges"): 1,
    ("seeds", "type_accuracy"): 0.923,
    ("un-2023", "junk_per_100"): 10.5,
    ("un-2023", "over_merges"): 1,
    ("un-2023", "pair_recall"): 0.696,
    ("un-2023", "type_accuracy"): 0.857,
    ("un-2023", "paragraph_recall"): 0.797,
}


def _local(path: str) -> Path:
    """A gold path under /work/shared/corpora, read from ../shared/corpora beside the repository if there."""
    if path.startswith(CORPORA):
        beside = ROOT.parent / "shared" / "corpora" / path[len(CORPORA) :]
        if beside.exists():
            return beside
    return Path(path)


def _gold_sets() -> list[str]:
    """The entity gold sets: tests/gold also holds the paths, dates and timeline gold of other benchmarks."""
    return sorted(p.stem for p in GOLD.glob("*.json") if "entities" in json.loads(p.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    cache: dict[str, dict] = {}

    def score(name: str) -> dict:
        if name not in cache:
            cache[name] = _score(name, tmp_path_factory.mktemp(name))
        return cache[name]

    return score


def _score(name: str, tmp: Path) -> dict:
    gold = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    folder = FOLDERS.get(name)
    files = [folder / f if folder else _local(f) for f in gold["files"]]
    if not all(f.exists() for f in files):
        pytest.skip(f"{name}: documents not found (../shared/corpora beside the repository)")
    stored = stored_paths([str(f) for f in files])  # path in the store -> local path
    local = {str(f): g for f, g in zip(files, gold["files"])}  # local path -> gold path
    with open_store(tmp / "g.db", create=True) as store:
        if name in CURATION:
            store.replace_curation_source(f"aliases:{CURATION[name]}", read_aliases_file(CURATION[name]))
        ingest(store, [Path(c) for c in stored], workers=2)
        graph = build_graph(store)
    with sqlite3.connect(tmp / "g.db") as conn:
        paragraphs = [
            (local.get(stored.get(p.split("#")[0], ""), p), t, n) for p, t, n in graph_paragraphs(conn, graph)
        ]
    return {**score_graph(graph, gold), **score_paragraphs(graph, gold, paragraphs)}


@pytest.mark.slow
@pytest.mark.parametrize("name", _gold_sets())
@pytest.mark.parametrize("metric", list(TARGETS))
def test_gold_set_meets_its_target(scored, name, metric):
    result = scored(name)
    if metric in ("paragraph_recall", "hidden_merges") and not result["paragraphs"]:
        pytest.skip(f"{name} has no gold paragraphs")
    value, (op, bound) = result[metric], TARGETS[metric]
    met = value <= bound if op == "<=" else value >= bound
    reached = SHORT.get((name, metric))
    if reached is None:
        assert met, (metric, value, result["details"], result.get("paragraph_details"))
        return
    assert not met, f"{name} {metric} = {value} meets its target now: remove it from SHORT"
    no_worse = value <= reached if op == "<=" else value >= reached
    assert no_worse, f"{name} {metric} = {value}, worse than the {reached} reached before"
