"""What reading one file may cost before the file is skipped (issue 11).

A file made to attack a reader (a decompression bomb, a reference loop, drawings nested
a billion times) must cost one warning, not the run. Two kinds of limit do that:

- **caps on work**, counted while a reader works: bytes unpacked from compressed streams
  and zip members, PDF object lookups, XObject nesting depth and draws, pages. A reader
  charges a :class:`Budget` as it goes and the budget raises :class:`LimitExceeded` the
  moment a cap is passed, before the memory or the time is spent;
- **time and memory of the whole reading**, enforced from outside by
  :mod:`graphkit.reading`: each file is read in a worker process with an address-space
  ceiling and a wall-clock deadline that grows with the file's size.

Every limit can be raised (or lifted, with 0) by an environment variable,
``GRAPHKIT_LIMIT_<NAME>``, or by the ``limits`` argument of :func:`graphkit.ingest.ingest`.
The warning for a skipped file names the variable.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from ..errors import BadInput

__all__ = [
    "Limits",
    "DEFAULT_LIMITS",
    "READING_LIMITS",
    "reading_limits",
    "set_memory_ceiling",
    "out_of_memory",
    "LIMIT_NAMES",
    "LimitExceeded",
    "Budget",
    "budget",
    "charge",
    "use_overrides",
    "overrides_from_env",
    "effective_limits",
    "inflate",
    "on_progress",
    "progress",
    "describe_limits",
]

_MB = 1 << 20
_CHUNK = 16 * _MB


@dataclass(frozen=True)
class Limits:
    """Limits on reading one file; ``None`` is no limit (or, in a format's entry, a limit that does not apply)."""

    seconds: float | None = None  # wall-clock time for a file of any size, and between two of its pages ...
    seconds_per_mb: float | None = None  # ... plus this much per megabyte of it
    memory_mb: int | None = None  # memory the reading process may take beyond what it started with
    unpacked_mb: int | None = None  # bytes inflated from compressed PDF streams or zip members, in all
    objects: int | None = None  # PDF object lookups (a reference loop never ends)
    xobject_depth: int | None = None  # PDF drawings (form XObjects) nested in one another
    draws: int | None = None  # PDF drawings drawn, in all
    pages: int | None = None


# The defaults and how they were chosen: bench/limits.py reads every real PDF, Word file
# and mailbox we have and prints what each cost; every default is at least ten times the
# most any of them needed (README "Limits" has the figures).
DEFAULT_LIMITS = Limits(
    seconds=60,
    seconds_per_mb=60,
    memory_mb=2048,
    unpacked_mb=256,
    objects=1_000_000,
    xobject_depth=12,
    draws=50_000,
    pages=20_000,
)
# What every file gets, whatever its format; the caps on work are declared per format in
# graphkit.formats.FORMATS.
READING_LIMITS = Limits(
    seconds=DEFAULT_LIMITS.seconds, seconds_per_mb=DEFAULT_LIMITS.seconds_per_mb, memory_mb=DEFAULT_LIMITS.memory_mb
)
LIMIT_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Limits))
_ENV_PREFIX = "GRAPHKIT_LIMIT_"
_WHAT = {
    "seconds": "reading took longer than {value:,g} s",
    "seconds_per_mb": "reading took longer than {value:,g} s per megabyte",
    "memory_mb": "reading needed more than {value:,} MB of memory",
    "unpacked_mb": "more than {value:,} MB unpacked from its compressed parts (a decompression bomb?)",
    "objects": "more than {value:,} PDF object lookups (a reference loop?)",
    "xobject_depth": "PDF drawings nested more than {value:,} deep",
    "draws": "more than {value:,} PDF drawings drawn (drawings that draw each other?)",
    "pages": "more than {value:,} pages",
}


class LimitExceeded(Exception):
    """Reading a file passed one of its limits; the message says which and how to raise it.

    >>> str(LimitExceeded("pages", 20_000))
    'more than 20,000 pages (limit pages = 20000; to raise it set GRAPHKIT_LIMIT_PAGES=80000, or 0 for none)'
    """

    def __init__(self, name: str, value: float, *, what: str = "") -> None:
        self.name, self.value = name, value
        text = what or _WHAT[name].format(value=value)
        super().__init__(
            f"{text} (limit {name} = {_number(value)}; "
            f"to raise it set {_ENV_PREFIX}{name.upper()}={_number(value * 4)}, or 0 for none)"
        )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# -- where limits come from ------------------------------------------------------------------------
def overrides_from_env(environ: Mapping[str, str] | None = None) -> dict[str, float | None]:
    """The limits set by ``GRAPHKIT_LIMIT_<NAME>`` variables: a number, or 0 (or ``none``) for no limit.

    >>> overrides_from_env({"GRAPHKIT_LIMIT_PAGES": "500", "GRAPHKIT_LIMIT_SECONDS": "0", "HOME": "/root"})
    {'pages': 500, 'seconds': None}
    """
    environ = os.environ if environ is None else environ
    out: dict[str, float | None] = {}
    for key, raw in environ.items():
        if key.startswith(_ENV_PREFIX):
            name = key[len(_ENV_PREFIX) :].lower()
            out[name] = _limit_value(key, name, raw)
    return out


def _limit_value(key: str, name: str, raw: str) -> float | None:
    if name not in LIMIT_NAMES:
        raise BadInput(
            f"{key}: no such limit; the limits are {', '.join(_ENV_PREFIX + n.upper() for n in LIMIT_NAMES)}"
        )
    text = raw.strip().lower()
    try:
        value = float(text) if text not in ("", "none", "off") else 0.0
    except ValueError:
        raise BadInput(f"{key}={raw!r}: give a number, or 0 for no limit") from None
    if value < 0 or value != value:
        raise BadInput(f"{key}={raw!r}: give a number, or 0 for no limit")
    if value == 0:
        return None
    return int(value) if value.is_integer() and name not in ("seconds", "seconds_per_mb") else value


def effective_limits(declared: Limits, overrides: Mapping[str, float | None]) -> Limits:
    """``declared`` with ``overrides`` applied to the limits it declares (the others do not apply to it).

    >>> effective_limits(Limits(pages=10, objects=5), {"pages": 99, "unpacked_mb": 1})
    Limits(seconds=None, seconds_per_mb=None, memory_mb=None, unpacked_mb=None, objects=5, xobject_depth=None, draws=None, pages=99)
    """
    changes: dict[str, Any] = {k: v for k, v in overrides.items() if getattr(declared, k, None) is not None}
    return replace(declared, **changes)


_OVERRIDES: contextvars.ContextVar[Mapping[str, float | None] | None] = contextvars.ContextVar(
    "overrides", default=None
)


@contextlib.contextmanager
def use_overrides(overrides: Mapping[str, float | None]) -> Iterator[None]:
    """Apply ``overrides`` to every reader run inside the ``with`` block (a worker sets them once)."""
    token = _OVERRIDES.set(dict(overrides))
    try:
        yield
    finally:
        _OVERRIDES.reset(token)


def current_overrides() -> Mapping[str, float | None]:
    return _OVERRIDES.get() or {}


def reading_limits(overrides: Mapping[str, float | None] | None = None) -> Limits:
    """The time and memory every file may take, with ``overrides`` (by default the current ones)."""
    return effective_limits(READING_LIMITS, current_overrides() if overrides is None else overrides)


# The memory ceiling this process reads under, in MB; set by graphkit.reading in its workers.
_CEILING: list[int] = []


def set_memory_ceiling(megabytes: int) -> None:
    _CEILING[:] = [megabytes]


def out_of_memory() -> str:
    """Why a reading that raised MemoryError was skipped."""
    return str(LimitExceeded("memory_mb", _CEILING[0])) if _CEILING else "ran out of memory"


# -- counting work ---------------------------------------------------------------------------------
class Budget:
    """What one reader has used of its :class:`Limits`; raises :class:`LimitExceeded` past a cap."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.used: dict[str, int] = dict.fromkeys(("unpacked_mb", "objects", "draws", "pages", "xobject_depth"), 0)
        self.depth = 0

    def charge(self, name: str, amount: int = 1) -> None:
        """Count ``amount`` more of ``name`` (bytes for ``unpacked_mb``); a page is progress too."""
        self.used[name] += amount
        if name == "pages":
            progress()
        cap = getattr(self.limits, name)
        if cap is not None and self.used[name] > cap * (_MB if name == "unpacked_mb" else 1):
            raise LimitExceeded(name, cap)

    def room(self, name: str) -> int | None:
        """How much more of ``name`` may be used (bytes for ``unpacked_mb``); None for no limit."""
        cap = getattr(self.limits, name)
        return None if cap is None else max(0, int(cap * (_MB if name == "unpacked_mb" else 1)) - self.used[name])

    @contextlib.contextmanager
    def nested(self) -> Iterator[None]:
        """One level deeper into drawings that draw drawings."""
        self.depth += 1
        try:
            if self.limits.xobject_depth is not None and self.depth > self.limits.xobject_depth:
                raise LimitExceeded("xobject_depth", self.limits.xobject_depth)
            self.used["xobject_depth"] = max(self.used["xobject_depth"], self.depth)
            yield
        finally:
            self.depth -= 1


# Called when a reader finishes a page: graphkit.reading's workers tell their parent, whose
# deadline for a file then waits while pages keep coming (a 2,000-page PDF of 3 MB).
_PROGRESS: list[Callable[[], None]] = []


def on_progress(callback: Callable[[], None] | None) -> None:
    """Have ``callback`` called whenever a reader in this process finishes a page (None: nothing)."""
    _PROGRESS[:] = [callback] if callback else []


def progress() -> None:
    for callback in _PROGRESS:
        callback()


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


@contextlib.contextmanager
def budget(declared: Limits) -> Iterator[Budget]:
    """A fresh budget for one reader, under the caps ``declared`` with the current overrides."""
    found = Budget(effective_limits(declared, current_overrides()))
    token = _BUDGET.set(found)
    try:
        yield found
    finally:
        _BUDGET.reset(token)


def current_budget() -> Budget:
    """The budget of the reader at work; an unlimited one outside any reader."""
    return _BUDGET.get() or Budget(Limits())


def charge(name: str, amount: int = 1) -> None:
    """Charge the budget of the reader at work (nothing happens outside a reader)."""
    found = _BUDGET.get()
    if found is not None:
        found.charge(name, amount)


def inflate(data: bytes, wbits: int = zlib.MAX_WBITS) -> bytes:
    """``zlib.decompress`` that stops as soon as the reader's ``unpacked_mb`` is used up.

    A 2 GiB bomb costs its cap, not 2 GiB: the output is made 16 MB at a time and
    charged as it comes.

    >>> with budget(Limits(unpacked_mb=1)):
    ...     inflate(zlib.compress(bytes(2 << 20)))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphkit.formats.limits.LimitExceeded: more than 1 MB unpacked ...
    """
    if current_budget().room("unpacked_mb") is None:
        out = zlib.decompress(data, wbits)
        charge("unpacked_mb", len(out))
        return out
    inflater = zlib.decompressobj(wbits)
    parts, pending = [], data
    while not inflater.eof:  # a chunk at a time: a bomb is dropped at its cap, not held twice over
        chunk = inflater.decompress(pending, _CHUNK)
        charge("unpacked_mb", len(chunk))
        parts.append(chunk)
        pending = inflater.unconsumed_tail
        if not pending and len(chunk) < _CHUNK:
            break
    if not inflater.eof:  # all input used and the stream not ended: what zlib.decompress calls an error
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return b"".join(parts)


def describe_limits(limits: Limits = DEFAULT_LIMITS) -> str:
    """'seconds=60, seconds_per_mb=60, ...' for help texts."""
    return ", ".join(
        f"{name}={_number(getattr(limits, name))}" for name in LIMIT_NAMES if getattr(limits, name) is not None
    )
