"""Surface forms: case restoration before NER, mention cleaning, matching keys and acronyms.

Pure string functions, shared by extraction (which cleans each mention once, at ingest)
and resolution (which groups mentions by :func:`entity_key`). One module per concern:
``case`` (before NER), ``clean`` (one span into mentions), ``keys`` (matching keys and
name shapes), ``acronyms`` (what a text introduces), ``words`` (the data files).
"""

from .acronyms import find_acronyms
from .case import prepare_for_ner, restore_case
from .clean import MAX_FORM_TOKENS, CleanMention, clean_mention, title_before, title_ending
from .keys import entity_key, generational_suffix, is_acronym, is_well_cased, known_places, name_tokens

__all__ = [
    "MAX_FORM_TOKENS",
    "CleanMention",
    "clean_mention",
    "title_before",
    "title_ending",
    "entity_key",
    "find_acronyms",
    "generational_suffix",
    "is_acronym",
    "is_well_cased",
    "known_places",
    "name_tokens",
    "prepare_for_ner",
    "restore_case",
]
