"""One test per cleaning, classification and resolution rule, on small hand-written inputs."""

from __future__ import annotations

import pytest

from graphkit.classify import classify_paragraphs
from graphkit.corpus import decode, html_to_text, split_paragraphs
from graphkit.extract import drop_capitalised_phrases, label_end, mentions_in
from graphkit.normalize import clean_mention, entity_key, find_acronyms, prepare_for_ner, restore_case


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
        ("Section 1512(c)(2)", "LAW", []),  # document labels are never entities (issue 14)
        ("Section 1512(c)(2", "LAW", []),
        ("Exhibit C", "ORG", []),
        ("Volume II", "LAW", []),
        ("D.C. Cir", "ORG", []),
        ("4th Cir.", "ORG", []),
        ("Id.", "ORG", []),
        ("McLean SJ Decl", "PERSON", []),
        ("Excellencies", "PERSON", []),
        ("1400 Smith Street", "FAC", []),
        ("LLC", "ORG", []),
        ("Jefferies LLC", "ORG", ["Jefferies LLC"]),
        ("Acme, Inc.", "ORG", ["Acme, Inc."]),
        ("Plaintiff Fort Detrick", "ORG", ["Fort Detrick"]),
        ("Plaintiff", "ORG", []),
        ("Pope Francis", "PERSON", ["Pope Francis"]),
        ("President Francis", "PERSON", ["Francis"]),
        ("A.G. Sessions", "PERSON", ["Sessions"]),
        ("PM Netanyahu", "ORG", ["Netanyahu"]),
        ("SecretaryGeneral Guterres", "ORG", ["Guterres"]),
        ("LTG Flynn", "ORG", ["Flynn"]),
        ("Don McGahn", "PERSON", ["Don McGahn"]),
        ("this General Assembly", "ORG", ["General Assembly"]),
        ("Patten, Manafort and Kilimnik", "PERSON", ["Patten", "Manafort", "Kilimnik"]),
        ("Comey, Sessions", "ORG", ["Comey", "Sessions"]),
        ("Russia and Ukraine", "GPE", ["Russia", "Ukraine"]),
        ("Trinidad and Tobago", "GPE", ["Trinidad and Tobago"]),
        ("Jeff Skilling @ ENRON", "PERSON", ["Jeff Skilling"]),
        ("Vince J Kaminski/HOU/ECT@ECT", "PERSON", ["Vince J Kaminski"]),
        ("Enron@Enron", "ORG", []),
        ("John Smith 713-853-1234", "PERSON", ["John Smith"]),
        ("Houston, TX 77002", "GPE", ["Houston"]),
        ("s Samsung", "ORG", ["Samsung"]),
        ("A. N", "PERSON", []),
        ("G7", "ORG", ["G7"]),
        ("Vladimir] Putin", "PERSON", ["Vladimir Putin"]),
        # A title word right after a given name is a surname (issue 14, round 2).
        ("Erik Prince", "PERSON", ["Erik Prince"]),
        ("Erik Prince’s", "ORG", ["Erik Prince"]),
        ("John Major", "PERSON", ["John Major"]),
        ("Mr. Prince", "ORG", ["Prince"]),
        ("Prince", "PERSON", ["Prince"]),
        ("Prince", "ORG", []),
        ("Crown Prince Mohammed", "PERSON", ["Crown Prince Mohammed"]),
        ("United Nations Convention against", "ORG", ["United Nations Convention"]),
        ("Heads of State and Government", "ORG", []),
        ("Russian President Putin", "PERSON", ["Putin"]),
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


def test_defined_terms_in_quotes_are_short_forms():
    pairs = find_acronyms(
        [
            "he was invited to the St. Petersburg International Economic Forum (“Forum”) in June",
            'Enron Corp. (the "Company") and John Doe (hereinafter "Doe") agree',
            'he said ("No") to that, and Putin ("Vlad") smiled',
        ]
    )
    assert pairs == {
        ("St. Petersburg International Economic Forum", "Forum"),
        ("Enron Corp.", "Company"),
        ("John Doe", "Doe"),
    }


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


@pytest.mark.parametrize(
    "span,expected",
    [
        ("Special Counsel’s Office", ["Special Counsel’s Office"]),
        ("Secretary-General’s Sustainable Development Goals Summit", ["Sustainable Development Goals Summit"]),
        ("United Kingdom-United States", ["United Kingdom", "United States"]),
        ("Schwarz, Lamar", ["Lamar Schwarz"]),
        ("Jim Piro 01/26/01", ["Jim Piro"]),
        ("MW", []),
        ("Our Common Agenda", ["Our Common Agenda"]),
        ("our Organization", ["Organization"]),
    ],
)
def test_clean_mention_any_label(span, expected):
    assert forms(span, "ORG" if "," not in span else "PERSON") == expected


def test_a_place_the_model_kept_the_last_part_of_is_whole():
    text = "In that connection, Antigua and Barbuda stands ready."
    start = text.index("Barbuda")
    assert [m.form for m in mentions_in(text, [(start, start + 7, "PERSON")])] == ["Antigua and Barbuda"]


def test_single_capitalised_words_of_a_paragraph_in_another_language_are_no_mentions():
    text = "Diese Nachricht ist vertraulich. Jede unbefugte Weiterleitung oder Fertigung einer Kopie ist unzulaessig, sagt Hans Meier."
    spans = [(text.index(w), text.index(w) + len(w), "ORG") for w in ("Weiterleitung", "Kopie", "Hans Meier")]
    assert [m.form for m in mentions_in(text, spans)] == ["Hans Meier"]
    english = (
        "The forwarding or copying of this message is not allowed, said Hans Meier of Kopie Corp in Houston today."
    )
    assert [
        m.form for m in mentions_in(english, [(english.index("Houston"), english.index("Houston") + 7, "GPE")])
    ] == ["Houston"]
