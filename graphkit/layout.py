"""Positions for the explorer page: communities laid out apart, each in its own disc (issue 16).

A force layout of a thousand co-occurring entities is one uniform ball: no community can
be seen and no label read. Here each community of three or more is laid out on its own,
in a disc whose area grows with its size (so every community is equally dense); the discs
are placed by a force layout of the communities themselves (heavily linked communities
near each other) and pushed apart until none overlaps another. Pairs and lone entities
sit on a shelf below. Deterministic: the same graph gives the same picture.

When the page opens on a backbone (a ``core`` of entities), the core of each community is
laid out first, over its whole disc, and the other members around it: the first view is
spread out enough to read, and the whole graph, one click away, is the same picture filled in.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from typing import Any

import networkx as nx

__all__ = ["community_layout", "induced"]

Point = tuple[float, float]

GAP = 2.0  # between two discs, in units of the radius of a one-entity disc ...
SPACING = 0.3  # ... plus this share of their radii: the bigger the communities, the wider the lane
SMALL = 3  # communities smaller than this go on the shelf


def community_layout(
    graph: nx.Graph, community: Mapping[str, int], *, core: Collection[str] = (), seed: int = 7
) -> dict[str, Point]:
    """Positions of every node, communities apart, each community's ``core`` spread over its disc;
    unit: one entity's disc has radius 1.

    >>> g = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)]); g.add_node(7)
    >>> pos = community_layout(g, {1: 0, 2: 0, 3: 0, 4: 1, 5: 1, 6: 1, 7: 2})
    >>> sorted(pos) == [1, 2, 3, 4, 5, 6, 7]
    True
    """
    groups: dict[int, list[str]] = {}
    for node in graph:
        groups.setdefault(community.get(node, -1), []).append(node)
    big = {c: sorted(ns, key=str) for c, ns in groups.items() if len(ns) >= SMALL}
    small = sorted(
        (n for c, ns in groups.items() if len(ns) < SMALL for n in ns), key=lambda n: (community.get(n, -1), str(n))
    )
    radius = {c: math.sqrt(len(ns)) * 1.6 for c, ns in big.items()}
    centres = _separate(_compact(_centres(graph, big, community, radius, seed), radius), radius)
    positions: dict[str, Point] = {}
    for c, nodes in big.items():
        cx, cy = centres[c]
        for node, (x, y) in _disc(induced(graph, nodes), core, seed).items():
            positions[node] = (cx + x * radius[c], cy + y * radius[c])
    positions.update(_shelf(small, positions, radius))
    return positions


def induced(graph: nx.Graph, nodes: Collection[str]) -> nx.Graph:
    """The subgraph on ``nodes``, its nodes and links in ``graph``'s order.

    ``graph.subgraph`` may iterate a small subset in the order of a Python set, which changes
    from run to run with string hashing; a force layout started from another order draws
    another picture.
    """
    keep = set(nodes)
    sub = nx.Graph(**graph.graph)
    sub.add_nodes_from((n, graph.nodes[n]) for n in graph if n in keep)
    sub.add_edges_from((a, b, d) for a, b, d in graph.edges(data=True) if a in keep and b in keep)
    return sub


def _disc(sub: nx.Graph, core: Collection[str], seed: int) -> dict[str, Point]:
    """A force layout of one community, fitted into the unit disc; its core laid out first, then held."""
    n = sub.number_of_nodes()
    if n == 1:
        return {next(iter(sub)): (0.0, 0.0)}
    inner = [v for v in sub if v in core]
    fixed: dict[str, Point] = {}
    if len(inner) == 1:
        fixed = {inner[0]: (0.0, 0.0)}
    elif len(inner) < n and inner:
        fixed = _fit(_spring(induced(sub, inner), seed), 0.9)
    if not fixed:
        return _fit(_spring(sub, seed), 1.0)
    return _fit(_spring(sub, seed, fixed), 1.0)


def _spring(sub: nx.Graph, seed: int, fixed: Mapping[str, Point] | None = None) -> dict[str, Point]:
    n = sub.number_of_nodes()
    k = 1.6 / math.sqrt(n)
    if not fixed:
        return nx.spring_layout(sub, weight=None, seed=seed, iterations=60 if n < 500 else 30, k=k)
    start = {v: fixed.get(v, (0.0, 0.0)) for v in sub}
    for v in sub:  # the others start beside a held neighbour (or anywhere near the middle)
        if v not in fixed:
            anchor = next((fixed[u] for u in sub[v] if u in fixed), (0.0, 0.0))
            start[v] = (anchor[0] + _jitter(v, seed, 0.05), anchor[1] + _jitter(v, seed + 1, 0.05))
    return nx.spring_layout(sub, pos=start, fixed=list(fixed), weight=None, seed=seed, iterations=50, k=k)


def _jitter(node: str, seed: int, size: float) -> float:
    """A small offset that depends only on the node's name (deterministic, unlike random)."""
    h = 0
    for ch in f"{seed}:{node}":
        h = (h * 131 + ord(ch)) % 1_000_003
    return (h / 1_000_003 - 0.5) * 2 * size


def _fit(pos: Mapping[str, Any], reach_to: float) -> dict[str, Point]:
    """Positions centred and scaled to fill a disc of radius ``reach_to`` evenly.

    Scaled by the root-mean-square distance (a uniform disc's is ``1/sqrt(2)`` of its radius),
    not by the farthest point: a few outliers of a star-shaped community would otherwise squeeze
    the rest into a blob. The outliers are drawn in to the rim.
    """
    n = len(pos)
    cx = sum(p[0] for p in pos.values()) / n
    cy = sum(p[1] for p in pos.values()) / n
    rms = math.sqrt(sum((p[0] - cx) ** 2 + (p[1] - cy) ** 2 for p in pos.values()) / n) or 1.0
    out = {}
    for v, p in pos.items():
        x, y = (p[0] - cx) / (rms * math.sqrt(2)), (p[1] - cy) / (rms * math.sqrt(2))
        r = math.hypot(x, y)
        if r > 1.0:
            x, y = x / r, y / r
        out[v] = (x * reach_to, y * reach_to)
    return out


def _centres(
    graph: nx.Graph, big: Mapping[int, list[str]], community: Mapping[str, int], radius: Mapping[int, float], seed: int
) -> dict[int, Point]:
    """Where each community goes: a force layout of the communities, linked by the weight between them."""
    quotient = nx.Graph()
    quotient.add_nodes_from(big)
    for a, b, d in graph.edges(data=True):
        ca, cb = community.get(a, -1), community.get(b, -1)
        if ca != cb and ca in big and cb in big:
            w = quotient.get_edge_data(ca, cb, {"weight": 0})["weight"]
            quotient.add_edge(ca, cb, weight=w + d.get("weight", 1))
    if quotient.number_of_nodes() == 1:
        return {c: (0.0, 0.0) for c in quotient}
    pos = nx.spring_layout(quotient, weight="weight", seed=seed, iterations=100)
    spread = 1.2 * math.sqrt(sum(r * r for r in radius.values()))  # about the radius of all discs packed
    return {c: (p[0] * spread, p[1] * spread) for c, p in pos.items()}


def _compact(centres: dict[int, Point], radius: Mapping[int, float]) -> dict[int, Point]:
    """Scale the centres so that a typical disc just touches its nearest neighbour.

    A force layout spaces the communities for points, not discs: the gaps it leaves would
    dwarf the communities on screen. (:func:`_separate` then parts the discs still overlapping.)
    """
    if len(centres) < 2:
        return centres
    ratios = []
    for a, (ax, ay) in centres.items():
        ratios.append(
            min(
                _apart(radius[a], radius[b]) / max(math.hypot(bx - ax, by - ay), 1e-9)
                for b, (bx, by) in centres.items()
                if b != a
            )
        )
    ratios.sort()
    factor = ratios[len(ratios) // 2]
    return {c: (x * factor, y * factor) for c, (x, y) in centres.items()}


def _apart(ra: float, rb: float) -> float:
    """How far apart the centres of two discs must be for a clear lane between them."""
    return (ra + rb) * (1 + SPACING) + GAP


def _separate(centres: dict[int, Point], radius: Mapping[int, float], rounds: int = 300) -> dict[int, Point]:
    """Push overlapping discs apart (each moves half the overlap), drawing all gently to the middle."""
    pos = {c: list(p) for c, p in centres.items()}
    order = sorted(pos, key=lambda c: -radius[c])
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(order):
            for b in order[i + 1 :]:
                dx, dy = pos[b][0] - pos[a][0], pos[b][1] - pos[a][1]
                dist = math.hypot(dx, dy)
                need = _apart(radius[a], radius[b])
                if dist >= need:
                    continue
                if dist < 1e-9:
                    dx, dy, dist = 1.0, 0.0, 1.0
                push = (need - dist) / 2
                pos[a][0] -= dx / dist * push
                pos[a][1] -= dy / dist * push
                pos[b][0] += dx / dist * push
                pos[b][1] += dy / dist * push
                moved = True
        if not moved:
            break
        for c in pos:  # gravity: keep the picture compact
            pos[c][0] *= 0.995
            pos[c][1] *= 0.995
    return {c: (p[0], p[1]) for c, p in pos.items()}


def _shelf(nodes: list[str], placed: Mapping[str, Point], radius: Mapping[int, float]) -> dict[str, Point]:
    """Pairs and lone entities in rows under the communities, two units apart."""
    if not nodes:
        return {}
    xs = [p[0] for p in placed.values()] or [0.0]
    ys = [p[1] for p in placed.values()] or [0.0]
    width = max(max(xs) - min(xs), 2.0 * math.sqrt(len(nodes)) * 2.0)
    per_row = max(1, int(width / 2.0))
    left, top = (min(xs) + max(xs)) / 2 - (per_row - 1), max(ys) + 4.0
    return {n: (left + (i % per_row) * 2.0, top + (i // per_row) * 2.0) for i, n in enumerate(nodes)}
