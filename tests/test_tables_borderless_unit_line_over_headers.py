"""A borderless statement whose 单位 line is set across the gap between two columns.

The line above a statement's header (编制单位：… 单位：万元) is no header: its 单位 piece may begin over
one column's right-aligned figures and end past where the next column's label, set left, begins. The
column's bands are the figures'; a header piece widens the band it stands over, and the labels on the
line nearest the figures (each column's own) go first, so the 单位 piece cannot carry the first
column over its neighbour's label and join the two labels into one cell. The page is drawn here as
words with boxes (made-up figures); the expected rows are the statement as printed.
"""

from __future__ import annotations

from typing import Any

from word_boxes import left as _left
from word_boxes import right as _right

from extract.tables.positions import read_positions
from model.tables import RawTable

LINE = 13.0  # from one printed line's top to the next


# 科目 | 本年支出合计 | 基本支出 | 项目支出 | 上缴上级支出: labels set 4 pt in from the column's left,
# amounts 6 pt in from its right
COLS = ((50.0, 136.0), (136.0, 222.0), (222.0, 308.0), (308.0, 394.0), (394.0, 480.0))
HEADS = ("科目", "本年支出合计", "基本支出", "项目支出", "上缴上级支出")
BODY = (
    ("合计", "3,018.40", "2,264.15", "754.25", ""),
    ("205 教育支出", "2,120.66", "1,630.10", "490.56", ""),
    ("20502 普通教育", "2,120.66", "1,630.10", "490.56", ""),
    ("2050201 学前教育", "905.31", "700.00", "205.31", ""),
    ("2050202 小学教育", "1,215.35", "930.10", "285.25", ""),
    ("221 住房保障支出", "897.74", "634.05", "263.69", ""),
)


def _page(unit_x0: float) -> list[dict[str, Any]]:
    top = 100.0
    words = [_left("编制单位：某某县教育局", COLS[0][0] + 4, top), _left("单位：万元", unit_x0, top)]
    words += [_left(h, c[0] + 4, top + 2 * LINE) for h, c in zip(HEADS, COLS, strict=True)]
    for i, row in enumerate(BODY):
        y = top + (3 + i) * LINE
        words.append(_left(row[0], COLS[0][0] + 4, y))
        words += [_right(t, c[1] - 6, y) for t, c in zip(row[1:], COLS[1:], strict=True) if t]
    return words


def _table(words: list[dict[str, Any]]) -> RawTable:
    (found,) = read_positions(words, page=1, page_height=595, reader="words")
    return found.table


def test_unit_piece_across_the_gap_leaves_each_label_over_its_own_figures() -> None:
    # 单位：万元 begins over the first column's figures (they end at 216) and ends past 226, where
    # 基本支出 begins
    table = _table(_page(unit_x0=190.0))
    header = next(r for r in table.rows if r[0] == "科目")
    assert header[1:] == list(HEADS[1:])
    first = next(r for r in table.rows if r[0] == "合计")
    assert first[header.index("本年支出合计")] == "3,018.40"
    assert first[header.index("基本支出")] == "2,264.15"
    assert first[header.index("项目支出")] == "754.25"


def test_unit_piece_over_one_column_still_reads_the_labels_apart() -> None:
    table = _table(_page(unit_x0=150.0))
    header = next(r for r in table.rows if r[0] == "科目")
    assert header[1:] == list(HEADS[1:])
