"""What the query calls of :class:`~graphkit.api.Graphkit` return: plain data, the fields of the CLI's ``--json``.

Each answer is a ``dict`` with exactly the keys ``graphkit COMMAND --json`` prints (so
``json.dumps`` works and a script can move between the two), and :meth:`Result.rows`, the
list of records it is about, one flat ``dict`` each: ``pandas.DataFrame(result.rows())``
makes a table without graphkit importing pandas (issue 19). They are dicts rather than
dataclasses so that a field a later version adds to ``--json`` reaches Python users too.

>>> r = CentralResult(by="degree", types=None, note="", results=[{"name": "a", "type": "PERSON", "score": 2.0}])
>>> r["by"], r.rows()
('degree', [{'name': 'a', 'type': 'PERSON', 'score': 2.0}])
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "Result",
    "PathResult",
    "CentralResult",
    "NeighborsResult",
    "EvidenceResult",
    "TimelineResult",
    "ExplainResult",
]


class Result(dict[str, Any]):
    """A query's answer: a dict of the ``--json`` fields; :meth:`rows` gives its records."""

    ROWS: ClassVar[str] = ""  # the key holding the records

    def rows(self) -> list[dict[str, Any]]:
        """The records this answer is about, one dict each (a copy: change it freely)."""
        return [dict(row) for row in self.get(self.ROWS) or []]


class PathResult(Result):
    """``path``: ``by``, ``path`` (``[{name, type, watched}]``), ``shorter`` (a shorter path it went around,
    or None) and ``hops``; a row per hop: ``source``, ``target``, ``weight``, ``documents``, ``strength``,
    ``evidence``, and with message links ``messages``, ``kind`` and ``messages_evidence``."""

    ROWS = "hops"

    @property
    def names(self) -> list[str]:
        """The entities along the path, in order."""
        return [step["name"] for step in self["path"]]


class CentralResult(Result):
    """``central``: ``by``, ``types``, ``note`` (how it was computed, when sampled) and ``results``;
    a row per entity: ``name``, ``type``, ``score``, ``watched`` (its watchlists, ``|``-joined, or "")."""

    ROWS = "results"


class NeighborsResult(Result):
    """``neighbors``: ``name``, ``by``, ``watched`` and ``neighbors``; a row per neighbour: ``name``,
    ``type``, ``weight`` (shared paragraphs), ``documents``, ``strength``, ``watched``, and with message
    links ``messages`` and ``kind``."""

    ROWS = "neighbors"


class EvidenceResult(Result):
    """``evidence``: ``source``, ``target``, ``evidence`` and, with message links, ``messages``; a row per
    paragraph, then per message: ``file``, ``paragraph``, ``line``, ``kind``, ``text``, ``mentions``
    (character spans), and ``page``, ``date``, ``message`` (sender, recipients, date, subject) ... where known."""

    ROWS = "evidence"

    def rows(self) -> list[dict[str, Any]]:
        return super().rows() + [dict(row) for row in self.get("messages") or []]


class TimelineResult(Result):
    """``timeline``: ``entities``, ``first``, ``last``, ``items`` and ``undated`` (a count); a row per
    paragraph, earliest first: its evidence fields plus ``date``, ``date_source`` and ``snippet``."""

    ROWS = "items"


class ExplainResult(Result):
    """``entities --explain``: the entity (``name``, ``label``, ``type``, ``mentions``, ``documents``,
    ``aliases``, ``degree``), its ``forms`` and, asked for a document, ``document``; a row per form:
    ``form``, ``label`` (the model's), ``mentions``, ``why``."""

    ROWS = "forms"
