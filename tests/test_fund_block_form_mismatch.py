"""A fund block stamped with another form than the one it is printed in is reported
(rule fund_block_form_mismatch): two project forms read as one table, a project form under the
department's. The forms here are typeset with names and amounts of their own."""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.selfeval.block_stamp import check_block_stamps
from extract.interpreters.selfeval.read import read_self_evaluation
from model.document import DocInput
from model.pages import PageText
from model.records import BudgetRow
from model.tables import Cell, RawTable

TWO_FORMS: list[list[Cell]] = [
    ["项目名称", "山塘水库除险加固资金", "", ""],
    ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数"],
    ["年度资金总额", "318.40", "318.40", "305.12"],
    ["项目名称", "乡镇卫生院设备购置经费", "", ""],
    ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数"],
    ["年度资金总额", "96.00", "96.00", "90.75"],
]


def _doc(rows: list[list[Cell]]) -> DocInput:
    table = RawTable.on_page(page=3, rows=rows, reader="pdfplumber", text_above="项目支出绩效自评表")
    return DocInput(doc_id="d", path=Path("x.pdf"), file_type="xlsx", report_kind="self_eval", tables=[table],
                    pages=[PageText(number=i, text="", width=595.0, height=842.0) for i in (1, 2, 3)])


def _row(row_index: int, amount: float, scope: str, project: str | None) -> BudgetRow:
    return BudgetRow(doc_id="d", page=3, source="table", scope=scope, measure="全年预算数", amount_wan=amount,
                     amount_raw=f"{amount:.2f}", unit_raw="万元", table_index=0, row_index=row_index,
                     project=project, line_name="年度资金总额")


def test_block_of_the_second_form_stamped_with_the_first_project_is_reported() -> None:
    rows = [_row(2, 318.40, "project", "山塘水库除险加固资金"), _row(5, 96.00, "project", "山塘水库除险加固资金")]
    issues = check_block_stamps(_doc(TWO_FORMS), rows)
    assert [i.rule for i in issues] == ["fund_block_form_mismatch"]
    assert "乡镇卫生院设备购置经费" in issues[0].message and issues[0].page == 3


def test_block_of_a_project_form_stamped_with_the_department_scope_is_reported() -> None:
    issues = check_block_stamps(_doc(TWO_FORMS), [_row(5, 96.00, "department", None)])
    assert [i.rule for i in issues] == ["fund_block_form_mismatch"]


def test_blocks_stamped_with_their_own_forms_give_no_issue() -> None:
    rows = [_row(2, 318.40, "project", "山塘水库除险加固资金"), _row(5, 96.00, "project", "乡镇卫生院设备购置经费")]
    assert check_block_stamps(_doc(TWO_FORMS), rows) == []


def test_department_form_block_gives_no_issue() -> None:
    dept: list[list[Cell]] = [
        ["部门名称", "青川县水利局", "", ""],
        ["年度资金总额", "2,410.00", "2,395.50", "2,287.36"],
    ]
    assert check_block_stamps(_doc(dept), [_row(1, 2395.50, "department", None)]) == []


def test_the_reader_stamps_each_of_two_forms_in_one_table_with_its_own_project() -> None:
    out = read_self_evaluation(_doc(TWO_FORMS))
    assert not [i for i in out.issues if i.rule == "fund_block_form_mismatch"]
    assert {b.project for b in out.budgets if b.amount_wan == 90.75} <= {"乡镇卫生院设备购置经费"}


def test_rows_of_a_summary_table_under_its_header_give_no_issue() -> None:
    """序号 | 项目名称 | 预算数（万元） …: the cell beside 项目名称 is a column heading, not a form's name."""
    summary: list[list[Cell]] = [
        ["序号", "项目名称", "预算数（万元）", "执行数（万元）", "得分"],
        ["1", "河道保洁经费", "84.00", "80.10", "95"],
    ]
    assert check_block_stamps(_doc(summary), [_row(1, 84.00, "project", "河道保洁经费")]) == []
