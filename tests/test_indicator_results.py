"""indicator_results: target against actual with both operators, as the forms print them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dataset.derived import indicator_result_row, target_met


@pytest.mark.parametrize(("target", "actual", "met"), [
    ((">", 90), (">", 90), True),     # 大于90% against 大于90%: every value allowed is above 90
    ((">=", 90), (">", 90), True),
    ((">", 90), (">=", 90), None),    # the actual may be exactly 90
    ((">=", 90), ("=", 85), False),
    ((">=", 90), (">", 85), None),    # 86 would miss, 95 would meet
    ((">=", 90), ("<", 80), False),
    (("<=", 100), ("=", 95), True),   # a ceiling (成本指标)
    (("<=", 100), ("=", 120), False),
    (("=", 100), ("=", 100), True),
    (("<", 0), ("=", 0), False),
])
def test_met_takes_both_operators_into_account(target: tuple[str, float], actual: tuple[str, float],
                                                met: bool | None) -> None:
    assert target_met(target[0], target[1], actual[0], actual[1]) is met


def _indicator(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "doc_id": "d", "fiscal_year": 2020, "agency": "A", "page": 1, "table_index": 0, "row_index": 0,
        "scope": "project", "project": "P", "level1": "产出指标", "level2": "质量指标", "name": "n",
        "name_canonical": "n", "operator": None, "target_raw": None, "actual_raw": None, "target_value": None,
        "actual_value": None, "target_unit": None, "actual_unit": None, "weight": None, "score": None}
    return {**base, **kw}


def test_the_actuals_qualifier_is_kept() -> None:
    r = indicator_result_row(_indicator(operator=">", target_raw="大于90%", target_value=90.0, target_unit="%",
                                        actual_raw="大于90%", actual_value=90.0, actual_unit="%"))
    assert (r["actual_operator"], r["met"]) == (">", True)


def test_a_target_without_operator_is_a_floor_and_a_cost_a_ceiling() -> None:
    floor = indicator_result_row(_indicator(target_raw="100%", target_value=100.0, actual_raw="90%",
                                            actual_value=90.0, target_unit="%", actual_unit="%"))
    assert (floor["target_operator"], floor["target_operator_inferred"], floor["met"]) == (">=", True, False)
    cost = indicator_result_row(_indicator(level2="成本指标", target_raw="50万元", target_value=50.0,
                                           actual_raw="48万元", actual_value=48.0, target_unit="万元",
                                           actual_unit="万元"))
    assert (cost["target_operator"], cost["met"], cost["gap"]) == ("<=", True, -2.0)


def test_qualitative_masked_and_other_units_are_undecided() -> None:
    assert indicator_result_row(_indicator(target_raw="达标", actual_raw="达标"))["met"] is None
    assert indicator_result_row(_indicator(target_raw="**", actual_raw="**"))["met"] is None
    other = indicator_result_row(_indicator(operator=">=", target_value=5.0, target_unit="次", actual_value=5.0,
                                            actual_unit="%", target_raw="5次", actual_raw="5%"))
    assert other["met"] is None and other["gap"] is None


def test_score_share_is_score_over_weight() -> None:
    r = indicator_result_row(_indicator(weight=8.0, score=6.0))
    assert r["score_share"] == 0.75
    assert indicator_result_row(_indicator(weight=None, score=6.0))["score_share"] is None


def test_the_hongshan_shortfalls_are_those_the_forms_print(built: dict[str, object]) -> None:
    # seed004, the 自评表 of the five projects: 年度目标值 against 全年完成值
    res = pd.read_parquet(Path(str(built["out"])) / "indicator_results")
    short = res[(res["agency"] == "武汉市公安局洪山区分局") & (res["met"] == False)]  # noqa: E712
    got = {(n, t, a) for n, t, a in zip(short["name"], short["target_raw"], short["actual_raw"], strict=True)}
    norm = {(n, t.replace(" ", ""), a.replace(" ", "")) for n, t, a in got}
    assert norm == {
        ("队伍建设培训次数", "10次", "8次"), ("普法宣传活动次数", "10次", "8次"),
        ("内部人员对部门提供的服务和支持的满意度", "85%", "80%"), ("场所修缮完成数量", "7个", "6个"),
        ("工程按计划完工率", "100%", "90%"), ("专项行动开展次数", "4次", "3次"), ("禁毒宣传次数", "300次", "248次"),
        ("项目按计划完工率", "90%", "80%"), ("项目建设按时完成率", "95%", "80%"),
    }


def test_every_indicator_has_its_result_row(built: dict[str, object]) -> None:
    out = Path(str(built["out"]))
    ind, res = pd.read_parquet(out / "indicators"), pd.read_parquet(out / "indicator_results")
    key = ["doc_id", "table_index", "row_index"]
    assert len(res) == len(ind)
    assert res[key].astype(str).values.tolist() == ind[key].astype(str).values.tolist()
    # seed000 page 1: 交通事故案件证据准确率 100% against 100%
    row = res[res["name"] == "交通事故案件证据准确率"].iloc[0]
    assert (row["target_value"], row["actual_value"], row["met"]) == (100.0, 100.0, True)
