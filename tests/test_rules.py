"""One test per cleaning, classification and resolution rule, on small hand-written inputs."""

from __future__ import annotations

import pytest

from graphkit.classify import classify_paragraphs
from graphkit.corpus import decode, html_to_text, split_paragraphs
from graphkit.extract import drop_capitalised_phrases, label_end, mentions_in
from graphkit.normalize import clean_mention, entity_key, prepare_for_ner, restore_case
from graphkit.resolve import find_acronyms, resolve_entities


def forms(span, label="PERSON"):
    return [m.form for m in clean_mention(span, label)]


@pytest.mark.parametrize(
    "span,label,expected",
    [
        ("Trump's", "PERSON", ["Trump"]),
        ("Trump’s", "ORG", ["Trump"]),
        ("President Trump", "ORG", ["Trump"]),
        ("Foreign Minister LAVROV", "PERSON", ["LAVROV"]),
        ("U.S. President Joe Biden", "PERSON", ["Joe Biden"]),
        ("the Kremlin", "ORG", ["Kremlin"]),
        ("Russian-U.S.", "NORP", ["Russian", "U.S."]),
        ("Trump/KGB", "ORG", ["Trump", "KGB"]),
        ("Trump - KGB", "ORG", ["Trump", "KGB"]),
        ("Guinea-Bissau", "GPE", ["Guinea-Bissau"]),
        ("Jean-Luc Picard", "PERSON", ["Jean-Luc Picard"]),
        ("pro-Russian", "NORP", []),
        ("he", "PERSON", []),
        ("Secretary of State", "PERSON", []),
        ("Yury Gromyko of", "PERSON", ["Yury Gromyko"]),
        ("321 F. Supp", "ORG", []),
        ("General Motors", "ORG", ["General Motors"]),
        ("Justice Department", "ORG", ["Justice Department"]),
        ("the Department of Justice", "ORG", ["Department of Justice"]),
        ("KGB Political", "ORG", ["KGB"]),
        ("internet operators", "ORG", []),
        ("Donald Trump Jr.", "PERSON", ["Donald Trump Jr."]),
        ("Robert Kennedy.506 Sessions", "PERSON", ["Robert Kennedy", "Sessions"]),
        ("National Interest. Simes", "PERSON", ["National Interest", "Simes"]),
        ("Sessions and Rosenstein", "PERSON", ["Sessions", "Rosenstein"]),
        ("Procter and Gamble", "ORG", ["Procter and Gamble"]),
        ("LTG Flynn", "PERSON", ["Flynn"]),
        ("Guccifer 2.0", "PERSON", ["Guccifer 2.0"]),
        ("Office that Manafort", "ORG", ["Office", "Manafort"]),
        ("b. WikiLeaks", "ORG", ["WikiLeaks"]),
        ("Office [REDACTED", "ORG", ["Office"]),
        ("Section 1512(c)(2)", "LAW", ["Section 1512(c)(2)"]),
        ("Section 1512(c)(2", "LAW", ["Section 1512(c)"]),
        ("A. N", "PERSON", []),
        ("G7", "ORG", ["G7"]),
        ("Vladimir] Putin", "PERSON", ["Vladimir Putin"]),
    ],
)
def test_clean_mention(span, label, expected):
    assert forms(span, label) == expected


def test_restore_case_keeps_offsets_and_acronyms():
    text = "PUTIN told the FSB and NATO about TRUMP’S plan; FBIHQ agreed."
    restored = restore_case(text)
    assert restored == "Putin told the FSB and NATO about Trump’s plan; FBIHQ agreed."
    assert len(restored) == len(text)
    shouting = "RUSSIA: KREMLIN ASSESSMENT OF TRUMP AND THE US ELECTION"
    assert restore_case(shouting) == "Russia: Kremlin Assessment of Trump and the US Election"


def test_redactions_are_blanked_for_the_model():
    assert prepare_for_ner("Gates,[REDACTED], Stone") == "Gates,          , Stone"


def test_keys_fold_case_accents_periods_and_articles():
    assert entity_key("U.S.") == entity_key("US")
    assert entity_key("Zelníčková") == entity_key("ZELNICKOVA")
    assert entity_key("Ministry of the Interior") == entity_key("Ministry of Interior")
    assert entity_key("KGB Sixth Directorate") == "kgb 6th directorate"


def test_label_before_colon_is_not_a_mention():
    text = "Potential KGB Asset Since 1987: Former KGB General Oleg Kalugin alleged it."
    assert text[: label_end(text)] == "Potential KGB Asset Since 1987"
    kgb, oleg = text.index("KGB"), text.index("Oleg")
    spans = [(kgb, kgb + 3, "ORG"), (oleg, oleg + 12, "PERSON")]
    assert [m.form for m in mentions_in(text, spans)] == ["Oleg Kalugin"]
    assert [m.form for m in mentions_in("TRUMP: we will win.", [(0, 5, "PERSON")])] == ["TRUMP"]


def test_capitalised_common_phrase_is_dropped():
    texts = ["Russian interference began in 2014.", "Order to Investigate Russian Interference with the Election"]
    found = {2: mentions_in(texts[1], [(21, 41, "ORG")])}
    assert found[2][0].form == "Russian Interference"
    assert drop_capitalised_phrases(texts, found) == {}


def test_classify_web_page_furniture():
    paragraphs = [
        "Act Now",
        "Putin May Turn Against Trump in 2020",
        "It is well known that Russian President Vladimir Putin supported Donald Trump in the 2016 elections, "
        "and many analysts believe he will again.",
        "A meeting between Putin and Trump took place in Helsinki. (Image: screen capture)",
        "We Know for Certain That The KGB Had Access to Trump and Assessed Him",
        "Dear readers,",
        "We are facing unprecedented challenges, and Putin's government has designated us undesirable.",
        "1. Avatar Brent says:",
        "Putin is a crook and Trump knows it.",
    ]
    kinds = [k for k, _ in classify_paragraphs(paragraphs)]
    assert kinds == [
        "boilerplate",
        "heading",
        "body",
        "boilerplate",
        "heading",
        "boilerplate",
        "boilerplate",
        "comment",
        "comment",
    ]


def test_report_quote_is_not_a_comment_header():
    kinds = classify_paragraphs(["According to the memo, Trump said:", "We will meet in Moscow next week."])
    assert "comment" not in [k for k, _ in kinds]


def test_acronym_definitions():
    pairs = find_acronyms(
        [
            "the Internet Research Agency (IRA) hired trolls",
            "extend the New Strategic Arms Reduction Treaty (New START) now",
            "the KGB (Committee for State Security) ran it",
            "costs rose (see Table 3) again",
        ]
    )
    assert pairs == {("Internet Research Agency", "IRA"), ("New Strategic Arms Reduction Treaty", "New START")}


def stats(*rows):
    """(form, label, count) -> the rows resolve_entities reads."""
    return [(entity_key(f), f, label, 0, "body", n, 1) for f, label, n in rows]


def by_label(entities):
    return {e.label: e for e in entities}


def test_surname_joins_the_only_full_name_and_type_is_voted():
    ents = by_label(
        resolve_entities(stats(("Donald Trump", "PERSON", 3), ("Trump", "ORG", 10), ("TRUMP", "ORG", 5)), aliases=[])
    )
    assert list(ents) == ["Donald Trump"]
    assert ents["Donald Trump"].type == "PERSON"
    assert "surname of Donald Trump" in ents["Donald Trump"].keys["trump"]


def test_ambiguous_surname_stays_alone():
    ents = by_label(
        resolve_entities(
            stats(("Ivanka Trump", "PERSON", 3), ("Eric Trump", "PERSON", 3), ("Trump", "PERSON", 4)), aliases=[]
        )
    )
    assert set(ents) == {"Ivanka Trump", "Eric Trump", "Trump"}


def test_junior_does_not_take_the_surname_and_families_stay_apart():
    ents = by_label(
        resolve_entities(
            stats(
                ("Donald Trump", "PERSON", 5),
                ("Donald Trump Jr.", "PERSON", 2),
                ("Trump", "PERSON", 9),
                ("Trumps", "GPE", 1),
            ),
            aliases=[],
        )
    )
    assert set(ents) == {"Donald Trump", "Donald Trump Jr.", "Trumps"}
    assert ents["Trumps"].type == "PERSON"


def test_place_is_not_a_surname():
    ents = by_label(resolve_entities(stats(("George Washington", "PERSON", 2), ("Washington", "GPE", 1)), aliases=[]))
    assert set(ents) == {"George Washington", "Washington"} and ents["Washington"].type == "GPE"


def test_acronym_qualified_and_generic_head_rules():
    ents = by_label(
        resolve_entities(
            stats(
                ("Internet Research Agency", "ORG", 2),
                ("IRA", "ORG", 4),
                ("Russian", "NORP", 9),
                ("Foreign Ministry", "ORG", 2),
                ("Russian Foreign Ministry", "ORG", 1),
                ("Special Counsel's Office", "ORG", 2),
                ("Office", "ORG", 10),
            ),
            aliases=[],
        )
    )
    assert len(ents) == 4 and {"Internet Research Agency", "Russian", "Special Counsel's Office"} <= set(ents)
    ministry = next(e for e in ents.values() if "Foreign Ministry" in e.forms)
    assert set(ministry.forms) == {"Foreign Ministry", "Russian Foreign Ministry"}


def test_an_acronym_skips_the_function_words_of_its_name():
    """One function-word set (graphkit.text) for re-casing and for spelling acronyms (issue 15)."""
    ents = by_label(
        resolve_entities(
            stats(("Committee to Protect Journalists", "ORG", 2), ("CPJ", "ORG", 3), ("Banco de la Nacion", "ORG", 1)),
            aliases=[],
        )
    )
    assert set(ents) == {"Committee to Protect Journalists", "Banco de la Nacion"}
    assert "CPJ" in ents["Committee to Protect Journalists"].forms


def test_type_priors_from_places_and_head_nouns():
    ents = by_label(
        resolve_entities(
            stats(("Kiev", "PERSON", 1), ("National Hotel", "ORG", 1), ("Red Square", "GPE", 1)), aliases=[]
        )
    )
    assert {k: e.type for k, e in ents.items()} == {"Kiev": "GPE", "National Hotel": "FAC", "Red Square": "FAC"}


def test_curation_merge_split_rename_ignore_type():
    rows = stats(("Drumpf", "ORG", 2), ("Donald Trump", "PERSON", 3), ("QiOSK", "ORG", 1), ("Krasnov", "GPE", 1))
    curation = [
        ("merge", "Donald Trump", "Drumpf"),
        ("ignore", "QiOSK", ""),
        ("rename", "Donald Trump", "Donald J. Trump"),
        ("type", "Krasnov", "PERSON"),
    ]
    ents = by_label(resolve_entities(rows, curation=curation, aliases=[]))
    assert set(ents) == {"Donald J. Trump", "Krasnov"}
    assert ents["Krasnov"].type == "PERSON"
    split = by_label(resolve_entities(rows, curation=curation + [("split", "Donald Trump", "Drumpf")], aliases=[]))
    assert "Drumpf" in split


def test_decode_never_fails():
    assert decode("café".encode())[0] == "café"
    assert decode("café".encode("cp1252"))[0] == "café"
    assert decode("hello".encode("utf-16"))[0] == "hello"
    assert decode(bytes(range(256)) * 10)[0] is None
    text, codec = decode(b"ok \xff\xfe\xfd bytes " * 3)
    assert text is not None and codec.startswith(("cp1252", "utf-8"))


def test_paragraphs_lines_wrapped_and_long():
    assert [p.text for p in split_paragraphs("One.\n\n  Two  words.\n")] == ["One.", "Two words."]
    block = "\n".join(["This line is wrapped at a fixed width like an old e-mail or a report that"] * 4)
    wrapped = "\n\n".join([block] * 3)
    assert len(split_paragraphs(wrapped)) == 3
    long = split_paragraphs("Putin spoke. " * 5000)
    assert len(long) > 1 and all(len(p.text) <= 10_000 for p in long)


def test_html_visible_text_only():
    title, text = html_to_text(
        "<html><head><title>T</title><script>alert(1)</script></head><body><p>Putin</p><style>x</style><p>Trump</p></body></html>"
    )
    assert title == "T" and [ln for ln in text.split("\n") if ln.strip()] == ["Putin", "Trump"]


def test_nicknames_and_suffixed_surnames_join_the_full_name():
    ents = by_label(
        resolve_entities(
            stats(
                ("Donald McGahn", "PERSON", 4),
                ("Don McGahn", "PERSON", 3),
                ("McGahn", "ORG", 50),
                ("Michael T. Flynn", "PERSON", 5),
                ("Mike Flynn", "PERSON", 2),
                ("Flynn", "PERSON", 40),
                ("Donald Trump Jr.", "PERSON", 3),
                ("Trump Jr.", "PERSON", 9),
            ),
            aliases=[],
        )
    )
    assert set(ents) == {"Donald McGahn", "Michael T. Flynn", "Donald Trump Jr."}
    assert ents["Donald McGahn"].type == "PERSON"  # a full name outweighs fifty ORG guesses


def test_a_person_and_an_organisation_are_never_chained_together():
    # "J.D." is J.D. Gordon's given name and spells "Justice Department": neither rule may join the three.
    ents = resolve_entities(
        stats(
            ("J.D. Gordon", "PERSON", 5),
            ("Gordon", "PERSON", 9),
            ("J.D.", "PERSON", 2),
            ("Justice Department", "ORG", 4),
        ),
        aliases=[],
    )
    person = next(e for e in ents if "Gordon" in e.forms)
    assert "Justice Department" not in person.forms


def test_a_surname_the_model_calls_a_place_still_joins_its_person():
    ents = by_label(resolve_entities(stats(("Oleg Deripaska", "PERSON", 2), ("Deripaska", "GPE", 5)), aliases=[]))
    assert set(ents) == {"Oleg Deripaska"} and ents["Oleg Deripaska"].type == "PERSON"
