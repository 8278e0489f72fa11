"""Word .docx reports: paragraphs as one text page, tables as RawTables (python-docx), each with the
paragraphs printed between it and the previous table as its text_above (title, 单位：元 line)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.text.paragraph import Paragraph

from extract.sources.garbled import cells_garbled, garbled_count, is_garbled
from model.errors import CorruptDocumentError
from model.pages import PageText
from model.tables import Cell, RawTable

READER = "docx"


def read_docx(path: Path) -> tuple[list[PageText], list[RawTable]]:
    """A .docx has no pages: its text is page 1 and its tables are all on page 1."""
    try:
        d = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise CorruptDocumentError(str(path), f"the .docx cannot be read ({type(exc).__name__}: {exc})") from exc
    text = "\n".join(p.text for p in d.paragraphs)
    tables: list[RawTable] = []
    above: list[str] = []  # the paragraphs since the previous table (a form's title, 单位：元)
    i = -1
    for block in d.iter_inner_content():
        if isinstance(block, Paragraph):
            above.append(block.text)
            continue
        t, i = block, i + 1
        rows: list[list[Cell]] = []
        for r in t.rows:
            seen: set[int] = set()
            row: list[Cell] = []
            for c in r.cells:
                # python-docx repeats a merged cell's object for every grid cell it covers
                row.append(None if id(c._tc) in seen else c.text.strip())
                seen.add(id(c._tc))
            rows.append(row)
        rows = [r for r in rows if any(r)]
        if rows:
            tables.append(
                RawTable.on_page(page=1, rows=rows, reader=READER, index_on_page=i, garbled=cells_garbled(rows),
                                 text_above="\n".join(ln for ln in above if ln.strip()))
            )
        above = []
    page = PageText(number=1, text=text, width=0.0, height=0.0, garbled=is_garbled(text), bad_chars=garbled_count(text))
    return [page], tables
