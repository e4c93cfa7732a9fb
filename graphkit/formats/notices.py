"""What a reader tells the user once per run, not once per file (issue 12).

A reader that falls back (web pages without trafilatura) calls :func:`say_once`; the
ingest pipeline hands :func:`drain`'s lines to its ``warn`` callback, so the CLI prints
them like any other warning and the library prints nothing itself.
"""

from __future__ import annotations

__all__ = ["say_once", "drain"]

_pending: list[str] = []
_said: set[str] = set()


def say_once(message: str) -> None:
    """Queue ``message`` for the user, unless it was already said in this process."""
    if message not in _said:
        _said.add(message)
        _pending.append(message)


def drain() -> list[str]:
    """The messages queued since the last call, oldest first."""
    out = list(_pending)
    _pending.clear()
    return out
