"""User curation: aliases files (CSV or YAML) turned into merge / rename / ignore rules.

Rules live in the store and are re-applied by every resolution, so a merge made today
survives tomorrow's ingest (issue 3). Nicknames and codenames belong here, not in code.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from .errors import BadInput

__all__ = ["OPS", "read_aliases_file"]

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
