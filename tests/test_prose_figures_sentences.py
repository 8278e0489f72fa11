"""Amounts, scores and counts stated in prose become rows, with the sentence and its page."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.interpreters.prose.figures import read_prose_figures
from extract.sources.pdf import read_pdf_text
from model.document import DocInput
from model.pages import PageText
from model.records import Extraction

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "raw" / "samples"


def _doc(*pages: str, agency: str = "") -> DocInput:
    return DocInput(
        doc_id="d",
        path=Path("x.pdf"),
        file_type="pdf",
        agency=agency,
        tables=[],
        pages=[PageText(number=i + 1, text=t, width=595.0, height=842.0) for i, t in enumerate(pages)],
    )


def _budget(e: Extraction, scope: str, name: str, measure: str) -> list[float]:
    return [
        b.amount_wan
        for b in e.budgets
        if b.scope == scope
        and (b.project if scope == "project" else b.line_name) == name
        and b.measure == measure
    ]


def test_project_budget_and_execution_in_one_sentence() -> None:
    e = read_prose_figures(
        _doc(
            "预算执行部分完成的项目 3 个。其中辅警经费预算资金 1920 万元，完成 1841.65 万元；"
            "区交通大队工作经费项目预算资金 136 万元，完成 62.54 万元。"
        )
    )
    assert _budget(e, "project", "辅警经费", "全年预算数") == [1920.0]
    assert _budget(e, "project", "辅警经费", "全年执行数") == [1841.65]
    assert _budget(e, "project", "区交通大队工作经费项目", "全年执行数") == [62.54]
    assert all(b.source == "text" and b.statement is None and b.table_index is None for b in e.budgets)
    assert "1920" in e.budgets[0].source_text


def test_income_and_spending_whatever_the_unit_spelling() -> None:
    e = read_prose_figures(
        _doc(
            "2020 年度我队总收入 2544.29万元，其中财政拨款收入 2466.87 万元；其他收入\n"
            "77.42 万元。本年支出合计 25,442,900 元，其中：基本支出 900.52 万元。"
        )
    )
    assert _budget(e, "department", "总收入", "合计") == [2544.29]
    assert _budget(e, "department", "财政拨款收入", "财政拨款收入") == [2466.87]
    assert _budget(e, "department", "其他收入", "其他收入") == [77.42]  # the line break is rejoined
    assert _budget(e, "department", "本年支出合计", "全年执行数") == [2544.29]
    assert _budget(e, "department", "基本支出", "基本支出") == [900.52]


def test_items_listed_after_qizhong_take_the_parent_measure() -> None:
    e = read_prose_figures(
        _doc("项目资金支出 1645.1 万元，其中：交通协警经费 388 万元，疫情防控工作经费 25.5 万元。")
    )
    assert _budget(e, "department", "交通协警经费", "项目支出") == [388.0]
    assert _budget(e, "department", "疫情防控工作经费", "项目支出") == [25.5]


def test_sangong_budget_and_actual() -> None:
    e = read_prose_figures(
        _doc(
            "2022 年度一般公共预算财政拨款“三公”经费支出预算为 231.95 万元，支出决算为 294.6 万元，"
            "其中：公务接待费支出决算为 1.64 万元。与上年相比减少 3 万元。"
        )
    )
    assert _budget(e, "department", "“三公”经费", "全年预算数") == [231.95]
    assert _budget(e, "department", "“三公”经费", "全年执行数") == [294.6]
    assert _budget(e, "department", "公务接待费", "全年执行数") == [1.64]
    assert all(b.amount_wan != 3.0 for b in e.budgets)  # a change against last year is not a figure we keep


def test_scores_stated_in_prose() -> None:
    e = read_prose_figures(
        _doc(
            "一、自评结论\n（一）部门整体绩效自评得分\n92\n",
            "三、各项目自评情况\n1.部门工作保障经费\n1-2、资金情况分析\n"
            "洪山区公安分局“2019 年部门工作保障经费项目”预算批复资金为 1831.51 万元。\n"
            "1-3、自评结果\n本项目自评总分 89.90 分，自评等级为良。\n"
            "2.其他\n部分完成绩效目标的项目 2 个，其中辅警经费自评 95 分；"
            "化工区交警大队项目经费项目自评 82 分。",
        )
    )
    got = {(s.scope, s.project, s.score, s.grade) for s in e.scores}
    assert ("department", None, 92.0, None) in got
    assert ("project", "部门工作保障经费项目", 89.9, "良") in got
    assert ("project", "辅警经费", 95.0, None) in got
    assert ("project", "化工区交警大队项目经费项目", 82.0, None) in got
    assert all(s.source == "text" and s.source_text for s in e.scores)


def test_staff_counts_become_facts() -> None:
    e = read_prose_figures(_doc("2020 年大队现有干部职工 66人，其中民警 51 人，辅警 120 名。"))
    got = {(f.subject, f.value, f.unit) for f in e.facts}
    assert ("民警", 51.0, "人") in got and ("辅警", 120.0, "名") in got


def test_sample_self_evaluation_prose_figures() -> None:
    path = SAMPLES / "seed000_qingshan_2020.pdf"
    if not path.exists():
        pytest.skip("sample not present")
    doc = DocInput(
        doc_id="d",
        path=path,
        file_type="pdf",
        pages=read_pdf_text(path).pages,
        tables=[],
        agency="武汉市公安局青山区交通大队",
    )
    e = read_prose_figures(doc)
    # written from the report: 一、自评结论 (一) 部门整体绩效自评得分 92; 辅警经费自评 95 分 …
    scores = {(s.scope, s.project, s.score) for s in e.scores}
    assert ("department", None, 92.0) in scores
    assert ("project", "辅警经费", 95.0) in scores
    assert _budget(e, "department", "纳入绩效考核项目", "全年预算数") == [2953.33]
    assert _budget(e, "project", "化工区交通大队项目经费项目", "全年执行数") == [488.55]
    assert 163.3 in _budget(e, "project", "停车保管及检测鉴定项目", "全年预算数")


def test_plain_spending_is_planned_in_a_budget_and_spent_in_a_final_account() -> None:
    text = "4.“一般公共服务支出（类）财政事务（款）财政委托业务支出（项）”418.80万元，主要用于委托中介机构。"
    budget = _doc(text)
    budget.report_kind = "budget"
    assert _budget(read_prose_figures(budget), "department", "财政委托业务支出", "全年预算数") == [418.8]
    final = _doc(text)
    final.report_kind = "final_accounts"
    assert _budget(read_prose_figures(final), "department", "财政委托业务支出", "全年执行数") == [418.8]


def test_a_figure_read_twice_from_one_sentence_is_one_row() -> None:
    from extract.interpreters.prose.figures import read_prose_figures
    from model.document import DocInput
    from model.pages import PageText

    sentence = "（一）人员经费 4,482.32 万元。主要包括：基本工资、津贴补贴。"
    text = f"{sentence}\n{sentence}"
    doc = DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf",
                   pages=[PageText(number=1, text=text, width=595.0, height=842.0)], tables=[])
    rows = [b for b in read_prose_figures(doc).budgets if b.line_name == "人员经费"]
    assert len(rows) == 1 and rows[0].amount_wan == 4482.32


def test_a_project_figure_is_one_project_row_not_also_a_department_line() -> None:
    from extract.interpreters.prose.figures import read_prose_figures
    from model.document import DocInput
    from model.pages import PageText

    text = "辅警经费预算资金 1920 万元，完成 1841.65 万元。公务接待费支出 3.2 万元。"
    page = PageText(number=1, text=text, width=595.0, height=842.0)
    doc = DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf", pages=[page], tables=[],
                   report_kind="department_self_evaluation")
    rows = [(b.scope, b.project, b.line_name, b.measure, b.amount_wan) for b in read_prose_figures(doc).budgets]
    assert rows == [
        ("project", "辅警经费", "辅警经费", "全年预算数", 1920.0),
        ("project", "辅警经费", "辅警经费", "全年执行数", 1841.65),
        ("department", None, "公务接待费支出", "全年执行数", 3.2),  # the item as printed
    ]
