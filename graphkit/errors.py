"""The exceptions graphkit raises; the CLI turns each into one line on stderr and exit 1.

The library knows nothing of command-line flags (issue 15). A message that names a
parameter carries it as a :class:`Setting`; ``str(error)`` spells it the Python way
(``by = 'magic' must be one of degree, ...``) and the CLI spells the same error with its
option (``--by 'magic' must be one of degree, ...``) through :meth:`GraphkitError.render`.

>>> str(BadChoice("by", "magic", ["degree", "pagerank"]))
"by = 'magic' must be one of degree, pagerank"
>>> BadChoice("by", "magic", ["degree"]).render(lambda s: f"--{s.param} {s.value}")
'--by magic must be one of degree'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Setting",
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
]


@dataclass(frozen=True)
class Setting:
    """A parameter named in a message, with the value it had (or should have); ``None``: just its name."""

    param: str
    value: object = None

    def __str__(self) -> str:
        return self.param if self.value is None else f"{self.param} = {self.value!r}"


class GraphkitError(Exception):
    """Base class: a problem the user can fix, reported without a traceback.

    Built from text and :class:`Setting` parts, so that a caller can name the parameters
    its own way.
    """

    def __init__(self, *parts: str | Setting) -> None:
        self.parts = parts
        super().__init__(self.render())

    @property
    def settings(self) -> list[Setting]:
        return [p for p in self.parts if isinstance(p, Setting)]

    def render(self, spell: Callable[[Setting], str] = str) -> str:
        """The message, with each parameter spelled by ``spell``."""
        return "".join(p if isinstance(p, str) else spell(p) for p in self.parts)


class BadInput(GraphkitError):
    """A path, file or parameter value that graphkit cannot use."""


class BadChoice(BadInput):
    """A parameter value that is not one of its choices."""

    def __init__(self, param: str, value: object, choices: Iterable[str]) -> None:
        self.param, self.value, self.choices = param, value, tuple(choices)
        super().__init__(Setting(param, value), f" must be one of {', '.join(self.choices)}")


class ModelNotFound(GraphkitError):
    """The spaCy pipeline named by the ``model`` parameter is not installed."""


class StoreError(GraphkitError):
    """The database is missing, from another version, or damaged."""


class NoDatabase(StoreError):
    """No graphkit database at ``path`` (and none was to be created)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: no graphkit database here; ingest documents into it first")


class OldDatabase(StoreError):
    """A database from an older graphkit that no migration can bring up to date."""

    def __init__(self, path: Path, version: int, current: int) -> None:
        self.path, self.version, self.current = path, version, current
        super().__init__(
            f"{path}: made by an older graphkit (schema {version}; this one needs {current}) and it cannot be "
            "upgraded in place; ingest your documents again into a new database. The file was not changed"
        )


class ReadOnly(StoreError):
    """A change asked of a database opened read-only (``graphkit.open(path, read_only=True)``, issue 19)."""

    def __init__(self, path: Path, change: str) -> None:
        self.path, self.change = path, change
        super().__init__(f"{path}: opened read-only, so it cannot {change}; open it without ", Setting("read_only"))


class NoWatchlists(BadInput):
    """A watch report asked of a database that keeps no watchlist (issue 18)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: no watchlists in this database; add one with ", Setting("watchlists"))


class UnknownEntity(GraphkitError):
    """A name that matches no entity; carries the closest known names."""

    def __init__(self, name: str, suggestions: list[str], *, window: str = ""):
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        within = f" in paragraphs dated {window}" if window else ""  # --since/--until (issue 17)
        super().__init__(f"no entity named {name!r}{within}{hint}")


class NoPath(GraphkitError):
    """Two entities that the graph does not connect."""

    def __init__(self, source: str, target: str, detail: str = ""):
        self.source = source
        self.target = target
        super().__init__(f"no path between {source!r} and {target!r}{detail}")
