"""Reading the explorer page the way a browser does, for the tests that check what document text can reach."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_NONCE = re.compile(r"""(?<=nonce-)[\w-]+(?=')|(?<=nonce=")[\w-]+(?=")""")


class _DataBlock(HTMLParser):
    """Finds the content of <script id="graphkit-data"> as a browser would (comments are not elements)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.inside = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = tag == "script" and dict(attrs).get("id") == "graphkit-data"

    def handle_endtag(self, tag: str) -> None:
        self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.parts.append(data)


def nonces(page: str) -> set[str]:
    """The script nonces a page uses: in its Content-Security-Policy and on its script elements."""
    return set(_NONCE.findall(page))


def split_data_block(page: str) -> tuple[str, str]:
    """The JSON the page embeds, and the page without it (its random script nonce written as NONCE)."""
    parser = _DataBlock()
    parser.feed(page)
    parser.close()
    data = "".join(parser.parts)
    assert data, "no data block in the page"
    start = page.index(data)
    return data, _NONCE.sub("NONCE", page[:start] + page[start + len(data) :])
