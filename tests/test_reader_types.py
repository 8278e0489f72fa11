"""Types that survive every reader: pandas, duckdb and polars with README's one-liners, CSV and xlsx."""

from __future__ import annotations

from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import polars as pl

from dataset.export import export_table


def test_pandas_gets_an_integer_year_and_nullable_integers(built: dict[str, object]) -> None:
    b = pd.read_parquet(Path(str(built["out"])) / "budgets").astype({"fiscal_year": "int32"})
    assert b["fiscal_year"].dtype == "int32"
    assert (b["fiscal_year"] + 1).min() > 1  # arithmetic works (a category raised TypeError)
    for col in ("page", "table_index", "row_index"):
        assert str(b[col].dtype) == "Int32", col  # not float64 where prose rows leave them null
    assert b["table_index"].isna().any() and b["table_index"].notna().any()
    docs = pd.read_parquet(Path(str(built["out"])) / "documents")
    assert docs["pages"].dtype == "int32"
    res = pd.read_parquet(Path(str(built["out"])) / "indicator_results")
    assert str(res["met"].dtype) == "boolean"


def test_duckdb_gets_integer_year_with_the_readme_one_liner(built: dict[str, object]) -> None:
    files = str(Path(str(built["out"])) / "indicators" / "*" / "*.parquet")
    rel = duckdb.sql(f"SELECT * FROM read_parquet('{files}', hive_partitioning = true, "
                     "hive_types = {'fiscal_year': INTEGER})")
    types = dict(zip(rel.columns, [str(t) for t in rel.types], strict=True))
    assert types["fiscal_year"] == "INTEGER" and types["row_index"] == "INTEGER"
    assert 2020 in {r[0] for r in rel.select("fiscal_year").fetchall()}


def test_polars_gets_integer_year_with_the_readme_one_liner(built: dict[str, object]) -> None:
    files = str(Path(str(built["out"])) / "indicators" / "**" / "*.parquet")
    df = pl.read_parquet(files, hive_schema={"fiscal_year": pl.Int32})
    assert df.schema["fiscal_year"] == pl.Int32 and df.schema["table_index"] == pl.Int32
    assert 2022 in set(df["fiscal_year"].to_list())


def test_codes_stay_text_in_csv_and_xlsx(built: dict[str, object], tmp_path: Path) -> None:
    out = Path(str(built["out"]))
    # jues_2024 page 10: 2080501 行政单位离退休
    export_table(out, "budgets", "csv", tmp_path / "b.csv", years=[2024])
    text = (tmp_path / "b.csv").read_text(encoding="utf-8-sig")
    assert '"2080501"' in text
    back = pd.read_csv(tmp_path / "b.csv", encoding="utf-8-sig", dtype={"line_code": str})
    assert "2080501" in set(back["line_code"].dropna())
    export_table(out, "budgets", "xlsx", tmp_path / "b.xlsx", years=[2024])
    ws = openpyxl.load_workbook(tmp_path / "b.xlsx")["budgets"]
    header = [c.value for c in ws[1]]
    col = header.index("line_code") + 1
    cells = [ws.cell(row=i, column=col) for i in range(2, ws.max_row + 1)]
    coded = [c for c in cells if c.value == "2080501"]
    assert coded and all(c.data_type == "s" and c.number_format == "@" for c in coded)
