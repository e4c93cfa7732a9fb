"""How graphkit reads a mailbox as investigators receive it (issue 12).

    .venv/bin/python bench/mail.py [CORPUS] [--code DIR] [--no-ingest] [--workers N]

CORPUS (default ``../shared/corpora/enron``) holds ``maildir/<person>/<folder>/N.`` files
and ``mbox/<person>-<folder>.mbox`` archives of the same messages in the same order.
Prints, for the maildir and the mbox copy:

- messages read (documents of format ``email``) out of the messages there are;
- words: each body's words (decoded with the standard library, independently of
  graphkit), and where graphkit put them: prose, quoted replies, set aside with a reason
  (signatures, disclaimers), parsed headers of forwarded and quoted messages, or lost;
- messages that lost more than half their words: words in no paragraph (prose, quote, or
  set aside with a reason) and not parsed as headers — the issue's target is none; and,
  stricter, messages where less than half the words are in the graph's text (prose and
  quoted replies, which count by default); quoted text the corpus holds in another
  message is counted apart: a later step is to count it once;
- after an ingest of the maildir (the mbox when the maildir yields nothing), with the
  default model: entity labels with an ``@`` (all entities, and nodes of the default
  graph; target 0), senders and recipients that are entities and nodes, links by kind
  (co-occurrence, messages, both), and the top 10 of ``central`` for each ``--links``.

``--code DIR`` runs another checkout of graphkit (``git archive main | tar -x -C DIR``) to
get the figures before a change. Only totals are printed, never a message's text.
"""

from __future__ import annotations

import argparse
import collections
import email
import re
import sys
import tempfile
import time
from email import policy
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_WORD = re.compile(r"\w*[^\W\d_]\w*")
_SHINGLE = 6
_DUPLICATE = "quote (in the corpus elsewhere)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent.parent / "shared" / "corpora" / "enron"))
    parser.add_argument("--code", help="a graphkit checkout to measure instead of this one")
    parser.add_argument("--no-ingest", action="store_true", help="reading figures only, no NER")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.code).resolve() if args.code else ROOT))
    corpus = Path(args.corpus)
    print(f"graphkit code: {Path(args.code).resolve() if args.code else ROOT}")
    for label, folder in (("maildir", corpus / "maildir"), ("mbox", corpus / "mbox")):
        report(label, read_folder(folder), references(corpus, label))
    if not args.no_ingest:
        maildir = corpus / "maildir"
        folder = maildir if read_folder(maildir)["documents"] else corpus / "mbox"
        ingest_figures(folder, args.workers)


# -- reading ---------------------------------------------------------------------------------------------
def read_folder(folder: Path) -> dict[str, Any]:
    """Every e-mail document graphkit reads under ``folder``, by the message it comes from."""
    from graphkit.corpus import Document, Skipped, find_files, read_documents

    documents: dict[str, Any] = {}
    skipped: list[str] = []
    for found in find_files([folder]):
        if isinstance(found, Skipped):
            skipped.append(found.reason)
            continue
        for doc in read_documents(*found):
            if isinstance(doc, Document) and doc.format == "email":
                documents[message_key(doc.name)] = doc
            elif isinstance(doc, Skipped):
                skipped.append(doc.reason)
    return {"documents": documents, "skipped": skipped}


def message_key(name: str) -> str:
    """``maildir/kean-s/inbox/3.`` and ``mbox/kean-s-inbox.mbox#3`` -> ``kean-s/inbox/3``."""
    if "#" in name:
        box, number = name.split("#", 1)
        person, folder = _split_box(Path(box).stem)
        return f"{person}/{folder}/{number.split('/')[0]}"
    parts = Path(name).parts
    return "/".join([*parts[-3:-1], parts[-1].rstrip(".")])


def _split_box(stem: str) -> tuple[str, str]:
    # "kean-s-inbox" -> ("kean-s", "inbox"); "dasovich-j-sent_items" -> ("dasovich-j", "sent_items")
    found = re.match(r"^(.+?-[a-z])-(.+)$", stem)
    return (found.group(1), found.group(2)) if found else (stem, "")


def references(corpus: Path, label: str) -> dict[str, collections.Counter]:
    """Each message's body words, read with the standard library alone (maildir files are the reference)."""
    from graphkit.corpus import html_to_text

    out = {}
    for path in sorted((corpus / "maildir").rglob("*")):
        if path.is_file():
            message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            body = message.get_body(("plain", "html"))
            text = body.get_content() if body is not None else ""
            if re.match(r"\s*<", text) and re.search(r"</?(?:html|body|table|p|br|div)\b", text[:3000], re.I):
                text = html_to_text(text)[1]
            out[message_key(str(path.relative_to(corpus)))] = words(text)
    return out


def words(text: str) -> collections.Counter:
    return collections.Counter(w.lower() for w in _WORD.findall(text))


def report(label: str, read: dict[str, Any], refs: dict[str, collections.Counter]) -> None:
    docs = read["documents"]
    print(f"\n== {label}: {len(docs)} of {len(refs)} messages read; {len(read['skipped'])} files or parts skipped")
    for reason, n in collections.Counter(read["skipped"]).most_common(3):
        print(f"   skipped {n}: {reason[:100]}")
    if not docs:
        return
    shingles = corpus_shingles(docs)
    totals: collections.Counter = collections.Counter()
    lost_half = prose_under_half = 0
    for key, ref in refs.items():
        doc = docs.get(key)
        split = placed(doc, ref, shingles, key) if doc else {"lost": sum(ref.values())}
        totals.update(split)
        total = sum(ref.values())
        lost_half += split["lost"] > total / 2
        in_graph = split.get("prose", 0) + split.get("quote (only copy)", 0) + split.get(_DUPLICATE, 0)
        prose_under_half += in_graph < total / 2
    total = sum(sum(r.values()) for r in refs.values())
    print(f"   body words: {total:,}")
    for where in ("prose", _DUPLICATE, "quote (only copy)", "set aside", "headers", "lost"):
        print(f"   {where:>32}: {totals[where]:>7,} ({totals[where] / max(total, 1):6.1%})")
    print(f"   messages that lost more than half their words: {lost_half}")
    print(f"   messages with less than half their words in the graph's text (prose and quotes): {prose_under_half}")


def placed(doc: Any, ref: collections.Counter, shingles: dict, key: str) -> dict[str, int]:
    """How many of a message's words went where (each word counted once, in the first place it is found)."""
    left = collections.Counter(ref)
    out: collections.Counter = collections.Counter()
    order = {"prose": [], "quote (in the corpus elsewhere)": [], "quote (only copy)": [], "set aside": []}
    for p in doc.paragraphs:
        kind = getattr(p, "kind", None)
        if kind == "quote":
            order[
                "quote (in the corpus elsewhere)" if elsewhere(p.text, shingles, key) else "quote (only copy)"
            ].append(p.text)
        else:
            order["set aside" if kind else "prose"].append(p.text)
    order["headers"] = [embedded_text(doc.metadata)]
    for where, texts in order.items():
        for word, n in words(" ".join(texts)).items():
            took = min(n, left[word])
            out[where] += took
            left[word] -= took
    out["lost"] = sum(left.values())
    return dict(out)


# The words a header block is made of: its field names and separators ("-----Original Message-----").
_STRUCTURE = "from to cc bcc sent date subject original message forwarded by on wrote mailto".split()


def embedded_text(metadata: dict) -> str:
    """The text of the forwarded and quoted messages' headers, as the metadata keeps them."""
    parts = []
    for block in metadata.get("embedded", []):
        parts += [str(v) for k, v in block.items() if k not in ("role", "paragraphs", "participants")]
        parts += [f"{p['name']} {p['address']}" for p in block.get("participants", [])]
        parts += _STRUCTURE * 8
    return " ".join(parts)


def normalised(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def corpus_shingles(docs: dict[str, Any]) -> dict[tuple[str, ...], set[str]]:
    """Every run of six words in the corpus, with the messages it occurs in."""
    out: dict[tuple[str, ...], set[str]] = collections.defaultdict(set)
    for key, doc in docs.items():
        for p in doc.paragraphs:
            tokens = normalised(p.text)
            for i in range(max(1, len(tokens) - _SHINGLE + 1)):
                out[tuple(tokens[i : i + _SHINGLE])].add(key)
    return out


def elsewhere(text: str, shingles: dict, key: str) -> bool:
    """Whether the corpus holds this quoted text in another message (80% of its six-word runs)."""
    tokens = normalised(text)
    runs = [tuple(tokens[i : i + _SHINGLE]) for i in range(max(1, len(tokens) - _SHINGLE + 1))]
    found = sum(bool(shingles.get(run, set()) - {key}) for run in runs)
    return found >= 0.8 * len(runs)


# -- after an ingest -------------------------------------------------------------------------------------
def ingest_figures(folder: Path, workers: int | None) -> None:
    from graphkit.graph import build_graph
    from graphkit.ingest import ingest
    from graphkit.query import centrality
    from graphkit.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "mail.db", create=True) as store:
        started = time.perf_counter()
        result = ingest(store, [folder], workers=workers)
        print(
            f"\n== ingest of {folder.name}/: {result.ingested} documents, {result.entities} entities,"
            f" {time.perf_counter() - started:.0f} s"
        )
        labels = [row[0] for row in store.conn.execute("SELECT label FROM entities")]
        graph = build_graph(store)
        nodes = [graph.nodes[n].get("label", n) for n in graph.nodes]
        print(
            f"   labels with '@': {sum('@' in x for x in labels)} of {len(labels)} entities;"
            f" {sum('@' in str(x) for x in nodes)} of {len(nodes)} graph nodes"
        )
        people_figures(store, graph)
        for links in ("all", "cooccurrence", "messages"):
            top, _note = centrality(build_graph(store, links=links), top=10)
            print(f"   central --links {links} (top 10): " + ", ".join(name for name, _score in top))


def people_figures(store: Any, graph: Any) -> None:
    """Senders and recipients that are nodes, and the message links between them (issue 12)."""
    nodes = {graph.nodes[n]["entity"] for n in graph.nodes}
    for label, roles in (("senders", "('from')"), ("recipients", "('to', 'cc', 'bcc')")):
        rows = store.conn.execute(
            f"SELECT COALESCE(NULLIF(LOWER(address), ''), key), entity_id FROM correspondents WHERE role IN {roles}"
        ).fetchall()
        people = {who for who, _e in rows}
        named = {who for who, e in rows if e is not None}
        as_nodes = {who for who, e in rows if e in nodes}
        print(
            f"   {label}: {len(people)} distinct (by address); {len(named)} are entities (PERSON mentions with a name);"
            f" {len(as_nodes)} are nodes of the default graph"
        )
    types = collections.Counter(graph.nodes[n]["type"] for n in graph.nodes if graph.nodes[n].get("messages"))
    print(f"   correspondent nodes by type: {dict(types.most_common())}; mailings: {graph.graph.get('mailings', 0)}")
    kinds = collections.Counter(d.get("kind", "cooccurrence") for _a, _b, d in graph.edges(data=True))
    messages = sum(d.get("messages", 0) for _a, _b, d in graph.edges(data=True))
    print(f"   links by kind: {dict(kinds.most_common())}; messages on message links: {messages}")


def correspondents(store: Any) -> set[str]:
    import json

    out = set()
    for (raw,) in store.conn.execute("SELECT metadata FROM documents"):
        meta = json.loads(raw)
        blocks = [meta, *meta.get("embedded", [])]
        out |= {p["name"].lower() for b in blocks for p in b.get("participants", []) if p.get("name")}
    return out


if __name__ == "__main__":
    main()
