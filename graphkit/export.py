"""Graph to files: HTML explorer (PyVis data, vis-network inlined), GraphML, GEXF, JSON.

Each format is one entry of :data:`WRITERS` (issue 15). The only module that imports
PyVis and Jinja2. Every file is written to a temporary name beside the target and
renamed into place, so an interrupted export never leaves a truncated file. Document
text is hostile: the page template escapes what it inserts, the page's JSON cannot end
its script element, the page's DOM code inserts text only as text, and XML exports are
stripped of characters XML forbids.
"""

from __future__ import annotations

import functools
import json
import os
import re
import secrets
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .errors import BadChoice, BadInput, Setting
from .graph import DEFAULT_TYPES, graph_kinds, graph_links, graph_window, link_weight, max_recipients
from .layout import community_layout, induced
from .query import PATH_SLACK, backbone, community_of, hubs, passing_cost
from .store import EvidenceReader
from .vocabulary import PLACE_TYPES, SPECIFIC_TYPES

if TYPE_CHECKING:
    from jinja2 import Template

__all__ = [
    "WRITERS",
    "FORMATS",
    "TYPE_COLOURS",
    "HTML_NODE_LIMIT",
    "HTML_EDGE_LIMIT",
    "strongest_edges",
    "select_top",
    "export_graph",
    "html_page",
    "graph_payload",
    "sanitize_xml",
]

# One colour per default entity type, in DEFAULT_TYPES order (Tableau 10).
TYPE_COLOURS = dict(
    zip(
        DEFAULT_TYPES,
        ["#4e79a7", "#f28e2b", "#59a14f", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#e15759"],
    )
)
_OTHER_COLOUR = "#8c8c8c"
# A browser draws about this many nodes comfortably; beyond it the page asks for --top (issue 6).
HTML_NODE_LIMIT = 5000
# ... and about this many links: a name list puts hundreds of names in one paragraph (320 of
# them make 51,040 links), and the top 2,000 UN entities share 59,310. Beyond this the page
# keeps the strongest links, and says so, rather than a 30 MB hairball.
HTML_EDGE_LIMIT = 20_000
# Above this many entities the page opens on the backbone (issue 16): a force layout of a
# thousand entities is one ball; the significant links and the entities they hold are not.
FIRST_VIEW_NODES = 250
EVIDENCE_PER_EDGE = 20
JSON_EVIDENCE_PER_EDGE = 5


def select_top(graph: nx.Graph, top: int | None) -> nx.Graph:
    """The ``top`` nodes by weighted degree (ties by mentions), with the edges among them."""
    if not top or graph.number_of_nodes() <= top:
        return graph
    strength = dict(graph.degree(weight=link_weight(graph)))
    keep = sorted(graph, key=lambda n: (-strength[n], -graph.nodes[n]["mentions"], n))[:top]
    return induced(graph, keep)  # in the graph's order, so that the page is the same every time


def strongest_edges(graph: nx.Graph, limit: int) -> nx.Graph:
    """The graph with only its ``limit`` strongest links (ties: more documents first); every node stays."""
    key = link_weight(graph)
    ranked = sorted(graph.edges(data=True), key=lambda e: (-e[2][key], -e[2]["documents"], e[0], e[1]))
    kept = nx.Graph(**graph.graph, edges_before_cut=graph.number_of_edges())
    kept.add_nodes_from(graph.nodes(data=True))
    kept.add_edges_from(ranked[:limit])
    return kept


# -- writing ---------------------------------------------------------------------------
def _atomic_write(path: Path, write: Callable[[Any], None], *, binary: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": "\n"})) as fh:
            write(fh)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; an export is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export_graph(
    store: EvidenceReader,
    graph: nx.Graph,
    fmt: str,
    out: Path,
    *,
    top: int | None = None,
    title: str = "graphkit",
) -> dict[str, Any]:
    """Write ``graph`` (cut to ``top`` nodes) as ``fmt``, one of :data:`FORMATS`, to ``out``; returns a summary."""
    if fmt not in WRITERS:
        raise BadChoice("fmt", fmt, FORMATS)
    written = WRITERS[fmt].write(store, select_top(graph, top), graph, out, title)
    return {
        "format": fmt,
        "path": str(out),
        "nodes": written.number_of_nodes(),
        "edges": written.number_of_edges(),
        "nodes_total": graph.number_of_nodes(),
        "edges_total": graph.number_of_edges(),
    }


@dataclass(frozen=True)
class Writer:
    """One export format. ``write(store, shown, full, out, title)`` writes ``shown`` (a part of the
    graph ``full``) to ``out`` and returns the graph it wrote, which may be cut further."""

    write: Callable[[EvidenceReader, nx.Graph, nx.Graph, Path, str], nx.Graph]
    description: str


def _write_graphml(store: EvidenceReader, shown: nx.Graph, full: nx.Graph, out: Path, title: str) -> nx.Graph:
    _atomic_write(out, lambda fh: nx.write_graphml(_xml_ready(shown), fh), binary=True)
    return shown


def _write_gexf(store: EvidenceReader, shown: nx.Graph, full: nx.Graph, out: Path, title: str) -> nx.Graph:
    from .gexf import write_gexf

    clean = _xml_ready(shown)
    nodes, pairs = _intervals(store, shown, full)
    ids = {n: sanitize_xml(str(n)) for n in shown}
    node_spells = {ids[n]: [(a, b) for a, b, _ in spans] for n, spans in nodes.items()}
    edge_spells = {(ids[a], ids[b]): [(x, y) for x, y, _ in spans] for (a, b), spans in pairs.items()}
    description = sanitize_xml(title)
    _atomic_write(
        out,
        lambda fh: write_gexf(clean, fh, node_spells=node_spells, edge_spells=edge_spells, description=description),
        binary=True,
    )
    return shown


def _intervals(
    store: EvidenceReader, shown: nx.Graph, full: nx.Graph
) -> tuple[dict[str, list[tuple[str, str, int]]], dict[tuple[str, str], list[tuple[str, str, int]]]]:
    """When each node and each link of ``shown`` occurs: ``(first day, last day, paragraphs)`` by node name and pair."""
    names = {d["entity"]: n for n, d in shown.nodes(data=True)}
    by_entity, by_pair = store.date_intervals(names, graph_kinds(full), graph_window(full))
    nodes = {names[e]: spans for e, spans in by_entity.items()}
    pairs = {(names[a], names[b]): spans for (a, b), spans in by_pair.items() if shown.has_edge(names[a], names[b])}
    return nodes, pairs


def _write_json(store: EvidenceReader, shown: nx.Graph, full: nx.Graph, out: Path, title: str) -> nx.Graph:
    payload = _json_payload(store, shown, full)
    _atomic_write(out, lambda fh: json.dump(payload, fh, ensure_ascii=False, indent=1))
    return shown


def _write_html(store: EvidenceReader, shown: nx.Graph, full: nx.Graph, out: Path, title: str) -> nx.Graph:
    page, shown = html_page(store, shown, full, title=title)
    _atomic_write(out, lambda fh: fh.write(page))
    return shown


def html_page(
    store: EvidenceReader, shown: nx.Graph, full: nx.Graph, *, title: str = "graphkit"
) -> tuple[str, nx.Graph]:
    """The explorer page of ``shown`` (a part of ``full``), and the graph it draws (its strongest links
    when it has more than a browser draws): what ``export --format html`` writes and a notebook shows."""
    if shown.number_of_nodes() > HTML_NODE_LIMIT:
        raise BadInput(
            f"{shown.number_of_nodes()} nodes is more than a browser can draw usefully "
            f"(limit {HTML_NODE_LIMIT}); pass ",
            Setting("top", 2000),
            " or ",
            Setting("min_weight", 2),
        )
    if shown.number_of_edges() > HTML_EDGE_LIMIT:
        shown = strongest_edges(shown, HTML_EDGE_LIMIT)
    return render_html(graph_payload(store, shown, full, title=title), title=title), shown


# Every export format, by name: ``fmt`` takes one of these, and so does ``export --format`` (issue 15).
# To add a format, write one ``_write_x`` function above and add it here.
WRITERS: dict[str, Writer] = {
    "html": Writer(_write_html, "an interactive page that works offline"),
    "graphml": Writer(_write_graphml, "GraphML, for Gephi, Cytoscape, yEd and NetworkX"),
    "gexf": Writer(_write_gexf, "GEXF 1.3, Gephi's own format, dynamic: its timeline plays the graph"),
    "json": Writer(_write_json, "nodes, links and their first evidence paragraphs"),
}
FORMATS: tuple[str, ...] = tuple(WRITERS)


# -- XML -----------------------------------------------------------------------------
_XML_FORBIDDEN = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def sanitize_xml(text: str) -> str:
    """Replace characters that XML 1.0 cannot hold (control characters, lone surrogates)."""
    return _XML_FORBIDDEN.sub("\ufffd", text)


def _xml_ready(graph: nx.Graph) -> nx.Graph:
    """A copy whose ids and string attributes are XML-safe and whose attributes are scalars."""
    clean = nx.Graph()
    clean.graph.update({k: sanitize_xml(str(v)) for k, v in graph.graph.items() if isinstance(v, (str, int, float))})
    ids = {n: sanitize_xml(str(n)) for n in graph}
    for n, d in graph.nodes(data=True):
        clean.add_node(ids[n], **{k: sanitize_xml(v) if isinstance(v, str) else v for k, v in d.items()})
    for a, b, d in graph.edges(data=True):
        clean.add_edge(ids[a], ids[b], **d)
    return clean


# -- JSON ----------------------------------------------------------------------------
def _json_payload(store: EvidenceReader, shown: nx.Graph, full: nx.Graph) -> dict[str, Any]:
    kinds = graph_kinds(full)
    window = graph_window(full)
    nodes = [{"id": n, **_dated(d), "aliases": d["aliases"].split("|")} for n, d in shown.nodes(data=True)]
    edges = []
    for a, b, d in shown.edges(data=True):
        ends = shown.nodes[a]["entity"], shown.nodes[b]["entity"]
        rows = store.evidence(*ends, kinds, limit=JSON_EVIDENCE_PER_EDGE, window=window)
        edge = {"source": a, "target": b, **_dated(d), "evidence": [r.as_dict() for r in rows]}
        if d.get("messages"):  # issue 12: the messages between the two, each once
            found = store.message_evidence(
                *ends, JSON_EVIDENCE_PER_EDGE, max_recipients=max_recipients(shown), window=window
            )
            edge["messages_evidence"] = [r.as_dict() for r in found]
        edges.append(edge)
    return {"meta": _meta(shown, full, store), "nodes": nodes, "edges": edges}


def _dated(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes for JSON: an undated entity or link has null ``first`` and ``last``, not ""."""
    return {k: (v or None) if k in ("first", "last") else v for k, v in attrs.items()}


def _meta(shown: nx.Graph, full: nx.Graph, store: EvidenceReader) -> dict[str, Any]:
    n, m = shown.number_of_nodes(), shown.number_of_edges()
    N, M = full.number_of_nodes(), full.number_of_edges()
    notes = []
    if "edges_before_cut" in shown.graph:
        notes.append(
            f"Showing the {n:,} most connected of {N:,} entities and only the {m:,} strongest of their "
            f"{shown.graph['edges_before_cut']:,} links (a browser draws no more); "
            "use --min-weight or a smaller --top to choose what to see."
        )
    elif (n, m) != (N, M):
        notes.append(
            f"Showing the {n:,} most connected of {N:,} entities and {m:,} of {M:,} links; "
            "re-export with a larger --top to see more."
        )
    if full.graph.get("min_weight", 1) > 1:
        notes.append(
            f"Links backed by fewer than {full.graph['min_weight']} paragraphs are left out "
            f"({full.graph['unfiltered_nodes']:,} entities and {full.graph['unfiltered_edges']:,} links before)."
        )
    if full.graph.get("mailings"):
        notes.append(
            f"{full.graph['mailings']:,} messages to more than {max_recipients(full)} recipients are mailings "
            "and make no message links; re-export with a larger --max-recipients to count them."
        )
    if full.graph.get("explorer_note"):  # graphkit.to_html of a graph without a store (issue 19)
        notes.append(str(full.graph["explorer_note"]))
    omitted = " ".join(notes) or None
    return {
        "generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "nodes_total": N,
        "edges_total": M,
        "nodes_shown": n,
        "edges_shown": m,
        "kinds": ",".join(graph_kinds(full)),
        "window": full.graph.get("window") or None,  # --since/--until (issue 17)
        "links": graph_links(full),  # what links two entities: paragraphs, messages or both (issue 12)
        "omitted": omitted,
        "left_out": _left_out(store, full),
    }


def _left_out(store: EvidenceReader, full: nx.Graph) -> str | None:
    """What share of the text the graph leaves out, and how to bring it back (issue 10)."""
    from .classify import left_out

    out = left_out(store.word_counts(), graph_kinds(full))
    if not out.aside:
        return None
    return f"{out.describe()}: not counted in this graph. Re-export with --include all to count them."


# -- HTML ----------------------------------------------------------------------------
def graph_payload(store: EvidenceReader, shown: nx.Graph, full: nx.Graph, *, title: str = "graphkit") -> dict[str, Any]:
    """The data the explorer page embeds: nodes with layout, edges with evidence ids, paragraphs."""
    from pyvis.network import Network

    kinds = graph_kinds(full)
    window = graph_window(full)
    when_nodes, when_pairs = _intervals(store, shown, full)
    communities = community_of(shown)
    significant = _significant(shown)
    first_view = {n for link in significant["links"] for n in link}
    if first_view:  # watched entities are on the first view too (issue 18): spread them with the backbone
        first_view |= {n for n, d in shown.nodes(data=True) if d.get("watched")}
    positions = _layout(shown, communities, first_view)
    cost, top = passing_cost(full), hubs(full)
    key = link_weight(shown)  # paragraphs, messages or both (issue 12)
    strength = dict(shown.degree(weight=key))
    top_strength = max(strength.values(), default=1) or 1
    # PyVis makes the vis-network node records. Not with from_nx: it adds each edge after
    # a scan of all the edges before it, minutes for the 60,000 links of 2,000 UN entities
    # (issue 5); the edge records are written below.
    net = Network()
    for n, d in shown.nodes(data=True):
        net.add_node(n, label=d["label"])
    by_id = {n["id"]: n for n in net.nodes}
    nodes = []
    for n, d in shown.nodes(data=True):
        base = by_id.get(n, {})
        x, y = positions[n]
        nodes.append(
            {
                "id": n,
                "label": d["label"],
                "type": d["type"],
                "mentions": d["mentions"],
                "documents": d["documents"],
                "aliases": d["aliases"].split("|"),
                "community": communities[n],
                "x": x,
                "y": y,
                "size": round(6 + 24 * (strength[n] / top_strength) ** 0.5, 2),
                "centrality": round(strength[n] / top_strength, 4),
                "cost": cost[n],
                "hub": n in top,
                "files": store.documents_of(d["entity"], kinds, window),
                "watched": d.get("watched", ""),
                "messages": d.get("messages", 0),
                "first": d.get("first") or None,
                "last": d.get("last") or None,
                "when": [list(span) for span in when_nodes.get(n, [])],
                "shape": base.get("shape", "dot"),
            }
        )
    edges, paragraph_ids, message_ids = [], set(), set()
    entity = {n: d["entity"] for n, d in shown.nodes(data=True)}
    evidence = store.pair_evidence(entity.values(), kinds, EVIDENCE_PER_EDGE, window)
    mail = (
        store.pair_messages(entity.values(), EVIDENCE_PER_EDGE, max_recipients=max_recipients(shown), window=window)
        if graph_links(shown) != "cooccurrence"
        else {}
    )
    for i, (a, b, d) in enumerate(sorted(shown.edges(data=True), key=lambda e: -e[2][key])):
        pair = (min(entity[a], entity[b]), max(entity[a], entity[b]))
        rows, messages = evidence.get(pair, []), mail.get(pair, []) if d.get("messages") else []
        paragraph_ids.update(rows)
        message_ids.update(messages)
        edges.append(
            {
                "id": f"e{i}",
                "from": a,
                "to": b,
                "weight": d["weight"],
                "documents": d["documents"],
                "strength": d.get("strength", 0.0),
                "backbone": frozenset((a, b)) in significant["links"],
                "evidence": rows,
                "evidence_total": d["weight"],
                "first": d.get("first") or None,
                "last": d.get("last") or None,
                # when its paragraphs are dated: [first day, last day, paragraphs], for the time slider
                "when": [list(span) for span in when_pairs.get((a, b)) or when_pairs.get((b, a)) or []],
                # issue 12: what kind of link, how heavy in this graph (paragraphs, messages or both), its messages
                "kind": d.get("kind", "cooccurrence"),
                "count": d[key],
                "messages": d.get("messages", 0),
                "mail": messages,
            }
        )
    return {
        "meta": {
            "title": title,
            **_meta(shown, full, store),
            "view": "backbone" if significant["links"] else "all",
            "backbone": {k: v for k, v in significant.items() if k != "links"} or None,
            "path_slack": PATH_SLACK,
            "specific_types": list(SPECIFIC_TYPES),
            "place_types": list(PLACE_TYPES),
        },
        "types": {
            t: TYPE_COLOURS.get(t, _OTHER_COLOUR) for t in sorted({d["type"] for _, d in shown.nodes(data=True)})
        },
        "nodes": nodes,
        "edges": edges,
        "paragraphs": _paragraphs(store, shown, sorted(paragraph_ids)),
        "messages": _messages(store, sorted(message_ids)),
    }


def _messages(store: EvidenceReader, ids: Sequence[int]) -> dict[str, Any]:
    """The messages behind message links: where each is, who wrote it to whom, when, and its first paragraph."""
    return {
        str(message): {"file": row.file, "paragraph": row.paragraph, **_mail_line(row.message), "text": row.text}
        for message, row in store.messages_as_evidence(ids).items()
    }


_MAIL_FIELDS = ("date", "sender", "recipients", "subject")


def _mail_line(fields: dict[str, Any]) -> dict[str, Any]:
    """What the page shows of a message: date, sender, recipients, subject; and the message a paragraph is quoted from."""
    out = {key: fields[key] for key in _MAIL_FIELDS if fields.get(key)}
    inner = fields.get("embedded")
    if inner:
        out["embedded"] = {key: inner[key] for key in ("role", *_MAIL_FIELDS) if inner.get(key)}
    return out


def _paragraphs(store: EvidenceReader, shown: nx.Graph, ids: Sequence[int]) -> dict[str, Any]:
    names = {d["entity"]: n for n, d in shown.nodes(data=True)}
    out: dict[str, Any] = {}
    for row in store.paragraphs(ids):
        out[str(row.paragraph_id)] = {
            "file": row.file,
            "paragraph": row.paragraph,
            "line": row.line,
            "kind": row.kind,
            "text": row.text,
            "spans": [],
            "date": row.date,
            "date_precision": row.date_precision,
            "date_source": row.date_source,
            **({"message": message} if (message := _mail_line(row.message)) else {}),
        }
    for pid, start, end, entity in store.spans(ids):
        if entity in names and str(pid) in out:
            out[str(pid)]["spans"].append([start, end, names[entity]])
    return out


def _significant(shown: nx.Graph) -> dict[str, Any]:
    """The backbone the page opens on when ``shown`` is large: its links, their level and size."""
    if shown.number_of_nodes() <= FIRST_VIEW_NODES:
        return {"links": frozenset()}
    links, alpha = backbone(shown)
    return {
        "links": frozenset(frozenset(e) for e in links),
        "alpha": alpha,
        "nodes": len({n for e in links for n in e}),
        "edges": len(links),
    }


def _layout(graph: nx.Graph, communities: dict[str, int], core: set[str]) -> dict[str, tuple[float, float]]:
    """Positions in roughly [-1000, 1000], communities apart and the ``core`` (the first view's entities)
    spread over them, computed here so the page opens without physics."""
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() == 1:
        return {n: (0.0, 0.0) for n in graph}
    n = graph.number_of_nodes()
    pos = community_layout(graph, communities, core=core)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = 2000.0 * min(1.0, (n / 300) ** 0.5 + 0.35) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {k: (round((p[0] - cx) * scale, 1), round((p[1] - cy) * scale, 1)) for k, p in pos.items()}


# The explorer's code, split by concern (issue 15), in the order the page runs it.
APP_MODULES = ("util", "data", "time", "filters", "graph", "panels", "path", "start")


def _asset(*parts: str) -> str:
    return resources.files("graphkit").joinpath("explorer", *parts).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    import pyvis

    text = (Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")
    # The bundle ends with a source-map comment; a page that works offline points nowhere.
    return re.sub(r"\n?//# sourceMappingURL=\S*\s*$", "\n", text)


def _app_js() -> str:
    """The explorer's modules in one function scope, so they share its variables as one file would."""
    modules = "\n".join(_asset("js", f"{name}.js") for name in APP_MODULES)
    return f'(function () {{\n"use strict";\n\n{modules}\n}})();'


def _script_json(data: Any) -> str:
    """JSON that cannot end the <script> element it sits in, whatever the documents say."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@functools.cache
def _page() -> tuple[Template, dict[str, Any]]:
    """The page template, and the code and styles it inlines (ours, so marked safe), read once."""
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    code = {
        "vis_css": _vis_asset("vis-network.css"),
        "vis_js": _vis_asset("vis-network.min.js"),
        "app_css": _asset("explorer.css"),
        "app_js": _app_js(),
    }
    for name, text in code.items():  # our own code must not end its element either
        if re.search(r"</(script|style)", text, re.IGNORECASE):
            raise RuntimeError(f"{name} contains an end tag and would break the page")
    return env.from_string(_asset("explorer.html")), {k: Markup(v) for k, v in code.items()}


def render_html(payload: dict[str, Any], *, title: str = "graphkit", nonce: str | None = None) -> str:
    """The self-contained explorer page: vis-network, styles, code and data inlined.

    ``nonce`` (a fresh random one by default) is the only one the page's Content-Security-Policy
    lets run scripts: a nonce anyone can read in the source protects nothing (issue 11).
    """
    from markupsafe import Markup

    template, code = _page()
    nonce = nonce or secrets.token_urlsafe(18)
    return template.render(title=title, nonce=nonce, data=Markup(_script_json(payload)), **code)
