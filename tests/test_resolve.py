"""Resolution rules, each on a hand-made list of mentions (issue 14).

``stats`` puts every row in a document of its own, so only the corpus-wide rules can join
them; ``document`` lists the mentions of one document in reading order, so the
document-scoped rules apply.
"""

from __future__ import annotations

from graphkit.normalize import entity_key
from graphkit.resolve import MentionRow, resolve_entities


def stats(*rows):
    """(form, label, count) rows, each in a document of its own."""
    out = []
    for doc, (form, label, count) in enumerate(rows, 1):
        for _ in range(count):
            out.append(MentionRow(len(out) + 1, doc, 1, 0, form, entity_key(form), label))
    return out


def document(doc, *forms, first_id=1):
    """One document's mentions in reading order: 'Form' or ('Form', 'LABEL') or ('Form', 'LABEL', titled)."""
    out = []
    for i, item in enumerate(forms):
        form, label, titled = (item, "PERSON", False) if isinstance(item, str) else (*item, False)[:3]
        out.append(MentionRow(first_id + i, doc, i + 1, 0, form, entity_key(form), label, titled))
    return out


def by_label(resolution):
    return {e.label: e for e in resolution.entities}


def entity_of(resolution, mention_id):
    return resolution.entities[resolution.assigned[mention_id][0]].label


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
    ).entities
    person = next(e for e in ents if "Gordon" in e.forms)
    assert "Justice Department" not in person.forms


def test_a_surname_the_model_calls_a_place_still_joins_its_person():
    ents = by_label(resolve_entities(stats(("Oleg Deripaska", "PERSON", 2), ("Deripaska", "GPE", 5)), aliases=[]))
    assert set(ents) == {"Oleg Deripaska"} and ents["Oleg Deripaska"].type == "PERSON"


# -- document-scoped rules ------------------------------------------------------------------
def test_a_surname_goes_to_the_full_name_its_own_document_introduces():
    # Two people called Sessions in the corpus: each document says which one it means.
    rows = document(1, "Jeff Sessions", "Sessions", ("Sessions", "ORG")) + document(
        2, "Pete Sessions", "Sessions", first_id=10
    )
    res = resolve_entities(rows, aliases=[])
    assert [entity_of(res, i) for i in (2, 3, 11)] == ["Jeff Sessions", "Jeff Sessions", "Pete Sessions"]
    assert "the only one this document names" in res.assigned[2][1]


def test_the_nearest_full_name_before_wins_when_none_dominates():
    rows = document(1, "Ivanka Trump", "Eric Trump", "Trump", "Eric Trump", "Ivanka Trump", "Trump")
    res = resolve_entities(rows, aliases=[])  # neither dominates the corpus nor the document
    assert entity_of(res, 3) == "Eric Trump" and entity_of(res, 6) == "Ivanka Trump"
    assert "named last before it" in res.assigned[3][1]


def test_the_full_name_a_document_names_most_owns_the_surname():
    rows = document(1, "Donald Trump", "Donald Trump", "Donald Trump", "Donald Trump", "Ivanka Trump", "Trump")
    rows += document(2, "Ivanka Trump", "Ivanka Trump", "Ivanka Trump", first_id=10)  # no bearer dominates the corpus
    res = resolve_entities(rows, aliases=[])
    assert entity_of(res, 6) == "Donald Trump" and "names most" in res.assigned[6][1]


def test_a_surname_with_one_dominant_bearer_in_the_corpus_is_his_even_where_a_relative_is_named():
    rows = document(1, *["Donald Trump"] * 8) + document(2, "Eric Trump", "Trump", first_id=20)
    res = resolve_entities(rows, aliases=[])
    assert entity_of(res, 21) == "Donald Trump"


def test_one_off_glued_names_do_not_unseat_the_dominant_bearer_of_a_surname():
    # "Yuri Trump" and "Matt Trump" are the model's glued fragments, one mention each.
    rows = document(1, *["Donald Trump"] * 12) + document(2, "Ivanka Trump", "Trump", first_id=20)
    rows += document(3, "Yuri Trump", "Matt Trump", "Trump", first_id=30)
    res = resolve_entities(rows, aliases=[])
    assert entity_of(res, 32) == "Donald Trump" and "names most by far" in res.assigned[32][1]
    assert entity_of(res, 21) == "Donald Trump"


def test_a_given_name_and_a_nickname_go_to_the_person_the_document_names():
    rows = document(1, "William Clinton", "Bill", "Hillary Clinton", "Hillary")
    res = resolve_entities(rows, aliases=[])
    assert entity_of(res, 2) == "William Clinton" and entity_of(res, 4) == "Hillary Clinton"


def test_a_regnal_name_is_nobody_s_surname():
    # "Pope Francis" is not a Francis whose surname a "President Francis" could share.
    rows = document(1, "Dennis Francis", "Pope Francis", ("Francis", "PERSON", True))
    res = resolve_entities(rows, aliases=[])
    assert entity_of(res, 3) == "Dennis Francis"
    assert "Francis" not in by_label(res)["Pope Francis"].forms


def test_an_acronym_follows_its_document_when_documents_disagree():
    rows = document(1, ("Internet Research Agency", "ORG"), ("IRA", "ORG")) + document(
        2, ("Irish Republican Army", "ORG"), ("IRA", "ORG"), first_id=10
    )
    acronyms = [(1, "Internet Research Agency", "IRA"), (2, "Irish Republican Army", "IRA")]
    res = resolve_entities(rows, acronyms=acronyms, aliases=[])
    assert entity_of(res, 2) == "Internet Research Agency" and entity_of(res, 11) == "Irish Republican Army"


def test_a_surname_no_document_introduces_falls_back_to_the_corpus():
    rows = document(1, "Paul Manafort", "Manafort") + document(2, "Manafort", first_id=10)
    res = resolve_entities(rows, aliases=[])
    assert entity_of(res, 10) == "Paul Manafort"
    assert "the only person of that name" in by_label(res)["Paul Manafort"].keys["manafort"]


def test_an_organisation_word_is_no_surname():
    # "Enron" is a company here (Enron Corp), so a stray "Enron Smith" cannot take it.
    rows = stats(("Enron Corp", "ORG", 3), ("Enron", "ORG", 20), ("Enron Smith", "PERSON", 1))
    ents = by_label(resolve_entities(rows, aliases=[]))
    assert set(ents) == {"Enron", "Enron Smith"} and set(ents["Enron"].forms) == {"Enron", "Enron Corp"}


def test_a_rare_misspelling_joins_the_frequent_name_but_two_frequent_names_never_do():
    rows = stats(
        ("Paul Manafort", "PERSON", 30), ("Paul Manaford", "PERSON", 1), ("Iran", "GPE", 20), ("Iraq", "GPE", 20)
    )
    ents = by_label(resolve_entities(rows, aliases=[]))
    assert (
        "Paul Manaford" in ents["Paul Manafort"].forms
        and "rare spelling" in ents["Paul Manafort"].keys["paul manaford"]
    )
    assert {"Iran", "Iraq"} <= set(ents)


def test_word_order_and_country_qualifiers_of_an_agency():
    rows = stats(
        ("Justice Department", "ORG", 3), ("Department of Justice", "ORG", 2), ("U.S. Department of Justice", "ORG", 1)
    )
    assert len(resolve_entities(rows, aliases=[]).entities) == 1


def test_a_given_name_first_makes_a_person_whatever_the_model_said():
    ents = by_label(resolve_entities(stats(("Oleg Kalugin", "ORG", 2), ("Acme Group", "ORG", 2)), aliases=[]))
    assert ents["Oleg Kalugin"].type == "PERSON" and ents["Acme Group"].type == "ORG"


def test_a_head_word_types_events_and_companies():
    rows = stats(("Republican National Convention", "LAW", 2), ("Davos Summit", "GPE", 1), ("Dynegy Inc", "GPE", 1))
    types = {k: e.type for k, e in by_label(resolve_entities(rows, aliases=[])).items()}
    assert types == {"Republican National Convention": "EVENT", "Davos Summit": "EVENT", "Dynegy Inc": "ORG"}


def test_a_header_mention_introduces_a_full_name_like_any_other():
    rows = [MentionRow(1, 1, 0, 0, "Jeff Skilling", "jeff skilling", "PERSON", source="header:from")]
    rows += document(1, "Jeff", first_id=2)
    res = resolve_entities(rows, aliases=[])
    assert entity_of(res, 2) == "Jeff Skilling"


def test_every_rule_is_listed_once_and_documents_come_before_the_fallback():
    from graphkit.resolve import RULES

    names = [r.__name__ for r in RULES]
    assert len(names) == len(set(names))
    assert names.index("resolve_documents") < names.index("join_leftover_surnames")


def test_a_bare_head_word_is_the_name_it_follows_closely_in_its_document():
    # document() puts each mention in a paragraph of its own: "Assembly" right after the
    # National Assembly is that one; four paragraphs on, it is nobody's.
    rows = document(1, ("General Assembly", "ORG"), ("Assembly", "ORG")) + document(
        2, ("National Assembly", "ORG"), "Alice Smith", "Bob Jones", "Carol White", ("Assembly", "ORG"), first_id=10
    )
    res = resolve_entities(rows, aliases=[])
    assert entity_of(res, 2) == "General Assembly"
    assert "named just before it" in res.assigned[2][1]
    assert 14 not in res.assigned  # a bare head nothing resolves is no entity


def test_a_head_word_nothing_resolves_is_no_entity():
    res = resolve_entities(
        stats(("Treaty", "LAW", 3), ("Protocol", "LAW", 1), ("Kyoto Protocol", "LAW", 1)), aliases=[]
    )
    assert set(by_label(res)) == {"Kyoto Protocol"}
    assert all(res.entities[i].label == "Kyoto Protocol" for i, _ in res.assigned.values())


def test_a_state_s_formal_title_is_the_state_but_not_where_two_states_share_a_name():
    rows = stats(
        ("Haiti", "GPE", 3), ("Republic of Haiti", "GPE", 1), ("China", "GPE", 3), ("Republic of China", "GPE", 1)
    )
    assert set(by_label(resolve_entities(rows, aliases=[]))) == {"Haiti", "China", "Republic of China"}


def test_a_name_and_the_one_longer_name_it_begins():
    rows = stats(("Universal Declaration", "LAW", 2), ("Universal Declaration of Human Rights", "LAW", 2))
    assert set(by_label(resolve_entities(rows, aliases=[]))) == {"Universal Declaration of Human Rights"}


def test_a_compass_point_and_a_continent_is_a_region():
    rows = stats(("West Africa", "GPE", 2), ("Central Asia", "GPE", 1), ("Paris Agenda", "ORG", 1))
    types = {k: e.type for k, e in by_label(resolve_entities(rows, aliases=[])).items()}
    assert types == {"West Africa": "LOC", "Central Asia": "LOC", "Paris Agenda": "LAW"}


# -- store and command line --------------------------------------------------------------
def test_explain_shows_why_each_mention_of_one_document_went_where_it_did(tiny_db, run):
    import json

    result = run("entities", "--db", tiny_db, "--explain", "Alice Smith", "--document", "one.txt", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(m["paragraph"], m["form"]) for m in data["document"]] == [(1, "Alice Smith"), (2, "Smith")]
    assert "the only one this document names" in data["document"][1]["why"]
    text = run("entities", "--db", tiny_db, "--explain", "Alice Smith", "--document", "one.txt").stdout
    assert "in one.txt:" in text and "surname of Alice Smith" in text


def test_a_schema_1_database_is_migrated_with_its_entities_kept(tiny_db, run):
    import json
    import sqlite3

    from graphkit.store.schema import SCHEMA_VERSION

    before = json.loads(run("entities", "--db", tiny_db, "--json").stdout)
    con = sqlite3.connect(tiny_db)  # back to schema 1: one entity per key, no per-mention table
    con.executescript(
        """
        CREATE TABLE old_keys (key TEXT PRIMARY KEY, entity_id INTEGER NOT NULL, reason TEXT NOT NULL);
        INSERT OR IGNORE INTO old_keys SELECT key, entity_id, reason FROM entity_keys;
        DROP TABLE entity_keys; ALTER TABLE old_keys RENAME TO entity_keys;
        DROP TABLE mention_entities;
        DROP TABLE correspondents; DROP TABLE messages;  -- and issue 12's, which came after
        ALTER TABLE paragraphs DROP COLUMN copy_of; ALTER TABLE paragraphs DROP COLUMN read_kind;
        DROP INDEX paragraphs_date;
        ALTER TABLE documents DROP COLUMN date; ALTER TABLE documents DROP COLUMN date_source;
        ALTER TABLE paragraphs DROP COLUMN date; ALTER TABLE paragraphs DROP COLUMN date_precision;
        ALTER TABLE paragraphs DROP COLUMN date_source; ALTER TABLE paragraphs DROP COLUMN date_text;
        ALTER TABLE paragraphs DROP COLUMN date_first; ALTER TABLE paragraphs DROP COLUMN date_last;
        DROP INDEX mentions_source; DROP TABLE watchlist; DROP TABLE watch_keys;
        ALTER TABLE mentions DROP COLUMN source; ALTER TABLE mentions DROP COLUMN hidden;
        UPDATE meta SET value = '1' WHERE key = 'schema_version';
        PRAGMA user_version = 1;
        """
    )
    con.close()
    assert json.loads(run("entities", "--db", tiny_db, "--json").stdout) == before
    explained = json.loads(run("entities", "--db", tiny_db, "--explain", "Alice Smith", "--json").stdout)
    assert {f["form"] for f in explained["forms"]} == {"Alice Smith", "Smith"}
    con = sqlite3.connect(tiny_db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    assert con.execute("SELECT COUNT(*) FROM mention_entities").fetchone()[0] > 0


def test_capital_initials_are_no_person_and_a_given_name_first_is_one_whatever_the_model_said():
    rows = stats(("EPMI", "PERSON", 3), ("Beverly Aden", "GPE", 1), ("Shannon Groenewold", "FAC", 1))
    types = {k: e.type for k, e in by_label(resolve_entities(rows, aliases=[])).items()}
    assert types == {"EPMI": "ORG", "Beverly Aden": "PERSON", "Shannon Groenewold": "PERSON"}


def test_a_title_word_alone_goes_to_the_person_of_that_surname_or_nowhere():
    # "Erik Prince" keeps his surname (cleaning); his document's "Prince" is his. A "Prince"
    # that no document and no full name of the corpus takes names nobody and is no node.
    rows = document(1, "Erik Prince", "Prince", ("Prince", "PERSON", True))
    rows += document(2, "Prince", first_id=10)
    res = resolve_entities(rows, aliases=[])
    assert entity_of(res, 2) == entity_of(res, 3) == "Erik Prince"
    assert entity_of(res, 10) == "Erik Prince"  # the corpus's one Prince
    alone = resolve_entities(document(1, "King", ("Mr. Smith", "PERSON")), aliases=[])
    assert [e.label for e in alone.entities] == ["Mr. Smith"]


def test_a_party_is_not_its_members_but_a_name_is_its_party():
    ents = by_label(
        resolve_entities(
            stats(
                ("Republican Party", "ORG", 3),
                ("Republican", "NORP", 5),
                ("Jumpstart Party", "ORG", 2),
                ("Jumpstart", "NORP", 2),
            ),
            aliases=[],
        )
    )
    assert set(ents) == {"Republican Party", "Republican", "Jumpstart Party"}


def test_two_mentions_against_one_are_no_dominance_the_nearest_wins():
    rows = document(1, "Sergei Ivanov", "Sergei Ivanov", "Igor Ivanov", "Ivanov")
    res = resolve_entities(rows, aliases=[])
    assert entity_of(res, 4) == "Igor Ivanov" and "named last before it" in res.assigned[4][1]


def test_a_given_name_joins_the_only_person_who_bears_it_or_a_variant():
    ents = by_label(
        resolve_entities(
            stats(
                ("Ivanka Trump", "PERSON", 3),
                ("Ivanka", "PERSON", 2),
                ("Don McGahn", "PERSON", 3),
                ("Donald Trump Jr.", "PERSON", 3),
                ("Don", "PERSON", 2),
            ),
            aliases=[],
        )
    )
    assert "given name of Ivanka Trump" in ents["Ivanka Trump"].keys["ivanka"]
    assert "Don" in ents  # Don McGahn and Donald Trump Jr. may both be "Don"


def test_a_given_name_in_more_documents_than_its_one_bearer_stays_alone():
    # "Ken Rice" named in one e-mail, "Ken" in three others: the corpus may have another Ken it
    # never names in full.
    rows = stats(("Ken Rice", "PERSON", 1), ("Ken", "PERSON", 2), ("Ken", "PERSON", 1), ("Ken", "PERSON", 1))
    ents = by_label(resolve_entities(rows, aliases=[]))
    assert set(ents) == {"Ken Rice", "Ken"}


def test_an_abbreviated_legal_form_spells_no_acronym():
    ents = by_label(
        resolve_entities(
            stats(
                ("Newark Group Inc.", "ORG", 1),
                ("NGI", "ORG", 2),
                ("Federal Deposit Insurance Corporation", "ORG", 1),
                ("FDIC", "ORG", 2),
                ("Enron North America Corp.", "ORG", 1),
                ("Enron North America", "ORG", 1),
                ("ENA", "ORG", 2),
            ),
            aliases=[],
        )
    )
    assert "NGI" in ents and "fdic" in ents["Federal Deposit Insurance Corporation"].keys
    assert {"ena", "enron north america"} <= set(ents["Enron North America Corp."].keys)


def test_a_name_shaped_like_a_family_name_is_a_person_but_a_place_stays_a_place():
    ents = by_label(
        resolve_entities(
            stats(
                ("Rinat Akhmetov", "ORG", 2),
                ("Erohova", "ORG", 2),
                ("Saratov", "GPE", 3),
                ("Moldova", "ORG", 2),
                ("Tigrayan", "NORP", 2),
            ),
            aliases=[],
        )
    )
    assert ents["Rinat Akhmetov"].type == ents["Erohova"].type == "PERSON"
    assert ents["Saratov"].type == "GPE" and ents["Moldova"].type == "GPE" and ents["Tigrayan"].type == "NORP"


def test_a_word_that_begins_an_organisation_name_is_that_organisation_not_a_person():
    ents = by_label(
        resolve_entities(
            stats(
                ("Concord Management", "ORG", 2),
                ("Concord", "PERSON", 3),
                ("Glasgow Climate Pact", "ORG", 2),
                ("Glasgow", "GPE", 2),
                ("Kushner Companies", "ORG", 2),
                ("Jared Kushner", "PERSON", 2),
                ("Kushner", "PERSON", 1),
            ),
            aliases=[],
        )
    )
    assert ents["Concord"].type == "ORG" and ents["Glasgow"].type == "GPE"
    assert ents["Jared Kushner"].type == "PERSON" and "kushner" in ents["Jared Kushner"].keys


def test_middle_names_same_country_qualifiers_and_head_words_join():
    ents = by_label(
        resolve_entities(
            stats(
                ("Sergey Kislyak", "PERSON", 3),
                ("Sergey Ivanovich Kislyak", "PERSON", 1),
                ("Sergey Lavrov", "PERSON", 2),
                ("U.S. Department of Justice", "ORG", 2),
                ("United States Department of Justice", "ORG", 1),
                ("Department of Justice", "ORG", 3),
                ("VTB Bank", "ORG", 2),
                ("VTB", "ORG", 3),
                ("Alfa Bank", "ORG", 2),
                ("Alfa Foundation", "ORG", 2),
                ("Alfa", "ORG", 2),
                ("Soviet Union", "GPE", 2),
                ("Soviet", "NORP", 2),
                ("African Union Commission", "ORG", 1),
                ("African Union", "ORG", 2),
            ),
            aliases=[("United States", "U.S.")],
        )
    )
    kislyak = next(e for e in ents.values() if "sergey kislyak" in e.keys)
    assert "middle name" in kislyak.keys["sergey ivanovich kislyak"] + kislyak.keys["sergey kislyak"]
    assert "Sergey Lavrov" in ents
    doj = next(e for e in ents.values() if "department of justice" in e.keys)
    assert {"us department of justice", "united states department of justice"} <= set(doj.keys)
    assert "vtb" in ents["VTB Bank"].keys
    assert {"Alfa", "Alfa Bank", "Alfa Foundation", "Soviet", "Soviet Union", "African Union Commission"} <= set(ents)


def test_a_letter_more_inside_a_rare_name_is_a_misspelling_but_a_plural_is_not():
    rows = stats(("Kirill Dmitriev", "PERSON", 30), ("Kirill Dimitriev", "PERSON", 1), ("Trump", "PERSON", 30))
    rows += stats(("Trumps", "PERSON", 1))
    ents = by_label(resolve_entities(rows, aliases=[]))
    assert "a rare spelling" in ents["Kirill Dmitriev"].keys["kirill dimitriev"]
    assert "Trumps" in ents


def test_a_name_the_model_cut_from_the_front_of_a_longer_one_joins_it():
    rows = stats(
        ("United Nations Security Council", "ORG", 12),
        ("Nations Security Council", "ORG", 2),
        ("Security Council", "ORG", 40),
        ("Russian Security Council", "ORG", 1),
    )
    ents = by_label(resolve_entities(rows, aliases=[]))
    assert "cut from the front" in ents["United Nations Security Council"].keys["nations security council"]
    # used more than the one longer name that ends with it: a name of its own, not Russia's council
    assert "security council" not in ents["Russian Security Council"].keys


def test_a_state_that_ends_another_state_s_name_is_not_cut_from_it():
    rows = stats(
        ("Democratic People's Republic of Korea", "GPE", 9),
        ("Republic of Korea", "GPE", 3),
        ("Democratic Republic of the Congo", "GPE", 9),
        ("Republic of the Congo", "GPE", 2),
        ("People's Republic of China", "ORG", 9),
        ("Republic of China", "ORG", 1),
    )
    ents = by_label(resolve_entities(rows, aliases=[]))
    assert {"Republic of Korea", "Republic of the Congo", "Republic of China"} <= set(ents)


def test_a_titled_surname_joins_the_one_correspondent_of_that_name():
    # "Mr. Lay" in a message the correspondent Kenneth Lay did not write or receive
    rows = [MentionRow(1, 1, 0, 0, "Kenneth Lay", "kenneth lay", "PERSON", source="header:from")]
    rows += document(2, ("Lay", "PERSON", True), first_id=10)
    rows += document(3, ("Williams", "ORG"), first_id=20)
    rows += [MentionRow(30, 4, 0, 0, "Robert Williams", "robert williams", "PERSON", source="header:to")]
    res = resolve_entities(rows, aliases=[])
    assert entity_of(res, 10) == "Kenneth Lay" and entity_of(res, 20) == "Williams"  # the pipeline firm stays


def test_a_misspelt_surname_counts_every_form_of_its_person_but_another_given_name_is_another_person():
    rows = stats(
        ("Rod Rosenstein", "PERSON", 40), ("Rod J. Rosenstein", "PERSON", 2), ("Rod J. Rosonstein", "PERSON", 1)
    )
    rows += stats(("Tom Smith", "PERSON", 30), ("Tim Smith", "PERSON", 1))
    ents = by_label(resolve_entities(rows, aliases=[]))
    assert any({"rod rosenstein", "rod j rosonstein"} <= set(e.keys) for e in ents.values())
    assert "Tim Smith" in ents  # another given name is another person (it was joined as a misspelling)


def test_a_bare_head_far_from_any_full_name_is_the_one_its_document_names_most():
    rows = document(
        1,
        *[("Paris Agreement", "LAW")] * 4,
        ("Kyoto Protocol", "LAW"),
        ("Kyoto Agreement", "LAW"),
        *[("Climate", "NORP")] * 3,
        ("Agreement", "LAW"),
    )
    res = resolve_entities(rows, aliases=[])
    assert entity_of(res, 10) == "Paris Agreement" and "by far the most" in res.assigned[10][1]
