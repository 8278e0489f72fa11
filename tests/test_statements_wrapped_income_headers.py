"""A 部门收入总表 whose source headers wrap over two lines, each line read as a header row of its own
by a reader of word positions (国有资本经营预算拨款收 / 入（万元）): the column is named by the
whole printed header, not by its last line. Synthetic tables shaped like the national template."""

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
    return RawTable(page=1, rows=rows, row_pages=[1] * len(rows), reader="words", text_above="部门收入总表")


def test_source_header_wrapped_before_its_last_character_names_its_column_whole() -> None:
    t = _table([
        ["科目", "合计（万元）", "一般公共预算拨款收", "国有资本经营预算拨款收", "其他收入（万元）"],
        ["", "", "入（万元）", "入（万元）", ""],
        ["合计", "742.60", "700.00", "40.00", "2.60"],
        ["205 教育支出", "742.60", "700.00", "40.00", "2.60"],
        ["20502 普通教育", "742.60", "700.00", "40.00", "2.60"],
    ])
    ext = read_statements(_doc(t))
    got = {(r.line_name, r.measure): r.amount_wan for r in ext.budgets}
    assert got[("教育支出", "一般公共预算拨款收入")] == 700.0
    assert got[("教育支出", "国有资本经营预算拨款收入")] == 40.0
    assert got[("普通教育", "其他收入")] == 2.6
    assert not any(r.measure == "入" for r in ext.budgets)
