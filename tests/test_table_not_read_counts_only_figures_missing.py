"""A statement whose items' names wrap prints, in its text, the 科目 code split over 类 | 款 | 项 (201 03)
on the name's first line and the amounts on a line of their own (the amounts centred on the wrapped
name): one row, two lines. The code is the row's key, not figures: a page whose every row was read
gives no ``table_not_read``, and one whose table lost rows still gives it. A statement published empty
with a note saying so (本表为空表) is no table left unread either."""

from __future__ import annotations

from extract.tables.unread import RULE, unread_pages
from model.pages import PageText
from model.records import Extraction
from model.tables import Cell, RawTable

TEXT = """2026 年部门支出总表
科目编码 科目名称 合计 基本支出 项目支出
类 款 项
合计 938.90 913.89 25.01
201 一般公共服务
支出
938.90 913.89 25.01
201 03 　政府办公厅
（室）及相关
687.51 662.50 25.01
201 03 01 　　行政运行 270.73 270.73
201 03 02 　　一般行政
管理事务
60.32 60.32
201 03 50 　　事业运行 356.46 331.45 25.01
201 05 　统计信息事
务
251.39 251.39
201 05 01 　　行政运行 56.17 56.17
201 05 07 　　专项普查
活动
195.22 195.22"""

ROWS: list[list[Cell]] = [
    ["科目编码", None, None, "科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", "", "", "", ""],
    ["合计", "", "", "", "938.90", "913.89", "25.01"],
    ["201", "", "", "一般公共服务\n支出", "938.90", "913.89", "25.01"],
    ["201", "03", "", "政府办公厅\n（室）及相关", "687.51", "662.50", "25.01"],
    ["201", "03", "01", "行政运行", "270.73", "270.73", ""],
    ["201", "03", "02", "一般行政\n管理事务", "60.32", "60.32", ""],
    ["201", "03", "50", "事业运行", "356.46", "331.45", "25.01"],
    ["201", "05", "", "统计信息事\n务", "251.39", "251.39", ""],
    ["201", "05", "01", "行政运行", "56.17", "56.17", ""],
    ["201", "05", "07", "专项普查\n活动", "195.22", "195.22", ""],
]


def _issues(rows: list[list[Cell]]) -> list[str]:
    page = PageText(number=1, text=TEXT, width=595, height=842)
    table = RawTable(page=1, rows=rows, row_pages=[1] * len(rows), reader="words")
    return [i.rule for i in unread_pages("d", [page], [table], Extraction())]


def test_a_statement_read_whole_whose_names_wrap_gives_no_issue() -> None:
    assert _issues(ROWS) == []


def test_a_statement_that_lost_rows_still_gives_the_issue() -> None:
    assert _issues(ROWS[:5]) == [RULE]


def test_a_statement_published_empty_with_its_note_gives_no_issue() -> None:
    text = ("2026 年国有资本经营预算支出表\n单位：万元\n"
            "科目编码 科目名称 合计（万元） 基本支出（万元） 项目支出（万元）\n"
            "注：本部门（单位）无国有资本经营预算拨款收支，本表为空表。")
    page = PageText(number=1, text=text, width=595, height=842)
    assert unread_pages("d", [page], [], Extraction()) == []
    bare = PageText(number=1, text=text.rsplit("\n", 1)[0], width=595, height=842)  # no note: a table not read
    assert [i.rule for i in unread_pages("d", [bare], [], Extraction())] == [RULE]
