"""PDFs as courts and agencies publish them (issue 13).

Two kinds of input: small PDFs drawn here with reportlab, each with one difficulty whose
right answer is known (pleading paper, a footnote at the foot of a page, a transcript,
a table, words broken at a line end, two columns, stamps), and the real filings and
reports of ``../shared/corpora/pdf`` (skipped when that folder is absent).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from graphkit.formats.pdf import read_pdf
from graphkit.formats.pdf.hyphenation import Lexicon, english_words, join_lines
from graphkit.paragraphs import Paragraph

ROOT = Path(__file__).resolve().parent.parent
CORPUS = next((p / "shared/corpora/pdf" for p in ROOT.parents if (p / "shared/corpora/pdf").is_dir()), None)
real = pytest.mark.skipif(CORPUS is None, reason="../shared/corpora/pdf is not here")

ECF = "Case 3:17-cv-06932-MMC Document 220-3 Filed 06/07/19 Page {page} of 2"
PROSE = (
    "Counsel for the defendant filed the motion after the hearing and the court took the matter under "
    "submission without further argument from either side on the questions raised"
)


# -- drawing ------------------------------------------------------------------------------------------
Draw = Callable[[object, int], None]


def draw_pdf(path: Path, pages: list[Draw], size: tuple[float, float] = (612, 792)) -> bytes:
    """A PDF whose page ``i`` is drawn by ``pages[i](canvas, i + 1)``; returns its bytes."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=size)
    for number, draw in enumerate(pages, 1):
        draw(pdf, number)
        pdf.showPage()
    pdf.save()
    return path.read_bytes()


def wrap(text: str, width: float, font: str = "Times-Roman", size: float = 12) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for word in text.split():
        if line and stringWidth(f"{line} {word}", font, size) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line]


def texts(paragraphs: list[Paragraph], *kinds: str | None) -> list[str]:
    return [p.text for p in paragraphs if not kinds or p.kind in kinds]


def body(paragraphs: list[Paragraph]) -> list[str]:
    return [p.text for p in paragraphs if p.kind != "boilerplate"]


# -- pleading paper and stamps --------------------------------------------------------------------------
def pleading_page(lines: list[tuple[float, str]]) -> Draw:
    """Pleading paper: numbers 1-28 down the left margin, an ECF stamp on top, text double spaced."""

    def draw(pdf, page: int) -> None:
        pdf.setFont("Times-Roman", 12)
        pdf.drawCentredString(306, 770, ECF.format(page=page))
        for n in range(1, 29):
            pdf.drawRightString(68, 722 - 24 * (n - 1), str(n))
        for row, (x, text) in enumerate(lines):
            pdf.drawString(x, 722 - 24 * row, text)
        pdf.drawCentredString(306, 40, f"- {page} -")

    return draw


def test_pleading_paper_margin_numbers_and_stamps_never_reach_the_text(tmp_path: Path) -> None:
    first = [PROSE + " by the parties.", "Alice Smith then answered " + PROSE + "."]
    second = [
        "Bob Jones replied that the motion came too late, the deadline for it having passed months before "
        "the hearing, and that nothing in the record excused the delay.",
        "The court agreed.",
    ]

    def lines(paragraphs: list[str]) -> list[tuple[float, str]]:
        return [(122 if i == 0 else 86, t) for text in paragraphs for i, t in enumerate(wrap(text, 460))]

    data = draw_pdf(tmp_path / "motion.pdf", [pleading_page(lines(first)), pleading_page(lines(second))])
    (part,) = read_pdf(data)

    assert body(part.paragraphs) == first + second
    assert part.metadata["set_aside"]["margin line numbers"] == 56
    assert part.metadata["set_aside"]["court stamp"] == 2
    assert part.metadata["set_aside"]["page number"] == 2
    stamps = texts(part.paragraphs, "boilerplate")
    assert len(stamps) == 2 and "court stamp: " + ECF.format(page=1) in stamps[0]


def test_a_stamp_in_the_middle_of_an_ocr_line_is_cut_out_of_it(tmp_path: Path) -> None:
    def draw(pdf, page: int) -> None:
        pdf.setFont("Times-Roman", 11)
        pdf.drawString(72, 700, "the existence " + ECF.format(page=page) + " Page ID #:22253 of the letter")

    (part,) = read_pdf(draw_pdf(tmp_path / "ocr.pdf", [draw]))
    assert body(part.paragraphs) == ["the existence of the letter"]


def test_text_set_sideways_or_stacked_down_the_margin_is_set_aside(tmp_path: Path) -> None:
    def draw(pdf, page: int) -> None:
        pdf.setFont("Times-Roman", 12)
        for row, line in enumerate(wrap(PROSE + ". " + PROSE + ".", 440)):
            pdf.drawString(100, 700 - 14 * row, line)
        pdf.saveState()
        pdf.translate(40, 300)
        pdf.rotate(90)
        pdf.drawString(0, 0, "United States District Court")
        pdf.restoreState()
        for row, letter in enumerate("PROPOSED"):  # one upright letter per row
            pdf.drawString(580, 600 - 14 * row, letter)

    (part,) = read_pdf(draw_pdf(tmp_path / "order.pdf", [draw]))
    assert body(part.paragraphs) == [PROSE + ". " + PROSE + "."]
    assert part.metadata["set_aside"] == {"text set sideways": 1, "letters stacked down a margin": 1}


# -- footnotes and page breaks -----------------------------------------------------------------------
def test_a_sentence_runs_over_the_page_break_and_its_footnotes(tmp_path: Path) -> None:
    """Page 1 ends mid-sentence above a footnote; the sentence goes on at the top of page 2."""
    before = wrap("The report found that the airspeed disagree alert, " + PROSE, 440)
    after = "and may affect " + PROSE + "."

    def one(pdf, page: int) -> None:
        pdf.setFont("Times-Roman", 12)
        for row, line in enumerate(before):
            pdf.drawString(100, 700 - 14 * row, line)
        y = 700 - 14 * (len(before) - 1)
        pdf.setFont("Times-Roman", 12)
        pdf.drawString(100, y - 30, "")
        # A raised, smaller mark after "alert," on the first line.
        from reportlab.pdfbase.pdfmetrics import stringWidth

        x = 100 + stringWidth("The report found that the airspeed disagree alert,", "Times-Roman", 12)
        pdf.setFont("Times-Roman", 7)
        pdf.drawString(x + 0.5, 705, "5")
        pdf.line(100, 130, 240, 130)  # the short rule over the footnotes
        pdf.drawString(100, 115, "5")
        pdf.setFont("Times-Roman", 10)
        pdf.drawString(106, 110, "Carol White described the alert to Globex in Berlin.")
        pdf.drawString(100, 98, "It was shown on every flight.")

    def two(pdf, page: int) -> None:
        pdf.setFont("Times-Roman", 12)
        for row, line in enumerate(wrap(after, 440)):
            pdf.drawString(100, 700 - 14 * row, line)

    (part,) = read_pdf(draw_pdf(tmp_path / "report.pdf", [one, two]))
    paragraphs = [p for p in part.paragraphs if p.kind != "boilerplate"]
    sentence = " ".join(before) + " " + after
    assert [(p.text, p.kind, p.page) for p in paragraphs] == [
        (sentence, "body", 1),  # the mark "5" after "alert," is gone, the sentence is whole
        ("5 Carol White described the alert to Globex in Berlin. It was shown on every flight.", "footnote", 1),
    ]


def test_same_size_reference_numbers_are_taken_out_when_they_name_a_footnote(tmp_path: Path) -> None:
    def draw(pdf, page: int) -> None:
        pdf.setFont("Times-Roman", 12)
        pdf.drawString(100, 700, "The benefits15 were paid by Acme Corp, as the alert,5 said in 2015.")
        pdf.line(100, 130, 240, 130)
        pdf.setFont("Times-Roman", 9)
        pdf.drawString(100, 115, "5 The first note.")
        pdf.drawString(100, 104, "15 The second note.")

    (part,) = read_pdf(draw_pdf(tmp_path / "ocr.pdf", [draw]))
    assert texts(part.paragraphs, "body", None) == ["The benefits were paid by Acme Corp, as the alert, said in 2015."]
    assert texts(part.paragraphs, "footnote") == ["5 The first note.", "15 The second note."]


# -- transcripts -----------------------------------------------------------------------------------------
TURNS = [
    ("Q.", "Have you ever called Acme Corp about the premiums that were charged to you?"),
    ("A.", "No."),
    ("MR. JONES:", "Objection. Calls for a legal conclusion and for speculation about what the witness meant."),
    ("THE WITNESS:", "I do not recall any written communication from them at all."),
]


def transcript_page(printed: int, turns: list[tuple[str, str]]) -> Draw:
    def draw(pdf, page: int) -> None:
        pdf.setFont("Courier", 12)
        pdf.drawRightString(560, 740, str(printed))
        rows: list[tuple[float, str]] = []
        for speaker, text in turns:
            lines = wrap(text, 330, "Courier", 12)
            rows.append((144, f"{speaker} {lines[0]}"))
            rows.extend((108, line) for line in lines[1:])
        for n in range(1, 26):
            pdf.drawRightString(80, 700 - 25 * (n - 1), str(n))
            if n <= len(rows):
                x, text = rows[n - 1]
                pdf.drawString(x, 700 - 25 * (n - 1), text)

    return draw


def test_a_transcript_has_one_paragraph_per_speaker_turn_located_by_page_and_line(tmp_path: Path) -> None:
    pages = [transcript_page(37, TURNS), transcript_page(38, TURNS[::-1])]
    (part,) = read_pdf(draw_pdf(tmp_path / "deposition.pdf", pages))
    turns = [p for p in part.paragraphs if p.kind != "boilerplate"]
    assert [p.text for p in turns] == [f"{speaker} {text}" for speaker, text in TURNS + TURNS[::-1]]
    assert all(p.kind == "body" for p in turns)  # testimony is evidence, however short ("A. No.")
    assert [(p.page, p.line) for p in turns] == [(37, 1), (37, 3), (37, 4), (37, 6), (38, 1), (38, 3), (38, 5), (38, 6)]


def test_transcript_evidence_is_cited_by_page_and_line(tmp_path: Path, tiny_model: str, run) -> None:
    turns = [("Q.", "Did Alice Smith ever meet Bob Jones at the offices of Acme Corp in Paris?"), *TURNS[1:]]
    folder = tmp_path / "docs"
    folder.mkdir()
    draw_pdf(folder / "deposition.pdf", [transcript_page(37, turns), transcript_page(38, turns[::-1])])
    db = tmp_path / "g.db"
    assert run("ingest", folder, "--db", db, "--model", tiny_model).exit_code == 0
    rows = json.loads(run("evidence", "Alice Smith", "Bob Jones", "--db", db, "--json").stdout)
    rows = rows.get("evidence", rows) if isinstance(rows, dict) else rows
    assert [(r["page"], r["line"], r.get("transcript")) for r in rows] == [(37, 1, True), (38, 6, True)]
    text = run("evidence", "Alice Smith", "Bob Jones", "--db", db).stdout
    assert "docs/deposition.pdf, p. 37:1, ¶ 1" in text and "p. 38:6, ¶ 8" in text


def test_control_characters_a_font_maps_its_glyphs_to_are_dropped() -> None:
    from graphkit.formats.pdf.layout import _page

    class LTChar:  # what pdfminer yields for a glyph; a hostile ToUnicode map can make its text a control
        matrix = (1, 0, 0, 1, 0, 0)

        def __init__(self, x: float, text: str) -> None:
            self.x0, self.x1, self.y0, self.y1, self.size, self.text = x, x + 6, 700, 712, 12, text

        def get_text(self) -> str:
            return self.text

    class Layout(list):
        bbox = (0, 0, 612, 792)

    page = _page(1, Layout(LTChar(100 + 6 * i, ch) for i, ch in enumerate("Bob\x07\x1bJones\x00")))
    assert [s.text for s in page.segments] == ["Bob Jones"]  # the gap they leave is a space


def test_a_raised_ordinal_ends_its_word_and_a_raised_mark_leaves_the_words_apart(tmp_path: Path) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def draw(pdf, page: int) -> None:
        x = 100.0
        for text, size, rise in (("Courtroom 7, 19", 12, 0), ("th", 7, 5), (" Floor, the alert,", 12, 0),
                                 ("5", 7, 5), (" and more.", 12, 0)):  # fmt: skip
            pdf.setFont("Times-Roman", size)
            pdf.drawString(x, 700 + rise, text)
            x += stringWidth(text, "Times-Roman", size)

    (part,) = read_pdf(draw_pdf(tmp_path / "caption.pdf", [draw]))
    assert body(part.paragraphs) == ["Courtroom 7, 19th Floor, the alert, and more."]


def test_glyphs_without_a_unicode_map_are_read_in_mac_order_or_counted_never_guessed() -> None:
    from graphkit.formats.pdf.layout import _page

    class LTChar:  # a TrueType font without a ToUnicode map: pdfminer gives "(cid:N)"
        matrix = (1, 0, 0, 1, 0, 0)

        def __init__(self, x: float, cid: int, font: str) -> None:
            self.x0, self.x1, self.y0, self.y1, self.size, self.fontname = x, x + 6, 700, 712, 12, font
            self.cid = cid

        def get_text(self) -> str:
            return f"(cid:{self.cid})"

    class Layout(list):
        bbox = (0, 0, 612, 792)

    mac = [ord(ch) - 29 for ch in "Northrop Grumman Corp paid 2,140,932"]
    noise = [200 + i % 40 for i in range(30)]  # outside the Macintosh order: unreadable
    glyphs = [LTChar(60 + 6 * i, cid, "A") for i, cid in enumerate(mac)]
    glyphs += [LTChar(60 + 6 * i, cid, "B") for i, cid in enumerate(noise)]
    for g in glyphs[len(mac) :]:
        g.y0, g.y1 = 600, 612
    page = _page(1, Layout(glyphs))
    assert [s.text for s in page.segments] == ["Northrop Grumman Corp paid 2,140,932"]
    assert page.unmapped == 30


@real
def test_real_table_in_a_font_without_a_unicode_map_is_read() -> None:
    paragraphs = read_real("cacd-16-cv-06794-exhibit-plan-analysis-table.pdf")
    assert any(p.page == 2 and p.text.startswith("Northrop Grumman Corp. (*) |") for p in paragraphs)
    assert any(p.page == 3 and "Compounded Recordkeeping Damages (Plan Return)" in p.text for p in paragraphs)


def test_a_note_put_on_a_page_is_kept_as_a_comment_not_as_its_text(tmp_path: Path) -> None:
    def draw(pdf, page: int) -> None:
        pdf.setFont("Times-Roman", 12)
        pdf.drawString(100, 700, PROSE + ".")
        pdf.textAnnotation("Ask Dave Brown about the Berlin payment", Rect=(400, 600, 500, 650))

    (part,) = read_pdf(draw_pdf(tmp_path / "noted.pdf", [draw]))
    assert [(p.kind, p.text) for p in part.paragraphs if p.kind == "comment"] == [
        ("comment", "Ask Dave Brown about the Berlin payment")
    ]
    assert PROSE + "." in body(part.paragraphs)


@real
def test_real_stamp_put_on_a_filing_is_set_aside_and_named() -> None:
    paragraphs = read_real("cand-17-cv-06932-motion-to-dismiss.pdf")
    aside = texts(paragraphs, "boilerplate")
    assert any("stamp put on the page: REDACTED VERSION OF DOCUMENT(S) SOUGHT TO BE SEALED" in t for t in aside)
    assert not [t for t in body(paragraphs) if "SOUGHT TO BE SEALED" in t]


def test_a_rule_typed_as_underscores_over_a_line_of_text_leaves_the_words_whole(tmp_path: Path) -> None:
    def draw(pdf, page: int) -> None:
        pdf.setFont("Times-Roman", 12)
        pdf.drawString(100, 700, "The claim was insufficiently concrete for the court.")
        pdf.setFont("Courier", 12)
        pdf.drawString(80, 699, "_" * 60)  # the footer's rule, typed on the same row
        pdf.setFont("Times-Roman", 12)
        pdf.drawString(100, 660, "Name: ________ Signed by Alice Smith.")  # a blank to fill in stays

    (part,) = read_pdf(draw_pdf(tmp_path / "ruled.pdf", [draw]))
    assert body(part.paragraphs)[0] == "The claim was insufficiently concrete for the court."
    assert "________" in " ".join(texts(part.paragraphs))


@pytest.mark.parametrize("drop", [0, 6])  # the small lines' first baseline below the tall column's
def test_small_lines_beside_a_taller_column_keep_their_own_rows(tmp_path: Path, drop: float) -> None:
    note = "Preliminary Aircraft Accident Investigation Report, dated November 2018, and the Final Report."

    def draw(pdf, page: int) -> None:
        pdf.setFont("Times-Roman", 9)
        for column in (45, 320):  # two columns of running text, 9 points on a 10-point pitch
            for row, line in enumerate(wrap(PROSE + ". " + PROSE + ". " + PROSE + ".", 200, size=9)):
                pdf.drawString(column, 700 - 10 * row, line)
        for row, line in enumerate(wrap(PROSE + ". " + PROSE + ".", 200, size=9)):
            pdf.drawString(320, 560 - 10 * row, line)
        pdf.setFont("Times-Roman", 7)  # beside them, a note set small on a 7.5-point pitch
        for row, line in enumerate(wrap(note, 150, size=7)):
            pdf.drawString(45, 560 - drop - 7.5 * row, line)

    (part,) = read_pdf(draw_pdf(tmp_path / "columns.pdf", [draw]))
    assert any(note in t for t in texts(part.paragraphs)), texts(part.paragraphs)


# -- hyphenation --------------------------------------------------------------------------------------
def test_a_line_end_hyphen_goes_only_when_the_joined_word_is_a_word() -> None:
    lines = ["the above-", "referenced investi-", "gation of the high-", "capacity non-", "normal Rosen-", "stein"]
    assert join_lines(lines) == "the above-referenced investigation of the high-capacity non-normal Rosenstein"
    # The document's own words decide first: it writes "airspeed" whole elsewhere.
    assert join_lines(["the air-", "speed"], Lexicon(["the airspeed was low"])) == "the airspeed"
    assert join_lines(["the air-", "speed"], Lexicon(["the air-speed was low"])) == "the air-speed"
    assert join_lines(["then-", "FBI Director"]) == "then-FBI Director"
    assert {"counsel", "investigation", "referenced"} <= english_words()


# -- tables -------------------------------------------------------------------------------------------
def test_each_row_of_a_table_is_a_paragraph_with_its_headers(tmp_path: Path) -> None:
    rows = [
        ("Alice Smith", "$1,200.00", "03/21/2019"),
        ("Bob Jones", "$980.50", "04/02/2019"),
        ("Globex Consulting LLC", "$15,000.00", "05/13/2019"),
    ]

    def draw(pdf, page: int) -> None:
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 720, "Payments made by the office in the second quarter are listed below in full.")
        pdf.setFont("Helvetica-Bold", 9)
        for x, name in ((72, "Payee"), (300, "Amount"), (420, "Date")):
            pdf.drawString(x, 690, name)
        pdf.setFont("Helvetica", 11)
        for i, (payee, amount, date) in enumerate(rows):
            y = 672 - 16 * i
            pdf.drawString(72, y, payee)
            pdf.drawRightString(360, y, amount)
            pdf.drawString(420, y, date)

    (part,) = read_pdf(draw_pdf(tmp_path / "payments.pdf", [draw]))
    assert body(part.paragraphs)[1:] == [f"Payee: {p} | Amount: {a} | Date: {d}" for p, a, d in rows]
    assert {p.kind for p in part.paragraphs[1:]} == {"body"}


# -- columns --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("bracket", [")", "§", ""])
def test_a_caption_either_side_of_a_column_of_brackets_is_two_paragraphs(tmp_path: Path, bracket: str) -> None:
    left = ["GLOBEX CORPORATION,", "Plaintiff,", "", "v.", "", "INITECH LLC and DOES 1-10,", "Defendants."]
    right = ["Case No. 3:17-cv-06932", "INITECH LLC'S NOTICE OF", "MOTION AND MOTION TO", "DISMISS", "",
             "Judge: Hon. Alice Smith", "Courtroom: 7, 19th Floor"]  # fmt: skip

    def draw(pdf, page: int) -> None:
        pdf.setFont("Times-Roman", 12)
        for row, (a, b) in enumerate(zip(left, right)):
            y = 600 - 14 * row
            pdf.drawString(100, y, a)
            pdf.drawString(300, y, bracket)
            pdf.drawString(340, y, b)
        for row, line in enumerate(wrap(PROSE + ".", 400)):
            pdf.drawString(100, 480 - 14 * row, line)

    (part,) = read_pdf(draw_pdf(tmp_path / "caption.pdf", [draw]))
    assert body(part.paragraphs)[:2] == [
        "GLOBEX CORPORATION, Plaintiff, v. INITECH LLC and DOES 1-10, Defendants.",
        "Case No. 3:17-cv-06932 INITECH LLC'S NOTICE OF MOTION AND MOTION TO DISMISS Judge: Hon. Alice Smith "
        "Courtroom: 7, 19th Floor",
    ]


def test_text_run_off_the_edge_of_the_page_is_read(tmp_path: Path) -> None:
    def draw(pdf, page: int) -> None:
        pdf.setFont("Times-Roman", 12)
        for row in range(30):  # enough glyphs to look for columns; the lines run past the right edge
            pdf.drawString(100, 700 - 14 * row, f"{PROSE} and {PROSE}.")

    (part,) = read_pdf(draw_pdf(tmp_path / "overflow.pdf", [draw]))
    assert body(part.paragraphs)[0].startswith(f"{PROSE} and {PROSE}.")


def test_two_columns_of_prose_are_read_one_after_the_other(tmp_path: Path) -> None:
    left = "Alice Smith chaired the first session. " + PROSE + ". " + PROSE + "."
    right = "Bob Jones chaired the second session. " + PROSE + ". " + PROSE + "."

    def draw(pdf, page: int) -> None:
        pdf.setFont("Times-Roman", 10)
        pdf.drawString(72, 740, "Minutes of the Annual Meeting of the Board of Directors, Held in Berlin on 3 May")
        for x, text in ((72, left), (320, right)):
            for row, line in enumerate(wrap(text, 220, size=10)):
                pdf.drawString(x, 700 - 12 * row, line)

    (part,) = read_pdf(draw_pdf(tmp_path / "minutes.pdf", [draw]))
    assert body(part.paragraphs)[1:] == [left, right]


# -- the real filings and reports ------------------------------------------------------------------------
def read_real(name: str) -> list[Paragraph]:
    assert CORPUS is not None
    (part,) = read_pdf((CORPUS / name).read_bytes())
    return part.paragraphs


GLUED = re.compile(r"[a-z]{3,}(?:\d{1,3}|[,.;”]\d{1,3})\b|\b[a-z]{2,} \d{1,2}$")


@real
def test_real_pleading_paper_motion_has_no_margin_numbers_or_stamps_in_its_text() -> None:
    paragraphs = read_real("cand-17-cv-06932-motion-to-dismiss.pdf")
    text = body(paragraphs)
    assert not [t for t in text if re.fullmatch(r"[\d\s]+", t)]  # no "2 3 4 5 6 7 8" paragraphs
    assert not [t for t in text if "Case 3:17-cv-06932" in t or "Filed 06/07/19" in t]
    assert not [t for t in text if GLUED.search(t)]
    assert any(t.startswith("On May 24, 2019, Micron filed a Second Amended Complaint") for t in text)
    notes = texts(paragraphs, "footnote")
    assert notes[0].startswith("1 On May 9, 2019, the parties agreed that UMC and Jinhua need not answer")


@real
def test_real_order_keeps_footnotes_apart_and_sets_the_margin_court_name_aside() -> None:
    paragraphs = read_real("cand-15-cv-02543-order-summary-judgment.pdf")
    notes = texts(paragraphs, "footnote")
    assert notes[0].startswith("1 The four examples of F-µBGA Packages include:")
    assert [int(n.split()[0]) for n in notes] == sorted(int(n.split()[0]) for n in notes)
    assert not [t for t in body(paragraphs) if "United States District Court Northern District" in t]
    # The sentence before footnote 1's mark is whole, and the mark is gone from it.
    assert any(
        "were covered by the Agreement. 2002 Amendment ¶ K. The 2002 Amendment further" in t for t in body(paragraphs)
    )


@real
def test_real_hearing_transcript_is_read_turn_by_turn() -> None:
    paragraphs = read_real("cand-17-cv-04709-hearing-transcript.pdf")
    turn = next(p for p in paragraphs if p.text.startswith("THE COURT: Madam Reporter, Maguro"))
    assert (turn.page, turn.line, turn.kind) == (5, 5, "body")
    assert turn.text == "THE COURT: Madam Reporter, Maguro like a sushi restaurant, M-a-g-u-r-o."
    assert sum(p.text.startswith(("THE COURT:", "MR. ")) for p in paragraphs) > 50


@real
def test_real_deposition_with_an_ocr_layer_keeps_questions_and_answers() -> None:
    paragraphs = read_real("cacd-14-cv-00034-deposition-friedman-exhibit-c.pdf")
    assert ("Q. Why are you suing AARP?", 49, 14) in [(p.text, p.page, p.line) for p in paragraphs]
    assert not [p for p in body(paragraphs) if "Filed 12/26/18" in p]


@real
def test_real_deposition_sets_aside_ocr_page_numbers_and_headers_spaced_differently() -> None:
    paragraphs = read_real("cacd-14-cv-00034-deposition-friedman-exhibit-c.pdf")
    text = " ".join(body(paragraphs))
    assert "THE WITNESS: I believe -- well, I have purchased at a lower cost" in text  # header "12, 2018" out
    assert "advice on the insurance on that 800 number" in text  # page "ioi" (101) out
    assert "Q. Do you know who is in the proposed class?" in text  # page "1~" (112) out
    aside = " ".join(texts(paragraphs, "boilerplate"))
    assert "page number: ioi" in aside and "page number: 1~" in aside


@real
def test_real_tables_name_their_cells() -> None:
    senate = body(read_real("us-senate-expenditures-page.pdf"))
    assert any(t.startswith("PAYEE NAME: BAIN, J MATTHEW |") and t.endswith("AMOUNT ($): 37,499.96") for t in senate)
    meta = body(read_real("meta-q2-2023-earnings-release-p1.pdf"))
    assert any(t.endswith("Revenue | 2023: $31,999 | 2022: $28,822 | % Change: 11%") for t in meta)


# -- end to end ------------------------------------------------------------------------------------------
def test_a_footnote_is_evidence_like_body_text(tmp_path: Path, tiny_model: str, run) -> None:
    def draw(pdf, page: int) -> None:
        pdf.setFont("Times-Roman", 12)
        for row, line in enumerate(wrap(PROSE + ". " + PROSE + ".", 440)):
            pdf.drawString(100, 700 - 14 * row, line)
        pdf.line(100, 130, 240, 130)
        pdf.setFont("Times-Roman", 9)
        pdf.drawString(100, 115, "1 Carol White met Dave Brown in Berlin.")

    folder = tmp_path / "docs"
    folder.mkdir()
    draw_pdf(folder / "order.pdf", [draw])
    db = tmp_path / "g.db"
    result = run("ingest", folder, "--db", db, "--model", tiny_model)
    assert result.exit_code == 0, result.output
    rows = json.loads(run("evidence", "Carol White", "Dave Brown", "--db", db, "--json").stdout)
    rows = rows.get("evidence", rows) if isinstance(rows, dict) else rows
    assert [(r["kind"], r["text"]) for r in rows] == [("footnote", "1 Carol White met Dave Brown in Berlin.")]


def test_a_page_set_sideways_is_read_turned_back(tmp_path: Path) -> None:
    text = "Alice Smith paid Globex in Berlin. " + PROSE + "."

    def draw(pdf, page: int) -> None:
        pdf.saveState()
        pdf.translate(560, 72)
        pdf.rotate(90)  # a landscape page turned to fit: every line runs up the page
        pdf.setFont("Times-Roman", 11)
        for row, line in enumerate(wrap(text, 600, size=11)):
            pdf.drawString(0, -14 * row, line)
        pdf.restoreState()

    (part,) = read_pdf(draw_pdf(tmp_path / "landscape.pdf", [draw]))
    assert body(part.paragraphs) == [text]
    assert "set_aside" in part.metadata and "text set sideways" not in part.metadata["set_aside"]
