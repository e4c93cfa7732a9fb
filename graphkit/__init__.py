"""graphkit: an entity relationship graph explorer for investigators.

The Python API (issue 19), documented in the README's "Python API"::

    import graphkit

    with graphkit.open("graphkit.db") as g:
        G = g.graph(min_weight=2)                  # a networkx.Graph
        g.path("Trump", "Kryuchkov")["path"]       # the fields of `graphkit path --json`
        g.central(by="betweenness", top=5).rows()  # rows for pandas.DataFrame
        g.show()                                   # the explorer, inline in Jupyter
    graphkit.to_html(G, "graph.html")              # any NetworkX graph

The API is imported on first use, so that ``import graphkit`` (and the CLI's start) stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    BadChoice,
    BadInput,
    GraphkitError,
    ModelNotFound,
    NoDatabase,
    NoPath,
    NoWatchlists,
    OldDatabase,
    ReadOnly,
    StoreError,
    UnknownEntity,
)

if TYPE_CHECKING:
    from .api import Explorer, Graphkit, open, show, to_html  # noqa: F401

__version__ = "1.0.0"

_API = ("open", "Graphkit", "to_html", "show", "Explorer")

# Not "open": `from graphkit import *` must not hide the built-in open(). Write graphkit.open(...).
__all__ = [
    "Graphkit",
    "to_html",
    "show",
    "Explorer",
    "GraphkitError",
    "BadInput",
    "BadChoice",
    "ModelNotFound",
    "StoreError",
    "NoDatabase",
    "OldDatabase",
    "ReadOnly",
    "NoWatchlists",
    "UnknownEntity",
    "NoPath",
    "__version__",
]


def __getattr__(name: str) -> Any:
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'graphkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
