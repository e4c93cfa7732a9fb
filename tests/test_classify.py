"""Paragraph kinds from local evidence, hard-wrapped lines, and what is set aside (issue 10).

Fast tests: no model, hand-made documents whose right answer can be checked by eye.
"""

from __future__ import annotations

import json

import pytest

from graphkit.classify import classify_paragraphs, set_aside
from graphkit.graph import kinds_for
from graphkit.paragraphs import split_paragraphs
from graphkit.unwrap import line_groups, wrap_width
from graphkit.vocabulary import EVIDENCE_KINDS

PROSE = (
    "The committee met again on Tuesday to review the contracts, and its members said that the talks with "
    "the ministry had stalled because nobody could agree on the price of the new pipeline."
)


def kinds(texts, hints=None):
    return [kind for kind, _why in classify_paragraphs(texts, hints)]


# -- no state carries across running prose ---------------------------------------------
def test_a_repeated_short_line_after_the_middle_switches_nothing_on():
    # Issue 10: a repeated "Mr. President," after the middle set aside the rest of a UN speech.
    texts = [
        "Mr. President,",
        PROSE,
        PROSE.replace("Tuesday", "Monday"),
        "Mr. President,",
        PROSE.replace("Tuesday", "Friday"),
    ]
    assert kinds(texts) == ["body"] * 5


def test_running_prose_ends_a_teaser_block():
    texts = ["Related", "Another Story About Pipelines", PROSE, "Short line after the article."]
    assert kinds(texts) == ["boilerplate", "boilerplate", "body", "body"]


def test_excerpt_before_keep_reading_inside_a_teaser_block_is_a_teaser():
    texts = [
        "||",
        "Another Story About Pipelines",
        PROSE,
        "keep readingShow less",
        "Third Story Title",
        PROSE + " Again.",
    ]
    assert kinds(texts) == ["boilerplate"] * 5 + ["body"]


def test_read_more_after_an_article_does_not_take_the_article_with_it():
    texts = ["Pipeline Talks Stall", PROSE, PROSE + " Still.", "Read more"]
    assert kinds(texts) == ["heading", "body", "body", "boilerplate"]


def test_a_read_more_link_with_a_title_opens_no_teaser_block():
    texts = [PROSE, "Read more: Looted colonial art to go home", "Freedom fighters replace colonial leaders", PROSE]
    assert kinds(texts) == ["body", "boilerplate", "body", "body"]


def test_a_teaser_card_that_repeats_its_title_is_a_teaser():
    caption = "Ursula von der Leyen stands at the lectern in the European Parliament building in Strasbourg, France."
    title = "Europe's murky, mixed messaging on restraint"
    texts = ["keep reading", title, caption, title, "Europe", PROSE, "keep reading"]
    assert kinds(texts) == ["boilerplate"] * 7


def test_comment_threads_run_to_the_end_even_over_prose():
    texts = [PROSE, "1. Avatar Brent says:", PROSE + " Indeed.", "Pipeline Talks Stall", PROSE + " Quite."]
    assert kinds(texts) == ["body", "comment", "comment", "comment", "comment"]


def test_an_appeal_runs_while_it_speaks_to_the_reader_then_prose_is_body():
    appeal = (
        "We are facing unprecedented challenges, and our newsroom depends on readers like you. If you can, please "
        "support us monthly: every contribution, however small, keeps our journalism free for everyone."
    )
    texts = ["Dear readers,", appeal, "Remind me later.", PROSE]
    assert kinds(texts) == ["boilerplate", "boilerplate", "boilerplate", "body"]


def test_a_caption_with_a_credit_is_furniture_even_when_long():
    caption = PROSE + " (Image: screen capture)"
    assert kinds([caption, PROSE]) == ["boilerplate", "body"]


def test_a_repeat_of_running_prose_stays_evidence():
    decisions = classify_paragraphs([PROSE, "Summary", PROSE])
    assert decisions[2] == ("body", "running prose (repeated)")


def test_email_furniture_in_a_body():
    disclaimer = (
        "This message is confidential and may be privileged. It is intended solely for the named addressee. "
        "If you have received it in error, please tell the sender and delete it without copying it to anyone."
    )
    texts = [
        "---------------------- Forwarded by Jeff Dasovich/NA/Enron on 05/04/2001 10:12 AM ---------------------------",
        "From: Alice Smith Sent: Monday, May 4, 2001 To: Bob Jones cc: Carol White Subject: Pipeline",
        "alice@example.com wrote:",
        PROSE,
        disclaimer,
    ]
    assert kinds(texts) == ["boilerplate", "boilerplate", "boilerplate", "body", "boilerplate"]


# -- headings are headings ---------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Bottom Line Assessment",
        "IV. Russian Government Links to and Contacts with the Trump Campaign",
        "a. Trump Tower Moscow Venture with the Crocus Group (2013-2014)",
        "2.3 Results",
        "RUSSIA: KREMLIN ASSESSMENT OF TRUMP AND RUSSIAN INTERFERENCE",
    ],
)
def test_headings(text):
    assert kinds([text, PROSE]) == ["heading", "body"]


@pytest.mark.parametrize(
    "text",
    [
        "1. The IRA hired trolls to post on social media in 2014.",  # a numbered list item
        "Payee | Amount | Date",  # a table row
        "| Payee: | Acme Corp |",  # a Markdown table row, as trafilatura writes one
        "the second half of a sentence that the file broke off",  # prose
        "Mr. President,",  # an address
        "Thank You, Mr. President.",
        "Your Excellency Philemon Yang",
        "- Heads of State and Government",
        "SESSION OF THE GENERAL ASSEMBLY. I AM CONFIDENT THAT WITH",  # a broken line of a speech in capitals
        "The UN Was Founded on the Belief That Nations Can and",  # ends on a word no title ends on
        "[REDACTED]",
        "Ken Lay, Jeff Skilling, Andy Fastow, Rebecca Mark",  # a list of names on one line
        "Officers: Rick Causey Dave Delainey Jim Derrick Janet Dietrich",  # names glued by a reader
    ],
)
def test_not_headings(text):
    assert kinds([text, PROSE])[0] == "body"


def test_capitals_mark_no_heading_in_a_document_written_in_capitals():
    texts = ["AMIDST THE SIGNIFICANT CHALLENGES FACING MULTILATERALISM", PROSE.upper(), PROSE.upper()]
    assert kinds(texts)[0] == "body"
    assert kinds([texts[0], PROSE])[0] == "heading"


def test_a_list_of_names_is_not_a_run_of_headings():
    names = ["Ken Rice", "Jeff Skilling", "Steve Kean", "Rick Buy"]
    assert kinds(["Attendees:", *names, PROSE]) == ["body"] * 6


def test_a_title_case_line_before_a_short_note_is_a_list_item():
    texts = [
        "1. United States v. Michael Flynn",
        "U.S. Attorney's Office for the District of Columbia",
        "(Awaiting sentencing)",
    ]
    assert kinds(texts) == ["heading", "body", "body"]


# -- reader hints --------------------------------------------------------------------------
def test_a_reader_kind_is_kept_and_footnotes_are_evidence():
    texts = ["1 See the memo of March 3.", PROSE, "Avatar Brent says:", "2 Id. at 4."]
    decisions = classify_paragraphs(texts, ["footnote", "", "", "footnote"])
    assert decisions[0] == ("footnote", "marked by the reader") and decisions[3][0] == "footnote"
    assert "footnote" in EVIDENCE_KINDS and set(EVIDENCE_KINDS) <= set(kinds_for())
    assert set_aside([("footnote", "See the memo."), ("body", "Alice met Bob.")]).aside == 0
    quoted = classify_paragraphs(["> Alice met Bob in Paris."], ["quote"], ["quoted reply"])
    assert quoted == [("quote", "quoted reply")] and "quote" in EVIDENCE_KINDS


# -- lines that are not paragraphs ---------------------------------------------------------
WRAPPED = """The committee met again on Tuesday to review the contracts, and its
members said that the talks with the ministry had stalled because nobody
could agree on the price.

Attendees:
Ken Rice
Jeff Skilling
Steve Kean

A second paragraph that is also wrapped at a fixed width, as old e-mails
and plain-text reports are, runs over three lines before it comes to its
end here.
"""


def test_hard_wrapped_text_is_joined_and_a_list_of_names_is_not():
    texts = [p.text for p in split_paragraphs(WRAPPED)]
    assert texts[0].startswith("The committee met") and texts[0].endswith("the price.")
    assert texts[1:5] == ["Attendees:", "Ken Rice", "Jeff Skilling", "Steve Kean"]
    assert texts[5].endswith("to its end here.") and len(texts) == 6


def test_a_blank_line_after_each_wrapped_line_is_only_a_line_break():
    double = "\n\n".join(WRAPPED.splitlines()[:3]) + "\n\n\n" + "\n\n".join(WRAPPED.splitlines()[9:12])
    texts = [p.text for p in split_paragraphs(double)]
    assert len(texts) == 2 and texts[0].endswith("the price.") and texts[1].endswith("end here.")


def test_a_sentence_per_line_is_not_hard_wrapped():
    lines = [f"Sentence number {n} of the speech ends here with a full stop, as speeches often do." for n in range(8)]
    assert wrap_width(lines) is None
    assert len(list(line_groups(lines))) == 8


def test_a_line_cut_mid_sentence_by_a_blank_line_is_joined():
    text = WRAPPED.replace("because nobody\n", "because nobody\n\n")
    assert split_paragraphs(text)[0].text.endswith("the price.")


# -- what is set aside is counted ------------------------------------------------------------
def test_set_aside_counts_words_by_kind():
    stats = set_aside([("body", "Alice met Bob in Paris."), ("heading", "Summary"), ("boilerplate", "Share this")])
    assert (stats.words, stats.aside, dict(stats.by_kind)) == (8, 3, {"heading": 1, "boilerplate": 2})
    assert "3 of 8 words set aside (37.5%" in stats.describe()
    assert not stats.heavy  # a short note with a title is not worth a warning
    stats.add(set_aside([("boilerplate", "Share " * 30)]))
    assert stats.heavy


def test_ingest_warns_about_a_file_with_much_set_aside(tmp_path, tiny_model):
    from graphkit.ingest import ingest
    from graphkit.store import open_store

    folder = tmp_path / "docs"
    folder.mkdir()
    teasers = "Paris Summit Plans Of Another Article\n" * 6
    (folder / "page.txt").write_text("Tweet\nShare\nAlice Smith met Bob Jones.\nRelated\n" + teasers, encoding="utf-8")
    (folder / "memo.txt").write_text(PROSE + "\n", encoding="utf-8")
    warnings: list[str] = []
    with open_store(tmp_path / "g.db", create=True) as store:
        report = ingest(store, [folder], model=tiny_model, warn=warnings.append)
    assert [w.split(":")[0] for w in warnings] == ["docs/page.txt"]
    assert "set aside" in warnings[0] and "boilerplate" in warnings[0]
    assert report.text.aside == 39 and report.as_dict()["text"]["by_kind"] == {"boilerplate": 39}


def test_paragraphs_command_lists_kind_and_reason(run, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Tweet\nPipeline Talks Stall\n" + PROSE + "\n", encoding="utf-8")
    result = run("paragraphs", page)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["1", "boilerplate", "navigation"]
    assert lines[1].split()[:2] == ["2", "heading"] and lines[2].split()[:4] == ["3", "body", "running", "prose"]
    assert lines[-1].startswith("3 paragraphs listed; 4 of ")
    rows = json.loads(run("paragraphs", page, "--kind", "aside", "--json").stdout)
    assert [(r["paragraph"], r["kind"]) for r in rows] == [(1, "boilerplate"), (2, "heading")]


def test_paragraphs_command_errors(run, tmp_path):
    bad = tmp_path / "notes.xyz"
    bad.write_text("x", encoding="utf-8")
    result = run("paragraphs", bad)
    assert result.exit_code == 1 and "unsupported file type '.xyz'" in result.stderr
    assert run("paragraphs", tmp_path / "missing.txt").exit_code == 2
    assert run("paragraphs", bad, "--kind", "nonsense").exit_code == 2


def test_exports_say_what_share_of_the_text_is_left_out(run, tiny_db, tmp_path):
    out = tmp_path / "g.json"
    assert run("export", "--format", "json", "--out", out, "--db", tiny_db).exit_code == 0
    meta = json.loads(out.read_text(encoding="utf-8"))["meta"]
    assert meta["left_out"].startswith("2 of ") and "2 heading" in meta["left_out"]  # "# Notes" in two.md
    assert "--include all" in meta["left_out"]
    assert run("export", "--format", "json", "--out", out, "--db", tiny_db, "--include", "all").exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["meta"]["left_out"] is None
