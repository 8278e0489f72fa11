"""A third-party score sheet (绩效评价指标体系及评分表) whose 一级指标 heading OCR misread ("- -级指标":
the long stroke of 一 broken in two) still has its level-1 column: its cells name the framework's
level-1 blocks (项目决策, 项目过程, 项目产出, 项目效益), so the column is read as level 1 from its
content, the rows of the 决策 and 过程 blocks are left out (they score the project's decision and
management, not its performance) and the 产出/效益 rows keep their level 1.

The sheet is made up for the tests (a county's school canteen subsidy); expectations are what it prints.
"""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.selfeval.read import read_self_evaluation
from extract.sources.ocr import EXTRACTOR as OCR
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable

HEADER: list[Cell] = ["- -级指标", "二级指标", "三级指标", "分值", "指标值", "实际完成值", "评分标准", "得分"]
BODY: list[list[Cell]] = [  # level labels merged down the rows they span (None below the first)
    ["项目决策", "项目立项", "立项依据充分性", "4", "/", "充分", "符合得满分", "4"],
    [None, None, "立项程序规范性", "3", "/", "规范", "符合得满分", "3"],
    [None, "资金投入", "预算编制科学性", "4", "/", "科学", "符合得满分", "3.5"],
    [None, None, "资金分配合理性", "3", "/", "合理", "符合得满分", "3"],
    ["项目过程", "资金管理", "资金到位率", "3", "100%", "98%", "每低1%扣0.5分", "2"],
    [None, None, "预算执行率", "3", "100%", "96.2%", "每低1%扣0.5分", "1.1"],
    [None, "组织实施", "制度执行有效性", "4", "/", "有效", "符合得满分", "4"],
    ["项目产出", "产出数量", "受助学生人数", "16", "≥1200人", "1236人", "达到得满分", "16"],
    [None, None, "供餐天数", "16", "≥200天", "204天", "达到得满分", "16"],
    [None, "产出质量", "食品抽检合格率", "16", "100%", "100%", "达到得满分", "16"],
    ["项目效益", "社会效益", "学生营养状况改善", "14", "明显改善", "明显改善", "达到得满分", "12"],
    [None, "满意度", "家长满意度", "14", "≥90%", "94%", "达到得满分", "14"],
    ["合计", None, None, "100", "", "", "", "93.6"],
]


def _read() -> tuple[list[tuple[str | None, str | None, str | None]], list[str]]:
    table = RawTable.on_page(page=1, rows=[HEADER, *BODY], reader=OCR, index_on_page=0,
                             text_above="2023年度学生营养改善计划补助资金绩效评价指标体系及评分表")
    doc = DocInput(doc_id="e" * 64, path=Path("x.pdf"), file_type="pdf",
                   pages=[PageText(number=1, text="", width=595, height=842)], tables=[table])
    ex = read_self_evaluation(doc)
    return [(i.level1, i.level2, i.name) for i in ex.indicators], [i.rule for i in ex.issues]


def test_level_1_column_whose_heading_ocr_misread_is_told_by_its_labels() -> None:
    indicators, rules = _read()
    assert [name for _, _, name in indicators] == ["受助学生人数", "供餐天数", "食品抽检合格率", "学生营养状况改善",
                                                 "家长满意度"]
    assert [level1 for level1, _, _ in indicators[:4]] == ["产出指标", "产出指标", "产出指标", "效益指标"]
    assert "column_role_from_content" in rules
    assert "column_role_unknown" not in rules
