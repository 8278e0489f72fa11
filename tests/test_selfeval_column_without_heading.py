"""A column of figures whose heading is empty: a heading the scan lost (实际/得分 over the scores).

The form's header names every other column; the scores' column is blank on both header rows. Its
figures, none above its row's weight, tell the score role (noted as ``column_role_from_content``);
figures that tell no role (a misread 90 beside a weight of 9) leave the column unread, and an issues
row (``column_role_unknown``) says so instead of silence.
"""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.selfeval.read import read_self_evaluation
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable

HEADER: list[list[Cell]] = [
    ["项目名称", None, "乡村道路养护补助", None, None, None, None],
    ["绩效指标", None, None, "年度指标值（A）", "全年完成值（B）", "参考分值", ""],
    ["一级指标", "二级指标", "三级指标", "", "", "", ""],
]


def _read(scores: tuple[str, str]) -> tuple[list[tuple[str | None, float | None]], list[tuple[str, str]]]:
    rows = [*HEADER,
            ["产出指标", "数量指标", "养护道路里程", "≥120公里", "126公里", "50", scores[0]],
            ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "93%", "50", scores[1]]]
    table = RawTable(page=1, rows=rows, row_pages=[1] * len(rows), reader="ocr", text_above="项目支出绩效自评表")
    doc = DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf",
                   pages=[PageText(number=1, text="", width=842, height=595)], tables=[table])
    got = read_self_evaluation(doc)
    return ([(r.name, r.score) for r in got.indicators],
            [(i.rule, i.severity) for i in got.issues if i.rule.startswith("column_role")])


def test_scores_under_an_empty_heading_are_read_from_their_figures() -> None:
    rows, issues = _read(("50", "48"))
    assert rows == [("养护道路里程", 50.0), ("沿线群众满意度", 48.0)]
    assert issues == [("column_role_from_content", "info")]


def test_figures_under_an_empty_heading_that_tell_no_role_are_a_visible_miss() -> None:
    rows, issues = _read(("50", "480"))
    assert rows == [("养护道路里程", None), ("沿线群众满意度", None)]
    assert issues == [("column_role_unknown", "warning")]
