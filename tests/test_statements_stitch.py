"""Cross-page stitching of statement tables: titles inside the ruling, last pages with fewer columns."""

from __future__ import annotations

from extract.tables.stitch import stitch
from model.tables import Cell, RawTable

_BOX = (50.0, 100.0, 550.0, 700.0)


def _t(page: int, rows: list[list[Cell]], bbox: tuple[float, float, float, float] = _BOX) -> RawTable:
    return RawTable(page=page, rows=rows, row_pages=[page] * len(rows), reader="pdfplumber", bbox=bbox,
                    last_bbox=bbox)


def test_a_table_opening_with_its_own_title_is_not_a_continuation() -> None:
    a = _t(2, [["收入预算总表\n部门：某某厅 单位：万元", None], ["收入总计", "10.00"]])
    b = _t(3, [["公开03表\n支出预算总表\n部门：某某厅 单位：万元", None], ["合计", "10.00"]])
    assert len(stitch([a, b])) == 2


def test_continuation_with_data_first_row_is_joined() -> None:
    a = _t(2, [["科目编码", "科目名称", "金额"], ["201", "一般公共服务支出", "10.00"]])
    b = _t(3, [["20101", "人大事务", "10.00"]])
    out = stitch([a, b])
    assert len(out) == 1 and out[0].rows[-1] == ["20101", "人大事务", "10.00"]
    assert out[0].row_pages == [2, 2, 3]


def test_last_page_with_fewer_columns_is_aligned_to_the_right() -> None:
    a = _t(4, [["类", "款", "项", "名称", "合计", "基本支出"], ["201", "", "", "一般公共服务支出", "5", "5"]])
    b = _t(5, [["合计", "5", "5"]])
    out = stitch([a, b])
    assert len(out) == 1 and out[0].rows[-1] == ["合计", None, None, None, "5", "5"]


def test_second_part_under_a_continuation_mark_with_its_header_repeated_is_joined() -> None:
    head: list[list[Cell]] = [["科目编码", "科目名称", "金额"]]
    a = _t(2, [*head, ["201", "一般公共服务支出", "10.00"]])
    b = _t(3, [*head, ["20101", "人大事务", "10.00"]])
    b.text_above = "续表"
    out = stitch([a, b])
    assert len(out) == 1
    assert out[0].rows == [*head, ["201", "一般公共服务支出", "10.00"], ["20101", "人大事务", "10.00"]]


def test_a_table_under_a_line_of_text_is_not_a_continuation() -> None:
    a = _t(2, [["科目编码", "科目名称", "金额"], ["201", "一般公共服务支出", "10.00"]])
    b = _t(3, [["20101", "人大事务", "10.00"]])
    b.text_above = "三、一般公共预算当年拨款规模变化情况"
    assert len(stitch([a, b])) == 2
