"""Score an entity graph against a gold annotation (issue 3).

A gold file (``tests/gold/*.json``) lists the corpus's real entities with every surface
form, strings that must never become nodes, pairs of entities that must stay apart,
and pairs that share a paragraph of article body. A node *matches* a gold entity when
its label or one of its aliases, compared case-insensitively and without a trailing
possessive, is one of the entity's forms.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["load_gold", "score_graph", "fold"]


def fold(name: str) -> str:
    """Case-insensitive, apostrophe-agnostic, without a trailing possessive."""
    text = " ".join(name.replace("’", "'").casefold().split())
    return re.sub(r"(?:'s|(?<=s)')$", "", text)


def load_gold(path: str | Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _node_names(graph: nx.Graph, node: str) -> set[str]:
    data = graph.nodes[node]
    return {fold(n) for n in [node, data.get("label", node), *str(data.get("aliases", "")).split("|")] if n}


def score_graph(graph: nx.Graph, gold: dict[str, Any]) -> dict[str, Any]:
    """Recall, split rate, over-merges, junk, precision, pair recall and type accuracy."""
    body = gold["entities"]
    everyone = body + gold.get("outside_body", [])
    form_owner: dict[str, set[str]] = defaultdict(set)
    for entity in everyone:
        for form in [entity["name"], *entity["forms"]]:
            form_owner[fold(form)].add(entity["name"])
    gold_type = {e["name"]: e["type"] for e in everyone}

    matches: dict[str, set[str]] = {}  # node -> gold entity names it matches
    nodes_of: dict[str, list[str]] = defaultdict(list)
    for node in graph:
        owners = set().union(*(form_owner.get(n, set()) for n in _node_names(graph, node)))
        matches[node] = owners
        for owner in owners:
            nodes_of[owner].append(node)

    found = [e["name"] for e in body if nodes_of.get(e["name"])]
    split = [name for name in found if len(nodes_of[name]) > 1]
    over = {node: sorted(owners) for node, owners in matches.items() if len(owners) > 1}
    junk_names = {fold(n) for n in gold.get("not_nodes", [])}
    junk = sorted(node for node in graph if fold(graph.nodes[node].get("label", node)) in junk_names)
    matched = [node for node, owners in matches.items() if owners]
    unmatched = sorted(node for node, owners in matches.items() if not owners)
    typed = [(node, next(iter(matches[node]))) for node in matched if len(matches[node]) == 1]
    wrong_type = sorted(
        f"{n} ({graph.nodes[n]['type']}, gold {gold_type[g]})"
        for n, g in typed
        if graph.nodes[n]["type"] != gold_type[g]
    )

    def main_node(name: str) -> str | None:
        candidates = nodes_of.get(name) or []
        return max(candidates, key=lambda n: graph.nodes[n].get("mentions", 0)) if candidates else None

    missed_pairs = []
    for a, b in gold["pairs"]:
        na, nb = main_node(a), main_node(b)
        if na is None or nb is None or not graph.has_edge(na, nb):
            missed_pairs.append(f"{a} — {b}")
    apart_broken = []
    for a, b in gold.get("apart", []):
        fa, fb = form_owner.get(fold(a), {a}), form_owner.get(fold(b), {b})
        for node, owners in matches.items():
            names = _node_names(graph, node)
            if (owners & fa or fold(a) in names) and (owners & fb or fold(b) in names) and fa != fb:
                apart_broken.append(f"{a} / {b} in {node}")

    def ratio(x: int, y: int) -> float:
        return round(x / y, 3) if y else 1.0

    return {
        "corpus": gold.get("corpus", ""),
        "nodes": graph.number_of_nodes(),
        "gold_entities": len(body),
        "recall": ratio(len(found), len(body)),
        "split_rate": ratio(len(split), len(found)),
        "over_merges": len(over) + len(apart_broken),
        "junk": len(junk),
        "precision": ratio(len(matched), graph.number_of_nodes()),
        "pair_recall": ratio(len(gold["pairs"]) - len(missed_pairs), len(gold["pairs"])),
        "type_accuracy": ratio(len(typed) - len(wrong_type), len(typed)),
        "details": {
            "missed": sorted(e["name"] for e in body if not nodes_of.get(e["name"])),
            "split": {name: sorted(nodes_of[name]) for name in split},
            "over_merged": over,
            "apart_broken": apart_broken,
            "junk": junk,
            "unmatched_nodes": unmatched,
            "missed_pairs": missed_pairs,
            "wrong_type": wrong_type,
        },
    }
