"""Surface forms: case restoration before NER, mention cleaning and matching keys after.

Pure string functions, shared by extraction (which cleans each mention once, at
ingest) and resolution (which groups mentions by :func:`entity_key`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from .text import FUNCTION_WORDS as _FUNCTION_WORDS

__all__ = [
    "CleanMention",
    "restore_case",
    "prepare_for_ner",
    "clean_mention",
    "entity_key",
    "name_tokens",
    "is_well_cased",
    "known_places",
]

# Short capitalised words are usually acronyms (FSB, KGB, US); these longer ones are too.
_ACRONYMS = frozenset(
    """NATO OPEC NASA FIFA UEFA ISIS ISIL UNESCO UNICEF UNHCR UNRWA UNDP UNEP UNFCCC UNGA UNSC UNAMA
    NAFTA ASEAN BRICS AIPAC SWIFT INTERPOL EUROPOL FRONTEX MERCOSUR CARICOM ECOWAS IGAD SADC OSCE OECD
    IAEA WHO NGO NGOS GCHQ MI5 MI6 NSA NKVD GRU SVR KGB CIA FBI DHS DOJ ODNI NCSC SBU HAMAS COVID AIDS
    NYSE NASDAQ CNN MSNBC BBC NPR RBC TASS RIA IRGC FARC ETA HSBC UBS BNP ENI BP NYPD LAPD ICANN IMF""".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _is_acronym(word: str) -> bool:
    """'NATO', and compounds of a known acronym and a short tag: 'FBIHQ', 'CIAHQ'."""
    if word in _ACRONYMS:
        return True
    return any(word.startswith(a) and len(word) - len(a) <= 2 for a in _ACRONYMS if len(a) >= 3)


def restore_case(text: str) -> str:
    """Return ``text`` with shouted words title-cased, keeping every character offset.

    The small English model misses and mislabels names written in capitals
    (``KREMLIN ASSESSMENT OF TRUMP``). Mostly-capital paragraphs are title-cased word
    by word, keeping short acronyms; in ordinary paragraphs only capitalised words of
    four or more letters that are not known acronyms change (``TRUMP`` -> ``Trump``).

    >>> restore_case("PUTIN and LAVROV met the FSB.")
    'Putin and Lavrov met the FSB.'
    """
    letters = [ch for ch in text if ch.isalpha() and ch.lower() != ch.upper()]
    if not letters:
        return text
    shouting = sum(ch.isupper() for ch in letters) > 0.6 * len(letters)
    out = list(text)
    for m in _WORD.finditer(text):
        word = m.group()
        core = re.split(r"['’]", word)[0]
        if not core.isupper():
            continue
        if shouting and core.lower() in _FUNCTION_WORDS:
            new = word.lower() if m.start() > 0 else word[0] + word[1:].lower()
        elif len(core) >= 4 and not _is_acronym(core):
            new = word[0] + word[1:].lower()
        else:
            continue
        if len(new) == len(word):  # a few Unicode case mappings change length; leave those alone
            out[m.start() : m.end()] = new
    return "".join(out)


_REDACTION = re.compile(r"\[(?:REDACTED|redacted|Redacted|HARM TO ONGOING MATTER|PERSONAL PRIVACY|GRAND JURY)\]|█+")


def prepare_for_ner(text: str) -> str:
    """Text as the model should see it, offsets unchanged: case restored, redactions blanked.

    >>> prepare_for_ner("Richard Gates,[REDACTED], Roger STONE")
    'Richard Gates,          , Roger Stone'
    """
    return restore_case(_REDACTION.sub(lambda m: " " * len(m.group()), text))


# Titles and roles that precede a name. Strong ones are stripped whatever the model's
# label; weak ones ("General", "King", "Director") only from PERSON mentions, so that
# "General Motors" and "General Assembly" survive.
_STRONG_TITLES = """
president vice-president vice president prime minister foreign minister defense minister defence minister
interior minister finance minister minister deputy minister secretary of state secretary-general secretary general
secretary senator sen rep representative congressman congresswoman governor gov mayor ambassador chancellor
premier speaker special counsel attorney general deputy attorney general solicitor general judge justice
mr mrs ms mx dr prof professor sir dame his excellency her excellency excellency comrade candidate
first lady national security advisor national security adviser chief of staff spokesman spokeswoman spokesperson
director of national intelligence fbi director cia director ex-president former president president-elect
""".split("\n")
_WEAK_TITLES = """
general gen lt gen lieutenant general major general colonel col captain capt admiral adm commander sergeant
ltg lt col maj gen mg bg sgt cpl pvt
king queen prince princess sheikh emir pope cardinal archbishop bishop rabbi imam father
director deputy director chairman chairwoman chair ceo founder chief leader host anchor analyst economist
commentator journalist reporter correspondent editor oligarch businessman businesswoman billionaire officer agent
lawyer attorney adviser advisor aide lord lady saint st
""".split("\n")
# Up to three capitalised words before a title: "U.S. President", "Russian Security Council Secretary".
_MODIFIERS = r"(?:(?:(?i:the|former|then|late|acting|deputy|incoming|outgoing|ex|then-)|[A-Z][\w.'’-]*)\s+){0,3}?"


def _title_pattern(groups: list[str]) -> re.Pattern[str]:
    phrases = sorted({p for line in groups for p in _phrases(line)}, key=len, reverse=True)
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") + r"\.?" for p in phrases)
    return re.compile(rf"^{_MODIFIERS}(?i:{alt})\s+(?=[^\W\d_])")


def _phrases(line: str) -> list[str]:
    """The titles listed on one line: the known multi-word ones, then single words."""
    known_multi = {
        "vice president",
        "prime minister",
        "foreign minister",
        "defense minister",
        "defence minister",
        "interior minister",
        "finance minister",
        "deputy minister",
        "secretary of state",
        "secretary general",
        "special counsel",
        "attorney general",
        "deputy attorney general",
        "solicitor general",
        "his excellency",
        "her excellency",
        "first lady",
        "national security advisor",
        "national security adviser",
        "chief of staff",
        "director of national intelligence",
        "fbi director",
        "cia director",
        "former president",
        "lt gen",
        "lieutenant general",
        "major general",
        "deputy director",
    }
    out, text = [], " " + " ".join(line.split()) + " "
    for multi in sorted(known_multi, key=len, reverse=True):
        if f" {multi} " in text:
            out.append(multi)
            text = text.replace(f" {multi} ", " ")
    out.extend(text.split())
    return out


_STRONG = _title_pattern(_STRONG_TITLES)
_WEAK = _title_pattern(_WEAK_TITLES)
_POSSESSIVE = re.compile(r"(?:['’`]s|(?<=s)['’`])$", re.IGNORECASE)
_EDGE_PUNCT = "\"'“”‘’«»‹›{}<>,;:!?*•·–—-_/\\|#@~^ \t"
_PRONOUNS = frozenset(
    """i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
    this that these those who whom whose which what there here one someone anyone everyone nobody
    mr mrs ms dr sir madam""".split()
)
_GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})
_NATIONALITY_END = re.compile(r"(?:ian|ean|can|ese|ish|ic|i)$", re.IGNORECASE)
MAX_FORM_TOKENS = 8


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
    r"|\s+(?!(?:of|the|and|for|on|in|de|du|des|la|le|al|el|von|van|der|den|da|di|del|dos|y|e|to|at|bin|ibn|upon)\b)"
    r"[a-z][\w’']*\s+(?=[A-Z])"  # a lower-case word between two names: "Office that Manafort"
    r"|(?<=[a-z]{2})\.\s+(?=[A-Z])"  # a sentence end inside the span: "National Interest. Simes"
)
# "Sessions and Rosenstein": two people; "Procter and Gamble" stays one organisation.
_PERSON_JOINERS = re.compile(r"\s+(?:and|&)\s+|,\s+")
_HYPHEN_JOIN = re.compile(r"(?<=[^\W\d_]|\.)-(?=[A-Z])")
# "Justice Department", "President's Office": the title word is part of an institution's name.
_ORG_HEAD = re.compile(
    r"(?:Department|Office|Ministry|Committee|Council|Agency|Bureau|Court|Administration|Commission|Service|"
    r"House|Building|Tower|Foundation|Party|Campaign|Staff|Division|Directorate)\b"
)
_INNER_POSSESSIVE = re.compile(r"['’]s\s+")
_PREFIXED = re.compile(r"^(?:non|pro|anti|ex|post|pre|neo|pan|mid|semi|quasi|counter|inter|intra|trans|sub)-", re.I)
_TRAILING_FUNCTION = re.compile(r"\s+(?:of|and|the|in|on|for|to|at|by|with|from|or)$", re.I)
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
    if label == "PERSON":
        cuts += [
            (m.start(), m.end())
            for m in _PERSON_JOINERS.finditer(span)
            if not re.match(r",\s+(?:jr|sr|ii|iii|iv)\b", span[m.start() :], re.I)
        ]
    for m in _HYPHEN_JOIN.finditer(span):
        left = span[: m.start()].split()[-1] if span[: m.start()].split() else ""
        if (len(left) >= 5 and _NATIONALITY_END.search(left)) or "." in left or (left.isupper() and len(left) > 1):
            cuts.append((m.start(), m.end()))
    bounds, prev = [], 0
    for cut_start, cut_end in sorted(cuts):
        if cut_start >= prev:
            bounds.append((prev, cut_start))
            prev = cut_end
    bounds.append((prev, len(span)))
    return bounds


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
        if m and entity_key(span[m.end() : end]) in known_places():
            start = m.end()  # "the Office’s Russia investigation": the place, not the office
        m = re.match(r"the\s+|(?:[a-hj-z]|[ivx]{1,4}|\d{1,2})[.)]\s+(?=[A-Z])", span[start:end], re.IGNORECASE)
        if m and end - start > m.end():
            start += m.end()  # "the Kremlin", and outline enumerators: "b. WikiLeaks", "iv) Russia"
        end = _balanced(span, start, end)
        m = _TRAILING_FUNCTION.search(span[start:end])
        if m:
            end = start + m.start()
        for pattern in (_STRONG, _WEAK) if label == "PERSON" else (_STRONG,):
            m = pattern.match(span[start:end])
            if m and span[start + m.end()].isupper() and not _ORG_HEAD.match(span, start + m.end(), end):
                start += m.end()
                titled = titled or pattern is _STRONG or label == "PERSON"
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
    return CleanMention(start, end, form, titled) if _acceptable(form, label) else None


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
    if any((m := p.match(form + " X")) and m.end() == len(form) + 1 for p in (_STRONG, _WEAK)):
        return False  # a bare role ("Secretary of State", "General") names nobody in particular
    if len(form.split()) > MAX_FORM_TOKENS or len(form) > 80:
        return False
    cased = [ch for ch in form if ch.isalpha() and ch.lower() != ch.upper()]
    if cased and not any(ch.isupper() for ch in cased):
        return False  # "internet operators": no capital anywhere is no proper name
    if _PREFIXED.match(form) or _ROMAN.match(form) or form.casefold() in _GENERIC_WORDS:
        return False  # "pro-Russian", "Ex-CiA", "III", "International"
    if _CITATION.search(form) and _ABBREVIATION.search(form) and label != "LAW":
        return False  # legal citations: "321 F. Supp", "E.D. Va. 2018"
    words = form.split()
    if label != "PERSON" and len(words) == 2 and words[-1].casefold() in _TITLE_WORDS:
        return False  # "KGB General": a rank, not an organisation
    return True


_ORDINALS = {
    w: f"{i}{'st' if i == 1 else 'nd' if i == 2 else 'rd' if i == 3 else 'th'}"
    for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)
}


def entity_key(form: str) -> str:
    """The matching key of a form: case, accents, periods, apostrophes and spacing folded.

    >>> entity_key("U.S.") == entity_key("US"), entity_key("Zelníčková")
    (True, 'zelnickova')
    """
    text = unicodedata.normalize("NFKD", form)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("’", "'").replace("‘", "'").replace(".", "")
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"['`]s$", "", text)
    words = re.sub(r"[\"“”«»()\[\]]", " ", text).replace("-", " ").split()
    # "Ministry of the Interior" = "Ministry of Interior"; "Sixth Directorate" = "6th Directorate"
    words = [_ORDINALS.get(w, w) for i, w in enumerate(words) if not (w == "the" and i > 0 and words[i - 1] == "of")]
    return " ".join(words)


def name_tokens(key: str) -> list[str]:
    """Tokens of a person key without middle initials and generational suffixes.

    >>> name_tokens("donald j trump jr")
    ['donald', 'trump']
    """
    tokens = [t.strip(",") for t in key.replace("-", " - ").split()]
    tokens = [t for t in tokens if t and t != "-"]
    core = [t for t in tokens if t not in _GENERATIONAL]
    if len(core) > 2:
        core = [core[0]] + [t for t in core[1:-1] if len(t) > 1] + [core[-1]]
    return core


def generational_suffix(key: str) -> str:
    tokens = key.replace(",", " ").split()
    return tokens[-1] if tokens and tokens[-1] in _GENERATIONAL else ""


def known_places() -> dict[str, str]:
    """Keys of well-known geopolitical names and their type (``graphkit/data/places.txt``)."""
    global _PLACES
    if _PLACES is None:
        text = resources.files("graphkit").joinpath("data/places.txt").read_text(encoding="utf-8")
        places: dict[str, str] = {}
        for line in text.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            type_ = "LOC" if line.startswith("@LOC ") else "GPE"
            for name in line.removeprefix("@LOC ").split("|"):
                places[entity_key(name)] = type_
        _PLACES = places
    return _PLACES


_PLACES: dict[str, str] | None = None


def is_well_cased(form: str) -> bool:
    """True for 'Donald Trump' and 'KGB', false for 'TRUMP', 'Hillary CLINTON' and 'donald trump'."""
    words = re.findall(r"[^\W\d_]+", form)
    if not words:
        return False
    if len(words) == 1 and form.isupper():
        return len(words[0]) <= 3 or words[0] in _ACRONYMS
    shouted = [w for w in words if len(w) >= 4 and w.isupper() and w not in _ACRONYMS]
    return not shouted and any(w[0].isupper() for w in words)
