"""Ruled tables with pdfplumber (exact on ruled Word/Excel exports, 27-53 ms a page).

Rulings drawn as line segments and rulings drawn as thousands of tiny rectangles
(Word exports) both reach pdfplumber as edges, so one finder serves both.
"""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path
from typing import Any

from pdfplumber.table import Table
from pdfplumber.utils import extract_text
from pdfplumber.utils.text import extract_words

from extract.sources.garbled import cells_garbled
from extract.sources.pdf import OpenedPdf, opened_pdf
from extract.tables.cell_lines import keep_geometry
from extract.tables.sideways import UprightChars, upright_box, upright_chars
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


def _cell_texts(table: Any, chars: list[dict[str, Any]]) -> list[list[str | None]]:
    """What pdfplumber's ``Table.extract()`` gives (each cell's text from the characters whose centres fall
    in it, in the page's order), without testing every character of the page against every row: the
    characters within the table are sorted once by their vertical centre and each row takes its band."""
    x0, top, x1, bottom = table.bbox
    band: list[tuple[float, int, float, dict[str, Any]]] = []  # (vertical centre, page order, horizontal centre, char)
    for i, c in enumerate(chars):
        v_mid = (c["top"] + c["bottom"]) / 2
        h_mid = (c["x0"] + c["x1"]) / 2
        if x0 <= h_mid < x1 and top <= v_mid < bottom:
            band.append((v_mid, i, h_mid, c))
    band.sort(key=lambda b: (b[0], b[1]))
    mids = [b[0] for b in band]
    out: list[list[str | None]] = []
    for row in table.rows:
        r0, rtop, r1, rbottom = row.bbox
        inside = band[bisect_left(mids, rtop) : bisect_left(mids, rbottom)]
        row_chars = sorted((b for b in inside if r0 <= b[2] < r1), key=lambda b: b[1])
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            c0, ctop, c1, cbottom = cell
            got = [b[3] for b in row_chars if c0 <= b[2] < c1 and ctop <= b[0] < cbottom]
            cells.append(extract_text(got) if got else "")
        out.append(cells)
    return out


def _upright_tables(page: Any, frame: UprightChars) -> list[Table]:
    """The page's ruled tables, their cells in the frame where the text reads upright: a table printed
    sideways on the sheet (a landscape form placed turned on a portrait page, with no /Rotate) has its
    rows and columns as printed, its first row the one its text reads first."""
    found: list[Table] = page.find_tables()
    if frame.turn == 0:
        return found
    width, height = float(page.width), float(page.height)
    return [Table(page, [upright_box(c, frame.turn, width, height) for c in t.cells]) for t in found]


def grid_columns(table: Any) -> list[tuple[float, float]]:
    """The x-range of each column of a pdfplumber table's grid (the columns its rows' cells are given in:
    one per distinct left edge of a cell, up to the next one or the table's right edge)."""
    lefts = sorted({float(c[0]) for c in table.cells})
    return list(zip(lefts, [*lefts[1:], float(table.bbox[2])], strict=True))


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
            frame = upright_chars(page)
            found = sorted(_upright_tables(page, frame), key=lambda t: (t.bbox[1], t.bbox[0]))
            chars = frame.chars
            texts = [_cell_texts(t, chars) for t in found]
            # the cells' boxes and characters, for the cells' lines (cell_lines.py) without a second parse
            keep_geometry(pdf, pno, found, texts, chars)
            if not found:
                page.close()
                continue
            words = extract_words(chars, keep_blank_chars=False, use_text_flow=False)
            prev_bottom = 0.0
            kept = 0  # index_on_page counts the tables kept, so a page's first real table is 0
            for i, (t, cells) in enumerate(zip(found, texts, strict=True)):
                rows = [[_clean(c) for c in row] for row in cells]
                rows = [r for r in rows if any(c for c in r)]
                if not rows:
                    continue
                x0, top, x1, bottom = t.bbox
                next_top = found[i + 1].bbox[1] if i + 1 < len(found) else frame.height
                out.append(
                    RawTable.on_page(
                        page=pno,
                        rows=rows,
                        reader=READER,
                        bbox=(x0, top, x1, bottom),
                        index_on_page=kept,
                        text_above=_words_between(words, prev_bottom, top),
                        text_below=_words_between(words, bottom, next_top),
                        page_height=frame.height,
                        garbled=cells_garbled(rows),
                    )
                )
                out[-1].columns = grid_columns(t)
                prev_bottom = bottom
                kept += 1
            page.close()
    return out
