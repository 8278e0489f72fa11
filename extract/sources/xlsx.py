"""Excel .xlsx statements: each sheet is a page holding one table (openpyxl, values only)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from model.errors import CorruptDocumentError
from model.pages import PageText
from model.tables import Cell, RawTable

READER = "xlsx"


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def read_xlsx(path: Path) -> tuple[list[PageText], list[RawTable]]:
    try:
        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise CorruptDocumentError(str(path), f"the .xlsx cannot be read ({type(exc).__name__}: {exc})") from exc
    pages: list[PageText] = []
    tables: list[RawTable] = []
    try:
        for n, ws in enumerate(wb.worksheets, start=1):
            rows: list[list[Cell]] = [[_cell(v) for v in r] for r in ws.iter_rows(values_only=True)]
            rows = [r for r in rows if any(r)]
            # title lines above the grid: leading rows with a single filled cell
            head = 0
            while head < len(rows) and sum(1 for c in rows[head] if c) == 1 and head < 3:
                head += 1
            above = "\n".join(next(c for c in r if c) for r in rows[:head])
            body = rows[head:]
            text = "\n".join("\t".join(c or "" for c in r) for r in rows)
            pages.append(PageText(number=n, text=text, width=0.0, height=0.0))
            if body:
                tables.append(
                    RawTable.on_page(page=n, rows=body, reader=READER, text_above=above)
                )
    finally:
        wb.close()
    return pages, tables
