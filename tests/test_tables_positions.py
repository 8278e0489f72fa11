"""Position reader (extract/tables/positions.py): rows and columns rebuilt from word boxes alone.

The pages are drawn here as words with boxes, the way a borderless self-evaluation form is
typeset: a label wrapped over several lines and centred on its row's figures, a level label
merged down the rows it spans, a heading merged over the columns it heads. The expected rows
are the form as printed (what a ruled reader gives for the same form with its rulings).
"""

from __future__ import annotations

from typing import Any

from extract.tables.positions import read_positions

CHAR = 10.0  # width and height of one CJK character
LINE = 14.0  # from one printed line's top to the next


def _word(text: str, x0: float, top: float) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + CHAR * len(text), "top": top, "bottom": top + CHAR}


def _rows(words: list[dict[str, Any]]) -> list[list[str | None]]:
    (found,) = read_positions(words, page=1, page_height=842, reader="words")
    return found.table.rows


# columns of the form: 二级指标 | 三级指标 | 年初目标值 | 实际完成值 | 得分
X = (40.0, 140.0, 300.0, 390.0, 480.0)


def _header(top: float) -> list[dict[str, Any]]:
    heads = ("二级指标", "三级指标", "年初目标值", "实际完成值", "得分")
    return [_word(t, x, top) for t, x in zip(heads, X, strict=True)]


def test_label_wrapped_over_three_lines_is_one_cell_of_its_row() -> None:
    # row 2's indicator is printed on three lines, its figures on the middle one (vertically centred)
    words = _header(100)
    words += [_word("数量指标", X[0], 130), _word("案件办结率", X[1], 130), _word("100%", X[2], 130),
              _word("100%", X[3], 130), _word("2", X[4], 130)]
    top = 130 + 2 * LINE
    words += [_word("交通视频监控指挥", X[1], top), _word("调度中心运维良好", X[1], top + LINE),
              _word("率", X[1], top + 2 * LINE)]
    words += [_word("大于90%", X[2], top + LINE), _word("大于90%", X[3], top + LINE), _word("2", X[4], top + LINE)]
    top += 4 * LINE
    words += [_word("宣传专版", X[1], top), _word("2篇", X[2], top), _word("2篇", X[3], top), _word("2", X[4], top)]
    rows = _rows(words)
    assert rows[0] == ["二级指标", "三级指标", "年初目标值", "实际完成值", "得分"]
    assert [r[1] for r in rows[1:]] == ["案件办结率", "交通视频监控指挥\n调度中心运维良好\n率", "宣传专版"]
    assert rows[2][2:] == ["大于90%", "大于90%", "2"]
    assert rows[3][2:] == ["2篇", "2篇", "2"]


def test_one_line_indicators_beside_their_scores_stay_separate_rows() -> None:
    # three one-line indicators one under the other: three rows, not one three-line cell
    words = _header(100)
    names = ("证据准确率", "车辆保管完好率", "鉴定完成率")
    for i, name in enumerate(names):
        top = 120 + i * LINE
        words += [_word(name, X[1], top), _word("100%", X[2], top), _word("100%", X[3], top), _word("2", X[4], top)]
    rows = _rows(words)
    assert [r[1] for r in rows[1:]] == list(names)
    assert [r[4] for r in rows[1:]] == ["2", "2", "2"]


def test_level_label_merged_down_its_rows_goes_to_the_first_row() -> None:
    # 质量指标 is printed once, centred on the four rows it spans; 数量指标 once beside its one row
    words = _header(100)
    names = ("证据准确率", "保管完好率", "鉴定完成率", "设备良好率", "新增人员")
    tops = [120 + i * LINE for i in range(len(names))]
    for name, top in zip(names, tops, strict=True):
        words += [_word(name, X[1], top), _word("100%", X[2], top), _word("100%", X[3], top), _word("2", X[4], top)]
    words.append(_word("质量指标", X[0], (tops[0] + tops[3]) / 2))
    words.append(_word("数量指标", X[0], tops[4]))
    rows = _rows(words)
    assert [r[0] for r in rows[1:]] == ["质量指标", "", "", "", "数量指标"]


def test_heading_merged_over_two_columns_is_a_merged_cell() -> None:
    # 预算执行情况 is centred over the 预算数 and 执行数 columns (220-390): its text in the first, None in the second
    words = [_word("项目", 40, 100), _word("预算执行情况", 275, 100)]
    words += [_word("预算数", 220, 115), _word("执行数", 320, 115)]
    for i, (name, a, b) in enumerate([("基本支出", "5576.54", "5576.54"), ("项目支出", "2953.33", "2609.14"),
                                      ("合计", "8529.87", "8185.68")]):
        top = 130 + i * LINE
        words += [_word(name, 40, top), _word(a, 220, top), _word(b, 320, top)]
    rows = _rows(words)
    assert rows[0] == ["项目", "预算执行情况", None]
    assert rows[1] == ["", "预算数", "执行数"]
    assert rows[-1] == ["合计", "8529.87", "8185.68"]


def test_ocr_confidence_kept_per_cell() -> None:
    words = _header(100)
    for i, (name, conf) in enumerate([("证据准确率", 0.99), ("保管完好率", 0.62), ("鉴定完成率", 0.97)]):
        top = 120 + i * LINE
        for text, x in (("100%", X[2]), ("100%", X[3]), ("2", X[4])):
            words.append({**_word(text, x, top), "confidence": conf})
        words.append({**_word(name, X[1], top), "confidence": 0.99})
    (found,) = read_positions(words, page=1, page_height=842, reader="rapidocr")
    assert [min(c for c in row if c is not None) for row in found.confidence[1:]] == [0.99, 0.62, 0.97]
    assert found.table.reader == "rapidocr"


def test_words_inside_a_ruled_table_are_left_to_it() -> None:
    # a ruled table (its box given in skip) above a borderless one on the same page
    ruled = [_word("收入", 40, 100), _word("1.00", 220, 100), _word("支出", 40, 114), _word("2.00", 220, 114)]
    free = []
    for i, (name, a, b) in enumerate([("科目", "预算数", "决算数"), ("工资福利支出", "10.00", "9.50"),
                                      ("商品和服务支出", "5.00", "4.20"), ("合计", "15.00", "13.70")]):
        top = 300 + i * LINE
        free += [_word(name, 40, top), _word(a, 220, top), _word(b, 320, top)]
    (found,) = read_positions(ruled + free, page=1, page_height=842, reader="words",
                              skip=[(30, 95, 280, 130)])
    assert found.table.rows[0] == ["科目", "预算数", "决算数"]
    assert found.table.rows[-1] == ["合计", "15.00", "13.70"]


def test_level_label_printed_on_the_middle_rows_line_goes_to_the_first_row() -> None:
    # 数量指标 spans three rows and, centred on them, is printed on the second row's own line;
    # 质量指标 spans two rows (centred between them), 时效指标 one (on its row's line)
    words = _header(100)
    names = ("一般案件", "简易案件", "房屋维修", "疑难案件会诊", "危险路段排查", "逃逸案件处理")
    tops = [120 + i * 2 * LINE for i in range(len(names))]  # rows padded: one blank line between them
    for name, top in zip(names, tops, strict=True):
        words += [_word(name, X[1], top), _word("32", X[2], top), _word("33", X[3], top), _word("20", X[4], top)]
    words += [_word("数量指标", X[0], tops[1]), _word("质量指标", X[0], (tops[3] + tops[4]) / 2),
              _word("时效指标", X[0], tops[5])]
    rows = _rows(words)
    assert [r[0] for r in rows[1:]] == ["数量指标", "", "", "质量指标", "", "时效指标"]
    assert [r[1] for r in rows[1:]] == list(names)


def test_padded_rows_stay_one_table_across_a_gap_wider_than_three_lines() -> None:
    # a form whose rows stand 3.5 lines apart, one of them after a taller gap (a cell of prose
    # above it ended early): still one table, the gap being well under two of its row pitches
    pitch = 3.5 * LINE
    words = [_word("项目", 40, 100), _word("预算数", 220, 100), _word("执行数", 320, 100)]
    lines = [("基本支出", "5576.54", "5576.54"), ("项目支出", "2953.33", "2609.14"), ("其他支出", "12.00", "10.00"),
             ("合计", "8541.87", "8195.68")]
    top = 100.0
    for i, (name, a, b) in enumerate(lines):
        top += pitch * (1.5 if i == 2 else 1.0)
        words += [_word(name, 40, top), _word(a, 220, top), _word(b, 320, top)]
    rows = _rows(words)
    assert rows == [["项目", "预算数", "执行数"], *[list(r) for r in lines]]


def test_heading_set_across_the_table_is_a_row_of_its_own() -> None:
    # a section heading printed from the table's left edge over the first two columns, between two
    # parts of one form (it runs past the first column's start into the second): a row of its own,
    # not the first line of the next row's first cell
    words = [_word("项目", 40, 100), _word("预算数", 140, 100), _word("执行数", 240, 100)]
    words += [_word("基本支出", 40, 114), _word("5576.54", 140, 114), _word("5576.54", 240, 114)]
    words += [_word("项目支出", 40, 128), _word("2953.33", 140, 128), _word("2609.14", 240, 128)]
    words += [_word("二、部门年度重点工作任务", 40, 142)]
    words += [_word("任务名称", 40, 156), _word("批复金额", 140, 156), _word("实际支出", 240, 156)]
    words += [_word("车管业务", 40, 170), _word("120.00", 140, 170), _word("118.50", 240, 170)]
    rows = _rows(words)
    assert rows[3][0] == "二、部门年度重点工作任务" and rows[3][1] is None
    assert rows[4] == ["任务名称", "批复金额", "实际支出"]
    assert rows[5] == ["车管业务", "120.00", "118.50"]


def test_cells_over_several_lines_centred_on_their_row_stay_in_that_row() -> None:
    # row 2's target is printed on three lines and its actual value on two, both centred on the row's
    # one-line name and score; the level label 产出指标, centred on rows 1-2, shares the target's
    # first line. That line and the others are no rows of their own.
    words = _header(100)
    words += [_word("证据准确率", X[1], 120), _word("100%", X[2], 120), _word("100%", X[3], 120),
              _word("2", X[4], 120)]
    words += [_word("产出指标", X[0], 148), _word("快骑辅警36名", X[2], 148)]
    words += [_word("录用260名", X[3], 155)]
    words += [_word("聘用辅警数量", X[1], 162), _word("辅警266名", X[2], 162), _word("1", X[4], 162)]
    words += [_word("完成86%", X[3], 169)]
    words += [_word("共302名", X[2], 176)]
    words += [_word("质量指标", X[0], 200), _word("鉴定完成率", X[1], 200), _word("100%", X[2], 200),
              _word("100%", X[3], 200), _word("2", X[4], 200)]
    rows = _rows(words)
    assert rows[1:] == [
        ["产出指标", "证据准确率", "100%", "100%", "2"],
        ["", "聘用辅警数量", "快骑辅警36名\n辅警266名\n共302名", "录用260名\n完成86%", "1"],
        ["质量指标", "鉴定完成率", "100%", "100%", "2"],
    ]


def test_level_label_alone_in_its_column_on_a_continued_page_keeps_its_column() -> None:
    # a page continuing a form: no header, and the level label 数量指标 is the only cell of its
    # column, alone on its line (centred on the four rows it spans); it is not part of the names
    names = ("媒体协作", "宣传片拍摄", "主题活动", "电影下乡")
    words = []
    for i, name in enumerate(names):
        top = 100 + i * LINE
        words += [_word(name, X[1], top), _word("8", X[2], top), _word("9", X[3], top), _word("2", X[4], top)]
    words.append(_word("数量指标", X[0], 100 + 1.5 * LINE))
    rows = _rows(words)
    assert [r[0] for r in rows] == ["数量指标", "", "", ""]
    assert [r[1] for r in rows] == list(names)
