"""The options every graph is built from, as Python values: types, paragraph kinds, links, min_weight, a window.

The CLI's ``--types``, ``--include``, ``--links``, ``--max-recipients``, ``--min-weight``,
``--since`` and ``--until`` and the API's keywords of the same names end here, checked the same
way and named in errors by their parameter (issue 19). A new option is one more field of
:class:`GraphSpec` and :class:`GraphOptions`, and one more keyword of ``Graphkit.graph``.

>>> spec = graph_spec(types="person, org", include="comments", min_weight=2, since="2016")
>>> spec.types, spec.kinds, spec.min_weight, str(spec.window), spec.links
(('ORG', 'PERSON'), ('body', 'footnote', 'quote', 'comment'), 2, 'since 2016', 'all')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal, TypedDict

from ..dates import PartialDate, Window, parse_iso
from ..errors import BadChoice, BadInput, Setting
from ..graph import kinds_for
from ..vocabulary import DEFAULT_LINKS, DEFAULT_TYPES, KINDS, LINK_CHOICES, MAX_RECIPIENTS

__all__ = ["DateLike", "Names", "Links", "GraphOptions", "GraphSpec", "graph_spec", "names", "at_least"]

DateLike = str | int | dt.date | PartialDate
Names = str | Collection[str]  # "PERSON,ORG" or ["PERSON", "ORG"]
Links = Literal["cooccurrence", "messages", "all"]  # vocabulary.LINKS (issue 12)


class GraphOptions(TypedDict, total=False):
    """The keywords a query forwards to :meth:`graphkit.Graphkit.graph`."""

    types: Names | None
    include: Names
    kinds: Names | None
    links: Links
    max_recipients: int
    min_weight: int
    since: DateLike | None
    until: DateLike | None


@dataclass(frozen=True)
class GraphSpec:
    """One graph of a store, checked and normalised: hashable, so that a handle can cache graphs by it."""

    types: tuple[str, ...] = tuple(sorted(DEFAULT_TYPES))
    kinds: tuple[str, ...] = kinds_for(())
    min_weight: int = 1
    window: Window = Window()
    links: str = DEFAULT_LINKS
    max_recipients: int = MAX_RECIPIENTS


def graph_spec(
    *,
    types: Names | None = None,
    include: Names = (),
    kinds: Names | None = None,
    links: Links = DEFAULT_LINKS,  # type: ignore[assignment]
    max_recipients: int = MAX_RECIPIENTS,
    min_weight: int = 1,
    since: DateLike | None = None,
    until: DateLike | None = None,
) -> GraphSpec:
    """Check and normalise graph options (see :meth:`graphkit.Graphkit.graph`)."""
    if kinds is not None and names(include):
        raise BadInput(
            "pass ", Setting("include"), " (kinds added to the evidence) or ", Setting("kinds"), ", not both"
        )
    return GraphSpec(
        types=tuple(sorted({t.upper() for t in names(types)} or DEFAULT_TYPES)),
        kinds=_exact_kinds(names(kinds)) if kinds is not None else kinds_for([n.lower() for n in names(include)]),
        min_weight=at_least("min_weight", min_weight, 1),
        window=Window(_date(since), _date(until)),
        links=_link_kind(links),
        max_recipients=at_least("max_recipients", max_recipients, 1),
    )


def _link_kind(value: str) -> str:
    if value not in LINK_CHOICES:
        raise BadChoice("links", value, LINK_CHOICES)
    return value


def names(value: Names | None) -> tuple[str, ...]:
    """``"a, b"`` or ``["a", "b"]`` as ``("a", "b")``; None as ``()``.

    >>> names("PERSON, ORG"), names(["GPE"]), names(None)
    (('PERSON', 'ORG'), ('GPE',), ())
    """
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    return tuple(str(v).strip() for v in items if str(v).strip())


def at_least(param: str, value: int, low: int) -> int:
    """``value`` when it is an int of at least ``low``; :class:`BadInput` naming ``param`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise BadInput(Setting(param, value), f" must be a whole number of at least {low}")
    return value


def _exact_kinds(values: tuple[str, ...]) -> tuple[str, ...]:
    for value in values:
        if value not in KINDS:
            raise BadChoice("kinds", value, KINDS)
    return tuple(k for k in KINDS if k in values)


def _date(value: DateLike | None) -> PartialDate | None:
    """A window bound: "2016", "2016-06", "2016-06-09", 2016, a ``datetime.date`` or a PartialDate."""
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    return parse_iso(str(value))
