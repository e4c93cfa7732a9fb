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
"""

from __future__ import annotations

from pathlib import Path

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
BODY_EDGES = {
    ("Alice Smith", "Bob Jones"): (2, 1),
    ("Alice Smith", "Paris"): (1, 1),
    ("Bob Jones", "Paris"): (1, 1),
    ("Alice Smith", "Berlin"): (1, 1),
    ("Bob Jones", "Berlin"): (2, 2),
    ("Acme Corp", "Bob Jones"): (1, 1),
    ("Acme Corp", "Berlin"): (1, 1),
}


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
        )
    owner = {entity_key(form): i for i, _, _, forms in entities for form in forms}
    store.write_entities(
        [(i, label, kind, "|".join(forms)) for i, label, kind, forms in entities],
        [(key, i, "by hand") for key, i in owner.items()],
        [(row[0], owner[row[5]], "by hand") for row in store.mention_rows() if row[5] in owner],
    )
    return store
