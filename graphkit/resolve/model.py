"""What resolution reads and writes: mentions in, key statistics in between, entities out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..normalize import is_well_cased

__all__ = ["WATCH", "MentionRow", "KeyStats", "Entity", "Resolution", "vote_weight", "type_of"]


WATCH = "watch"  # the source of a watchlist match


@dataclass(frozen=True)
class MentionRow:
    """One mention as resolution sees it, in reading order within its document.

    ``source`` says where the mention comes from: ``ner`` for the model, or another tag
    (``header:from``, ``header:to``...) for names a reader takes from document metadata
    such as e-mail headers; such a mention introduces a full name to its document like
    any other (issue 14 leaves room for the correspondents of issue 12's mail reader).
    ``watch`` marks a watchlist match (issue 18): keyed by the listed name, it introduces that
    name to its document, and no document sends it to another entity.
    """

    id: int
    doc: int
    paragraph: int
    start: int
    form: str
    key: str
    label: str
    titled: bool = False
    source: str = "ner"


@dataclass
class KeyStats:
    """Everything the corpus says about one matching key."""

    key: str
    forms: Counter[str] = field(default_factory=Counter)
    votes: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    titled: int = 0
    docs: set[int] = field(default_factory=set)
    person: bool = False  # a full personal name (set by people.mark_people)
    bonus: Counter[str] = field(default_factory=Counter)  # votes the rules add, per mention of the key

    def add_votes(self, label: str, per_mention: float) -> None:
        """A rule's evidence for a type, on top of the model's labels ('the Bidens' are people)."""
        self.votes[label] += per_mention * self.mentions
        self.bonus[label] += per_mention


@dataclass
class Entity:
    label: str
    type: str
    keys: dict[str, str]  # key -> reason it belongs
    forms: Counter[str]
    mentions: int

    @property
    def aliases(self) -> str:
        return "|".join(form for form, _ in self.forms.most_common())


@dataclass
class Resolution:
    """Entities, and for every mention id the index of its entity and why (empty: its key's reason)."""

    entities: list[Entity]
    assigned: dict[int, tuple[int, str]]


def vote_weight(form: str) -> float:
    """How much one mention's label counts: shouted single words are often mislabelled."""
    if form.isupper() and " " not in form and len(form) > 3:
        return 0.3
    if " " in form and is_well_cased(form):
        return 2.0
    return 1.0


def type_of(k: KeyStats) -> str:
    return k.votes.most_common(1)[0][0] if k.votes else "MISC"
