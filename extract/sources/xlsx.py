"""Excel .xlsx statements and forms: each sheet is a page holding one table (openpyxl, values only)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from extract.sources.sheets import cell_text, sheet_page
from model.errors import CorruptDocumentError
from model.pages import PageText
from model.tables import Cell, RawTable

READER = "xlsx"


def read_xlsx(path: Path) -> tuple[list[PageText], list[RawTable]]:
    try:
        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise CorruptDocumentError(str(path), f"the .xlsx cannot be read ({type(exc).__name__}: {exc})") from exc
    pages: list[PageText] = []
    tables: list[RawTable] = []
    try:
        for n, ws in enumerate(wb.worksheets, start=1):
            rows: list[list[Cell]] = [[cell_text(v) for v in r] for r in ws.iter_rows(values_only=True)]
            page, table = sheet_page(n, rows, READER, ws.title)
            pages.append(page)
            if table is not None:
                tables.append(table)
    finally:
        wb.close()
    return pages, tables
