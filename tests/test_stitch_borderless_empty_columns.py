"""A borderless statement continued on the next page, where some of its columns hold nothing (an
empty 上年结转 inside the table, an empty 其他收入 at its right): a reader of word positions gives
the continuation only the columns it sees, so its table is narrower than the first part's. The
continuation is still the same table, each of its columns in the column of the first part it
stands in. Tables made here with the columns' x-ranges as the reader of word positions gives them."""

from __future__ import annotations

from extract.tables.stitch import stitch
from model.tables import RawTable

# 科目 | 合计 | 上年结转 | 一般公共预算拨款收入 | 事业收入 | 其他收入
FIRST_COLS = [(60.0, 160.0), (170.0, 250.0), (260.0, 330.0), (340.0, 440.0), (450.0, 530.0), (540.0, 620.0)]


def _first() -> RawTable:
    t = RawTable.on_page(page=4, reader="words", bbox=(60.0, 120.0, 620.0, 560.0),
                         text_above="部门收入总表\n单位：万元",
                         rows=[["科目", "合计", "上年结转", "一般公共预算拨款收入", "事业收入", "其他收入"],
                               ["合计", "912.40", "12.00", "850.40", "30.00", "20.00"],
                               ["205 教育支出", "512.40", "12.00", "470.40", "30.00", ""]])
    t.columns = list(FIRST_COLS)
    return t


def _continued() -> RawTable:
    # only 合计, 一般公共预算拨款收入 and 事业收入 hold figures on this page: the table ends at 530
    t = RawTable.on_page(page=5, reader="words", bbox=(60.0, 50.0, 530.0, 300.0),
                     rows=[["20502 普通教育", "300.00", "290.00", "10.00"],
                           ["210 卫生健康支出", "380.00", "380.00", ""]])
    t.columns = [(60.0, 150.0), (215.0, 250.0), (405.0, 440.0), (495.0, 530.0)]
    return t


def test_continuation_without_its_empty_columns_keeps_each_figure_in_its_column() -> None:
    (table,) = stitch([_first(), _continued()])
    assert table.rows[3] == ["20502 普通教育", "300.00", "", "290.00", "10.00", ""]
    assert table.rows[4] == ["210 卫生健康支出", "380.00", "", "380.00", "", ""]
    assert table.row_pages == [4, 4, 4, 5, 5]


def test_narrower_table_of_other_columns_on_the_next_page_is_a_table_of_its_own() -> None:
    other = _continued()
    other.columns = [(60.0, 150.0), (320.0, 350.0), (405.0, 440.0), (495.0, 530.0)]  # a column in no column's range
    assert len(stitch([_first(), other])) == 2


def test_continuation_given_its_columns_back_but_ending_short_of_the_right_is_joined() -> None:
    # the part on page 5 was given the first part's columns back (align_continued); its text still
    # ends at 事业收入's right edge, far short of 其他收入's
    t = RawTable.on_page(page=5, reader="words", bbox=(60.0, 50.0, 530.0, 300.0),
                         rows=[["20502 普通教育", "300.00", "", "290.00", "10.00", ""]])
    t.columns = list(FIRST_COLS)
    (table,) = stitch([_first(), t])
    assert table.rows[3] == ["20502 普通教育", "300.00", "", "290.00", "10.00", ""]
    assert table.row_pages == [4, 4, 4, 5]


def test_table_of_as_many_columns_set_elsewhere_on_the_next_page_is_a_table_of_its_own() -> None:
    t = RawTable.on_page(page=5, reader="words", bbox=(60.0, 50.0, 530.0, 300.0),
                         rows=[["20502 普通教育", "300.00", "", "290.00", "10.00", ""]])
    t.columns = [(60.0, 100.0), (110.0, 150.0), (160.0, 200.0), (210.0, 250.0), (265.0, 300.0), (310.0, 330.0)]
    assert len(stitch([_first(), t])) == 2


def _form_header_part() -> RawTable:
    # a form begun at the foot of page 1 with its short header cells only (项目名称 | 网吧及娱乐场所监管经费,
    # 调整后预算数： | 241.76): each column's text ends well short of where the indicator rows' will
    t = RawTable.on_page(page=1, reader="words", bbox=(124.1, 452.1, 575.24, 545.6),
                         text_above="2025年度项目（支出）绩效目标完成情况表",
                         rows=[["项目名称", "网吧及娱乐场所监管经费", None, "", ""],
                               ["预算执行情况", "调整后预算数：", "241.76", "预算执行数：", "221.66"],
                               ["年度目标完成情", "预期目标", "", "实际完成目标", ""]])
    t.columns = [(124.1, 194.1), (209.4, 279.4), (294.7, 327.64), (405.8, 485.8), (542.3, 575.24)]
    return t


def test_form_continued_with_wider_cells_than_its_header_part_is_one_table() -> None:
    # page 2 goes on with the form's indicator rows, whose names and values fill their columns further
    # right than the header cells above the page break (the same columns, begun at the same x)
    t = RawTable.on_page(page=2, reader="words", bbox=(124.1, 52.1, 662.3, 228.6),
                         rows=[["况", "按计划实施网吧及娱乐场所监管经费，完", None, "已按计划完成年度目标", None],
                               ["一级指标", "二级指标", "三级指标", "预期指标值", "实际完成指标值"],
                               ["项目完成指标", "数量指标", "开展送戏下乡演出", "≥6000场", "6234场"]])
    t.columns = [(124.1, 184.1), (209.4, 279.4), (294.7, 394.7), (405.8, 525.8), (542.3, 662.3)]
    (table,) = stitch([_form_header_part(), t])
    assert table.rows[-1] == ["项目完成指标", "数量指标", "开展送戏下乡演出", "≥6000场", "6234场"]
    assert table.row_pages == [1, 1, 1, 2, 2, 2]


def test_continuation_whose_column_spans_two_of_the_first_part_is_a_table_of_its_own() -> None:
    t = RawTable.on_page(page=2, reader="words", bbox=(124.1, 52.1, 662.3, 228.6),
                         rows=[["一级指标", "二级指标", "三级指标及指标值", "实际完成指标值"]])
    t.columns = [(124.1, 184.1), (209.4, 279.4), (294.7, 490.0), (542.3, 662.3)]  # 三级指标 over two columns
    assert len(stitch([_form_header_part(), t])) == 2
