"""An office used as a name is the person given that title: "the President" is the document's
"President Trump" (issue 14).

A mention of an office (:func:`graphkit.roles.tag_offices`) goes where the titled mentions
of that office went: to the person the document titles so most (twice at least, and three
times as often as anyone else), or else to the one the corpus titles so most (five times at
least, three times as often as anyone else: a report on one president names foreign ones
too). An office no one holds that clearly names nothing, and is dropped with the other bare
titles.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..normalize.words import office_keys
from .context import Context
from .labels import best_form

__all__ = ["resolve_offices", "DOMINANCE", "LEAST_IN_DOCUMENT", "LEAST_IN_CORPUS"]

DOMINANCE = 3
LEAST_IN_DOCUMENT = 2
LEAST_IN_CORPUS = 5


def resolve_offices(ctx: Context) -> None:
    """Set ``ctx.redirect`` for the mentions of an office, to the person who holds it."""
    offices = office_keys()
    if not offices or not ctx.titles:
        return
    in_doc: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    in_corpus: dict[str, Counter[str]] = defaultdict(Counter)
    key_of: dict[str, Counter[str]] = defaultdict(Counter)  # group -> the keys its titled mentions went to
    for m in ctx.mentions:
        office = ctx.titles.get(m.id)
        if office is None:
            continue
        target = ctx.redirect.get(m.id, (m.key, ""))[0]
        group = ctx.groups.find(target)
        in_doc[m.doc, office][group] += 1
        in_corpus[office][group] += 1
        key_of[group][target] += 1
    for m in ctx.mentions:
        if m.key not in offices or m.id in ctx.redirect:
            continue
        group, where = _holder(in_doc.get((m.doc, m.key)), LEAST_IN_DOCUMENT), "this document"
        if group is None:
            group, where = _holder(in_corpus.get(m.key), LEAST_IN_CORPUS), "the corpus"
        if group is not None:
            key = key_of[group].most_common(1)[0][0]
            ctx.redirect[m.id] = (key, f"the {m.form} {where} names most: {best_form(ctx.keys[key])}")


def _holder(counts: Counter[str] | None, least: int) -> str | None:
    if not counts:
        return None
    ranked = counts.most_common(2)
    group, n = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return group if n >= least and n >= DOMINANCE * runner_up else None
