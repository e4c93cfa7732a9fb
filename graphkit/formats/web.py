"""Web pages: the main text, found by trafilatura, without navigation and comment widgets (issue 7).

trafilatura (Apache-2.0 since 1.8) scores the blocks of a page and keeps the article,
its headings, lists and tables, one paragraph per line, leaving out menus, footers,
share buttons, teasers and reader comments. Its title, author, date and site name
become the document's title and metadata. A page where it finds no main text (a bare
list, a tiny fragment) falls back to all visible text through the standard library's
parser, as before, so no page is lost; :mod:`graphkit.classify` still marks the
furniture in that text.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from ..paragraphs import decode, html_to_text, split_paragraphs
from . import Part, Unreadable
from .notices import say_once

__all__ = ["read_html"]

MAX_EXTRACT_CHARS = 5_000_000
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def read_html(data: bytes) -> list[Part]:
    """One document: the page's main text, or all of its visible text when no main text is found."""
    markup, encoding = _decode_html(data)
    # trafilatura builds a full tree and scores every block: about 25 times the page in
    # memory. Pages beyond a few megabytes are dumps, not articles; read all their text.
    found = _extract(markup) if len(markup) <= MAX_EXTRACT_CHARS else None
    if found is not None and found.text and found.text.strip():
        metadata = {
            key: " ".join(str(value).split())
            for key in ("author", "date", "sitename", "url")
            if (value := getattr(found, key, None))
        }
        metadata["extractor"] = "trafilatura"
        return [
            Part(split_paragraphs(found.text), "html", title=found.title or "", metadata=metadata, encoding=encoding)
        ]
    title, text = html_to_text(markup)
    return [Part(split_paragraphs(text), "html", title=title, metadata={"extractor": "html.parser"}, encoding=encoding)]


def _decode_html(data: bytes) -> tuple[str, str]:
    """Text of a page: UTF-8 when it is valid, else the charset its ``<meta>`` declares, else a guess."""
    text, encoding = decode(data)
    if text is None:
        raise Unreadable("looks like a binary file, not a web page")
    declared = _META_CHARSET.search(data[:4096])
    if encoding.startswith("cp1252") and declared:  # not UTF-8: believe the page's own declaration
        charset = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(charset, errors="replace"), charset
        except LookupError:
            pass
    return text, encoding


@functools.cache
def _trafilatura() -> Any:
    """trafilatura, or None when it cannot load: every page is then read with the plain parser, said once (issue 12)."""
    try:
        import trafilatura
    except ImportError as exc:
        say_once(
            f"web pages are read without trafilatura, so menus and comments stay in ({exc}); "
            "reinstall graphkit to get it back"
        )
        return None
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs every page it finds too short
    return trafilatura


def _extract(markup: str) -> Any:
    trafilatura = _trafilatura()
    if trafilatura is None or "<" not in markup:
        return None
    return trafilatura.bare_extraction(
        markup,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=True,
        deduplicate=False,
        favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},  # no guessing from "© 2024"
    )
