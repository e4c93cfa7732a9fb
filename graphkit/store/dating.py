"""Dates for a database written before graphkit kept them (the migration of issue 17).

What was stored is enough for most dates: e-mail headers and PDF dates are in each
document's metadata, and full dates are in the paragraphs' text. The model's DATE spans
were not stored, so bare years and days without a year wait for the next ingest.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

__all__ = ["date_stored_documents"]


def date_stored_documents(conn: sqlite3.Connection) -> None:
    """Fill the date columns of every stored document and paragraph, inside the caller's transaction."""
    from ..corpus import Document
    from ..dates import date_document
    from ..paragraphs import Paragraph

    documents = conn.execute("SELECT id, path, name, format, metadata FROM documents").fetchall()
    for doc_id, path, name, fmt, metadata in documents:
        rows = conn.execute(
            "SELECT id, number, line, page, text FROM paragraphs WHERE doc_id = ? ORDER BY number", (doc_id,)
        ).fetchall()
        paragraphs = [Paragraph(number, line, text, page) for _, number, line, page, text in rows]
        doc = Document(Path(path), name, "", 0, fmt, paragraphs, metadata=_metadata(metadata))
        found, dates = date_document(doc, {})
        if found is not None:
            conn.execute(
                "UPDATE documents SET date = ?, date_source = ? WHERE id = ?", (found.date.iso, found.source, doc_id)
            )
        conn.executemany(
            "UPDATE paragraphs SET date = ?, date_precision = ?, date_source = ?, date_text = ?, date_first = ?, "
            "date_last = ? WHERE id = ?",
            ((*dates[number].as_row(), pid) for pid, number, *_ in rows if dates[number].date is not None),
        )


def _metadata(text: str) -> dict:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
