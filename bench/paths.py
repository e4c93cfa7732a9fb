"""Benchmark: do default paths run through specific people and organisations? (issue 16)

Each question of ``tests/gold/paths.json`` names two entities that no paragraph names
together, and the chain of people and organisations the text itself makes between them
(with quotes; format in the gold spec, section C). The corpora are ingested once with
``graphkit ingest`` into ``--cache`` (the Mueller report; the UN speeches of sessions 78
and 79) and kept; delete the files there to rebuild them.

For every question the script prints two paths on the default graph:

* before: the plain shortest path (``graphkit path --shortest``, the default of 1.x);
* after: the default path (``graphkit path``, the informative chain).

and whether every intermediate is a *specific person or organisation*: of type PERSON or
ORG and not one of the most connected 1% of entities (the hubs of issue 16). It says when
a path is the chain the text makes (or one of the other chains the gold lists), and why a
question cannot be answered: an end missing from the graph, or a name that resolves to
another entity of the chain. Prints figures; asserts nothing.

    .venv/bin/python bench/paths.py [--cache /tmp/graphkit-paths] [--include boilerplate] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from graphkit.errors import GraphkitError, UnknownEntity  # noqa: E402
from graphkit.graph import build_graph, kinds_for  # noqa: E402
from graphkit.query import find_node, find_path  # noqa: E402
from graphkit.store import open_store  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "paths.json"
# ../shared/corpora beside the repository, wherever the checkout sits (a worktree is one level deeper).
CORPORA = next((p / "shared" / "corpora" for p in ROOT.parents if (p / "shared" / "corpora").is_dir()), Path("corpora"))
# What each gold corpus is ingested from (the questions name files of these folders only).
SOURCES = {
    "mueller": ["mueller"],
    "ungdc": ["ungdc/Session 78 - 2023", "ungdc/Session 79 - 2024"],
}
SPECIFIC = ("PERSON", "ORG")
HUB_SHARE = 0.01  # the most connected 1% of entities are hubs, whatever their type


@dataclass
class Answer:
    question: dict
    problem: str = ""
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    text_chains: list[list[str]] = field(default_factory=list)


def ensure_db(cache: Path, corpus: str, corpora: Path) -> Path:
    db = cache / f"{corpus}.db"
    if not db.exists():
        cache.mkdir(parents=True, exist_ok=True)
        paths = [str(corpora / p) for p in SOURCES[corpus]]
        print(f"ingesting {corpus} into {db} (once) ...", file=sys.stderr)
        done = subprocess.run([sys.executable, "-m", "graphkit", "ingest", *paths, "--db", str(db)])
        if done.returncode:
            db.unlink(missing_ok=True)
            sys.exit(f"ingesting {corpus} failed; is --corpora {corpora} right?")
    return db


def lookup(graph: nx.Graph, names: list[str]) -> str | None:
    """The node the first resolvable name finds, as ``graphkit path`` would find it."""
    for name in names:
        try:
            return find_node(graph, name)
        except UnknownEntity:
            continue
    return None


def answer(graph: nx.Graph, q: dict) -> Answer:
    out = Answer(q)
    a = lookup(graph, [q["a"], *q.get("forms_a", [])])
    b = lookup(graph, [q["b"], *q.get("forms_b", [])])
    if a is None or b is None:
        out.problem = f"{q['a'] if a is None else q['b']} is not in the graph"
        return out
    forms = q.get("forms_chain", {})
    middle = {name: lookup(graph, [name, *forms.get(name, [])]) for name in q["connection"][1:-1]}
    for name, node in middle.items():
        if node in (a, b):
            out.problem = f"{q['a'] if node == a else q['b']} resolves to {node}, as {name} does"
            return out
    for chain in [q["connection"], *q.get("other_valid_chains", [])]:
        nodes = [a, *(lookup(graph, [n, *forms.get(n, [])]) for n in chain[1:-1]), b]
        if None not in nodes:
            out.text_chains.append(nodes)
    try:
        out.before = find_path(graph, a, b, by="shortest")
        out.after = find_path(graph, a, b)
    except GraphkitError as exc:
        out.problem = str(exc)
    return out


def hub_set(graph: nx.Graph) -> set[str]:
    count = int(graph.number_of_nodes() * HUB_SHARE)
    if not count:
        return set()
    floor = sorted((d for _, d in graph.degree()), reverse=True)[count - 1]
    return {n for n, d in graph.degree() if d >= floor}


def specific(graph: nx.Graph, path: list[str], hubs: set[str]) -> bool:
    return bool(path) and all(graph.nodes[n]["type"] in SPECIFIC and n not in hubs for n in path[1:-1])


def show(graph: nx.Graph, path: list[str], hubs: set[str]) -> str:
    def one(n: str) -> str:
        t = graph.nodes[n]["type"]
        mark = "" if t in SPECIFIC and n not in hubs else f" [{t}{', hub' if n in hubs else ''}]"
        return n + mark

    return " > ".join(one(n) for n in path)


def report(answers: list[tuple[nx.Graph, set[str], Answer]]) -> None:
    counts = {"pairs": 0, "answered": 0, "before": 0, "after": 0, "within": 0, "text_before": 0, "text_after": 0}
    for i, (graph, hubs, ans) in enumerate(answers, 1):
        q = ans.question
        counts["pairs"] += 1
        print(f"{i:2} {q['corpus']:7}  {q['a']} -> {q['b']}   (text: {' > '.join(q['connection'])})")
        if ans.problem:
            print(f"   cannot answer: {ans.problem}\n")
            continue
        counts["answered"] += 1
        for key, path, label in (("before", ans.before, "before  shortest"), ("after", ans.after, "after   default ")):
            ok = specific(graph, path, hubs)
            text = path in ans.text_chains
            counts[key] += ok
            counts["text_" + key] += text
            flags = ("specific" if ok else "NOT specific") + (", the text's chain" if text else "")
            print(f"   {label} {len(path) - 1} hops  {show(graph, path, hubs)}   ({flags})")
        counts["within"] += len(ans.after) - len(ans.before) <= 2
        print()
    n = counts["pairs"]
    print(f"questions: {n}; answerable on this graph: {counts['answered']}")
    for key, label in (("before", "before (shortest)"), ("after", "after (default)  ")):
        share = counts[key] / n if n else 0.0
        print(
            f"{label}: every intermediate a specific person or organisation in {counts[key]}/{n} ({share:.0%}); "
            f"the text's own chain in {counts['text_' + key]}/{n}"
        )
    print(f"default path at most two hops longer than the shortest: {counts['within']}/{counts['answered']}")


def markdown(answers: list[tuple[nx.Graph, set[str], Answer]]) -> None:
    """One row per question: the two paths' intermediates, marked as the text report marks them."""
    print("| # | question | before: shortest | after: default | specific before / after |")
    print("|---|---|---|---|---|")
    for i, (graph, hubs, ans) in enumerate(answers, 1):
        q = ans.question
        if ans.problem:
            print(f"| {i} | {q['a']} → {q['b']} | cannot answer: {ans.problem} | | no / no |")
            continue

        before, after = (middle(graph, p, hubs) for p in (ans.before, ans.after))
        flags = " / ".join("yes" if specific(graph, p, hubs) else "no" for p in (ans.before, ans.after))
        text = " (the text's)" if ans.after in ans.text_chains else ""
        print(f"| {i} | {q['a']} → {q['b']} | {before} | {after}{text} | {flags} |")


def middle(graph: nx.Graph, path: list[str], hubs: set[str]) -> str:
    return " > ".join(show(graph, [n], hubs) for n in path[1:-1]) or "(direct)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/graphkit-paths"), help="where the ingested DBs are kept")
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--include", default="", help="paragraph kinds to count as well, as graphkit --include")
    ap.add_argument("--markdown", action="store_true", help="also print a markdown table of the paths")
    args = ap.parse_args()
    questions = json.loads(args.gold.read_text(encoding="utf-8"))
    kinds = kinds_for([k for k in args.include.split(",") if k])
    answers = []
    for corpus in SOURCES:
        with open_store(ensure_db(args.cache, corpus, args.corpora)) as store:
            graph = build_graph(store, kinds=kinds)
        hubs = hub_set(graph)
        print(f"{corpus}: {graph.number_of_nodes():,} entities, {graph.number_of_edges():,} links; hubs: {len(hubs)}")
        answers += [(graph, hubs, answer(graph, q)) for q in questions if q["corpus"] == corpus]
    print()
    report(answers)
    if args.markdown:
        print()
        markdown(answers)


if __name__ == "__main__":
    main()
