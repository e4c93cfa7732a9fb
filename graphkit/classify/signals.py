"""What one paragraph reads as, from its own text: running prose, a heading, a table row.

Each test looks at one paragraph and nothing else, so a decision can always be
explained by the paragraph itself (issue 10).
"""

from __future__ import annotations

import re

__all__ = [
    "PROSE_WORDS",
    "is_prose",
    "is_heading",
    "is_title_line",
    "is_numbered_title",
    "is_table_row",
    "is_sentence",
    "is_capitals",
    "addresses_reader",
    "word_count",
]

PROSE_WORDS = 25  # running prose: this many words or more, mostly lowercase, with sentence marks
HEADING_WORDS = 30  # a heading is not longer than this
_LIST_COMMAS = 3  # a line with this many commas is a list of names, not a title
_NAMES_RUN = 7  # a title this long has a minor word ("of", "the", "and"); a run of names has none
_LOWER_SHARE = 0.4  # of the words in lowercase (names and title case make up the rest)
_WORD_SHARE = 0.6  # of the tokens that are words (markup, numbers and codes are not)
_TITLE_SHARE = 0.85  # of the content words capitalised in a title-case line

_WORD = re.compile(r"^[\"'“‘(\[*_]*([^\W\d_][^\W\d_'’.-]*)[\"'”’)\].,;:!?…*_]*$")
_SENTENCE = re.compile(r"[.!?…](?:[\"'”’)\]]*)(?:\s|$)|[;:]\s")
# A heading does not end like a sentence, a clause or an exclamation, nor trail off ("…").
_ENDS_OPEN = re.compile(r"(?:[.,;!…]|\.\.\.|--|\s[-–—])[\"'”’)\]*_]*$")
_LIST_MARK = re.compile(r"^(?:[-*•·▪◦‣–—>]|\(?\d{1,3}\))\s*")
_NUMBERED = re.compile(
    r"^(?:(?:[IVXLC]{1,6}|[ivxlc]{1,6}|\d{1,2}|[A-Za-z])[.)]|\d{1,2}(?:\.\d{1,2})+\.?|§+\s*\d+(?:\.\d+)*)\s+(\S.*)$"
)
# "…ASSEMBLY. I AM…", "…FIX IT! WHEN…": two sentences ("Mr. Trump" and "U.S. Policy" are one; a title may
# ask a question and answer it: "Did KGB Influence Play a Role? Almost Certainly")
_INNER_SENTENCE = re.compile(r"(?:[^\W\d_]{3,}\.|!)[\"'”’)\]]*\s+\S")
_ENCLOSED = re.compile(r"^(?:(?:\[[^\]]*\]|\([^)]*\))\s*)+$")  # "[REDACTED]", "(Pause)": a note standing in for text
_CELLS = re.compile(r"\s\|\s")  # paragraph text has its runs of spaces and tabs folded already
_READER = re.compile(r"\b(?:we|our|ours|us|you|your|yours)\b|\b(?:we|you)['’](?:re|ve|ll)\b", re.IGNORECASE)
# Words a title leaves in lowercase ("Trump and the KGB", "Letter of Intent").
_MINOR = frozenset(
    "a an the and or nor but of in on at to for with by from as into onto over about after before via vs "
    "per than that up out off v v. de la le du des del van von der den da di y et".split()
)


# A title does not end on these; a line that does was broken off a sentence ("…the belief that nations can and").
_OPEN_ENDS = frozenset(
    "a an the and or nor but of in on at to for with by from as into than that our their his her its my your "
    "this these those which who whose whom where when is are was were be been will would shall should can could "
    "may might must has have had".split()
)


# Words that open an address or a salutation, not a title.
_ADDRESS = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. dear your excellency excellencies ladies gentlemen distinguished honourable "
    "honorable madam sir colleagues friends".split()
)


def word_count(text: str) -> int:
    return len(text.split())


def _words(text: str) -> list[str]:
    """The tokens of ``text`` that are words, stripped of quotes and punctuation."""
    return [m.group(1) for m in map(_WORD.match, text.split()) if m]


def is_prose(text: str) -> bool:
    """Running prose: 25+ words, mostly words, many in lowercase, with sentence punctuation.

    >>> is_prose("On June 9, 2016, Donald Trump Jr. met a Russian lawyer at Trump Tower, who had offered "
    ...          "information that would incriminate Hillary Clinton and her dealings with Russia.")
    True
    >>> is_prose("Diplomacy Watch: Ukraine risks losing the war — and the peace")
    False
    """
    tokens = text.split()
    if len(tokens) < PROSE_WORDS:
        return False
    words = _words(text)
    if len(words) < _WORD_SHARE * len(tokens):
        return False
    lower = sum(1 for w in words if w[0].islower())
    return lower >= _LOWER_SHARE * len(words) and bool(_SENTENCE.search(text))


def is_title_line(text: str, *, capitals: bool = True) -> bool:
    """A short line in Title Case (or in capitals) that does not read as a sentence or a broken line.

    ``capitals=False`` for a document written all in capitals, where capitals mark nothing.

    >>> is_title_line("Bottom Line Assessment"), is_title_line("RUSSIA: KREMLIN ASSESSMENT OF TRUMP")
    (True, True)
    >>> is_title_line("Report on interference"), is_title_line("Mr. President,"), is_title_line("- Heads of State")
    (False, False, False)
    >>> is_title_line("SESSION OF THE GENERAL ASSEMBLY. I AM CONFIDENT THAT WITH")
    False
    """
    if word_count(text) > HEADING_WORDS or _ENDS_OPEN.search(text) or _LIST_MARK.match(text):
        return False
    if text.count(",") >= _LIST_COMMAS or _INNER_SENTENCE.search(text) or _ENCLOSED.match(text):
        return False
    words = _words(text)
    last = text.split()[-1].strip("\"'”’)]*_:?").lower()
    if not words or words[0][0].islower() or words[0].lower() in _ADDRESS or last in _OPEN_ENDS:
        return False  # a broken-off line, or an address to someone ("Mr. President", "Your Excellency …")
    if not capitals and is_capitals(text):
        return False
    content = [w for w in words if w.lower() not in _MINOR]
    if len(content) == len(words) >= _NAMES_RUN:
        return False  # "Officers: Rick Causey Dave Delainey Jim Derrick …": names glued in a row, no title
    return bool(content) and sum(1 for w in content if w[0].isupper()) >= _TITLE_SHARE * len(content)


def is_capitals(text: str) -> bool:
    """Written in capitals: most of its letters are upper case."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and sum(1 for ch in letters if ch.isupper()) >= 0.8 * len(letters)


def is_numbered_title(text: str) -> bool:
    """A numbered section title: 'IV. Russian Government Links', '2.3 Results', 'a. Background'.

    A numbered list item reads as a sentence and is not one: '1. The IRA hired trolls in 2014.'
    """
    match = _NUMBERED.match(text)
    return match is not None and is_title_line(match.group(1))


def is_heading(text: str, *, capitals: bool = True) -> bool:
    """A heading: a numbered section title, or a short title-case line that is not a table row."""
    return is_numbered_title(text) or (is_title_line(text, capitals=capitals) and not is_table_row(text))


def is_sentence(text: str) -> bool:
    """A sentence, however short: six words or more and a sentence mark."""
    return word_count(text) >= 6 and bool(_SENTENCE.search(text))


def is_table_row(text: str) -> bool:
    """Cells apart by bars: 'Payee | Amount | Date', '| Payee: | X |' (a Markdown row)."""
    return text.count("|") >= 2 and (len(_CELLS.findall(text)) >= 2 or text.startswith("|"))


def addresses_reader(text: str) -> bool:
    """Written from 'we' to 'you', as an appeal is: two or more such pronouns."""
    return len(_READER.findall(text)) >= 2
