"""Benchmark: seconds from a cold ``graphkit`` process to the answer (issue 5).

On the graph of the whole UN sample (``../shared/corpora/ungdc/``; the database is built
with ``graphkit ingest`` if it is missing, and kept), each command runs as a new process,
``--runs`` times; the table shows the median and the slowest. The first command after an
ingest builds the graph and caches it in the database; that run is timed on its own.
Prints figures; asserts nothing.

    .venv/bin/python bench/query.py [--db /tmp/ungdc.db] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shlex
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpora" / "ungdc"

TARGETS = {"path": 1.0, "neighbors": 1.0, "central": 5.0, "export": 10.0}


def graphkit(*args: str, db: Path, check: bool = True) -> tuple[float, str | None, str]:
    """Wall seconds, stdout (None if it failed) and stderr of one cold ``graphkit`` process."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "graphkit", *args, "--db", str(db)], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode and check:
        sys.exit(f"graphkit {shlex.join(args)} failed ({proc.returncode}): {proc.stderr.strip()}")
    return seconds, (None if proc.returncode else proc.stdout), proc.stderr


def ensure_db(db: Path) -> None:
    if db.exists():
        return
    print(f"{db} is missing: ingesting {CORPUS} (this takes a while) ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "graphkit", "ingest", str(CORPUS), "--db", str(db)], check=True)


def pick_names(db: Path, source: str) -> tuple[str, str]:
    """Two people far apart: ``source`` (or the most mentioned PERSON), and the farthest PERSON it reaches."""
    import networkx as nx

    from graphkit.errors import UnknownEntity
    from graphkit.graph import build_graph
    from graphkit.query import find_node
    from graphkit.store import open_store

    with open_store(db) as store:
        graph = build_graph(store)
    people = sorted(
        (n for n, d in graph.nodes(data=True) if d["type"] == "PERSON"), key=lambda n: (-graph.nodes[n]["mentions"], n)
    )
    try:
        source = find_node(graph, source)
    except UnknownEntity:
        source = people[0]
    reach = nx.single_source_shortest_path_length(graph, source)
    target = max((n for n in people if n in reach), key=lambda n: (reach[n], -graph.nodes[n]["mentions"], n))
    return source, target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "ungdc.db")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--source", default="António Guterres", help="Where path and neighbors start.")
    args = ap.parse_args()
    ensure_db(args.db)
    # The first command after an ingest builds the graph and caches it; time that apart.
    with sqlite3.connect(args.db) as conn:
        conn.execute("DELETE FROM graph_cache")
    _, info, _ = graphkit("info", "--json", db=args.db)
    first, _, _ = graphkit("central", "--top", "1", db=args.db)
    source, target = pick_names(args.db, args.source)
    out = Path(tempfile.mkdtemp(prefix="graphkit-bench-"))
    commands = [
        ("path", ["path", source, target]),
        ("neighbors", ["neighbors", source]),
        ("central", ["central", "--by", "pagerank"]),
        ("central", ["central", "--by", "betweenness"]),
        ("export", ["export", "--format", "graphml", "--out", str(out / "g.graphml")]),
        ("export", ["export", "--format", "html", "--top", "2000", "--out", str(out / "g.html")]),
    ]
    rows, notes = [], []
    load = os.getloadavg()[0]
    while commands:
        family, cmd = commands.pop(0)
        times, refused = [], False
        for _ in range(args.runs):
            seconds, stdout, stderr = graphkit(*cmd, db=args.db, check=family != "export")
            times.append(seconds)
            refused = stdout is None
        if stderr.strip():
            notes.append(f"{shlex.join(cmd[:3])}: {stderr.strip().splitlines()[0]}")
        name = shlex.join(cmd).replace(str(out) + "/", "")
        rows.append((name, statistics.median(times), max(times), TARGETS[family], refused))
        if refused and "--min-weight" not in cmd:  # the export's own size limit: time what it suggests
            commands.insert(0, (family, [*cmd, "--min-weight", "2"]))
    load = max(load, os.getloadavg()[0])
    report(args.db, info, first, rows, notes, load)


def cache_load(db: Path, runs: int = 7) -> float:
    """CPU seconds to load the cached graph, what every graph command pays first (issue 15: JSON, not pickle)."""
    from graphkit.graph import build_graph
    from graphkit.store import open_store

    times = []
    with open_store(db) as store:
        build_graph(store)
        for _ in range(runs):
            started = time.process_time()
            build_graph(store)
            times.append(time.process_time() - started)
    return statistics.median(times)


def report(db: Path, info: str, first: float, rows, notes, load: float) -> None:
    import json

    from graphkit.graph import build_graph
    from graphkit.store import open_store

    counts = json.loads(info)
    with open_store(db) as store:
        graph = build_graph(store)
    print(f"query benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, load average {load:.1f}")
    print(
        f"database: {db.name} ({db.stat().st_size / 1e6:.0f} MB): {counts['documents']:,} documents, "
        f"{counts['paragraphs']:,} paragraphs, {counts['mentions']:,} mentions; graph {graph.number_of_nodes():,} "
        f"nodes, {graph.number_of_edges():,} edges"
    )
    print(f"first query after ingest (builds and caches the graph): {first:.2f} s")
    print(f"graph cache load, in process (median CPU s of 7): {cache_load(db):.3f} s")
    width = max(len(r[0]) for r in rows) + 2
    print(f"{'graphkit command (cold process)':<{width}}{'median s':>9}{'max s':>8}{'target':>8}")
    for cmd, median, worst, target, refused in rows:
        verdict = "refused (exit 1)" if refused else "ok" if worst < target else "MISSED"
        print(f"{cmd:<{width}}{median:>9.2f}{worst:>8.2f}{'< ' + format(target, 'g'):>8} {verdict}")
    for note in notes:
        print(f"note: {note}")


if __name__ == "__main__":
    main()
