"""graphkit's Python API (issue 19): open a database, ask it questions, get NetworkX graphs and plain data.

- :func:`open` gives a :class:`Graphkit` handle: ``graph()``, ``path()``, ``neighbors()``,
  ``central()``, ``communities()``, ``evidence()``, ``timeline()``, ``entities()``,
  ``explain()``, ``ingest()``, ``merge()``/``split()``/``rename()``/``ignore()``,
  ``watch()``/``unwatch()``, ``export()`` and ``show()``;
- :func:`to_html` and :func:`show` draw any NetworkX graph in the offline explorer;
- :mod:`.results`: the answers, dicts with the fields of the CLI's ``--json`` and ``rows()``;
- :mod:`.options`: the graph options every question forwards to ``graph()``.
"""

from .handle import Graphkit, open
from .options import GraphOptions
from .page import Explorer, show, to_html, with_defaults
from .results import (
    CentralResult,
    EvidenceResult,
    ExplainResult,
    NeighborsResult,
    PathResult,
    Result,
    TimelineResult,
)

__all__ = [
    "open",
    "Graphkit",
    "GraphOptions",
    "to_html",
    "show",
    "Explorer",
    "with_defaults",
    "Result",
    "PathResult",
    "CentralResult",
    "NeighborsResult",
    "EvidenceResult",
    "TimelineResult",
    "ExplainResult",
]
