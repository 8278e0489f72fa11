"""Self-evaluation forms in layouts the dev samples do not show, read end to end from PDF.

The PDFs under tests/fixtures/selfeval_variety/ are written by make_variety.py (python-docx +
LibreOffice) together with their ``*.expected.json``, which the generator derives from the
values it put in the forms (its own hand-written normalization, not govperf's). Layouts:
amounts in 元 with 单位：元 above the table and sources 中央补助/省补助/市补助/区级预算资金;
operator words inside the value (≥95%, 不低于90%, 大于 90%); other column orders and
wordings (年度目标值/全年完成值, 预期指标值/实际完成指标值/自评分, 指标名称 without 分值/得分);
long tables running onto the next page with and without a repeated header, a row split by
the page break; project names only in a heading above the table; 二级指标 spellings such
as 社会公众或服务对象满意度指标; masked values; a % target typed as 0.95.

Every expected row must be read with every field right, and nothing else may be read.
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

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "selfeval_variety"
CASES = sorted(p.name.removesuffix(".expected.json") for p in FIXTURES.glob("*.expected.json"))

KEYS = {
    "indicators": ("scope", "project", "name"),
    "budgets": ("scope", "project", "statement", "line_name", "funding_source", "measure"),
    "scores": ("scope", "project"),
}
VALUES = {
    "indicators": INDICATOR_VALUES,
    "budgets": ("amount_wan",),
    "scores": ("score", "max_score", "grade"),
}
NUMERIC = {"target_value", "actual_value", "weight", "score", "amount_wan", "max_score"}


@cache
def _read(case: str) -> dict[str, list[dict[str, Any]]]:
    result = read_document(FIXTURES / f"{case}.pdf")
    ex = result.extraction
    return {
        "indicators": [asdict(r) for r in ex.indicators],
        "budgets": [asdict(r) for r in ex.budgets if r.source == "table"],
        "scores": [asdict(r) for r in ex.scores if r.source == "table"],
        "issues": [asdict(r) for r in ex.issues],
    }


def _same(name: str, want: Any, got: Any) -> bool:
    if is_null(want) or is_null(got):
        return is_null(want) and is_null(got)
    if name in NUMERIC:
        return abs(float(want) - float(got)) <= 0.011
    return norm(want) == norm(got)


def _diff(table: str, expected: list[dict[str, Any]], out: list[dict[str, Any]]) -> list[str]:
    problems = []
    left = list(out)
    for e in expected:
        hits = [o for o in left if all(_same(k, e.get(k), o.get(k)) for k in KEYS[table])]
        if not hits:
            problems.append(f"missing {[e.get(k) for k in KEYS[table]]}")
            continue
        o = hits[0]
        left.remove(o)
        bad = [f"{f}: want {e.get(f)!r} got {o.get(f)!r}" for f in VALUES[table] if not _same(f, e.get(f), o.get(f))]
        if bad:
            problems.append(f"{e.get(KEYS[table][-1])!r}: " + "; ".join(bad))
    problems += [f"extra {[o.get(k) for k in KEYS[table]]}" for o in left]
    return problems


def _expected(case: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{case}.expected.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("case", CASES)
def test_indicator_rows_of_varied_forms(case: str) -> None:
    problems = _diff("indicators", _expected(case)["indicators"], _read(case)["indicators"])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", CASES)
def test_fund_rows_of_varied_forms(case: str) -> None:
    problems = _diff("budgets", _expected(case)["budgets"], _read(case)["budgets"])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", CASES)
def test_total_scores_of_varied_forms(case: str) -> None:
    problems = _diff("scores", _expected(case)["scores"], _read(case)["scores"])
    assert not problems, "\n".join(problems)


def test_fraction_target_converted_and_noted() -> None:
    """监测数据有效率 typed as 0.95 with unit % among targets 85, 100, 90 (%): read as 95, with an issue."""
    issues = [i for i in _read("variety_department_long")["issues"] if i["rule"] == "percent_written_as_fraction"]
    assert len(issues) == 1 and "0.95" in issues[0]["message"] and "95" in issues[0]["message"]


def test_masked_values_are_noted() -> None:
    issues = [i for i in _read("variety_heading_projects")["issues"] if i["rule"] == "masked_value"]
    assert len(issues) == 2
