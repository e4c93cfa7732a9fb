"""Names a document tags, found again where the model missed them (issue 14, round 3)."""

from __future__ import annotations

from graphkit.extract import Mention, mentions_in
from graphkit.repeats import tag_repeats


def tagged(texts, spans):
    """``texts``: number -> text; ``spans``: number -> [(words, label)] tagged at their first place."""
    found = {}
    for number, items in spans.items():
        text = texts[number]
        found[number] = mentions_in(text, [(text.index(w), text.index(w) + len(w), label) for w, label in items])
    return found


def names(found):
    return {n: [(m.text, m.label) for m in ms] for n, ms in sorted(found.items())}


def test_a_tagged_name_is_found_where_the_model_missed_it():
    texts = {
        1: "Jeff Sessions met Kislyak in Washington.",
        2: "Later that year, Kislyak and Jeff Sessions met again.",
    }
    found = tagged(texts, {1: [("Jeff Sessions", "PERSON"), ("Kislyak", "PERSON"), ("Washington", "GPE")]})
    out = names(tag_repeats(texts, found))
    assert out[2] == [("Kislyak", "PERSON"), ("Jeff Sessions", "PERSON")]
    assert out[1] == names(found)[1]  # nothing tagged twice


def test_a_name_inside_a_longer_capitalised_name_is_left_alone():
    texts = {1: "Trump said so. Trump said it twice.", 2: "They met at Trump Tower, and President Trump left."}
    found = tagged(texts, {1: [("Trump", "PERSON")]})
    found[1] += mentions_in(texts[1], [(15, 20, "PERSON")])
    out = names(tag_repeats(texts, found))
    assert out[2] == [("Trump", "PERSON")]  # after a title, yes; in "Trump Tower", no
    assert tag_repeats(texts, found)[2][0].start == texts[2].index("Trump left")


def test_an_english_word_needs_two_tags_and_is_not_taken_at_a_sentence_start():
    texts = {
        1: "Sessions recused. The committee heard Sessions in March.",
        2: "Sessions were held all week. In the end Sessions resigned.",
    }
    found = tagged(texts, {1: [("Sessions in", "PERSON")]})
    found[1] = [Mention(38, 46, "Sessions", "PERSON", "Sessions", False)]
    assert names(tag_repeats(texts, found)).get(2) is None  # tagged once only
    found[1].insert(0, Mention(0, 8, "Sessions", "PERSON", "Sessions", False))
    out = names(tag_repeats(texts, found))
    assert out[2] == [("Sessions", "PERSON")]  # "In the end Sessions", not "Sessions were held"
    assert tag_repeats(texts, found)[2][0].start == texts[2].index("Sessions resigned")


def test_a_name_the_document_rarely_tags_is_not_spread():
    # Tagged once in five free-standing uses: the model's exception, not the document's name.
    texts = {n: f"Paragraph {n} talks about Bank policy and Bank rules." for n in range(1, 4)}
    found = {1: [Mention(25, 29, "Bank", "ORG", "Bank", False)]}
    assert names(tag_repeats(texts, found)) == names(found)


def test_dates_and_existing_mentions_are_never_overlapped_and_the_majority_label_wins():
    texts = {1: "May met Macron.", 2: "Macron spoke.", 3: "On 4 May Macron and May spoke again."}
    found = {
        1: [Mention(0, 3, "May", "PERSON", "May", False), Mention(8, 14, "Macron", "PERSON", "Macron", False)],
        2: [Mention(0, 6, "Macron", "ORG", "Macron", False)],
        3: [Mention(9, 15, "Macron", "PERSON", "Macron", False)],
    }
    out = tag_repeats(texts, found, {3: [(3, 8)]})
    assert [(m.text, m.start) for m in out[3]] == [("Macron", 9)]  # "May" once only; the date stays a date
    texts[2] = "Macron spoke to Macron."
    out = tag_repeats(texts, found)
    assert [(m.text, m.label) for m in out[2]] == [("Macron", "ORG"), ("Macron", "PERSON")]


def test_a_coordination_of_people_the_document_names_is_split_and_a_firm_is_not():
    from graphkit.repeats import split_coordinated

    text = "Sessions and Kislyak met; Procter and Gamble paid. Jeff Sessions, Sergey Kislyak and Procter left."
    found = {
        1: [
            Mention(0, 20, "Sessions and Kislyak", "ORG", "Sessions and Kislyak", False),
            Mention(26, 44, "Procter and Gamble", "ORG", "Procter and Gamble", False),
            Mention(51, 64, "Jeff Sessions", "PERSON", "Jeff Sessions", False),
            Mention(66, 80, "Sergey Kislyak", "PERSON", "Sergey Kislyak", False),
            Mention(85, 92, "Procter", "ORG", "Procter", False),
        ]
    }
    out = split_coordinated(found)[1]
    assert [(text[m.start : m.end], m.label) for m in out[:3]] == [
        ("Sessions", "PERSON"),
        ("Kislyak", "PERSON"),
        ("Procter and Gamble", "ORG"),
    ]
    # "Johnson & Johnson": two parts that are one name are no two people
    twin = {
        1: [Mention(0, 17, "Johnson & Johnson", "ORG", "Johnson & Johnson", False)],
        2: [Mention(0, 7, "Johnson", "PERSON", "Johnson", False)],
    }
    assert split_coordinated(twin)[1][0].text == "Johnson & Johnson"


def test_a_treaty_the_model_ended_at_its_head_word_gets_the_rest_of_its_title():
    from graphkit.extract import mentions_in

    t = (
        "Tuvalu ratified the United Nations Convention on the Law of the Sea, thanked the Ministry of "
        "Foreign Affairs of Ukraine and met the Campaign in Moscow on Monday."
    )

    def span(words, label):
        return (t.index(words), t.index(words) + len(words), label)

    spans = [
        span("United Nations Convention", "LAW"),
        span("Sea", "LOC"),
        span("Ministry of Foreign Affairs", "ORG"),
        span("Ukraine", "GPE"),
        span("Campaign", "ORG"),
        span("Moscow", "GPE"),
        span("Monday", "DATE"),
    ]
    got = [(m.text, m.label) for m in mentions_in(t, spans)]
    assert got == [
        ("United Nations Convention on the Law of the Sea", "LAW"),  # one treaty, not a Convention and a Sea
        ("Ministry of Foreign Affairs", "ORG"),  # a country named in a title stays a mention of its own
        ("Ukraine", "GPE"),
        ("Campaign", "ORG"),  # "in Moscow" says where, not which
        ("Moscow", "GPE"),
    ]
