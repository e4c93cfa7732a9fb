"""The mail reader's parts on generated messages (issue 12): every language, marker and address shape.

Real messages are in ``test_mail.py``; these cases are written by hand so each rule is
tested on its own, including the languages the Enron sample does not have.
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.formats import choose_format
from graphkit.formats.mail import looks_like_mail, message_paragraphs, read_eml
from graphkit.formats.mail.people import Person, name_from_address, parse_people
from graphkit.formats.mail.signature import set_aside
from graphkit.formats.mail.thread import subject_kind

PROSE = "Carol White told Dave Brown that Globex will sign the Berlin contract on Friday."

# (separator line, field names for from / sent / to / cc / subject) as each mail program writes them
LANGUAGES = {
    "en": ("-----Original Message-----", "From", "Sent", "To", "Cc", "Subject"),
    "de": ("-----Ursprüngliche Nachricht-----", "Von", "Gesendet", "An", "Cc", "Betreff"),
    "fr": ("-----Message d'origine-----", "De", "Envoyé", "À", "Cc", "Objet"),
    "es": ("-----Mensaje original-----", "De", "Enviado el", "Para", "CC", "Asunto"),
    "it": ("-----Messaggio originale-----", "Da", "Inviato", "A", "Cc", "Oggetto"),
    "nl": ("-----Oorspronkelijk bericht-----", "Van", "Verzonden", "Aan", "CC", "Onderwerp"),
    "pt": ("-----Mensagem original-----", "De", "Enviada em", "Para", "Cc", "Assunto"),
}


def body_with_header(lang: str, *, separator: bool = True) -> str:
    line, sender, sent, to, cc, subject = LANGUAGES[lang]
    block = (
        f"{sender}: White, Carol [mailto:carol.white@globex.example]\n"
        f"{sent}: 4/3/2019 10:15\n"
        f"{to}: Jones, Bob; Alice Smith/HOU/ACME@ACME\n"
        f"{cc}: dave.brown@globex.example\n"
        f"{subject}: Berlin\n\n"
    )
    return f"See below.\n\n{line + chr(10) if separator else ''}{block}{PROSE}\n"


@pytest.mark.parametrize("separator", [True, False])
@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_header_blocks_in_seven_languages_are_parsed_not_prose(lang: str, separator: bool) -> None:
    paragraphs, embedded = message_paragraphs(body_with_header(lang, separator=separator), "FW: Berlin")
    assert [(p.text, p.kind) for p in paragraphs] == [("See below.", None), (PROSE, None)]
    (block,) = embedded
    assert block["role"] == "forward" and block["subject"] == "Berlin" and block["date"] == "4/3/2019 10:15"
    assert block["participants"] == [
        {"role": "from", "name": "Carol White", "address": "carol.white@globex.example"},
        {"role": "to", "name": "Bob Jones", "address": ""},
        {"role": "to", "name": "Alice Smith", "address": "Alice Smith/HOU/ACME@ACME"},
        {"role": "cc", "name": "Dave Brown", "address": "dave.brown@globex.example"},
    ]


@pytest.mark.parametrize(
    ("subject", "role"),
    [("RE: Berlin", "quote"), ("AW: Berlin", "quote"), ("Antw: Berlin", "quote"), ("R: Berlin", "quote")]
    + [(f"{p}: Berlin", "forward") for p in ("FW", "Fwd", "WG", "TR", "RV", "I", "ENC", "Doorst")]
    + [("Berlin", "forward")],  # no prefix: an Original Message is content
)
def test_the_subject_says_whether_an_original_is_quoted_or_forwarded(subject: str, role: str) -> None:
    paragraphs, (block,) = message_paragraphs(body_with_header("en"), subject)
    assert block["role"] == role
    assert paragraphs[1].kind == (None if role == "forward" else "quote")
    if role == "quote":
        assert paragraphs[1].why == "quoted reply from Carol White, 4/3/2019 10:15"


@pytest.mark.parametrize(
    "marker",
    [
        "---------- Forwarded message ---------",  # Gmail
        "Begin forwarded message:",  # Apple Mail
        "-------- Forwarded Message --------",  # Thunderbird
        "---------- Weitergeleitete Nachricht ----------",
        "Début du message réexpédié :",
        "---------------------- Forwarded by Jeff Skilling/Corp/Enron on 05/17/2000 02:04 PM ---------------------------",
    ],
)
def test_forward_markers_keep_the_forwarded_text_even_under_a_reply(marker: str) -> None:
    body = f"FYI\n\n{marker}\nFrom: Carol White <carol.white@globex.example>\nDate: Mon, 4 Mar 2019\nSubject: Berlin\nTo: Bob Jones <bob@globex.example>\n\n{PROSE}\n"
    paragraphs, (block,) = message_paragraphs(body, "Re: Berlin")
    assert [(p.text, p.kind) for p in paragraphs] == [("FYI", None), (PROSE, None)]
    assert block["role"] == "forward" and block["from"] == "Carol White <carol.white@globex.example>"


def test_an_outlook_rule_opens_a_header_and_a_wrote_line_opens_a_quote() -> None:
    body = f"Agreed.\n\n________________________________\nFrom: Carol White\nSent: Monday\nTo: Bob Jones\nSubject: RE: Berlin\n\n{PROSE}\n"
    paragraphs, (block,) = message_paragraphs(body, "RE: Berlin")
    assert [p.kind for p in paragraphs] == [None, "quote"] and block["from"] == "Carol White"

    body = f"Agreed.\n\nOn Mon, 4 Mar 2019 at 10:15, Carol White <carol.white@globex.example> wrote:\n> {PROSE}\n>\n> > Bob Jones: Paris?\n"
    paragraphs, embedded = message_paragraphs(body, "Re: Berlin")
    assert [(p.text, p.kind) for p in paragraphs] == [
        ("Agreed.", None),
        (PROSE, "quote"),
        ("Bob Jones: Paris?", "quote"),
    ]
    assert embedded[0]["participants"] == [
        {"role": "from", "name": "Carol White", "address": "carol.white@globex.example"}
    ]
    assert embedded[0]["date"] == "Mon, 4 Mar 2019 at 10:15"


def test_interleaved_replies_keep_the_senders_own_lines() -> None:
    body = "> Can you meet Dave Brown?\nYes, on Monday in Paris.\n> And Globex?\nNo.\n"
    paragraphs, _ = message_paragraphs(body, "Re: plan")
    assert [(p.text, p.kind) for p in paragraphs] == [
        ("Can you meet Dave Brown?", "quote"),
        ("Yes, on Monday in Paris.", None),
        ("And Globex?", "quote"),
        ("No.", None),
    ]


def test_lotus_notes_shapes() -> None:
    one_line = f"We agree.\n\n\tCarol White 05/17/2000 02:04 PM \t   To: Bob Jones/HOU/ECT@ECT  cc: Dave Brown/Corp/Enron@ENRON  Subject: Berlin\t\n\n{PROSE}\n"
    two_lines = f"We agree.\n\nCarol White\n05/17/2000 02:04 PM\nTo: Bob Jones/HOU/ECT@ECT, Dave\nBrown/Corp/Enron@ENRON\ncc:\nSubject: Berlin\n\n{PROSE}\n"
    for body in (one_line, two_lines):
        paragraphs, (block,) = message_paragraphs(body, "Re: Berlin")
        assert [(p.text, p.kind) for p in paragraphs] == [("We agree.", None), (PROSE, "quote")]
        assert (block["from"], block["date"], block["subject"]) == ("Carol White", "05/17/2000 02:04 PM", "Berlin")
        assert [p["name"] for p in block["participants"]] == ["Carol White", "Bob Jones", "Dave Brown"]


def test_a_dated_line_in_prose_is_not_a_notes_header() -> None:
    body = "The board met on 05/17/2000 10:00 AM to discuss it.\nTo: be continued, said Dave Brown.\n"
    paragraphs, embedded = message_paragraphs(body, "Minutes")
    assert not embedded and all(p.kind is None for p in paragraphs)


# -- signatures and disclaimers -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "signature",
    [
        ["Best regards,", "Carol White", "Globex Corp., 1400 Smith Street, Houston, TX 77002", "Tel: +1 713 853 5984"],
        ["Mit freundlichen Grüßen", "Carol White"],
        ["Cordialement,", "Carol White", "Tél. +33 1 42 68 53 00"],
        ["Jeff Skilling 713.853.5984"],
        ["Carol White", "Vice President, Government Affairs", "(713) 853-5984 (office)", "carol.white@globex.example"],
    ],
)
def test_signatures_are_set_aside(signature: list[str]) -> None:
    assert set_aside([PROSE, *signature])[-1][2] in ("signature", "contact details")
    assert set_aside([PROSE, *signature])[0] == (0, 1, "")


@pytest.mark.parametrize(
    "lines",
    [
        ["Please call Kenneth Lay at 713-853-7751 about the Raptor deal before Friday."],
        ["Regards to Carol White and Dave Brown from all of us at the Berlin office, who miss them."],
        ["Bob Jones", "Carol White", "Dave Brown"],  # a list of names is not a signature without contact details
    ],
)
def test_prose_and_lists_of_names_stay(lines: list[str]) -> None:
    assert set_aside(lines) == [(0, len(lines), "")]


@pytest.mark.parametrize(
    "notice",
    [
        "This e-mail is confidential and intended solely for the use of the individual to whom it is addressed. "
        "If you have received it in error, please notify the sender and delete it.",
        "Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Empfänger sind, "
        "informieren Sie bitte sofort den Absender und vernichten Sie diese Mail.",
        "Ce message est confidentiel. Si vous n'êtes pas le destinataire, merci de le détruire et d'en avertir l'expéditeur.",
    ],
)
def test_disclaimers_are_set_aside_even_right_under_the_text(notice: str) -> None:
    assert set_aside(["Thanks,", "Carol", notice]) == [(0, 2, "signature"), (2, 3, "legal disclaimer")]
    assert set_aside([PROSE]) == [(0, 1, "")]  # "confidential" alone in prose is not a disclaimer


def test_a_signature_after_the_delimiter_is_set_aside() -> None:
    paragraphs, _ = message_paragraphs(f"{PROSE}\n\n-- \nCarol White\nHead of Berlin office\n\nGlobex\n", "")
    assert [(p.text, p.kind, p.why) for p in paragraphs] == [
        (PROSE, None, ""),
        ("Carol White", "boilerplate", "signature"),
        ("Head of Berlin office", "boilerplate", "signature"),
        ("Globex", "boilerplate", "signature"),
    ]


# -- correspondents ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "people"),
    [
        ("cindy.olson@enron.com", [Person("Cindy Olson", "cindy.olson@enron.com")]),
        ("Olson, Cindy", [Person("Cindy Olson")]),
        (
            "Kenneth Lay/Corp/Enron@ENRON, Cliff Baxter/HOU/ECT",
            [Person("Kenneth Lay", "Kenneth Lay/Corp/Enron@ENRON"), Person("Cliff Baxter", "Cliff Baxter/HOU/ECT")],
        ),
        (
            '"Lay, Kenneth" <klay@enron.com>, s..smith@enron.com',
            [Person("Kenneth Lay", "klay@enron.com"), Person("S. Smith", "s..smith@enron.com")],
        ),
        ("Skilling, Jeff [mailto:jeff.skilling@enron.com]", [Person("Jeff Skilling", "jeff.skilling@enron.com")]),
        (
            "Williamson, Joannie On Behalf Of Enron Announcements",
            [Person("Joannie Williamson"), Person("Enron Announcements")],
        ),
        ("Dernehl, Ginger </O=ENRON/OU=NA/CN=RECIPIENTS/CN=GDERNEHL>", [Person("Ginger Dernehl")]),
        ("=?utf-8?q?M=C3=BCller=2C_J=C3=BCrgen?= <jm@example.de>", None),  # decoded by the email parser first
    ],
)
def test_address_fields_become_people(value: str, people: list[Person] | None) -> None:
    if people is not None:
        assert parse_people(value) == people


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("cindy.olson@enron.com", "Cindy Olson"),
        ("j..kean@enron.com", "J. Kean"),
        ("mary_ann.o'neil@example.com", "Mary Ann O'Neil"),
        ("jallen2@enron.com", ""),
        ("no.reply@example.com", ""),
        ("enron.announcements@enron.com", ""),
    ],
)
def test_a_name_is_read_from_an_address_only_when_it_holds_one(address: str, name: str) -> None:
    assert name_from_address(address) == name


def test_a_message_names_its_correspondents() -> None:
    message = EmailMessage()
    message["From"] = "=?utf-8?q?M=C3=BCller=2C_J=C3=BCrgen?= <juergen.mueller@example.de>"
    message["To"] = 'cindy.olson@enron.com, "Lay, Kenneth" <klay@enron.com>'
    message["Cc"] = "Kenneth Lay/Corp/Enron@ENRON"
    message["Subject"] = "Treffen"
    message.set_content(PROSE)
    (part,) = read_eml(bytes(message))
    assert part.metadata["participants"] == [
        {"role": "from", "name": "Jürgen Müller", "address": "juergen.mueller@example.de"},
        {"role": "to", "name": "Cindy Olson", "address": "cindy.olson@enron.com"},
        {"role": "to", "name": "Kenneth Lay", "address": "klay@enron.com"},
        {"role": "cc", "name": "Kenneth Lay", "address": "Kenneth Lay/Corp/Enron@ENRON"},
    ]
    assert part.metadata["to"] == "Cindy Olson <cindy.olson@enron.com>, Kenneth Lay <klay@enron.com>"


# -- HTML, sniffing ---------------------------------------------------------------------------------------------------
def test_html_quotes_and_signatures_are_marked_not_dropped() -> None:
    message = EmailMessage()
    message["From"], message["Subject"] = "carol.white@globex.example", "Re: Berlin"
    message.set_content(
        f"<html><body><p>{PROSE}</p><div class='gmail_signature'>Carol White<br>+49 30 1234 5678</div>"
        "<div class='gmail_quote'>On Mon, 4 Mar 2019, Bob Jones &lt;bob@globex.example&gt; wrote:"
        "<blockquote><p>Dave Brown left Globex.</p></blockquote></div></body></html>",
        subtype="html",
    )
    (part,) = read_eml(bytes(message))
    assert [(p.text, p.kind) for p in part.paragraphs] == [
        (PROSE, None),
        ("Carol White", "boilerplate"),
        ("+49 30 1234 5678", "boilerplate"),
        ("Dave Brown left Globex.", "quote"),
    ]
    assert part.metadata["embedded"][0]["from"] == "Bob Jones <bob@globex.example>"
    assert {p.line for p in part.paragraphs} == {0}  # an HTML body's lines are not the file's: unknown


def test_a_plain_body_that_is_html_is_read_as_html() -> None:
    message = EmailMessage()
    message["From"], message["Subject"] = "news@globex.example", "News"
    message.set_content(
        f'<META HTTP-EQUIV="Content-Type" CONTENT="text/html">\n<html><body><p>{PROSE}</p></body></html>'
    )
    (part,) = read_eml(bytes(message))
    assert [p.text for p in part.paragraphs] == [PROSE]


@pytest.mark.parametrize(
    ("head", "mail"),
    [
        (b"Return-Path: <a@x.org>\nReceived: from x\n\tby y\nSubject: Hi\n\nBody", True),
        (b"From a@x.org Mon Mar  4 10:15:00 2019\nFrom: a@x.org\nDate: Mon, 4 Mar 2019\n\nBody", True),
        (b"\xef\xbb\xbfMessage-ID: <1@x>\r\nFrom: a@x.org\r\n\r\nBody", True),
        (b"From: Carol White\nTo: Bob Jones\nThe meeting is off.\n", False),  # a memo, not a header block
        (b"%PDF-1.7\n1 0 obj", False),
        (b"<html><head><title>Subject: x</title>", False),
        (b"date: 2019-03-04\ntitle: Notes\n\ntext", False),
    ],
)
def test_mail_is_recognised_by_its_content(head: bytes, mail: bool) -> None:
    assert looks_like_mail(head) is mail
    expected = (
        "mbox" if head.startswith(b"From a@") else "eml" if mail else "pdf" if head.startswith(b"%PDF") else "text"
    )
    assert choose_format(".txt", head).name == expected  # mail saved as .txt is read as mail (issue 12)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000), st.text(max_size=40))
def test_any_body_reads_without_error_into_numbered_paragraphs(body: str, subject: str) -> None:
    paragraphs, embedded = message_paragraphs(body, subject)
    assert [p.number for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    assert all(p.text.strip() for p in paragraphs)
    assert all(1 <= e["paragraphs"][0] <= e["paragraphs"][1] <= len(paragraphs) for e in embedded if "paragraphs" in e)


def test_subject_prefixes() -> None:
    assert [subject_kind(s) for s in ("Re: x", "RE: FW: x", "Fwd: Re: x", "[ext] FW: x", "Reply needed")] == [
        "reply",
        "reply",
        "forward",
        "forward",
        "",
    ]
