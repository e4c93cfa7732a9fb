"""pdfminer.six under the reader's limits (issue 11): every cap is charged where pdfminer does the work.

- **object lookups**: a document whose ``getobj`` charges ``objects``, so a reference
  that resolves to itself (``/Info 6 0 R``, ``6 0 obj 7 0 R``, ``7 0 obj 6 0 R``), which
  pdfminer's ``resolve1`` follows for ever, stops at the cap;
- **drawings**: an interpreter whose ``Do`` charges ``draws`` and nests ``xobject_depth``,
  so 30 levels of forms that each draw the next twice (2**30 draws from 6 KB) stop early;
- **pages**, counted as they are read;
- **unpacked bytes**: pdfminer inflates streams with ``zlib.decompress``; its module's
  ``zlib`` is replaced by one that inflates no further than the ``unpacked_mb`` left
  (:func:`graphkit.formats.limits.inflate`), and every decoded stream is charged.

Outside a reader's budget the replacements count nothing, so pdfminer behaves as it
always did. :mod:`.layout` uses :func:`open_document`, :func:`interpreter` and
:func:`pages_of` instead of pdfminer's own classes.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from ..limits import charge, current_budget, inflate

__all__ = ["open_document", "interpreter", "pages_of"]


def open_document(parser: Any) -> Any:
    """A pdfminer ``PDFDocument`` that charges every object lookup."""
    _install()
    return _document_class()(parser)


def interpreter(rsrcmgr: Any, device: Any) -> Any:
    """A pdfminer ``PDFPageInterpreter`` that charges every drawing it draws and how deep it nests."""
    _install()
    return _interpreter_class()(rsrcmgr, device)


def pages_of(document: Any) -> Iterator[Any]:
    """The document's pages, charging each."""
    from pdfminer.pdfpage import PDFPage

    for page in PDFPage.create_pages(document):
        charge("pages")
        yield page


_CLASSES: dict[str, type] = {}


def _document_class() -> type:
    if "document" not in _CLASSES:
        from pdfminer.pdfdocument import PDFDocument

        class _Document(PDFDocument):  # type: ignore[misc]
            def getobj(self, objid: int) -> object:
                charge("objects")
                return super().getobj(objid)

        _CLASSES["document"] = _Document
    return _CLASSES["document"]


def _interpreter_class() -> type:
    if "interpreter" not in _CLASSES:
        from pdfminer.pdfinterp import PDFPageInterpreter

        class _Interpreter(PDFPageInterpreter):  # type: ignore[misc]
            def do_Do(self, xobjid: Any) -> None:  # noqa: N802 (pdfminer's name)
                charge("draws")
                with current_budget().nested():
                    super().do_Do(xobjid)

        _CLASSES["interpreter"] = _Interpreter
    return _CLASSES["interpreter"]


class _CappedZlib:
    """What ``pdfminer.pdftypes`` uses of ``zlib``, inflating no further than the reader's budget allows."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
        return inflate(data, wbits)

    @staticmethod
    def decompressobj(*args: Any, **kwargs: Any) -> Any:
        return _CappedInflater(zlib.decompressobj(*args, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


class _CappedInflater:
    """A ``zlib.decompressobj`` whose output is charged as it comes (pdfminer's repair of damaged streams)."""

    def __init__(self, inflater: Any) -> None:
        self._inflater = inflater

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = current_budget().room("unpacked_mb")
        if room is not None:
            max_length = min(max_length, room + 1) if max_length else room + 1
        out = self._inflater.decompress(data, max_length)
        charge("unpacked_mb", len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inflater, name)


def _install() -> None:
    """Put the capped zlib into pdfminer (once); pdfminer's own code is left as it is."""
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _CappedZlib):
        pdftypes.zlib = _CappedZlib()  # type: ignore[assignment]
