"""Borderless forms and statements whose cells are vertically centred (issue #11, "Every layout").

Many offices set every cell vertically centred (Word's vAlign center, Calc's centre) and narrow the
label columns so labels wrap. The pages are drawn as words with boxes: type 10 points high on lines
13 points apart, a one-line cell beside a two-line one printed halfway between the two lines, a
label wrapped at its column's width standing on the lines of one-line rows, a header centred over
figures set flush left. The expected rows are the forms as printed (what a ruled reader gives for the
same form: a cell in the row it belongs to, a label merged over a block on the block's first row).
"""

from __future__ import annotations

from typing import Any

from extract.interpreters.selfeval.indicators import IndicatorSection
from extract.interpreters.selfeval.vertical import vertical_rows
from extract.tables.cell_lines import cell_lines
from extract.tables.positions import read_positions
from normalize.indicator_values import parse_indicator_value

CHAR = 10.0  # width and height of one CJK character
LINE = 13.0  # from one printed line's top to the next
HALF = LINE / 2  # a one-line cell centred beside a two-line one stands this far below the first line


def _word(text: str, x0: float, top: float) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + CHAR * len(text), "top": top, "bottom": top + CHAR}


def _tables(words: list[dict[str, Any]]) -> list[list[list[str | None]]]:
    return [t.table.rows for t in read_positions(words, page=1, page_height=842, reader="words")]


# 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分
FORM_X = (40.0, 110.0, 180.0, 250.0, 330.0, 380.0)


def _line(top: float, cells: dict[int, str]) -> list[dict[str, Any]]:
    return [_word(text, FORM_X[c], top) for c, text in cells.items()]


def _header() -> list[dict[str, Any]]:
    return _line(100, dict(enumerate(("二级指标", "三级指标", "指标值", "实际值", "分值", "得分"))))


def test_one_line_cells_centred_between_the_two_lines_of_wrapped_cells_stay_in_their_row() -> None:
    # 单位维修成本 and its values wrap over two lines; the level label, the actual 687万元 and the scores,
    # one line each, are printed halfway between those lines
    words = _header() + _line(113, {0: "时效指标", 1: "办结时限", 2: "≤3天", 3: "2天", 4: "8", 5: "8"})
    top = 126.0
    words += _line(top, {1: "单位维修成", 2: "≤260", 3: "226.16"})
    words += _line(top + HALF, {0: "成本指标", 4: "8", 5: "8"})
    words += _line(top + LINE, {1: "本", 2: "元/平方米", 3: "元/平方米"})
    top += 2 * LINE
    words += _line(top, {1: "节约运行费", 2: "不少于800"})
    words += _line(top + HALF, {0: "经济效益", 3: "687万元", 4: "8", 5: "7.5"})
    words += _line(top + LINE, {1: "用", 2: "万元"})
    (table,) = _tables(words)
    assert table[1:] == [
        ["时效指标", "办结时限", "≤3天", "2天", "8", "8"],
        ["成本指标", "单位维修成\n本", "≤260\n元/平方米", "226.16\n元/平方米", "8", "8"],
        ["经济效益", "节约运行费\n用", "不少于800\n万元", "687万元", "8", "7.5"],
    ]


def test_a_level_label_centred_between_two_one_line_rows_starts_them_and_joins_neither() -> None:
    # 数量指标 is merged over two one-line rows and printed halfway between them: it stands left of
    # every cell of theirs, so the two rows stay two rows and the label goes to the first
    words = _header()
    words += _line(113, {1: "培训人次", 2: "≥800人次", 3: "878人次", 4: "9", 5: "9"})
    words += _line(113 + HALF, {0: "数量指标"})
    words += _line(113 + LINE, {1: "新建设施", 2: "≥60处", 3: "62处", 4: "9", 5: "9"})
    words += _line(113 + 2 * LINE, {0: "质量指标", 1: "验收合格率", 2: "100%", 3: "100%", 4: "8", 5: "8"})
    (table,) = _tables(words)
    assert table[1:] == [
        ["数量指标", "培训人次", "≥800人次", "878人次", "9", "9"],
        ["", "新建设施", "≥60处", "62处", "9", "9"],
        ["质量指标", "验收合格率", "100%", "100%", "8", "8"],
    ]


def test_a_label_centred_between_two_rows_that_print_their_figures_joins_neither() -> None:
    # 质量指标 is merged over two one-line rows and printed halfway between them; the lines of a label
    # merged further left (绩效指标 wrapped in a column two characters wide) stand on those rows' lines,
    # left of 质量指标: each row prints its own figures, so the rows stay two
    x = (30.0, 70.0, 125.0, 200.0, 270.0, 340.0)

    def line(top: float, cells: dict[int, str]) -> list[dict[str, Any]]:
        return [_word(text, x[c], top) for c, text in cells.items()]

    words = line(100, {1: "二级指标", 2: "三级指标", 3: "指标值", 4: "实际值", 5: "得分"})
    words += line(113, {0: "绩效", 2: "证据准确率", 3: "100%", 4: "100%", 5: "2"})
    words += line(113 + HALF, {1: "质量指标"})
    words += line(113 + LINE, {0: "指标", 2: "车辆完好率", 3: "100%", 4: "98%", 5: "1.8"})
    words += line(113 + 2 * LINE, {1: "数量指标", 2: "鉴定完成率", 3: "100%", 4: "100%", 5: "2"})
    (table,) = _tables(words)
    assert [row[1:] for row in table[1:]] == [
        ["质量指标", "证据准确率", "100%", "100%", "2"],
        ["", "车辆完好率", "100%", "98%", "1.8"],
        ["数量指标", "鉴定完成率", "100%", "100%", "2"],
    ]


def test_two_narrow_level_columns_under_a_wide_fund_label_stay_two_columns() -> None:
    # the fund block's row labels (其中：一般公共预算) run over the width the indicator part gives to two
    # columns, 一级指标 | 二级指标, and its rows hold more cells (分值 | 执行率 | 得分) than the indicators':
    # the level labels keep a column each
    x = (40.0, 100.0, 170.0, 250.0, 320.0, 390.0, 440.0, 500.0)

    def line(top: float, cells: dict[int, str]) -> list[dict[str, Any]]:
        return [_word(text, x[c], top) for c, text in cells.items()]

    words = line(100, {2: "年初预算数", 3: "全年预算数", 4: "全年执行数", 5: "分值", 6: "执行率", 7: "得分"})
    fund = [("年度资金总额", "300.00", "320.00", "310.00", "10", "96.88%", "9.69"),
            ("其中：一般公共预算", "200.00", "220.00", "215.00", "—", "—", "—"),
            ("政府性基金预算", "100.00", "100.00", "95.00", "—", "—", "—")]
    for k, (label, *cells) in enumerate(fund):
        words += [_word(label, 40, 113 + k * LINE), *line(113 + k * LINE, dict(enumerate(cells, start=2)))]
    top = 139 + 3 * LINE  # the indicator part, a line's white below (a row of the form between them)
    words += line(top, {0: "一级指标", 1: "二级指标", 2: "三级指标", 3: "年度指标值", 4: "实际完成值"})
    words += line(top + LINE, {0: "产出指标", 1: "数量指标", 2: "培训人次", 3: "≥800人次", 4: "878人次"})
    words += line(top + 2 * LINE, {1: "质量指标", 2: "验收合格率", 3: "100%", 4: "100%"})
    words += line(top + 3 * LINE, {0: "效益指标", 1: "社会效益", 2: "受益人数", 3: "≥500人", 4: "620人"})
    (table,) = _tables(words)
    # each indicator's level labels, one a column (the last line of each cell: the indicator's own; the
    # header 一级指标 | 二级指标 | 三级指标 is a row of its own or the first lines of the first row's cells)
    levels = {row[2].split("\n")[-1]: [(c or "").split("\n")[-1] for c in row[:2]] for row in table[4:]
              if row[2] and row[2] != "三级指标"}
    assert levels == {"培训人次": ["产出指标", "数量指标"], "验收合格率": ["", "质量指标"],
                      "受益人数": ["效益指标", "社会效益"]}
    assert table[2][:2] == ["其中：一般公共预算", None]  # the wide label spans both columns


def test_a_label_wrapped_at_its_columns_width_beside_one_line_rows_heads_its_block() -> None:
    # 年度部门整体支出预算执行情况（万元） wraps at five characters over four of the block's one-line rows,
    # centred on its eleven rows (the header and ten rows of amounts); a ruled reader gives it on the block's
    # first row, the header's. The last row's label wraps too, its amounts centred beside it: the form
    # centres its cells
    x = (40.0, 100.0, 200.0, 270.0, 340.0)

    def line(top: float, cells: dict[int, str]) -> list[dict[str, Any]]:
        return [_word(text, x[c], top) for c, text in cells.items()]

    words = line(87, {0: "年度总体目", 1: "完成年度重点工作任务", 3: "已完成"})
    words += line(87 + LINE, {0: "标"})
    words += line(126, {2: "年初预算数", 3: "全年预算数", 4: "全年执行数"})
    labels = ["年度资金总额", "一般公共预算", "政府性基金", "国有资本经营", "单位资金",
              "基本支出", "项目支出", "其他支出", "上年结转"]
    wrapped = {3: "年度部门整", 4: "体支出预算", 5: "执行情况", 6: "（万元）"}
    for k, label in enumerate(labels):
        top = 139 + k * LINE
        words += line(top, {1: label, 2: f"{100 + k}.00", 3: f"{110 + k}.00", 4: f"{105 + k}.00"})
        if k in wrapped:
            words.append(_word(wrapped[k], 40, top))
    top = 139 + len(labels) * LINE  # 上年结转和结余资金 wraps after six characters
    words += [_word("上年结转和结", 100, top), _word("余资金", 100, top + LINE)]
    words += line(top + HALF, {2: "9.00", 3: "9.00", 4: "9.00"})
    (table,) = _tables(words)
    first = next(r for r, row in enumerate(table) if row[2] == "年初预算数")
    assert table[first][0] == "年度部门整\n体支出预算\n执行情况\n（万元）"
    assert all(not row[0] for row in table[first + 1:])


def test_a_header_centred_over_figures_set_flush_left_heads_their_column() -> None:
    # a 收支总表 whose amounts are set flush left in their cells and whose 决算数 is centred over them:
    # the header stands in the white right of the figures, and heads them (half the lines show one
    # amount, so it reads as a form, not a statement)
    x = {"item": 40.0, "amount": 230.0, "item2": 400.0, "amount2": 590.0}
    words = [_word("项目", 120, 100), _word("决算数", 300, 100), _word("项目", 470, 100), _word("决算数", 690, 100)]
    rows = [("一般公共预算财政拨款收入", "2,496.96", "一般公共服务支出", "463.08"),
            ("上级补助收入", "", "社会保障和就业支出", "795.62"),
            ("事业收入", "27.22", "卫生健康支出", "427.37"),
            ("经营收入", "", "城乡社区支出", "571.62"),
            ("附属单位上缴收入", "", "农林水支出", "160.70"),
            ("本年收入合计", "2,524.18", "本年支出合计", "2,418.19")]
    for k, (a, b, c, d) in enumerate(rows):
        top = 113 + k * LINE
        words += [_word(a, x["item"], top), _word(c, x["item2"], top), _word(d, x["amount2"], top)]
        words += [_word(b, x["amount"], top)] if b else []
    (table,) = _tables(words)
    assert table[0] == ["项目", "决算数", "项目", "决算数"]
    assert table[1] == ["一般公共预算财政拨款收入", "2,496.96", "一般公共服务支出", "463.08"]
    assert table[2] == ["上级补助收入", "", "社会保障和就业支出", "795.62"]


def test_an_upper_header_over_centred_header_cells_spans_the_columns_below_it() -> None:
    # a “三公” statement: 公务用车购置及运行费 on the header's first line over 小计 | 购置费 | 运行费 on its last;
    # 项目, 合计 and 公务接待费, merged down both header rows, centred between; 因公出国（境）费 wraps in its
    # own column. A ruled reader gives the upper cell a row of its own over the three columns it spans
    x = (40.0, 120.0, 200.0, 290.0, 370.0, 450.0, 530.0)
    words = [_word("因公出国（境）", 200, 100), _word("公务用车购置及运行费", 345, 100)]
    words += [_word(t, x[c], 100 + HALF) for c, t in ((0, "项目"), (1, "合计"), (6, "公务接待费"))]
    words += [_word(t, x[c], 100 + LINE) for c, t in ((2, "费"), (3, "小计"), (4, "购置费"), (5, "运行费"))]
    for k, (label, *amounts) in enumerate((("预算数", "37.57", "0.00", "13.24", "0.00", "13.24", "5.60"),
                                           ("决算数", "29.55", "0.00", "11.27", "0.00", "11.27", "4.22"))):
        words += [_word(label, 40, 126 + k * LINE)]
        words += [_word(a, x[c] + 10, 126 + k * LINE) for c, a in enumerate(amounts, start=1)]
    (table,) = _tables(words)
    assert table[:2] == [
        ["", "", "", "公务用车购置及运行费", None, None, ""],
        ["项目", "合计", "因公出国（境）\n费", "小计", "购置费", "运行费", "公务接待费"],
    ]


def _chars(text: str, x0: float, top: float) -> list[dict[str, Any]]:
    return [{"text": ch, "x0": x0 + k * CHAR, "x1": x0 + (k + 1) * CHAR, "top": top, "bottom": top + CHAR,
             "size": CHAR} for k, ch in enumerate(text)]


def test_an_opening_bracket_moves_down_with_what_follows_it() -> None:
    # ≥36台（套） in a cell six characters wide: （套） could not be parted, so it went down whole; the
    # line above has room for one character but not for （套
    chars = _chars("≥36台", 102, 100) + _chars("（套）", 102, 113)
    cell = cell_lines((100, 98, 162, 125), "≥36台\n（套）", chars)
    assert cell.lines[1].wrapped


SECTION = IndicatorSection(roles={0: "level2", 1: "name", 2: "target", 3: "actual", 4: "weight", 5: "score"},
                           ncols=6, scope="project", project="道路养护")


def test_a_one_character_name_line_is_the_end_of_a_wrapped_name() -> None:
    # 单位维修成/本 beside ≤260/元/平方米: the values break in two, but no indicator is named 本
    row = ["成本指标", "单位维修成\n本", "≤260\n元/平方米", "226.16\n元/平方米", "8", "8"]
    assert vertical_rows(SECTION, row, lambda: None, exact_lines=True) is None


def test_a_unit_printed_with_its_other_name_in_brackets_is_a_unit() -> None:
    value = parse_indicator_value("≥36台（套）")
    assert (value.operator, value.value, value.unit) == (">=", 36.0, "台(套)")
    assert parse_indicator_value("≥36台（2023年）").value is None  # a note, not a unit
