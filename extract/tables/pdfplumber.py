"""Ruled tables with pdfplumber (exact on ruled Word/Excel exports, 27-53 ms a page).

Rulings drawn as line segments and rulings drawn as thousands of tiny rectangles
(Word exports) both reach pdfplumber as edges, so one finder serves both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extract.sources.garbled import cells_garbled
from extract.sources.pdf import OpenedPdf, opened_pdf
from extract.tables.cell_lines import keep_geometry
from model.tables import Cell, RawTable

READER = "pdfplumber"


def _clean(cell: Any) -> Cell:
    if cell is None:
        return None
    return str(cell).strip()


def _words_between(words: list[dict[str, Any]], top: float, bottom: float) -> str:
    lines: dict[int, list[dict[str, Any]]] = {}
    for w in words:
        if top <= w["top"] and w["bottom"] <= bottom:
            lines.setdefault(round(w["top"] / 3), []).append(w)
    return "\n".join(
        " ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"])) for _, ws in sorted(lines.items())
    )


def read_tables(source: OpenedPdf | Path, pages: list[int] | None = None) -> list[RawTable]:
    """Every ruled table of the document (or of ``pages``, 1-based), in reading order."""
    out: list[RawTable] = []
    with opened_pdf(source) as pdf:
        for pno, page in enumerate(pdf.plumber.pages, start=1):
            if pages is not None and pno not in pages:
                continue
            if not page.rects and not page.lines:
                page.close()
                continue
            found = sorted(page.find_tables(), key=lambda t: (t.bbox[1], t.bbox[0]))
            texts = [t.extract() for t in found]
            # the cells' boxes and characters, for the cells' lines (cell_lines.py) without a second parse
            keep_geometry(pdf, pno, found, texts, page.chars)
            if not found:
                page.close()
                continue
            words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
            prev_bottom = 0.0
            kept = 0  # index_on_page counts the tables kept, so a page's first real table is 0
            for i, (t, cells) in enumerate(zip(found, texts, strict=True)):
                rows = [[_clean(c) for c in row] for row in cells]
                rows = [r for r in rows if any(c for c in r)]
                if not rows:
                    continue
                x0, top, x1, bottom = t.bbox
                next_top = found[i + 1].bbox[1] if i + 1 < len(found) else float(page.height)
                out.append(
                    RawTable.on_page(
                        page=pno,
                        rows=rows,
                        reader=READER,
                        bbox=(x0, top, x1, bottom),
                        index_on_page=kept,
                        text_above=_words_between(words, prev_bottom, top),
                        text_below=_words_between(words, bottom, next_top),
                        page_height=float(page.height),
                        garbled=cells_garbled(rows),
                    )
                )
                prev_bottom = bottom
                kept += 1
            page.close()
    return out
