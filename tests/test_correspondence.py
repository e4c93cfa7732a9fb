"""graphkit.correspondence: messages counted once, quoted text the corpus holds twice set aside (issue 12).

Unit tests on passages and message rows whose answers can be checked by hand, then the
whole step on real Enron messages (tests/fixtures/mail) ingested with the tiny pipeline.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest

from graphkit.correspondence import document_messages, fingerprint, mark_copies, normal_date, subject_key
from graphkit.correspondence.copies import MessageRow, group_messages
from graphkit.correspondence.repeats import Passage, find_repeats
from graphkit.graph import build_graph, kinds_for
from graphkit.ingest import ingest
from graphkit.store import open_store

MAIL = Path(__file__).parent / "fixtures" / "mail"

FASTOW = "We sign the Raptor deal on Friday, says Andrew Fastow, and Arthur Andersen agrees."


def passage(pid: int, date: str, text: str, name: str = "") -> Passage:
    return Passage(pid, (date, name or f"m{pid}", 1), text)


# -- repeats ----------------------------------------------------------------------------------
def test_a_quote_whose_words_are_all_in_another_message_is_a_repeat_of_it():
    original = passage(1, "2001-10-01", FASTOW)
    quoted = passage(
        2, "2001-10-02", "> We sign the Raptor deal on Friday,\n> says Andrew Fastow, and\n> Arthur Andersen agrees."
    )
    assert find_repeats([quoted], [original]) == {2: 1}


def test_a_quote_with_one_word_the_corpus_lacks_is_kept():
    original = passage(1, "2001-10-01", FASTOW)
    changed = passage(2, "2001-10-02", FASTOW.replace("Arthur Andersen", "Arthur Andersen and Enron"))
    assert find_repeats([changed], [original]) == {}


def test_the_first_copy_of_a_quote_is_kept_and_later_copies_point_to_it():
    # Nothing but quotes hold this text: the earliest is the one copy, the later ones repeat it.
    copies = [passage(i, f"2001-10-0{i}", "> " + FASTOW) for i in (3, 1, 2)]
    assert find_repeats(copies, []) == {2: 1, 3: 1}


def test_repeats_do_not_depend_on_the_order_passages_come_in():
    texts = [FASTOW, FASTOW + " Skilling knew.", "Skilling knew. " + FASTOW, "Lay sold his shares in August."]
    candidates = [passage(i, f"2001-10-{i:02d}", t) for i, t in enumerate(texts * 2, 1)]
    others = [passage(100 + i, "2001-09-01", t) for i, t in enumerate(texts[:2])]
    expected = find_repeats(candidates, others)
    for seed in range(5):
        random.Random(seed).shuffle(candidates)
        random.Random(seed).shuffle(others)
        assert find_repeats(candidates, others) == expected
    # 3 and 4 are the first copies of their texts ("Skilling knew. We sign" is in no six-word run elsewhere)
    assert set(expected) == {1, 2, 5, 6, 7, 8}


def test_a_short_quote_repeats_only_a_paragraph_of_exactly_its_words():
    assert find_repeats([passage(2, "2001-10-02", "> Thanks, Ken.")], [passage(1, "2001-10-01", "Thanks, Ken!")]) == {
        2: 1
    }
    longer = passage(1, "2001-10-01", "Thanks, Ken. See you in Houston on Monday.")
    assert find_repeats([passage(2, "2001-10-02", "> Thanks, Ken.")], [longer]) == {}


def test_a_quote_joining_two_paragraphs_repeats_the_one_holding_most_of_it():
    first = passage(1, "2001-10-01", "The board meets on Monday in Houston to review the Raptor vehicles.")
    second = passage(2, "2001-10-01", "Andersen will present the hedges to the committee.")
    joined = passage(3, "2001-10-02", f"> {first.text}\n> {second.text}")
    assert find_repeats([joined], [second, first]) == {3: 1}  # 1 holds 7 of its runs of six words, 2 holds 3
    tail = passage(4, "2001-10-02", f"{first.text} {second.text} Andersen will")
    assert find_repeats([tail], [second, first]) == {}  # its last words are in no six-word run elsewhere


# -- messages and copies ----------------------------------------------------------------------
def test_dates_as_mail_programs_write_them():
    assert normal_date("Tuesday, September 25, 2001 4:07 PM") == "2001-09-25 16:07"
    assert normal_date("09/25/2001 04:15 PM") == "2001-09-25 16:15"
    assert normal_date("Fri, 22 Dec 2000 07:49:32 -0600") == "2000-12-22 07:49"
    assert normal_date("20 November 2001 14:40") == "2001-11-20 14:40"
    assert normal_date("26/04/2001 21:23") == "2001-04-26 21:23"
    assert normal_date("Fri 11/16/2001 4:50 AM") == "2001-11-16 04:50"
    assert normal_date("12/22/00 7:54:05 AM Central Standard Time") == "2000-12-22 07:54"
    assert normal_date("Thu Jan 03 13:55:01 2002") == ""  # the year after the time: not read, and said so by ""
    assert normal_date("") == ""


def test_a_message_and_its_quoted_copy_share_a_fingerprint():
    own = document_messages(
        {
            "subject": "Raptor",
            "date": "2001-09-25 14:07:00-07:00",  # the server's time; the reply shows the reader's
            "participants": [{"role": "from", "name": "Sherron Watkins", "address": "sherron.watkins@enron.com"}],
        }
    )[0]
    quoted = document_messages(
        {
            "embedded": [
                {
                    "role": "quote",
                    "date": "Tuesday, September 25, 2001 4:07 PM",
                    "subject": "RE: FW: Raptor",
                    "participants": [{"role": "from", "name": "Sherron Watkins", "address": ""}],
                }
            ]
        }
    )[1]
    assert own.fingerprint == quoted.fingerprint == "sherron watkins|2001-09-25|07|raptor"
    assert fingerprint([], "2001-09-25", "Raptor") == ""  # no sender: nothing to match by
    assert subject_key("AW: WG: Termin") == "termin"


def row(rid: int, doc: int, part: int, message_id: str = "", print_: str = "", date: str = "2001-10-01") -> MessageRow:
    return MessageRow(rid, doc, f"doc{doc}", part, message_id, print_, date)


def test_copies_of_one_message_stand_for_one_message():
    rows = [
        row(1, 1, 0, "<a@x>", "ann|2001-10-01|plan"),
        row(2, 2, 0, "<a@x>", "ann|2001-10-01|plan"),  # the mbox copy of doc1
        row(3, 1, 1, "", ""),  # a quote in doc1 with no header to match by...
        row(4, 2, 1, "", ""),  # ...and the same quote in the copy: the same part of the same message
        row(5, 3, 1, "", "ann|2001-10-01|plan"),  # doc1's message, quoted in doc3
        row(6, 3, 0, "<b@x>", "bob|2001-10-02|re: plan"),
    ]
    assert group_messages(rows) == {1: 1, 2: 1, 3: 3, 4: 3, 5: 1, 6: 6}


def test_two_messages_of_their_own_are_never_one_by_their_fingerprint():
    rows = [row(1, 1, 0, "<a@x>", "ann|2001-10-01|call"), row(2, 2, 0, "<b@x>", "ann|2001-10-01|call")]
    assert group_messages(rows) == {1: 1, 2: 2}


# -- the whole step on real messages ----------------------------------------------------------
def duplicates(store) -> dict[tuple[str, int], tuple[str, int]]:
    rows = store.conn.execute(
        "SELECT d.name, p.number, c.name, q.number, p.read_kind FROM paragraphs p JOIN documents d ON d.id = p.doc_id "
        "JOIN paragraphs q ON q.id = p.copy_of JOIN documents c ON c.id = q.doc_id WHERE p.kind = 'duplicate'"
    )
    return {(a, n): (b, m, kind) for a, n, b, m, kind in rows}


@pytest.fixture
def mail_store(tmp_path, tiny_model):
    with open_store(tmp_path / "mail.db", create=True) as store:
        ingest(store, [MAIL / "maildir", MAIL / "mbox"], model=tiny_model)
        yield store


def test_the_mbox_copy_of_a_maildir_message_is_set_aside_as_a_duplicate(mail_store):
    found = duplicates(mail_store)
    copy = {k: v for k, v in found.items() if k[0] == "mbox/lavorato-j-inbox.mbox#2"}
    # the message's prose, paragraph for paragraph (its signature is boilerplate already)
    assert copy == {
        ("mbox/lavorato-j-inbox.mbox#2", 3): ("maildir/lavorato-j/inbox/4.", 3, "body"),
        ("mbox/lavorato-j-inbox.mbox#2", 4): ("maildir/lavorato-j/inbox/4.", 4, "body"),
    }
    assert not any(k[0].startswith("mbox/lavorato-j-inbox.mbox#1") for k in found)  # not in the maildir: kept


def test_a_quoted_reply_the_thread_holds_earlier_is_set_aside_and_names_where(mail_store):
    found = duplicates(mail_store)
    later = {k: v for k, v in found.items() if k[0] == "maildir/dasovich-j/sent_items/3."}
    # 3. (15:58) quotes the thread that 2. (14:00, the same day) holds already, paragraph for paragraph
    assert later and all(v[0] == "maildir/dasovich-j/sent_items/2." and v[2] == "quote" for v in later.values())
    assert {(k[1] - v[1]) for k, v in later.items()} == {2}
    assert not any(k[0] == "maildir/dasovich-j/sent_items/2." for k in found)  # the first copy stays evidence


def test_duplicates_are_counted_and_come_back_with_include(mail_store):
    paragraphs, words = mail_store.duplicate_counts()
    assert paragraphs == len(duplicates(mail_store)) and words > 0
    assert mail_store.kind_counts()["duplicate"] == paragraphs
    default, everything = build_graph(mail_store), build_graph(mail_store, kinds=kinds_for(["duplicates"]))
    assert "duplicate" in everything.graph["kinds"] and "duplicate" not in default.graph["kinds"]


def test_duplicates_do_not_depend_on_the_order_of_ingest(tmp_path, tiny_model, mail_store):
    with open_store(tmp_path / "other.db", create=True) as store:
        ingest(store, [MAIL / "mbox"], model=tiny_model)
        assert duplicates(store) == {}  # alone, the mbox holds each text once
        ingest(store, [MAIL / "maildir"], model=tiny_model)
        assert duplicates(store) == duplicates(mail_store)


def test_a_duplicate_gets_its_kind_back_when_the_other_copy_is_gone(tmp_path, tiny_model):
    folder = tmp_path / "mail"
    shutil.copytree(MAIL, folder)
    with open_store(tmp_path / "m.db", create=True) as store:
        ingest(store, [folder / "maildir", folder / "mbox"], model=tiny_model)
        assert ("mbox/lavorato-j-inbox.mbox#2", 3) in duplicates(store)
        assert store.forget_document(str((folder / "maildir/lavorato-j/inbox/4.").resolve()))
        mark_copies(store)
        assert not any(k[0] == "mbox/lavorato-j-inbox.mbox#2" for k in duplicates(store))
        kinds = dict(
            store.conn.execute(
                "SELECT p.number, p.kind FROM paragraphs p JOIN documents d ON d.id = p.doc_id "
                "WHERE d.name = 'mbox/lavorato-j-inbox.mbox#2'"
            )
        )
        assert kinds[3] == kinds[4] == "body"


def test_paragraphs_shows_where_the_text_of_a_duplicate_is(tmp_path, tiny_model, run):
    db = tmp_path / "m.db"
    result = run("ingest", MAIL / "maildir", MAIL / "mbox", "--db", db, "--model", tiny_model)
    assert result.exit_code == 0
    said = r"^\d+ paragraphs \([\d,]+ words\) of e-mail repeat text the corpus holds elsewhere and count once; "
    assert re.search(said + r"`--include duplicates` counts them again$", result.stderr, re.M)
    shown = run("paragraphs", MAIL / "mbox" / "lavorato-j-inbox.mbox", "--kind", "duplicate", "--db", db, "--json")
    rows = json.loads(shown.stdout)
    assert [(r["document"], r["paragraph"], r["why"]) for r in rows] == [
        ("lavorato-j-inbox.mbox#2", 3, "text also in maildir/lavorato-j/inbox/4., ¶ 3"),
        ("lavorato-j-inbox.mbox#2", 4, "text also in maildir/lavorato-j/inbox/4., ¶ 4"),
    ]
    alone = run(
        "paragraphs", MAIL / "mbox" / "lavorato-j-inbox.mbox", "--kind", "duplicate", "--db", tmp_path / "no.db"
    )
    assert alone.exit_code == 0 and "0 paragraphs listed" in alone.stdout  # no database: the file alone decides
