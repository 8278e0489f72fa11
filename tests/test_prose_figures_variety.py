"""Figures in prose worded as other reports word them: other income/spending phrases, amounts in
元 with thousands separators and in 亿元, quoted project names, scores with 分 and 等级 in other
words, staff counts. Expectations are read off the sentences (money in 万元)."""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.prose.figures import read_prose_figures
from model.document import DocInput
from model.pages import PageText
from model.records import Extraction


def _doc(*pages: str, kind: str = "unknown", agency: str = "") -> DocInput:
    return DocInput(
        doc_id="d",
        path=Path("x.pdf"),
        file_type="pdf",
        agency=agency,
        report_kind=kind,
        tables=[],
        pages=[PageText(number=i + 1, text=t, width=595.0, height=842.0) for i, t in enumerate(pages)],
    )


def _dept(e: Extraction, measure: str) -> list[float]:
    return sorted(round(b.amount_wan, 4) for b in e.budgets if b.scope == "department" and b.measure == measure)


def _line(e: Extraction, name: str, measure: str) -> list[float]:
    return [b.amount_wan for b in e.budgets if b.scope == "department" and b.line_name == name and b.measure == measure]


def _project(e: Extraction, project: str, measure: str) -> list[float]:
    return [b.amount_wan for b in e.budgets if b.scope == "project" and b.project == project and b.measure == measure]


def test_budget_income_in_other_words_and_yuan_with_separators() -> None:
    e = read_prose_figures(
        _doc(
            "2023年全年预算收入 38,765,400.00 元，其中：当年财政拨款收入 35,000,000.00 元，其他收入 3,765,400.00 元。",
            kind="budget",
        )
    )
    assert _dept(e, "合计") == [3876.54]
    assert _dept(e, "财政拨款收入") == [3500.0]
    assert _dept(e, "其他收入") == [376.54]


def test_spending_total_in_yi_yuan_with_basic_and_project_parts() -> None:
    e = read_prose_figures(
        _doc(
            "本年支出合计 1.25 亿元，其中基本支出 4,500.00 万元，占 36%；项目支出 8,000.00 万元，占 64%。",
            kind="final_accounts",
        )
    )
    assert _line(e, "本年支出合计", "全年执行数") == [12500.0]
    assert _dept(e, "基本支出") == [4500.0]
    assert _dept(e, "项目支出") == [8000.0]


def test_personnel_and_public_funds_with_space_before_the_unit() -> None:
    e = read_prose_figures(_doc("基本支出中，人员经费 1,234.50 万元，公用经费 210.3 万元。", kind="final_accounts"))
    assert _dept(e, "人员经费") == [1234.5]
    assert _dept(e, "公用经费") == [210.3]


def test_sangong_parts_with_brackets_in_their_names() -> None:
    e = read_prose_figures(
        _doc(
            "2023年“三公”经费支出决算 36.8 万元，其中：因公出国（境）费 0 万元，"
            "公务用车购置及运行费 30.5 万元，公务接待费 6.3 万元。",
            kind="final_accounts",
        )
    )
    assert _line(e, "“三公”经费", "全年执行数") == [36.8]
    assert _line(e, "因公出国（境）费", "全年执行数") == [0.0]
    assert _line(e, "公务用车购置及运行费", "全年执行数") == [30.5]
    assert _line(e, "公务接待费", "全年执行数") == [6.3]


def test_quoted_project_with_budget_actual_and_execution_rate() -> None:
    e = read_prose_figures(
        _doc(
            "“乡村教师支持计划”项目预算 500 万元，实际支出 480.5 万元，项目资金执行率 96.1%。",
            kind="project_self_evaluation",
        )
    )
    assert _project(e, "乡村教师支持计划", "全年预算数") == [500.0]
    assert _project(e, "乡村教师支持计划", "全年执行数") == [480.5]
    assert all(b.amount_wan != 96.1 for b in e.budgets)  # a rate is not money


def test_department_scores_worded_as_evaluation_score_and_composite_score() -> None:
    e = read_prose_figures(
        _doc(
            "经综合评价，延吉市卫生健康局部门整体支出绩效评价得分 91.5 分，评价等级为“优秀”。",
            kind="evaluation_report",
        )
    )
    got = {(s.scope, s.project, s.score, s.grade) for s in e.scores}
    assert got == {("department", None, 91.5, "优")}


def test_project_score_in_the_heading_context_with_a_good_grade() -> None:
    e = read_prose_figures(
        _doc(
            "（二）农村饮水安全巩固提升工程项目绩效自评情况\n该项目自评得分 86.5 分，自评等级为“良好”。\n",
            kind="project_self_evaluation",
        )
    )
    got = {(s.scope, s.project, s.score, s.grade) for s in e.scores}
    assert got == {("project", "农村饮水安全巩固提升工程项目", 86.5, "良")}


def test_percentages_and_years_are_not_scores() -> None:
    e = read_prose_figures(
        _doc("项目资金执行率 98.5%，执行率得分 9.85 分中的满分为 10 分。2023年得分情况见附表。", kind="unknown")
    )
    assert all(s.score not in (98.5, 2023.0) for s in e.scores)


def test_staff_counts_in_other_wordings() -> None:
    e = read_prose_figures(
        _doc("本单位编制人数 45 人，实有人数 43 人，其中在职职工 40 人，离退休人员 12 人；公务用车 3 辆。")
    )
    got = {(f.subject, f.value, f.unit) for f in e.facts}
    assert ("编制数", 45.0, "人") in got
    assert ("在职人员", 40.0, "人") in got
    assert ("离退休人员", 12.0, "人") in got
    assert ("公务用车", 3.0, "辆") in got
    assert ("实有人数", 43.0, "人") in got


def test_amount_broken_over_a_page_with_a_page_number_between() -> None:
    e = read_prose_figures(
        _doc(
            "一、收入支出决算总体情况\n2023年度收入总计\n- 1 -",
            "2,345.60 万元，支出总计 2,300.10 万元。\n",
            kind="final_accounts",
        )
    )
    assert _dept(e, "合计") == [2345.6]
    assert e.budgets[0].page == 1


def test_items_named_with_their_class_codes() -> None:
    e = read_prose_figures(
        _doc(
            "其中：公共安全支出（类）支出 7,153.94 万元，社会保障和就业（类）支出 481.46 万元。",
            kind="final_accounts",
        )
    )
    assert _line(e, "公共安全支出", "全年执行数") == [7153.94]
    assert _line(e, "社会保障和就业", "全年执行数") == [481.46]
