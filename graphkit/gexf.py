"""GEXF 1.3, Gephi's own format, dynamic: each entity and link lives when its paragraphs are dated (issue 17).

Every node and edge carries ``<spells>``, one per stretch of days its dated paragraphs
cover (a paragraph dated June 2016 covers the whole month), so Gephi's timeline plays
the graph. A node or link without any dated paragraph has no spell: GEXF gives it the
whole time of the graph. The attributes are the graph's own (type, mentions, documents,
aliases, first, last, ...).

NetworkX writes GEXF 1.2draft, and a 1.3 its own schema refuses (a ``name`` attribute on
``<graph>``, a misspelt XML Schema instance namespace), so the XML is written here and
checked against the official schema (``specs/1.3`` of github.com/gephi/gexf) in the tests.
Everything written is sanitised for XML by the caller.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

import networkx as nx

from .graph import link_weight

__all__ = ["GEXF_NS", "write_gexf", "merge_intervals"]

GEXF_NS = "http://gexf.net/1.3"
Interval = tuple[str, str]  # first and last day, ISO

_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def write_gexf(
    graph: nx.Graph,
    fh: IO[bytes],
    *,
    node_spells: Mapping[Any, Sequence[Interval]],
    edge_spells: Mapping[tuple[Any, Any], Sequence[Interval]],
    description: str = "",
) -> None:
    """Write ``graph`` as dynamic GEXF 1.3; spells by node and by ``(a, b)`` edge (either order)."""
    ET.register_namespace("", GEXF_NS)
    root = ET.Element(_q("gexf"), version="1.3")
    meta = ET.SubElement(root, _q("meta"), lastmodifieddate=dt.date.today().isoformat())
    ET.SubElement(meta, _q("creator")).text = "graphkit"
    if description:
        ET.SubElement(meta, _q("description")).text = description
    dynamic = any(node_spells.values())
    attrs = {"defaultedgetype": "undirected", "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        attrs.update(timeformat="date", timerepresentation="interval")
    body = ET.SubElement(root, _q("graph"), attrs)
    node_keys = _declare(body, "node", (d for _, d in graph.nodes(data=True)), skip=())
    edge_keys = _declare(body, "edge", (d for *_, d in graph.edges(data=True)), skip=("weight",))
    _nodes(ET.SubElement(body, _q("nodes")), graph, node_keys, node_spells)
    _edges(ET.SubElement(body, _q("edges")), graph, edge_keys, edge_spells)
    ET.ElementTree(root).write(fh, encoding="UTF-8", xml_declaration=True)


def _q(tag: str) -> str:
    return f"{{{GEXF_NS}}}{tag}"


def _declare(graph: ET.Element, cls: str, attrs: Iterable[Mapping[str, Any]], skip: Sequence[str]) -> dict[str, str]:
    """``<attributes class=...>``: one attribute per key found, typed by its first value; returns key -> id."""
    types: dict[str, str] = {}
    for d in attrs:
        for key, value in d.items():
            if key not in skip and key not in types and type(value) in _TYPES:
                types[key] = _TYPES[type(value)]
    block = ET.SubElement(graph, _q("attributes"), {"class": cls, "mode": "static"})
    for key, kind in types.items():
        ET.SubElement(block, _q("attribute"), id=key, title=key, type=kind)
    return {key: key for key in types}


def _values(element: ET.Element, data: Mapping[str, Any], keys: Mapping[str, str]) -> None:
    present = [(keys[k], v) for k, v in data.items() if k in keys]
    if present:
        block = ET.SubElement(element, _q("attvalues"))
        for key, value in present:
            text = str(value).lower() if isinstance(value, bool) else str(value)
            ET.SubElement(block, _q("attvalue"), {"for": key, "value": text})


def _spells(element: ET.Element, intervals: Sequence[Interval]) -> None:
    if intervals:
        block = ET.SubElement(element, _q("spells"))
        for start, end in merge_intervals(intervals):
            ET.SubElement(block, _q("spell"), start=start, end=end)


def _nodes(
    nodes: ET.Element, graph: nx.Graph, keys: Mapping[str, str], spells: Mapping[Any, Sequence[Interval]]
) -> None:
    for n, d in graph.nodes(data=True):
        node = ET.SubElement(nodes, _q("node"), id=str(n), label=str(d.get("label", n)))
        _values(node, d, keys)
        _spells(node, spells.get(n, ()))


def _edges(
    edges: ET.Element, graph: nx.Graph, keys: Mapping[str, str], spells: Mapping[tuple[Any, Any], Sequence[Interval]]
) -> None:
    key = link_weight(graph)  # paragraphs, messages or both, as the graph's links are (issue 12)
    for i, (a, b, d) in enumerate(graph.edges(data=True)):
        attrs = {"id": str(i), "source": str(a), "target": str(b)}
        if key in d:
            attrs["weight"] = str(d[key])
        edge = ET.SubElement(edges, _q("edge"), attrs)
        _values(edge, d, keys)
        _spells(edge, spells.get((a, b)) or spells.get((b, a)) or ())


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Overlapping or touching stretches of days as one; in time order.

    >>> merge_intervals([("2016-06-09", "2016-06-09"), ("2016-06-01", "2016-06-30"), ("2016-07-01", "2016-07-02")])
    [('2016-06-01', '2016-07-02')]
    """
    out: list[list[str]] = []
    for start, end in sorted(intervals):
        if out and dt.date.fromisoformat(start) <= dt.date.fromisoformat(out[-1][1]) + dt.timedelta(days=1):
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]
