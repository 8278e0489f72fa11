"""Exports for analysts: CSV that Excel opens (UTF-8 with BOM) and xlsx, read back equal."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dataset.export import ExportError, export_table, read_table
from govperf.cli import main


def test_csv_has_a_bom_and_reads_back_equal(built: dict[str, object], tmp_path: Path) -> None:
    out = Path(str(built["out"]))
    target = tmp_path / "documents.csv"
    n = export_table(out, "documents", "csv", target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(target, encoding="utf-8-sig", dtype={"doc_id": str})
    want = read_table(out, "documents")
    assert n == len(want) == len(back)
    assert list(back.columns) == list(want.columns)
    assert back["agency"].fillna("").tolist() == want["agency"].fillna("").tolist()
    assert back["fiscal_year"].tolist() == want["fiscal_year"].tolist()


def test_filters_by_year_and_agency(built: dict[str, object], tmp_path: Path) -> None:
    out = Path(str(built["out"]))
    target = tmp_path / "d.csv"
    export_table(out, "documents", "csv", target, years=[2019], agencies=["江苏省人大"])
    back = pd.read_csv(target, encoding="utf-8-sig")
    assert len(back) == 2
    assert set(back["fiscal_year"]) == {2019}


def test_xlsx_reads_back_equal(built: dict[str, object], tmp_path: Path) -> None:
    out = Path(str(built["out"]))
    target = tmp_path / "issues.xlsx"
    n = export_table(out, "issues", "xlsx", target)
    back = pd.read_excel(target, sheet_name="issues")
    assert len(back) == n
    assert back["rule"].tolist() == read_table(out, "issues")["rule"].tolist()


def test_export_command_line(built: dict[str, object], tmp_path: Path) -> None:
    target = tmp_path / "narratives.csv"
    code = main(["export", "narratives", "--curated", str(built["out"]), "-o", str(target)])
    assert code == 0 and target.exists()


def test_unknown_table_is_refused(built: dict[str, object], tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        export_table(Path(str(built["out"])), "nope", "csv", tmp_path / "x.csv")
