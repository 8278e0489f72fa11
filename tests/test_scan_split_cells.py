"""A scanned form's cell cut in pieces by a stroke across it in one row only.

A seal stamped over a column of indicator names leaves a stretch of its ring that meets both of one
row's rulings and reads as a wall: that row's 三级指标 cell comes out as three cells, the name in the
last, and the row lost its name. The rows around have the cell whole: the pieces are one cell again.
Made-up names and figures, not those of any sample.
"""

from __future__ import annotations

from extract.tables.scan_grid import mend_split_cells
from model.tables import Cell


def _rows() -> list[list[Cell]]:
    return [
        ["一级指标", "二级指标", "三级指标", None, None, None, None],
        ["效益指标", "社会效益指标", "", "", "受益学生人数", "≥1200人", "1315人"],
        [None, "生态效益指标", "绿化苗木成活率", None, None, "≥90%", "93.5%"],
        [None, "可持续影响指标", "设施使用年限", None, None, "≥8年", "8年"],
    ]


def test_a_name_cut_off_into_the_last_piece_of_its_cell_is_whole_again() -> None:
    rows = _rows()
    emptied = mend_split_cells(rows)
    assert rows[1] == ["效益指标", "社会效益指标", "受益学生人数", None, None, "≥1200人", "1315人"]
    assert emptied == {(1, 2), (1, 3), (1, 4)}
    assert rows[2] == _rows()[2] and rows[3] == _rows()[3]


def test_cells_split_in_every_row_are_columns_and_stay() -> None:
    rows: list[list[Cell]] = [
        ["资金来源", "全年预算数", None, None],
        ["", "小计", "财政拨款", "其他资金"],
        ["合计", "", "", "38.50"],
        ["财政拨款", "12.00", "12.00", ""],
    ]
    before = [list(r) for r in rows]
    assert mend_split_cells(rows) == set()
    assert rows == before


def test_pieces_that_both_hold_text_stay_apart() -> None:
    rows = _rows()
    rows[1][2] = "受益"
    before = [list(r) for r in rows]
    assert mend_split_cells(rows) == set()
    assert rows == before


def test_a_figure_cut_by_a_stroke_whose_sliver_reads_as_a_mark_is_whole_again() -> None:
    # a fund block's 年初预算数 cell (three columns wide) prints 2,555.92; a seal's stroke across it cuts
    # the first digit's edge off, read as a dash beside the figure
    rows: list[list[Cell]] = [
        ["按支出性质分：", "", None, None, "", ""],
        ["其中：基本支出", "-", "2,555.92", None, "2,550.31", "2,397.55"],
        ["项目支出", "1,506.30", None, None, "1,502.99", "1,412.96"],
    ]
    emptied = mend_split_cells(rows)
    assert rows[1] == ["其中：基本支出", "2,555.92", None, None, "2,550.31", "2,397.55"]
    assert emptied == {(1, 1), (1, 2), (1, 3)}


def test_a_dash_beside_words_stays_apart() -> None:
    rows = _rows()
    rows[1][2] = "-"
    before = [list(r) for r in rows]
    assert mend_split_cells(rows) == set()
    assert rows == before
