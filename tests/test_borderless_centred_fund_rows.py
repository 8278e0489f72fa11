"""Borderless forms whose cells are vertically centred, read as printed (issue #11, "Every layout").

The pages are drawn as words with boxes (type 10 points high, a Chinese character 10 points wide): a fund
block whose sources are one line each, some with their amounts left empty, beside a level label
centred on the block; a header wrapped over two lines around its row; a value merged across the value
columns among the rows of figures; a remark column's header beside a goal merged across it. The
expected rows are the forms as printed: what a ruled reader gives for the same form (each source a row
of its own, a label merged over a block on the block's first row).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from word_boxes import left as _word
from word_boxes import right as _right

from extract.tables.doubt import tails_by_position
from extract.tables.positions import align_continued, read_positions
from model.pages import PageText
from model.tables import RawTable

LINE = 15.0  # from one printed line's top to the next (one-line rows and wrapped lines alike)


def _tables(words: list[dict[str, Any]]) -> list[list[list[str | None]]]:
    return [t.table.rows for t in read_positions(words, page=1, page_height=842, reader="words")]


# 一级指标 | 二级指标 | 三级指标 | 年初预算数 | 全年预算数 | 全年执行数 | 得分
X = (40.0, 100.0, 200.0, 300.0, 380.0, 460.0, 540.0)


def _line(top: float, cells: dict[int, str]) -> list[dict[str, Any]]:
    return [_word(text, X[c], top) for c, text in cells.items()]


def _centred_indicator(top: float) -> list[dict[str, Any]]:
    """An indicator whose name and target wrap over two lines, its one-line cells halfway between them
    (the form centres its cells)."""
    words = _line(top, {2: "管网维修成", 3: "≤180"})
    words += _line(top + LINE / 2, {1: "成本指标", 4: "156元", 5: "8", 6: "8"})
    return words + _line(top + LINE, {2: "本", 3: "元/米"})


def test_fund_sources_left_empty_beside_the_total_are_rows_of_their_own() -> None:
    # 资金总额： and 事业收入 print their amounts on their own line; 其中：财政拨款, 上年结转资金 and
    # 其他资金 are one line each at the same pitch, their amounts left empty: rows of their own, not the
    # lines of one label wrapped around 资金总额 or 事业收入. 预算资金/（10分）, merged over the block, is
    # centred on it and goes to its first row, the header's
    top = 100.0
    words = _line(top, {3: "年初预算数", 4: "全年预算数", 5: "全年执行数"})
    labels = ["资金总额：", "其中：财政拨款", "上年结转资金", "事业收入", "其他资金"]
    amounts = {0: ("1,250.00", "1,300.00", "1,288.40"), 3: ("1,250.00", "1,300.00", "1,288.40")}
    for k, label in enumerate(labels):
        cells = {1: label}
        if k in amounts:
            cells.update({3 + j: a for j, a in enumerate(amounts[k])})
        words += _line(top + (k + 1) * LINE, cells)
    words += [_word("预算资金", 40, top + 2.5 * LINE), _word("（10分）", 40, top + 3.5 * LINE)]
    words += _line(top + 6 * LINE, {1: "一级指标", 2: "三级指标", 3: "指标值", 4: "实际值", 5: "分值", 6: "得分"})
    words += _centred_indicator(top + 7 * LINE)
    (table,) = _tables(words)
    header = next(r for r, row in enumerate(table) if row[3] == "年初预算数")
    assert table[header][0] == "预算资金\n（10分）"
    assert [[cell or "" for cell in row[1:6]] for row in table[header + 1:header + 6]] == [
        ["资金总额：", "", "1,250.00", "1,300.00", "1,288.40"],
        ["其中：财政拨款", "", "", "", ""],
        ["上年结转资金", "", "", "", ""],
        ["事业收入", "", "1,250.00", "1,300.00", "1,288.40"],
        ["其他资金", "", "", "", ""],
    ]


def test_a_source_naming_its_own_amounts_is_no_line_of_the_label_above() -> None:
    # 其中：财政拨 prints its own amounts on its line, under 资金总额合计 whose column it fills to the edge
    # as that label does: it names its row, it does not continue the label above
    top = 100.0
    words = _line(top, {3: "年初预算数", 4: "全年预算数", 5: "全年执行数"})
    words += _line(top + LINE, {1: "资金总额合计", 3: "860.00", 4: "900.00", 5: "874.30"})
    words += _line(top + 2 * LINE, {1: "其中：财政拨", 3: "600.00", 4: "640.00", 5: "630.10"})
    words += _line(top + 3 * LINE, {1: "单位自筹", 3: "260.00", 4: "260.00", 5: "244.20"})
    words += [_word("资金情况", 40, top + 1.5 * LINE), _word("（20分）", 40, top + 2.5 * LINE)]
    words += _line(top + 4 * LINE, {1: "一级指标", 2: "三级指标", 3: "指标值", 4: "实际值", 5: "分值", 6: "得分"})
    words += _centred_indicator(top + 5 * LINE)
    for k, name in enumerate(["管网漏损率", "水质合格率", "抢修及时率", "供水保证率", "用户满意度"]):
        words += _line(top + (7 + k) * LINE, {2: name, 3: "≥95%", 4: "97%", 5: "8", 6: "8"})
    (table,) = _tables(words)
    first = next(r for r, row in enumerate(table) if row[3] == "860.00")
    assert [row[1] for row in table[first:first + 3]] == ["资金总额合计", "其中：财政拨", "单位自筹"]


def test_a_header_wrapped_over_two_lines_around_its_row_heads_its_column() -> None:
    # 执行数（万元） is wider than its column of figures: it wraps over two lines set around the line of
    # the other headings (the lines overlap it), and heads the figures below it
    x = (40.0, 80.0, 190.0, 290.0, 380.0)
    words = [_word("执行数（万", x[3] - 15, 92)]
    words += [_word(t, x[c], 100) for c, t in enumerate(["序号", "单位名称", "预算数（万元）"])]
    words += [_word("完成率", x[4], 100), _word("元）", x[3] + 5, 108)]
    rows = [("1", "城区供水站", "420.50", "418.20", "99.45%"), ("2", "乡镇供水站", "310.00", "296.70", "95.71%"),
            ("3", "水质检测所", "88.40", "88.40", "100.00%")]
    for k, row in enumerate(rows):
        words += [_word(t, x[c] + (10 if c >= 2 else 0), 125 + k * LINE) for c, t in enumerate(row)]
    (table,) = _tables(words)
    assert table[0] == ["序号", "单位名称", "预算数（万元）", "执行数（万\n元）", "完成率"]
    assert [row[3] for row in table[1:]] == ["418.20", "296.70", "88.40"]


def test_a_value_merged_across_the_value_columns_among_rows_of_figures_stays_on_its_row() -> None:
    # 包含子项 | 设备购置,系统运维,… (merged across the columns from 二级指标 on) stands between rows that
    # print figures; its label's column and 二级指标 are empty on most of them, but this is a row's
    # value, not a label merged down
    x = (40.0, 110.0, 200.0, 300.0, 400.0, 480.0)
    words = [_word("（单位盖章）", x[0], 100), _word("自评时间：2024年3月", x[3], 100),
             _word("自评得分：91.5", x[5], 100)]
    words += [_word("项目名称", x[0], 115), _word("智慧水务平台", x[3], 115)]
    words += [_word("包含子项", x[0], 130), _word("设备购置,系统运维,人员培训,数据治理,平台推广,应急演练", x[1], 130)]
    words += [_word("主管部门", x[0], 145), _word("市水务局", x[3], 145), _word("实施单位", x[4], 145),
              _word("市供水公司", x[5], 145)]
    words += [_word(t, x[c], 160) for c, t in ((1, "二级指标"), (2, "三级指标"), (3, "指标值"), (4, "实际值"),
                                                (5, "得分"))]
    for k, (name, target, actual, score) in enumerate([("平台上线数", "3个", "3个", "10"),
                                                       ("故障修复率", "95%", "97%", "10"),
                                                       ("用户满意度", "90%", "92%", "9.5")]):
        words += [_word(t, x[c], 175 + k * LINE) for c, t in ((2, name), (3, target), (4, actual), (5, score))]
    words += [_word("数量指标", x[1], 175)]
    (table,) = _tables(words)
    row = next(r for r in table if "包含子项" in (r[0] or ""))
    assert row[0] == "包含子项"
    assert "设备购置,系统运维,人员培训,数据治理,平台推广,应急演练" in row


def test_a_remark_header_beside_a_goal_merged_across_its_column_stays_in_the_header_row() -> None:
    # the goal's text runs across every column, 备注 included; the header row under it prints 备注 on
    # its own line, centred on no free rows: it heads its column, as a ruled reader gives it
    x = (40.0, 110.0, 190.0, 270.0, 400.0, 470.0)
    goal = "完成河道清淤整治工程，改善沿线水环境，保障汛期行洪安全畅通，提升群众满意度"
    words = [_word("年度目标", x[0], 100), _word(goal, x[1], 100)]
    headings = ["一级指标", "二级指标", "三级指标", "指标内容", "指标值", "备注"]
    words += [_word(t, x[c], 115) for c, t in enumerate(headings)]
    targets = [("数量指标", "清淤河道长度", "12公里"), ("质量指标", "验收合格率", "100%"),
               ("时效指标", "完工及时率", "95%"), ("成本指标", "每公里成本", "≤40万元")]
    for k, (level, name, target) in enumerate(targets):
        words += [_word(level, x[2], 130 + k * LINE), _word(name, x[3], 130 + k * LINE),
                  _word(target, x[4], 130 + k * LINE)]
    words += [_word("产出指标", x[1], 130 + 1.5 * LINE)]
    tables = _tables(words)
    header = next(row for t in tables for row in t if row and "指标内容" in row)
    assert header[-1] == "备注"


@dataclass
class _Page:
    text: str

    def extract_text(self) -> str:
        return self.text

    def close(self) -> None:
        pass


@dataclass
class _Plumber:
    pages: list[_Page]


@dataclass
class _Pdf:
    plumber: _Plumber


def test_the_closing_rows_of_a_form_alone_on_a_page_drawn_cell_by_cell_are_read() -> None:
    # the last indicator and the 总分 row of a form begun on the page before: the content stream draws
    # the cells apart, so its text breaks a printed line at every cell (no two figures side by side);
    # the printed lines, by position, are the end of a form
    printed = "群众满意度 90%以上 96% 10 10\n总分 100 95.6 优"
    stream = "群众满意度 90%以上\n96%\n10\n10\n总分\n100\n95.6\n优"
    page = PageText(number=2, text=stream, width=595, height=842)
    found = tails_by_position(_Pdf(_Plumber([_Page("正文"), _Page(printed)])), [page])  # type: ignore[arg-type]
    assert list(found) == [2]
    prose = PageText(number=2, text="本项目由市财政局组织实施。\n联系人：王明", width=595, height=842)
    assert not tails_by_position(_Pdf(_Plumber([_Page(""), _Page(prose.text)])), [prose])  # type: ignore[arg-type]


def test_a_continued_part_whose_level_column_splits_in_two_takes_the_columns_it_continues() -> None:
    # page 1: 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际值 | 得分; page 2 continues it, its
    # 一级指标 column holding only 效益指标's weight (（30分）) and the closing row's remark (无), set
    # apart from each other: two narrow columns where page 1 has one
    head = RawTable.on_page(page=1, rows=[["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "实际值", "得分"],
                                          ["", "产出指标", "数量指标", "新建泵站", "3座", "3座", "10"]],
                            reader="words", bbox=(40, 100, 510, 140), index_on_page=0, page_height=842)
    head.columns = [(40, 90), (100, 160), (170, 230), (240, 340), (350, 400), (410, 460), (480, 510)]
    cont = RawTable.on_page(page=2, rows=[["", "", "", "社会效益", "受益人口", "≥2万人", "2.3万人", "10"],
                                          ["", "", "（30分）", "", "用户满意度", "≥90%", "93%", "9"],
                                          ["说明", "无", "", "", "", "", "", ""]],
                            reader="words", bbox=(45, 60, 505, 120), index_on_page=0, page_height=842)
    cont.columns = [(45, 70), (100, 110), (115, 155), (170, 230), (240, 330), (350, 390), (410, 450), (480, 505)]
    align_continued([head, cont])
    assert cont.rows == [["", "", "社会效益", "受益人口", "≥2万人", "2.3万人", "10"],
                         ["", "（30分）", "", "用户满意度", "≥90%", "93%", "9"],
                         ["说明", "无", "", "", "", "", ""]]


def test_header_cells_set_touching_over_their_columns_head_a_column_each() -> None:
    # three header cells wider than their columns wrap over two lines around the header's line; their
    # first lines touch (less than a character apart) and read as one run of text, but each stands over
    # its own column of amounts, as the ends of their second lines show
    x = (40.0, 160.0, 260.0, 330.0, 410.0, 490.0)
    words = [_word("经费拨款（万元", 320, 92), _word("专项拨款（万", 392, 92), _word("基金拨款（", 454, 92)]
    words += [_word("支出功能分类", x[0], 100), _word("合计（万元）", x[2] - 20, 100)]
    words += [_word("）", x[3] + 20, 108), _word("元）", x[4] + 20, 108), _word("万元）", x[5] + 5, 108)]
    for k, (name, total, a, b) in enumerate([("教育支出", "520.40", "480.40", "40.00"),
                                             ("科学技术支出", "96.10", "96.10", ""),
                                             ("卫生健康支出", "310.75", "250.75", "60.00")]):
        top = 125 + k * LINE
        words += [_word(name, x[0], top), _word(total, x[2], top), _word(a, x[3] + 5, top)]
        if b:
            words.append(_word(b, x[4] + 10, top))
    (table,) = _tables(words)
    header = next(row for row in table if "支出功能分类" in row)
    assert [c for c in header if c] == ["支出功能分类", "合计（万元）", "经费拨款（万元\n）", "专项拨款（万\n元）",
                                        "基金拨款（\n万元）"]


def test_header_cells_set_touching_head_a_column_each_though_the_first_ends_inside_its_figures() -> None:
    # two header cells centred over their columns wrap around the header's line (一般公共预算拨款收 / 入,
    # 政府性基金预算拨款 / 收入); their first lines stand closer than a digit is wide and the first ends a
    # little inside the span of its column's figures (set flush right in a cell wider than they are), the
    # second begins past it: two cells, each over its own column, not one cell centred over both
    words = [_word("一般公共预算拨款收", 243, 92), _word("政府性基金预算拨款", 336, 92)]
    words += [_word("科目", 60, 100), _word("合计", 175, 100), _word("其他收入", 470, 100)]
    words += [_word("入", 283, 108), _word("收入", 371, 108)]
    body = [("合计", "33,251,746.17", "28,148,337.58", "4,661,180.00", "442,228.59"),
            ("一般公共服务支出", "5,757,176.30", "5,477,555.71", "", "279,620.59"),
            ("城乡社区支出", "9,072,491.02", "4,248,703.02", "4,661,180.00", "162,608.00")]
    for k, (name, total, a, b, c) in enumerate(body):
        top = 125 + k * LINE
        words += [_word(name, 40, top), _right(total, 220, top), _right(a, 335, top), _right(c, 520, top)]
        if b:
            words.append(_right(b, 430, top))
    (table,) = _tables(words)
    header = next(row for row in table if "科目" in row)
    assert [c for c in header if c] == ["科目", "合计", "一般公共预算拨款收\n入", "政府性基金预算拨款\n收入",
                                        "其他收入"]
