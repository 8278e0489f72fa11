"""Scanned ruled forms read by their cells, and the marks OCR misses — without running OCR.

The rows are those of the 项目支出绩效自评表 of the dev sample seed002 (曲靖市公安局交通警察支队, 2022),
page 11 as printed: the 总分 row (总分 in a cell spanning seven columns, then 100 | 100 | 优) and the
indicator 安全事故发生率 on page 8 (< | 0 | % | 0 | 10.00 | 10.00, whose lone 0s the recogniser reads
as the letter o).
"""

from __future__ import annotations

import numpy as np

from extract.sources.marks import MarkBox, candidates, dash, is_mark
from extract.sources.ocr import Ruling
from extract.tables.scan_grid import fill, grids
from extract.tables.scans import mend_lone_zeros, raw_tables
from model.tables import RawTable


def _word(text: str, x0: float, x1: float, top: float) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 6.3, "confidence": 0.99,
            "uncertain": False}


def test_merged_total_cell_of_a_scanned_form_keeps_its_columns() -> None:
    # two rows of a ruled form: the last indicator row (ten cells) and 总分 (one cell over seven, then three)
    xs = [57, 100, 155, 250, 285, 325, 360, 405, 445, 480, 538]
    top, mid, bottom = 460.0, 474.0, 488.0
    rulings = [Ruling(x0=57, y0=y, x1=538, y1=y, vertical=False) for y in (top, mid, bottom)]
    rulings += [Ruling(x0=x, y0=top, x1=x, y1=bottom, vertical=True) for x in (57, 405, 445, 480, 538)]
    rulings += [Ruling(x0=x, y0=top, x1=x, y1=mid, vertical=True) for x in xs[1:7]]
    words = [_word("满意度指标", 60, 95, 464), _word("全市交通参与者", 158, 200, 464), _word("=", 265, 270, 464),
             _word("90", 300, 308, 464), _word("%", 340, 345, 464), _word("92", 378, 386, 464),
             _word("5.00", 416, 432, 464), _word("5.00", 455, 471, 464),
             _word("总分", 226, 239, 478), _word("100", 418, 430, 478), _word("100", 455, 467, 478),
             _word("优", 507, 513, 478)]
    (table,) = grids(rulings, 0.0, (297.5, 421.0), 6.3)
    rows = fill(table, words).rows
    assert rows[1][0] == "总分" and rows[1][1:7] == [None] * 6
    assert rows[1][7:] == ["100", "100", "优"]
    assert rows[0][3] == "=" and rows[0][9] == ""


def test_lone_zero_read_as_letter_o_in_a_row_of_figures_is_mended_and_flagged() -> None:
    table = RawTable.on_page(page=8, rows=[["安全事故发生率", "<", "o", "%", "o", "10.00", "10.00"],
                                           ["其他需要说明事项", "o", None, None, None, None, None]], reader="ocr")
    assert mend_lone_zeros(table) == {0}
    assert table.rows[0] == ["安全事故发生率", "<", "0", "%", "0", "10.00", "10.00"]
    assert table.rows[1][1] == "o"  # no figures beside it: not a number


def test_dash_of_an_empty_amount_told_by_its_shape() -> None:
    char_px = 12.0  # a character 12 pixels high
    assert dash(MarkBox(x0=0, y0=0, x1=11, y1=1), char_px) == "—"  # a thin stroke most of a character long
    assert dash(MarkBox(x0=0, y0=0, x1=5, y1=1), char_px) == "-"
    assert dash(MarkBox(x0=0, y0=0, x1=7, y1=4), char_px) is None  # two bars (=) are for the recogniser
    assert is_mark("—") and is_mark(">=") and not is_mark("人次")


def test_mark_missed_by_the_detector_is_found_outside_its_boxes() -> None:
    page = np.full((120, 200, 3), 245, np.uint8)
    page[10:22, 20:80] = 20  # a word the detector found
    page[60, 100:111] = 150  # a thin grey dash alone in its cell
    page[100:102, 0:200] = 30  # a ruling
    found = candidates(page, [np.array([[18, 8], [82, 8], [82, 24], [18, 24]], float)], 12.0)
    assert [(b.x0, b.y0, b.x1, b.y1) for b in found] == [(100, 60, 111, 61)]


def test_lone_zeros_of_a_rate_whose_target_and_actual_are_both_zero_are_mended() -> None:
    # 考试作弊情况的发生率: 指标性质 <, 指标值 0, 度量单位 %, 实际完成值 0 — both zeros read as the letter o
    table = RawTable.on_page(page=5, rows=[["考试作弊情况的发", "<", "o", "%", "o", ""]], reader="ocr")
    assert mend_lone_zeros(table) == {0}
    assert table.rows[0] == ["考试作弊情况的发", "<", "0", "%", "0", ""]


def test_a_line_whose_ocr_box_reaches_past_the_top_ruling_is_above_the_table() -> None:
    # 项目名称：… printed close above a ruled form: the recogniser's box of that line ends a little below
    # the table's top ruling, yet the line is above the table (its middle is), not lost between the two
    top, mid, bottom = 120.0, 134.0, 148.0
    rulings = [Ruling(x0=50, y0=y, x1=400, y1=y, vertical=False) for y in (top, mid, bottom)]
    rulings += [Ruling(x0=x, y0=top, x1=x, y1=bottom, vertical=True) for x in (50, 150, 300, 400)]
    words = [_word("农田水利设施维修绩效评价评分表", 120, 320, 96),
             _word("项目名称：农田水利设施维修", 52, 190, 114.5), _word("实施单位：青河县水利局", 200, 320, 114.5),
             _word("一级指标", 80, 110, 124), _word("三级指标", 200, 230, 124), _word("得分", 340, 352, 124),
             _word("产出", 60, 73, 138), _word("灌溉面积", 160, 190, 138), _word("9", 340, 344, 138)]
    (grid,) = grids(rulings, 0.0, (300.0, 420.0), 6.3)
    (table,) = raw_tables([fill(grid, words)], words, page=2, height=842.0)
    assert table.text_above.splitlines() == ["农田水利设施维修绩效评价评分表",
                                             "项目名称：农田水利设施维修 实施单位：青河县水利局"]
    assert table.rows[0] == ["一级指标", "三级指标", "得分"]
