"""Word .docx reports: paragraphs as one text page, tables as RawTables (python-docx).

A .docx has no pages: its text is page 1 and its tables are all on page 1. The body is walked in
order, so each table carries the paragraphs just above and below it (``text_above``/``text_below``:
the title and the unit line of a statement), as the PDF readers give them. A merged cell keeps its
text in its top-left grid cell and gives ``None`` in the cells it covers, across columns and rows.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from extract.sources.garbled import cells_garbled, garbled_count, is_garbled
from model.errors import CorruptDocumentError
from model.pages import PageText
from model.tables import Cell, RawTable

READER = "docx"
_NEAR_LINES = 6  # paragraphs kept as a table's text_above/text_below


def _grid(t: Table) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    seen: list[object] = []  # the <w:tc> elements read so far (kept alive, so that `is` compares them)
    for r in t.rows:
        row: list[Cell] = []
        for c in r.cells:
            # python-docx gives a merged cell's element for every grid cell it covers (columns and rows)
            tc = c._tc
            row.append(None if any(tc is s for s in seen) else c.text.strip())
            seen.append(tc)
        rows.append(row)
    return [r for r in rows if any(r)]


def read_docx(path: Path) -> tuple[list[PageText], list[RawTable]]:
    try:
        d = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise CorruptDocumentError(str(path), f"the .docx cannot be read ({type(exc).__name__}: {exc})") from exc
    segments: list[list[str]] = [[]]  # segments[i]: the paragraphs before table i
    grids: list[list[list[Cell]]] = []
    for block in d.iter_inner_content():
        if isinstance(block, Paragraph):
            segments[-1].append(block.text)
        elif isinstance(block, Table):
            grids.append(_grid(block))
            segments.append([])
    near = [[ln.strip() for ln in seg if ln.strip()] for seg in segments]
    tables: list[RawTable] = []
    for i, rows in enumerate(grids):
        if rows:
            tables.append(RawTable.on_page(
                page=1, rows=rows, reader=READER, index_on_page=i, garbled=cells_garbled(rows),
                text_above="\n".join(near[i][-_NEAR_LINES:]), text_below="\n".join(near[i + 1][:_NEAR_LINES]),
            ))
    text = "\n".join(ln for seg in segments for ln in seg)
    page = PageText(number=1, text=text, width=0.0, height=0.0, garbled=is_garbled(text), bad_chars=garbled_count(text))
    return [page], tables
