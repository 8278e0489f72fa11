"""A spreadsheet form whose cells are all vertically centred: a remark of three lines beside a level label.

Calc centres every cell of a row on the row's middle and pads one-line rows a little beyond a line. A
remark wrapped over three lines, centred on its row of one-line cells, prints its first line one
leading above the row's line (its second on it, its third below): no cell hung from its row's top
starts there. A level label merged over that row and the one above, centred on both, may stand on
the first line's height. Neither makes a row of its own: the remark's lines are one cell of the row,
the label goes to the first row it spans (as a ruled reader gives a merged cell). The pages are
drawn as words with boxes; the expected rows are the form's as printed.
"""

from __future__ import annotations

from typing import Any

from word_boxes import left as _word

from extract.tables.positions import read_positions

LEADING = 14.0  # the lines of a wrapped cell, top to top
PAD = 3.0  # white above and below a cell's lines in its row

# 一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 分值 | 得分 | 偏差原因 (and 绩效指标 left of them)
X = (70.0, 130.0, 200.0, 330.0, 410.0, 480.0, 520.0, 560.0)
SIDE = 20.0


def _line(top: float, cells: dict[int, str]) -> list[dict[str, Any]]:
    return [_word(text, X[c], top) for c, text in cells.items()]


def _height(lines: int) -> float:
    return (lines - 1) * LEADING + 10.0 + 2 * PAD


def _form(rows: list[tuple[dict[int, str], list[str]]], labels: list[tuple[int, str, int, int]], *,
          side: bool = False) -> list[dict[str, Any]]:
    """The header row, then ``rows`` (one-line cells, remark lines) each centred on its height, and
    ``labels`` (column, text, first and last row index) centred on the rows they span; ``side``: the
    block's side label 绩效指标, left of all, on the last row's line (centred on more rows than drawn)."""
    words = _line(100.0 + PAD, {0: "一级指标", 1: "二级指标", 2: "三级指标", 3: "指标值", 4: "完成值",
                                5: "分值", 6: "得分", 7: "偏差原因分析"})
    top = 100.0 + _height(1)
    extents = []
    for cells, remark in rows:
        h = _height(max(1, len(remark)))
        mid = top + h / 2
        words += _line(mid - 5.0, cells)
        first = mid - (len(remark) - 1) * LEADING / 2 - 5.0
        for k, text in enumerate(remark):
            words.append(_word(text, X[7], first + k * LEADING))
        extents.append((top, top + h))
        top += h
    for c, text, a, b in labels:
        words += _line((extents[a][0] + extents[b][1]) / 2 - 5.0, {c: text})
    if side:
        words.append(_word("绩效指标", SIDE, (extents[-1][0] + extents[-1][1]) / 2 - 5.0))
    words += _line(top + PAD, {0: "总分", 5: "100", 6: "95.6"})
    return words


ROWS = [
    ({2: "新建村级活动场所", 3: "≥12个", 4: "12个", 5: "20", 6: "20"}, []),
    ({2: "工程验收合格率", 3: "100%", 4: "96%", 5: "20", 6: "18.2"}, ["两处场所整改后复验", "通过"]),
    ({2: "场所使用率", 3: "≥90%", 4: "86%", 5: "20", 6: "17.4"},
     ["部分场所配套设施未", "到位，下一步完善后", "投入使用"]),
    ({2: "开工时间", 3: "3月底前", 4: "3月", 5: "20", 6: "20"}, []),
    ({2: "竣工验收时间", 3: "11月底前", 4: "11月", 5: "20", 6: "20"}, []),
]


def _rows(words: list[dict[str, Any]]) -> list[list[str | None]]:
    (table,) = [t.table.rows for t in read_positions(words, page=1, page_height=842, reader="words")]
    return table


def test_a_remark_of_three_lines_and_a_level_beside_its_first_line_make_no_row() -> None:
    # (the score column, filled on every row of figures, tells the rows here)
    labels = [(0, "产出指标", 0, 4), (1, "数量指标", 0, 0), (1, "质量指标", 1, 2), (1, "时效指标", 3, 4)]
    table = _rows(_form(ROWS, labels))
    assert [row[:3] + row[7:] for row in table[1:]] == [
        ["产出指标", "数量指标", "新建村级活动场所", ""],
        ["", "质量指标", "工程验收合格率", "两处场所整改后复验\n通过"],
        ["", "", "场所使用率", "部分场所配套设施未\n到位，下一步完善后\n投入使用"],
        ["", "时效指标", "开工时间", ""],
        ["", "", "竣工验收时间", ""],
        ["总分", "", "", ""],
    ]


# A form set in 7-point type (a character 6.9 points wide, lines 10 points apart, one-line rows 11.4
# points apart) as a spreadsheet prints it, cell by cell: (left, top, text). Template placeholder rows
# (不适用 | / | /, 指标1：) stand among the rows of output, the block's side label 绩效指标 (merged down the
# whole form) beside one; the satisfaction level 服务对象满意度/指标 wraps about its row's line.
SMALL = [
    (54.7, 103.2, "项目名称"), (142.5, 103.2, "职业技能培训补助"),
    (54.7, 130.6, "资金来源"), (193.7, 130.6, "年初预算数"), (288.8, 130.6, "调整预算数"), (343.7, 130.6, "全年执行数"),
    (398.6, 130.6, "分值"), (427.9, 130.6, "执行率"), (457.1, 130.6, "得分"),
    (54.7, 151.3, "合计"), (193.7, 151.3, "320.00"), (288.8, 151.3, "318.00"), (343.7, 151.3, "301.20"),
    (398.6, 151.3, "10"), (427.9, 151.3, "94.72%"), (457.1, 151.3, "9.47"),
    (54.7, 167.4, "财政拨款"), (193.7, 167.4, "300.00"), (288.8, 167.4, "300.00"), (343.7, 167.4, "285.10"),
    (398.6, 167.4, "—"), (427.9, 167.4, "—"), (457.1, 167.4, "—"),
    (54.7, 178.8, "上年结转"), (193.7, 178.8, "20.00"), (288.8, 178.8, "18.00"), (343.7, 178.8, "16.10"),
    (398.6, 178.8, "—"), (427.9, 178.8, "—"), (457.1, 178.8, "—"),
    (94.9, 190.1, "预期目标"), (343.7, 190.1, "实际完成情况"),
    (54.7, 195.5, "年度总体目"), (54.7, 205.5, "标"),
    (94.9, 206.2, "完成职业技能培训年度任务，保障资金安全规范使用。"), (343.7, 206.2, "已按计划完成年度主要任务。"),
    (94.9, 226.9, "一级指标"), (142.5, 226.9, "二级指标"), (193.7, 226.9, "三级指标"), (288.8, 226.9, "年度目标"),
    (343.7, 226.9, "实际完成值"), (398.6, 226.9, "分值"), (427.9, 226.9, "得分"), (457.1, 226.9, "偏差原因分析"),
    (142.5, 242.9, "数量指标"), (193.7, 242.9, "开展技能培训人次"), (288.8, 242.9, "≥500人"), (343.7, 242.9, "520人"),
    (398.6, 242.9, "15"), (427.9, 242.9, "15"),
    (457.1, 258.3, "资金下达较晚，部分培训"), (457.1, 268.4, "顺延至次年"),
    (193.7, 263.3, "培训考核合格率"), (288.8, 263.3, "≥90%"), (343.7, 263.3, "85%"), (398.6, 263.3, "15"),
    (427.9, 263.3, "14.2"),
    (142.5, 278.1, "质量指标"),
    (457.1, 282.8, "受疫情影响部分班次停办"), (457.1, 292.8, "，已协调线上方式补充开"), (457.1, 302.9, "展"),
    (193.7, 292.8, "职业证书获取率"), (288.8, 292.8, "80%"), (343.7, 292.8, "76%"), (398.6, 292.8, "15"),
    (427.9, 292.8, "14.3"),
    (94.9, 309.9, "产出指标"),
    (193.7, 313.3, "培训完成时限"), (288.8, 313.3, "12月底前"), (343.7, 313.3, "11月"), (398.6, 313.3, "15"),
    (427.9, 313.3, "15"),
    (193.7, 324.7, "不适用"), (288.8, 324.7, "/"), (343.7, 324.7, "/"),
    (142.5, 330.4, "时效指标"),
    (193.7, 336.0, "补贴平均发放时长"), (288.8, 336.0, "30日内"), (343.7, 336.0, "25日"), (398.6, 336.0, "15"),
    (427.9, 336.0, "15"),
    (54.7, 345.4, "绩效指标"), (193.7, 347.4, "指标1："),
    (457.1, 362.9, "部分资金年底前未完成支"), (457.1, 372.9, "付，已纳入次年结转"),
    (142.5, 367.9, "成本指标"), (193.7, 367.9, "人均培训成本额"), (288.8, 367.9, "≤1800元"), (343.7, 367.9, "1860元"),
    (398.6, 367.9, "25"), (427.9, 367.9, "22.6"),
    (142.5, 393.0, "社会效益指标"), (193.7, 393.0, "带动就业人数"), (288.8, 393.0, "≥300人"), (343.7, 393.0, "312人"),
    (398.6, 393.0, "5"), (427.9, 393.0, "5"),
    (94.9, 418.1, "效益指标"), (142.5, 418.1, "经济效益指标"), (193.7, 418.1, "务工收入增长"), (288.8, 418.1, "≥5%"),
    (343.7, 418.1, "4.2%"), (398.6, 418.1, "5"), (427.9, 418.1, "4.2"),
    (457.1, 408.0, "受市场行情影响部分岗位"), (457.1, 418.1, "工资未达预期，下一步加"), (457.1, 428.1, "强对接"),
    (142.5, 443.2, "可持续影响指标"), (193.7, 443.2, "稳定就业比例"), (288.8, 443.2, "≥80%"), (343.7, 443.2, "82%"),
    (398.6, 443.2, "5"), (427.9, 443.2, "5"),
    (142.5, 458.8, "服务对象满意度"), (94.9, 463.8, "满意度指标"), (193.7, 463.8, "学员满意度"),
    (288.8, 463.8, "≥85%"), (343.7, 463.8, "93%"), (398.6, 463.8, "10"), (427.9, 463.8, "10"), (142.5, 468.9, "指标"),
    (54.7, 479.9, "总分"), (398.6, 479.9, "100"), (427.9, 479.9, "96.1"),
]


def _small() -> list[dict[str, Any]]:
    width = 6.904
    return [{"text": t, "x0": x, "x1": x + sum(width / 2 if ch.isascii() else width for ch in t), "top": y,
             "bottom": y + width} for x, y, t in SMALL]


def _small_rows() -> list[list[str]]:
    (table,) = [t.table.rows for t in read_positions(_small(), page=1, page_height=842, reader="words")]
    first = next(r for r, row in enumerate(table) if "一级指标" in row)
    return [[c for c in row if c] for row in table[first + 1:]]


def test_a_remark_of_three_lines_beside_a_level_in_a_form_without_a_score_on_every_row() -> None:
    # a placeholder row (不适用 | / | /) leaves the score column empty on one row of figures: no column
    # tells the rows, yet 受疫情影响部分班次停办 (beside 质量指标, centred between the rows it spans) opens
    # the remark of 职业证书获取率's row, and 质量指标 begins its span on 培训考核合格率
    body = _small_rows()
    assert "质量指标" in next(row for row in body if "培训考核合格率" in row)
    remark = next(row for row in body if "职业证书获取率" in row)[-1]
    assert remark == "受疫情影响部分班次停办\n，已协调线上方式补充开\n展"
    assert not any("受疫情影响部分班次停办" in row for row in body)  # (no row of its own)


def test_levels_centred_down_to_a_placeholder_row_begin_their_spans() -> None:
    # 时效指标 is centred on 培训完成时限 to the placeholder row 指标1： (and, alike, on 不适用 to
    # 补贴平均发放时长); 产出指标 on 开展技能培训人次 to 指标1：: a row naming an item and nothing else is
    # one of the rows a level spans, so each begins where the page's merged cell does
    body = _small_rows()
    assert [row[:3] for row in body[:7]] == [
        ["产出指标", "数量指标", "开展技能培训人次"],
        ["质量指标", "培训考核合格率", "≥90%"],
        ["职业证书获取率", "80%", "76%"],
        ["时效指标", "培训完成时限", "12月底前"],
        ["不适用", "/", "/"],
        ["补贴平均发放时长", "30日内", "25日"],
        ["指标1："],
    ]
