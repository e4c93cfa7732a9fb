"""Mentions to entities: all the surface forms of one real entity become one node (issue 14).

Resolution works on mentions, document by document:

1. every mention is grouped with the others of its matching key
   (:func:`~graphkit.normalize.entity_key`: case, accents, periods, articles folded);
2. the corpus-wide rules of :data:`~graphkit.resolve.rules.RULES` join keys, in order, each
   leaving a reason: full names with and without initials or with a nickname, suffixed
   surnames, rare misspellings, plurals, acronyms, built-in aliases, country qualifiers,
   word order, generic heads;
3. within each document, short forms (surname, given name, title and surname, acronym)
   go to the full name that document introduces (:mod:`~graphkit.resolve.documents`);
4. what no document resolved falls back to the corpus: a surname joins the one full name
   that dominates it;
5. the user's curation (``merge``, ``split``, ``rename``, ``ignore``, ``type``) is applied last.

The type of an entity is a weighted vote over its mentions, overruled by a full personal
name (PERSON), a known place or a head word ('Treaty', 'Summit', 'Inc').

This package reads and writes no database: :func:`graphkit.ingest.rebuild_entities` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .context import Context, collect
from .entities import build_entities
from .groups import Groups
from .model import Entity, MentionRow, Resolution
from .people import builtin_aliases, mark_families, mark_people, vote_organisation_words, vote_surname_shapes
from .rules import RULES

__all__ = ["RESOLVER_VERSION", "RULES", "Entity", "MentionRow", "Resolution", "builtin_aliases", "resolve_entities"]

# Bump when the rules change, so an ingest re-resolves a store that did not change.
RESOLVER_VERSION = "13"  # 12: e-mail correspondents are mentions (issue 12) on round 2 of issue 14;
# 13: offices used as names, repeated names, one-off bearers (issue 14, round 3)


def resolve_entities(
    mentions: Sequence[MentionRow],
    *,
    acronyms: Iterable[tuple[int, str, str]] = (),
    curation: Sequence[tuple[str, str, str]] = (),
    aliases: Sequence[tuple[str, str]] | None = None,
    titles: Mapping[int, str] | None = None,
) -> Resolution:
    """Group mentions into entities.

    ``mentions``: every mention of the corpus; ``acronyms``: ``(document, long form, acronym)``
    introduced in the text (:func:`graphkit.normalize.find_acronyms`); ``curation``: ``(op,
    name, arg)`` rules applied last; ``aliases``: ``(canonical, alias)`` pairs (default:
    :func:`builtin_aliases`); ``titles``: mention id -> the office its stripped title names
    (:func:`graphkit.roles.office_before`), so "the President" can go where "President Trump" went.
    """
    keys = collect(mentions)
    mark_people(keys)
    mark_families(keys)
    vote_surname_shapes(keys)
    vote_organisation_words(keys)
    ctx = Context(
        keys,
        Groups(keys),
        mentions,
        acronyms=list(acronyms),
        aliases=builtin_aliases() if aliases is None else aliases,
        titles=titles or {},
    )
    for rule in RULES:
        rule(ctx)
    return build_entities(ctx, curation)
