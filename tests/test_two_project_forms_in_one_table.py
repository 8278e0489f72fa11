"""Two project forms (项目支出绩效目标表) printed one below the other on a page without rulings are read
as one table: the second form's head rows (项目名称, 主管部门 | 实施单位, 项目资金（万元）) start the next
form wherever they stand in the table; they are never indicator rows of the form above.

The forms are made up (a county water bureau's two projects), set as a reader of word positions gives
such a page: one row a printed line, the label column first. Expectations are what the forms print.
"""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.selfeval.read import read_self_evaluation
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable


def _form(project: str, total: str, grant: str, other: str, indicators: list[list[Cell]]) -> list[list[Cell]]:
    return [
        ["项目名称", project, "", "", ""],
        ["主管部门", "某县水利局", "", "实施单位", "某县水利局"],
        ["项目资金（万元）", "年度资金总额", "", total, ""],
        ["", "其中：财政拨款", "", grant, ""],
        ["", "其他资金", "", other, ""],
        ["年度总体目标", f"按期完成{project}各项任务，资金使用规范。", "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        *indicators,
    ]


FIRST = _form("河道保洁经费", "36.50", "36.50", "—", [
    ["", "产出指标", "数量指标", "保洁河道长度", "≥42公里"],
    ["", "", "质量指标", "河面漂浮物清理率", "≥95%"],
    ["", "满意度指标", "服务对象满意度指标", "沿河群众满意度", "≥90%"],
])
SECOND = _form("山塘水库除险加固资金", "318.40", "300.00", "18.40", [
    ["", "产出指标", "数量指标", "加固山塘座数", "12座"],
    ["", "效益指标", "社会效益指标", "下游群众防洪安全", "有效保障"],
    ["", "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥92%"],
])


def _doc(rows: list[list[Cell]]) -> DocInput:
    table = RawTable.on_page(page=13, rows=rows, reader="words", text_above="2025年项目支出绩效目标表")
    return DocInput(doc_id="d", path=Path("x.pdf"), file_type="pdf", report_kind="budget", tables=[table],
                    pages=[PageText(number=i, text="", width=595.0, height=842.0) for i in range(1, 14)])


def test_second_project_form_in_the_same_table_gets_its_own_indicators() -> None:
    out = read_self_evaluation(_doc(FIRST + SECOND))
    by_project = {(i.project, i.name) for i in out.indicators}
    assert by_project == {
        ("河道保洁经费", "保洁河道长度"),
        ("河道保洁经费", "河面漂浮物清理率"),
        ("河道保洁经费", "沿河群众满意度"),
        ("山塘水库除险加固资金", "加固山塘座数"),
        ("山塘水库除险加固资金", "下游群众防洪安全"),
        ("山塘水库除险加固资金", "受益群众满意度"),
    }


def test_the_second_forms_amounts_are_its_own() -> None:
    out = read_self_evaluation(_doc(FIRST + SECOND))
    assert {b.project for b in out.budgets if b.amount_wan in (318.40, 300.00, 18.40)} == {"山塘水库除险加固资金"}
    assert {b.project for b in out.budgets if b.amount_wan == 36.50} == {"河道保洁经费"}


def _second_under_its_title() -> list[list[Cell]]:
    """The second form's heading and title as the reader catches them into the first column: the heading
    (（山塘水库除险加固资金）) beside the first form's last row, the title stacked over 项目名称."""
    first = [list(r) for r in FIRST]
    first[-1][0] = "（山塘水库除险加固资金）"
    second = [list(r) for r in SECOND]
    second[0][0] = "2025年项目支出绩效目标表\n项目名称"
    return first + second


def test_second_form_whose_title_was_caught_into_its_name_label_is_still_a_form_of_its_own() -> None:
    out = read_self_evaluation(_doc(_second_under_its_title()))
    assert {i.name for i in out.indicators if i.project == "山塘水库除险加固资金"} == {
        "加固山塘座数", "下游群众防洪安全", "受益群众满意度"}
    assert {i.name for i in out.indicators if i.project == "河道保洁经费"} == {
        "保洁河道长度", "河面漂浮物清理率", "沿河群众满意度"}
    assert {b.project for b in out.budgets if b.amount_wan == 318.40} == {"山塘水库除险加固资金"}


def test_head_rows_of_a_form_whose_name_row_was_lost_are_no_indicators() -> None:
    second_without_name = SECOND[1:]
    out = read_self_evaluation(_doc(FIRST + second_without_name))
    names = {i.name for i in out.indicators}
    assert not names & {"主管部门", "实施单位", "项目资金", "318.40", "300.00", "18.40", "某县水利局"}
    assert {"保洁河道长度", "加固山塘座数"} <= names
