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
from normalize.statement_names import is_caption

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


def test_the_caption_line_is_never_a_row_of_the_statement() -> None:
    # 公开05表 / 编制单位：某某县教育局 单位（元） caption a statement whose item column is wide enough to
    # hold the whole caption line: the caption goes to the text above the table, not into a row of its
    # own that would make 单位（元） a column and shift the header off its figures
    top = 100.0
    right_edges = (300.0, 380.0, 460.0)  # 合计 | 基本支出 | 项目支出, figures set flush right
    words = [_left("公开05表", 44, top - LINE), _left("编制单位：某某县教育局", 44, top), _left("单位（元）", 170, top)]
    words += [_left(h, x, top + LINE) for h, x in (("科目", 120), ("合计", 250), ("基本支出", 315), ("项目支出", 395))]
    body = [("合计", "7,440,835.00", "6,299,876.11", "1,140,958.89"),
            ("２０１ 一般公共服务支出", "7,440,835.00", "6,299,876.11", "1,140,958.89"),
            ("２０１０３ 政府办公厅（室）事务", "4,904,584.33", "4,339,976.93", "564,607.40"),
            ("２０１０３０１ 行政运行", "4,339,976.93", "4,339,976.93", "")]
    for i, row in enumerate(body):
        y = top + (2 + i) * LINE
        words.append(_left(row[0], 44, y))
        words += [_right(t, x, y) for t, x in zip(row[1:], right_edges, strict=True) if t]
    table = _table(words)
    assert "编制单位：某某县教育局 单位（元）" in table.text_above
    assert table.rows[0] == ["科目", "合计", "基本支出", "项目支出"]
    assert table.rows[1:] == [list(r) for r in body]


def test_a_caption_names_the_agency_or_the_unit_and_nothing_else() -> None:
    assert is_caption("公开02表 编制单位：某某区城市管理局 单位（元）")
    assert is_caption("表五 编制单位：某某市商务局 单位：元")
    assert is_caption("金额单位：千元")
    # a form's first lines name a project and its agencies: rows of the form
    assert not is_caption("项目名称：学生营养改善计划补助资金 实施单位：某某区教育委员会")
    assert not is_caption("主管部门：某某县农业农村局")
    assert not is_caption("表五")
