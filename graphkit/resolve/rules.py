"""Corpus-wide rules: each joins groups of keys and leaves a reason. Run in the order of ``RULES``.

A rule is a function of the shared :class:`~graphkit.resolve.context.Context`. To add one,
write the function here (or in its own module), put it in ``RULES`` where it belongs, and
give it a test on a hand-made mention list in ``tests/test_resolve.py``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from ..normalize import entity_key, generational_suffix, known_places, name_tokens
from ..normalize.words import given_names, organisation_words
from ..text import FUNCTION_WORDS, NAME_PARTICLES
from .context import Context
from .documents import resolve_documents
from .labels import best_form, head_of
from .model import KeyStats, type_of
from .people import (
    GENERIC_SUFFIXES,
    HEAD_NOUNS,
    compatible_given,
    head_types,
    is_demonym,
    is_regnal,
    not_a_name,
)
from .roles import resolve_offices

__all__ = ["RULES", "Rule", "SURNAME_DOMINANCE"]

Rule = Callable[[Context], None]
# A surname no document resolves joins the most frequent full name when that one has this many
# times the mentions of all the others together ("Trump" -> Donald Trump, not Ivanka Trump).
SURNAME_DOMINANCE = 4.0
_FUNCTION_WORDS = FUNCTION_WORDS | NAME_PARTICLES  # skipped when a name is spelled as its acronym
# "Inc", "LLC", "Corp" spell no acronym; "Corporation" does (FDIC).
_LEGAL_ABBREVIATIONS = frozenset(w for w in organisation_words().get("legal", frozenset()) if len(w) <= 4)


def join_person_variants(ctx: Context) -> None:
    """'Donald J. Trump' = 'Donald Trump'; 'Don McGahn' = 'Donald McGahn'; 'Bill X' = 'William X';
    'Sergey Ivanovich Kislyak' = 'Sergey Kislyak'."""
    by_surname: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in ctx.keys.values():
        core = name_tokens(k.key)
        if k.person and len(core) >= 2 and not is_regnal(k.key):
            by_surname[(core[-1], generational_suffix(k.key))].append(k.key)
    for members in by_surname.values():
        members.sort(key=lambda m: -ctx.keys[m].mentions)
        for i, other in enumerate(members):
            given = name_tokens(other)[0]
            for anchor in members[:i]:
                if compatible_given(name_tokens(anchor)[0], given) and _same_middles(anchor, other):
                    why = "with a variant of the given name"
                    if name_tokens(anchor)[0] == given:
                        same_core = name_tokens(anchor)[1:-1] == name_tokens(other)[1:-1]
                        why = "without initials" if same_core else "with or without a middle name"
                    ctx.groups.union(anchor, other, f"the same name as {best_form(ctx.keys[anchor])} {why}")
                    break


def _same_middles(a: str, b: str) -> bool:
    """'Sergey Kislyak' and 'Sergey Ivanovich Kislyak', 'Hillary Clinton' and 'Hillary Rodham
    Clinton': the middle names of the shorter are among those of the longer."""
    short, long = sorted((name_tokens(a)[1:-1], name_tokens(b)[1:-1]), key=len)
    return set(short) <= set(long)


def join_suffixed_surnames(ctx: Context) -> None:
    """'Trump Jr.' is 'Donald Trump Jr.' when one person of that surname and suffix dominates."""
    by_suffixed: dict[str, list[str]] = defaultdict(list)
    for k in ctx.keys.values():
        suffix = generational_suffix(k.key)
        if k.person and suffix and len(name_tokens(k.key)) >= 2:
            by_suffixed[f"{name_tokens(k.key)[-1]} {suffix}"].append(k.key)
    for k in ctx.keys.values():
        targets = by_suffixed.get(k.key, [])
        target = _dominant(targets, ctx, allow_suffixed=True) if len(k.key.split()) == 2 and targets else None
        if target is not None:
            ctx.groups.union(target, k.key, f"surname of {best_form(ctx.keys[target])}")


def join_spelling_variants(ctx: Context) -> None:
    """A rare spelling within a small edit distance of a much more frequent name of a compatible
    type ('Manaford' -> 'Manafort', 'United Slates' -> 'United States'). Two frequent names never
    join this way, nor a rare name that is a known place or given name in its own right."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extractOne

    # How often a name is used counts all the forms already joined to it: "Rod J. Rosenstein" is
    # rare as written, frequent as Rod Rosenstein, and "Rod J. Rosonstein" a misreading of it.
    used: Counter[str] = Counter()
    for k in ctx.keys.values():
        used[ctx.groups.find(k.key)] += k.mentions

    def uses(key: str) -> int:
        return used[ctx.groups.find(key)]

    frequent = [k for k in ctx.keys.values() if uses(k.key) >= 5 and _spellable(k.key)]
    choices = {k.key: k.key for k in frequent}
    protected = set(known_places()) | given_names()
    for k in ctx.keys.values():
        if k.mentions > 3 or len(k.key) < 6 or not _spellable(k.key) or k.key in protected:
            continue
        limit = 2 if len(k.key) >= 10 else 1
        hit = extractOne(k.key, choices, scorer=Levenshtein.distance, score_cutoff=limit)
        if hit is None or hit[0] == k.key:
            continue
        other = ctx.keys[hit[0]]
        # The same first letter and length (a letter mistyped or misread: 'Manaford', 'Klslyak'),
        # or one letter more or less inside the word ('Dimitriev'); not a plural or another word
        # ('Trumps', 'Bidens' are families).
        if _ROMAN.search(k.key) or _ROMAN.search(other.key):
            continue  # "Article II" and "Article III" are two articles
        grown = abs(len(other.key) - len(k.key))
        same_shape = other.key[0] == k.key[0] and (grown == 0 or (grown == 1 and other.key[-1] == k.key[-1]))
        words, others = k.key.split(), other.key.split()
        if len(words) > 1 and (len(words) != len(others) or words[:-1] != others[:-1]):
            continue  # in a full name only the surname is misspelt: "Jon Smith" is not John Smith
        if same_shape and uses(other.key) >= 10 * k.mentions and not ctx.groups.conflict(other.key, k.key):
            if ctx.groups.union(other.key, k.key, f"a rare spelling of {best_form(other)} ({hit[1]} letter off)"):
                ctx.spelling[k.key] = other.key


_ROMAN = re.compile(r"(?<!\w)(?=[ivxlcdm]+\b)m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})(?!\w)")


def _spellable(key: str) -> bool:
    return key.replace(" ", "").isalpha()


def join_plurals(ctx: Context) -> None:
    """'Russians' and 'Russian', 'Democrats' and 'Democratic': one group of people."""
    stems: dict[str, list[str]] = defaultdict(list)
    for k in ctx.keys.values():
        if " " not in k.key and type_of(k) in ("NORP", "PERSON") and (type_of(k) == "NORP" or k.key.endswith("s")):
            stems[re.sub(r"(?:s|ic)$", "", k.key)].append(k.key)
    for members in stems.values():
        norp = [m for m in members if type_of(ctx.keys[m]) == "NORP"]
        if norp and len(members) > 1:
            members.sort(key=lambda m: -ctx.keys[m].mentions)
            for other in members:
                if other != norp[0]:
                    ctx.groups.union(norp[0], other, f"another form of {best_form(ctx.keys[norp[0]])}")


def join_acronyms(ctx: Context) -> None:
    """'IRA' joins 'Internet Research Agency': introduced in the text with one long form in the
    whole corpus, or spelled by one name's initials. An acronym introduced with several long
    forms is left to each document (see :mod:`~graphkit.resolve.documents`)."""
    keys, groups = ctx.keys, ctx.groups
    longs: dict[str, set[str]] = defaultdict(set)
    for _doc, long, short in ctx.acronyms:
        lk, sk = entity_key(long), entity_key(short)
        if lk in keys and sk in keys:
            longs[sk].add(lk)
    for sk, lks in longs.items():
        if len({groups.find(lk) for lk in lks}) == 1:
            lk = next(iter(lks))
            groups.union(lk, sk, f"acronym introduced in the text: {best_form(keys[lk])} ({best_form(keys[sk])})")
    spelled = _spelled(keys)
    name_words = {t for k in keys.values() if k.person for t in name_tokens(k.key)}  # "J.D." of J.D. Gordon
    for k in keys.values():
        if k.key in longs or " " in k.key or not 2 <= len(k.key) <= 6 or type_of(k) == "PERSON":
            continue
        if k.key in name_words:
            continue
        if not any(f.isupper() for f in k.forms):
            continue
        if len({groups.find(c) for c in spelled.get(k.key, [])}) == 1:
            target = spelled[k.key][0]
            groups.union(target, k.key, f"acronym of {best_form(keys[target])}, the only name with those initials")


def _spelled(keys: dict[str, KeyStats]) -> dict[str, list[str]]:
    """Initials -> the multi-word names that spell them, whole or after an 'of'; an abbreviated
    legal form spells nothing ('Newark Group Inc.' is NG, not NGI)."""
    spelled: dict[str, list[str]] = defaultdict(list)
    for k in keys.values():
        if k.person or type_of(k) == "PERSON":
            continue
        if k.key.split()[-1] in _LEGAL_ABBREVIATIONS and k.key.rsplit(" ", 1)[0] in keys:
            continue  # "Enron North America Corp." spells what "Enron North America" spells
        tails = [k.key] + [k.key.split(" of ", i)[-1] for i in range(1, k.key.count(" of ") + 1)]
        for tail in tails:
            tokens = [t for t in tail.split() if t not in _FUNCTION_WORDS and t not in _LEGAL_ABBREVIATIONS]
            if len(tokens) >= 2 and all(t[0].isalpha() for t in tokens):
                spelled["".join(t[0] for t in tokens)].append(k.key)
    return spelled


def join_aliases(ctx: Context) -> None:
    """Built-in aliases (``data/aliases.txt``): every form of one canonical name present is joined."""
    by_canonical: dict[str, list[str]] = defaultdict(list)
    for canonical, alias in ctx.aliases:
        for name in (canonical, alias):
            k = entity_key(name)
            if k in ctx.keys and k not in by_canonical[canonical] and type_of(ctx.keys[k]) != "PERSON":
                by_canonical[canonical].append(k)
    for canonical, present in by_canonical.items():
        for k in present[1:]:
            ctx.groups.union(present[0], k, f"built-in alias of {canonical}")


def join_qualified(ctx: Context) -> None:
    """'Russian Foreign Ministry' is 'Foreign Ministry'; 'U.S. Department of Justice' is 'Department
    of Justice'; 'Jumpstart Party' is 'Jumpstart'. A name qualified by two different countries
    ('UN Security Council', 'Russian Security Council') leaves the bare name alone."""
    keys, by_rest = ctx.keys, defaultdict(list)
    headed = _headed_names(ctx)
    for k in keys.values():
        tokens = k.key.split()
        if len(tokens) < 2 or type_of(k) == "PERSON":
            continue
        for i in (1, 2):
            prefix, rest = " ".join(tokens[:i]), " ".join(tokens[i:])
            if rest in keys and _qualifier(prefix, keys) and type_of(keys[rest]) in ("ORG", "FAC"):
                if rest not in HEAD_NOUNS:  # a bare head noun is left to join_generic_heads
                    by_rest[rest].append((k.key, prefix))
        if tokens[-1] in GENERIC_SUFFIXES or _only_headed(k.key, headed):
            base = " ".join(tokens[:-1])
            # "Republican" and "Democrats" are the party's members or an adjective, not the party.
            if base in keys and type_of(keys[base]) != "PERSON" and not is_demonym(keys[base]):
                ctx.groups.union(k.key, base, f"{best_form(k)} without '{tokens[-1]}'")
    same_place = _canonical_names(ctx)
    for rest, qualified in by_rest.items():
        by_place: dict[str, list[str]] = defaultdict(list)
        for full, prefix in qualified:
            by_place[same_place.get(prefix, prefix)].append(full)
        for fulls in by_place.values():  # "U.S. Department of Justice", "United States Department of Justice"
            for other in fulls[1:]:
                ctx.groups.union(fulls[0], other, f"{best_form(keys[fulls[0]])} with another name of its country")
        if len({ctx.groups.find(q) for q, _ in qualified}) == 1:
            full, prefix = qualified[0]
            ctx.groups.union(full, rest, f"{best_form(keys[full])} without '{prefix}'")


def _canonical_names(ctx: Context) -> dict[str, str]:
    """Folded alias -> folded canonical name, from the built-in aliases ('u s' -> 'united states')."""
    out = {}
    for canonical, alias in ctx.aliases:
        out[entity_key(alias)] = out[entity_key(canonical)] = entity_key(canonical)
    return out


def _headed_names(ctx: Context) -> dict[str, list[str]]:
    """A one-word name, not a place, a people nor a person's -> the names that add one
    organisation or building head word to it ('VTB' -> 'VTB Bank', 'Mayflower' -> 'Mayflower Hotel').
    Longer names are left alone: 'African Union Commission' is not 'African Union'."""
    heads = {w for w, t in head_types().items() if t in ("ORG", "FAC")}
    places = known_places()
    out: dict[str, list[str]] = defaultdict(list)
    for k in ctx.keys.values():
        tokens = k.key.split()
        base = tokens[0]
        if len(tokens) == 2 and tokens[-1] in heads and base in ctx.keys and base not in places:
            if not ctx.keys[base].person and not k.person and type_of(ctx.keys[base]) not in ("PERSON", "NORP"):
                out[base].append(k.key)  # not "Soviet" of "Soviet Union"
    return out


def _only_headed(key: str, headed: dict[str, list[str]]) -> bool:
    """The one name the corpus makes of its first words and a head word: 'VTB Bank' for 'VTB',
    not 'Alfa Bank' where 'Alfa Group' is named too."""
    return headed.get(key.rsplit(" ", 1)[0], []) == [key]


def _qualifier(prefix: str, keys: dict[str, KeyStats]) -> bool:
    """A country, nationality or international body before a name: 'U.S.', 'Russian', 'UN'."""
    if prefix in known_places() or prefix in {"un", "united nations", "eu", "european union", "us", "u s"}:
        return True
    p = keys.get(prefix)
    return p is not None and (
        type_of(p) in ("NORP", "GPE") or (type_of(p) == "ORG" and any(f.isupper() for f in p.forms))
    )


_STATE_TITLE = re.compile(
    r"^(?:federal |islamic |united |plurinational |bolivarian |hashemite |independent )?"
    r"(?:republic|kingdom|state|commonwealth|principality|grand duchy|sultanate|federation|emirate)\s+of\s+(.+)$"
)
# Where "Republic of X" and "X" are two states ("Republic of China" is Taiwan; the two Congos, the two Koreas).
_DIVIDED = frozenset({"china", "congo", "korea"})


def join_state_titles(ctx: Context) -> None:
    """'Republic of Haiti' is 'Haiti', 'Kingdom of Saudi Arabia' is 'Saudi Arabia': a state's formal title."""
    places = known_places()
    for k in ctx.keys.values():
        m = _STATE_TITLE.match(k.key)
        if m and m.group(1) in places and m.group(1) in ctx.keys and m.group(1) not in _DIVIDED:
            ctx.groups.union(m.group(1), k.key, f"formal title of {best_form(ctx.keys[m.group(1)])}")


_TAIL = re.compile(r"^(.+?) (?:of|on|for|against|to) .+$")


def join_shortened_names(ctx: Context) -> None:
    """'Universal Declaration' is 'Universal Declaration of Human Rights', 'Paris Agreement' is 'Paris
    Agreement on Climate Change': a name of two words or more and the one longer name it begins."""
    longer: dict[str, list[str]] = defaultdict(list)
    for k in ctx.keys.values():
        m = _TAIL.match(k.key)
        if m and " " in m.group(1) and m.group(1) in ctx.keys and not k.person:
            longer[m.group(1)].append(k.key)
    for short, fulls in longer.items():
        if type_of(ctx.keys[short]) == "PERSON" or ctx.keys[short].person:
            continue
        if len({ctx.groups.find(f) for f in fulls}) == 1:
            ctx.groups.union(fulls[0], short, f"short for {best_form(ctx.keys[fulls[0]])}")


# A place that ends another place's name is a place of its own: the Republic of the Congo, New Guinea.
_NOT_CUT = frozenset({"PERSON", "GPE", "LOC", "NORP"})


def join_cut_names(ctx: Context) -> None:
    """'Nations Security Council' is 'United Nations Security Council', 'Damage Fund' the 'Loss and
    Damage Fund': a name of two words or more that the model cut from the front of the one longer
    name of the corpus it ends, named at least as often as it. A name used more than the longer one
    is a name in its own right ('Security Council' beside one 'Russian Security Council')."""
    by_tail: dict[str, list[str]] = defaultdict(list)
    for k in ctx.keys.values():
        words = k.key.split()
        if len(words) >= 3 and not k.person and type_of(k) not in _NOT_CUT:
            for i in range(1, len(words) - 1):
                if not words[i - 1].endswith(("'s", "’s")):  # "Republic of Korea" is no piece of the DPRK
                    by_tail[" ".join(words[i:])].append(k.key)
    for tail, longer in by_tail.items():
        cut = ctx.keys.get(tail)
        if cut is None or cut.person or type_of(cut) in _NOT_CUT or len({ctx.groups.find(f) for f in longer}) != 1:
            continue
        full = max(longer, key=lambda f: ctx.keys[f].mentions)
        if ctx.keys[full].mentions >= cut.mentions:
            ctx.groups.union(full, tail, f"{best_form(cut)} cut from the front of {best_form(ctx.keys[full])}")


_OF_HEAD = re.compile(r"^(\w+) of (?:the )?(.+)$")


def join_word_order(ctx: Context) -> None:
    """'Justice Department' is 'Department of Justice'; 'Treasury Department' is 'Department of the Treasury'."""
    heads = head_types()
    for k in ctx.keys.values():
        m = _OF_HEAD.match(k.key)
        if not m or m.group(1) not in heads or type_of(k) == "PERSON":
            continue
        flipped = f"{m.group(2)} {m.group(1)}"
        if flipped in ctx.keys and type_of(ctx.keys[flipped]) != "PERSON":
            ctx.groups.union(k.key, flipped, f"{best_form(k)} in another word order")


def join_generic_heads(ctx: Context) -> None:
    """'the Office' is the one Office named in full in the corpus ('Special Counsel's Office')."""
    headed: dict[str, list[str]] = defaultdict(list)
    for k in ctx.keys.values():
        if " " in k.key and type_of(k) != "PERSON":
            headed[head_of(k.key)].append(k.key)
    for k in ctx.keys.values():
        if k.key in HEAD_NOUNS and k.key in headed:
            target = _dominant(headed[k.key], ctx, allow_suffixed=True)
            if target is not None:
                ctx.groups.union(
                    target, k.key, f"short for {best_form(ctx.keys[target])}, the only {k.key} named in full"
                )


def join_leftover_surnames(ctx: Context) -> None:
    """The fallback for what no document resolves: a bare surname whose mentions were not all taken
    by the documents joins the one full name of the corpus that carries it, when that one dominates.
    A word the corpus uses as an organisation is no surname. A bare given name no document resolves
    joins only the one person of the corpus who bears it or a variant of it: across a corpus "Don"
    is as likely Don McGahn as Donald Trump Jr."""
    left_docs: dict[str, set[int]] = defaultdict(set)  # key -> documents where mentions of it are left
    for m in ctx.mentions:
        if m.id not in ctx.redirect:
            left_docs[m.key].add(m.doc)
    # Only names the text says (or a watchlist lists): a correspondent named in headers alone (issue 12)
    # takes the surnames of their own messages (resolve_documents), not every "Williams" of the corpus.
    in_text = {m.key for m in ctx.mentions if not m.source.startswith("header:")}
    surnames: dict[str, list[str]] = defaultdict(list)
    correspondents: dict[str, list[str]] = defaultdict(list)  # surname -> people named in headers alone
    for k in ctx.keys.values():
        if k.person and not is_regnal(k.key):
            core = name_tokens(k.key)
            (surnames if k.key in in_text else correspondents)[core[-1]].append(k.key)
    organisations = organisation_words_of(ctx)
    firsts: dict[str, list[str]] = defaultdict(list)  # a person's given name -> their full names
    for k in ctx.keys.values():
        if k.person and not is_regnal(k.key):
            firsts[name_tokens(k.key)[0]].append(k.key)
    for k in ctx.keys.values():
        if not left_docs[k.key] or " " in k.key or not k.key.isalpha() or not _may_be_name(k, organisations):
            continue
        word = ctx.spelling.get(k.key, k.key)
        if word not in surnames and word in correspondents and 2 * k.titled >= k.mentions:
            # "Mr. Lay", titled more often than not, is a person: the one correspondent of that name
            target = _dominant(correspondents[word], ctx)
            if target is not None:
                why = f"surname of {best_form(ctx.keys[target])}, titled, the only correspondent of that name"
                ctx.groups.union(target, k.key, why)
        elif word in surnames:
            target = _dominant(surnames[word], ctx)
            if target is not None:
                why = f"surname of {best_form(ctx.keys[target])}, the only person of that name"
                ctx.groups.union(target, k.key, why)
        elif (target := _only_bearer_of_given(ctx, word, firsts)) is not None and _named_in_full(
            ctx, target, left_docs[k.key]
        ):
            why = f"given name of {best_form(ctx.keys[target])}, the only person of that given name or its variants"
            ctx.groups.union(target, k.key, why)


def _named_in_full(ctx: Context, key: str, bare_docs: set[int]) -> bool:
    """The person is named in full in at least as many documents as the bare name is left in: a
    mailbox whose one 'Ken Rice' meets 'Ken' in three other e-mails says nothing about whose those
    are (its CEO is 'Ken' too)."""
    root = ctx.groups.find(key)
    docs = set().union(*(k.docs for k in ctx.keys.values() if k.person and ctx.groups.find(k.key) == root))
    return len(docs) >= len(bare_docs)


def _only_bearer_of_given(ctx: Context, word: str, firsts: dict[str, list[str]]) -> str | None:
    """The one person of the corpus whose given name is ``word`` or compatible with it ('Ivanka',
    'Emin'), if only one group holds them all: a 'Don' with Don McGahn and Donald Trump Jr. in the
    corpus, or a 'Michael' with two Michaels, stays alone."""
    if word not in given_names():
        return None
    exact = firsts.get(word, [])
    if not exact:
        return None
    bearers = [key for given, keys in firsts.items() if compatible_given(given, word) for key in keys]
    return exact[0] if len({ctx.groups.find(b) for b in bearers}) == 1 else None


def _may_be_name(k: KeyStats, organisations: set[str]) -> bool:
    """Not a place, nationality, acronym, head noun, nor a word the corpus uses as an organisation."""
    return not (not_a_name(k) or k.key in HEAD_NOUNS or k.key in head_types() or k.key in organisations)


def organisation_words_of(ctx: Context) -> set[str]:
    """Words the corpus uses as an organisation ('Enron', 'Samsung'): voted one, seldom tagged a
    person, never titled, and the first word of a company's or agency's name ('Enron Corp')."""
    heads = head_types()
    firsts = {k.split()[0] for k, v in ctx.keys.items() if " " in k and k.split()[-1] in heads and not v.person}
    return {
        k.key
        for k in ctx.keys.values()
        if k.key in firsts
        and type_of(k) in ("ORG", "FAC", "PRODUCT")
        and not k.titled
        and k.labels["PERSON"] * 5 <= k.mentions
    }


def _dominant(candidates: list[str], ctx: Context, *, allow_suffixed: bool = False) -> str | None:
    """The one full name a bare word stands for, if there is one ("Donald Trump Jr." does not
    take "Trump" from "Donald Trump")."""
    by_group: Counter[str] = Counter()
    plain: dict[str, str] = {}
    for c in candidates:
        root = ctx.groups.find(c)
        by_group[root] += ctx.keys[c].mentions
        if allow_suffixed or not generational_suffix(c):
            plain.setdefault(root, c)
    ranked = sorted(plain, key=lambda r: -by_group[r]) or sorted(by_group, key=lambda r: -by_group[r])
    if not ranked:
        return None
    rest = sum(by_group[r] for r in ranked[1:])
    if rest == 0 or by_group[ranked[0]] >= SURNAME_DOMINANCE * rest:
        return plain.get(ranked[0], ranked[0])
    return None


RULES: list[Rule] = [
    join_person_variants,
    join_suffixed_surnames,
    join_spelling_variants,
    join_plurals,
    join_acronyms,
    join_aliases,
    join_qualified,
    join_word_order,
    join_state_titles,
    join_shortened_names,
    join_cut_names,
    join_generic_heads,
    resolve_documents,  # short forms to the full names each document introduces
    join_leftover_surnames,  # the corpus-wide fallback, for what no document resolved
    resolve_offices,  # "the President": where the document's (or corpus's) titled "President X" went
]
