"""Borderless statements in the dialect that sets every header from its column's left edge and
its amounts flush right (extract/tables/position_columns.py).

The pages are drawn here as words with boxes: a header is printed from its column's left edge,
a header longer than its column wraps onto a second line that starts at that same edge, and the
amounts end at the column's right edge, so a header and its figures need not overlap. The
expected rows are the statement as printed.
"""

from __future__ import annotations

from typing import Any

from word_boxes import CHAR
from word_boxes import left as _left
from word_boxes import right as _right
from word_boxes import width as _width

from extract.tables.positions import read_positions
from model.tables import RawTable

LINE = 14.0  # from one printed line's top to the next
PAD = 5.0  # from a column's edge to its text


def _tables(words: list[dict[str, Any]]) -> list[RawTable]:
    return [p.table for p in read_positions(words, page=1, page_height=842, reader="words")]


# a 支出总表: 科目编码 | 科目名称 | 合计 | 基本支出 | 上缴上级支出 (empty here) | 对附属单位补助支出 | 项目支出
COLS = ((40.0, 110.0), (110.0, 250.0), (250.0, 330.0), (330.0, 410.0), (410.0, 490.0), (490.0, 570.0),
        (570.0, 650.0))
HEADS = (("科目编码",), ("科目名称",), ("合计",), ("基本支出",), ("上缴上级支出",), ("对附属单位补", "助支出"),
         ("项目支出",))
BODY = (
    ("", "合计", "1,305.62", "987.40", "", "18.22", "300.00"),
    ("205", "教育支出", "806.10", "600.10", "", "6.00", "200.00"),
    ("20502", "普通教育", "806.10", "600.10", "", "6.00", "200.00"),
    ("2050201", "学前教育", "499.52", "387.30", "", "12.22", "100.00"),
)


def _statement(top: float = 100.0) -> list[dict[str, Any]]:
    words = []
    for lines, col in zip(HEADS, COLS, strict=True):
        words += [_left(text, col[0] + PAD, top + k * LINE) for k, text in enumerate(lines)]
    for i, row in enumerate(BODY):
        y = top + (2 + i) * LINE
        for c, (text, col) in enumerate(zip(row, COLS, strict=True)):
            if text:
                words.append(_left(text, col[0] + PAD, y) if c < 2 else _right(text, col[1] - PAD, y))
    return words


def test_empty_column_beside_a_wrapped_header_keeps_its_own_header() -> None:
    (table,) = _tables(_statement())
    header = next(r for r in table.rows if "合计" in (r[2] or ""))
    assert header[2:] == ["合计", "基本支出", "上缴上级支出", "对附属单位补\n助支出", "项目支出"]
    first = next(r for r in table.rows if "1,305.62" in r)
    assert first[1:] == ["合计", "1,305.62", "987.40", "", "18.22", "300.00"]


def _centred(text: str, col: tuple[float, float], top: float) -> dict[str, Any]:
    return _left(text, (col[0] + col[1] - _width(text)) / 2, top)


# a one-line statement under a header of two levels:
# 合计 | 本年财政拨款收入 (一般公共预算 | 政府性基金预算 | 国有资本经营预算) | 事业收入 | 其他收入
WIDE = ((60.0, 150.0), (150.0, 240.0), (240.0, 330.0), (330.0, 420.0), (420.0, 510.0), (510.0, 600.0))


def _two_level_statement(top: float = 100.0) -> list[dict[str, Any]]:
    half = 3.5 * CHAR  # two header lines, the one-line cells centred between them
    words = [_centred("本年财政拨款收入", (WIDE[1][0], WIDE[3][1]), top)]
    words += [_centred(t, WIDE[c], top + half / 2) for c, t in ((0, "合计"), (4, "事业收入"), (5, "其他收入"))]
    words += [_centred(t, WIDE[c], top + half) for c, t in ((1, "一般公共预算"), (2, "政府性基金预算"),
                                                            (3, "国有资本经营预算"))]
    amounts = ("1,526.08", "903.77", "122.31", "0.00", "480.00", "20.00")
    words += [_right(a, col[1] - PAD, top + half + 2.7 * CHAR) for a, col in zip(amounts, WIDE, strict=True)]
    return words


def test_upper_header_alone_on_its_line_over_lower_cells_stays_in_the_header() -> None:
    (table,) = _tables(_two_level_statement())
    assert ["合计", "本年财政拨款收入", None, None, "事业收入", "其他收入"] in table.rows
    assert ["", "一般公共预算", "政府性基金预算", "国有资本经营预算", "", ""] in table.rows
    assert table.rows[-1] == ["1,526.08", "903.77", "122.31", "0.00", "480.00", "20.00"]


# a statement of two lines, 预算数 and 决算数, its empty amounts printed as dashes:
# 项目 | 合计 | 基本支出 (人员经费 | 公用经费) | 项目支出 | 事业单位经营支出 | 其他支出
SETS = ((50.0, 120.0), (120.0, 200.0), (200.0, 280.0), (280.0, 360.0), (360.0, 440.0), (440.0, 520.0),
        (520.0, 600.0))


def _measures_by_line(top: float = 100.0) -> list[dict[str, Any]]:
    words = [_left(t, SETS[c][0] + PAD, top) for c, t in
             ((0, "项目"), (1, "合计"), (2, "基本支出"), (4, "项目支出"), (5, "事业单位经营"), (6, "其他支出"))]
    words += [_left(t, SETS[c][0] + PAD, top + 0.85 * LINE) for c, t in ((2, "人员经费"), (3, "公用经费"), (5, "支出"))]
    lines = (("预算数", "1,204.50", "-", "804.50", "400.00", "-", "-"),
             ("决算数", "1,187.23", "-", "801.02", "386.21", "-", "-"))
    for i, row in enumerate(lines):
        y = top + (2 + i) * LINE
        words.append(_left(row[0], SETS[0][0] + PAD, y))
        words += [_right(a, col[1] - PAD, y) for a, col in zip(row[1:], SETS[1:], strict=True)]
    return words


def test_dashes_of_empty_amounts_leave_a_two_line_statement_a_statement() -> None:
    (table,) = _tables(_measures_by_line())
    assert table.rows[-2:] == [["预算数", "1,204.50", "-", "804.50", "400.00", "-", "-"],
                               ["决算数", "1,187.23", "-", "801.02", "386.21", "-", "-"]]
    assert table.rows[0][:5] == ["项目", "合计", "基本支出", None, "项目支出"]
    assert table.rows[1][2:4] == ["人员经费", "公用经费"]


def test_form_number_set_at_the_right_over_the_header_stays_out_of_the_table() -> None:
    # 公开08表 printed just over the header, centred on the table, over the white between two columns
    middle = (COLS[0][0] + COLS[-1][1] - _width("公开08表")) / 2
    words = [_left("公开08表", middle, 100.0 - LINE), *_statement()]
    (table,) = _tables(words)
    assert not any("公开08表" in (c or "") for r in table.rows for c in r)
    assert table.rows[0][:2] == ["科目编码", "科目名称"]


# a 三公经费 table of one line of amounts, its headers set from their columns' left edges over figures
# flush right, two of them 0 (an integer: its own alignment cannot be told from its type):
# 合计 | 因公出国（境）费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费
THREE = ((50.0, 165.0), (165.0, 280.0), (280.0, 395.0), (395.0, 510.0), (510.0, 625.0), (625.0, 740.0))


def _three_public(top: float = 100.0) -> list[dict[str, Any]]:
    words = [_left(t, THREE[c][0] + PAD, top) for c, t in
             ((0, "合计"), (1, "因公出国（境）费"), (2, "公务用车购置及运行费"), (5, "公务接待费"))]
    words += [_left(t, THREE[c][0] + PAD, top + LINE) for c, t in ((2, "小计"), (3, "购置费"), (4, "运行费"))]
    amounts = ("25.15", "0", "19.99", "0", "19.99", "5.16")
    words += [_right(a, col[1] - PAD, top + 2 * LINE) for a, col in zip(amounts, THREE, strict=True)]
    return words


def test_integer_amounts_under_headers_set_left_stand_in_their_own_columns() -> None:
    (table,) = _tables(_three_public())
    assert table.rows[0] == ["合计", "因公出国（境）费", "公务用车购置及运行费", None, None, "公务接待费"]
    assert table.rows[1][2:5] == ["小计", "购置费", "运行费"]
    assert table.rows[-1] == ["25.15", "0", "19.99", "0", "19.99", "5.16"]
