"""An .xlsx workbook the way analysts expect it.

The data sheet has a bold header row frozen in place, an autofilter over the whole table, columns as
wide as their contents (Chinese characters count double, 8 to 60 characters), text kept as text
(a code such as 2010201 stays the text it was printed as, leading zeros and all), and a second
sheet ``columns`` describing every column. The workbook's creator is ``govperf``, so a build that
finds it under its raw folder does not read it back as a report.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from extract.sources.discover import EXPORT_CREATOR

MIN_WIDTH, MAX_WIDTH = 8, 60
_SAMPLE_ROWS = 2000  # widths are measured on the first rows: a 1-million-row sheet is not scanned twice


def display_width(value: object) -> int:
    """Characters a value takes on screen: wide (CJK) characters count two."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _style_data_sheet(ws: Worksheet, df: pd.DataFrame) -> None:
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = Alignment(vertical="top")
    ws.freeze_panes = "A2"
    if len(df.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{max(len(df), 1) + 1}"
    head = df.head(_SAMPLE_ROWS)
    for i, col in enumerate(df.columns, start=1):
        widest = max([display_width(col), *(display_width(v) for v in head[col].tolist())])
        ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, max(MIN_WIDTH, widest + 2))
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col].dtype):
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = "@"  # text: Excel does not turn 2010201 into a number when edited


def write_xlsx(df: pd.DataFrame, path: Path, sheet: str, columns: Sequence[tuple[str, str, str]]) -> None:
    """Write ``df`` to ``path`` with a ``columns`` sheet of (name, type, description) rows."""
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        df.to_excel(xl, index=False, sheet_name=sheet)
        _style_data_sheet(xl.sheets[sheet], df)
        doc = pd.DataFrame(list(columns), columns=["column", "type", "description"])
        doc.to_excel(xl, index=False, sheet_name="columns")
        _style_data_sheet(xl.sheets["columns"], doc)
        xl.book.properties.creator = EXPORT_CREATOR
