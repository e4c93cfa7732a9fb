"""The explorer for any NetworkX graph: a file (:func:`to_html`) or a notebook output (:func:`show`).

A graph of ``Graphkit.graph`` has every attribute the page draws; any other graph gets
defaults (:func:`with_defaults`), and evidence only from a store passed as ``store``. In
Jupyter the page is the same self-contained file the export writes, inside an ``<iframe
srcdoc>``: escaped as an attribute, sandboxed to run scripts only (no access to the
notebook), and, like the file, it makes no request at all (issue 19).
"""

from __future__ import annotations

import html
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..errors import BadInput
from ..export import export_graph, html_page, select_top
from .options import at_least

if TYPE_CHECKING:
    from ..store import Bounds, Evidence
    from .handle import Graphkit

__all__ = ["to_html", "show", "Explorer", "with_defaults", "NoEvidence", "OTHER_TYPE"]

OTHER_TYPE = "OTHER"  # the type of a node that has none
NO_EVIDENCE_NOTE = "This graph comes with no documents: its links have no evidence paragraphs to show."


def to_html(
    graph: nx.Graph,
    path: str | os.PathLike[str],
    *,
    title: str = "graphkit",
    top: int | None = None,
    store: Graphkit | None = None,
) -> dict[str, Any]:
    """Write the offline explorer page of ``graph`` to ``path``; returns what ``export --json`` prints.

    ``graph`` is any NetworkX graph: one of ``Graphkit.graph``, changed or not, or your own
    (attributes it lacks get defaults, :func:`with_defaults`). ``store`` (an open handle)
    supplies the evidence paragraphs, files and dates of the nodes whose ``entity`` is one of
    its ids. ``top`` keeps the most connected entities.

    >>> import networkx as nx, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "karate.html"
    >>> to_html(nx.karate_club_graph(), out)["nodes"]
    34
    """
    ready, source = _prepare(graph, store)
    top = at_least("top", top, 1) if top is not None else None
    return export_graph(source, ready, "html", Path(path), top=top, title=title)  # type: ignore[arg-type]


def show(
    graph: nx.Graph,
    *,
    title: str = "graphkit",
    top: int | None = None,
    store: Graphkit | None = None,
    height: int = 640,
) -> Explorer:
    """The explorer page of ``graph`` (as :func:`to_html`) for a notebook to display inline."""
    ready, source = _prepare(graph, store)
    top = at_least("top", top, 1) if top is not None else None
    page, _drawn = html_page(source, select_top(ready, top), ready, title=title)  # type: ignore[arg-type]
    return Explorer(page, title=title, height=at_least("height", height, 100))


@dataclass(frozen=True)
class Explorer:
    """An explorer page: Jupyter displays it inline; :meth:`save` writes it as a file."""

    html: str
    title: str = "graphkit"
    height: int = 640

    def __repr__(self) -> str:
        return f"<graphkit explorer {self.title!r}: {len(self.html) // 1024:,} KB; display it in Jupyter or save() it>"

    def _repr_html_(self) -> str:
        """The page in an iframe: ``srcdoc`` holds it escaped; ``sandbox`` lets it run its own scripts only."""
        return (
            f'<iframe class="graphkit-explorer" title="{html.escape(self.title, quote=True)}" '
            f'sandbox="allow-scripts" srcdoc="{html.escape(self.html, quote=True)}" '
            f'style="width: 100%; height: {int(self.height)}px; border: 1px solid #ccc;"></iframe>'
        )

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` (replacing it whole, never half-written)."""
        from ..export import _atomic_write

        out = Path(path)
        _atomic_write(out, lambda fh: fh.write(self.html))
        return out


def _prepare(graph: nx.Graph, store: Graphkit | None) -> tuple[nx.Graph, Any]:
    if not isinstance(graph, nx.Graph):
        raise BadInput(f"expected a networkx graph, got {type(graph).__name__}")
    ready = with_defaults(graph, keep_entities=store is not None)
    if store is None:
        ready.graph["explorer_note"] = NO_EVIDENCE_NOTE
        return ready, NoEvidence()
    return ready, store.store


def with_defaults(graph: nx.Graph, *, keep_entities: bool = True) -> nx.Graph:
    """A copy of ``graph`` as the explorer needs it: undirected, one link per pair, node ids as text,
    and every attribute ``Graphkit.graph`` documents, where missing, a default; other scalar attributes
    are kept as they are.

    Nodes: ``label`` its id, ``type`` "OTHER", ``mentions`` and ``paragraphs`` its weighted
    degree (at least 1), ``documents`` 0, ``aliases`` its label, ``entity`` a negative
    number (no store's; kept as it is with ``keep_entities``), ``first``/``last`` "".
    Links: ``weight`` 1 (a pair linked twice, in a directed or multigraph, adds up),
    ``documents`` 0, ``strength`` 0.0, ``first``/``last`` "". In a graph of message links
    (``graph.graph["links"]`` ``"messages"`` or ``"all"``, issue 12) links also get
    ``messages`` 0 and ``combined`` (paragraphs plus messages), which add up the same way.

    >>> g = with_defaults(nx.MultiDiGraph([(1, 2), (2, 1)]))
    >>> dict(g.nodes["1"]) | {}, g.edges["1", "2"]["weight"]  # doctest: +NORMALIZE_WHITESPACE
    ({'label': '1', 'type': 'OTHER', 'mentions': 2, 'documents': 0, 'paragraphs': 2, 'aliases': '1',
      'entity': -1, 'first': '', 'last': ''}, 2)
    """
    names = _text_ids(graph)
    ready = nx.Graph(**{k: v for k, v in graph.graph.items() if _scalar(v)})
    mail = str(ready.graph.get("links", "cooccurrence")) != "cooccurrence"
    for a, b, d in graph.edges(data=True):
        u, v = names[a], names[b]
        if u == v:
            continue  # a loop links nothing to anything
        where = f"link {u!r} - {v!r}"
        link = _link(d, _number(d.get("weight", 1), where, "weight"), where, mail=mail)
        if ready.has_edge(u, v):
            _add_up(ready.edges[u, v], link)
        else:
            ready.add_edge(u, v, **link)
    strength = dict(ready.degree(weight="weight"))
    for i, (n, d) in enumerate(graph.nodes(data=True), 1):
        ready.add_node(names[n], **_node(names[n], d, strength.get(names[n], 0), -i, keep_entities))
    return ready


def _text_ids(graph: nx.Graph) -> dict[Any, str]:
    names: dict[Any, str] = {}
    taken: dict[str, Any] = {}
    for n in graph:
        text = str(n)
        if text in taken:
            raise BadInput(f"nodes {taken[text]!r} and {n!r} have the same name as text; relabel one of them")
        names[n], taken[text] = text, n
    return names


def _node(name: str, d: dict[str, Any], strength: float, fallback: int, keep_entities: bool) -> dict[str, Any]:
    where = f"node {name!r}"
    label = str(d.get("label", name))
    mentions = int(_number(d.get("mentions", max(1, math.ceil(strength))), where, "mentions"))
    aliases = d.get("aliases", label)
    return {
        **_scalars(d),  # what a later graphkit or the user adds travels on (a watch mark, say)
        "label": label,
        "type": str(d.get("type") or OTHER_TYPE),
        "mentions": mentions,
        "documents": int(_number(d.get("documents", 0), where, "documents")),
        "paragraphs": int(_number(d.get("paragraphs", mentions), where, "paragraphs")),
        "aliases": aliases if isinstance(aliases, str) else "|".join(map(str, aliases)),
        "entity": int(_number(d["entity"], where, "entity")) if keep_entities and "entity" in d else fallback,
        "first": str(d.get("first") or ""),
        "last": str(d.get("last") or ""),
    }


def _link(d: dict[str, Any], weight: float, where: str, *, mail: bool = False) -> dict[str, Any]:
    link = {
        **_scalars(d),
        "weight": weight,
        "documents": int(_number(d.get("documents", 0), where, "documents")),
        "strength": float(_number(d.get("strength", 0.0), where, "strength")),
        "first": str(d.get("first") or ""),
        "last": str(d.get("last") or ""),
    }
    if mail or "messages" in d or "combined" in d:  # message links (issue 12): the page may weigh by these
        link["messages"] = _number(d.get("messages", 0), where, "messages")
        link["combined"] = _number(d.get("combined", weight + link["messages"]), where, "combined")
    return link


def _add_up(link: dict[str, Any], more: dict[str, Any]) -> None:
    """A pair linked twice (a directed graph, a multigraph): one link, its counts added up."""
    for key in _COUNTS:
        if key in link or key in more:
            link[key] = link.get(key, 0) + more.get(key, 0)


_COUNTS = ("weight", "messages", "combined")


def _number(value: Any, where: str, attribute: str) -> int | float:
    """A finite number (a whole one as ``int``); :class:`BadInput` naming the node or link otherwise."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number):
        raise BadInput(f"{where}: {attribute} {value!r} is not a number")
    return int(number) if number.is_integer() else number


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _scalars(attributes: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attributes.items() if _scalar(v)}


class NoEvidence:
    """What the explorer reads from a store, for a graph without one: no paragraphs, files or dates."""

    def date_intervals(self, entity_ids: Any, kinds: Sequence[str], window: Bounds = (None, None)) -> tuple[dict, dict]:
        return {}, {}

    def documents_of(self, entity_id: int, kinds: Sequence[str], window: Bounds = (None, None)) -> list[str]:
        return []

    def pair_evidence(self, *args: Any) -> dict:
        return {}

    def paragraphs(self, ids: Sequence[int]) -> list[Evidence]:
        return []

    def spans(self, paragraph_ids: Sequence[int]) -> list[tuple[int, int, int, int]]:
        return []

    def word_counts(self) -> dict[str, int]:
        return {}

    def pair_messages(self, *args: Any, **kwargs: Any) -> dict:
        return {}

    def messages_as_evidence(self, ids: Sequence[int]) -> dict:
        return {}
