"""Correspondents are people, and mail is a link of its own kind (issue 12).

Four small messages, checkable by hand (the tiny ruler model knows Alice Smith, Smith, Bob
Jones, Carol White, Dave Brown, Globex, Paris and Berlin):

- ``m1``: Alice Smith (as ``"Smith, Alice"``) to Bob Jones (an address only), Carol White and
  ``info@`` (a mailbox, no one's name); ``copy/m1`` is the same message (same Message-ID);
- ``m2``: Bob Jones to Alice Smith; the text says ``Smith``;
- ``m4``: Carol White to Alice Smith, forwarding a message Dave Brown wrote to Carol White;
- ``list``: Dave Brown to 25 addresses: a mailing, which links nobody.

Message links: Alice–Bob 2 (m1, m2; the copy counts once), Alice–Carol 2 (m1, m4), Carol–Dave
1 (the forwarded message). Bob and Carol, both recipients of m1, are not linked by it.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from graphkit.graph import build_graph
from graphkit.store import open_store

HEAD = "From: {sender}\nTo: {to}\nSubject: {subject}\nDate: {date}\nMessage-ID: <{id}@acme.example>\n\n"
MESSAGES = {
    "m1.eml": (
        '"Smith, Alice" <alice.smith@acme.example>',
        "bob.jones@acme.example, Carol White <carol@acme.example>, info@acme.example",
        "Paris",
        "Mon, 4 Mar 2019 10:15:00 +0100",
        1,
        "Bob,\n\nGlobex wants the meeting in Paris moved to Friday.\n",
    ),
    "m2.eml": (
        "bob.jones@acme.example",
        '"Smith, Alice" <alice.smith@acme.example>',
        "RE: Paris",
        "Tue, 5 Mar 2019 09:00:00 +0100",
        2,
        "Smith said Globex agreed to Friday.\n",
    ),
    "m4.eml": (
        "Carol White <carol@acme.example>",
        '"Smith, Alice" <alice.smith@acme.example>',
        "FW: Berlin",
        "Wed, 6 Mar 2019 11:00:00 +0100",
        4,
        "FYI\n\n---------- Forwarded message ---------\nFrom: Dave Brown <dave.brown@globex.example>\n"
        "Date: Tue, 5 Mar 2019 at 08:00\nSubject: Berlin\nTo: Carol White <carol@acme.example>\n\n"
        "Globex keeps the Berlin office open.\n",
    ),
    "list.eml": (
        "Dave Brown <dave.brown@globex.example>",
        ", ".join(f"reader.number{chr(97 + i)}@acme.example" for i in range(24)) + ", carol@acme.example",
        "Newsletter",
        "Thu, 7 Mar 2019 08:00:00 +0100",
        5,
        "The newsletter.\n",
    ),
}


@pytest.fixture
def mail_db(tmp_path: Path, tiny_model: str, run) -> Path:
    folder = tmp_path / "mail"
    (folder / "copy").mkdir(parents=True)
    for name, (sender, to, subject, date, number, body) in MESSAGES.items():
        text = HEAD.format(sender=sender, to=to, subject=subject, date=date, id=number) + body
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "copy" / "m1.eml").write_text((folder / "m1.eml").read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "mail.db"
    result = run("ingest", folder, "--db", db, "--model", tiny_model)
    assert result.exit_code == 0, result.output
    return db


def graph_of(db: Path, **options) -> nx.Graph:
    with open_store(db) as store:
        return build_graph(store, **options)


def as_json(run, *args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_correspondents_are_person_nodes_named_and_joined_with_the_text(mail_db: Path, run) -> None:
    rows = {r["name"]: r for r in as_json(run, "entities", "--db", mail_db, "--top", "50")}
    # Named from the display name ("Smith, Alice"), or from the address (bob.jones@ -> Bob Jones).
    assert {"Alice Smith", "Bob Jones", "Carol White", "Dave Brown"} <= rows.keys()
    assert all(rows[n]["type"] == "PERSON" for n in ("Alice Smith", "Bob Jones", "Carol White", "Dave Brown"))
    # The address is an alias; "Smith" in the text of a message to her is her.
    assert set(rows["Alice Smith"]["aliases"]) == {"Alice Smith", "Smith", "alice.smith@acme.example"}
    assert "bob.jones@acme.example" in rows["Bob Jones"]["aliases"]
    assert not [n for n in rows if "@" in n]  # info@ and the mailing's readers name no one: no node
    assert as_json(run, "neighbors", "alice.smith@acme.example", "--db", mail_db)["name"] == "Alice Smith"


def test_message_links_count_each_message_once_and_link_sender_to_recipients(mail_db: Path) -> None:
    graph = graph_of(mail_db, links="messages")
    assert graph.graph["links"] == "messages" and graph.graph["mailings"] == 1
    links = {frozenset((a, b)): d["messages"] for a, b, d in graph.edges(data=True)}
    assert links == {
        frozenset(("Alice Smith", "Bob Jones")): 2,
        frozenset(("Alice Smith", "Carol White")): 2,
        frozenset(("Carol White", "Dave Brown")): 1,
    }
    assert graph.nodes["Alice Smith"]["messages"] == 3  # m1 (and its copy), m2, m4
    # A larger --max-recipients counts the mailing: Dave Brown wrote to Carol White twice then.
    wider = graph_of(mail_db, links="messages", max_recipients=100)
    assert wider.edges["Carol White", "Dave Brown"]["messages"] == 2 and wider.graph["mailings"] == 0


def test_links_choose_cooccurrence_messages_or_both(mail_db: Path) -> None:
    cooccurrence = graph_of(mail_db, links="cooccurrence")
    assert "Bob Jones" not in cooccurrence  # named in no paragraph
    assert all("messages" not in d for _a, _b, d in cooccurrence.edges(data=True))
    both = graph_of(mail_db, links="all")
    edge = both.edges["Alice Smith", "Globex"]  # "Smith said Globex agreed": co-occurrence only
    assert (edge["kind"], edge["weight"], edge["messages"], edge["combined"]) == ("cooccurrence", 1, 0, 1)
    mail = both.edges["Alice Smith", "Bob Jones"]
    assert (mail["kind"], mail["weight"], mail["messages"], mail["combined"]) == ("messages", 0, 2, 2)
    assert set(cooccurrence.edges) < set(both.edges)


def test_every_graph_command_takes_links(mail_db: Path, run) -> None:
    ranked = as_json(run, "central", "--db", mail_db, "--links", "messages")["results"]
    assert ranked[0]["name"] == "Alice Smith"
    near = as_json(run, "neighbors", "Alice Smith", "--db", mail_db, "--links", "messages")["neighbors"]
    assert [(r["name"], r["messages"], r["kind"]) for r in near] == [
        ("Bob Jones", 2, "messages"),
        ("Carol White", 2, "messages"),
    ]
    hops = as_json(run, "path", "Bob Jones", "Dave Brown", "--db", mail_db)["hops"]
    assert [(h["source"], h["target"], h["messages"]) for h in hops] == [
        ("Bob Jones", "Alice Smith", 2),
        ("Alice Smith", "Carol White", 2),
        ("Carol White", "Dave Brown", 1),
    ]
    assert hops[0]["messages_evidence"][0]["message"]["sender"] == "Alice Smith"
    groups = as_json(run, "communities", "--db", mail_db, "--links", "messages")
    assert sum(g["size"] for g in groups) == 4
    result = run("central", "--db", mail_db, "--links", "letters")
    assert result.exit_code == 2 and "'letters' is not one of 'cooccurrence', 'messages', 'all'" in result.stderr


def test_message_evidence_names_sender_recipients_date_and_subject(mail_db: Path, run) -> None:
    data = as_json(run, "evidence", "Alice Smith", "Bob Jones", "--db", mail_db)
    assert data["evidence"] == []
    assert [(m["message"]["sender"], m["message"]["recipients"], m["message"]["date"]) for m in data["messages"]] == [
        ("Alice Smith", ["Bob Jones", "Carol White", "info@acme.example"], "2019-03-04 10:15"),
        ("Bob Jones", ["Alice Smith"], "2019-03-05 09:00"),
    ]
    assert data["messages"][1]["message"]["subject"] == "RE: Paris"
    text = run("evidence", "Alice Smith", "Bob Jones", "--db", mail_db).stdout
    assert text.startswith("Alice Smith — Bob Jones: 0 paragraphs, 2 messages")
    assert "m2.eml, ¶ 1 [message] — 2019-03-05 09:00, Bob Jones → Alice Smith: “RE: Paris”" in text
    only = as_json(run, "evidence", "Globex", "Paris", "--db", mail_db, "--links", "cooccurrence")
    assert "messages" not in only and len(only["evidence"]) == 1
    result = run("evidence", "Alice Smith", "Bob Jones", "--db", mail_db, "--links", "cooccurrence")
    assert result.exit_code == 1 and result.stderr.strip() == "Error: no entity named 'Bob Jones'"


def test_a_forwarded_paragraph_names_its_own_author(mail_db: Path, run) -> None:
    (row,) = as_json(run, "evidence", "Globex", "Berlin", "--db", mail_db)["evidence"]
    assert (row["message"]["sender"], row["message"]["embedded"]["sender"]) == ("Carol White", "Dave Brown")
    assert row["message"]["embedded"]["role"] == "forward"
    text = run("evidence", "Globex", "Berlin", "--db", mail_db).stdout
    assert "Carol White → Alice Smith: “FW: Berlin” (forwarding Dave Brown, 2019-03-05 08:00)" in text


def test_exports_carry_the_link_kind(mail_db: Path, run, tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    assert run("export", "--db", mail_db, "--format", "json", "--out", out).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["links"] == "all" and "1 messages to more than 20 recipients" in data["meta"]["omitted"]
    edge = next(e for e in data["edges"] if {e["source"], e["target"]} == {"Alice Smith", "Bob Jones"})
    assert (edge["kind"], edge["messages"], len(edge["messages_evidence"])) == ("messages", 2, 2)
    graphml = tmp_path / "g.graphml"
    assert run("export", "--db", mail_db, "--format", "graphml", "--out", graphml, "--links", "messages").exit_code == 0
    read = nx.read_graphml(graphml)
    assert read.edges["Alice Smith", "Bob Jones"]["messages"] == 2
    page = tmp_path / "g.html"
    assert run("export", "--db", mail_db, "--format", "html", "--out", page).exit_code == 0
    assert '"kind":"messages"' in page.read_text(encoding="utf-8")


def test_message_links_keep_to_the_window_and_carry_their_dates(mail_db: Path, run) -> None:
    graph = graph_of(mail_db, links="messages")
    edge = graph.edges["Alice Smith", "Bob Jones"]
    assert (edge["first"], edge["last"]) == ("2019-03-04", "2019-03-05")
    early = as_json(run, "neighbors", "Alice Smith", "--db", mail_db, "--links", "messages", "--until", "2019-03-04")
    assert [(r["name"], r["messages"]) for r in early["neighbors"]] == [("Bob Jones", 1), ("Carol White", 1)]
    late = as_json(run, "evidence", "Alice Smith", "Carol White", "--db", mail_db, "--since", "2019-03-06")
    assert [m["message"]["subject"] for m in late["messages"]] == ["FW: Berlin"]
    assert late["messages"][0]["date"] == "2019-03-06"
