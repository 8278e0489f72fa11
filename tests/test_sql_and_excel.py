"""govperf sql for people who think in SQL; the xlsx export analysts expect."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dataset.export import PROVENANCE, export_table
from govperf.cli import main


def test_sql_prints_a_table(built: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    q = "SELECT agency, fiscal_year, typeof(fiscal_year) AS t FROM documents WHERE fiscal_year = 2020 ORDER BY 1"
    assert main(["sql", q, "--curated", str(built["out"])]) == 0
    printed = capsys.readouterr().out
    assert "武汉市公安局青山区交通大队" in printed and "INTEGER" in printed


@pytest.mark.parametrize("ext", ["csv", "xlsx", "parquet"])
def test_sql_writes_a_file(built: dict[str, object], tmp_path: Path, ext: str) -> None:
    target = tmp_path / f"r.{ext}"
    q = "SELECT rule, count(*) AS n FROM issues GROUP BY rule ORDER BY rule"
    assert main(["-q", "sql", q, "--curated", str(built["out"]), "-o", str(target)]) == 0
    back = {"csv": lambda p: pd.read_csv(p, encoding="utf-8-sig"), "xlsx": pd.read_excel,
            "parquet": pd.read_parquet}[ext](target)
    issues = pd.read_parquet(Path(str(built["out"])) / "issues")
    assert dict(zip(back["rule"], back["n"], strict=True)) == issues.groupby("rule").size().to_dict()


def test_a_bad_query_exits_2_with_duckdbs_message(built: dict[str, object],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "SELECT nope FROM documents", "--curated", str(built["out"])]) == 2
    assert "nope" in capsys.readouterr().err


def test_the_xlsx_has_a_styled_header_a_filter_widths_and_a_columns_sheet(built: dict[str, object],
                                                                           tmp_path: Path) -> None:
    target = tmp_path / "ind.xlsx"
    n = export_table(Path(str(built["out"])), "indicators", "xlsx", target)
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["indicators", "columns"] and wb.properties.creator == "govperf"
    ws = wb["indicators"]
    header = [c.value for c in ws[1]]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=len(header)).column_letter}{n + 1}"
    # provenance last: the 64-character doc_id is not the first column
    prov = [h for h in header if h in PROVENANCE]
    assert header[-len(prov):] == prov and header[0] != "doc_id"
    widths = {h: ws.column_dimensions[ws.cell(row=1, column=i + 1).column_letter].width
              for i, h in enumerate(header)}
    assert widths["name"] > widths["weight"] and all(8 <= w <= 60 for w in widths.values())
    cols = list(wb["columns"].values)
    assert cols[0] == ("column", "type", "description")
    assert [r[0] for r in cols[1:]] == header
    assert all(r[2] for r in cols[1:])
