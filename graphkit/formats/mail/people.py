"""Correspondents: who sent a message and who received it, as names with addresses (issue 12).

Address fields come in many shapes, and a mailbox mixes them:

- RFC 5322: ``"Olson, Cindy" <cindy.olson@enron.com>``, ``cindy.olson@enron.com``;
- Outlook, in forwarded headers: ``Olson, Cindy; Lay, Kenneth``, ``Jeff Dasovich [mailto:jdasovic@enron.com]``;
- Lotus Notes: ``Kenneth Lay/Corp/Enron@ENRON, Cliff Baxter/HOU/ECT``, ``Ginger Dernehl@EES``;
- the CMU release's ``X-From``/``X-To``: ``Dernehl, Ginger </O=ENRON/OU=NA/CN=RECIPIENTS/CN=GDERNEHL>``.

Each entry becomes a :class:`Person`: a display name in reading order (``Cindy Olson``),
or failing one, a name read from the address (``cindy.olson@enron.com`` -> ``Cindy Olson``),
and the address as written (an e-mail or a Notes address; Exchange directory paths are
not addresses anyone can use and are dropped). :func:`correspondents` pairs a message's
address headers with CMU's name headers, so the graph step can make one person of
``From: cindy.olson@enron.com`` and ``X-From: Olson, Cindy``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = ["Person", "ROLES", "parse_people", "parse_person", "name_from_address", "correspondents", "as_header"]

ROLES = ("from", "to", "cc", "bcc")
_EMAIL = re.compile(r"^[\w.+'&=-]+@[\w-]+(?:\.[\w-]+)+$")
_ANGLE = re.compile(r"^(?P<name>.*?)\s*<(?P<addr>[^<>]*)>\s*$")
_MAILTO = re.compile(r"\[mailto:(?P<addr>[^\]]*)\]", re.I)
_PARENS = re.compile(r"\([^()]*\)")
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv phd md esq".split())
# Local parts that name a mailbox, not a person: "enron.announcements@", "no.reply@".
_ROLE_WORDS = frozenset(
    "admin administrator alert alerts all announce announcements bounce daemon digest enron "
    "feedback group help helpdesk hr info list mail mailer marketing news newsletter noreply "
    "notification notifications office postmaster reply sales service services support team "
    "updates webmaster".split()
)


@dataclass(frozen=True)
class Person:
    """One correspondent: ``name`` may be ``""`` (only an address is known), ``address`` too."""

    name: str
    address: str = ""

    def as_dict(self, role: str) -> dict[str, str]:
        return {"role": role, "name": self.name, "address": self.address}


def parse_people(value: str) -> list[Person]:
    """Every correspondent of an address field, in order.

    >>> parse_people("Olson, Cindy; Kenneth Lay/Corp/Enron@ENRON")
    [Person(name='Cindy Olson', address=''), Person(name='Kenneth Lay', address='Kenneth Lay/Corp/Enron@ENRON')]
    >>> parse_people('"Kaminski, Vince J" <Vince.J.Kaminski@enron.com>, s..smith@enron.com')
    [Person(name='Vince J Kaminski', address='Vince.J.Kaminski@enron.com'), Person(name='S. Smith', address='s..smith@enron.com')]
    """
    people = [parse_person(entry) for entry in split_addresses(value)]
    return [p for p in people if p.name or p.address]


def split_addresses(value: str) -> list[str]:
    """The entries of an address field: split at ``;``, or at commas that do not sit inside a ``Last, First`` name.

    >>> split_addresses("Alamo, Joseph </O=ENRON/CN=JALAMO>, Allen, Joe </O=ENRON/CN=JALLEN2>, b@x.org")
    ['Alamo, Joseph </O=ENRON/CN=JALAMO>', 'Allen, Joe </O=ENRON/CN=JALLEN2>', 'b@x.org']
    >>> split_addresses("Ben Jacoby, Janet R Dietrich")
    ['Ben Jacoby', 'Janet R Dietrich']
    """
    value = _MAILTO.sub(lambda m: f"<{m['addr']}>", value)
    value = re.sub(
        r"\s+on behalf of\s+", "; ", value, flags=re.I
    )  # Outlook: "Joannie Williamson On Behalf Of Enron Announcements"
    separator = ";" if ";" in _outside_quotes(value) else ","
    entries = [e.strip() for e in _split_outside_quotes(value, separator)]
    entries = [e for e in entries if e]
    return entries if separator == ";" else _join_surnames(entries)


def _outside_quotes(value: str) -> str:
    return re.sub(r'"[^"]*"|<[^<>]*>|\([^()]*\)', "", value)


def _split_outside_quotes(value: str, separator: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    closing = ""
    pairs = {'"': '"', "<": ">", "(": ")"}
    for ch in value:
        if closing:
            closing = "" if ch == closing else closing
        elif ch in pairs:
            closing = pairs[ch]
        elif ch == separator:
            out.append("".join(current))
            current = []
            continue
        current.append(ch)
    out.append("".join(current))
    return out


def _join_surnames(entries: list[str]) -> list[str]:
    """Join ``Olson`` and ``Cindy <...>`` back into ``Olson, Cindy <...>``."""
    out: list[str] = []
    i = 0
    while i < len(entries):
        entry = entries[i]
        if i + 1 < len(entries) and _is_surname(entry) and _is_given_name(entries[i + 1]):
            entry = f"{entry}, {entries[i + 1]}"
            i += 1
        out.append(entry)
        i += 1
    return out


def _is_surname(entry: str) -> bool:
    words = entry.strip("'\"").split()
    if not words or any(ch in entry for ch in "@/<>"):
        return False
    return len(words) == 1 or (len(words) == 2 and words[1].lower() in _SUFFIXES)


def _is_given_name(entry: str) -> bool:
    name = _ANGLE.match(entry)
    text = name["name"] if name else entry
    return 0 < len(text.split()) <= 3 and not any(ch in text for ch in "@/")


def parse_person(entry: str) -> Person:
    """One address entry as a :class:`Person`.

    >>> parse_person("Dernehl, Ginger </O=ENRON/OU=NA/CN=RECIPIENTS/CN=GDERNEHL>")
    Person(name='Ginger Dernehl', address='')
    >>> parse_person("Richard DiMichele@ENRON COMMUNICATIONS")
    Person(name='Richard DiMichele', address='Richard DiMichele@ENRON COMMUNICATIONS')
    >>> parse_person("GaryP@rioalto.com@ENRON <IMCEANOTES-GaryP+40rioalto+2Ecom+40ENRON@ENRON.com>")
    Person(name='', address='GaryP@rioalto.com')
    >>> parse_person('"Doe, Jane <JDoe@acme.example>" <IMCEANOTES-x@ENRON.com>')  # a whole entry quoted as the name
    Person(name='Jane Doe', address='JDoe@acme.example')
    >>> parse_person("jdoe@acme.example@SMTP@enronXgate"), parse_person("Undisclosed-Recipient:@mailman.example.com")
    (Person(name='', address='jdoe@acme.example'), Person(name='', address=''))
    """
    entry = _MAILTO.sub(lambda m: f"<{m['addr']}>", " ".join(entry.split()))
    entry = re.sub(r">\s*@[\w. -]+$", ">", entry)  # '"Khokher, Zeigham" <z@ivey.uwo.ca>@ENRON': a gateway suffix
    name, address = entry, ""
    if angle := _ANGLE.match(entry):
        name, address = angle["name"], angle["addr"].strip().strip("'\"")
        if not _EMAIL.match(address) or address.upper().startswith("IMCEA"):
            address = ""  # an Exchange directory path or gateway alias ("IMCEANOTES-..."): nobody's address
    name = _PARENS.sub(" ", name).strip(" '\"\t")
    if _ANGLE.match(name):  # '"Doe, Jane <JDoe@acme.example>" <IMCEANOTES-...>': the name is a whole entry
        inner = parse_person(name)
        return Person(inner.name, inner.address or address)
    if email := _email_in(name):  # "GaryP@rioalto.com@ENRON": gateway suffixes
        return Person(name_from_address(email), address or email)
    if "/" in name or ("@" in name and " " in name.split("@")[0]):
        name = name.replace('"', "")  # an e-mail library may quote it: '"Kenneth Lay/Corp/Enron"@ENRON'
        return Person(_notes_name(name), name)  # a Lotus Notes address: "Kenneth Lay/Corp/Enron@ENRON"
    name = display_name(name)
    if any(ch in name for ch in "@<>:"):  # "Undisclosed-Recipient:@host", "@ENRON": no name, and no address either
        name = ""
    return Person(name or (name_from_address(address) if address else ""), address)


def _email_in(text: str) -> str:
    """The e-mail address ``text`` is, once gateway suffixes are cut: ``a@b.com@SMTP@enronXgate`` -> ``a@b.com``."""
    while "@" in text:
        if _EMAIL.match(text):
            return text
        text = text.rsplit("@", 1)[0]
    return ""


def _notes_name(address: str) -> str:
    return display_name(re.split(r"[/@]", address, maxsplit=1)[0])


def display_name(raw: str) -> str:
    """A name in reading order: ``Olson, Cindy`` -> ``Cindy Olson``; ``Hardy Jr, John`` -> ``John Hardy Jr``.

    >>> display_name("Kean, Steven J."), display_name("'Jeff Dasovich'"), display_name("Ward, Kim S (Houston)")
    ('Steven J. Kean', 'Jeff Dasovich', 'Kim S Ward')
    """
    name = " ".join(_PARENS.sub(" ", raw).strip(" '\"\t,;").split())
    if name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        if first and last and first.lower().rstrip(".") not in _SUFFIXES and not any(ch.isdigit() for ch in name):
            name = f"{first} {last}"
    return name


def name_from_address(address: str) -> str:
    """A person's name read from an e-mail address, or ``""`` when it names no one.

    >>> [name_from_address(a) for a in ["cindy.olson@enron.com", "s..smith@enron.com", "earlene.o'connell@enron.com"]]
    ['Cindy Olson', 'S. Smith', "Earlene O'Connell"]
    >>> [name_from_address(a) for a in ["vkaminski@aol.com", "enron.announcements@enron.com", "jallen2@enron.com"]]
    ['', '', '']
    """
    local = address.rsplit("@", 1)[0]
    tokens = [t.rstrip("0123456789") for t in re.split(r"[._-]+", local)]
    tokens = [t for t in tokens if t]
    if len(tokens) < 2 or not all(re.fullmatch(r"[^\W\d_]+(?:'[^\W\d_]+)?", t) for t in tokens):
        return ""
    if any(t.lower() in _ROLE_WORDS for t in tokens) or all(len(t) == 1 for t in tokens):
        return ""
    return " ".join(f"{t.upper()}." if len(t) == 1 else _capitalise(t) for t in tokens)


def _capitalise(token: str) -> str:
    return "'".join(part[:1].upper() + part[1:].lower() for part in token.split("'"))


# -- a message's correspondents -------------------------------------------------------------------
def correspondents(header: Callable[[str], str]) -> list[tuple[str, Person]]:
    """``(role, person)`` for a message's From, To, Cc and Bcc, in that order.

    ``header(name)`` returns a header's value or ``""``. Where the CMU release adds
    ``X-From``/``X-To``/``X-cc``/``X-bcc`` (the display names of the same people), each
    address is paired with its name.
    """
    out: list[tuple[str, Person]] = []
    for role in ROLES:
        addresses, names = parse_people(header(role)), parse_people(header(f"x-{role}"))
        out.extend((role, person) for person in _pair(addresses, names))
    # One address, one name: the fullest the message gives ("Jeffrey A Shankman" in X-cc names the Bcc too).
    fullest: dict[str, str] = {}
    for _, p in out:
        if p.address and len(p.name) > len(fullest.get(p.address.lower(), "")):
            fullest[p.address.lower()] = p.name
    return [(role, Person(fullest.get(p.address.lower(), p.name), p.address)) for role, p in out]


def _pair(addresses: list[Person], names: list[Person]) -> list[Person]:
    if not names:
        return addresses
    if not addresses:
        return names
    if len(addresses) == len(names):
        return [Person(n.name or a.name, a.address or n.address) for a, n in zip(addresses, names, strict=True)]
    unused = list(names)
    out = []
    for person in addresses:
        match = _best_match(person, unused)
        if match is not None:
            unused.remove(match)
            person = Person(match.name, person.address)
        out.append(person)
    return out + unused


def _best_match(person: Person, names: Iterable[Person]) -> Person | None:
    local = set(re.split(r"[._-]+", person.address.rsplit("@", 1)[0].lower()))
    scored = [(len(local & set(n.name.lower().replace(".", "").split())), n) for n in names]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] else None


def as_header(people: Iterable[Person]) -> str:
    """People as one header value for evidence lines: ``Cindy Olson <cindy.olson@enron.com>, Kenneth Lay``."""
    return ", ".join(
        f"{p.name} <{p.address}>" if p.name and _EMAIL.match(p.address) else (p.name or p.address) for p in people
    )
