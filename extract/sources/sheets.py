"""A worksheet as a page and a table, whatever the spreadsheet library (openpyxl for .xlsx, xlrd for .xls).

Each sheet is one page (``page`` = the sheet's 1-based position) holding one table. Title lines above
the grid (leading rows with a single filled cell, at most three) become the table's ``text_above`` and
the page's text: as for a .docx or an HTML page, the page text is what stands outside the tables, so
the prose readers never read a form's cells as sentences (``年度总成本 ≤356.4万元`` is a target, not an
amount spent). The sheet's tab name is the table's ``caption``.
"""

from __future__ import annotations

import datetime as dt

from model.pages import PageText
from model.tables import Cell, RawTable

_TITLE_ROWS = 3


def cell_text(v: object) -> str:
    """A cell's value as printed: whole numbers without a decimal point, dates as YYYY-MM-DD."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return repr(round(v, 10))
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v.date().isoformat()
    return str(v).strip()


def sheet_page(number: int, rows: list[list[Cell]], reader: str, name: str = "") -> tuple[PageText, RawTable | None]:
    """Sheet ``number``'s page and its table (None for an empty sheet); ``name`` is the sheet's tab name."""
    rows = [r for r in rows if any(r)]
    head = 0
    while head < len(rows) and head < _TITLE_ROWS and sum(1 for c in rows[head] if c) == 1:
        head += 1
    above = "\n".join(next(c for c in r if c) for r in rows[:head])
    body = rows[head:]
    page = PageText(number=number, text=above, width=0.0, height=0.0)
    table = RawTable.on_page(page=number, rows=body, reader=reader, text_above=above, caption=name) if body else None
    return page, table
