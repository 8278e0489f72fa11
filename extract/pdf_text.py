"""The text layer of a PDF, page by page (pypdfium2: 1-2 ms a page).

Pages whose text comes out garbled (fonts without ToUnicode maps give U+FFFD,
private-use or ``(cid:N)`` characters) are flagged, never passed on silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from govperf.errors import CorruptDocumentError, EncryptedDocumentError

_CID = re.compile(r"\(cid:\d+\)")
_BAD_CHAR = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
# characters a Chinese government report is written in; a font without a Unicode map comes out as
# characters of other scripts (Syriac, Canadian syllabics, Coptic, ...) mixed into the CJK
_EXPECTED_CHAR = re.compile(
    "[\\s\x20-\x7e\u00a0-\u00ff\u0391-\u03c9\u2000-\u206f\u2100-\u22ff\u2460-\u25ff\u2e80-\u2fdf"
    "\u3000-\u303f\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)

# share of a page's non-space characters that may be unreadable before it is garbled
GARBLED_SHARE = 0.05


@dataclass
class PageText:
    number: int  # 1-based
    text: str
    width: float
    height: float
    garbled: bool = False
    bad_chars: int = 0
    paths: int = -1  # path objects drawn (lines, rectangles: rulings); -1 when not counted


@dataclass
class PdfText:
    pages: list[PageText]
    producer: str | None
    title: str | None


def garbled_count(text: str) -> int:
    """How many characters of ``text`` are unreadable or of an unexpected script (cid escapes count once)."""
    text = _CID.sub("\ufffd", text)
    return len(_BAD_CHAR.findall(text)) + len(_EXPECTED_CHAR.sub("", _BAD_CHAR.sub("", text)))


def is_garbled(text: str) -> bool:
    visible = len(re.sub(r"\s", "", text))
    bad = garbled_count(text)
    return bad > 0 and (visible == 0 or bad / visible >= GARBLED_SHARE or bad >= 20)


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
