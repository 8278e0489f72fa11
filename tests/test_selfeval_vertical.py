"""Indicator tables in the one-cell-per-line layout: several indicators share one cell per column.

The PDFs under tests/fixtures/selfeval_vertical/ are written by make_vertical.py (python-docx +
LibreOffice) together with their ``*.expected.json``, derived from the values the generator put
in the forms: one row per indicator with its level labels, operator, values, units, 分值 and 得分.
Layouts: equal line counts across the name and value cells; a long name wrapped inside its cell
(the counts differ), also one whose wrapped part fills its line exactly; a long value wrapped in
a narrow column; qualitative values; 分值/得分 per line; a value kept opposite its name with an
empty line; a 偏差原因 printed on the second line only; one 二级指标 cell per group row.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from gold_matching import INDICATOR_VALUES, is_null, norm

from extract.document import read_document
from extract.interpreters.selfeval.indicators import IndicatorSection
from extract.interpreters.selfeval.vertical import vertical_rows

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "selfeval_vertical"
CASES = sorted(p.name.removesuffix(".expected.json") for p in FIXTURES.glob("*.expected.json"))
VALUES = INDICATOR_VALUES
NUMERIC = {"target_value", "actual_value", "weight", "score"}


@cache
def _indicators(case: str) -> list[dict[str, Any]]:
    return [asdict(r) for r in read_document(FIXTURES / f"{case}.pdf").extraction.indicators]


def _same(field: str, want: Any, got: Any) -> bool:
    if is_null(want) or is_null(got):
        return is_null(want) and is_null(got)
    if field in NUMERIC:
        return abs(float(want) - float(got)) <= 0.011
    return norm(want) == norm(got)


@pytest.mark.parametrize("case", CASES)
def test_one_row_per_indicator_line(case: str) -> None:
    expected = json.loads((FIXTURES / f"{case}.expected.json").read_text(encoding="utf-8"))["indicators"]
    got = _indicators(case)
    assert [norm(r["name"]) for r in got] == [norm(e["name"]) for e in expected]
    problems = []
    for e, o in zip(expected, got, strict=True):
        bad = [f"{f}: want {e[f]!r} got {o[f]!r}" for f in VALUES if not _same(f, e[f], o[f])]
        if bad or e["project"] != o["project"] or e["scope"] != o["scope"]:
            problems.append(f"{e['name']}: {bad} project {o['project']!r} scope {o['scope']!r}")
    assert not problems, "\n".join(problems)


def test_reason_goes_to_the_indicator_printed_beside_it() -> None:
    """居家养老上门服务人次 (the second line) is the one scored 9.5 with 部分老人住院 beside it."""
    rows = {r["name"]: r for r in _indicators("vertical_project_scores")}
    assert rows["居家养老上门服务人次"]["deviation_reason"] == "部分老人住院"
    assert rows["社区养老服务站建设数量"]["deviation_reason"] is None


def _section() -> IndicatorSection:
    roles = {0: "level1", 1: "level2", 2: "name", 3: "target", 4: "actual", 5: "weight", 6: "score"}
    return IndicatorSection(roles, 7, "project", "P")


def test_office_cells_split_at_every_line_break() -> None:
    """A .docx/.xlsx cell breaks lines only between paragraphs: each line is an indicator."""
    row: list[str | None] = [
        "产出指标",
        "数量指标",
        "培训人次\n发放手册",
        "≥100人次\n≥500册",
        "120人次\n520册",
        "5\n5",
        "5\n5",
    ]
    parts = vertical_rows(_section(), row, lambda: None, exact_lines=True)
    assert parts == [
        ["产出指标", "数量指标", "培训人次", "≥100人次", "120人次", "5", "5"],
        ["", "", "发放手册", "≥500册", "520册", "5", "5"],
    ]


def test_a_wrapped_name_alone_is_one_indicator() -> None:
    row: list[str | None] = ["产出指标", "质量指标", "服务站点消防安全检查\n达标率", "100%", "100%", "10", "10"]
    assert vertical_rows(_section(), row, lambda: None, exact_lines=False) is None


def test_without_positions_unequal_counts_are_not_split() -> None:
    """A PDF row whose positions cannot be read: lines that do not agree tell nothing."""
    row: list[str | None] = [
        "",
        "时效指标",
        "站点建设完成\n时间",
        "按时完成并通\n过验收\n(12月底)",
        "按时完成",
        "5",
        "5",
    ]
    assert vertical_rows(_section(), row, lambda: None, exact_lines=False) is None


def test_figures_whose_unit_wrapped_beside_a_wrapped_name_are_one_indicator() -> None:
    """每场演出补助标准 wraps in its cell; in the narrow value columns ≤420元/场 and 385.23元/场 wrap
    before their unit: one indicator, not 每场演出 and 补助标准."""
    row: list[str | None] = ["产出指标", "成本指标", "每场演出\n补助标准", "≤420\n元/场", "385.23\n元/场", "8", "8"]
    assert vertical_rows(_section(), row, lambda: None, exact_lines=False) is None
    assert vertical_rows(_section(), row, lambda: None, exact_lines=True) is None


def test_second_indicator_with_figures_and_units_of_its_own_is_split() -> None:
    row: list[str | None] = ["产出指标", "数量指标", "培训人次\n发放手册", "≥100\n≥500册", "120\n520册", "5\n5", "5\n5"]
    parts = vertical_rows(_section(), row, lambda: None, exact_lines=True)
    assert parts is not None and len(parts) == 2
