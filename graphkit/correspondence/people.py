"""Correspondents as people: a message's sender and recipients are mentions of its document (issue 12).

A correspondent with a name (the display name, or one read from the address: see
:mod:`graphkit.formats.mail.people`) is a PERSON mention for resolution, with ``source``
``header:from``, ``header:to``... It stands where its header stands: before the text for
the document's own message, at the first paragraph of a forwarded or quoted one. Like any
full name it introduces itself to its document, so ``Olson`` in the text of a message from
``Olson, Cindy`` is Cindy Olson, and it joins the same person named anywhere else.

Their mention ids are negative (``-row id`` of the correspondent): they share the resolver
with the text's mentions but are no paragraph's, so they make no co-occurrence.
:func:`correspondent_entities` reads the resolver's answer back; :func:`with_addresses`
adds each person's addresses to their aliases, so ``cindy.olson@enron.com`` finds her.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from ..normalize import entity_key
from ..resolve import MentionRow

__all__ = ["header_mentions", "address_names", "correspondent_entities", "with_addresses"]


def header_mentions(rows: Sequence[tuple[int, int, int, str, str, str, str]]) -> list[MentionRow]:
    """Mentions for ``(row id, document, paragraph, name, key, role, address)`` correspondents.

    One without a name takes the name the corpus gives its address most often elsewhere
    (``carol@acme.example`` is Carol White when another message says so); one whose
    address names no one anywhere is no mention.

    >>> rows = [(7, 3, 0, "Cindy Olson", "cindy olson", "to", "co@x.org"), (8, 4, 0, "", "co@x.org", "from", "co@x.org")]
    >>> [(m.id, m.form, m.source) for m in header_mentions(rows)]
    [(-7, 'Cindy Olson', 'header:to'), (-8, 'Cindy Olson', 'header:from')]
    """
    names = address_names(rows)
    out = []
    for row, doc, paragraph, name, _key, role, address in rows:
        name = name or names.get(address.lower(), "")
        if name:
            out.append(MentionRow(-row, doc, paragraph, -1, name, entity_key(name), "PERSON", source=f"header:{role}"))
    return out


def address_names(rows: Iterable[tuple[int, int, int, str, str, str, str]]) -> dict[str, str]:
    """Every address's most frequent name in the corpus (ties: the first met)."""
    counts: dict[str, Counter[str]] = {}
    for *_ids, name, _key, _role, address in rows:
        if name and address:
            counts.setdefault(address.lower(), Counter())[name] += 1
    return {address: found.most_common(1)[0][0] for address, found in counts.items()}


def correspondent_entities(assigned: Mapping[int, tuple[int, str]]) -> list[tuple[int, int]]:
    """``(entity number, correspondent row id)`` from a resolution's ``assigned`` (entity numbers from 1)."""
    return [(entity + 1, -mention) for mention, (entity, _why) in assigned.items() if mention < 0]


def with_addresses(
    aliases: Sequence[str], people: Iterable[tuple[int, int]], addresses: Iterable[tuple[int, str]]
) -> list[str]:
    """``aliases`` (of entities 1, 2, ...) with the addresses of the correspondents each entity is, most used first.

    >>> with_addresses(["Cindy Olson", "Enron"], [(1, 10), (1, 11)], [(10, "cindy.olson@enron.com"), (11, "Cindy.Olson@enron.com")])
    ['Cindy Olson|cindy.olson@enron.com', 'Enron']
    """
    address = dict(addresses)
    found: dict[int, Counter[str]] = {}
    for entity, row in people:
        if address.get(row):
            found.setdefault(entity, Counter())[address[row].lower()] += 1
    out = list(aliases)
    for entity, counts in found.items():
        known = set(out[entity - 1].split("|"))
        extra = [a for a, _n in counts.most_common() if a not in known]
        out[entity - 1] = "|".join([out[entity - 1], *extra]) if out[entity - 1] else "|".join(extra)
    return out
