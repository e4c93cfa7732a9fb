"""Offices used as names: "the President" is the person the document titles President (issue 14)."""

from __future__ import annotations

from graphkit.extract import Mention
from graphkit.normalize import entity_key
from graphkit.resolve import MentionRow, resolve_entities
from graphkit.roles import LEAST_USES, office_before, tag_offices


def test_an_office_used_often_enough_in_a_document_is_a_mention():
    texts = {
        1: "The President met the Vice President. The President of Russia called.",
        2: "Later the President said the president was tired; the President Trump story ran.",
        3: "The President's counsel wrote to the Secretary of State.",
    }
    out = tag_offices(texts, {})
    names = {n: [m.text for m in ms] for n, ms in out.items()}
    # "the President of Russia", "the president", "the President Trump" are not uses; three uses are
    assert names == {1: ["President"], 2: ["President"], 3: ["President"]}
    assert LEAST_USES == 3
    assert tag_offices({1: texts[1], 2: texts[2]}, {}) == {}  # two uses: an office, not a name


def test_an_office_never_overlaps_a_mention_the_model_made():
    texts = {n: "the President spoke." for n in range(1, 5)}
    found = {1: [Mention(4, 13, "President", "ORG", "President", False)]}
    out = tag_offices(texts, found)
    assert [m.label for m in out[1]] == ["ORG"] and all(len(out[n]) == 1 for n in range(2, 5))


def test_the_title_before_a_name_is_read_longest_first():
    assert office_before("the meeting with Vice President ") == "vice president"
    assert office_before("then-President ") == "president"
    assert office_before("Deputy Attorney General ") == "deputy attorney general"
    assert office_before("the Chief of Staff ") is None
    assert office_before("Executive Vice-President ") is None  # not on the list as written: no guess


def rows_of(doc, items, first_id):
    """(form, label, office of its title or None) in reading order -> mention rows and titles."""
    rows, titles = [], {}
    for i, (form, label, office) in enumerate(items):
        rows.append(MentionRow(first_id + i, doc, i + 1, 0, form, entity_key(form), label, office is not None))
        if office:
            titles[first_id + i] = office
    return rows, titles


def test_an_office_goes_to_the_person_its_document_titles_so_and_else_to_the_corpus_s():
    a, ta = rows_of(
        1,
        [
            ("Donald Trump", "PERSON", None),
            ("Trump", "PERSON", "president"),
            ("Trump", "PERSON", "president"),
            ("Trump", "PERSON", "president"),
            ("Putin", "PERSON", "president"),
            ("President", "PERSON", None),
        ],
        1,
    )
    b, tb = rows_of(2, [("President", "PERSON", None), ("Vladimir Putin", "PERSON", None)], 20)
    c, tc = rows_of(3, [("Trump", "PERSON", "president")] * 4 + [("President", "PERSON", None)], 30)
    res = resolve_entities(a + b + c, aliases=[], titles={**ta, **tb, **tc})
    entity = {m: res.entities[res.assigned[m][0]].label for m in (6, 20, 34)}
    assert entity == {6: "Donald Trump", 20: "Donald Trump", 34: "Donald Trump"}
    assert "this document names most" in res.assigned[6][1] and "the corpus names most" in res.assigned[20][1]


def test_an_office_nobody_clearly_holds_names_nothing():
    rows, titles = rows_of(
        1,
        [
            ("Trump", "PERSON", "president"),
            ("Putin", "PERSON", "president"),
            ("President", "PERSON", None),
            ("Vice President", "PERSON", None),
        ],
        1,
    )
    res = resolve_entities(rows, aliases=[], titles=titles)
    assert 3 not in res.assigned and 4 not in res.assigned
    assert {e.label for e in res.entities} == {"Trump", "Putin"}


def test_an_institution_s_head_word_used_as_a_name_is_an_organisation_mention():
    texts = {n: f"Then the Campaign said {n}." for n in range(1, 4)}
    out = tag_offices(texts, {})
    assert all([(m.text, m.label) for m in out[n]] == [("Campaign", "ORG")] for n in range(1, 4))
