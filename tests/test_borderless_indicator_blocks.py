"""Borderless indicator blocks of self-evaluation forms (issue #11).

The pages are drawn as words with boxes, the way the Ministry of Finance's 项目支出绩效自评表 is
typeset without rulings: the last row on a page may end with a remark (未完成原因) wrapped over two
lines, in a column whose short cells (无) stand flush left under a header centred apart from them;
the next page may hold only one indicator row and the form's closing 说明 row; level labels merged
over several rows are centred on them, beside rows whose cells are centred between the two lines
of a wrapped remark, in a column no wider than the labels. The expected rows are the forms as
printed.
"""

from __future__ import annotations

from typing import Any

from extract.tables.centred_rows import centred_rows
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


# a form whose cells are centred on their rows: 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际值 | 偏差原因 | 得分;
# a remark wrapped over two lines sets its row's one-line cells halfway between them
C = (40.0, 100.0, 160.0, 290.0, 350.0, 410.0, 560.0)
PITCH = 7.0  # half the distance from one line of a wrapped remark to the next


def _centred_form(rows: list[tuple[str, str, str, str, str, tuple[str, ...], str]], top: float = 100.0,
                  labels: tuple[tuple[int, str, float], ...] = ()) -> list[dict[str, Any]]:
    """Words of the form under its fund block: ``rows`` (level 1, level 2, name, target, actual, remark
    lines, score), each row's one-line cells centred on its remark's lines; ``labels``: (column, text,
    top) set apart."""
    # the form's fund block above: lines of amounts without a score
    words = [_word(t, x, top - 40 + 14 * k, 6 if k else CHAR) for k, line in enumerate(
        (("全年预算数", "全年执行数", "执行率"), ("52.00", "48.10", "92.50%"), ("52.00", "48.10", "92.50%")))
        for t, x in zip(line, C[3:6], strict=True)]
    words += [_word("资金总额", C[1], top - 26), _word("财政拨款", C[1], top - 12)]
    heads = ("一级指标", "二级指标", "三级指标", "指标值", "实际值")
    words += [_word(t, x, top) for t, x in zip(heads, C, strict=False)]
    words += [_word("偏差原因", 450, top), _word("得分", C[6], top)]
    y = top + 30
    for l1, l2, name, target, actual, remark, score in rows:
        mid = y + PITCH * (len(remark) - 1)
        cells = ((l1, C[0]), (l2, C[1]), (name, C[2]), (target, C[3]), (actual, C[4]), (score, C[6]))
        words += [_word(t, x, mid, 6 if x in (C[3], C[4], C[6]) else CHAR) for t, x in cells if t]
        words += [_word(line, C[5], y + 2 * PITCH * k) for k, line in enumerate(remark)]
        y += 2 * PITCH * (len(remark) - 1) + 16
    words += [_word(text, C[c], t) for c, text, t in labels]
    return words


def test_a_level_label_on_the_second_line_of_a_wrapped_remark_keeps_the_row_whole() -> None:
    # 产出指标 stands on the remark's first line, 数量指标 (merged over this row and the next, centred on
    # them) on its second: the row's name and figures between them are still one row with the remark
    rows = [("", "", "义诊服务人次", "800人次", "760人次", ("原因：雨季两次活动", "改期至次年。"), "8"),
            ("", "", "健康讲座场次", "10场", "10场", ("无",), "8"),
            ("", "质量指标", "档案建档合格率", "95%", "97%", ("无",), "8")]
    second = 130.0 + 2 * PITCH
    words = _centred_form(rows, labels=((0, "产出指标", 130.0), (0, "(30分)", second), (1, "数量指标", second)))
    (table,) = _read(words, page=1)
    header = next(i for i, row in enumerate(table.rows) if "三级指标" in row)
    assert [[c for c in row if c] for row in table.rows[header + 1:]] == [
        ["产出指标\n(30分)", "数量指标", "义诊服务人次", "800人次", "760人次", "原因：雨季两次活动\n改期至次年。", "8"],
        ["健康讲座场次", "10场", "10场", "无", "8"],
        ["质量指标", "档案建档合格率", "95%", "97%", "无", "8"],
    ]


class _Line:
    """A printed line for :func:`centred_rows`: its box's top and bottom and the columns it fills."""

    def __init__(self, top: float, cols: set[int], figures: set[int] = frozenset()) -> None:  # type: ignore[assignment]
        self.top, self.bottom = top, top + CHAR
        self.cols, self.figures = frozenset(cols), frozenset(figures)


def _centred(lines: list[_Line]) -> list[tuple[int, int]]:
    return centred_rows(lines, lambda ln: ln.cols, lambda ln: ln.figures, CHAR)  # type: ignore[attr-defined]


def test_a_merged_level_label_on_the_last_line_of_a_centred_row_leaves_the_row_whole() -> None:
    # columns: 0 一级指标 | 1 二级指标 | 2 三级指标 | 3 指标值 | 4 实际值 | 5 偏差原因 | 6 得分. A remark wraps over
    # two lines, the row's one-line cells halfway between them; the level-1 label stands on the first
    # line, and the level-2 label merged over this row and the next, centred on both, on the second
    first = _Line(100, {0, 5})
    middle = _Line(107, {2, 3, 4, 6}, {3, 4, 6})
    last = _Line(114, {0, 1, 5})
    assert _centred([first, middle, last]) == [(0, 2)]


def test_a_line_opening_a_column_right_of_the_middle_lines_first_cell_begins_a_row() -> None:
    # the line after the middle one fills the score column the first leaves empty: the next row's score
    first = _Line(100, {0, 5})
    middle = _Line(107, {2, 3, 4}, {3, 4})
    last = _Line(114, {1, 5, 6}, {6})
    assert _centred([first, middle, last]) == []


# an indicator block set as the national 项目支出绩效自评表 is typeset without rulings (the boxes of a
# generated A4-landscape page): 二级指标 labels four characters wide in a column no wider than them,
# merged over their rows and centred on them; remarks wrapped over two lines in a smaller type, each
# row's one-line cells halfway between them
_BLOCK = [
    ("绩效指标", 68.6, 104.6, 390.5, 399.5), ("一级指标", 128.1, 164.1, 390.5, 399.5),
    ("二级指标", 203.2, 239.2, 390.5, 399.5), ("指标内容", 313.8, 349.8, 390.5, 399.5),
    ("年度目标值", 422.7, 467.7, 390.5, 399.5), ("全年完成值", 513.4, 558.4, 390.5, 399.5),
    ("未完成原因和改进措施", 609.9, 699.9, 390.5, 399.5), ("自评分", 742.1, 769.1, 390.5, 399.5),
    ("(60分)", 72.9, 100.3, 405.3, 414.3), ("57.50", 744.1, 767.1, 406.0, 415.0),
    ("产出指标", 128.1, 164.1, 421.6, 430.6), ("原因:", 586.6, 605.2, 421.4, 429.4),
    ("受汛期影响部分河段暂停作业", 607.3, 719.3, 421.4, 429.4),
    ("河道巡查完成次数", 269.2, 341.2, 427.4, 436.4), ("6次", 437.3, 453.1, 427.4, 436.4),
    ("5次", 528.0, 543.8, 427.4, 436.4), ("4.00", 746.6, 764.6, 427.4, 436.4),
    ("(30分)", 132.4, 159.8, 436.4, 445.4), ("巡查顺延至次年一月。", 586.6, 666.3, 434.6, 442.6),
    ("数量指标", 203.2, 239.2, 441.1, 450.1),
    ("原因:", 586.6, 605.2, 448.7, 456.7), ("冬季水位下降清理作业减少,", 607.3, 705.9, 448.7, 456.7),
    ("共", 707.9, 715.9, 448.7, 456.7),
    ("水面保洁次数", 269.2, 323.2, 454.7, 463.7), ("120次", 432.2, 458.1, 454.7, 463.7),
    ("96次", 523.0, 548.8, 454.7, 463.7), ("4.00", 746.6, 764.6, 454.7, 463.7),
    ("计两次。", 586.6, 618.6, 461.9, 469.9),
    ("质量指标", 203.2, 239.2, 476.2, 485.2), ("断面水质达标个数", 269.2, 341.2, 476.2, 485.2),
    ("12个", 435.1, 455.2, 476.2, 485.2), ("12个", 525.9, 545.9, 476.2, 485.2),
    ("无", 586.6, 594.6, 476.7, 484.7), ("7.00", 746.6, 764.6, 476.2, 485.2),
    ("时效指标", 203.2, 239.2, 491.7, 500.7), ("整改销号及时率", 269.2, 332.2, 491.7, 500.7),
    ("95%", 436.0, 454.3, 491.7, 500.7), ("98%", 524.6, 547.2, 491.7, 500.7),
    ("原因：两处点位整改需跨年", 586.6, 690.6, 492.3, 500.3), ("完成。", 586.6, 610.6, 505.5, 513.5),
    ("7.00", 746.6, 764.6, 491.7, 500.7),
    # four rows of 成本指标, its label centred on them (between the second and the third)
    *((name, 269.2, 269.2 + 9 * len(name), top, top + 9) for name, top in (
        ("巡查人均成本", 522.8), ("保洁单位成本", 538.3), ("设备维护成本", 553.8), ("监测采样成本", 569.3))),
    *((t, x0, x1, top, top + 9) for top in (522.8, 538.3, 553.8, 569.3)
      for t, x0, x1 in (("≤3万元", 431.0, 459.0), ("2.8万元", 522.0, 550.0), ("无", 586.6, 594.6),
                        ("3.00", 746.6, 764.6))),
    ("成本指标", 203.2, 239.2, 546.0, 555.0),
]


def _block_rows() -> list[list[str]]:
    words = [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": bottom} for t, x0, x1, top, bottom in _BLOCK]
    (table,) = _read(words, page=1)
    return [[c or "" for c in row] for row in table.rows]


def test_level_labels_of_a_column_no_wider_than_them_are_not_joined_as_one_wrapped_label() -> None:
    # 质量指标 and 时效指标 each run to the column's right edge on rows one line apart: two labels
    rows = {row[3]: row[2] for row in _block_rows() if row[3]}
    labels = (rows["断面水质达标个数"], rows["整改销号及时率"], rows["巡查人均成本"])
    assert labels == ("质量指标", "时效指标", "成本指标")
    # 时效指标 stands on its row's line, beside a remark wrapped below it: it stays on that row
    remark = next(row[6] for row in _block_rows() if row[3] == "整改销号及时率")
    assert remark == "原因：两处点位整改需跨年\n完成。"


def test_a_label_merged_over_two_rows_keeps_the_next_label_off_its_rows() -> None:
    # 数量指标 is centred on the first two rows (巡查, 保洁); 质量指标, printed on its own row's line, does not
    # reach up onto 水面保洁次数, whose name stays in the name column
    by_name = {row[3]: row for row in _block_rows() if row[3]}
    assert by_name["河道巡查完成次数"][2] == "数量指标"
    assert by_name["水面保洁次数"][2] == ""
    assert by_name["断面水质达标个数"][2] == "质量指标"


# the foot of an indicator block set so (a generated A4 page's boxes): 效益指标 is merged over three rows
# whose wrapped cells (values over five and three lines, labels over two) reach far above and below
# their one-line cells, and centred on their whole height
_FOOT = [
    ("时效指标", 197.5, 233.5, 125.3, 134.3), ("按期完成安装", 252.1, 306.1, 125.3, 134.3),
    ("2021年6月前", 345.6, 407.4, 125.3, 134.3), ("按期完成验收", 447.7, 501.7, 125.3, 134.3),
    ("成本指标", 197.5, 233.5, 140.8, 149.8), ("安装费", 252.1, 279.1, 140.8, 149.8),
    ("3.80万元/套", 345.6, 395.6, 140.8, 149.8), ("38万元", 447.7, 477.6, 140.8, 149.8),
    ("通过安装水质监测设备，", 345.6, 435.6, 156.4, 165.4), ("实时掌握重点断面水", 345.6, 426.6, 171.2, 180.2),
    ("社会效益指", 193.0, 238.0, 178.6, 187.6), ("达到年初设定的目", 447.7, 528.7, 178.6, 187.6),
    ("提升水质监测能力", 252.1, 324.1, 186.1, 195.1), ("质，提升环境监管效", 345.6, 426.6, 186.1, 195.1),
    ("标", 211.0, 220.0, 193.5, 202.5), ("标任务", 447.7, 474.7, 193.5, 202.5),
    ("能，保障群众饮水安全", 345.6, 435.6, 200.9, 209.9), ("预警响应更加及时", 345.6, 417.6, 215.8, 224.8),
    ("效益指标", 136.6, 172.6, 223.9, 232.9),
    ("及时发现污染源头，减少", 345.6, 435.6, 231.3, 240.3), ("生态效益指", 193.0, 238.0, 238.7, 247.7),
    ("达到年初设定的目", 447.7, 528.7, 238.7, 247.7), ("改善河流水质", 252.1, 306.1, 246.2, 255.2),
    ("超标排放，河流水质改", 345.6, 435.6, 246.2, 255.2), ("标", 211.0, 220.0, 253.6, 262.6),
    ("标", 447.7, 456.7, 253.6, 262.6), ("善明显。", 345.6, 399.6, 261.0, 270.0),
    ("可持续影响", 193.0, 238.0, 276.6, 285.6), ("达到年初设定的目", 447.7, 528.7, 276.6, 285.6),
    ("五年", 252.1, 270.1, 284.0, 293.0), ("五年", 345.6, 363.6, 284.0, 293.0),
    ("指标", 206.5, 224.5, 291.4, 300.4), ("标", 447.7, 456.7, 291.4, 300.4),
    ("服务对象满", 193.0, 238.0, 307.0, 316.0), ("沿河居民满意度", 252.1, 315.1, 314.4, 323.4),
    ("不低于85%", 345.6, 383.8, 314.4, 323.4), ("不低于85%", 447.7, 485.9, 314.4, 323.4),
    ("意度", 206.5, 224.5, 321.8, 330.8), ("满意度指标", 132.1, 177.1, 329.6, 338.6),
    ("设备使用部", 193.0, 238.0, 337.4, 346.4), ("环保监测站", 252.1, 297.1, 344.8, 353.8),
    ("不低于90%", 345.6, 383.8, 344.8, 353.8), ("不低于90%", 447.7, 485.9, 344.8, 353.8),
    ("门满意度", 197.5, 233.5, 352.2, 361.2),
]


def test_a_level_label_is_centred_on_the_whole_height_of_the_rows_it_spans() -> None:
    # centred on the one-line cells of the rows alone, 效益指标 would start on the 成本指标 row above them
    words = [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": bottom} for t, x0, x1, top, bottom in _FOOT]
    (table,) = _read(words, page=2)
    level1 = {row[2]: row[0] or "" for row in table.rows if row[2]}
    assert (level1["安装费"], level1["提升水质监测能力"], level1["改善河流水质"]) == ("", "效益指标", "")
    # and 满意度指标, centred on the two rows after 效益指标's three, starts at the first of them
    assert (level1["五年"], level1["沿河居民满意度"], level1["环保监测站"]) == ("", "满意度指标", "")
