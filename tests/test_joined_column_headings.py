"""Two column headings read as one cell in a form set without rulings (issue #11): 自评得分 set flush
right against 偏差原因分析 came out as one heading over one column, the other column headed by nothing,
so the scores were read from the reasons' column (or the reasons from the scores'). The heading is two
words of the vocabulary run together; beside a column whose heading is empty it heads both.

The forms are made up (a county's library project); expectations are what the forms print.
"""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.selfeval.joined_headers import joined_roles
from extract.interpreters.selfeval.read import read_self_evaluation
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable


def _doc(rows: list[list[Cell]]) -> DocInput:
    table = RawTable.on_page(page=1, rows=rows, reader="words", index_on_page=0, text_above="项目支出绩效自评表")
    return DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf",
                    pages=[PageText(number=1, text="", width=595, height=842)], tables=[table])


BODY: list[list[Cell]] = [
    ["产出指标", "数量指标", "新增藏书册数", "≥5000册", "5320册", "30", "30", ""],
    ["", "质量指标", "图书编目合格率", "≥98%", "96.5%", "30", "27.5", "部分新书到馆较晚"],
    ["效益指标", "社会效益指标", "年度借阅人次", "≥2万人次", "2.4万人次", "40", "40", ""],
]


def _scores(header: list[Cell]) -> list[tuple[str, float | None, float | None, str | None]]:
    rows: list[list[Cell]] = [["项目名称", "", "县图书馆图书购置", "", "", "", "", ""], header, *BODY]
    ex = read_self_evaluation(_doc(rows))
    return [(i.name, i.weight, i.score, i.deviation_reason or None) for i in ex.indicators]


EXPECTED = [("新增藏书册数", 30.0, 30.0, None), ("图书编目合格率", 30.0, 27.5, "部分新书到馆较晚"),
            ("年度借阅人次", 40.0, 40.0, None)]


def test_joined_heading_over_the_left_column_heads_the_empty_one_on_its_right() -> None:
    header: list[Cell] = ["一级指标", "二级指标", "三级指标", "年度指标值", "全年实际值", "权重", "评分偏差原因", ""]
    assert _scores(header) == EXPECTED


def test_joined_heading_over_the_right_column_heads_the_empty_one_on_its_left() -> None:
    header: list[Cell] = ["一级指标", "二级指标", "三级指标", "年度指标值", "全年实际值", "权重", "", "评分偏差原因"]
    assert _scores(header) == EXPECTED


def test_one_heading_that_only_begins_with_a_word_is_not_two() -> None:
    assert joined_roles("偏差原因分析及改进措施") is None
    assert joined_roles("实际完成值") is None
    assert joined_roles("自评得分偏差原因分析") == ("score", "reason")
