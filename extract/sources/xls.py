"""Legacy Excel .xls (BIFF, Excel 97-2003) statements and forms, read with xlrd.

Each sheet is a page holding one table, as for .xlsx (:mod:`extract.sources.sheets`); merged cells
keep their text in the top-left cell and ``None`` in the cells they cover, as the other readers give them.
"""

from __future__ import annotations

from pathlib import Path

import xlrd

from extract.sources.sheets import cell_text, sheet_page
from model.errors import CorruptDocumentError
from model.pages import PageText
from model.tables import Cell, RawTable

READER = "xls"


def _value(book: xlrd.book.Book, cell: xlrd.sheet.Cell) -> object:
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    return cell.value


def _rows(book: xlrd.book.Book, sheet: xlrd.sheet.Sheet) -> list[list[Cell]]:
    rows: list[list[Cell]] = [
        [cell_text(_value(book, sheet.cell(r, c))) for c in range(sheet.ncols)] for r in range(sheet.nrows)
    ]
    for rlo, rhi, clo, chi in sheet.merged_cells:
        for r in range(rlo, min(rhi, sheet.nrows)):
            for c in range(clo, min(chi, sheet.ncols)):
                if (r, c) != (rlo, clo):
                    rows[r][c] = None
    return rows


def read_xls(path: Path) -> tuple[list[PageText], list[RawTable]]:
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception as exc:  # xlrd raises many kinds for a damaged or unsupported file
        raise CorruptDocumentError(str(path), f"the .xls cannot be read ({type(exc).__name__}: {exc})") from exc
    pages: list[PageText] = []
    tables: list[RawTable] = []
    try:
        for n in range(1, book.nsheets + 1):
            sheet = book.sheet_by_index(n - 1)
            page, table = sheet_page(n, _rows(book, sheet), READER, sheet.name)
            pages.append(page)
            if table is not None:
                tables.append(table)
            book.unload_sheet(n - 1)
    finally:
        book.release_resources()
    return pages, tables
