"""User curation: aliases files (CSV or YAML) and single rules turned into merge / rename / ignore rules.

Rules live in the store and are re-applied by every resolution, so a merge made today
survives tomorrow's ingest (issue 3). Nicknames and codenames belong here, not in code.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BadChoice, BadInput

if TYPE_CHECKING:
    from .store import Store

__all__ = ["OPS", "read_aliases_file", "replace_aliases", "curate"]

OPS = ("merge", "split", "rename", "ignore", "type")


def read_aliases_file(path: Path) -> list[tuple[str, str, str]]:
    """Rules ``(op, name, arg)`` from an aliases file.

    YAML::

        aliases:
          Donald Trump: [Drumpf, Krasnov]
        types:
          Krasnov: PERSON
        ignore: [QiOSK]

    CSV: one row per entity, ``canonical,alias,alias...``; a row whose first cell is
    ``!ignore`` lists names to ignore. Lines starting with ``#`` are comments.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot read aliases file ({exc}); pass a UTF-8 CSV or YAML file") from exc
    if path.suffix.lower() in {".yaml", ".yml"}:
        return _from_mapping(path, _load_yaml(path, text))
    if path.suffix.lower() == ".csv":
        return _from_csv(path, text)
    raise BadInput(f"{path}: aliases file must end in .csv, .yaml or .yml")


def _load_yaml(path: Path, text: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise BadInput(f"{path}: not valid YAML{where}; see `graphkit ingest --help` for the format") from exc


def _from_mapping(path: Path, data: Any) -> list[tuple[str, str, str]]:
    if not isinstance(data, dict) or not set(data) <= {"aliases", "ignore", "types"}:
        raise BadInput(f"{path}: expected a mapping with 'aliases', 'types' and/or 'ignore' keys")
    aliases = data.get("aliases") or {}
    ignore = data.get("ignore") or []
    types = data.get("types") or {}
    if not isinstance(aliases, dict) or not isinstance(ignore, list) or not isinstance(types, dict):
        raise BadInput(f"{path}: 'aliases' and 'types' must be mappings, 'ignore' a list")
    rules: list[tuple[str, str, str]] = []
    for canonical, names in aliases.items():
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, (str, int)) for n in names):
            raise BadInput(f"{path}: aliases of {canonical!r} must be a list of names")
        rules.extend(_entity_rules(str(canonical), [str(n) for n in names]))
    rules.extend(("ignore", str(name), "") for name in ignore)
    for name, type_ in types.items():
        if not isinstance(type_, str) or not type_.isalpha():
            raise BadInput(f"{path}: type of {name!r} must be a label such as PERSON or ORG")
        rules.append(("type", str(name), type_.upper()))
    return rules


def _from_csv(path: Path, text: str) -> list[tuple[str, str, str]]:
    rules: list[tuple[str, str, str]] = []
    for row in csv.reader(io.StringIO(text)):
        cells = [c.strip() for c in row if c.strip()]
        if not cells or cells[0].startswith("#"):
            continue
        if cells[0] == "!ignore":
            rules.extend(("ignore", name, "") for name in cells[1:])
        else:
            rules.extend(_entity_rules(cells[0], cells[1:]))
    return rules


def _entity_rules(canonical: str, aliases: list[str]) -> list[tuple[str, str, str]]:
    rules = [("merge", canonical, alias) for alias in aliases]
    # Rename from every name, so the canonical label wins even where only an alias occurs.
    rules.extend(("rename", name, canonical) for name in [canonical, *aliases])
    return rules


def replace_aliases(store: Store, path: Path, rules: list[tuple[str, str, str]]) -> None:
    """Make ``rules`` (read from the aliases file ``path``) replace what an earlier run took from that file."""
    store.replace_curation_source(f"aliases:{path.resolve()}", rules)


# The rules one can give by hand, and which of their arguments must name a known entity.
_CHECKED = {"merge": (True, True), "split": (True, False), "rename": (True, False), "ignore": (True, False)}


def curate(store: Store, op: str, name: str, arg: str = "") -> int:
    """Record one rule (``merge``, ``split``, ``rename`` or ``ignore``) and resolve again; returns the entity count.

    ``name`` (and for ``merge``, ``arg``) must name a known entity, by any alias: a rule
    that matches nothing is a typo, refused with the closest names (:class:`UnknownEntity`).
    """
    from .graph import entity_nodes
    from .ingest import rebuild_entities
    from .query import find_node

    if op not in _CHECKED:
        raise BadChoice("op", op, _CHECKED)
    known = entity_nodes(store)  # names only: no need to pair up every paragraph's entities
    for value, checked in zip((name, arg), _CHECKED[op]):
        if checked:
            find_node(known, value)
    store.add_curation(op, name, arg)
    return rebuild_entities(store)
