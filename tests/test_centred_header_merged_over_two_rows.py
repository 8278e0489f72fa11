"""A vertically centred borderless form whose header is two rows with cells merged over both (issue #11).

The pages are drawn as words with boxes (type 10 points high, a Chinese character 10 points wide). A fund
block's header is two rows: an upper cell (金额（万元）) over the measures' row (年初预算数 | 调整后预算数 |
预算执行数), and beside them cells merged over both rows (资金来源 | 分值 | 执行率 | 得分), centred on the
two and so printed on a line halfway between theirs. The expected rows are the form as printed, as a
ruled reader gives it: the upper row with the merged cells (a merged cell goes to its first row), the
upper cell spread over the columns it stands above, then the measures' row of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from word_boxes import CHAR
from word_boxes import left as _word

from extract.tables.centred_rows import merged_over_rows
from extract.tables.positions import read_positions

LINE = 15.0  # from one printed line's top to the next

# 资金来源 | 年初预算数 | 调整后预算数 | 预算执行数 | 分值 | 执行率 | 得分
X = (40.0, 200.0, 290.0, 380.0, 460.0, 510.0, 570.0)


def _line(top: float, cells: dict[int, str]) -> list[dict[str, Any]]:
    return [_word(text, X[c], top) for c, text in cells.items()]


def _tables(words: list[dict[str, Any]]) -> list[list[list[str | None]]]:
    return [t.table.rows for t in read_positions(words, page=1, page_height=842, reader="words")]


def _fund_block(top: float, pitch: float) -> list[dict[str, Any]]:
    """A project line, the two header rows ``pitch`` apart (top to top) with the merged cells centred
    between them, and three sources with their amounts."""
    words = _line(top, {0: "项目名称", 1: "农村公路养护补助"})
    upper = top + LINE
    words += _line(upper, {1: "金额（万元）"})
    words += _line(upper + pitch / 2, {0: "资金来源", 4: "分值", 5: "执行率", 6: "得分"})
    words += _line(upper + pitch, {1: "年初预算数", 2: "调整后预算数", 3: "预算执行数"})
    sources = [("合计", "86.40", "92.75", "90.10", "20", "97.14%", "19.43"),
               ("其中：中央补助", "50.00", "50.00", "50.00", "—", "—", "—"),
               ("自筹资金", "36.40", "42.75", "40.10", "—", "—", "—")]
    for k, (label, *cells) in enumerate(sources):
        words += _line(upper + pitch + (k + 1) * LINE, {0: label, **{1 + j: c for j, c in enumerate(cells)}})
    return words


def _centred_indicator(top: float) -> list[dict[str, Any]]:
    """An indicator row whose name wraps over two lines, its one-line cells halfway between them (the
    form centres its cells)."""
    words = _line(top, {0: "产出指标", 1: "道路养护里"})
    words += _line(top + LINE / 2, {2: "≥120公里", 3: "126公里", 4: "10", 6: "10"})
    return words + _line(top + LINE, {1: "程"})


EXPECTED = [
    ["资金来源", "金额（万元）", None, None, "分值", "执行率", "得分"],
    ["", "年初预算数", "调整后预算数", "预算执行数", "", "", ""],
    ["合计", "86.40", "92.75", "90.10", "20", "97.14%", "19.43"],
    ["其中：中央补助", "50.00", "50.00", "50.00", "—", "—", "—"],
]


def _header_and_first_sources(table: list[list[str | None]]) -> list[list[str | None]]:
    first = next(r for r, row in enumerate(table) if row[0] == "资金来源")
    return table[first:first + 4]


def test_cells_merged_over_two_tight_header_rows_leave_the_upper_row_its_own() -> None:
    # rows set at less than two lines: 资金来源/分值/执行率/得分, centred on both, overlap the upper cell's
    # line and the measures' line. 金额（万元） is no line of the cell 年初预算数: the measures' row fills
    # columns the upper row leaves empty, whose one-line cells would otherwise stand on the middle line.
    # The block stands in its form, over the indicators' header and a row: alone, with dashes for the
    # empty 分值/执行率/得分 of its sources, it would be a small statement (dashes are no text)
    words = _fund_block(100.0, LINE)
    words += _line(190.0, {0: "一级指标", 1: "三级指标", 2: "年度指标值", 3: "实际完成值", 4: "分值", 6: "得分"})
    words += _centred_indicator(190.0 + LINE)
    (table,) = _tables(words)
    assert _header_and_first_sources(table) == EXPECTED


def test_cells_merged_over_two_header_rows_of_a_centred_form_leave_the_upper_row_its_own() -> None:
    # rows set further apart (no line overlaps another), in a form shown to centre its cells by an
    # indicator's row below: the same two header rows
    words = _fund_block(100.0, 2 * LINE)
    words += _line(205.0, {0: "一级指标", 1: "三级指标", 2: "年度指标值", 3: "实际完成值", 4: "分值", 6: "得分"})
    words += _centred_indicator(205.0 + LINE)
    (table,) = _tables(words)
    assert _header_and_first_sources(table) == EXPECTED



@dataclass(frozen=True)
class _Printed:
    top: float
    cols: frozenset[int]

    @property
    def bottom(self) -> float:
        return self.top + CHAR


def _merged_over(lines: list[_Printed]) -> list[tuple[int, int]]:
    return merged_over_rows(lines, lambda ln: ln.cols, CHAR, [])  # type: ignore[attr-defined]


def test_a_label_wrapped_beside_a_goal_is_no_cell_merged_over_two_rows() -> None:
    # 绩效目标 (column 0) wrapped over two lines beside a goal of three lines (column 1) and an outcome
    # of two from the goal's second line (column 3), at a leading of 6.5 points: the label's first line
    # stands halfway between the goal's first two lines, in a column neither fills, and the outcome
    # fills a column the goal's first line leaves empty; but the label goes on on the next line, so it is
    # a wrapped cell of their row, not one merged over two rows
    lines = [_Printed(100.0, frozenset({1})), _Printed(106.5, frozenset({0})), _Printed(113.0, frozenset({1, 3})),
             _Printed(119.5, frozenset({0})), _Printed(126.0, frozenset({1, 3}))]
    assert _merged_over(lines) == []


def test_a_heading_merged_over_two_header_rows_joins_the_upper_row() -> None:
    # 计划数（元） (column 1) over 预算数 | 执行数 (columns 1, 2), 项目 | 得分 (columns 0, 3) centred
    # between, nothing else in their columns within a line: the middle line joins the upper row
    lines = [_Printed(80.0, frozenset({0, 1, 2, 3})), _Printed(100.0, frozenset({1})),
             _Printed(106.5, frozenset({0, 3})), _Printed(113.0, frozenset({1, 2})),
             _Printed(133.0, frozenset({0, 1, 2, 3}))]
    assert _merged_over(lines) == [(1, 2)]


def test_a_row_between_level_labels_of_two_columns_joins_neither() -> None:
    # 生态效益指标 (column 1, level 2) centred on its rows ends just above a row's line (columns 2 to 4)
    # and 效益指标 (column 0, level 1) centred on its own rows starts just below it: the row stands
    # halfway between them, but no cell of the upper line stands over the lower's: no header of two rows
    lines = [_Printed(80.0, frozenset({2, 3, 4})), _Printed(95.0, frozenset({1})),
             _Printed(101.0, frozenset({2, 3, 4})), _Printed(107.0, frozenset({0})),
             _Printed(122.0, frozenset({2, 3, 4}))]
    assert _merged_over(lines) == []
