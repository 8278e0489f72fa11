"""The text layer of a PDF, page by page (pypdfium2: 1-2 ms a page).

Pages whose text comes out garbled (fonts without ToUnicode maps give U+FFFD,
private-use or ``(cid:N)`` characters) are flagged, never passed on silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.sources.garbled import garbled_count, is_garbled
from model.errors import CorruptDocumentError, EncryptedDocumentError
from model.pages import PageText


@dataclass
class PdfText:
    pages: list[PageText]
    producer: str | None
    title: str | None


def read_pdf_text(path: Path) -> PdfText:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower() or "security" in msg.lower():
            raise EncryptedDocumentError(str(path), f"the PDF is encrypted or password-protected ({msg})") from exc
        raise CorruptDocumentError(str(path), f"the PDF cannot be opened ({msg})") from exc
    try:
        meta = pdf.get_metadata_dict()
        pages: list[PageText] = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
                textpage.close()
                paths = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=5))
            finally:
                page.close()
            bad = garbled_count(text)
            pages.append(PageText(i + 1, text, width, height, is_garbled(text), bad, paths))
    finally:
        pdf.close()
    if not pages:
        raise CorruptDocumentError(str(path), "the PDF has no pages")
    return PdfText(pages, meta.get("Producer") or None, meta.get("Title") or None)
