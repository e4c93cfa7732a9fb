"""The exceptions graphkit raises; the CLI turns each into one line on stderr and exit 1."""

from __future__ import annotations

__all__ = [
    "GraphkitError",
    "BadInput",
    "ModelNotFound",
    "StoreError",
    "UnknownEntity",
    "NoPath",
]


class GraphkitError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""


class BadInput(GraphkitError):
    """A path, file or option value that graphkit cannot use."""


class ModelNotFound(GraphkitError):
    """The spaCy pipeline named by ``--model`` is not installed."""


class StoreError(GraphkitError):
    """The database is missing, from another version, or damaged."""


class UnknownEntity(GraphkitError):
    """A name that matches no entity; carries the closest known names."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no entity named {name!r}{hint}")


class NoPath(GraphkitError):
    """Two entities that the graph does not connect."""

    def __init__(self, source: str, target: str, detail: str = ""):
        self.source = source
        self.target = target
        super().__init__(f"no path between {source!r} and {target!r}{detail}")
