"""Score graphkit's entities against every gold set (issues 3 and 14).

Each gold set (format B of the gold specification: ``tests/gold/*.json``, or files given
with ``--gold``) is ingested with the README's default settings into a fresh database,
exactly the files it lists, and every metric is printed per gold set: node level (recall,
split rate, over-merges, junk, precision, pair recall, type accuracy) and paragraph level
(paragraph recall, hidden merges), and the mentions resolution gave to no entity (a head word
or title word alone that nothing resolved). ``--details`` lists every miss.

``--before DIR`` scores another checkout of graphkit (for example ``/work/main``, with its
own ``.venv``) on the same gold sets in the same run, and prints both side by side.

    .venv/bin/python bench/quality.py [--gold FILE ...] [--before /work/main] [--details] [--json]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphkit.quality import (  # noqa: E402
    TARGETS,
    fold,
    graph_paragraphs,
    load_gold,
    misses,
    score_graph,
    score_paragraphs,
    stored_paths,
)

# Gold sets made before paths were absolute: where their files live.
FOLDERS = {"seeds": ROOT / "seeds", "mueller": ROOT / "tests" / "fixtures" / "mueller"}
CURATION = {"seeds": ROOT / "seeds" / "curation.yaml"}
METRICS = [
    "nodes",
    "recall",
    "split_rate",
    "over_merges",
    "junk",
    "junk_per_100",
    "precision",
    "pair_recall",
    "pair_ceiling",
    "type_accuracy",
    "paragraph_recall",
    "hidden_merges",
]

# Run by the checkout being scored, with its own interpreter: ingest, build the graph, dump it.
_BUILD = """
import json, sys
from pathlib import Path
import networkx as nx
from graphkit.curation import read_aliases_file
from graphkit.graph import build_graph
from graphkit.ingest import ingest
from graphkit.store import open_store
db, out, curation, *files = sys.argv[1:]
with open_store(db, create=True) as store:
    if curation:
        store.replace_curation_source(f"aliases:{curation}", read_aliases_file(Path(curation)))
    ingest(store, [Path(f) for f in files], workers=1)
    graph = build_graph(store)
Path(out).write_text(json.dumps(nx.node_link_data(graph, edges="links")), encoding="utf-8")
"""


def gold_files(gold: dict, name: str) -> list[str]:
    folder = FOLDERS.get(gold.get("corpus", name))
    return [str(folder / f) if folder and not Path(f).is_absolute() else f for f in gold["files"]]


def build(code: Path, gold: dict, name: str, tmp: Path) -> tuple[nx.Graph, list]:
    """Ingest the gold set's files with the checkout at ``code``; the graph and its paragraphs."""
    db, out = tmp / f"{name}.db", tmp / f"{name}.json"
    curation = CURATION.get(gold.get("corpus", name), "")
    python = code / ".venv" / "bin" / "python"
    files = stored_paths(gold_files(gold, name))
    subprocess.run([str(python), "-c", _BUILD, str(db), str(out), str(curation), *files], cwd=code, check=True)
    graph = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="links")
    with sqlite3.connect(db) as conn:
        paragraphs = [(files.get(p.split("#")[0], p), t, n) for p, t, n in graph_paragraphs(conn, graph)]
        graph.graph["unassigned"] = unassigned(conn)
        graph.graph["forms_by_paragraph"] = forms_by_paragraph(conn, graph)
    if not Path(gold["files"][0]).is_absolute():  # relative gold paths: compare by file name
        paragraphs = [(str(Path(p.split("#")[0]).name), t, n) for p, t, n in paragraphs]
    return graph, paragraphs


def unassigned(conn: sqlite3.Connection) -> dict[str, int]:
    """Mentions resolution gave to no entity, by form: head words and title words alone that no
    document introduced a full name for ("Treaty", "Prince"), most frequent first."""
    rows = conn.execute(
        "SELECT form, COUNT(*) FROM mentions WHERE id NOT IN (SELECT mention_id FROM mention_entities)"
        " GROUP BY form ORDER BY COUNT(*) DESC, form"
    )
    return dict(rows.fetchall())


def forms_by_paragraph(conn: sqlite3.Connection, graph: nx.Graph) -> list[set[str]]:
    """The folded forms of every paragraph's mentions (of the graph's kinds), whatever entity they went to."""
    kinds = str(graph.graph.get("kinds", "body")).split(",")
    rows = conn.execute(
        f"SELECT m.paragraph_id, m.form FROM mentions m JOIN paragraphs p ON p.id = m.paragraph_id "
        f"WHERE m.hidden = 0 AND p.kind IN ({','.join('?' * len(kinds))})",
        kinds,
    )
    forms: dict[int, set[str]] = {}
    for paragraph, form in rows:
        forms.setdefault(paragraph, set()).add(fold(form))
    return list(forms.values())


def pair_ceiling(gold: dict, forms: list[set[str]], missed: list[str]) -> float:
    """The share of gold pairs linked now, or whose two entities both have a mention, in some form
    the gold gives them, in one same paragraph: the most pair recall a better resolution of these
    mentions could reach. What it misses is the extraction's (the model's recall, and what graphkit
    adds to it)."""
    everyone = gold["entities"] + gold.get("outside_body", [])
    names = {e["name"]: {fold(f) for f in [e["name"], *e["forms"]]} for e in everyone}
    pairs, lost = gold["pairs"], set(missed)
    found = sum(
        f"{a} — {b}" not in lost or any(names.get(a, {fold(a)}) & p and names.get(b, {fold(b)}) & p for p in forms)
        for a, b in pairs
    )
    return round(found / len(pairs), 3) if pairs else 1.0


def score(code: Path, gold_path: Path, tmp: Path) -> dict:
    gold = load_gold(gold_path)
    graph, paragraphs = build(code, gold, gold_path.stem, tmp)
    result = score_graph(graph, gold)
    result.update(score_paragraphs(graph, gold, paragraphs))
    result["pair_ceiling"] = pair_ceiling(gold, graph.graph["forms_by_paragraph"], result["details"]["missed_pairs"])
    result["misses"] = misses(result)
    result["unassigned_mentions"] = sum(graph.graph["unassigned"].values())
    result["unassigned_forms"] = graph.graph["unassigned"]
    return result


def table(name: str, after: dict, before: dict | None) -> str:
    head = f"\n== {name} ({after['gold_entities']} gold entities, {after['paragraphs']} gold paragraphs)"
    lines = [
        head,
        f"{'metric':<18}{'before':>10}{'after':>10}   target" if before else f"{'metric':<18}{'value':>10}   target",
    ]
    for metric in METRICS:
        target = " ".join(map(str, TARGETS[metric])) if metric in TARGETS else ""
        cells = ([f"{before.get(metric, '-')!s:>10}"] if before else []) + [f"{after.get(metric, '-')!s:>10}"]
        lines.append(f"{metric:<18}{''.join(cells)}   {target}")
    top = ", ".join(f"{form} {n}" for form, n in list(after["unassigned_forms"].items())[:8])
    lines.append(
        f"unassigned mentions (short forms nothing resolved): {after['unassigned_mentions']}"
        + (f": {top}" if top else "")
    )
    lines.append("misses: " + ("; ".join(after["misses"]) or "none"))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", nargs="*", type=Path, help="gold files (default: tests/gold/*.json)")
    parser.add_argument("--before", type=Path, help="another graphkit checkout to score in the same run")
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    golds = args.gold or sorted(
        p for p in (ROOT / "tests" / "gold").glob("*.json") if "entities" in json.loads(p.read_text(encoding="utf-8"))
    )
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for gold_path in golds:
            name = gold_path.stem
            results[name] = {"after": score(ROOT, gold_path, Path(tmp))}
            if args.before:
                (Path(tmp) / "before").mkdir(exist_ok=True)
                results[name]["before"] = score(args.before.resolve(), gold_path, Path(tmp) / "before")
            if not args.json:
                print(table(name, results[name]["after"], results[name].get("before")), flush=True)
                if args.details:
                    for key, value in {
                        **results[name]["after"]["details"],
                        **results[name]["after"]["paragraph_details"],
                    }.items():
                        print(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
