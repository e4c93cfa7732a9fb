"""Reading watchlists: CSV or YAML files of names the investigator already knows.

CSV: a header naming the columns ``name`` and ``type`` (required), ``aliases`` (``|`` or
``;`` between names), ``note`` and ``list``; one row per name::

    name,type,aliases,note
    Vladimir Putin,PERSON,Putin|Wladimir Putin,subject
    Acme Holdings Ltd,ORG,,registry extract 2023

YAML: a list of entries, or a mapping with ``list`` (the list's name), ``type`` (of the
entries that give none) and ``names``::

    list: subjects
    type: PERSON
    names:
      - name: Sergey Lavrov
        aliases: [Lavrov]
      - Xi Jinping            # a bare string: a name of the list's type
      - {name: Rosneft, type: ORG}

Types are spaCy's labels (``PERSON``, ``ORG``, ``GPE``...; ``person``, ``company`` and
``country`` are understood too): the listed type is the entity's type, whatever the model
says. A list's name defaults to the file's stem. A file that does not parse raises
:class:`BadInput` naming the file, the line and the problem, before anything is stored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import BadInput
from ..normalize import is_well_cased
from ..vocabulary import DEFAULT_TYPES
from .fold import fold_phrase

__all__ = ["WatchEntry", "COLUMNS", "read_watchlist", "read_watchlists", "combine"]

COLUMNS = ("name", "type", "aliases", "note", "list")
# What people write in a list's type column, as the model's labels.
_TYPE_WORDS = {
    "person": "PERSON",
    "people": "PERSON",
    "individual": "PERSON",
    "organisation": "ORG",
    "organization": "ORG",
    "company": "ORG",
    "entity": "ORG",
    "country": "GPE",
    "city": "GPE",
    "place": "GPE",
    "location": "LOC",
    "vessel": "PRODUCT",
}


@dataclass(frozen=True)
class WatchEntry:
    """One listed name: its type, aliases and the lists naming it."""

    name: str
    type: str = "PERSON"
    aliases: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    note: str = ""
    where: str = ""  # "file, line N": where the entry was read

    @property
    def forms(self) -> tuple[str, ...]:
        """The name, then its aliases."""
        return (self.name, *self.aliases)


def read_watchlist(path: str | Path) -> list[WatchEntry]:
    """The entries of one CSV or YAML watchlist file, in file order."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot read the watchlist ({_reason(exc)}); pass a UTF-8 CSV or YAML file") from exc
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        entries = _from_yaml(path, text)
    elif suffix == ".csv":
        entries = _from_csv(path, text)
    else:
        raise BadInput(f"{path}: a watchlist must end in .csv, .yaml or .yml")
    if not entries:
        raise BadInput(f"{path}: the watchlist holds no names")
    return entries


def read_watchlists(paths: Iterable[str | Path]) -> list[WatchEntry]:
    """Every file read (all of them parse, or an error is raised), then :func:`combine`."""
    return combine(entry for path in paths for entry in read_watchlist(path))


def combine(entries: Iterable[WatchEntry]) -> list[WatchEntry]:
    """One entry per listed name: the same name on several lines or lists is one entry,
    with the union of aliases and list names; the first list's type wins, and its
    spelling unless a later one is cased as a name is ('Erin Black', not 'ERIN BLACK')."""
    out: dict[str, WatchEntry] = {}
    for entry in entries:
        key = fold_phrase(entry.name)
        seen = out.get(key)
        if seen is None:
            out[key] = entry
            continue
        out[key] = replace(
            seen,
            name=entry.name if is_well_cased(entry.name) and not is_well_cased(seen.name) else seen.name,
            aliases=_unique([*seen.aliases, *entry.aliases], skip=seen.name),
            lists=_unique([*seen.lists, *entry.lists]),
            note="; ".join(_unique([n for n in (seen.note, entry.note) if n])),
        )
    return list(out.values())


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"


def _unique(names: Sequence[str], skip: str = "") -> tuple[str, ...]:
    seen = {fold_phrase(skip)} if skip else set()
    out = []
    for name in names:
        key = fold_phrase(name)
        if key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)


def _entry(path: Path, line: int, fields: dict[str, Any], defaults: dict[str, str]) -> WatchEntry:
    """Check one entry's fields; ``fields['aliases']`` is a list of names or one delimited string.

    ``defaults``: the file's ``list`` name and ``type`` (if any), for entries that give none.
    """
    where = f"{path}, line {line}"
    name = _text(fields.get("name"), where, "name")
    if not name:
        raise BadInput(f"{where}: the entry has no name; give each entry a name")
    if not fold_phrase(name):
        raise BadInput(f"{where}: name {name!r} has no letters or digits to match")
    aliases = fields.get("aliases") or []
    if isinstance(aliases, str):
        aliases = aliases.replace(";", "|").split("|")
    if not isinstance(aliases, list) or not all(isinstance(a, (str, int, float)) for a in aliases):
        raise BadInput(f"{where}: aliases of {name!r} must be a list of names")
    aliases = [str(a).strip() for a in aliases if str(a).strip() and fold_phrase(str(a))]
    list_name = _text(fields.get("list"), where, "list") or defaults["list"]
    return WatchEntry(
        name=name,
        type=_type(fields.get("type") or defaults.get("type"), where, name),
        aliases=_unique(aliases, skip=name),
        lists=(list_name,),
        note=_text(fields.get("note"), where, "note"),
        where=where,
    )


def _text(value: Any, where: str, field: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise BadInput(f"{where}: {field!r} must be a single text value")
    return " ".join(str(value).split())


def _type(value: Any, where: str, name: str) -> str:
    text = _text(value, where, "type")
    if not text:
        raise BadInput(f"{where}: no type for {name!r}; give one of {', '.join(DEFAULT_TYPES)}")
    label = _TYPE_WORDS.get(text.casefold(), text.upper().replace(" ", "_"))
    if label not in DEFAULT_TYPES:
        raise BadInput(f"{where}: unknown type {text!r}; use one of {', '.join(DEFAULT_TYPES)}")
    return label


def _from_csv(path: Path, text: str) -> list[WatchEntry]:
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    entries: list[WatchEntry] = []
    try:
        for row in reader:
            cells = [c.strip() for c in row]
            if not any(cells) or cells[0].startswith("#"):
                continue
            if header is None:
                header = _header(path, reader.line_num, cells)
                continue
            entries.append(_csv_row(path, reader.line_num, header, cells))
    except csv.Error as exc:
        raise BadInput(f"{path}, line {reader.line_num}: not valid CSV ({exc})") from exc
    return entries


def _header(path: Path, line: int, cells: list[str]) -> list[str]:
    names = [c.casefold() for c in cells]
    unknown = [c for c in names if c and c not in COLUMNS]
    missing = [c for c in ("name", "type") if c not in names]
    if missing or unknown:
        got = f"no {missing[0]!r} column" if missing else f"unknown column {unknown[0]!r}"
        raise BadInput(f"{path}, line {line}: {got}; the first row must name the columns: {', '.join(COLUMNS)}")
    return names


def _csv_row(path: Path, line: int, header: list[str], cells: list[str]) -> WatchEntry:
    if len(cells) > len(header) and any(cells[len(header) :]):
        raise BadInput(
            f"{path}, line {line}: {len(cells)} cells but the header names {len(header)} columns; "
            "put '|' between aliases, not commas (or quote the cell)"
        )
    fields = {column: cell for column, cell in zip(header, cells) if column}
    return _entry(path, line, fields, {"list": path.stem})


def _from_yaml(path: Path, text: str) -> list[WatchEntry]:
    import yaml

    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise BadInput(f"{path}{where}: not valid YAML ({problem})") from exc
    if root is None:
        return []
    defaults = {"list": path.stem}
    items = root
    if isinstance(root, yaml.MappingNode):
        top = _mapping(path, root)
        unknown = set(top) - {"list", "type", "names"}
        if unknown or "names" not in top:
            bad = f"unknown key {sorted(unknown)[0]!r}" if unknown else "no 'names' key"
            raise BadInput(f"{path}, line {root.start_mark.line + 1}: {bad}; expected 'list', 'type' and 'names'")
        for key in ("list", "type"):
            if key in top:
                defaults[key] = _text(_plain(path, top[key]), _line(path, top[key]), key) or defaults.get(key, "")
        items = top["names"]
    if not isinstance(items, yaml.SequenceNode):
        raise BadInput(f"{_line(path, items)}: expected a list of names (lines starting with '- ')")
    return [_yaml_entry(path, node, defaults) for node in items.value]


def _yaml_entry(path: Path, node: Any, defaults: dict[str, str]) -> WatchEntry:
    import yaml

    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return _entry(path, line, {"name": node.value}, defaults)
    if not isinstance(node, yaml.MappingNode):
        raise BadInput(f"{path}, line {line}: an entry must be a name or a mapping with 'name', 'type', 'aliases'")
    fields = _mapping(path, node)
    unknown = set(fields) - set(COLUMNS)
    if unknown:
        raise BadInput(f"{path}, line {line}: unknown key {sorted(unknown)[0]!r}; expected {', '.join(COLUMNS)}")
    return _entry(path, line, {k: _plain(path, v) for k, v in fields.items()}, defaults)


def _mapping(path: Path, node: Any) -> dict[str, Any]:
    return {str(_plain(path, key)): value for key, value in node.value}


def _plain(path: Path, node: Any) -> Any:
    """A node's value as plain Python (strings stay strings: YAML's ``NO`` or ``1e3`` are names here)."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag != "tag:yaml.org,2002:null" else None
    if isinstance(node, yaml.SequenceNode):
        return [_plain(path, item) for item in node.value]
    return {str(_plain(path, k)): _plain(path, v) for k, v in node.value}


def _line(path: Path, node: Any) -> str:
    return f"{path}, line {node.start_mark.line + 1}"
