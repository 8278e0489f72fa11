"""A row of a borderless, vertically centred form whose indicator name wraps over two lines stays one
row when a level label merged over it and the next row stands on the name's second line (issue #11,
holdout3's centred project form).

Word and Calc centre each cell on its row: the one-line values of a row whose name wraps (补贴资金兑付及时/
率) stand halfway between the name's two lines, and a level 2 merged over this row and the one-line row
below it (时效指标) is centred on the two rows together, which puts it on the line of the name's second
line. Read line by line that second line fills a column the first leaves empty (the level's), so the
row was cut in two: the name's first line with the values, 率 on a row of its own, one indicator read
as two broken ones.

The page is made up (a county agriculture bureau's project), word boxes set as an office program
centres cells without borders. Expectations are what the made-up form prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import word_boxes

from extract.interpreters.selfeval.read import read_self_evaluation
from extract.tables.positions import read_positions
from model.document import DocInput
from model.pages import PageText
from model.tables import RawTable

SIZE = 8.5  # the type's height (and a CJK character's width)
LEADING = 12.3  # the lines of a cell, top to top
PAD = 2.3  # white above and below a row's tallest cell
X = (55.0, 140.0, 226.0, 312.0, 398.0, 484.0, 570.0)  # level 1, level 2, name, target, actual, weight, score

Row = dict[int, list[str]]  # column -> the cell's printed lines
ROWS: list[Row] = [
    {0: ["一级指标"], 1: ["二级指标"], 2: ["三级指标"], 3: ["年度指标值"], 4: ["实际完成值"], 5: ["分值"], 6: ["得分"]},
    {1: ["数量指标"], 2: ["培训基层农技人员", "人次"], 3: ["≥450人次"], 4: ["463人次"], 5: ["10"], 6: ["10"]},
    {1: ["质量指标"], 2: ["良种覆盖率"], 3: ["≥92%"], 4: ["94.5%"], 5: ["10"], 6: ["10"]},
    {2: ["病虫害预警发布及时", "率"], 3: ["≥95%"], 4: ["97.6%"], 5: ["10"], 6: ["10"]},
    {2: ["技术服务响应时限"], 3: ["≤48小时"], 4: ["36小时"], 5: ["10"], 6: ["10"]},
    {1: ["成本指标"], 2: ["亩均示范补助标准"], 3: ["≤180元"], 4: ["176元"], 5: ["10"], 6: ["10"]},
    {1: ["经济效益指标"], 2: ["带动农户增收"], 3: ["≥300万元"], 4: ["318万元"], 5: ["20"], 6: ["20"]},
    {1: ["服务对象满意度指标"], 2: ["种植户满意度"], 3: ["≥90%"], 4: ["95.2%"], 5: ["30"], 6: ["30"]},
]
# labels merged down a column over rows (column, first row, last row, text), centred on them
MERGED = [
    (1, 3, 4, "时效指标"),  # over the wrapped row and the one below: on the name's second line
    (0, 1, 5, "产出指标"),  # over five rows: on the first line of the wrapped row
    (0, 6, 6, "效益指标"),
    (0, 7, 7, "满意度指标"),
]


def _word(text: str, x0: float, top: float) -> dict[str, Any]:
    return word_boxes.left(text, x0, top, SIZE)


def _words(top: float = 150.0) -> list[dict[str, Any]]:
    heights = [(max(len(lines) for lines in row.values()) - 1) * LEADING + SIZE + 2 * PAD for row in ROWS]
    tops = [top + sum(heights[:r]) for r in range(len(ROWS))]
    words: list[dict[str, Any]] = []

    def cell(c: int, lines: list[str], y0: float, y1: float) -> None:
        first = (y0 + y1) / 2 - ((len(lines) - 1) * LEADING + SIZE) / 2
        words.extend(_word(text, X[c], first + k * LEADING) for k, text in enumerate(lines))

    for r, row in enumerate(ROWS):
        for c, lines in row.items():
            cell(c, lines, tops[r], tops[r] + heights[r])
    for c, first, last, text in MERGED:
        cell(c, [text], tops[first], tops[last] + heights[last])
    return words


def _rows() -> list[list[str]]:
    (found,) = read_positions(_words(), page=1, page_height=842, reader="words")
    return [[(c or "") for c in r] for r in found.table.rows]


def test_wrapped_name_beside_a_level_centred_on_its_second_line_stays_one_row() -> None:
    rows = _rows()
    assert [r for r in rows if "病虫害预警发布及时" in r[2]] == [
        ["", "时效指标", "病虫害预警发布及时\n率", "≥95%", "97.6%", "10", "10"]]
    assert not [r for r in rows if r[2] == "率"]
    assert next(r for r in rows if r[2] == "技术服务响应时限")[:2] == ["", ""]


def test_the_wrapped_indicator_is_read_whole() -> None:
    table = RawTable.on_page(page=1, rows=_rows(), reader="words", index_on_page=0,
                             text_above="项目支出绩效自评表\n（2024年度）")
    doc = DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf",
                   pages=[PageText(number=1, text="", width=842, height=595)], tables=[table])
    got = [(i.level1, i.level2, i.name, i.target_value, i.actual_value, i.weight, i.score)
           for i in read_self_evaluation(doc).indicators]
    assert ("产出指标", "时效指标", "病虫害预警发布及时率", 95.0, 97.6, 10.0, 10.0) in got
    assert ("产出指标", "时效指标", "技术服务响应时限", 48.0, 36.0, 10.0, 10.0) in got
    assert len(got) == 7


def test_header_whose_headings_stand_below_a_middle_line_of_headings_is_not_cut() -> None:
    # a centred two-row header: 绩效指标 over 一级/二级/三级指标 beside headings wrapped over both rows
    # (年度目标值/（A）), 分值 | 得分 halfway down and a remark heading over three lines: its middle line
    # holds headings, no figures, so 年度目标值's second line with 一级指标 … is no wrapped name's
    head = [("绩效指标", 0, 284.7), ("偏差原因分", 7, 284.7), ("年度目标值", 3, 291.2), ("全年实际值", 4, 291.2),
            ("分值", 5, 297.7), ("得分", 6, 297.7), ("析及", 7, 297.7), ("一级指标", 0, 304.4),
            ("二级指标", 1, 304.4), ("三级指标", 2, 304.4), ("（A）", 3, 304.1), ("（B）", 4, 304.1),
            ("改进措施", 7, 310.6)]
    xs = (56.5, 120.3, 184.0, 247.8, 311.5, 375.3, 439.0, 502.8)
    words = [_word(t, xs[c], y) for t, c, y in head]
    body = (("产出指标", "数量指标", "改造农村公路", "≥35公里", "36公里", "30", "30"),
            ("", "质量指标", "路面验收合格率", "100%", "100%", "30", "30"),
            ("效益指标", "社会效益指标", "群众出行时间缩短", "≥15分钟", "18分钟", "40", "38"))
    for k, cells in enumerate(body):
        words += [_word(t, xs[c], 324.1 + k * 13.3) for c, t in enumerate(cells) if t]
    (found,) = read_positions(words, page=1, page_height=842, reader="words")
    rows = [[(c or "") for c in r] for r in found.table.rows]
    (header,) = [r for r in rows if any("年度目标值" in c for c in r)]
    assert any("一级指标" in c for c in header) and "年度目标值\n（A）" in header
