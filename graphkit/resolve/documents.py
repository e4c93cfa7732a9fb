"""Short forms resolved inside each document, to the full names that document introduces.

Within one document a surname ('Sessions'), a given name ('Ivanka'), a title and surname
('Attorney General Sessions', cleaned to 'Sessions'), a nickname ('Bill') or an acronym
('GRU') refers to a compatible full name the document names: the only one it names, or,
when it names several, the one it names most (at least twice as often as any other), or
else the nearest one before the mention. Each decision is kept per mention with its
reason, so ``entities --explain NAME --document FILE`` can show it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..normalize import entity_key, generational_suffix, name_tokens
from ..normalize.words import given_names, office_keys
from .context import Context
from .labels import best_form, head_of
from .model import WATCH, MentionRow, type_of
from .people import HEAD_NOUNS, given_variants, head_types, is_regnal, not_a_name

__all__ = ["resolve_documents", "DOMINANCE_IN_DOCUMENT"]

# A full name named this many times as often as any other compatible one, and this many times
# more, owns the short form: two mentions against one say nothing ("Sergei Ivanov" twice, "Igor
# Ivanov" once, then "Ivanov" right after Igor is Igor).
DOMINANCE_IN_DOCUMENT = 2.0
DOMINANCE_MARGIN = 3
WELL_KNOWN = 10
# A bare head word far from any full name is the one full name of that head its document names
# at least this often, and this many times as often as any other.
HEAD_LEAST = 3
HEAD_DOMINANCE = 3


@dataclass
class _Introduced:
    """The full names of one document, indexed by surname and by given name (and its variants)."""

    by_surname: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    by_given: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    counts: Counter[str] = field(default_factory=Counter)  # group root -> full-name mentions
    acronyms: dict[str, str] = field(default_factory=dict)  # acronym key -> long-form key
    paragraph_of: list[int] = field(default_factory=list)  # position -> paragraph number
    dominant: dict[str, str] = field(default_factory=dict)  # surname -> the corpus's dominant bearer (root)
    by_head: dict[str, list[tuple[int, int, str]]] = field(default_factory=lambda: defaultdict(list))
    # head word -> (paragraph, position, full name) of the names it heads: 'assembly' -> General Assembly


def resolve_documents(ctx: Context) -> None:
    """Set ``ctx.redirect`` for the short-form mentions each document resolves."""
    shorts = _short_keys(ctx)
    heads = bare_heads(ctx)
    acronyms_by_doc: dict[int, dict[str, str]] = defaultdict(dict)
    for doc, long, short in ctx.acronyms:
        lk, sk = entity_key(long), entity_key(short)
        if lk in ctx.keys and sk in ctx.keys:
            acronyms_by_doc[doc][sk] = lk
    dominant = _dominant_bearers(ctx)
    for doc, mentions in _by_document(ctx.mentions).items():
        intro = _introduce(ctx, mentions)
        intro.dominant = dominant
        intro.acronyms = acronyms_by_doc.get(doc, {})
        # Correspondents (issue 12) are people: a word of the text the model calls anything else
        # ("Williams" the pipeline company, in a message from Robert Williams) is not short for one.
        in_text = _introduce(ctx, mentions, text_only=True) if any(m.source != "ner" for m in mentions) else intro
        in_text.dominant = dominant
        for i, m in enumerate(mentions):
            if m.source == WATCH:
                continue  # a watchlist match names the listed entity wherever it stands (issue 18)
            if m.key in intro.acronyms:
                long = intro.acronyms[m.key]
                ctx.redirect[m.id] = (long, f"acronym this document introduces for {best_form(ctx.keys[long])}")
            elif m.key in shorts:
                names = intro if m.label == "PERSON" else in_text
                found = _resolve_short(ctx, names, ctx.spelling.get(m.key, m.key), i)
                if found:
                    ctx.redirect[m.id] = found
            elif m.key in heads and (found := _resolve_head(ctx, intro, m, i)):
                ctx.redirect[m.id] = found


def _by_document(mentions: Sequence[MentionRow]) -> dict[int, list[MentionRow]]:
    out: dict[int, list[MentionRow]] = defaultdict(list)
    for m in mentions:
        out[m.doc].append(m)
    for ms in out.values():
        ms.sort(key=lambda m: (m.paragraph, m.start))
    return out


def _short_keys(ctx: Context) -> set[str]:
    """Keys that may be a short form of a person's name: one alphabetic word that can be a name."""
    heads = head_types()
    return {
        k.key
        for k in ctx.keys.values()
        if " " not in k.key
        and k.key.isalpha()
        and k.key not in HEAD_NOUNS
        and k.key not in heads
        and k.key not in office_keys()  # "the President" is resolve_offices's
        and not not_a_name(k, nationality=False)
    }


def _dominant_bearers(ctx: Context) -> dict[str, str]:
    """Surname -> the group of the person who bears it in the corpus, when one has at least
    ``SURNAME_DOMINANCE`` times the full-name mentions of all the others together.

    Against a bearer named ``WELL_KNOWN`` times or more, a full name seen once is weak evidence
    of another bearer: most are the model's glued fragments ("Yuri Trump", "Paul Jr. Trump"). They
    count as bearers, not as mentions. Against a bearer named twice, one mention is a rival
    ("Sergei Ivanov" twice, "Igor Ivanov" once)."""
    from .rules import SURNAME_DOMINANCE

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for k in ctx.keys.values():
        if k.person and not is_regnal(k.key) and not generational_suffix(k.key):
            counts[name_tokens(k.key)[-1]][ctx.groups.find(k.key)] += k.mentions
    out = {}
    for surname, groups in counts.items():
        ranked = groups.most_common()
        top = ranked[0][1]
        rest = sum(c for _, c in ranked[1:] if c > 1 or top < WELL_KNOWN)
        if len(ranked) > 1 and top >= SURNAME_DOMINANCE * rest:
            out[surname] = ranked[0][0]
    return out


def _introduce(ctx: Context, mentions: list[MentionRow], *, text_only: bool = False) -> _Introduced:
    """The full names ``mentions`` introduce (``text_only``: those of the text, not of headers), by position."""
    intro = _Introduced()
    intro.paragraph_of = [m.paragraph for m in mentions]
    for i, m in enumerate(mentions):
        if text_only and m.source != "ner":
            continue
        k = ctx.keys[m.key]
        if " " in m.key and not k.person and type_of(k) != "PERSON":
            intro.by_head[head_of(m.key)].append((m.paragraph, i, m.key))
        if not k.person or is_regnal(m.key):
            continue
        core = name_tokens(m.key)
        if not generational_suffix(m.key):  # "Trump" is never Trump Jr., who is "Trump Jr."
            intro.by_surname[core[-1]].append((i, m.key))
        for variant in {core[0]} | {v for v in given_variants(core[0]) if len(v) < len(core[0])}:
            intro.by_given[variant].append((i, m.key))  # "Mike" for Michael, not "Serhiy" for Sergey
        intro.counts[ctx.groups.find(m.key)] += 1
    return intro


def _resolve_short(ctx: Context, intro: _Introduced, word: str, position: int) -> tuple[str, str] | None:
    """The full name a short form at ``position`` stands for in this document, and why."""
    if word in intro.dominant:
        key = intro.dominant[word]
        return key, f"surname of {best_form(ctx.keys[key])}, the bearer the corpus names most by far"
    if word in intro.by_surname:
        return _resolve_surname(ctx, intro, word, position)
    if len(word) >= 3 and (word in given_names() or word in intro.by_given):
        return _resolve_given(ctx, intro, word, position)
    return None


def _resolve_given(ctx: Context, intro: _Introduced, word: str, position: int) -> tuple[str, str] | None:
    """A given name alone is the one person of that given name the document names, named before
    it: an e-mail's "Mark," greets a reader, not the Mark Frevert its body names later, and a
    report's "Michael" is nobody's when it names Michael Flynn and Michael Cohen."""
    named = intro.by_given.get(word, [])
    people = {ctx.groups.find(key) for _, key in named}
    before = [(i, key) for i, key in named if i < position]
    if len(people) != 1 or not before:
        return None
    key = before[-1][1]
    return key, f"given name of {best_form(ctx.keys[key])}, the only one this document names"


def _resolve_surname(ctx: Context, intro: _Introduced, word: str, position: int) -> tuple[str, str] | None:
    """A surname is the person of that name the document names: the only one it names, the one it
    names most, or the one named last before it. A surname the corpus gives to one dominant bearer
    (Donald Trump for "Trump", whose family members are named in full) is that bearer's."""
    named = intro.by_surname[word]
    people: dict[str, str] = {}
    for _, key in named:
        people.setdefault(ctx.groups.find(key), key)
    if len(people) == 1:
        key = next(iter(people.values()))
        return key, f"surname of {best_form(ctx.keys[key])}, the only one this document names"
    ranked = sorted(people, key=lambda r: -intro.counts[r])
    first, second = intro.counts[ranked[0]], intro.counts[ranked[1]]
    if first >= DOMINANCE_IN_DOCUMENT * second and first - second >= DOMINANCE_MARGIN:
        key = people[ranked[0]]
        return key, f"surname of {best_form(ctx.keys[key])}, the one this document names most"
    before = [(i, key) for i, key in named if i < position]
    if before:
        key = max(before)[1]
        return key, f"surname of {best_form(ctx.keys[key])}, named last before it in this document"
    return None


def bare_heads(ctx: Context) -> set[str]:
    """Keys that are a head word alone: 'Assembly', 'Charter', 'Summit'."""
    # The generic heads of join_generic_heads ("Office", "Department", "Campaign") are the corpus's
    # own institution wherever they stand ("the Office" of a report is its author's office, even
    # right after the Oval Office): they are left to that rule. Per document they go wrong: the
    # Office named just before "the Office" is as often the Oval Office or the OLC.
    return {k for k in ctx.keys if k in head_types() and k not in HEAD_NOUNS}


def _resolve_head(ctx: Context, intro: _Introduced, m: MentionRow, position: int) -> tuple[str, str] | None:
    """'the Assembly' is the Assembly named in full just before it: in its paragraph or the one
    before; farther away, the one of that head the document names by far the most ('the Office'
    of a report is the report's own office, not the Oval Office named pages earlier)."""
    if ctx.groups.joined(m.key):
        return None  # the corpus has decided what its "Office" is (join_generic_heads): that stands
    named = intro.by_head.get(m.key, [])
    near = [(i, key) for p, i, key in named if i < position and m.paragraph - p <= 1]
    if near:
        key = max(near)[1]
        return key, f"short for {best_form(ctx.keys[key])}, named just before it in this document"
    # Farther away, the one the document names by far the most: a report's "the Office" is its
    # author's Special Counsel's Office, named thirty times, not the Oval Office named twice.
    counts = Counter(ctx.groups.find(key) for _, _, key in named)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < HEAD_LEAST or (len(ranked) > 1 and ranked[0][1] < HEAD_DOMINANCE * ranked[1][1]):
        return None
    key = next(key for _, _, key in named if ctx.groups.find(key) == ranked[0][0])
    return key, f"short for {best_form(ctx.keys[key])}, the one this document names by far the most"
