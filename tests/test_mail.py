"""E-mail as investigators receive it (issue 12), on real messages cut from the Enron sample.

The fixtures in ``tests/fixtures/mail/`` are CMU maildir files and an mbox, byte for byte
(see the README there for what each one exercises). Generated cases for every language
and shape are in ``test_mail_parts.py``.
"""

from __future__ import annotations

import email
import json
import re
import shutil
from email.utils import getaddresses
from pathlib import Path

import pytest

from graphkit.corpus import Document, Skipped, find_files, read_documents
from graphkit.store import open_store

MAIL = Path(__file__).parent / "fixtures" / "mail"
MAILDIR = MAIL / "maildir"
FILES = sorted(str(p.relative_to(MAILDIR)) for p in MAILDIR.rglob("*") if p.is_file())
# A header line, or a Lotus Notes address ("Kay Chapman/HOU/ECT@ECT"): never prose.
HEADER_LINE = re.compile(r"^(?:from|to|cc|bcc|sent|subject)\s*:", re.I)  # "Date: May 30" may be a note's
NOTES_ADDRESS = re.compile(r"\w/\w+(?:/\w+)*@\w+")


def read(name: str) -> Document:
    found = read_documents(MAILDIR / name, name)
    assert isinstance(found[0], Document), found
    return found[0]


def texts(doc: Document, kind: str | None = None) -> list[str]:
    return [p.text for p in doc.paragraphs if p.kind == kind]


def embedded(doc: Document) -> list[dict]:
    return doc.metadata.get("embedded", [])


# -- reading mail as it comes ------------------------------------------------------------------------------
def test_maildir_files_are_found_and_read_by_content(tmp_path: Path) -> None:
    found = list(find_files([MAILDIR]))
    assert not [f for f in found if isinstance(f, Skipped)]
    assert sorted(str(Path(*Path(display).parts[1:])) for _, display in found) == FILES  # "1.", "4.": no suffix

    folder = tmp_path / "saved"
    folder.mkdir()
    shutil.copy(MAILDIR / "lavorato-j/inbox/4.", folder / "message.txt")  # mail saved as text
    shutil.copy(MAILDIR / "lavorato-j/inbox/4.", folder / "message")  # no extension at all
    (folder / "notes").write_text("Subject to approval, Ken Lay met the board.\n\nNothing else.\n")  # not mail
    assert sorted(display for _, display in find_files([folder])) == ["saved/message", "saved/message.txt"]
    for name in ("message", "message.txt"):
        (doc,) = read_documents(folder / name, name)
        assert isinstance(doc, Document) and doc.format == "email"
        assert doc.metadata["subject"] == "Dasovich talked to Bryson (Edison CEO)"
    (explicit,) = find_files([folder / "message"])  # named on the command line, no suffix: sniffed too
    assert explicit == (folder / "message", "message")


def test_every_fixture_is_one_email_document() -> None:
    for name in FILES:
        found = read_documents(MAILDIR / name, name)
        assert [type(d) for d in found] == [Document], name
        assert found[0].format == "email" and found[0].paragraphs, name


def test_mbox_and_maildir_give_the_same_documents() -> None:
    box = [d for d in read_documents(MAIL / "mbox" / "lavorato-j-inbox.mbox", "inbox.mbox") if isinstance(d, Document)]
    assert [d.name for d in box] == ["inbox.mbox#1", "inbox.mbox#2", "inbox.mbox#3"]
    maildir = read("lavorato-j/inbox/4.")
    assert [(p.text, p.kind) for p in box[1].paragraphs] == [(p.text, p.kind) for p in maildir.paragraphs]
    assert box[1].metadata == maildir.metadata


def test_paragraph_lines_point_into_the_file() -> None:
    for name in ("delainey-d/sent/2.", "kaminski-v/inbox/4.", "grigsby-m/inbox/1."):
        lines = (MAILDIR / name).read_text(encoding="utf-8", errors="replace").split("\n")
        for p in read(name).paragraphs:
            first = " ".join(lines[p.line - 1].lstrip("> \t").split())
            assert first and p.text.startswith(first[:20].rstrip()), (name, p.line, first, p.text[:40])


# -- forwards are content ------------------------------------------------------------------------------------
def test_a_message_that_only_forwards_keeps_the_forwarded_text() -> None:
    # "Chris Calger 503-464-3735" above an Outlook original, no FW: in the subject (the lost forwards)
    doc = read("lavorato-j/inbox/4.")
    assert texts(doc)[0].startswith("FYI. I ran into Bryson last Friday.")
    assert "Did you know if Lay every talk to Bryson?" in texts(doc)
    assert texts(doc, "boilerplate") == ["Chris Calger", "503-464-3735", "Best,", "Jeff"]
    (forward,) = embedded(doc)
    assert forward["role"] == "forward" and forward["from"] == "Jeff Dasovich"
    assert forward["to"] == "Christopher F. Calger" and forward["date"] == "Monday, October 22, 2001 4:35 PM"


def test_lotus_notes_forwards_and_address_lists_are_headers() -> None:
    doc = read("delainey-d/sent/2.")
    assert texts(doc)[:2] == [
        "Kay, try and schedule me in",
        "FYI - a meeting has been scheduled for May 30 regarding the above subject. If your schedule permits, "
        "please feel free to attend. Also, I am in the process of locating a different room for this meeting. "
        "I will keep you informed of the change.",
    ]
    prose = texts(doc)
    at = prose.index("Date: May 30, 2000")  # a meeting note's "Date:" line is prose, not a header
    assert prose[at : at + 3] == ["Date: May 30, 2000", "Time: 4pm-8pm", "Location: EB47C1"]
    first, second = embedded(doc)
    assert first["marker"] == "Forwarded by David W Delainey/HOU/ECT on 05/17/2000 08:25 PM"
    assert (first["from"], first["date"]) == ("Ginger Dernehl", "05/17/2000 02:04 PM")
    assert {"role": "cc", "name": "Jennifer Burns", "address": "Jennifer Burns/HOU/ECT@ECT"} in first["participants"]
    assert second["participants"][-1] == {
        "role": "cc",
        "name": "Maureen McVicker",
        "address": "Maureen McVicker/HOU/EES@EES",
    }
    assert len([p for p in second["participants"] if p["role"] == "to"]) == 10


def test_a_forward_quoted_with_brackets_is_content() -> None:
    doc = read("whalley-g/inbox/1.")  # "FW: Greetings", the original under "> " lines
    assert "Dear Greg," in texts(doc) and not texts(doc, "quote")
    assert any("Scott Campbell" in t for t in texts(doc))
    assert embedded(doc)[0]["from"] == "Gary Purcell"


def test_notes_sender_lines_open_a_header() -> None:
    # '"Christopher D. Hayes" <glowjax@netcarrier.com> on 06/10/2000 03:21:08 PM' + 'Please respond to' + To:
    doc = read("delainey-d/sent/5.")
    last = embedded(doc)[-1]
    assert last["from"] == "Christopher D. Hayes <glowjax@netcarrier.com>" and last["bcc"] == "Jennifer Fraser"
    assert last["other"] == ['Please respond to "Christopher D. Hayes" <glowjax@netcarrier.com>']
    # Notes "reply with history": "Amitava Dhar" / "26/04/2001 21:23" / To: ...
    (quoted,) = embedded(read("kaminski-v/inbox/5."))
    assert (quoted["role"], quoted["from"], quoted["date"]) == ("quote", "Amitava Dhar", "26/04/2001 21:23")


def test_notes_one_line_headers() -> None:
    doc = read("dasovich-j/sent_items/3.")
    mara, forwarded = embedded(doc)
    assert (mara["from"], mara["to"], mara["subject"]) == ("Susan J Mara", "Jeff Dasovich", "Bond Leg Language, etc.")
    assert forwarded["from"] == "Jeff Dasovich"  # "Jeff Dasovich Sent by: Jeff Dasovich 07/05/2001 12:07 PM"
    assert forwarded["marker"] == "Forwarded by Susan J Mara/NA/Enron on 07/06/2001 10:51 AM"
    assert {"role": "to", "name": "Ann Cohn", "address": "Ann.Cohn@sce.com"} in forwarded["participants"]


def test_a_raw_header_pasted_into_the_body_is_a_header() -> None:
    doc = read("kaminski-v/inbox/35.")  # AOL: "Return-Path:", "Received:"... then the forwarded message
    assert not any(t.startswith(("Received", "Return-Path", "X-")) for p in doc.paragraphs for t in [p.text])
    aol, khokher = embedded(doc)
    assert aol["from"] == "Vince J Kaminski <Vince.J.Kaminski@ENRON.com>"
    assert any(line.startswith("Received: from") for line in aol["other"])  # kept, not prose
    assert khokher["participants"][0] == {"role": "from", "name": "Zeigham Khokher", "address": "zkhokher@ivey.uwo.ca"}
    assert "Hi Vince:" in texts(doc)


# -- quoted replies --------------------------------------------------------------------------------------------
def test_an_outlook_thread_is_quotes_with_their_writers() -> None:
    doc = read("grigsby-m/inbox/1.")
    assert texts(doc) == [
        "I forwarded the invoice to you. It contains all of the calculations. Please let me know when you "
        "would like to meet. I can get Ina to set it up if you need me to."
    ]
    writers = [(e["role"], e["from"]) for e in embedded(doc)]
    assert writers[:4] == [
        ("quote", "Mike Grigsby"),
        ("quote", "Anne Bike"),
        ("quote", "Mike Grigsby"),
        ("quote", "Anne Bike"),
    ]
    assert embedded(doc)[0]["cc"] == "Kim S Ward"  # "Ward, Kim S (Houston)"
    quote = next(p for p in doc.paragraphs if p.kind == "quote")
    assert quote.why == "quoted reply from Mike Grigsby, Wednesday, October 03, 2001 3:03 PM"
    assert quote.text.startswith("Please define close?")


def test_a_wrote_line_attributes_the_quote() -> None:
    doc = read("whalley-g/inbox/3.")  # "Greg.Whalley@enron.com wrote:" then "> " lines
    (quote,) = embedded(doc)
    assert quote["participants"] == [{"role": "from", "name": "Greg Whalley", "address": "Greg.Whalley@enron.com"}]
    assert texts(doc, "quote")[0] == "Return Receipt"
    assert doc.paragraphs[-1].why == "legal disclaimer"  # the quoted Enron notice
    (quote,) = [e for e in embedded(read("dasovich-j/sent_items/24.")) if e.get("role") == "quote"][1:2] or [None]
    assert quote is not None and quote["participants"][0]["name"] == "Jeff Dasovich"  # '"Dasovich, Jeff" wrote:'


# -- signatures, disclaimers ---------------------------------------------------------------------------------------
def test_signatures_contacts_and_disclaimers_are_set_aside_with_a_reason() -> None:
    doc = read("delainey-d/sent/5.")
    aside = {p.text: p.why for p in doc.paragraphs if p.kind == "boilerplate"}
    for text in ("Talk soon,", "Christopher D. Hayes", "GLOWJAX LLC", "Red Hill Pa. 18076", "1340 Moyer Rd."):
        assert text in aside, text  # a signature spread over blank lines
    assert aside["- att1.htm"] == "attachment name"
    assert any(why == "legal disclaimer" and text.startswith("CONFIDENTIALITY") for text, why in aside.items())
    assert "We primarily install, relocate or otherwise put power in service" in " ".join(texts(doc))

    doc = read("dasovich-j/sent_items/2.")  # a disclaimer straight under "Best,\nJeff", no blank line
    assert [(p.text[:20], p.why) for p in doc.paragraphs[-3:]] == [
        ("Best,", "signature"),
        ("Jeff", "signature"),
        ("This e-mail is inten", "legal disclaimer"),
    ]


def test_no_header_line_or_notes_address_reaches_the_text() -> None:
    for name in FILES:
        for p in read(name).paragraphs:
            if p.kind != "boilerplate":
                assert not HEADER_LINE.match(p.text), (name, p.text)
                assert len(NOTES_ADDRESS.findall(p.text)) < 2, (name, p.text)  # an address list


# -- correspondents -------------------------------------------------------------------------------------------------
def test_correspondents_pair_addresses_with_cmu_names() -> None:
    meta = read("kean-s/inbox/3.").metadata
    people = meta["participants"]
    assert people[0] == {"role": "from", "name": "Ginger Dernehl", "address": "ginger.dernehl@enron.com"}
    assert {"role": "to", "name": "Rebecca W. Cantrell", "address": "w..cantrell@enron.com"} in people
    assert {"role": "to", "name": "Steven J. Kean", "address": "j..kean@enron.com"} in people
    assert {"role": "to", "name": "John Hardy Jr", "address": "john.hardy@enron.com"} in people  # "Hardy Jr, John"
    raw = email.message_from_bytes((MAILDIR / "kean-s/inbox/3.").read_bytes())
    assert len([p for p in people if p["role"] == "to"]) == len(getaddresses([raw["To"]])) == 103
    assert meta["from"] == "Ginger Dernehl <ginger.dernehl@enron.com>"
    assert not any("/O=ENRON" in p["address"] for p in people)  # Exchange paths are no addresses

    meta = read("delainey-d/sent/5.").metadata  # Notes: X-From "David W Delainey", X-cc "Jeffrey A Shankman"
    assert meta["participants"][0] == {
        "role": "from",
        "name": "David W Delainey",
        "address": "david.delainey@enron.com",
    }
    assert {"role": "bcc", "name": "Jeffrey A Shankman", "address": "jeffrey.shankman@enron.com"} in meta[
        "participants"
    ]


def test_a_name_is_read_from_the_address_when_there_is_no_other() -> None:
    meta = read("dasovich-j/sent_items/2.").metadata
    booth = embedded(read("dasovich-j/sent_items/2."))[0]
    assert {"role": "to", "name": "Dominic Dimare", "address": "dominic.dimare@calchamber.com"} in booth["participants"]
    assert {"role": "to", "name": "", "address": "kmccrea@sablaw.com"} in booth["participants"]  # no name in it
    assert meta["to"] == "William Booth <wbooth@booth-law.com>"


# -- through the CLI -----------------------------------------------------------------------------------------------
def test_ingest_reads_a_maildir_and_evidence_names_people(tmp_path: Path, tiny_model: str, run) -> None:
    folder = tmp_path / "maildir"
    shutil.copytree(MAILDIR, folder)
    db = tmp_path / "g.db"
    result = run("ingest", folder, "--db", db, "--model", tiny_model, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ingested"] == len(FILES)
    # The only warnings name messages whose disclaimer or signature outweighs the note (over 20%: issue 10).
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert all("words set aside" in line and "boilerplate" in line for line in warnings), warnings
    with open_store(db) as store:
        kinds = dict(store.conn.execute("SELECT kind, COUNT(*) FROM paragraphs GROUP BY kind"))
        (meta,) = store.conn.execute(
            "SELECT metadata FROM documents WHERE name = 'maildir/lavorato-j/inbox/4.'"
        ).fetchone()
    assert kinds["quote"] > 50 and kinds["boilerplate"] > 40 and kinds["body"] > 40, kinds
    assert json.loads(meta)["from"] == "Christopher F. Calger <f..calger@enron.com>"


@pytest.mark.slow
def test_no_address_or_notes_path_becomes_an_entity(tmp_path: Path, run) -> None:
    db = tmp_path / "g.db"
    assert run("ingest", MAILDIR, "--db", db).exit_code == 0
    names = {
        row["name"]
        for row in json.loads(run("entities", "--db", db, "--json", "--top", "5000", "--include", "all").stdout)
    }
    assert not [n for n in names if "@" in n]
    assert not names & {"HOU", "ECT", "Corp", "Enron@Enron", "ECT@ECT", "HOU/ECT"}
    assert "Bryson" in {n.split()[-1] for n in names}  # only in a forwarded message


@pytest.mark.slow
def test_senders_are_people_joined_with_the_text_and_their_addresses(tmp_path: Path, run) -> None:
    db = tmp_path / "g.db"
    assert run("ingest", MAILDIR, "--db", db).exit_code == 0
    rows = {r["name"]: r for r in json.loads(run("entities", "--db", db, "--json", "--top", "5000").stdout)}
    # 'Dernehl, Ginger' (X-From) = ginger.dernehl@enron.com = 'Ginger Dernehl@EES' (a Notes forward) = the signature
    dernehl = rows["Ginger Dernehl"]
    assert dernehl["type"] == "PERSON" and {"ginger.dernehl@enron.com", "ginger dernehl@ees"} <= set(dernehl["aliases"])
    assert "Delainey" in rows["David W Delainey"]["aliases"]  # the surname in the text is the sender
    central = json.loads(run("central", "--db", db, "--links", "messages", "--json").stdout)["results"]
    assert all(r["type"] == "PERSON" and "@" not in r["name"] for r in central)
    near = json.loads(run("neighbors", "Jeff Dasovich", "--db", db, "--links", "messages", "--json").stdout)
    assert {"William Booth", "James Docker"} <= {r["name"] for r in near["neighbors"]}  # the replies' correspondents


def test_a_disclaimer_never_swallows_the_prose_around_it() -> None:
    """Issue 10: a set-aside run ends at running prose. The notice is the real one from the fixture, wrapped at
    72 columns; the prose before it opens like a disclaimer ("This ...") and no blank line separates them."""
    import textwrap

    from graphkit.formats.mail.signature import set_aside

    raw = (MAILDIR / "whalley-g/inbox/3.").read_text(encoding="utf-8")
    notice = next(line for line in raw.splitlines() if "property of Enron Corp." in line).lstrip("> ")
    before = ["This is the deal we discussed with Greg Whalley on Monday, and Pablo Acevedo will", "send it on."]
    after = ["Pablo says the board of the bank meets on Friday to approve the deal with Greg."]
    lines = before + textwrap.wrap(notice, 72) + after
    runs = set_aside(lines)
    assert runs == [(0, 2, ""), (2, len(lines) - 1, "legal disclaimer"), (len(lines) - 1, len(lines), "")]
    # a block that is only a notice is set aside whole, its "Thank you." with it
    assert set_aside(textwrap.wrap(notice, 72)) == [(0, len(textwrap.wrap(notice, 72)), "legal disclaimer")]
