"""A blank template row (指标1：) read as a line of the indicator name beside it (issue #11): in a form
set without rulings, the unused row's numbered name stands one leading from the next row's name when
that row's cells are centred, and the reader takes both for one cell. The template's line is no part
of the name, above it as below it.

The form is made up (a county's library project); expectations are what the form prints.
"""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.selfeval.read import read_self_evaluation
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable


def _names(name_cell: str) -> list[str]:
    rows: list[list[Cell]] = [
        ["项目名称", "", "县图书馆图书购置", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "新增藏书册数", "≥5000册", "5320册", "50", "50"],
        ["", "成本指标", name_cell, "≤36万元", "35.2万元", "50", "50"],
    ]
    table = RawTable.on_page(page=1, rows=rows, reader="words", index_on_page=0, text_above="项目支出绩效自评表")
    doc = DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf",
                   pages=[PageText(number=1, text="", width=595, height=842)], tables=[table])
    return [i.name for i in read_self_evaluation(doc).indicators]


def test_template_line_above_a_name_is_no_part_of_it() -> None:
    assert _names("指标2：\n购书经费控制额") == ["新增藏书册数", "购书经费控制额"]


def test_template_line_below_a_name_is_no_part_of_it() -> None:
    assert _names("购书经费控制额\n指标2：") == ["新增藏书册数", "购书经费控制额"]
