"""An open graphkit database as a Python object: graphs, questions, ingest, curation, exports (issue 19).

``graphkit.open(path)`` returns a :class:`Graphkit`. Every question takes the graph options
of :meth:`Graphkit.graph` as keywords and answers with the fields of the matching command's
``--json``; errors are the CLI's :class:`~graphkit.errors.GraphkitError` subclasses with
the same text, parameters spelled the Python way (``min_weight = 0`` where the CLI says
``--min-weight 0``). The CLI is a layer over this class.

>>> import graphkit, tempfile, pathlib
>>> graphkit.open(pathlib.Path(tempfile.mkdtemp()) / "none.db")
Traceback (most recent call last):
...
graphkit.errors.NoDatabase: ...none.db: no graphkit database here; ingest documents into it first
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Unpack

from ..errors import BadInput, NoWatchlists, ReadOnly, StoreError
from ..store import Store, not_writable, open_store
from ..vocabulary import DEFAULT_LINKS, MAX_RECIPIENTS, SPECIFIC_TYPES
from .options import DateLike, GraphOptions, GraphSpec, Links, Names, at_least, graph_spec, names
from .results import (
    CentralResult,
    EvidenceResult,
    ExplainResult,
    NeighborsResult,
    PathResult,
    TimelineResult,
)

if TYPE_CHECKING:
    import networkx as nx

    from ..ingest import IngestReport
    from .page import Explorer

__all__ = ["Graphkit", "open"]

PathKind = Literal["informative", "shortest", "strongest"]
Measure = Literal["degree", "weighted", "pagerank", "eigenvector", "betweenness"]
GRAPHS_KEPT = 4  # graphs a handle keeps built, the most recently used


def open(db: str | os.PathLike[str], *, read_only: bool = False, create: bool = False) -> Graphkit:  # noqa: A001
    """Open the graphkit database ``db`` (``create``: make it if there is none); a context manager.

    ``read_only`` opens it so that nothing can change it (SQLite refuses every write):
    ingest and curation raise :class:`~graphkit.errors.ReadOnly`, and a database made by an
    older graphkit is refused rather than upgraded. A database whose file or folder cannot
    be written is opened read-only too, so that questions still get answers; a change then
    raises :class:`~graphkit.errors.StoreError` saying so (issue 11).

    Example::

        with graphkit.open("graphkit.db") as g:
            g.central(top=5).rows()
    """
    return Graphkit(open_store(Path(db), create=create, write=False, read_only=read_only), read_only=read_only)


class Graphkit:
    """An open graphkit database. Get one with :func:`graphkit.open`; close it, or use ``with``."""

    def __init__(self, store: Store, *, read_only: bool = False) -> None:
        self._store: Store | None = store
        self.file: Path = store.path  # the database file
        self._read_only = read_only  # asked for; the store may be read-only also because its file is
        self._graphs: OrderedDict[tuple[int, GraphSpec], nx.Graph] = OrderedDict()

    # -- the handle ---------------------------------------------------------------------------
    def close(self) -> None:
        """Close the database; the handle answers nothing after this."""
        if self._store is not None:
            self._store.close()
            self._store, self._graphs = None, OrderedDict()

    @property
    def closed(self) -> bool:
        return self._store is None

    @property
    def read_only(self) -> bool:
        """Whether nothing can be changed: opened ``read_only``, or a file that cannot be written."""
        return self._read_only or (self._store is not None and self._store.read_only)

    def __enter__(self) -> Graphkit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "read-only" if self.read_only else "open"
        return f"<graphkit {str(self.file)!r} ({state})>"

    @property
    def store(self) -> Store:
        """The store underneath (for what the API does not offer); :class:`StoreError` once closed."""
        if self._store is None:
            raise StoreError(f"{self.file}: closed; open it again with graphkit.open")
        return self._store

    def _writable(self, change: str) -> Store:
        if self._read_only:
            raise ReadOnly(self.file, change)
        if self.store.read_only:
            raise not_writable(self.file)
        self._graphs.clear()  # the next graph is built from what the change leaves
        return self.store

    def info(self) -> dict[str, Any]:
        """What the database holds (``graphkit info --json``): documents, paragraphs by kind, mentions, entities."""
        return self.store.summary()

    # -- graphs ---------------------------------------------------------------------------------
    def graph(
        self,
        *,
        types: Names | None = None,
        include: Names = (),
        kinds: Names | None = None,
        links: Links = DEFAULT_LINKS,  # type: ignore[assignment]
        max_recipients: int = MAX_RECIPIENTS,
        min_weight: int = 1,
        since: DateLike | None = None,
        until: DateLike | None = None,
        copy: bool = True,
    ) -> nx.Graph:
        """The entity graph: a ``networkx.Graph`` whose nodes are entities, linked when they share a paragraph.

        - ``types``: entity types (``"PERSON,ORG"`` or a list) [default: every type but dates and numbers];
        - ``include``: paragraph kinds to count besides the evidence (body, footnotes, quotes):
          ``"comments"``, ``"headings"``, ``"boilerplate"`` or ``"all"``; ``kinds`` instead names
          exactly the kinds to count;
        - ``links``: what links two entities: ``"cooccurrence"`` (named in the same paragraph),
          ``"messages"`` (one wrote to the other) or ``"all"`` (either, the default; without
          e-mail in the database it is co-occurrence);
        - ``max_recipients``: a message to more recipients is a mailing and links nobody;
        - ``min_weight``: drop links backed by fewer paragraphs (or messages, or both, as
          ``links`` counts);
        - ``since``, ``until``: only paragraphs dated in this window (``"2016"``, ``"2016-06"``,
          ``"2016-06-09"``, a ``datetime.date``); undated ones are left out (:meth:`undated` counts them).

        Node ids are display names. Node attributes: ``label``, ``type``, ``mentions``,
        ``documents``, ``paragraphs``, ``aliases`` (``|``-joined), ``entity`` (the store's id),
        ``watched`` (the watchlists naming it, ``|``-joined, ``""`` if none), ``first`` and
        ``last`` (ISO dates at their precision, ``""`` when undated). Edge attributes: ``weight``
        (paragraphs shared), ``documents``, ``strength`` (normalised PMI, -1 to 1), ``first`` and
        ``last``. With message links, nodes also carry ``messages`` (sent or received) and edges
        ``messages`` (messages between the two), ``kind`` (``cooccurrence``, ``messages`` or
        ``both``) and, for ``links="all"``, ``combined`` (paragraphs plus messages);
        ``graphkit.graph.link_weight(graph)`` names the attribute a graph is weighed by. Graph
        attributes: ``kinds``, ``types``, ``paragraphs``, ``links``, ``since``, ``until`` (and
        ``window``, ``min_weight``, ``mailings`` when set). All scalars, so ``nx.write_graphml``
        takes it as it is.

        The graph is yours to change (``copy=False``: the handle's own, faster, not to be changed).
        """
        spec = graph_spec(
            types=types,
            include=include,
            kinds=kinds,
            links=links,
            max_recipients=max_recipients,
            min_weight=min_weight,
            since=since,
            until=until,
        )
        graph = self._built(spec)
        return graph.copy() if copy else graph

    def _built(self, spec: GraphSpec) -> nx.Graph:
        from ..graph import build_graph

        key = (self.store.generation, spec)
        if key not in self._graphs:
            self._graphs[key] = build_graph(
                self.store,
                types=spec.types,
                kinds=spec.kinds,
                min_weight=spec.min_weight,
                window=spec.window,
                links=spec.links,
                max_recipients=spec.max_recipients,
            )
            while len(self._graphs) > GRAPHS_KEPT:
                self._graphs.popitem(last=False)
        self._graphs.move_to_end(key)
        return self._graphs[key]

    def _graph(self, options: GraphOptions) -> nx.Graph:
        return self.graph(**options, copy=False)

    def undated(self, *, include: Names = (), kinds: Names | None = None) -> int:
        """Paragraphs (of the kinds the options count) that name an entity and have no date: what
        ``since`` and ``until`` leave out."""
        return self.store.undated(graph_spec(include=include, kinds=kinds).kinds)

    # -- questions --------------------------------------------------------------------------------
    def path(
        self,
        source: str,
        target: str,
        *,
        by: PathKind = "informative",
        avoid: Iterable[str] = (),
        evidence: int = 2,
        **options: Unpack[GraphOptions],
    ) -> PathResult:
        """A chain of links from ``source`` to ``target`` (any alias, any case), with ``evidence``
        paragraphs (and messages, with message links) quoted per hop (``graphkit path --json``).

        ``by``: ``"informative"`` (the default: through people and organisations, around places
        and hubs, at most two hops longer than the shortest; ``shorter`` then names the shortest
        when it is shorter), ``"shortest"`` (fewest hops) or ``"strongest"`` (heavy links).
        ``avoid``: names the path must not pass through.
        Raises :class:`~graphkit.errors.UnknownEntity` or :class:`~graphkit.errors.NoPath`.
        """
        from ..query import find_path, path_hops, shorter_path

        graph, avoid = self._graph(options), tuple(avoid)
        nodes = find_path(graph, source, target, by=by, avoid=avoid)
        shorter = shorter_path(graph, nodes, avoid=avoid) if by == "informative" else None
        hops = path_hops(self.store, graph, nodes, per_hop=at_least("evidence", evidence, 0))

        def named(found: list[str]) -> list[dict[str, str]]:
            return [{"name": n, "type": graph.nodes[n]["type"], "watched": _watched(graph, n)} for n in found]

        return PathResult(by=by, path=named(nodes), shorter=named(shorter) if shorter else None, hops=hops)

    def neighbors(
        self,
        name: str,
        *,
        by: Literal["strength", "weight"] = "strength",
        top: int = 20,
        **options: Unpack[GraphOptions],
    ) -> NeighborsResult:
        """The entities linked to ``name``, the most specific first (``by="weight"``: the most shared
        paragraphs first), at most ``top`` (``graphkit neighbors --json``)."""
        from ..query import neighbors

        graph = self._graph(options)
        node, rows = neighbors(graph, name, top=at_least("top", top, 1), by=by)
        return NeighborsResult(name=node, by=by, watched=_watched(graph, node), neighbors=rows)

    def central(
        self, *, by: Measure = "pagerank", type: Names | None = None, top: int = 10, **options: Unpack[GraphOptions]
    ) -> CentralResult:
        """The ``top`` entities by a centrality measure (``graphkit central --json``).

        Centrality is computed on the whole graph; the list holds people and organisations, or
        entities of ``type`` (``"GPE,NORP"``, a list, or ``"all"``). ``note`` says when
        betweenness was estimated from a sample.
        """
        from ..query import centrality

        graph = self._graph(options)
        wanted = names(type)
        kept = None if "ALL" in {t.upper() for t in wanted} else wanted or SPECIFIC_TYPES
        ranked, note = centrality(graph, by, types=kept, top=at_least("top", top, 1))
        results = [
            {"name": n, "type": graph.nodes[n]["type"], "score": s, "watched": _watched(graph, n)} for n, s in ranked
        ]
        return CentralResult(by=by, types=list(kept) if kept else None, note=note, results=results)

    def communities(self, *, members: int = 8, top: int | None = 10, **options: Unpack[GraphOptions]) -> list[dict]:
        """Louvain communities, largest first, each ``{size, members}`` with its ``members`` most
        central entities; the ``top`` largest (None: all) (``graphkit communities --json``)."""
        from ..query import communities

        groups = communities(self._graph(options), members=at_least("members", members, 1))
        return groups[: at_least("top", top, 1)] if top is not None else groups

    def evidence(self, source: str, target: str, **options: Unpack[GraphOptions]) -> EvidenceResult:
        """Every paragraph naming both entities, with where each name occurs, and every message one
        wrote to the other (``graphkit evidence --json``).

        ``evidence`` holds the paragraphs (none with ``links="messages"``); ``messages``, there
        unless ``links="cooccurrence"``, the messages, oldest first, with sender, recipients,
        date and subject.
        """
        from ..graph import graph_links
        from ..query import evidence, message_evidence, with_spans

        graph = self._graph(options)
        links = graph_links(graph)  # "all" without e-mail is co-occurrence
        a, b, rows = evidence(self.store, graph, source, target)
        found = EvidenceResult(
            source=a, target=b, evidence=with_spans(self.store, graph, rows, (a, b)) if links != "messages" else []
        )
        if links != "cooccurrence":
            found["messages"] = message_evidence(self.store, graph, a, b)
        return found

    def timeline(self, *names: str, undated: bool = False, **options: Unpack[GraphOptions]) -> TimelineResult:
        """The dated evidence of one entity, or of two together, earliest first; ``undated`` also lists
        the paragraphs without a date (``graphkit timeline --json``)."""
        from ..query import timeline

        return TimelineResult(timeline(self.store, self._graph(options), names, undated=undated))

    def entities(
        self, *, type: Names | None = None, top: int | None = None, **options: Unpack[GraphOptions]
    ) -> list[dict]:
        """Entities, most mentioned first: ``name``, ``label``, ``type``, ``mentions``, ``documents``,
        ``aliases`` (a list) and ``degree`` (``graphkit entities --json``)."""
        from ..query import entity_table

        top = at_least("top", top, 1) if top is not None else None
        return entity_table(self._graph(options), types=names(type) or None, top=top)

    def explain(self, name: str, *, document: str | None = None, **options: Unpack[GraphOptions]) -> ExplainResult:
        """The forms joined into ``name``'s entity and why; with ``document`` (part of a file name),
        each of its mentions there and why (``graphkit entities --explain NAME --json``)."""
        from ..query import explain

        return ExplainResult(explain(self.store, self._graph(options), name, document=document))

    # -- changes ----------------------------------------------------------------------------------
    def ingest(
        self,
        paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        aliases: str | os.PathLike[str] | None = None,
        watchlists: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = (),
        model: str | None = None,
        workers: int | None = None,
        batch_size: int = 256,
        scheduler: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        warn: Callable[[str], None] | None = None,
        warnings_per_file: int | None = 3,
    ) -> IngestReport:
        """Read files and folders into the database and resolve their entities (``graphkit ingest``).

        ``aliases``: a curation file (CSV or YAML); ``watchlists``: one or more lists of names to
        find and flag (CSV or YAML: name, type, aliases, note, list), kept in the database and
        applied on every ingest (a new list over unchanged files runs no NER). Every file is read
        before anything is written: a bad one raises :class:`~graphkit.errors.BadInput` and
        changes nothing. ``model``: an installed spaCy pipeline or its folder; ``scheduler``:
        ``"local"`` or ``"tcp://HOST:PORT"`` for NER on Dask. ``progress(done_bytes,
        total_bytes)`` and ``warn(line)`` report as it goes; of the skipped parts of one file
        (the messages of a mailbox) ``warn`` gets the first ``warnings_per_file`` and a count
        (None: every one; the report lists them all). Returns the report (``.as_dict()`` is
        ``--json``).
        """
        from ..curation import read_aliases_file, replace_aliases
        from ..ingest import ingest
        from ..watchlist import read_watchlist
        from ..watchlist.apply import store_watchlists

        rules = read_aliases_file(Path(aliases)) if aliases is not None else None
        lists = {Path(p): read_watchlist(Path(p)) for p in _paths(watchlists)}
        workers = at_least("workers", workers, 1) if workers is not None else None
        per_file = at_least("warnings_per_file", warnings_per_file, 0) if warnings_per_file is not None else None
        store = self._writable("ingest documents")
        if rules is not None:
            replace_aliases(store, Path(aliases), rules)  # type: ignore[arg-type]
        store_watchlists(store, lists)
        options: dict[str, Any] = dict(
            model=model,
            workers=workers,
            batch_size=at_least("batch_size", batch_size, 1),
            progress=progress,
            warn=warn,
            warnings_per_file=per_file,
        )
        if scheduler:
            from ..distributed import ingest_distributed

            return ingest_distributed(store, _paths(paths), scheduler=scheduler, **options)
        return ingest(store, _paths(paths), **options)

    def merge(self, name: str, other: str) -> int:
        """Join ``other``'s entity into ``name``'s, now and after every future ingest; returns the entity count."""
        return self._curate("merge", name, other)

    def split(self, name: str, form: str) -> int:
        """Take the surface ``form`` out of ``name``'s entity into one of its own; returns the entity count."""
        return self._curate("split", name, form)

    def rename(self, name: str, new: str) -> int:
        """Give ``name``'s entity the display name ``new``; returns the entity count."""
        return self._curate("rename", name, new)

    def ignore(self, name: str) -> int:
        """Drop ``name``'s entity from the graph; returns the entity count."""
        return self._curate("ignore", name)

    def _curate(self, op: str, name: str, arg: str = "") -> int:
        from ..curation import curate

        return curate(self._writable(f"{op} entities"), op, name, arg)

    # -- watchlists (issue 18) ------------------------------------------------------------------
    def watch(
        self, *, top_links: int = 3, candidates: int = 5, **options: Unpack[GraphOptions]
    ) -> list[dict[str, Any]]:
        """What the watchlists found, a dict per listed name in list order (``graphkit watch --json``).

        Each: ``name``, ``type``, ``lists``, ``note``, ``entity`` (its node, None when the graph
        does not show it), ``mentions`` and ``documents`` (of that node), ``list_matches`` (mentions
        the list found), ``missed_by_model`` and ``tagged_otherwise_by_model`` (of those, where the
        model tagged nothing, or another type), ``links`` (the ``top_links`` strongest) and
        ``candidates``: up to ``candidates`` near misses (a form one edit away, or a surname with
        other initials) with a ``score``, never merged (:meth:`merge` joins one).
        Raises :class:`~graphkit.errors.NoWatchlists` when the database keeps no list.
        """
        from ..watchlist.report import watch_report

        findings = watch_report(
            self.store,
            self._graph(options),
            links=at_least("top_links", top_links, 0),
            candidates=at_least("candidates", candidates, 0),
        )
        if not findings:
            raise NoWatchlists(self.file)
        return [f.as_dict() for f in findings]

    def unwatch(self, path: str | os.PathLike[str]) -> int:
        """Stop watching the names of ``path``, a list once given to :meth:`ingest`; returns how many it held.

        Its matches go, what the model found shows again, entities are resolved again.
        """
        from ..watchlist.apply import forget_watchlist

        return forget_watchlist(self._writable("stop watching a list"), Path(path))

    # -- outputs ----------------------------------------------------------------------------------
    def export(
        self,
        fmt: Literal["html", "graphml", "gexf", "json"],
        path: str | os.PathLike[str],
        *,
        top: int | None = None,
        title: str = "graphkit",
        **options: Unpack[GraphOptions],
    ) -> dict[str, Any]:
        """Write the graph as ``"html"`` (the offline explorer), ``"graphml"``, ``"gexf"`` or ``"json"`` to
        ``path``, cut to the ``top`` most connected entities; returns the summary ``export --json`` prints."""
        from ..export import export_graph

        top = at_least("top", top, 1) if top is not None else None
        return export_graph(self.store, self._graph(options), fmt, Path(path), top=top, title=title)

    def show(
        self,
        graph: nx.Graph | None = None,
        *,
        top: int | None = None,
        title: str = "graphkit",
        height: int = 640,
        **options: Unpack[GraphOptions],
    ) -> Explorer:
        """The explorer page, to display in Jupyter (the last line of a cell, or ``display(...)``).

        Of the graph the options describe, or of ``graph`` (one of this handle's, changed as you
        like), with evidence from this database; ``top`` keeps the most connected entities.
        """
        from .page import show

        if graph is not None and options:
            raise BadInput("pass a graph or graph options, not both")
        return show(
            graph if graph is not None else self._graph(options), store=self, top=top, title=title, height=height
        )


def _paths(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str | os.PathLike[str]]:
    """One path or several, as a list."""
    return [paths] if isinstance(paths, str | os.PathLike) else list(paths)


def _watched(graph: nx.Graph, node: str) -> str:
    """The watchlists naming a node, ``|``-joined; "" if none (issue 18)."""
    return str(graph.nodes[node].get("watched", ""))
