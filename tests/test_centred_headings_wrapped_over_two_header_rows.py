"""An indicator block whose header is two rows, its value headings merged over both and wrapped.

A spreadsheet form (every cell vertically centred, rows padded a little beyond one line) heads its
indicator block with two rows: 绩效指标 on the upper, 一级指标 | 二级指标 | 三级指标 on the lower, and
beside them headings merged over both rows and wrapped before their opening bracket (年度指标值/（A）,
全年完成值/（B）, 参考/分值, 实际/得分, 偏差原因分析/及改进措施). Centred on the two rows, a heading's first
line stands a little below the upper row's line and its second a little above the lower row's: read
line by line, the first lines join the upper row and the second the lower. The lower row then prints
（A） and （B） under the target and actual columns: a bracketed tail, no heading of its own, which must
not hide the heading above it. The pages are drawn as words with boxes (type 10 points high, a Chinese
character 10 points wide); the expected values are the form's as printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from word_boxes import left as _word

from extract.interpreters.selfeval.read import read_self_evaluation
from extract.tables.positions import read_positions
from model.document import DocInput
from model.pages import PageText
from model.tables import RawTable

PITCH = 19.0  # one-line rows, top to top (padded beyond the type's leading)
LEADING = 14.0  # the lines of a wrapped cell, top to top

# 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 全年完成值 | 分值 | 得分 | 偏差原因
X = (40.0, 110.0, 220.0, 350.0, 440.0, 530.0, 580.0, 630.0)


def _line(top: float, cells: dict[int, str]) -> list[dict[str, Any]]:
    return [_word(text, X[c], top) for c, text in cells.items()]


def _form(top: float) -> list[dict[str, Any]]:
    words = _line(top - PITCH, {0: "项目名称", 2: "乡村道路养护补助"})
    upper, lower = top + PITCH, top + 2 * PITCH
    words += _line(upper, {0: "绩效指标"})
    words += _line(lower, {0: "一级指标", 1: "二级指标", 2: "三级指标"})
    first = (upper + lower) / 2 - LEADING / 2  # a heading of two lines centred on the two rows
    words += _line(first, {3: "年度指标值", 4: "全年完成值", 5: "参考", 6: "实际", 7: "偏差原因分析"})
    words += _line(first + LEADING, {3: "（A）", 4: "（B）", 5: "分值", 6: "得分", 7: "及改进措施"})
    rows = [{0: "产出指标", 1: "数量指标", 2: "养护道路里程", 3: "≥120公里", 4: "126公里", 5: "50", 6: "50"},
            {0: "效益指标", 1: "社会效益指标", 2: "群众出行条件改善", 3: "明显改善", 4: "已改善", 5: "30", 6: "28"},
            {0: "满意度指标", 1: "服务对象满意度指标", 2: "沿线群众满意度", 3: "≥90%", 4: "93%", 5: "20", 6: "18",
             7: "部分路段未完工"}]
    for k, cells in enumerate(rows):
        words += _line(lower + (k + 1) * PITCH, cells)
    words += _line(lower + 4 * PITCH, {0: "总分", 5: "100", 6: "96"})
    return words


def _doc(rows: list[list[str | None]]) -> DocInput:
    table = RawTable(page=1, rows=rows, row_pages=[1] * len(rows), reader="words",
                     text_above="2023年度项目支出绩效自评表")
    return DocInput(doc_id="c" * 64, path=Path("x.pdf"), file_type="pdf",
                    pages=[PageText(number=1, text="", width=842, height=595)], tables=[table])


def test_bracketed_tails_of_headings_on_the_lower_header_row_leave_the_targets_read() -> None:
    (table,) = [t.table.rows for t in read_positions(_form(80.0), page=1, page_height=595, reader="words")]
    got = read_self_evaluation(_doc(table)).indicators
    assert [(r.name, r.operator, r.target_value, r.target_unit, r.actual_value, r.weight, r.score) for r in got] == [
        ("养护道路里程", ">=", 120.0, "公里", 126.0, 50.0, 50.0),
        ("群众出行条件改善", None, None, None, None, 30.0, 28.0),
        ("沿线群众满意度", ">=", 90.0, "%", 93.0, 20.0, 18.0),
    ]


def test_a_bracketed_tail_under_a_heading_of_a_two_row_header_reads_as_its_rest() -> None:
    rows: list[list[str | None]] = [
        ["项目名称", None, "乡村道路养护补助", None, None, None, None],
        ["绩效指标", None, None, "年度指标值", "全年完成值", "分值", "得分"],
        ["一级指标", "二级指标", "三级指标", "（A）", "（B）", "", ""],
        ["产出指标", "数量指标", "养护道路里程", "≥120公里", "126公里", "50", "50"],
    ]
    got = read_self_evaluation(_doc(rows)).indicators
    assert [(r.target_value, r.actual_value, r.weight, r.score) for r in got] == [(120.0, 126.0, 50.0, 50.0)]
