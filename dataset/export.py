"""Export a curated table for analysts: CSV that Excel opens (UTF-8 with BOM) or .xlsx."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from model.errors import GovperfError
from model.schema import TABLES

FORMATS = ("csv", "xlsx")
# Excel's sheet limit; a larger export is refused rather than silently cut
XLSX_MAX_ROWS = 1_048_575


class ExportError(GovperfError):
    """The export cannot be made (unknown table, no dataset, too many rows for Excel)."""


def read_table(curated: Path, table: str, year: int | None = None, agency: str | None = None) -> pd.DataFrame:
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}; one of: {', '.join(TABLES)}")
    folder = Path(curated) / table
    if not folder.exists():
        raise ExportError(f"{folder} does not exist: run `govperf build` first")
    filters = [("fiscal_year", "==", year)] if year is not None else None
    df = pd.read_parquet(folder, filters=filters)
    if "fiscal_year" in df.columns:
        df["fiscal_year"] = df["fiscal_year"].astype("int32")
    if agency is not None:
        df = df[df["agency"].astype(str).str.contains(agency, regex=False)]
    order = [f.name for f in TABLES[table] if f.name in df.columns]
    return df[order].reset_index(drop=True)


def _flatten_lists(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for c in df.columns:
        if df[c].map(lambda v: hasattr(v, "__len__") and not isinstance(v, str)).any():
            df[c] = df[c].map(lambda v: "；".join(map(str, v)) if v is not None and not isinstance(v, str) else v)
    return df


def export_table(curated: Path, table: str, fmt: str, out: Path, year: int | None = None,
                 agency: str | None = None) -> int:
    """Write ``table`` (filtered) to ``out``; returns the number of rows written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
    df = _flatten_lists(read_table(curated, table, year, agency))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    if fmt == "csv":
        df.to_csv(tmp, index=False, encoding="utf-8-sig")
    else:
        if len(df) > XLSX_MAX_ROWS:
            raise ExportError(f"{len(df)} rows do not fit an Excel sheet; filter with --year/--agency or use csv")
        df.to_excel(tmp, index=False, sheet_name=table, engine="openpyxl")
    tmp.replace(out)
    return len(df)
