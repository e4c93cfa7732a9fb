"""A store written by hand, without NER or resolution, so every graph built from it can be checked by hand.

Two files. ``a.txt``: (1) Alice Smith met Bob Jones in Paris. (2) Smith and Jones flew to
Berlin. (3) a reader comment naming Carol White, Acme Corp and Alice Smith. ``b.txt``: (1) a
heading naming Acme Corp and Berlin, (2) Bob Jones works for Acme Corp in Berlin, (3) Dave
Brown, alone.

From body paragraphs only, the graph is::

    Alice Smith -2- Bob Jones -2- Berlin      (Bob Jones - Berlin: 2 paragraphs in 2 documents)
         |  \\        |    \\      |
         1   1       1     1     1
         |     \\     |      \\    |
       Paris    Berlin(*)  Acme Corp         Dave Brown (no links)

    edges: Alice-Bob 2, Alice-Paris 1, Bob-Paris 1, Alice-Berlin 1, Bob-Berlin 2, Bob-Acme 1, Acme-Berlin 1

Dates (issue 17): ``a.txt`` is dated June 2016; a1 states June 9, 2016, a2 states nothing (so
June 2016, its document's), a3 states January 15, 2017. ``b.txt`` has no date; b2 states 2017,
b1 and b3 nothing (undated). So Alice-Bob runs from 2016-06 to 2016-06-09, Bob-Berlin from
2016-06 to 2017, and Dave Brown has no date at all.
"""

from __future__ import annotations

from pathlib import Path

from graphkit.dates import ParagraphDate, parse_iso
from graphkit.normalize import entity_key
from graphkit.store import Store, open_store

# id, label, type, surface forms
ENTITIES = [
    (1, "Alice Smith", "PERSON", ["Alice Smith", "Smith"]),
    (2, "Bob Jones", "PERSON", ["Bob Jones", "Jones"]),
    (3, "Carol White", "PERSON", ["Carol White"]),
    (4, "Dave Brown", "PERSON", ["Dave Brown"]),
    (5, "Acme Corp", "ORG", ["Acme Corp"]),
    (6, "Paris", "GPE", ["Paris"]),
    (7, "Berlin", "GPE", ["Berlin"]),
]
# file -> paragraphs (kind, text, forms mentioned in order)
DOCUMENTS = {
    "a.txt": [
        ("body", "Alice Smith met Bob Jones in Paris.", ["Alice Smith", "Bob Jones", "Paris"]),
        ("body", "Smith and Jones flew to Berlin.", ["Smith", "Jones", "Berlin"]),
        ("comment", "Carol White says: Acme Corp paid Alice Smith.", ["Carol White", "Acme Corp", "Alice Smith"]),
    ],
    "b.txt": [
        ("heading", "Acme Corp in Berlin", ["Acme Corp", "Berlin"]),
        ("body", "Bob Jones works for Acme Corp in Berlin.", ["Bob Jones", "Acme Corp", "Berlin"]),
        ("body", "Dave Brown stayed home.", ["Dave Brown"]),
    ],
}
DOCUMENT_DATES = {"a.txt": "2016-06"}
# (file, paragraph number) -> the date the paragraph's own text states
STATED_DATES = {("a.txt", 1): "2016-06-09", ("a.txt", 3): "2017-01-15", ("b.txt", 2): "2017"}
BODY_EDGES = {
    ("Alice Smith", "Bob Jones"): (2, 1),
    ("Alice Smith", "Paris"): (1, 1),
    ("Bob Jones", "Paris"): (1, 1),
    ("Alice Smith", "Berlin"): (1, 1),
    ("Bob Jones", "Berlin"): (2, 2),
    ("Acme Corp", "Bob Jones"): (1, 1),
    ("Acme Corp", "Berlin"): (1, 1),
}


def paragraph_dates(name: str, count: int) -> dict[int, tuple]:
    """The date columns of a file's paragraphs, from STATED_DATES and DOCUMENT_DATES."""
    document = parse_iso(DOCUMENT_DATES[name]) if name in DOCUMENT_DATES else None
    out = {}
    for number in range(1, count + 1):
        own = STATED_DATES.get((name, number))
        pd = ParagraphDate(parse_iso(own) if own else None, own or "", "text" if own else None, document)
        out[number] = pd.as_row()
    return out


def write_hand_store(db: Path, entities=ENTITIES, documents=DOCUMENTS) -> Store:
    """The store above (or another one in the same shape), written straight through the store's writer."""
    store = open_store(db, create=True)
    for name, paragraphs in documents.items():
        rows, mentions = [], []
        for number, (kind, text, forms) in enumerate(paragraphs, 1):
            rows.append((number, number, None, kind, "", text))
            start = 0
            for form in forms:
                start = text.index(form, start)
                mentions.append((number, start, start + len(form), form, "X", form, entity_key(form), 0))
                start += len(form)
        store.replace_document(
            path=f"/hand/{name}",
            name=name,
            sha256=name,
            size=sum(len(t) for _, t, _ in paragraphs),
            format="text",
            title="",
            metadata={},
            model="hand",
            paragraphs=rows,
            mentions=mentions,
            date=(DOCUMENT_DATES[name], "by hand") if name in DOCUMENT_DATES else None,
            paragraph_dates=paragraph_dates(name, len(paragraphs)),
        )
    owner = {entity_key(form): i for i, _, _, forms in entities for form in forms}
    store.write_entities(
        [(i, label, kind, "|".join(forms)) for i, label, kind, forms in entities],
        [(key, i, "by hand") for key, i in owner.items()],
        [(row[0], owner[row[5]], "by hand") for row in store.mention_rows() if row[5] in owner],
    )
    return store


def write_clustered_store(db: Path, *, groups: int = 4, size: int = 90, seed: int = 1) -> Store:
    """A bigger store of known shape for the explorer's first view (issue 16): ``groups`` communities of
    ``size`` people each ("P<g>-<i>") with an organisation at the heart of each ("Org <g>"), and two places
    ("Capital", "Province") named with a bit of everyone. Paragraphs name two or three members of one
    community, an occasional member of another, and now and then a place.
    """
    import random

    rng = random.Random(seed)
    entities, members = [], []
    for g in range(groups):
        names = [f"P{g}-{i}" for i in range(size)]
        members.append(names)
        entities += [(len(entities) + 1 + i, name, "PERSON", [name]) for i, name in enumerate(names)]
        entities.append((len(entities) + 1, f"Org {g}", "ORG", [f"Org {g}"]))
    for place in ("Capital", "Province"):
        entities.append((len(entities) + 1, place, "GPE", [place]))
    paragraphs = []
    for g, names in enumerate(members):
        for _ in range(size * 3):
            forms = rng.sample(names, rng.choice((2, 2, 3)))
            if rng.random() < 0.3:
                forms.append(f"Org {g}")
            if rng.random() < 0.05:
                forms.append(rng.choice(members[(g + 1) % groups]))
            if rng.random() < 0.15:
                forms.append(rng.choice(("Capital", "Province")))
            paragraphs.append(("body", " and ".join(forms) + ".", forms))
    return write_hand_store(db, entities, {"clustered.txt": paragraphs})
