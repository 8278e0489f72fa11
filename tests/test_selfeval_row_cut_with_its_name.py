"""A score sheet's row that a word processor split across a page break: its one-line cells (分值, 得分)
printed on the first part, the rest of its wrapped name, target and scoring rule on the next page
(新增城镇 | 不少于 above the break, 就业人数 | 1500人 below). The rest is joined to the row above, name and
target alike, and makes no indicator of its own. A row on the new page with its own weight and score
is an indicator of its own.

The sheet is made up for the tests (a district's elderly-care subsidy); expectations are what it prints.
"""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.selfeval.read import read_self_evaluation
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable

HEADER: list[Cell] = ["一级指标", "二级指标", "三级指标", "分值", "年度目标值", "实际完成值", "评分标准", "得分"]
ROWS: list[list[Cell]] = [
    ["产出指标", "数量指标", "助餐点\n建成数量", "20", "12个", "12个", "达到目标值\n得满分", "20"],
    [None, None, "上门服务", "20", "不低于", "3150人次", "达到目标值", "19"],  # cut by the page break
    ["", "", "老人人次", "", "3000人次", "", "得满分，每低\n1%扣0.5分", ""],
    [None, "质量指标", "服务投诉\n办结率", "20", "100%", "100%", "达到目标值\n得满分", "20"],
    ["效益指标", "社会效益指标", "失能老人\n照护覆盖率", "20", "≥60%", "63%", "达到目标值\n得满分", "20"],
    ["满意度指标", "服务对象满意度指标", "老年人满意度", "20", "≥90%", "95%", "达到目标值\n得满分", "20"],
    ["总分", None, None, "100", "", "", "", "99"],
]


def _indicators() -> list[tuple[str, str | None, float | None, str | None, float | None, float | None]]:
    table = RawTable(page=1, rows=[HEADER, *ROWS], row_pages=[1, 1, 1, 2, 2, 2, 2, 2], reader="pdfplumber",
                     text_above="2023年度居家养老服务补助资金绩效评价指标体系及评分表\n项目名称：居家养老服务补助资金")
    doc = DocInput(doc_id="f" * 64, path=Path("x.pdf"), file_type="pdf",
                   pages=[PageText(number=n, text="", width=595, height=842) for n in (1, 2)], tables=[table])
    ex = read_self_evaluation(doc)
    return [(i.name, i.operator, i.target_value, i.target_unit, i.weight, i.score) for i in ex.indicators]


def test_rest_of_a_row_cut_with_its_name_joins_the_row_above() -> None:
    got = _indicators()
    assert got[1] == ("上门服务老人人次", ">=", 3000.0, "人次", 20.0, 19.0)
    assert [name for name, *_ in got] == ["助餐点建成数量", "上门服务老人人次", "服务投诉办结率", "失能老人照护覆盖率",
                                          "老年人满意度"]
