"""Split 类 | 款 | 项 code columns with a blank column among them.

A reader of word positions makes a column of every left edge it sees: a 单位 line set above the
header, a word of the title, can leave a column that holds nothing in the statement's header or
body, between the 款 and 项 columns. The item's code is still 类 + 款 + 项 (205 02 01 -> 2050201), and a
类 or 款 row, whose 项 cell is blank, keeps its own code (205, 20502). The tables here are made up;
the expected codes and amounts are the statement as printed.
"""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.statements.read import read_statements
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable


def _doc(table: RawTable) -> DocInput:
    pages = [PageText(number=1, text="", width=842.0, height=595.0)]
    return DocInput(doc_id="e" * 64, path=Path("x.pdf"), file_type="pdf", pages=pages, tables=[table])


def _table(rows: list[list[Cell]]) -> RawTable:
    return RawTable(page=1, rows=rows, row_pages=[1] * len(rows), reader="words",
                    text_above="2024年一般公共预算支出表\n编制单位：某某县教育局 单位：元")


# 类 | 款 | (blank) | 项 | 科目名称 | 合计 | 基本支出 | 项目支出
ROWS: list[list[Cell]] = [
    ["科目编码", None, "", "", "科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "", "项", "", "", "", ""],
    ["合计", "", "", "", "", "3,600,000.00", "2,400,000.00", "1,200,000.00"],
    ["205", "", "", "", "教育支出", "3,000,000.00", "1,800,000.00", "1,200,000.00"],
    ["205", "02", "", "", "普通教育", "3,000,000.00", "1,800,000.00", "1,200,000.00"],
    ["205", "02", "", "01", "学前教育", "1,000,000.00", "600,000.00", "400,000.00"],
    ["205", "02", "", "03", "初中教育", "2,000,000.00", "1,200,000.00", "800,000.00"],
    ["221", "", "", "", "住房保障支出", "600,000.00", "600,000.00", ""],
    ["221", "02", "", "", "住房改革支出", "600,000.00", "600,000.00", ""],
    ["221", "02", "", "01", "住房公积金", "600,000.00", "600,000.00", ""],
]


def test_codes_split_by_a_blank_column_join_class_section_and_item() -> None:
    ext = read_statements(_doc(_table(ROWS)))
    got = {(r.line_code, r.line_name): r.amount_wan for r in ext.budgets if r.measure == "合计"}
    assert got == {
        (None, "合计"): 360.0,
        ("205", "教育支出"): 300.0,
        ("20502", "普通教育"): 300.0,
        ("2050201", "学前教育"): 100.0,
        ("2050203", "初中教育"): 200.0,
        ("221", "住房保障支出"): 60.0,
        ("22102", "住房改革支出"): 60.0,
        ("2210201", "住房公积金"): 60.0,
    }


def test_codes_split_by_a_blank_column_leave_no_sum_issue() -> None:
    ext = read_statements(_doc(_table(ROWS)))
    assert not [i for i in ext.issues if i.rule == "code_hierarchy_sum"]
