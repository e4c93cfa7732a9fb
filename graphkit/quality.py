"""Score an entity graph against a gold annotation (issues 3 and 14).

A gold file (``tests/gold/*.json``, format B of the gold specification) lists the
corpus's real entities with every surface form, strings that must never become nodes,
pairs of entities that must stay apart, pairs that share a paragraph of content, and
sampled paragraphs with every entity each names. A node *matches* a gold entity when
its label or one of its aliases, compared case-insensitively and without a trailing
possessive, is one of the entity's forms.

Node-level metrics cannot see a merge hidden behind a shared form ("Francis" in the
node of Dennis Francis while it named Pope Francis); the paragraph-level score can: in
each gold paragraph, is the node of every entity it names there, and is any node there
that belongs to an entity it does not name? (:func:`score_paragraphs`).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = [
    "stored_paths",
    "load_gold",
    "score_graph",
    "score_paragraphs",
    "graph_paragraphs",
    "fold",
    "TARGETS",
    "misses",
]

# Targets of issue 14 on every gold set: metric -> (comparison, bound).
TARGETS: dict[str, tuple[str, float]] = {
    "split_rate": ("<=", 0.05),
    "junk_per_100": ("<=", 1.0),
    "over_merges": ("<=", 0),
    "pair_recall": (">=", 0.95),
    "type_accuracy": (">=", 0.95),
    "paragraph_recall": (">=", 0.90),
    "hidden_merges": ("<=", 0),
}


def misses(score: dict[str, Any]) -> list[str]:
    """The targets a score misses, as 'metric value (target)'."""
    out = []
    for metric, (op, bound) in TARGETS.items():
        value = score.get(metric)
        if value is None:
            continue
        if (op == "<=" and value > bound) or (op == ">=" and value < bound):
            out.append(f"{metric} {value} (target {op} {bound})")
    return out


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
    form_owner = _form_owners(gold)
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
        return _main_node(graph, nodes_of, name)

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
        "junk_per_100": round(100 * len(junk) / graph.number_of_nodes(), 2) if graph.number_of_nodes() else 0.0,
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


def _main_node(graph: nx.Graph, nodes_of: dict[str, list[str]], name: str) -> str | None:
    """An entity's own node: of the nodes matching its forms, the most mentioned."""
    candidates = nodes_of.get(name) or []
    return max(candidates, key=lambda n: graph.nodes[n].get("mentions", 0)) if candidates else None


def _form_owners(gold: dict[str, Any]) -> dict[str, set[str]]:
    """Folded form -> the gold entities it names. A form the gold declares ambiguous ("Mark" for
    three people: ``ambiguous_forms``) says nothing about which one a node is, so it matches none."""
    ambiguous = {fold(form) for form in gold.get("ambiguous_forms", {})}
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in gold["entities"] + gold.get("outside_body", []):
        for form in [entity["name"], *entity["forms"]]:
            if fold(form) not in ambiguous:
                owners[fold(form)].add(entity["name"])
    return owners


def _own_nodes(graph: nx.Graph, gold: dict[str, Any]) -> dict[str, str | None]:
    everyone = gold["entities"] + gold.get("outside_body", [])
    form_owner = _form_owners(gold)
    nodes_of: dict[str, list[str]] = defaultdict(list)
    for node in graph:
        for owner in set().union(*(form_owner.get(n, set()) for n in _node_names(graph, node))):
            nodes_of[owner].append(node)
    return {e["name"]: _main_node(graph, nodes_of, e["name"]) for e in everyone}


def _squash(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def score_paragraphs(
    graph: nx.Graph, gold: dict[str, Any], paragraphs: list[tuple[str, str, set[str]]]
) -> dict[str, Any]:
    """Paragraph-level score of the gold paragraphs.

    ``paragraphs``: ``(document path, text, nodes present)`` for every paragraph of the
    graph's kinds (see :func:`graph_paragraphs`). ``paragraph_recall``: of the (paragraph,
    entity) pairs the gold names, the share whose entity's own node is in that paragraph;
    ``hidden_merges``: paragraphs where a node belonging to an entity the paragraph does
    not name stands in for one it names whose own node is missing.
    """
    own = _own_nodes(graph, gold)
    forms = {
        e["name"]: {fold(f) for f in [e["name"], *e["forms"]]} for e in gold["entities"] + gold.get("outside_body", [])
    }
    owners_of: dict[str, set[str]] = defaultdict(set)
    for name, node in own.items():
        if node is not None:
            owners_of[node].add(name)
    by_file: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for path, text, nodes in paragraphs:
        by_file[path.split("#")[0]].append((_squash(text), nodes))
    named = found = 0
    missed, hidden, unlocated = [], [], []
    for item in gold.get("paragraphs", []):
        quote = _squash(item["quote"])
        hits = [nodes for text, nodes in by_file.get(item["file"], []) if quote in text]
        if not hits:
            unlocated.append(item["quote"][:60])
            continue
        present = set().union(*hits)
        names = set(item["entities"])
        absent = [n for n in names if own.get(n) not in present]
        named += len(names)
        found += len(names) - len(absent)
        missed.extend(f"{n} in '{item['quote'][:40]}'" for n in absent)
        for node in present:
            strangers = owners_of.get(node, set()) - names
            if strangers and absent and not owners_of[node] & names and _stands_in(graph, node, absent, forms, quote):
                hidden.append(
                    f"'{item['quote'][:40]}': {node} (of {', '.join(sorted(strangers))}) for {', '.join(absent)}"
                )
    return {
        "paragraphs": len(gold.get("paragraphs", [])),
        "paragraph_recall": round(found / named, 3) if named else 1.0,
        "hidden_merges": len(hidden),
        "paragraph_details": {"missed": missed, "hidden_merges": hidden, "unlocated": unlocated},
    }


def _stands_in(graph: nx.Graph, node: str, absent: list[str], forms: dict[str, set[str]], quote: str) -> bool:
    """The node holds a form of an entity the paragraph names, or a name written in the quote itself:
    it is there for that entity, not for its own (a paragraph the reader cut larger than the gold's
    holds other entities' nodes for good reason)."""
    names = _node_names(graph, node)
    if any(names & forms.get(name, set()) for name in absent):
        return True
    text = fold(quote)
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in names if len(n) > 2)


def graph_paragraphs(conn: Any, graph: nx.Graph) -> list[tuple[str, str, set[str]]]:
    """``(document path, text, nodes present)`` of every paragraph of the graph's kinds.

    Reads a graphkit database through a plain ``sqlite3`` connection and only the tables
    every schema version has, so a database made by an older graphkit scores the same way.
    """
    kinds = str(graph.graph.get("kinds", "body")).split(",")
    node_of = {data["entity"]: node for node, data in graph.nodes(data=True) if "entity" in data}
    marks = ",".join("?" * len(kinds))
    present: dict[int, set[str]] = defaultdict(set)
    for paragraph_id, entity_id in conn.execute("SELECT paragraph_id, entity_id FROM paragraph_entities"):
        if entity_id in node_of:
            present[paragraph_id].add(node_of[entity_id])
    rows = conn.execute(
        f"SELECT p.id, d.path, p.text FROM paragraphs p JOIN documents d ON d.id = p.doc_id WHERE p.kind IN ({marks})",
        kinds,
    )
    return [(path, text, present.get(pid, set())) for pid, path, text in rows]


def stored_paths(files: list[str]) -> dict[str, str]:
    """Paths as the store records them (absolute, resolved) -> the gold's own path.

    Every file is read where it is: a maildir message such as ``inbox/1.`` is recognised by
    its content (issue 12), so no copy with an ``.eml`` name is needed any more.
    """
    return {str(Path(f).resolve()): f for f in files}
