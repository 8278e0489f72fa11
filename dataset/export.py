"""Export a curated table for analysts: CSV that Excel opens (UTF-8 with BOM) or .xlsx.

The format comes from ``--format`` or else the output's extension; ``-`` writes CSV to
standard output. Filters (years, agency name parts) combine as "any of" within a filter
and "all of" across filters; a filter that matches nothing is an error that names what
the table holds. Columns come in the order of the data dictionary with the provenance
columns (doc_id, page, table and row) last. In CSV every text value is quoted, so a code
stays recognisably text ("2010201"); the .xlsx (dataset/xlsx.py) has a styled header, a
filter, widths, text cells for text and a sheet describing the columns.
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa

from dataset.xlsx import write_xlsx
from model.errors import GovperfError
from model.schema import TABLES, column_doc

FORMATS = ("csv", "xlsx")
# Excel's sheet limit; a larger export is refused rather than silently cut
XLSX_MAX_ROWS = 1_048_575
# where each figure was read: shown after the figures themselves
PROVENANCE = ("doc_id", "page", "table_index", "row_index", "extractor", "flagged", "linked_doc_id",
              "linked_table_index", "linked_row_index", "budget_page", "budget_table_index", "budget_row_index",
              "actual_page", "actual_table_index", "actual_row_index", "extractor_version", "raw_path_bytes")


class ExportError(GovperfError):
    """The export cannot be made (unknown table or format, no dataset, too many rows for Excel)."""


class NoRowsError(ExportError):
    """The filters match no row; the message names the years and agencies the table holds."""


def format_for(output: str | None) -> str:
    """The format an output name asks for: its extension (csv, xlsx), csv for none or ``-``."""
    if not output or output == "-":
        return "csv"
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    if suffix in ("xls", "xlsm"):
        raise ExportError(f"{output}: .{suffix} is not written; use .xlsx")
    if suffix:
        raise ExportError(f"{output}: unknown extension .{suffix}; use .csv or .xlsx, or give --format")
    return "csv"


def read_table(curated: Path, table: str, years: Sequence[int] | None = None,
               agencies: Sequence[str] | None = None) -> pd.DataFrame:
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}; one of: {', '.join(TABLES)}")
    folder = Path(curated) / table
    if not folder.exists():
        raise ExportError(f"{folder} does not exist: run `govperf build` first")
    df = pd.read_parquet(folder)
    if "fiscal_year" in df.columns:  # a Hive partition: pandas reads it as a category
        df["fiscal_year"] = df["fiscal_year"].astype("int32")
    everything = df
    if years:
        df = df[df["fiscal_year"].isin(list(years))]
    if agencies:
        names = df["agency"].astype(str)
        df = df[names.map(lambda n: any(a in n for a in agencies))]
    if df.empty and (years or agencies):
        raise NoRowsError(_nothing_matched(table, everything, years, agencies))
    return df[export_columns(table, df.columns)].reset_index(drop=True)


def export_columns(table: str, present: Sequence[str]) -> list[str]:
    """The table's columns as exported: the dictionary's order, provenance columns last."""
    names = [f.name for f in TABLES[table] if f.name in present]
    return [n for n in names if n not in PROVENANCE] + [n for n in PROVENANCE if n in names]


def columns_sheet(table: str, columns: Sequence[str]) -> list[tuple[str, str, str]]:
    """(name, type, description) of each exported column, for the xlsx's ``columns`` sheet."""
    schema = TABLES[table]
    rows = []
    for c in columns:
        text, unit = column_doc(table, c)
        typ = schema.field(c).type
        kind = "integer" if pa.types.is_integer(typ) else "number" if pa.types.is_floating(typ) else (
            "true/false" if pa.types.is_boolean(typ) else "text")
        rows.append((c, kind, text + (f" ({unit})" if unit else "")))
    return rows


def _nothing_matched(table: str, df: pd.DataFrame, years: Sequence[int] | None,
                     agencies: Sequence[str] | None) -> str:
    asked = ", ".join([*(f"year {y}" for y in years or ()), *(f"agency ~ {a}" for a in agencies or ())])
    held_years = ", ".join(str(y) for y in sorted(set(df["fiscal_year"]))) or "none"
    held_agencies = sorted({str(a) for a in df["agency"] if a})
    shown = ", ".join(held_agencies[:10]) + (f", … ({len(held_agencies)} in all)" if len(held_agencies) > 10 else "")
    return f"no {table} rows for {asked}; the table holds years: {held_years}; agencies: {shown or 'none'}"


def _flatten_lists(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for c in df.columns:
        if df[c].map(lambda v: hasattr(v, "__len__") and not isinstance(v, str | bytes)).any():
            df[c] = df[c].map(lambda v: "；".join(map(str, v)) if v is not None and not isinstance(v, str) else v)
    return df


def export_table(curated: Path, table: str, fmt: str, out: Path | str, years: Sequence[int] | None = None,
                 agencies: Sequence[str] | None = None) -> int:
    """Write ``table`` (filtered) to ``out`` (``-``: standard output); returns the number of rows written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
    df = _flatten_lists(read_table(curated, table, years, agencies))
    return write_frame(df, fmt, out, sheet=table, columns=columns_sheet(table, list(df.columns)))


def write_frame(df: pd.DataFrame, fmt: str, out: Path | str, sheet: str,
                columns: Sequence[tuple[str, str, str]]) -> int:
    """Write a frame as csv or xlsx to ``out`` (``-``: csv to standard output), atomically; returns its rows."""
    if str(out) == "-":
        if fmt != "csv":
            raise ExportError("only csv can be written to standard output")
        try:
            _to_csv(df, sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:  # `… -o - | head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return len(df)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    if fmt == "csv":
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            _to_csv(df, fh)
    elif fmt == "xlsx":
        if len(df) > XLSX_MAX_ROWS:
            raise ExportError(f"{len(df)} rows do not fit an Excel sheet; filter with --year/--agency or use csv")
        write_xlsx(df, tmp, sheet, columns)
    else:
        df.to_parquet(tmp, index=False)
    tmp.replace(out)
    return len(df)


def _to_csv(df: pd.DataFrame, fh: object) -> None:
    """CSV with every text value quoted (numbers and empty cells bare): "2010201" reads as text."""
    df = df.copy()
    for c in df.columns:
        if pd.api.types.is_extension_array_dtype(df[c].dtype) and not pd.api.types.is_string_dtype(df[c].dtype):
            df[c] = df[c].astype(object).where(df[c].notna(), None)  # Int32 / boolean: bare, not quoted
    df.to_csv(fh, index=False, quoting=csv.QUOTE_NONNUMERIC)
