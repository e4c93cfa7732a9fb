"""Mention cleaning: one raw NER span into zero, one or more clean mentions.

Strips quotes, articles and determiners, titles and ranks (``data/titles.txt``), party
roles and possessives; splits coordinated and joined names; cuts phone numbers, postcodes
and e-mail addresses glued to a name; rejects pronouns, citations, document labels,
salutations and other strings that are never an entity (``data/not_names.txt``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .keys import entity_key, known_places
from .words import fold_word, not_names, organisation_words, surname_titles, titles

__all__ = ["CleanMention", "clean_mention", "title_before", "title_ending", "MAX_FORM_TOKENS"]

# Up to three capitalised words before a title: "U.S. President", "Russian Security Council Secretary".
_MODIFIERS = r"(?:(?:(?i:the|former|then|late|acting|deputy|incoming|outgoing|ex|then-)|[A-Z][\w.'’-]*)\s+){0,3}?"


def _title_alternatives(phrases: tuple[str, ...]) -> str:
    """A regex alternation of title phrases, longest first, periods and spaces optional."""
    out = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [re.escape(w.replace(".", "")) for w in phrase.replace(".", ". ").split()]
        out.append(r"\.?\s*".join(words) + r"\.?")
    return "|".join(out)


@functools.cache
def _title_pattern(*kinds: str) -> re.Pattern[str]:
    """Titles of these kinds (``data/titles.txt``) at the start of a span, followed by a name."""
    phrases = tuple(p for kind in kinds for p in titles().get(kind, ()))
    return re.compile(rf"^{_MODIFIERS}(?P<title>(?i:{_title_alternatives(phrases)}))\s+(?=[^\W\d_])")


@functools.cache
def _title_at_end(*kinds: str) -> re.Pattern[str]:
    """Titles of these kinds at the end of a text, a word of their own ("then-President" too)."""
    phrases = tuple(p for kind in kinds for p in titles().get(kind, ()))
    return re.compile(rf"(?:^|[^\w-]|\b(?:then|former|ex)-)(?P<title>(?i:{_title_alternatives(phrases)}))\s+$")


def title_ending(before: str, *kinds: str) -> str | None:
    """The title of these kinds (default: those stripped before any name) that ends ``before``, the
    text just before a name, as written.

    >>> title_ending("talks with Vice President ", "office"), title_ending("the Chief of Staff ", "office")
    ('Vice President', None)
    """
    m = _title_at_end(*(kinds or ("strong", "role"))).search(before[-60:])
    return m.group("title") if m else None


def title_before(text: str, start: int) -> bool:
    """A title or form of address stands right before ``text[start:]``, outside the model's span:
    "Mr. Lay", where the model tagged "Lay" alone.

    >>> title_before("hosted by Mr. Lay", 14), title_before("the Lay report", 4)
    (True, False)
    """
    return title_ending(text[max(0, start - 60) : start]) is not None


def _strong() -> re.Pattern[str]:
    return _title_pattern("strong", "role")


def _weak() -> re.Pattern[str]:
    return _title_pattern("weak", "regnal")


@functools.cache
def _regnal() -> re.Pattern[str]:
    """'Pope Francis', 'King Charles III': a regnal title and one name name a person together."""
    alt = _title_alternatives(titles().get("regnal", ()))
    return re.compile(rf"^(?i:{alt})\s+[A-Z][\w'’-]+(?:\s+(?:[IVX]+|the\s+\w+))?$")


_POSSESSIVE = re.compile(r"(?:['’`]s|(?<=s)['’`])$", re.IGNORECASE)
_EDGE_PUNCT = "\"'“”‘’«»‹›{}<>,;:!?*•·–—-_/\\|#@~^ \t"
_PRONOUNS = frozenset(
    """i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
    this that these those who whom whose which what there here one someone anyone everyone nobody
    mr mrs ms dr sir madam""".split()
)
_NATIONALITY_END = re.compile(r"(?:ian|ean|can|ese|ish|ic|i)$", re.IGNORECASE)
MAX_FORM_TOKENS = 8
_TITLE_GLUE = frozenset("of on for against in to with and the".split())


@dataclass(frozen=True)
class CleanMention:
    """One cleaned mention: offsets relative to the raw span, the form, and hints."""

    start: int
    end: int
    form: str
    titled: bool = False  # a personal title was stripped: strong evidence of a PERSON


def clean_mention(span: str, label: str) -> list[CleanMention]:
    """Clean one NER span into zero, one or more mentions.

    Strips quotes, a leading "the", titles and roles, and a trailing possessive;
    splits joined strings (``Trump/KGB``, ``Russian-U.S.``); rejects pronouns, spans
    without letters and over-long fragments.

    >>> [m.form for m in clean_mention("Foreign Minister LAVROV’s", "PERSON")]
    ['LAVROV']
    >>> [m.form for m in clean_mention("Russian-U.S.", "NORP")]
    ['Russian', 'U.S.']
    """
    reversed_name = _REVERSED.match(span)
    if reversed_name and _is_given(reversed_name.group(2)) and not _is_given(reversed_name.group(1)):
        # "Schwarz, Lamar" in an address list is Lamar Schwarz
        return [CleanMention(0, reversed_name.end(), f"{reversed_name.group(2)} {reversed_name.group(1)}")]
    out = []
    for start, end in _parts(span, label):
        cleaned = _clean_part(span, start, end, label)
        if cleaned is not None:
            out.append(cleaned)
    return out


# Joiners between two names: "Trump/KGB", "Trump - KGB", "Papadopoulos—“committed", "Label: Name".
_JOINERS = re.compile(
    r"\s*/\s*|\s+[-–—]\s+|[–—]|:\s+"
    r"|(?<=[^\W\d_])[.?!,;]\d+\s*"  # a footnote number glued to a word: "Kennedy.506 Sessions"
    r"|\s+(?!(?:of|the|and|for|on|in|de|du|des|la|le|al|el|von|van|der|den|da|di|del|dos|y|e|to|at|bin|ibn|upon"
    r"|against|with|from|by|under|among|between|within|through|without|into|towards?|over|after|before|via)\b)"
    r"[a-z][\w’']*\s+(?=[A-Z])"  # a lower-case word between two names: "Office that Manafort"
    r"|(?<=[a-z]{2})\.\s+(?=[A-Z])"  # a sentence end inside the span: "National Interest. Simes"
)
# "Sessions and Rosenstein": two people; "Procter and Gamble" stays one organisation.
_PERSON_JOINERS = re.compile(r"\s+(?:and|&)\s+|,\s+")
# What a name never runs on into: an e-mail address or Lotus Notes path (cut with all after it).
_GLUED = (
    re.compile(r"/[A-Z]{2,6}(?:/[A-Z]{2,6})+(?:@|\s|$)|/[A-Z]{2,6}@"),  # Lotus Notes: "Vince J Kaminski/HOU/ECT@ECT"
    re.compile(r"\S*@\S+|\s+@\s*\S|\b(?:https?://|www\.)"),  # "Enron@Enron", "Jeff Skilling @ ENRON"
)
# What a name may be glued to: phone numbers and postcodes (cut out, the rest kept).
_NOISE = re.compile(
    r"(?:\+?\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}"  # 713-853-1234, (713) 853 1234
    r"|(?:,?\s*\b[A-Z]{2}\s+)?\b\d{5}(?:-\d{4})?\b"  # TX 77002, 20530-0001
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b"  # SW1A 1AA
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"  # a date glued to a name: "Jim Piro 01/26/01"
)
_HYPHEN_JOIN = re.compile(r"(?<=[^\W\d_]|\.)-(?=[A-Z])")
# "Justice Department", "President's Office": the title word is part of an institution's name.
_ORG_HEAD = re.compile(
    r"(?:Department|Office|Ministry|Committee|Council|Agency|Bureau|Court|Administration|Commission|Service|"
    r"House|Building|Tower|Foundation|Party|Campaign|Staff|Division|Directorate)\b"
)
_INNER_POSSESSIVE = re.compile(r"['’]s\s+")
_PREFIXED = re.compile(r"^(?:non|pro|anti|ex|post|pre|neo|pan|mid|semi|quasi|counter|inter|intra|trans|sub)-", re.I)
_TRAILING_FUNCTION = re.compile(r"\s+(?:of|and|the|in|on|for|to|at|by|with|from|or|against|upon|towards?)$", re.I)
_ROMAN = re.compile(r"^(?:[IVX]+|jr|sr)$", re.I)
_CITATION = re.compile(r"(?:^|\s)\d+(?:\s|$)")
_ABBREVIATION = re.compile(r"(?:^|\s)[A-Z][a-z]{0,3}\.(?:\s|$)|\b[A-Z]\.[A-Z]\.")
# Words that are not a name on their own, however capitalised ("current International status quo").
_GENERIC_WORDS = frozenset(
    "international national federal state states government governments global world regional local".split()
)
_TITLE_WORDS = frozenset(
    "general officer agent director chairman chief commander colonel major captain spokesman minister secretary".split()
)
_TRUNCATED_ADJECTIVE = re.compile(r"^([A-Z]{2,6})\s+[A-Z][a-z]+(?:al|ic|ical)$")


def _parts(span: str, label: str = "") -> list[tuple[int, int]]:
    """Split a span at joiners, and at a hyphen between two names ('Russian-U.S.', 'U.S.-Iranian')."""
    cuts = [(m.start(), m.end()) for m in _JOINERS.finditer(span)]
    glued = _GLUED[0].search(span) or _GLUED[1].search(span)
    if glued:  # "Jeff Skilling @ ENRON", "Vince J Kaminski/HOU/ECT@ECT": the name is what comes before
        cuts.append((glued.start(), len(span)))
    cuts += [(m.start(), m.end()) for m in _NOISE.finditer(span)]
    cuts += [(m.start(), m.end()) for m in _PERSON_JOINERS.finditer(span) if _coordinated(span, m, label)]
    for m in _HYPHEN_JOIN.finditer(span):
        words = span[: m.start()].split()
        left = words[-1] if words else ""
        if (len(left) >= 5 and _NATIONALITY_END.search(left)) or "." in left or (left.isupper() and len(left) > 1):
            cuts.append((m.start(), m.end()))
        elif entity_key(span) not in known_places() and any(
            entity_key(" ".join(words[-n:])) in known_places() for n in (1, 2, 3) if len(words) >= n
        ):
            cuts.append((m.start(), m.end()))  # "United Kingdom-United States"
    bounds, prev = [], 0
    for cut_start, cut_end in sorted(cuts, key=lambda c: (c[0], -c[1])):
        if cut_start >= prev:
            bounds.append((prev, cut_start))
            prev = cut_end
    bounds.append((prev, len(span)))
    return bounds


_REVERSED = re.compile(r"^([A-Z][a-z][\w'’-]+),\s+([A-Z][a-z]+)$")


def _is_given(word: str) -> bool:
    from .words import given_names

    return word.casefold() in given_names()


def _coordinated(span: str, m: re.Match[str], label: str) -> bool:
    """A comma or 'and' between two names ('Comey, Sessions', 'Patten, Manafort and Kilimnik'),
    not inside one ('Procter and Gamble', 'Johnson & Johnson', 'Acme, Inc.', 'Trump, Jr.')."""
    after = span[m.end() :].split()
    if after and (after[0].casefold().strip(".,") in _SUFFIXES):
        return False
    if label == "PERSON":
        return True
    if "&" in m.group() or label not in _SPLIT_LABELS or entity_key(span) in known_places():
        return False  # "Trinidad and Tobago"
    before = span[: m.start()].split()
    if m.group().strip() == "," or label != "ORG":
        return True
    # "Jeff Sessions and Sergey Kislyak" tagged ORG: two people; "National Counterintelligence and
    # Security Center" is one body.
    return len(before) >= 2 and len(after) >= 2 and _is_given(before[0]) and _is_given(after[0])


_SUFFIXES = frozenset("jr sr ii iii iv".split()) | organisation_words().get("legal", frozenset())
_SPLIT_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})


def _clean_part(span: str, start: int, end: int, label: str) -> CleanMention | None:
    titled = False
    while True:
        before = (start, end)
        while start < end and (span[start] in _EDGE_PUNCT or (span[start] in "([" and _closes_late(span, start, end))):
            start += 1
        while end > start and (span[end - 1] in _EDGE_PUNCT or (span[end - 1] in ")]" and _unopened(span, start, end))):
            end -= 1
        m = _POSSESSIVE.search(span, start, end)
        if m and m.start() > start:
            end = m.start()
        m = _INNER_POSSESSIVE.search(span, start, end)
        rest = span[m.end() : end] if m else ""
        if m and (entity_key(rest) in known_places() or (_is_title(span[start : m.start()]) and " " in rest.strip())):
            start = m.end()  # "the Office’s Russia investigation", "Secretary-General’s SDG Summit"
        m = _LEADING.match(span[start:end])
        if m and end - start > m.end():
            start += m.end()  # "the Kremlin", "this Assembly", enumerators ("b. WikiLeaks"), "s Samsung"
        end = _balanced(span, start, end)
        m = _TRAILING_FUNCTION.search(span[start:end])
        if m:
            end = start + m.start()
        for pattern in (_strong(), _weak()) if label == "PERSON" else (_strong(),):
            m = pattern.match(span[start:end])
            if m and _strippable(span, start, start + m.end(), end) and not _surname_after_given(m):
                start += m.end()
                titled = True
        # A trailing period belongs to abbreviations (U.S., Jr., Inc.), not to a sentence.
        if (
            end - start > 1
            and span[end - 1] == "."
            and not re.search(r"(?:\b\w\.\w\.|\b(?:jr|sr|inc|co|ltd|corp|st)\.)$", span[start:end], re.I)
        ):
            end -= 1
        m = _TRUNCATED_ADJECTIVE.match(span[start:end])
        if m:  # "KGB Political intelligence": the model stopped at a lower-case noun
            end = start + m.end(1)
        if (start, end) == before:
            break
    form = _without_stray_brackets(" ".join(span[start:end].split()))
    if _surname_title(form, "PERSON" if titled else label):
        return CleanMention(start, end, form, titled)  # "Mr. Prince", a PERSON "Prince": a surname
    return CleanMention(start, end, form, titled) if _acceptable(form, label) else None


def _surname_title(form: str, label: str) -> bool:
    """A one-word title that is also a surname, alone, where a person is meant: kept for resolution
    to give to the person its document introduces ('Erik Prince' ... 'Prince')."""
    return label == "PERSON" and form.istitle() and fold_word(form) in surname_titles()


_LEADING = re.compile(
    r"the\s+|(?-i:this|that|these|those|our|your|their|its|his|her|my)\s+"
    r"|(?:[a-hj-z]|[ivx]{1,4}|\d{1,2})[.)]\s+(?=[A-Z])"
    r"|(?-i:[a-z])\s+(?=[A-Z])",
    re.IGNORECASE,
)


def _is_title(text: str) -> bool:
    """The whole of ``text`` is a title or role ('Secretary-General', 'the President')."""
    m = _strong().match(text + " X") or _weak().match(text + " X")
    return bool(m) and m.end() == len(text) + 1 and not _surname_after_given(m)


def _surname_after_given(m: re.Match[str]) -> bool:
    """A title word that is also a surname (``[surname]`` of titles.txt), right after a given name,
    is that person's surname: 'Erik Prince', 'John Major', 'Larry King' name people; 'Crown Prince
    Mohammed', 'Russian President' and 'Erik Businessman' (a glossary's description) do not."""
    before = m.string[: m.start("title")].split()
    title = fold_word(m.group("title"))
    return bool(before) and title in surname_titles() and _is_given(before[-1].strip(".,'’"))


def _strippable(span: str, start: int, name: int, end: int) -> bool:
    """A title at span[start:name] may go: a capitalised name follows, not an institution
    ("Justice Department", "Premier League"), and not a regnal name ("Pope Francis")."""
    if not span[name].isupper() or _ORG_HEAD.match(span, name, end) or _regnal().match(span[start:end]):
        return False
    last = span[start:end].split()[-1].casefold().strip(".")
    words = organisation_words()
    return not any(last in words.get(kind, ()) for kind in ("org", "event", "law", "fac", "legal"))


def _without_stray_brackets(form: str) -> str:
    """'[Vladimir] Putin' seen as 'Vladimir] Putin': the form drops brackets that pair with nothing."""
    for opener, closer in ("()", "[]"):
        if form.count(opener) != form.count(closer):
            form = " ".join(form.replace(opener, " ").replace(closer, " ").split())
    return form


def _closes_late(span: str, start: int, end: int) -> bool:
    """An opening bracket at ``start`` that is not closed before ``end``, or closes the whole span."""
    close = span.find(")" if span[start] == "(" else "]", start, end)
    return close == -1 or close == end - 1


def _unopened(span: str, start: int, end: int) -> bool:
    close = span[end - 1]
    opener = "(" if close == ")" else "["
    return span.count(opener, start, end) < span.count(close, start, end)


def _balanced(span: str, start: int, end: int) -> int:
    """Cut an unclosed bracket and what follows it: "Office [REDACTED", "Section 1512(c)(2"."""
    depth, cut = 0, end
    for i in range(start, end):
        ch = span[i]
        if ch in "([":
            if depth == 0:
                cut = i
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
            if depth == 0:
                cut = end
    return end if depth == 0 else cut


def _acceptable(form: str, label: str = "") -> bool:
    if not any(ch.isalpha() for ch in form) or sum(ch.isalnum() for ch in form) < 2:
        return False  # "2016/130", "N"; "G7" stays
    if form.casefold() in _PRONOUNS and form != "US":
        return False
    if "@" in form:
        return False  # an e-mail or Notes address ("ECT@ECT", "a.b@enron.com") names no one: mail headers do (issue 12)
    if _is_title(form):
        return False  # a bare role ("Secretary of State", "General") names nobody in particular
    if _never_a_name(form):
        return False
    if sum(w.casefold() not in _TITLE_GLUE for w in form.split()) > MAX_FORM_TOKENS or len(form) > 100:
        return False  # counted without function words: the Convention on the Law of the Sea is six
    cased = [ch for ch in form if ch.isalpha() and ch.lower() != ch.upper()]
    if cased and not any(ch.isupper() for ch in cased):
        return False  # "internet operators": no capital anywhere is no proper name
    if _PREFIXED.match(form) or _ROMAN.match(form) or form.casefold() in _GENERIC_WORDS:
        return False  # "pro-Russian", "Ex-CiA", "III", "International"
    if _CITATION.search(form) and _ABBREVIATION.search(form) and label != "LAW":
        return False  # legal citations: "321 F. Supp", "E.D. Va. 2018"
    if _REFERENCE.search(form) or _DOCUMENT_LABEL.match(form) or _ADDRESS.search(form):
        return False  # "4th Cir", "F. Supp. 2d", "McLean SJ Decl", "Exhibit C", "1400 Smith Street"
    words = form.split()
    if label != "PERSON" and len(words) == 2 and words[-1].casefold() in _TITLE_WORDS:
        return False  # "KGB General": a rank, not an organisation
    return True


# Court reporters and circuits, and court-document shorthand at the end of a form.
_REFERENCE = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|D\.?\s?C\.?|Fed\.?)\s*Cir\b|\bCir\.?$"
    r"|\b(?:F\.\s?(?:\d[a-z]{1,2}|Supp)|S\.\s?Ct|L\.\s?Ed|U\.S\.C|C\.F\.R|F\.R\.D|Fed\.\s?Reg)\b"
    r"|\s(?:Decl|Aff|Dep|Tr|Br|Mem|Opp|Compl|Mot|Resp|Ex|Exh)\.?$"
)
# "Exhibit C", "Volume II", "Section 1512(c)(2)", "Appendix C", "Doc. 12": labels of a document's parts.
_DOCUMENT_LABEL = re.compile(
    r"^(?:exhibit|exh?|appendix|app|annex|attachment|volume|vol|section|sec|§|chapter|ch|part|pt|tab|footnote|fn"
    r"|page|pp?|paragraph|para|figure|fig|table|schedule|docket|dkt|doc|ecf|no)\.?\s*"
    r"(?:\d+[a-z]?|[IVXLC]+|[A-Z])\b(?:\W.*)?$",
    re.IGNORECASE,
)
# Street addresses and post boxes: "1400 Smith Street", "Suite 1500", "P.O. Box 1188".
_ADDRESS = re.compile(
    r"^\d+[A-Z]?\s+(?:[A-Z][\w.]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln"
    r"|Way|Place|Pl|Court|Ct|Parkway|Pkwy|Highway|Hwy|Square|Sq)\b\.?"
    r"|^(?:Suite|Ste|Floor|Fl|Room|Rm)\.?\s+\d+|\bP\.?\s?O\.?\s+Box\b|^[A-Z]{2}\s+\d{5}$"
)


def _never_a_name(form: str) -> bool:
    """A salutation, citation shorthand, header word or a company's legal form alone (``data/not_names.txt``)."""
    folded = fold_word(form)
    return folded in not_names() or folded in organisation_words().get("legal", frozenset())
