"""Borderless statements whose 科目 column prints each item's code and name close together, as one
cell (205 教育支出), with headers set from their columns' left edges and amounts flush right, so
that a header and its figures need not overlap.

The code before the name is the item's, not a figure: the lines are a statement's lines of amounts
(plain money in every amount column), read by the statement's columns. The pages are drawn here as
words with boxes; the expected rows are the statement as printed.
"""

from __future__ import annotations

from typing import Any

from extract.tables.positions import read_positions
from model.tables import RawTable

CHAR = 10.0  # width and height of one CJK character
DIGIT = 5.0  # width of a digit, a point or a comma
LINE = 14.0  # from one printed line's top to the next
PAD = 8.0  # from a column's edge to its text
NEAR = 2.0  # the space between an item's code and its name


def _width(text: str) -> float:
    return sum(DIGIT if ch.isascii() else CHAR for ch in text)


def _word(text: str, x0: float, top: float) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + _width(text), "top": top, "bottom": top + CHAR}


def _tables(words: list[dict[str, Any]]) -> list[RawTable]:
    return [p.table for p in read_positions(words, page=1, page_height=612, reader="words")]


# 科目 | 合计（万元） | 基本支出（万元） | 项目支出（万元）: wide amount columns, the headers set left in them
COLS = ((50.0, 230.0), (230.0, 400.0), (400.0, 570.0), (570.0, 740.0))
HEADS = ("科目", "合计（万元）", "基本支出（万元）", "项目支出（万元）")
BODY = (
    ("", "合计", ("4,210.50", "3,100.25", "1,110.25")),
    ("205", "教育支出", ("2,605.30", "1,900.10", "705.20")),
    ("20502", "普通教育", ("2,605.30", "1,900.10", "705.20")),
    ("2050201", "学前教育", ("1,402.00", "1,002.00", "400.00")),
    ("2050202", "小学教育", ("1,203.30", "898.10", "305.20")),
    ("210", "卫生健康支出", ("1,605.20", "1,200.15", "405.05")),
    ("21011", "行政事业单位医疗", ("1,605.20", "1,200.15", "405.05")),
)


def _statement(top: float = 100.0) -> list[dict[str, Any]]:
    words = [_word(h, col[0] + PAD, top) for h, col in zip(HEADS, COLS, strict=True)]
    for i, (code, name, amounts) in enumerate(BODY):
        y = top + (1 + i) * LINE
        x = COLS[0][0] + PAD
        if code:
            words.append(_word(code, x, y))
            x += _width(code) + NEAR
        words.append(_word(name, x, y))
        for text, col in zip(amounts, COLS[1:], strict=True):
            if text:
                words.append(_word(text, col[1] - PAD - _width(text), y))
    return words


def test_code_set_close_before_its_name_is_no_figure_of_the_statement() -> None:
    (table,) = _tables(_statement())
    assert table.rows[0] == ["科目", "合计（万元）", "基本支出（万元）", "项目支出（万元）"]
    assert table.rows[1] == ["合计", "4,210.50", "3,100.25", "1,110.25"]
    assert table.rows[2] == ["205 教育支出", "2,605.30", "1,900.10", "705.20"]
    assert table.rows[-1] == ["21011 行政事业单位医疗", "1,605.20", "1,200.15", "405.05"]
