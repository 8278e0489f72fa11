"""Pages without a text layer: OCR'd (extract/sources/ocr.py) and read by the position reader.

The OCR engine's words (boxes in points of the visible page, with confidences) go through the
same reader as a text layer's words (:mod:`extract.tables.positions`), so the interpreters see an
OCR'd table as they see a digital one. Each table carries the lowest confidence of each row's
cells and whether a figure of the row was uncertain (a digit read with little confidence, or a
slip mended by :func:`extract.sources.ocr.normalise_number`): the rows it gives are flagged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extract.sources.ocr import EXTRACTOR, OcrWord, normalise_number, number_needs_flag, ocr_page
from extract.sources.pdf import OpenedPdf
from extract.tables.positions import read_positions
from model.pages import PageText
from model.tables import RawTable


@dataclass
class ScanReading:
    tables: list[RawTable] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0  # CPU seconds: render + detect + recognise


def _word_dict(w: OcrWord) -> dict[str, Any]:
    d = w.as_dict()
    reading = normalise_number(w.text)
    if reading.changed and not reading.ambiguous:
        d["text"] = reading.text
    d["confidence"] = w.confidence
    d["uncertain"] = number_needs_flag(w)
    return d


def _uncertain_rows(table: RawTable, words: list[dict[str, Any]]) -> list[bool]:
    """Rows holding a word whose figure was uncertain (matched by its text within the row's cells)."""
    unsure = [w["text"] for w in words if w["uncertain"]]
    out = []
    for row in table.rows:
        cells = " ".join(c for c in row if c)
        out.append(any(u and u in cells for u in unsure))
    return out


def read_scanned(pdf: OpenedPdf, pages: list[PageText]) -> ScanReading:
    """OCR ``pages`` (they have no text layer): their text replaced by the OCR'd text, their tables read."""
    out = ScanReading()
    for p in pages:
        page = pdf.pdfium[p.number - 1]
        try:
            read = ocr_page(page)
        finally:
            page.close()
        out.pages += 1
        out.seconds += read.timings.total
        p.text, p.ocr = read.text, True
        words = [_word_dict(w) for w in read.words]
        for found in read_positions(words, page=p.number, page_height=read.height, reader=EXTRACTOR):
            t = found.table
            t.row_confidence = [min((c for c in row if c is not None), default=None) for row in found.confidence]
            t.row_uncertain = _uncertain_rows(t, words)
            out.tables.append(t)
    return out
