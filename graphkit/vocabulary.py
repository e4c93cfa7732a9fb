"""The words graphkit's data is made of, each list defined once (issue 15): paragraph kinds and entity types.

The CLI's choices and help texts, the graph's defaults and the classifier read them from
here. A light module on purpose: importing it (as the CLI does to build its options)
costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Kind",
    "PARAGRAPH_KINDS",
    "KINDS",
    "EVIDENCE_KINDS",
    "ASIDE_KINDS",
    "KIND_CHOICES",
    "INCLUDE_CHOICES",
    "DEFAULT_TYPES",
    "SPECIFIC_TYPES",
    "PLACE_TYPES",
    "LINKS",
    "LINK_CHOICES",
    "DEFAULT_LINKS",
    "MAX_RECIPIENTS",
]


@dataclass(frozen=True)
class Kind:
    """A kind of paragraph: article body or page furniture (issue 3)."""

    name: str  # as stored in the database and shown with evidence
    plural: str  # as a user names it when asking for it: ``include=("headings",)``
    evidence: bool  # counted in the graph by default; the others only when included


# Every paragraph kind, defined here only (issue 15): classify assigns them, the graph and
# its evidence count the ``evidence`` ones unless others are included by their plural.
PARAGRAPH_KINDS: tuple[Kind, ...] = (
    Kind("body", "body", evidence=True),
    # Footnotes are evidence like body text (issue 13): they count wherever body does.
    Kind("footnote", "footnotes", evidence=True),
    # Quoted replies in e-mail count: most are the only copy an investigator has. The ones whose
    # text the corpus holds elsewhere become "duplicate" after every ingest (issue 12).
    Kind("quote", "quotes", evidence=True),
    Kind("heading", "headings", evidence=False),
    Kind("boilerplate", "boilerplate", evidence=False),
    Kind("comment", "comments", evidence=False),
    # Text the corpus holds twice (issue 12): a quoted reply whose text is in another message or
    # an earlier copy of the thread, a second copy of one message. Counted once, where it first is.
    Kind("duplicate", "duplicates", evidence=False),
)
KINDS: tuple[str, ...] = tuple(k.name for k in PARAGRAPH_KINDS)
EVIDENCE_KINDS: tuple[str, ...] = tuple(k.name for k in PARAGRAPH_KINDS if k.evidence)
ASIDE_KINDS: tuple[str, ...] = tuple(k.name for k in PARAGRAPH_KINDS if not k.evidence)
# What ``graphkit paragraphs --kind`` accepts: a kind, or "aside" for every kind that is not evidence (issue 10).
KIND_CHOICES: tuple[str, ...] = (*KINDS, "aside")
# What ``include`` accepts: the plural of each kind the graph leaves out by default, or "all".
INCLUDE_CHOICES: dict[str, str] = {k.plural: k.name for k in PARAGRAPH_KINDS if not k.evidence} | {"all": "*"}

# The entity types a graph holds unless told otherwise: spaCy's OntoNotes labels that name
# things (dates, times, amounts and numbers are not entities: extract.SKIPPED_LABELS).
DEFAULT_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART")

# What an investigator asks about first: people and organisations. Paths prefer them as
# intermediates, `central` lists them unless told otherwise (issue 16).
SPECIFIC_TYPES = ("PERSON", "ORG")
# Countries, cities, regions and nationalities: named beside everyone, so they connect
# everything and explain nothing; paths avoid them, neighbour lists put them last (issue 16).
PLACE_TYPES = ("GPE", "LOC", "NORP")
# What links two entities (issue 12): sharing a paragraph (``weight``: paragraphs), or mail
# between them (``messages``: messages one sent the other, each message counted once).
LINKS: dict[str, str] = {
    "cooccurrence": "named in the same paragraph",
    "messages": "one wrote to the other",
    "all": "either",
}
LINK_CHOICES: tuple[str, ...] = tuple(LINKS)
# Both unless told otherwise: a corpus without e-mail has no message links, so its graph is the
# co-occurrence graph; a mailbox's correspondents are linked by their mail.
DEFAULT_LINKS = "all"
# A message to more recipients than this is a mailing (an announcement, a newsletter, a
# distribution list), not correspondence between two people: it makes no message links, or its
# sender would be the centre of every mailbox (issue 12). Counted in the graph's summary.
MAX_RECIPIENTS = 20
