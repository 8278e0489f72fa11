"""README's "Ten questions and their answers": every pandas and SQL block runs and gives the answers
worked out by hand from the sample documents' pages (cited at each question in the README)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dataset.sql import query

ROOT = Path(__file__).resolve().parent.parent
QINGSHAN, HONGSHAN, QUJING = "武汉市公安局青山区交通大队", "武汉市公安局洪山区分局", "曲靖市公安局交通警察支队"


def _section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Ten questions and their answers")
    end = readme.index("\n## ", start + 5)
    return readme[start:end]


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", _section(), re.S)


@pytest.fixture(scope="module")
def pandas_answers(built: dict[str, object]) -> dict[str, Any]:
    ns: dict[str, Any] = {}
    for code in _blocks("python"):
        exec(code.replace("data/curated", str(built["out"])), ns)  # the README's code, as a reader runs it
    return ns


@pytest.fixture(scope="module")
def sql_answers(built: dict[str, object]) -> list[pd.DataFrame]:
    return [query(Path(str(built["out"])), sql) for sql in _blocks("sql")]


def test_there_are_ten_questions_each_in_pandas_and_sql() -> None:
    assert len(re.findall(r"^\*\*\d+\. ", _section(), re.M)) == 10
    assert len(_blocks("python")) == 11 and len(_blocks("sql")) == 10  # plus the helper block


def _rate_by_agency(df: pd.DataFrame) -> dict[tuple[str, int], tuple[float, float, float]]:
    d = df.dropna(subset=["rate"])
    return {(a, int(y)): (b, x, round(r, 3)) for a, y, b, x, r in
            zip(d["agency"], d["fiscal_year"], d["budget_wan"], d["actual_wan"], d["rate"], strict=True)}


def test_q1_execution_by_department_and_year(pandas_answers: dict[str, Any], sql_answers: list[pd.DataFrame]) -> None:
    want = {(QINGSHAN, 2020): (2953.33, 2609.14, 0.883), (HONGSHAN, 2019): (36977.06, 36927.73, 0.999),
            (QUJING, 2022): (17612.15, 18149.95, 1.031)}
    for df in (pandas_answers["q1"], sql_answers[0]):
        assert _rate_by_agency(df) == want
        jues = df[df["agency"] == "上海市普陀区规划和自然资源局"]
        assert jues["actual_wan"].tolist() == [9759.38] and jues["budget_wan"].isna().all()


def test_q2_units_over_budget(pandas_answers: dict[str, Any], sql_answers: list[pd.DataFrame]) -> None:
    for df in (pandas_answers["q2"], sql_answers[1]):
        assert [(a, u) for a, u in zip(df["agency"], df["unit"], strict=True)] == [(QUJING, "部门整体")]


def test_q3_project_with_the_smallest_share_spent(pandas_answers: dict[str, Any],
                                                  sql_answers: list[pd.DataFrame]) -> None:
    for df in (pandas_answers["q3"], sql_answers[2]):
        r = df.iloc[0]
        assert (r["agency"], r["unit"], r["budget_wan"], r["actual_wan"]) == (HONGSHAN, "部门工作保障经费", 1831.51,
                                                                             1811.52)


def test_q4_shortfalls(pandas_answers: dict[str, Any], sql_answers: list[pd.DataFrame]) -> None:
    for df in (pandas_answers["q4"], sql_answers[3]):
        names = set(df[df["agency"] == HONGSHAN]["name"])
        assert names == {"队伍建设培训次数", "普法宣传活动次数", "内部人员对部门提供的服务和支持的满意度",
                         "场所修缮完成数量", "工程按计划完工率", "专项行动开展次数", "禁毒宣传次数",
                         "项目按计划完工率", "项目建设按时完成率"}
        assert (df[df["name"] == "禁毒宣传次数"]["gap"] == -52).all()  # 248 of 300 次


def test_q5_department_scores(pandas_answers: dict[str, Any], sql_answers: list[pd.DataFrame]) -> None:
    for df in (pandas_answers["q5"], sql_answers[4]):
        got = {(a, int(y)): s for a, y, s in zip(df["agency"], df["fiscal_year"], df["score"], strict=True)}
        assert got[(QINGSHAN, 2020)] == 92.0  # seed000 page 1: 部门整体绩效自评得分 92


def test_q6_average_project_score(pandas_answers: dict[str, Any], sql_answers: list[pd.DataFrame]) -> None:
    # seed004 page 1: 89.78, 89.90, 89.99, 89.00, 89.00
    assert round(pandas_answers["q6"][(HONGSHAN, 2019)], 3) == 89.534
    df = sql_answers[5]
    assert round(float(df[df["agency"] == HONGSHAN]["score"].iloc[0]), 3) == 89.534


def test_q7_documents_by_kind_and_year(pandas_answers: dict[str, Any], sql_answers: list[pd.DataFrame]) -> None:
    # data/raw/samples/MANIFEST.tsv and the documents' titles; the broken inputs of the fixture are year 0
    want = {("budget", 2018): 2, ("budget", 2019): 2, ("budget", 2024): 1, ("budget", 2025): 2,
            ("final_accounts", 2020): 1, ("final_accounts", 2024): 1, ("department_self_evaluation", 2020): 1,
            ("department_self_evaluation", 2022): 1, ("project_self_evaluation", 2019): 1,
            ("evaluation_report", 2020): 1}
    got = {(k, int(y)): int(n) for (k, y), n in pandas_answers["q7"].items() if y}
    assert got == want
    df = sql_answers[6]
    assert {(k, int(y)): int(n) for k, y, n in zip(df["report_kind"], df["fiscal_year"], df["documents"],
                                                   strict=True) if y} == want


def test_q8_identity_failures(pandas_answers: dict[str, Any], sql_answers: list[pd.DataFrame],
                              built: dict[str, object]) -> None:
    issues = pd.read_parquet(Path(str(built["out"])) / "issues")
    failures = issues[issues["rule"].isin(["code_hierarchy_sum", "row_total_sum", "sangong_total_sum",
                                           "income_equals_expense"])].groupby("agency").size()
    for failed in (pandas_answers["q8"]["failed"], sql_answers[7].set_index("agency")["failed"]):
        assert failed.max() == failures.max() if len(failures) else failed.max() == 0
    assert pandas_answers["q8"]["identities_checked"].sum() > 0


def test_q9_trace_a_figure(pandas_answers: dict[str, Any], sql_answers: list[pd.DataFrame]) -> None:
    for df in (pandas_answers["q9"], sql_answers[8]):
        r = df.iloc[0]
        assert (Path(r["raw_path"]).name, r["actual_wan"], r["actual_page"]) == ("seed000_qingshan_2020.pdf",
                                                                                 2609.14, 1)


def test_q10_budgets_changed_during_the_year(pandas_answers: dict[str, Any],
                                             sql_answers: list[pd.DataFrame]) -> None:
    # seed002 pages 7, 16, 17, 20, 23, 24: 年度资金总额 年初预算数 against 全年预算数
    want = {("交通事故预防及处理专项经费", 450.0, 861.53), ("民警培训教育专项经费", 90.0, 20.83),
            ("物业管理专项经费", 420.0, 419.94), ("交通秩序管理专项经费", 457.0, 680.66),
            ("科技信息化建设专项经费", 1953.0, 1493.68), ("转移支付", 559.36, 521.0)}

    def norm(rows: list[tuple[str, float, float]]) -> set[tuple[str, float, float]]:
        return {("转移支付" if "转移支付" in p else p, a, b) for p, a, b in rows}

    q10 = pandas_answers["q10"].reset_index()
    assert set(q10["agency"]) == {QUJING}
    assert norm(list(zip(q10["project"], q10["年初预算数"], q10["全年预算数"], strict=True))) == want
    df = sql_answers[9]
    assert norm(list(zip(df["project"], df["initial"], df["final"], strict=True))) == want
