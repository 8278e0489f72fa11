"""Export a curated table for analysts: CSV that Excel opens (UTF-8 with BOM) or .xlsx.

The format comes from ``--format`` or else the output's extension; ``-`` writes CSV to
standard output. Filters (years, agency name parts) combine as "any of" within a filter
and "all of" across filters; a filter that matches nothing is an error that names what
the table holds. The .xlsx carries ``govperf`` as its author, so a build that finds an
export under its raw folder does not read it back as a report.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from extract.sources.discover import EXPORT_CREATOR
from model.errors import GovperfError
from model.schema import TABLES

FORMATS = ("csv", "xlsx")
# Excel's sheet limit; a larger export is refused rather than silently cut
XLSX_MAX_ROWS = 1_048_575


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
    if "fiscal_year" in df.columns:
        df["fiscal_year"] = df["fiscal_year"].astype("int32")
    everything = df
    if years:
        df = df[df["fiscal_year"].isin(list(years))]
    if agencies:
        names = df["agency"].astype(str)
        df = df[names.map(lambda n: any(a in n for a in agencies))]
    if df.empty and (years or agencies):
        raise NoRowsError(_nothing_matched(table, everything, years, agencies))
    order = [f.name for f in TABLES[table] if f.name in df.columns]
    return df[order].reset_index(drop=True)


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
    if str(out) == "-":
        if fmt != "csv":
            raise ExportError("only csv can be written to standard output")
        df.to_csv(sys.stdout, index=False)
        return len(df)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    if fmt == "csv":
        df.to_csv(tmp, index=False, encoding="utf-8-sig")
    else:
        if len(df) > XLSX_MAX_ROWS:
            raise ExportError(f"{len(df)} rows do not fit an Excel sheet; filter with --year/--agency or use csv")
        with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            df.to_excel(xl, index=False, sheet_name=table)
            xl.book.properties.creator = EXPORT_CREATOR
    tmp.replace(out)
    return len(df)
