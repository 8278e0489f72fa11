"""Workbooks of 项目支出绩效目标申报表 (one project per sheet, targets only): tests/fixtures/formats/targets.

Expectations are in targets.expected.json, written by the generator from the forms' data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extract.document import DocumentResult, read_document

HERE = Path(__file__).resolve().parent / "fixtures" / "formats" / "targets"
EXPECTED: dict[str, Any] = json.loads((HERE / "targets.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def workbook(request: pytest.FixtureRequest) -> tuple[dict[str, Any], DocumentResult]:
    return EXPECTED[request.param], read_document(HERE / request.param)


def test_agency_is_the_applicant_and_kind_is_performance_targets(
    workbook: tuple[dict[str, Any], DocumentResult],
) -> None:
    want, res = workbook
    assert res.document.agency == want["agency"]  # 申请单位：青溪县教育局（盖章）, not the 主管部门
    assert res.document.report_kind == "performance_targets"
    assert res.document.fiscal_year == want["fiscal_year"]


def test_a_year_not_printed_is_an_issue_row(workbook: tuple[dict[str, Any], DocumentResult]) -> None:
    want, res = workbook
    rules = {i.rule for i in res.extraction.issues}
    assert ("fiscal_year_unknown" in rules) == (want["fiscal_year"] == 0)


def test_one_form_per_sheet_with_its_project_and_only_real_indicators(
    workbook: tuple[dict[str, Any], DocumentResult],
) -> None:
    want, res = workbook
    got = res.extraction.indicators
    for page, project in enumerate(want["projects"], start=1):
        rows = [i for i in got if i.page == page]
        assert {i.project for i in rows} == {project["project"]}
        assert [(i.level1, i.level2, i.name, i.target_raw) for i in rows] == [
            (e["level1"], e["level2"], e["name"], e["target_raw"]) for e in project["indicators"]]
    assert len(got) == sum(len(p["indicators"]) for p in want["projects"])
    assert all(i.actual_raw is None and i.actual_value is None for i in got)  # targets only


def test_no_budget_rows_are_made_from_indicator_cells(workbook: tuple[dict[str, Any], DocumentResult]) -> None:
    _, res = workbook
    names = {e["name"] for p in EXPECTED[sorted(EXPECTED)[0]]["projects"] for e in p["indicators"]}
    for b in res.extraction.budgets:
        assert not any(n in (b.line_name or "") for n in names), b
        assert "≤" not in (b.line_name or "") and "指标" not in (b.line_name or ""), b
