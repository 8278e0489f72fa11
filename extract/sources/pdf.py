"""A PDF, parsed once per library, and its text layer page by page (pypdfium2: 1-2 ms a page).

:class:`OpenedPdf` holds the document as pypdfium2 parsed it (text layer, path counts) and, from
its first use, as pdfplumber parsed it (ruled tables, word and character positions); every step
that reads the PDF gets this one object instead of re-opening the file. camelot takes a path and
parses the file itself (only doubtful pages pay for it).

Pages whose text comes out garbled (fonts without ToUnicode maps give U+FFFD,
private-use or ``(cid:N)`` characters) are flagged, never passed on silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.sources.garbled import garbled_count, is_garbled
from extract.sources.plumber_pages import PlumberPdf
from model.errors import CorruptDocumentError, EncryptedDocumentError
from model.pages import PageText


class OpenedPdf:
    """One PDF opened by pypdfium2 (at once: a file it cannot open raises an input error) and by
    pdfplumber (on first use of :attr:`plumber`); ``with`` closes both. Readers close each
    pdfplumber page they used (``page.close()``) so its parsed objects do not pile up."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.pdfium = pdfium.PdfDocument(str(self.path))
        except pdfium.PdfiumError as exc:
            msg = str(exc)
            if "password" in msg.lower() or "security" in msg.lower():
                raise EncryptedDocumentError(
                    str(self.path), f"the PDF is encrypted or password-protected ({msg})"
                ) from exc
            raise CorruptDocumentError(str(self.path), f"the PDF cannot be opened ({msg})") from exc
        self._plumber: Any = None

    @property
    def plumber(self) -> Any:
        """The pdfplumber PDF (``pdfplumber.PDF``, its characters turned into records the faster way of
        :mod:`extract.sources.plumber_pages`), opened on first use."""
        if self._plumber is None:
            self._plumber = PlumberPdf.open(str(self.path))
        return self._plumber

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()
            self._plumber = None
        self.pdfium.close()

    def __enter__(self) -> OpenedPdf:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


@contextmanager
def opened_pdf(source: OpenedPdf | Path | str) -> Iterator[OpenedPdf]:
    """``source`` itself when it is already open (its owner closes it); else the PDF at that path,
    open for the ``with`` block."""
    if isinstance(source, OpenedPdf):
        yield source
        return
    with OpenedPdf(source) as pdf:
        yield pdf


# form XObjects (drawings kept as one object) are looked into this many levels deep
PATH_DEPTH = 5
# a page's text layer holding fewer characters than this may be a scan's stray text: its images are counted
FEW_CHARS = 5


def path_objects(parent: Any, level: int = 0) -> int:
    """How many path objects (lines, rectangles) a page (``level`` 0) or a form XObject draws, those of the
    forms it holds included down to :data:`PATH_DEPTH` levels. pypdfium2's ``get_objects`` counts the same
    but wraps every object of the page in a Python object first (three times the time on a ruled page)."""
    return objects_of(parent, pdfium_c.FPDF_PAGEOBJ_PATH, level)


def image_objects(parent: Any) -> int:
    """How many image objects a page draws (see :func:`path_objects`): a scan is one."""
    return objects_of(parent, pdfium_c.FPDF_PAGEOBJ_IMAGE)


def objects_of(parent: Any, wanted: int, level: int = 0) -> int:
    """How many objects of type ``wanted`` (``FPDF_PAGEOBJ_*``) a page or form XObject holds (see
    :func:`path_objects`)."""
    count, get = (
        (pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject)
        if level
        else (pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject)
    )
    n_objects = count(parent)
    if n_objects < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    found = 0
    for i in range(n_objects):
        obj = get(parent, i)
        if not obj:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == wanted:
            found += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < PATH_DEPTH - 1:
            found += objects_of(obj, wanted, level + 1)
    return found


@dataclass
class PdfText:
    pages: list[PageText]
    producer: str | None
    title: str | None


def read_pdf_text(source: OpenedPdf | Path | str) -> PdfText:
    with opened_pdf(source) as opened:
        pdf = opened.pdfium
        meta = pdf.get_metadata_dict()
        pages: list[PageText] = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
                textpage.close()
                paths = path_objects(page.raw)
                images = image_objects(page.raw) if len(text.strip()) < FEW_CHARS else -1
            finally:
                page.close()
            bad = garbled_count(text)
            pages.append(
                PageText(number=i + 1, text=text, width=width, height=height, garbled=is_garbled(text),
                         bad_chars=bad, paths=paths, images=images)
            )
        path = opened.path
    if not pages:
        raise CorruptDocumentError(str(path), "the PDF has no pages")
    return PdfText(pages, meta.get("Producer") or None, meta.get("Title") or None)
