"""The formats investigators receive (issue 7): PDF, Word, e-mail and web pages.

The files are made here: PDFs with reportlab (a running header, page numbers,
words hyphenated at line breaks, paragraphs across page breaks; a scan made of an
image), .docx with python-docx, e-mails and mboxes with the standard library
(quoted-printable and base64 bodies in non-UTF-8 charsets, a quoted reply, a
signature, attachments). Most tests use the tiny ruler pipeline; one uses the real
model on a PDF of a Mueller report section.
"""

from __future__ import annotations

import io
import json
import mailbox
import random
import re
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.corpus import Document, Skipped, read_documents
from graphkit.formats import FORMATS, READERS, SUFFIXES, Failed, choose_format, read_parts, real_suffix, sniff
from graphkit.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"
MUELLER = FIXTURES / "mueller" / "MuellerReport_V_1_3_I_Special_Councels_Investigation.txt"
HEADER = "Acme Corp — Attorney Work Product"  # a running header naming an entity: it must not become one

FILLER = (
    "The committee reviewed the records of the previous year in considerable detail and found that most of the "
    "transactions had been documented properly, although several payments lacked the approvals required by the "
    "internal guidelines that were in force at the time of the transfers."
)


# -- file makers ------------------------------------------------------------------------------------
def make_pdf(path: Path, paragraphs: list[str], *, title: str = "", height: float = 792) -> list[int]:
    """Write a PDF the way report writers set them; returns the page each paragraph starts on.

    Body in 11 pt Helvetica, first lines indented, long words hyphenated at line ends, a
    running header and "Page N" footer on every page.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(612, height))
    pdf.setTitle(title)
    page, y, top, starts = 1, height - 72, height - 72, []

    def furniture() -> None:
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, height - 40, HEADER)
        pdf.drawCentredString(306, 36, f"Page {page}")
        pdf.setFont("Helvetica", 11)

    furniture()
    for text in paragraphs:
        for number, (indent, line) in enumerate(_wrap(text, stringWidth)):
            if y < 72:
                pdf.showPage()
                page, y = page + 1, top
                furniture()
            if number == 0:
                starts.append(page)
            pdf.drawString(72 + indent, y, line)
            y -= 14
        y -= 6
    pdf.save()
    return starts


def _wrap(text: str, width_of) -> list[tuple[float, str]]:
    lines, line, indent = [], "", 24.0
    for word in text.split():
        room = 468 - indent
        if width_of(f"{line} {word}".strip(), "Helvetica", 11) <= room:
            line = f"{line} {word}".strip()
            continue
        if len(word) >= 8 and word.isalpha():  # break the word with a hyphen, as typesetters do
            for cut in range(len(word) - 3, 2, -1):
                head = f"{line} {word[:cut]}-".strip()
                if width_of(head, "Helvetica", 11) <= room:
                    lines.append((indent, head))
                    line, word = "", word[cut:]
                    break
            else:
                lines.append((indent, line))
                line = ""
        else:
            lines.append((indent, line))
            line = ""
        indent, line = 0.0, word if not line else f"{line} {word}"
    lines.append((indent, line))
    return lines


def make_scan(path: Path) -> None:
    """A PDF whose only page is an image of text: no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (400, 120), 255)
    ImageDraw.Draw(image).text((10, 50), "Alice Smith met Bob Jones in Paris.", fill=0)
    pdf = canvas.Canvas(str(path))
    pdf.drawImage(ImageReader(image), 72, 600, 400, 120)
    pdf.save()


def make_docx(path: Path | io.BytesIO) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Meeting notes"
    document.core_properties.author = "Carol White"
    document.add_heading("Meeting notes", 1)
    document.add_paragraph("Alice Smith met Bob Jones in Paris to discuss the supply contract.")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Carol White", "Globex", "Berlin"], strict=True):
        cell.text = text
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Dave Brown"
    table.cell(1, 2).text = "Paris"
    document.add_paragraph("Carol White runs Globex, which Dave Brown audits.")
    document.save(path)


def make_mail(attachments: list[tuple[bytes, str, str, str]] = ()) -> EmailMessage:
    """A reply in Windows-1252, quoted-printable, with a quoted original and a signature."""
    message = EmailMessage()
    message["From"] = "Alice Smith <alice@acme.example>"
    message["To"] = "Bob Jones <bob@globex.example>"
    message["Cc"] = "Carol White <carol@globex.example>"
    message["Subject"] = "Re: Paris meeting – café"
    message["Date"] = "Mon, 04 Mar 2019 10:15:00 +0100"
    message.set_content(
        "Bob,\n\n"
        "Dave Brown will meet Bob Jones in Paris on Tuesday; the café near the station is booked.\n"
        "We settle the open invoices there.\n\n"
        "On Sun, 3 Mar 2019 at 09:00, Bob Jones <bob@globex.example> wrote:\n"
        "> Globex wants the meeting moved.\n"
        "> Can we do it?\n\n"
        "-- \n"
        "Alice Smith\n"
        "Acme Corp, head office\n",
        charset="windows-1252",
        cte="quoted-printable",
    )
    for data, maintype, subtype, filename in attachments:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message


DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def ingest(run, db: Path, model: str, *paths: Path):
    result = run("ingest", *paths, "--db", db, "--model", model)
    assert result.exit_code == 0, result.output
    return result


def evidence(run, db: Path, a: str, b: str) -> list[dict]:
    result = run("evidence", a, b, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["evidence"]


def entity_names(run, db: Path) -> set[str]:
    result = run("entities", "--db", db, "--json", "--top", "1000")
    assert result.exit_code == 0, result.output
    return {row["name"] for row in json.loads(result.stdout)}


def documents(db: Path) -> list[str]:
    with open_store(db) as store:
        return [row[0] for row in store.conn.execute("SELECT name FROM documents ORDER BY name")]


# -- PDF ----------------------------------------------------------------------------------------------
def test_pdf_paragraphs_are_rebuilt_from_the_layout(tmp_path: Path) -> None:
    source = [" ".join(line.split()) for line in MUELLER.read_text(encoding="utf-8").splitlines() if line.strip()]
    starts = make_pdf(tmp_path / "mueller.pdf", source, title="The Special Counsel's Investigation")
    assert starts[-1] >= 3  # the section runs over several pages

    (doc,) = read_documents(tmp_path / "mueller.pdf", "mueller.pdf")
    assert isinstance(doc, Document)
    # Lines joined, hyphenated words mended, headers and page numbers gone: the text comes back as written.
    # What was taken off the pages is kept at the end as boilerplate, one paragraph per page (issue 13).
    text = [p for p in doc.paragraphs if p.kind != "boilerplate"]
    aside = [p for p in doc.paragraphs if p.kind == "boilerplate"]
    assert [p.text for p in text] == source
    assert [p.page for p in text] == starts
    assert [p.page for p in aside] == list(range(1, starts[-1] + 1)) and HEADER in aside[0].text
    assert doc.title == "The Special Counsel's Investigation"
    assert doc.metadata["pages"] == starts[-1]


def test_pdf_evidence_reads_file_page_and_paragraph(tmp_path: Path, tiny_model: str, run) -> None:
    paragraphs = [
        "Quarterly review",
        FILLER,
        FILLER,
        FILLER,
        FILLER,
        "Carol White " + " ".join([FILLER] * 2) + " Globex was named at the end.",
        FILLER,
        "Alice Smith met Bob Jones in Paris on Monday.",
    ]
    folder = tmp_path / "docs"
    folder.mkdir()
    starts = make_pdf(folder / "report.pdf", paragraphs, height=400)
    assert starts == [1, 1, 1, 1, 1, 1, 2, 2]  # the sixth paragraph runs from the foot of page 1 onto page 2
    db = tmp_path / "g.db"
    ingest(run, db, tiny_model, folder)

    (row,) = evidence(run, db, "Alice Smith", "Bob Jones")
    assert (row["file"], row["page"], row["paragraph"]) == ("docs/report.pdf", 2, 8)
    (row,) = evidence(run, db, "Carol White", "Globex")  # one paragraph across the page break
    assert (row["page"], row["paragraph"]) == (1, 6)
    assert "Acme Corp" not in entity_names(run, db)  # it is only in the running header

    text = run("evidence", "Alice Smith", "Bob Jones", "--db", db).stdout
    assert "docs/report.pdf, p. 2, ¶ 8" in text


def test_scanned_pdf_is_reported_with_an_ocr_hint_and_the_run_goes_on(tmp_path: Path, tiny_model: str, run) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    make_scan(folder / "scan.pdf")
    (folder / "note.txt").write_text("Alice Smith met Bob Jones in Paris.\n", encoding="utf-8")
    result = ingest(run, tmp_path / "g.db", tiny_model, folder)
    warnings = [line for line in result.stderr.splitlines() if "scan.pdf" in line]
    assert len(warnings) == 1
    assert "no text layer" in warnings[0] and "OCR" in warnings[0]
    assert documents(tmp_path / "g.db") == ["docs/note.txt"]


# -- Word -----------------------------------------------------------------------------------------------
def test_docx_paragraphs_and_table_rows(tmp_path: Path, tiny_model: str, run) -> None:
    make_docx(tmp_path / "memo.docx")
    (doc,) = read_documents(tmp_path / "memo.docx", "memo.docx")
    assert isinstance(doc, Document)
    assert [p.text for p in doc.paragraphs] == [
        "Meeting notes",
        "Alice Smith met Bob Jones in Paris to discuss the supply contract.",
        "Carol White | Globex | Berlin",
        "Dave Brown | Paris",  # the merged cell counts once
        "Carol White runs Globex, which Dave Brown audits.",
    ]
    assert (doc.title, doc.metadata["author"]) == ("Meeting notes", "Carol White")

    db = tmp_path / "g.db"
    ingest(run, db, tiny_model, tmp_path / "memo.docx")
    (row,) = evidence(run, db, "Alice Smith", "Bob Jones")
    assert (row["file"], row["paragraph"]) == ("memo.docx", 2)
    assert "page" not in row


# -- e-mail -------------------------------------------------------------------------------------------------
@pytest.fixture
def mail_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mail"
    folder.mkdir()
    make_pdf(tmp_path / "report.pdf", ["Carol White met Dave Brown in Berlin to go through the accounts."])
    memo = io.BytesIO()
    make_docx(memo)
    message = make_mail(
        [
            ((tmp_path / "report.pdf").read_bytes(), "application", "pdf", "report.pdf"),
            (memo.getvalue(), *DOCX, "memo.docx"),
            (b"\x89PNG\r\n\x1a\n not read", "image", "png", "logo.png"),
            (b"%PDF-1.4 cut off in transit", "application", "pdf", "broken.pdf"),
        ]
    )
    (folder / "reply.eml").write_bytes(bytes(message))
    return folder


def test_eml_body_is_decoded_with_quote_and_signature_marked(mail_folder: Path) -> None:
    raw = (mail_folder / "reply.eml").read_bytes()
    assert b"caf=E9" in raw and b'charset="windows-1252"' in raw  # really quoted-printable Windows-1252

    found = read_documents(mail_folder / "reply.eml", "reply.eml")
    docs = {d.name: d for d in found if isinstance(d, Document)}
    assert list(docs) == ["reply.eml", "reply.eml/report.pdf", "reply.eml/memo.docx"]
    assert [str(s) for s in found if isinstance(s, Skipped)] == [
        f"{mail_folder}/reply.eml/broken.pdf: not a readable PDF (No /Root object! - Is this really a PDF?)"
    ]
    mail = docs["reply.eml"]
    # Quoted replies and signatures are kept, marked (issue 12): only the prose reaches the graph by default.
    assert [(p.text, p.kind) for p in mail.paragraphs] == [
        ("Bob,", None),
        (
            "Dave Brown will meet Bob Jones in Paris on Tuesday; the café near the station is booked. "
            "We settle the open invoices there.",
            None,
        ),
        ("Globex wants the meeting moved.", "quote"),
        ("Can we do it?", "quote"),
        ("Alice Smith", "boilerplate"),
        ("Acme Corp, head office", "boilerplate"),
    ]
    assert mail.paragraphs[2].why == "quoted reply from Bob Jones, Sun, 3 Mar 2019 at 09:00"
    assert mail.title == "Re: Paris meeting – café"
    assert {k: v for k, v in mail.metadata.items() if k not in ("participants", "embedded")} == {
        "subject": "Re: Paris meeting – café",
        "from": "Alice Smith <alice@acme.example>",
        "to": "Bob Jones <bob@globex.example>",
        "cc": "Carol White <carol@globex.example>",
        "date": "2019-03-04 10:15:00+01:00",
        "attachments": ["report.pdf", "memo.docx", "logo.png", "broken.pdf"],
    }
    # The attachment's evidence says which message brought it.
    assert docs["reply.eml/report.pdf"].metadata["subject"] == "Re: Paris meeting – café"
    assert docs["reply.eml/report.pdf"].paragraphs[0].page == 1


def test_eml_evidence_shows_the_message(mail_folder: Path, tiny_model: str, run, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    result = ingest(run, db, tiny_model, mail_folder)
    assert [line for line in result.stderr.splitlines() if "warning" in line] == [
        f"warning: skipped {mail_folder}/reply.eml/broken.pdf: not a readable PDF (No /Root object! - Is this really a PDF?)"
    ]
    names = entity_names(run, db)
    assert {"Dave Brown", "Bob Jones", "Paris", "Carol White", "Berlin", "Alice Smith"} <= names
    assert "Acme Corp" not in names  # only in the signature (Globex, only quoted in the mail, is in memo.docx)

    (row,) = evidence(run, db, "Bob Jones", "Dave Brown")
    assert (row["file"], row["paragraph"], row["message"]["from"]) == (
        "mail/reply.eml",
        2,
        "Alice Smith <alice@acme.example>",
    )
    # The memo's table row "Carol White | Globex | Berlin" is evidence too: a table row is no heading (issue 10).
    rows = {r["file"]: r for r in evidence(run, db, "Carol White", "Berlin")}
    row, table_row = rows["mail/reply.eml/report.pdf"], rows["mail/reply.eml/memo.docx"]
    assert (row["file"], row["page"], row["message"]["subject"]) == (
        "mail/reply.eml/report.pdf",
        1,
        "Re: Paris meeting – café",
    )
    assert len(rows) == 2 and table_row["kind"] == "body"
    # Sender and recipients by name, with the date (issue 12); an attachment names its message's people too.
    assert (row["message"]["sender"], row["message"]["recipients"]) == ("Alice Smith", ["Bob Jones", "Carol White"])
    (row,) = evidence(run, db, "Bob Jones", "Dave Brown")
    assert {k: row["message"][k] for k in ("sender", "recipients", "date")} == {
        "sender": "Alice Smith",
        "recipients": ["Bob Jones", "Carol White"],
        "date": "2019-03-04 10:15",
    }
    text = run("evidence", "Bob Jones", "Dave Brown", "--db", db).stdout
    assert (
        "mail/reply.eml, ¶ 2 — 2019-03-04 10:15, Alice Smith → Bob Jones, Carol White: “Re: Paris meeting – café”"
        in text
    )


def test_mbox_messages_are_documents_and_stale_ones_are_forgotten(tmp_path: Path, tiny_model: str, run) -> None:
    box = tmp_path / "inbox.mbox"
    messages = _mbox_messages()
    _write_mbox(box, messages)
    docs = [d for d in read_documents(box, "inbox.mbox") if isinstance(d, Document)]
    assert [d.name for d in docs] == ["inbox.mbox#1", "inbox.mbox#2", "inbox.mbox#3"]
    texts = [[p.text for p in d.paragraphs if p.kind is None] for d in docs]
    assert texts[0] == ["Alice Smith met Globex people in Berlin. Всё в порядке.", "From Paris with love."]
    assert texts[1] == ["Carol White joined Acme Corp last week."]  # the HTML blockquote is a quote
    assert texts[2] == ["Bob Jones agrees with the plan."]  # Outlook's quoted original under "RE:" too
    assert [p.text for p in docs[2].paragraphs if p.kind == "quote"] == ["Dave Brown is in Paris."]
    assert docs[1].metadata["from"] == "Carol White <carol@globex.example>"

    db = tmp_path / "g.db"
    ingest(run, db, tiny_model, box)
    assert documents(db) == ["inbox.mbox#1", "inbox.mbox#2", "inbox.mbox#3"]
    assert "Dave Brown" in entity_names(run, db)  # only in quotes, which count until a copy is found (issue 12)
    again = run("ingest", box, "--db", db, "--model", tiny_model, "--json")
    assert json.loads(again.stdout)["unchanged"] == 1

    _write_mbox(box, messages[:2])  # the archive shrank: its third message must go from the store
    ingest(run, db, tiny_model, box)
    assert documents(db) == ["inbox.mbox#1", "inbox.mbox#2"]


def _mbox_messages() -> list[EmailMessage]:
    first = EmailMessage()
    first["From"], first["To"], first["Subject"] = "Alice Smith <alice@acme.example>", "bob@globex.example", "Berlin"
    first["Date"] = "Tue, 05 Mar 2019 08:00:00 +0000"
    first.set_content(
        "Alice Smith met Globex people in Berlin. Всё в порядке.\n\nFrom Paris with love.\n",
        charset="koi8-r",
        cte="base64",
    )
    second = EmailMessage()
    second["From"], second["To"], second["Subject"] = "Carol White <carol@globex.example>", "alice@acme.example", "News"
    second.set_content(
        "<html><body><p>Carol White joined Acme Corp last week.</p>"
        "<div class='gmail_quote'>On Mon, Alice wrote:<blockquote>Dave Brown left Globex.</blockquote></div>"
        "</body></html>",
        subtype="html",
    )
    third = EmailMessage()
    third["From"], third["To"], third["Subject"] = "Bob Jones <bob@globex.example>", "alice@acme.example", "RE: News"
    third.set_content(
        "Bob Jones agrees with the plan.\n\n-----Original Message-----\nFrom: Alice Smith\nSent: Monday\n"
        "Subject: News\n\nDave Brown is in Paris.\n"
    )
    return [first, second, third]


def _write_mbox(path: Path, messages: list[EmailMessage]) -> None:
    path.unlink(missing_ok=True)
    box = mailbox.mbox(path)
    for message in messages:
        box.add(message)
    box.flush()
    box.close()


# -- web pages ----------------------------------------------------------------------------------------------
def test_html_main_text_leaves_navigation_and_comments_out(tmp_path: Path, tiny_model: str, run) -> None:
    page = FIXTURES / "formats" / "article.html"
    (doc,) = read_documents(page, "article.html")
    assert isinstance(doc, Document)
    assert doc.title == "Acme Corp and Globex sign a deal in Berlin"
    assert not any("Dave Brown" in p.text for p in doc.paragraphs)  # menu, teasers, comments, footer
    assert doc.paragraphs[1].text.startswith("Alice Smith, who runs Acme Corp, met Bob Jones")

    db = tmp_path / "g.db"
    ingest(run, db, tiny_model, page)
    names = entity_names(run, db)
    assert {"Alice Smith", "Bob Jones", "Acme Corp", "Globex", "Berlin"} <= names
    assert not {"Dave Brown", "Paris"} & names


def test_html_without_main_text_falls_back_to_visible_text(tmp_path: Path) -> None:
    (tmp_path / "note.html").write_text("<ul><li>Alice Smith</li><li>Bob Jones</li></ul>", encoding="utf-8")
    (doc,) = read_documents(tmp_path / "note.html", "note.html")
    assert isinstance(doc, Document)
    assert [p.text for p in doc.paragraphs] == ["Alice Smith", "Bob Jones"]
    assert doc.metadata["extractor"] == "html.parser"


# -- broken files -------------------------------------------------------------------------------------------
BROKEN = {
    "bad.pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog", "not a readable PDF"),
    "bad.docx": (b"PK\x03\x04 not really a zip", "not a readable Word file"),
    "old.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "save it as .docx"),
    "bad.eml": (b"\x00\x01\x02 just bytes \xff\xfe", "not an e-mail message"),
    "bad.mbox": (b"Dear Bob,\nthis is no mailbox.\n", "not an mbox archive"),
    "bad.html": (bytes(range(256)) * 8, "looks like a binary file"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_is_skipped_with_one_warning_line(name: str, tmp_path: Path, tiny_model: str, run) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    data, reason = BROKEN[name]
    (folder / name).write_bytes(data)
    (folder / "note.txt").write_text("Alice Smith met Bob Jones in Paris.\n", encoding="utf-8")
    result = ingest(run, tmp_path / "g.db", tiny_model, folder)
    warnings = [line for line in result.stderr.splitlines() if name in line]
    assert len(warnings) == 1 and reason in warnings[0], result.stderr
    assert warnings[0].startswith(f"warning: skipped {folder / name}: ")
    assert documents(tmp_path / "g.db") == ["docs/note.txt"]


# -- the real model ---------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_real_model_on_a_mueller_pdf(tmp_path: Path, run) -> None:
    source = [" ".join(line.split()) for line in MUELLER.read_text(encoding="utf-8").splitlines() if line.strip()]
    starts = make_pdf(tmp_path / "mueller.pdf", source)
    db = tmp_path / "g.db"
    result = run("ingest", tmp_path / "mueller.pdf", "--db", db)
    assert result.exit_code == 0, result.output
    rows = evidence(run, db, "Rod J. Rosenstein", "James B. Comey")
    assert rows and all(row["file"] == "mueller.pdf" for row in rows)
    assert {row["page"] for row in rows} <= set(starts)
    for row in rows:  # each paragraph sits on the page the PDF shows it on
        assert row["page"] == starts[row["paragraph"] - 1]
        assert row["text"] == source[row["paragraph"] - 1]


@pytest.mark.parametrize("charset", ["us-ascii", "x-unknown-charset"])
def test_a_wrongly_declared_charset_falls_back_to_detection(charset: str, tmp_path: Path) -> None:
    raw = (
        "From: Alice Smith <alice@acme.example>\nSubject: Zürich\n"
        f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: 8bit\n\n"
        "Alice Smith met Bob Jones in Zürich.\n"
    ).encode()
    (tmp_path / "m.eml").write_bytes(raw)
    (doc,) = read_documents(tmp_path / "m.eml", "m.eml")
    assert isinstance(doc, Document)
    assert [p.text for p in doc.paragraphs] == ["Alice Smith met Bob Jones in Zürich."]


@settings(max_examples=25, deadline=None)
@given(
    suffix=st.sampled_from(sorted(READERS)),
    head=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"From: a\n\n"]),
    body=st.binary(max_size=300),
)
def test_no_bytes_make_a_reader_raise(suffix: str, head: bytes, body: bytes) -> None:
    for part in read_parts(head + body, suffix):
        assert isinstance(part, Failed) or part.paragraphs


# -- the reader registry and sniffing (issue 11) ------------------------------------------------
README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_format_is_declared_once_and_the_readme_lists_them():
    suffixes = [s for f in FORMATS for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes)) and set(suffixes) == SUFFIXES == READERS
    for f in FORMATS:
        assert callable(f.read) and f.description and all(s == s.lower() and s.startswith(".") for s in f.suffixes)
    line = next(
        ln for ln in README.read_text(encoding="utf-8").splitlines() if ln.startswith("`graphkit ingest` reads")
    )
    assert set(re.findall(r"`(\.\w+)`", line)) == SUFFIXES


def mbox_bytes() -> bytes:
    return b"From alice@acme.example Mon Mar  4 10:15:00 2019\n" + make_mail().as_bytes() + b"\n"


def docx_bytes() -> bytes:
    out = io.BytesIO()
    make_docx(out)
    return out.getvalue()


def test_sniff_knows_each_signature_and_nothing_else(tmp_path: Path):
    make_pdf(tmp_path / "x.pdf", ["Alice Smith met Bob Jones in Paris."])
    samples = {
        "pdf": (tmp_path / "x.pdf").read_bytes(),
        "docx": docx_bytes(),
        "mbox": mbox_bytes(),
        "eml": make_mail().as_bytes(),
        "html": b"\xef\xbb\xbf  <!-- saved -->\n<!DOCTYPE html><html><body><p>Alice Smith</p></body></html>",
    }
    assert {name: sniff(data).name for name, data in samples.items()} == {name: name for name in samples}
    for text in (b"Alice Smith met Bob Jones.\n", b"Subject: one header is not a mail\n\nBody", b"<p>a fragment</p>"):
        assert sniff(text) is None
    assert sniff(b"PK\x03\x04" + bytes(100)) is None  # a zip, but not a Word document


def test_binary_and_mail_signatures_beat_the_suffix_and_a_known_suffix_beats_other_signatures():
    pdf = b"%PDF-1.7\n..."
    assert choose_format(".txt", pdf).name == "pdf"
    assert choose_format(".download", pdf).name == "pdf"
    assert choose_format(".txt", make_mail().as_bytes()).name == "eml"  # a mail saved as .txt is mail (issue 12)
    assert choose_format(".eml", mbox_bytes()).name == "eml"  # ... but an .eml stays an .eml
    assert choose_format(".txt", b"<!DOCTYPE html><html><body>Hi</body></html>").name == "text"
    assert choose_format(".csv", b"a,b\n") is None
    assert choose_format("", b"just some notes").name == "text"
    assert choose_format("", b"just some notes", fallback=False) is None
    assert (real_suffix("Report.PDF"), real_suffix("1."), real_suffix("17.M5P.host:2,S"), real_suffix(".bashrc")) == (
        ".pdf",
        "",
        "",
        "",
    )


def test_a_pdf_named_txt_is_read_as_a_pdf(tmp_path: Path, tiny_model: str, run):
    folder = tmp_path / "docs"
    folder.mkdir()
    make_pdf(folder / "report.txt", ["Alice Smith met Bob Jones in Paris. " + FILLER])
    ingest(run, tmp_path / "g.db", tiny_model, folder)
    (found,) = evidence(run, tmp_path / "g.db", "Alice Smith", "Bob Jones")
    assert found["file"] == "docs/report.txt" and found["page"] == 1


def test_files_without_a_suffix_are_read_as_what_they_are(tmp_path: Path, tiny_model: str, run):
    """A maildir message, an mbox called Inbox, a saved page; in a folder walk, plain text and other
    bytes without a suffix are left alone; named explicitly, a file without a suffix is read as text."""
    folder = tmp_path / "leak"
    (folder / "maildir" / "cur").mkdir(parents=True)
    (folder / "maildir" / "cur" / "1551690900.M5P17.mail:2,S").write_bytes(make_mail().as_bytes())
    (folder / "Inbox").write_bytes(mbox_bytes())
    (folder / "page").write_bytes(b"<html><body><p>Carol White runs Globex in Berlin.</p></body></html>")
    (folder / "notes").write_text("Alice Smith met Dave Brown.\n", encoding="utf-8")
    (folder / "photo").write_bytes(random.Random(1).randbytes(5000))
    (folder / "data.csv").write_text("Alice Smith,Bob Jones\n", encoding="utf-8")
    ingest(run, tmp_path / "g.db", tiny_model, folder)
    assert documents(tmp_path / "g.db") == ["leak/Inbox#1", "leak/maildir/cur/1551690900.M5P17.mail:2,S", "leak/page"]
    assert (
        evidence(run, tmp_path / "g.db", "Dave Brown", "Bob Jones")[0]["message"]["subject"]
        == "Re: Paris meeting – café"
    )
    ingest(run, tmp_path / "g.db", tiny_model, folder / "notes")
    assert "notes" in documents(tmp_path / "g.db")
    result = run("ingest", folder / "data.csv", "--db", tmp_path / "g.db", "--model", tiny_model)
    assert f"unsupported file type '.csv'; graphkit reads {', '.join(sorted(SUFFIXES))}" in result.stderr


def test_a_reader_whose_library_is_missing_says_what_to_install(tmp_path: Path, monkeypatch):
    make_pdf(tmp_path / "x.pdf", ["Alice Smith met Bob Jones in Paris."])
    for name in [m for m in sys.modules if m == "pdfminer" or m.startswith("pdfminer.")] or ["pdfminer"]:
        monkeypatch.setitem(sys.modules, name, None)
    assert read_parts((tmp_path / "x.pdf").read_bytes(), ".pdf") == [
        Failed("", "reading .pdf files needs pdfminer.six: pip install pdfminer.six")
    ]
