"""The execution table: one budget, one actual and their rate per evaluated unit, figures as printed.

Expected figures are read off the sample documents' pages (noted at each), not from govperf's output.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dataset.derived import execution_rows


def _execution(built: dict[str, object]) -> pd.DataFrame:
    out = Path(str(built["out"]))
    ex = pd.read_parquet(out / "execution").astype({"fiscal_year": "int32"})
    docs = pd.read_parquet(out / "documents")[["doc_id", "raw_path"]]
    ex = ex.merge(docs, on="doc_id")
    ex["file"] = ex["raw_path"].map(lambda p: Path(p).name)
    return ex


def _unit(ex: pd.DataFrame, file: str, unit: str) -> pd.Series:
    rows = ex[(ex["file"] == file) & (ex["unit"] == unit)]
    assert len(rows) == 1, (file, unit, len(rows))
    return rows.iloc[0]


def test_a_department_form_gives_budget_actual_and_rate_as_printed(built: dict[str, object]) -> None:
    # seed000 page 1: 部门整体支出总额 预算数 2953.33, 执行数 2609.14, 执行率 88.3%
    r = _unit(_execution(built), "seed000_qingshan_2020.pdf", "部门整体")
    assert (r["budget_wan"], r["actual_wan"], r["budget_measure"]) == (2953.33, 2609.14, "全年预算数")
    assert round(r["rate"], 3) == 0.883
    assert (r["actual_page"], r["basis"], r["fiscal_year"]) == (1, "performance_form", 2020)


def test_the_funds_total_row_is_taken_not_its_parts(built: dict[str, object]) -> None:
    # seed002 page 3: 合计 17,612.15 | 18,149.95; the 业务专项 and 基本支出 rows below are its parts
    r = _unit(_execution(built), "seed002_qujing_2022.pdf", "部门整体")
    assert (r["budget_wan"], r["actual_wan"]) == (17612.15, 18149.95)
    assert round(r["rate"], 4) == 1.0305


def test_a_project_comes_from_its_own_form_not_the_summary_table(built: dict[str, object]) -> None:
    # seed004: the summary table on page 1 and the project's own form (page 5) both give 1831.51 / 1811.52
    ex = _execution(built)
    r = _unit(ex, "seed004_hongshan_2019.pdf", "部门工作保障经费")
    assert (r["budget_wan"], r["actual_wan"], r["actual_page"]) == (1831.51, 1811.52, 5)
    dept = _unit(ex, "seed004_hongshan_2019.pdf", "部门整体")  # the summary's 合计 row
    assert (dept["budget_wan"], dept["actual_wan"]) == (36977.06, 36927.73)
    # one row per unit: the five projects and the department, no duplicate from the summary table
    assert len(ex[ex["file"] == "seed004_hongshan_2019.pdf"]) == 6


def test_a_form_with_only_the_initial_budget_gives_that_and_no_rate(built: dict[str, object]) -> None:
    # seed002 page 8: 营房建设专项经费, 年度资金总额 年初预算数 240 and nothing else
    ex = _execution(built)
    r = ex[(ex["file"] == "seed002_qujing_2022.pdf") & ex["unit"].str.contains("营房建设")].iloc[0]
    assert (r["budget_wan"], r["budget_measure"]) == (240.0, "年初预算数")
    assert pd.isna(r["actual_wan"]) and pd.isna(r["rate"])


def test_final_accounts_give_the_expenditure_statement_total(built: dict[str, object]) -> None:
    # jues_2024 page 10, 支出决算表: 合计 9759.38 (基本支出 5377.64 + 项目支出 4381.74)
    r = _unit(_execution(built), "jues_2024_shanghai_putuo_guihuaziran.pdf", "部门整体")
    assert (r["actual_wan"], r["actual_page"], r["basis"]) == (9759.38, 10, "final_accounts")
    assert pd.isna(r["budget_wan"]) and pd.isna(r["rate"])


def test_prose_figures_and_budget_documents_give_no_rows(built: dict[str, object]) -> None:
    ex = _execution(built)
    # every figure points at a table row; 部门预算 and the prose-only report (seed001) have no execution
    assert ex["actual_table_index"].notna().sum() + ex["actual_wan"].isna().sum() == len(ex)
    assert not set(ex["file"]) & {"seed001_changning_2020.pdf", "ys_2025_shanghai_putuo_caizhengju_dept.pdf"}


def _row(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {"doc_id": "d", "page": 1, "source": "table", "scope": "project", "project": "P",
                               "statement": "项目支出绩效自评表", "funding_source": "合计", "line_code": None,
                               "line_name": "年度资金总额", "table_index": 0, "row_index": 0}
    return {**base, **kw}


@pytest.mark.parametrize("total_first", [True, False])
def test_the_largest_row_of_a_unit_is_its_total_wherever_it_stands(total_first: bool) -> None:
    total = [_row(measure="全年预算数", amount_wan=100.0, row_index=1 if total_first else 3),
             _row(measure="全年执行数", amount_wan=90.0, row_index=1 if total_first else 3)]
    part = [_row(measure="全年预算数", amount_wan=60.0, row_index=2), _row(measure="全年执行数", amount_wan=50.0,
                                                                        row_index=2)]
    docs = {"d": {"fiscal_year": 2020, "agency": "A", "report_kind": "project_self_evaluation"}}
    (r,) = execution_rows(total + part, docs)
    assert (r["budget_wan"], r["actual_wan"], r["rate"]) == (100.0, 90.0, 0.9)


def test_prose_and_other_years_do_not_enter() -> None:
    rows = [_row(measure="全年预算数", amount_wan=100.0), _row(measure="全年执行数", amount_wan=80.0),
            _row(source="text", statement=None, table_index=None, row_index=None, measure="全年执行数",
                 amount_wan=60.13, line_name="当年预算")]
    docs = {"d": {"fiscal_year": 2024, "agency": "A", "report_kind": "project_self_evaluation"}}
    (r,) = execution_rows(rows, docs)
    assert r["actual_wan"] == 80.0
