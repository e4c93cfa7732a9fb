"""Watchlists (issue 18): reading lists, matching listed names without NER, fuzzy candidates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphkit.errors import BadInput
from graphkit.watchlist import (
    WatchEntry,
    WatchMatcher,
    combine,
    fold_phrase,
    fuzzy_candidates,
    read_watchlist,
    read_watchlists,
)

ROOT = Path(__file__).resolve().parent.parent
# ../shared/corpora beside the checkout (a worktree under /work/wt/NAME looks two levels up)
CORPORA = next(
    (c for c in (ROOT.parent / "shared" / "corpora", ROOT.parent.parent / "shared" / "corpora") if c.is_dir()),
    ROOT.parent / "shared" / "corpora",
)
MUELLER = CORPORA / "mueller"
UN_2023 = CORPORA / "ungdc" / "Session 78 - 2023"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def found(matcher: WatchMatcher, text: str) -> list[tuple[str, str]]:
    """(text as written, listed name) of every match."""
    return [(m.text, matcher.entries[m.entry].name) for m in matcher.find(text)]


# --- reading lists ---------------------------------------------------------------------


def test_csv_list_with_header_aliases_types_and_notes(tmp_path):
    path = write(
        tmp_path,
        "subjects.csv",
        "# people of interest\n"
        "name,type,aliases,note\n"
        "Vladimir Putin,PERSON,Putin|V. V. Putin|Wladimir Putin,president\n"
        '"Acme Holdings, Ltd",company,Acme;Acme Holdings,\n'
        "Xi Jinping,PERSON,,\n",
    )
    entries = read_watchlist(path)
    assert [(e.name, e.type, e.aliases, e.lists) for e in entries] == [
        ("Vladimir Putin", "PERSON", ("Putin", "V. V. Putin"), ("subjects",)),  # Wladimir: the same key
        ("Acme Holdings, Ltd", "ORG", ("Acme", "Acme Holdings"), ("subjects",)),
        ("Xi Jinping", "PERSON", (), ("subjects",)),
    ]
    assert entries[0].note == "president"
    assert entries[2].where == f"{path}, line 5"


def test_yaml_list_as_mapping_and_as_plain_list(tmp_path):
    mapping = write(
        tmp_path,
        "a.yaml",
        "list: heads of state\ntype: person\nnames:\n  - name: Recep Tayyip Erdoğan\n    aliases: [Erdogan]\n"
        "  - Xi Jinping\n  - {name: Kremlin, type: organisation}\n",
    )
    plain = write(tmp_path, "b.yml", "- name: 'NO'\n  type: ORG\n- {name: Lula, list: brazil, type: PERSON}\n")
    assert [(e.name, e.type, e.aliases, e.lists) for e in read_watchlist(mapping)] == [
        ("Recep Tayyip Erdoğan", "PERSON", ("Erdogan",), ("heads of state",)),
        ("Xi Jinping", "PERSON", (), ("heads of state",)),
        ("Kremlin", "ORG", (), ("heads of state",)),
    ]
    # YAML would read an unquoted NO as false and 1e3 as a number; a list holds names, so text stays text.
    assert [(e.name, e.lists) for e in read_watchlist(plain)] == [("NO", ("b",)), ("Lula", ("brazil",))]


def test_the_same_name_on_two_lists_is_one_entry_on_both(tmp_path):
    one = write(tmp_path, "sanctions.csv", "name,type,aliases\nOleg Deripaska,PERSON,Deripaska\n")
    two = write(tmp_path, "press.yaml", "- name: OLEG DERIPASKA\n  type: PERSON\n  aliases: [Oleg V. Deripaska]\n")
    [entry] = read_watchlists([one, two])
    assert entry.name == "Oleg Deripaska"
    assert entry.type == "PERSON"
    assert entry.aliases == ("Deripaska", "Oleg V. Deripaska")
    assert entry.lists == ("sanctions", "press")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("l.csv", "nom,type\nPutin,PERSON\n", "l.csv, line 1: no 'name' column; the first row must name the columns"),
        ("l.csv", "name,type,role\nPutin,PERSON,x\n", "l.csv, line 1: unknown column 'role'; the first row"),
        ("l.csv", "name,aliases\nPutin,Vova\n", "l.csv, line 1: no 'type' column; the first row must name the columns"),
        ("l.csv", "name,type\nPutin,\n", "l.csv, line 2: no type for 'Putin'; give one of PERSON, ORG"),
        ("l.csv", "name,type\n\nPutin,PERSON\nXi,PRESIDENT\n", "l.csv, line 4: unknown type 'PRESIDENT'; use one of"),
        ("l.csv", "name,type\nPutin,PERSON,Vladimir\n", "l.csv, line 2: 3 cells but the header names 2 columns"),
        ("l.csv", "name,type\n,PERSON\n", "l.csv, line 2: the entry has no name"),
        ("l.csv", "name,type\n---,ORG\n", "l.csv, line 2: name '---' has no letters or digits to match"),
        ("l.csv", "# nothing yet\n", "l.csv: the watchlist holds no names"),
        ("l.yaml", "- name: Putin\n  type: PERSON\n - name: Xi\n", "l.yaml, line 3: not valid YAML"),
        ("l.yaml", "- {name: Putin, type: PERSON}\n- name: Xi\n  alias: [X]\n", "l.yaml, line 2: unknown key 'alias'"),
        ("l.yaml", "- name: Putin\n  aliases: {a: b}\n", "l.yaml, line 1: aliases of 'Putin' must be a list"),
        (
            "l.yaml",
            "list: x\nentries: []\n",
            "l.yaml, line 1: unknown key 'entries'; expected 'list', 'type' and 'names'",
        ),
        ("l.yaml", "names:\n  - {name: Rosneft, type: ORG}\n  - Putin\n", "l.yaml, line 3: no type for 'Putin'"),
        ("l.yaml", "names: Putin\n", "l.yaml, line 1: expected a list of names"),
        ("l.txt", "Putin\n", "l.txt: a watchlist must end in .csv, .yaml or .yml"),
    ],
)
def test_a_list_that_does_not_parse_is_one_line_naming_file_and_line(tmp_path, name, text, message):
    path = write(tmp_path, name, text)
    with pytest.raises(BadInput) as excinfo:
        read_watchlist(path)
    error = str(excinfo.value)
    assert error.startswith(f"{tmp_path / name}{message.removeprefix(name)}"), error
    assert "\n" not in error


def test_a_list_that_is_not_utf8_says_so(tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes("name,type\nErdoğan,PERSON\n".encode("utf-16"))
    with pytest.raises(BadInput, match=r"l\.csv: cannot read the watchlist \(not UTF-8 text\)"):
        read_watchlist(path)


def test_one_bad_file_among_several_reads_nothing(tmp_path):
    good = write(tmp_path, "good.csv", "name,type\nXi Jinping,PERSON\n")
    bad = write(tmp_path, "bad.csv", "name,type\nPutin,KING\n")
    with pytest.raises(BadInput, match="bad.csv, line 2"):
        read_watchlists([good, bad])


# --- matching: a tokenizer and a phrase matcher ------------------------------------------


@pytest.fixture(scope="module")
def russians() -> WatchMatcher:
    return WatchMatcher(
        [
            WatchEntry("Sergey Lavrov", "PERSON", ("Lavrov",)),
            WatchEntry("Yury Ushakov", "PERSON"),
            WatchEntry("Aleksandr Bortnikov", "PERSON"),
            WatchEntry("Mohammed bin Salman", "PERSON", ("MBS",)),
            WatchEntry("Yevgeny Prigozhin", "PERSON"),
            WatchEntry("Volodymyr Zelenskyy", "PERSON"),
            WatchEntry("Kim Jong-un", "PERSON"),
            WatchEntry("Renault", "ORG"),
            WatchEntry("Bill Burns", "PERSON"),
        ]
    )


def test_matching_runs_a_tokenizer_and_no_model(russians):
    assert russians.nlp.pipe_names == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SERGEI LAVROV arrived.", [("SERGEI LAVROV", "Sergey Lavrov")]),
        ("Lavrov’s aide and LAVROV'S driver", [("Lavrov", "Sergey Lavrov"), ("LAVROV", "Sergey Lavrov")]),
        ("Sergej Lawrow, Sérgei Lavróv", [("Sérgei Lavróv", "Sergey Lavrov")]),  # German Lawrow is an alias to list
        (
            "Yuri Ushakov, Yuriy Ushakov and Iouri Ushakov",
            [("Yuri Ushakov", "Yury Ushakov"), ("Yuriy Ushakov", "Yury Ushakov"), ("Iouri Ushakov", "Yury Ushakov")],
        ),
        ("Alexander Bortnikov, head of the FSB", [("Alexander Bortnikov", "Aleksandr Bortnikov")]),
        (
            "Muhammad bin Salman and Mohamed Bin Salman",
            [("Muhammad bin Salman", "Mohammed bin Salman"), ("Mohamed Bin Salman", "Mohammed bin Salman")],
        ),
        (
            "Evgeny Prigozhin's men; Yevgeniy Prigozhin",
            [("Evgeny Prigozhin", "Yevgeny Prigozhin"), ("Yevgeniy Prigozhin", "Yevgeny Prigozhin")],
        ),
        ("President Zelensky and Volodymyr Zelensky", [("Volodymyr Zelensky", "Volodymyr Zelenskyy")]),
        ("Kim Jong Un met Kim Jong-Un", [("Kim Jong Un", "Kim Jong-un"), ("Kim Jong-Un", "Kim Jong-un")]),
        ("the bill burns; Bill Burns; BILL BURNS", [("Bill Burns", "Bill Burns"), ("BILL BURNS", "Bill Burns")]),
        ("Renaults were sold; Renault sold cars", [("Renault", "Renault")]),
    ],
)
def test_listed_names_are_found_in_any_case_accent_possessive_and_romanisation(russians, text, expected):
    assert found(russians, text) == expected


def test_a_short_name_in_capitals_counts_only_where_the_paragraph_shouts():
    matcher = WatchMatcher([WatchEntry("Xi Jinping", "PERSON", ("Xi",)), WatchEntry("NATO", "ORG")])
    assert found(matcher, "Chapter XI of the Charter; Xi said; NATO met") == [("Xi", "Xi Jinping"), ("NATO", "NATO")]
    assert found(matcher, "PRESIDENT XI ARRIVED IN MOSCOW") == [("XI", "Xi Jinping")]


def test_offsets_index_the_original_text_across_line_breaks_and_runs_of_spaces(russians):
    text = "Met   Sergey\nLavrov  and\t\tYury  \n Ushakov today."
    matches = russians.find(text)
    assert [text[m.start : m.end] for m in matches] == ["Sergey\nLavrov", "Yury  \n Ushakov"]
    assert [m.text for m in matches] == ["Sergey\nLavrov", "Yury  \n Ushakov"]


def test_overlapping_spellings_of_one_name_are_one_mention():
    matcher = WatchMatcher([WatchEntry("Xi Jinping", "PERSON", ("President Xi",))])
    [match] = matcher.find("We thank President Xi Jinping for his visit.")
    assert (match.text, match.form) == ("President Xi Jinping", "Xi Jinping")


def test_the_longest_listed_name_wins_where_two_overlap():
    matcher = WatchMatcher([WatchEntry("Trump"), WatchEntry("Trump Organization", "ORG"), WatchEntry("Donald Trump")])
    assert found(matcher, "Donald Trump and the Trump Organization; Trump") == [
        ("Donald Trump", "Donald Trump"),
        ("Trump Organization", "Trump Organization"),
        ("Trump", "Trump"),
    ]


def test_an_alias_two_entries_claim_is_matched_for_neither_and_a_name_beats_an_alias():
    matcher = WatchMatcher(
        [
            WatchEntry("Kim Jong-un", "PERSON", ("Kim",)),
            WatchEntry("Kim Yo-jong", "PERSON", ("Kim",)),
            WatchEntry("Richard Gates", "PERSON", ("Rick Gates",)),
            WatchEntry("Rick Gates", "PERSON"),
        ]
    )
    assert matcher.ambiguous == [("Kim", ["Kim Jong-un", "Kim Yo-jong"])]
    assert found(matcher, "Kim spoke; Rick Gates and Richard Gates") == [
        ("Rick Gates", "Rick Gates"),
        ("Richard Gates", "Richard Gates"),
    ]


def test_find_all_keeps_keys_and_order():
    matcher = WatchMatcher([WatchEntry("Xi Jinping", "PERSON")])
    items = [("Xi Jinping spoke.", ("a", 1)), ("Nobody here.", ("a", 2)), ("XI JINPING", ("b", 1))]
    assert [(key, [m.text for m in ms]) for key, ms in matcher.find_all(items, batch_size=2)] == [
        (("a", 1), ["Xi Jinping"]),
        (("a", 2), []),
        (("b", 1), ["XI JINPING"]),
    ]


def test_a_blank_ruler_pipeline_misses_what_the_list_finds():
    """The tiny ruler pipeline of the other unit tests knows 'Putin'; the list adds the people it does not."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "Vladimir Putin"}])
    text = "Xi Jinping visited Moscow to meet Vladimir Putin."
    assert [e.text for e in nlp(text).ents] == ["Vladimir Putin"]
    matcher = WatchMatcher([WatchEntry("Xi Jinping", "PERSON"), WatchEntry("Vladimir Putin", "PERSON")])
    assert [m.text for m in matcher.find(text)] == ["Xi Jinping", "Vladimir Putin"]


def test_folding_joins_romanisations_and_keeps_different_names_apart():
    same = [
        ("Sergei", "Sergey", "Sergej", "SERGEI"),
        ("Aleksandr", "Alexander", "Alexandr"),
        ("Yury", "Yuri", "Yuriy", "Iouri"),
        ("Mohammed", "Muhammad", "Mohamed", "Mohammad"),
        ("Dmitry", "Dmitri", "Dmitriy"),
        ("Zelenskyy", "Zelensky", "Zelenskiy"),
        ("Erdoğan", "Erdogan", "ERDOGAN"),
    ]
    for spellings in same:
        assert len({fold_phrase(s) for s in spellings}) == 1, spellings
    different = ["Sergei", "Serge", "Mikhail", "Michael", "Putin", "Pution", "Ivan", "Ivana", "Peter", "Petra"]
    assert len({fold_phrase(s) for s in different}) == len(different)


# --- fuzzy candidates -------------------------------------------------------------------


def test_fuzzy_candidates_one_edit_and_surname_with_other_initials_never_exact_matches():
    entries = [WatchEntry("Paul Manafort", "PERSON"), WatchEntry("Richard Gates", "PERSON"), WatchEntry("Xi Jinping")]
    forms = [
        ("Paul Manaford", 2),  # one edit
        ("Paul MANAFORT", 9),  # a match, not a candidate
        ("R. Gates", 3),  # initials agree
        ("Robert Gates", 4),  # another given name
        ("Xu Jinping", 1),  # surname-first name: one edit, but the key is long enough
        ("Xi", 5),  # too short to be a near miss of anything
        ("Bill Gates", 1),
    ]
    got = [(c.name, c.form, c.reason) for c in fuzzy_candidates(entries, forms)]
    assert got == [
        ("Paul Manafort", "Paul Manaford", "one edit"),
        ("Richard Gates", "R. Gates", "same surname, other given name or initials"),
        ("Richard Gates", "Robert Gates", "same surname, other given name or initials"),
        ("Richard Gates", "Bill Gates", "same surname, other given name or initials"),
        ("Xi Jinping", "Xu Jinping", "one edit"),
    ]
    scores = {c.form: c.score for c in fuzzy_candidates(entries, forms)}
    assert scores["R. Gates"] > scores["Robert Gates"] > scores["Bill Gates"]
    assert all(0 < s <= 1 for s in scores.values())


def test_only_people_share_a_listed_persons_surname():
    entries = [WatchEntry("Shehbaz Sharif", "PERSON")]
    forms = [("Al-Quds Al-Sharif", 2), ("Nawaz Sharif", 1)]
    assert [c.form for c in fuzzy_candidates(entries, forms)] == ["Nawaz Sharif", "Al-Quds Al-Sharif"]
    assert [c.form for c in fuzzy_candidates(entries, forms, people={"Nawaz Sharif"})] == ["Nawaz Sharif"]


def test_fuzzy_candidates_on_a_long_list_find_each_one_edit_form_once():
    entries = [WatchEntry(f"Given{i:05d} Surname{i % 977:04d}") for i in range(5_000)]
    forms = [(f"Given{i:05d} Surname{i % 977:04d}x", 1) for i in range(0, 5_000, 10)]
    candidates = [c for c in fuzzy_candidates(entries, forms) if c.reason == "one edit"]
    assert sorted((c.name + "x", c.form) for c in candidates) == sorted((f, f) for f, _ in forms)


# --- real text --------------------------------------------------------------------------


def corpus_paragraphs(folder: Path) -> list[str]:
    return [p for path in sorted(folder.glob("*.txt")) for p in path.read_text(encoding="utf-8").split("\n\n")]


def spelled(paragraphs: list[str], spelling: str) -> int:
    """Independent count: the spelling as whole words, any case, at least one capital."""
    pattern = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, spelling.split())) + r"(?![\w-])", re.I)
    return sum(1 for p in paragraphs for m in pattern.finditer(p) if any(w[:1].isupper() for w in m.group().split()))


@pytest.mark.slow
@pytest.mark.skipif(not MUELLER.is_dir(), reason="needs ../shared/corpora/mueller")
def test_mueller_names_listed_in_other_spellings_are_found_as_written():
    paragraphs = corpus_paragraphs(MUELLER)
    listed = {
        "Sergei Kislyak": ["Sergey Kislyak", "Kislyak"],
        "Dmitri Peskov": ["Dmitry Peskov"],
        "Evgeny Prigozhin": ["Yevgeniy Prigozhin", "Yevgeniy Viktorovich Prigozhin"],
        "Konstantin Kilimnik": ["Konstantin Kilimnik"],
        "Kirill Dmitriyev": ["Kirill Dmitriev"],
    }
    entries = [
        WatchEntry("Sergei Kislyak", "PERSON", ("Kislyak",)),
        *(WatchEntry(n, "PERSON") for n in listed if n != "Sergei Kislyak"),
    ]
    matcher = WatchMatcher(entries)
    texts: dict[str, list[str]] = {}
    for _, matches in matcher.find_all((p, None) for p in paragraphs):
        for m in matches:
            texts.setdefault(entries[m.entry].name, []).append(" ".join(m.text.split()))
    assert texts["Sergei Kislyak"].count("Sergey Kislyak") == spelled(paragraphs, "Sergey Kislyak") >= 10
    # A bare "Kislyak" is an alias: every one not inside "Sergey Kislyak" is found.
    assert texts["Sergei Kislyak"].count("Kislyak") == spelled(paragraphs, "Kislyak") - spelled(
        paragraphs, "Sergey Kislyak"
    )
    assert texts["Dmitri Peskov"].count("Dmitry Peskov") == spelled(paragraphs, "Dmitry Peskov") >= 5
    assert texts["Evgeny Prigozhin"] and set(texts["Evgeny Prigozhin"]) <= {"Yevgeniy Prigozhin"}
    assert len(texts["Konstantin Kilimnik"]) == spelled(paragraphs, "Konstantin Kilimnik") > 0
    assert len(texts["Kirill Dmitriyev"]) == spelled(paragraphs, "Kirill Dmitriev") > 0


@pytest.mark.slow
@pytest.mark.skipif(not UN_2023.is_dir(), reason="needs ../shared/corpora/ungdc")
def test_un_speeches_heads_of_state_in_other_spellings():
    paragraphs = corpus_paragraphs(UN_2023)
    entries = [
        WatchEntry("Volodymyr Zelensky", "PERSON", ("Zelensky",)),
        WatchEntry("Recep Tayyip Erdoğan", "PERSON", ("Erdoğan",)),
        WatchEntry("Muhammad bin Salman", "PERSON"),
        WatchEntry("Alexander Lukashenko", "PERSON", ("Lukashenko",)),
    ]
    matcher = WatchMatcher(entries)
    texts: dict[str, list[str]] = {}
    for _, matches in matcher.find_all((p, None) for p in paragraphs):
        for m in matches:
            texts.setdefault(entries[m.entry].name, []).append(m.text)
    assert "Zelenskyy" in texts["Volodymyr Zelensky"]
    assert len(texts["Volodymyr Zelensky"]) == spelled(paragraphs, "Zelenskyy") + spelled(paragraphs, "Zelensky")
    assert len(texts["Recep Tayyip Erdoğan"]) == spelled(paragraphs, "Erdogan") + spelled(paragraphs, "Erdoğan") > 0
    assert "Mohammed bin Salman" in texts["Muhammad bin Salman"]
    assert len(texts["Alexander Lukashenko"]) == spelled(paragraphs, "Lukashenko") > 0


@pytest.mark.slow
def test_the_small_model_misses_xi_jinping_and_the_list_does_not():
    from graphkit.extract import load_model

    text = "Xi Jinping visited Moscow to meet Vladimir Putin."
    people = [e.text for e in load_model()(text).ents if e.label_ == "PERSON"]
    assert "Xi Jinping" not in people
    matcher = WatchMatcher([WatchEntry("Xi Jinping", "PERSON"), WatchEntry("Vladimir Putin", "PERSON")])
    assert [m.text for m in matcher.find(text)] == ["Xi Jinping", "Vladimir Putin"]


def test_combine_keeps_first_type_and_merges_notes():
    a = WatchEntry("Acme", "ORG", ("ACME Ltd",), ("a",), "registry")
    b = WatchEntry("ACME", "PRODUCT", ("Acme Limited",), ("b",), "press")
    [entry] = combine([a, b])
    assert (entry.type, entry.aliases, entry.lists, entry.note) == (
        "ORG",
        ("ACME Ltd", "Acme Limited"),
        ("a", "b"),
        "registry; press",
    )
