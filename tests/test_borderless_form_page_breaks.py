"""Borderless forms broken over a page (issue #11).

The pages are drawn as words with boxes, the way the Ministry of Finance's 项目支出绩效自评表 is
typeset without rulings when its indicator rows run on to the next page: the last row on the first
page may end with a remark (未完成原因) wrapped over two lines, in a column whose short cells (无)
stand flush left under a header centred apart from them; the next page may hold only one indicator
row and the form's closing 说明 row. The expected rows are the forms as printed.
"""

from __future__ import annotations

from typing import Any

from extract.tables.positions import align_continued, read_positions
from extract.tables.stitch import stitch
from model.tables import RawTable

CHAR = 10.0  # width and height of one CJK character
LINE = 13.0  # from one printed line's top to the next


def _word(text: str, x0: float, top: float, size: float = CHAR) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + size * len(text), "top": top, "bottom": top + size}


def _read(words: list[dict[str, Any]], page: int) -> list[RawTable]:
    return [p.table for p in read_positions(words, page=page, page_height=842, reader="words")]


# 二级指标 | 三级指标 | 指标值 | 实际值 | 未完成原因 | 得分; the remark column's 无 stands at its
# left edge, its header centred further right
X = (40.0, 100.0, 200.0, 260.0, 320.0, 470.0)
REMARK_HEAD = 350.0


def _first_page() -> list[dict[str, Any]]:
    words = [_word("二级指标", X[0], 100), _word("三级指标", X[1], 100), _word("指标值", X[2], 100),
             _word("实际值", X[3], 100), _word("未完成原因", REMARK_HEAD, 100), _word("得分", X[5], 100)]
    rows = [("数量指标", "培训场次", "12场", "12场", "无", "10"),
            ("", "发放手册", "500册", "500册", "无", "10"),
            ("质量指标", "学员合格率", "95%", "96%", "无", "10")]
    top = 120.0
    for cells in rows:
        words += [_word(t, x, top) for t, x in zip(cells, X, strict=True) if t]
        top += 20
    # the last row's remark wraps: its second line is the last line of the page
    words += [_word("时效指标", X[0], top), _word("完成及时率", X[1], top), _word("100%", X[2], top, 6),
              _word("85%", X[3], top, 6), _word("原因：采购合同签订晚于", X[4], top), _word("6", X[5], top, 6)]
    words.append(_word("计划，延期交付。", X[4], top + LINE))
    return words


def test_a_remark_wrapped_under_the_last_row_of_a_page_stays_in_its_cell() -> None:
    # the remark runs across the narrow band of the 无 cells and the header's band: its second line fits
    # neither, but it starts where the remark of the row above it starts and is no wider
    (table,) = _read(_first_page(), page=1)
    last = [c for c in table.rows[-1] if c]
    assert last == ["时效指标", "完成及时率", "100%", "85%", "原因：采购合同签订晚于\n计划，延期交付。", "6"]
    assert table.text_below == ""


def test_a_line_under_a_table_that_starts_at_its_left_edge_is_not_taken_as_a_wrapped_cell() -> None:
    # a note under the form starts at the table's left edge, beside no cell but the first: text below it
    words = [*_first_page()[:-1], _word("注：得分保留整数", X[0], 120 + 3 * 20 + LINE)]
    (table,) = _read(words, page=1)
    assert all("注：" not in (c or "") for row in table.rows for c in row)
    assert "注：得分保留整数" in table.text_below


def _second_page() -> list[dict[str, Any]]:
    # one indicator row (its level labels and its name wrapped over two lines) and the closing 说明 row
    top = 60.0
    words = [_word("效益指标", X[0], top + LINE / 2), _word("受训人员满意", X[1], top), _word("度", X[1], top + LINE),
             _word("≥90%", X[2], top + LINE / 2, 6), _word("93%", X[3], top + LINE / 2, 6),
             _word("无", X[4], top + LINE / 2), _word("10", X[5], top + LINE / 2, 6)]
    words += [_word("说明", X[0], top + 2 * LINE + 8), _word("无", X[1], top + 2 * LINE + 8)]
    return words


def test_one_indicator_row_and_the_closing_remark_at_the_top_of_a_page_are_read_as_the_forms_end() -> None:
    (table,) = _read(_second_page(), page=2)
    assert [[c for c in row if c] for row in table.rows] == [
        ["效益指标", "受训人员满意\n度", "≥90%", "93%", "无", "10"],
        ["说明", "无"],
    ]


def test_the_form_broken_over_the_page_is_one_table() -> None:
    tables = _read(_first_page(), page=1) + _read(_second_page(), page=2)
    align_continued(tables)
    (form,) = stitch(tables)
    names = [row[1] for row in form.rows]
    assert names == ["三级指标", "培训场次", "发放手册", "学员合格率", "完成及时率", "受训人员满意\n度", "无"]


def test_a_line_of_two_figures_over_a_short_line_of_prose_at_the_top_of_a_page_is_no_table() -> None:
    # 表格之外: a page opening with a dated line and a signature is not a form's end
    words = [_word("2021年", 40, 60), _word("3月", 120, 60), _word("填表人", 40, 80), _word("张明", 120, 80)]
    assert _read(words, page=2) == []
