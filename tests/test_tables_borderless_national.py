"""Borderless tables of the national templates read from word positions (issue #11).

The pages are drawn here as words with boxes, the way the national templates are typeset without
rulings: a statement's upper header (公务用车购置及运行费, 收入, 支出) centred or set left over the
columns it spans, a 三公经费 statement of one or two lines of amounts, a 执行率 column of rates
beside the amounts, a self-evaluation form whose long label is wrapped down beside one-line rows at
its own leading, and a 绩效目标表 whose values are words (≥120个, 逐步完善) rather than figures. The
expected rows are what the page prints, cell by cell, as a ruled reader gives them (a merged cell's
text in its first column and row, ``None`` in the columns it spans).
"""

from __future__ import annotations

from typing import Any

from extract.tables.doubt import page_doubt
from extract.tables.positions import read_positions
from model.tables import RawTable

CHAR = 9.0  # width and height of one CJK character
DIGIT = 4.5  # width of a digit, a point or a comma
PITCH = 13.5  # from one row's top to the next (a one-line row with its padding)
LEADING = 12.9  # from one line of a wrapped cell to the next (the type's leading)
HEADER_ROW = 20.0  # from a two-level header's upper line to its lower line (padded header rows)

Word = dict[str, Any]


def _width(text: str) -> float:
    return sum(DIGIT if ch.isascii() else CHAR for ch in text)


def _left(text: str, x0: float, top: float) -> Word:
    return {"text": text, "x0": x0, "x1": x0 + _width(text), "top": top, "bottom": top + CHAR}


def _right(text: str, x1: float, top: float) -> Word:
    return _left(text, x1 - _width(text), top)


def _centred(text: str, col: tuple[float, float], top: float) -> Word:
    return _left(text, (col[0] + col[1] - _width(text)) / 2, top)


def _tables(words: list[Word]) -> list[RawTable]:
    return [p.table for p in read_positions(words, page=1, page_height=842, reader="words")]


# ---- a 三公经费 statement: one line of amounts under a header of two levels ------------------------

# 合计 | 因公出国（境）费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费
SANGONG = ((80.0, 160.0), (160.0, 240.0), (240.0, 320.0), (320.0, 400.0), (400.0, 480.0), (480.0, 560.0))


def _sangong(amounts: list[tuple[str, ...]], top: float = 100.0) -> list[Word]:
    words = [_left("编制单位：某某市司法局", 60.0, top - 2 * PITCH), _left("单位：万元", 260.0, top - 2 * PITCH)]
    words.append(_centred("公务用车购置及运行费", (SANGONG[2][0], SANGONG[4][1]), top))
    for text, col in zip(("合计", "因公出国（境）费"), SANGONG[:2], strict=True):
        words.append(_centred(text, col, top + HEADER_ROW / 2))  # centred on the header's two lines
    words.append(_centred("公务接待费", SANGONG[5], top + HEADER_ROW / 2))
    for text, col in zip(("小计", "购置费", "运行费"), SANGONG[2:5], strict=True):
        words.append(_centred(text, col, top + HEADER_ROW))
    for i, line in enumerate(amounts):
        y = top + HEADER_ROW + (1 + i) * PITCH + 2
        words += [_right(a, col[1] - 4, y) for a, col in zip(line, SANGONG, strict=True)]
    return words


def test_sangong_statement_of_one_line_of_amounts_is_read_under_its_header() -> None:
    (table,) = _tables(_sangong([("7.43", "0.00", "3.13", "0.00", "3.13", "4.30")]))
    rows = [r[-6:] for r in table.rows]
    assert ["合计", "因公出国（境）费", "公务用车购置及运行费", None, None, "公务接待费"] in rows
    assert ["", "", "小计", "购置费", "运行费", ""] in rows
    assert rows[-1] == ["7.43", "0.00", "3.13", "0.00", "3.13", "4.30"]


def test_sangong_upper_header_spans_the_three_columns_it_is_centred_over() -> None:
    # 公务用车购置及运行费 is printed over 购置费 alone, centred over 小计 | 购置费 | 运行费: a ruled
    # reader gives it in the first of the three columns, the two others spanned
    (table,) = _tables(_sangong([("18.96", "3.75", "3.42", "-", "3.42", "5.94"),
                                 ("15.67", "3.11", "3.05", "-", "3.05", "4.20")]))
    head = next(r for r in table.rows if "公务用车购置及运行费" in r)
    col = head.index("公务用车购置及运行费")
    below = next(r for r in table.rows if "小计" in r)
    assert below.index("小计") == col and head[col + 1] is None and head[col + 2] is None
    assert [r[col + 1] for r in table.rows[-2:]] == ["-", "-"]  # the dash of none stands in 购置费


def test_unit_line_above_a_statement_spans_nothing() -> None:
    # 编制单位 and 单位：万元 stand above the header, over no column of their own: the statement's caption,
    # the text above the table, never a row of it
    (table,) = _tables(_sangong([("7.43", "0.00", "3.13", "0.00", "3.13", "4.30")]))
    assert not any(c and ("单位：万元" in c or "编制单位" in c) for r in table.rows for c in r)
    assert "编制单位：某某市司法局 单位：万元" in table.text_above


# ---- 财政拨款收入支出总表: 收入 and 支出 centred over their groups of columns ----------------------

TOTALS = ((60.0, 170.0), (170.0, 210.0), (210.0, 280.0), (280.0, 400.0), (400.0, 440.0), (440.0, 510.0),
          (510.0, 600.0))
TOTALS_BODY = (
    ("一、一般公共预算财政拨款", "1", "2,294.60", "一、一般公共服务支出", "11", "680.01", "680.01"),
    ("二、政府性基金预算财政拨款", "2", "315.05", "二、文化旅游体育与传媒支出", "12", "55.57", "55.57"),
    ("", "", "", "三、社会保障和就业支出", "13", "637.24", "637.24"),
    ("本年收入合计", "8", "2,609.65", "本年支出合计", "18", "2,609.65", "2,294.60"),
)


def _totals(top: float = 100.0) -> list[Word]:
    words = [_centred("收入", (TOTALS[0][0], TOTALS[2][1]), top), _centred("支出", (TOTALS[3][0], TOTALS[6][1]), top)]
    heads = ("项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算")
    words += [_centred(h, col, top + PITCH) for h, col in zip(heads, TOTALS, strict=True)]
    for i, row in enumerate(TOTALS_BODY):
        y = top + (2 + i) * PITCH
        for k, (text, col) in enumerate(zip(row, TOTALS, strict=True)):
            if text:
                if k in (0, 3):  # items set left, line numbers centred, amounts right
                    words.append(_left(text, col[0] + 3, y))
                else:
                    words.append(_centred(text, col, y) if k in (1, 4) else _right(text, col[1] - 4, y))
    return words


def test_income_and_expenditure_headers_span_their_groups_of_columns() -> None:
    (table,) = _tables(_totals())
    assert table.rows[0] == ["收入", None, None, "支出", None, None, None]
    assert table.rows[1] == ["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算"]
    assert table.rows[2] == list(TOTALS_BODY[0])


# ---- a 决算 statement set in the yuan dialect: headers set left, a last column of rates ------------

RATES = ((56.0, 190.0), (194.0, 325.0), (332.0, 463.0), (470.0, 601.0), (608.0, 740.0))
RATES_BODY = (
    ("一、收入合计", "33,532,289.43", "35,500,770.85", "32,224,052.27", "90.77%"),
    ("其中：财政拨款收入", "32,701,501.52", "34,596,921.65", "31,369,819.81", "90.67%"),
    ("事业收入", "288,398.60", "298,145.35", "284,744.15", "95.51%"),
    ("二、支出合计", "32,494,587.88", "33,968,335.33", "32,224,052.27", "94.86%"),
)


def test_statement_with_a_last_column_of_rates_puts_each_left_set_header_over_its_amounts() -> None:
    words = [_left(h, col[0], 100.0) for h, col in zip(("项目", "年初预算数", "全年预算数", "决算数", "执行率"),
                                                       RATES, strict=True)]
    for i, row in enumerate(RATES_BODY):
        words.append(_left(row[0], RATES[0][0], 100.0 + (1 + i) * PITCH))
        words += [_right(a, col[1], 100.0 + (1 + i) * PITCH) for a, col in zip(row[1:], RATES[1:], strict=True)]
    (table,) = _tables(words)
    assert table.rows == [["项目", "年初预算数", "全年预算数", "决算数", "执行率"], *map(list, RATES_BODY)]


# ---- a self-evaluation form: a long label wrapped down beside one-line rows -----------------------

FORM = ((56.0, 110.0), (113.0, 220.0), (226.0, 280.0), (283.0, 337.0), (340.0, 394.0), (396.0, 450.0))


def test_label_wrapped_down_beside_one_line_rows_is_one_cell_of_its_first_row() -> None:
    # 年度部门整体支出预算执行情况（万元） is wrapped over four lines at the type's leading beside
    # rows set a little wider apart: each of its lines stands a little above its row's line
    top = 100.0
    label = ("年度部门整", "体支出预算", "执行情况", "（万元）")
    rows = (("", "年初预算数", "全年预算数", "全年执行数", "分值"),
            ("年度资金总额", "3,067.78", "3,262.23", "3,095.13", "10"),
            ("其中：一般公共预算", "320.78", "122.99", "117.51", "—"),
            ("政府性基金预算", "1,448.97", "1,701.18", "1,659.73", "—"),
            ("单位资金", "1,298.03", "1,438.06", "1,317.89", "—"))
    words = [_left(text, FORM[0][0], top + k * LEADING) for k, text in enumerate(label)]
    for i, row in enumerate(rows):
        y = top + i * PITCH
        words += [_left(text, col[0], y) for text, col in zip(row, FORM[1:], strict=True) if text]
    (table,) = _tables(words)
    assert table.rows[0][0] == "年度部门整\n体支出预算\n执行情况\n（万元）"
    assert [r[0] for r in table.rows[1:]] == ["", "", "", ""]
    assert [r[1] for r in table.rows] == ["", "年度资金总额", "其中：一般公共预算", "政府性基金预算", "单位资金"]


def test_cells_of_one_row_on_one_baseline_stay_on_their_rows() -> None:
    # the same form with the label's lines set at the rows' pitch: four labels of their own rows
    top = 100.0
    words = []
    for i, (a, b) in enumerate((("甲类", "3.00"), ("乙类", "4.00"), ("丙类", "5.00"), ("丁类", "6.00"))):
        words += [_left(a, FORM[0][0], top + i * PITCH), _left("名称", FORM[1][0], top + i * PITCH),
                  _right(b, FORM[2][1], top + i * PITCH), _right(b, FORM[3][1], top + i * PITCH)]
    (table,) = _tables(words)
    assert [r[0] for r in table.rows] == ["甲类", "乙类", "丙类", "丁类"]


# ---- a 项目支出绩效目标表: a form of few figures ---------------------------------------------------

TARGETS = ((40.0, 120.0), (125.0, 200.0), (205.0, 300.0), (305.0, 420.0), (425.0, 500.0))


def _targets() -> list[Word]:
    rows = (("项目名称", "综合业务工作经费", "", "", ""),
            ("主管部门", "岱川市司法局", "", "实施单位", "岱川市司法局"),
            ("", "年度资金总额", "", "12.72", ""),
            ("项目资金（万元）", "其中：财政拨款", "", "12.72", ""),
            ("", "其他资金", "", "—", ""),
            ("年度总体目标", "按期完成各项任务，资金使用规范。", "", "", ""),
            ("", "一级指标", "二级指标", "三级指标", "指标值"),
            ("", "产出指标", "数量指标", "覆盖行政村数量", "≥120个"),
            ("", "", "质量指标", "设施设备完好率", "不低于80%"),
            ("绩效指标", "", "时效指标", "资金拨付及时率", "80%以上"),
            ("", "", "成本指标", "项目总成本", "≤85万元"),
            ("", "效益指标", "社会效益指标", "群众办事便利程度", "逐步完善"),
            ("", "满意度指标", "服务对象满意度指标", "群众满意度", "≥100%"))
    words = []
    for i, row in enumerate(rows):
        words += [_left(t, col[0], 100.0 + i * 11.4) for t, col in zip(row, TARGETS, strict=True) if t]
    return words


def test_form_of_few_figures_is_a_table() -> None:
    # its values are words and targets, no column holds figures in half its rows
    (table,) = _tables(_targets())
    assert ["", "产出指标", "数量指标", "覆盖行政村数量", "≥120个"] in table.rows


def test_label_centred_on_rows_empty_in_its_column_stands_on_the_first() -> None:
    # 项目资金（万元） is printed on the middle of its three rows, 绩效指标 on the middle of the rows of
    # indicators: a ruled reader gives each in the first row it spans
    (table,) = _tables(_targets())
    firsts = {r[0]: r[1] for r in table.rows if r[0]}
    assert firsts["项目资金（万元）"] == "年度资金总额"
    assert firsts["绩效指标"] == "一级指标"
    assert firsts["年度总体目标"].startswith("按期完成")


def test_page_with_a_form_title_over_lines_of_short_cells_is_doubtful() -> None:
    text = "\n".join(["2024年项目支出绩效目标表", "一级指标 二级指标 三级指标 指标值",
                      "产出指标 数量指标 覆盖行政村数量", "效益指标 社会效益指标 群众办事便利程度 逐步完善",
                      "满意度指标 服务对象满意度指标 群众满意度 ≥100%", "主管部门 岱川市司法局 实施单位 岱川市司法局"])
    assert page_doubt(text, 0) is not None


def test_page_of_prose_under_a_title_is_not_doubtful() -> None:
    text = "\n".join(["2024年部门预算情况说明表", "一、部门职责。负责全市司法行政工作，指导监狱、戒毒工作。",
                      "二、机构设置。本部门下设机关处室八个，所属事业单位两个。", "三、收支预算总体情况。"])
    assert page_doubt(text, 0) is None


# ---- 项目支出表: amounts in whole 万元, a column's one amount repeated ------------------------------

PROJECTS = ((55.0, 240.0), (261.0, 331.0), (331.0, 401.0), (401.0, 471.0), (471.0, 541.0))
PROJECTS_BODY = (
    ("合计", "1,368", "935", "320", "113"),
    ("专项调查经费", "2", "2", "", ""),
    ("城市管理执法保障经费", "584", "584", "", ""),
    ("国有土地收储及征地拆迁补偿项目", "320", "", "320", ""),
    ("综合业务工作经费", "113", "", "", "113"),
)


def test_column_whose_one_amount_repeats_takes_the_statement_alignment_of_amounts() -> None:
    # 320 and 320, 113 and 113: their edges cannot tell how the column aligns; the statement's
    # other amounts align right, so 政府性基金预算 (centred, left of its figures) heads the 320s
    heads = ("项目名称", "合计", "一般公共预算", "政府性基金预算", "其他资金")
    words = [_centred(h, col, 100.0) for h, col in zip(heads, PROJECTS, strict=True)]
    for i, row in enumerate(PROJECTS_BODY):
        y = 100.0 + (1 + i) * PITCH
        words.append(_left(row[0], PROJECTS[0][0], y))
        words += [_right(a, col[1] - 2, y) for a, col in zip(row[1:], PROJECTS[1:], strict=True) if a]
    (table,) = _tables(words)
    assert table.rows == [list(heads), *map(list, PROJECTS_BODY)]


# ---- 政府采购预算表: a catalogue code before each item's name -----------------------------------------

PROCUREMENT = ((55.0, 130.0), (135.0, 280.0), (285.0, 330.0), (335.0, 370.0), (375.0, 440.0), (445.0, 520.0),
               (525.0, 590.0))


def test_procurement_statement_with_catalogue_codes_puts_each_header_over_its_column() -> None:
    # 数量 and the amounts are right-aligned under headers set left: read by the statement's body,
    # the catalogue code (C21040000 物业管理服务) being an item's name and not a figure
    heads = ("采购项目", "采购目录", "计量单位", "数量", "合计", "一般公共预算", "其他资金")
    body = (("物业管理服务", "C21040000 物业管理服务", "项", "1", "38.57", "37.35", "1.22"),
            ("信息系统运维", "C16070000 信息系统运行维护服务", "项", "1", "28.38", "24.11", "4.27"),
            ("办公设备购置", "A02010104 台式计算机", "台", "20", "35.70", "35.70", ""),
            ("公务用车维修保养", "C23120300 车辆维修和保养服务", "项", "1", "27.17", "27.17", ""))
    words = [_left(h, col[0], 100.0) for h, col in zip(heads, PROCUREMENT, strict=True)]
    for i, row in enumerate(body):
        y = 100.0 + (1 + i) * PITCH
        words += [_left(t, col[0], y) if k < 3 else _right(t, col[1], y)
                  for k, (t, col) in enumerate(zip(row, PROCUREMENT, strict=True)) if t]
    (table,) = _tables(words)
    assert table.rows == [list(heads), *map(list, body)]


# ---- a form's closing row alone at the top of a page -------------------------------------------

def test_form_closing_row_alone_at_the_top_of_a_page_is_read() -> None:
    # the page holds the wrapped end of the last indicator's cell (指标) and the 总分 row
    words = [_left("指标", 133.0, 52.0), _left("总分", 56.6, 64.0), _left("100", 516.5, 64.0),
             _left("99.6", 593.1, 64.0), _left("优秀", 669.8, 64.0)]
    (table,) = _tables(words)
    closing = [c for c in table.rows[-1] if c and c != "指标"]
    assert closing == ["总分", "100", "99.6", "优秀"]
    assert "指标" in [c for r in table.rows for c in r]  # the wrapped end is kept (it continues a cell above)


def test_short_page_of_a_closing_row_is_doubtful() -> None:
    assert page_doubt("指标\n总分 100 99.6 优秀", 0) is not None


# ---- a form's block header of two levels -------------------------------------------------------

BLOCK = ((56.0, 150.0), (155.0, 200.0), (205.0, 300.0), (305.0, 370.0), (375.0, 440.0), (445.0, 510.0),
         (515.0, 580.0))


def test_form_block_upper_header_spans_the_sources_it_is_centred_over() -> None:
    # 批复金额（万元） over 总额 | 财政拨款 | 其他资金, in a form among rows of text
    top = 100.0
    heads = ((0, "任务名称"), (1, "项目级次"), (2, "主要内容"), (6, "实际支出"))
    words = [_left(h, BLOCK[k][0], top) for k, h in heads]
    words.append(_centred("批复金额（万元）", (BLOCK[3][0], BLOCK[5][1]), top))
    words += [_centred(h, col, top + PITCH) for h, col in zip(("总额", "财政拨款", "其他资金"), BLOCK[3:6],
                                                              strict=True)]
    body = (("合计", "", "", "17,612.15", "16,302.79", "1,309.36", "18,149.95"),
            ("业务专项", "本级", "贯彻执行法律法规", "11,904.36", "10,595.00", "1,309.36", "11,904.93"),
            ("基本支出", "本级", "保障机关运转", "5,707.79", "5,707.79", "", "6,245.02"))
    for i, row in enumerate(body):
        y = top + (2 + i) * PITCH
        words += [_left(t, col[0], y) if k < 3 else _right(t, col[1], y)
                  for k, (t, col) in enumerate(zip(row, BLOCK, strict=True)) if t]
    (table,) = _tables(words)
    assert table.rows[0] == ["任务名称", "项目级次", "主要内容", "批复金额（万元）", None, None, "实际支出"]
    assert table.rows[1] == ["", "", "", "总额", "财政拨款", "其他资金", ""]


def test_left_aligned_codes_do_not_tell_how_the_amounts_align() -> None:
    # 科目编码 (212, 21208, 2120801) are set left; every amount column repeats one amount, so no
    # amount column tells its side: the amounts, right-aligned under headers set left, keep theirs
    cols = ((56.0, 110.0), (115.0, 300.0), (305.0, 395.0), (400.0, 490.0), (495.0, 585.0))
    heads = ("科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出")
    body = (("", "合计", "", "6,208,628.02", "6,208,628.02"),
            ("212", "城乡社区支出", "", "6,208,628.02", "6,208,628.02"),
            ("21208", "国有土地使用权出让收入安排的支出", "", "6,208,628.02", "6,208,628.02"),
            ("2120801", "征地和拆迁补偿支出", "", "6,208,628.02", "6,208,628.02"))
    words = [_left(h, col[0], 100.0) for h, col in zip(heads, cols, strict=True)]
    for i, row in enumerate(body):
        y = 100.0 + (1 + i) * PITCH
        words += [_left(t, col[0], y) if k < 2 else _right(t, col[1], y)
                  for k, (t, col) in enumerate(zip(row, cols, strict=True)) if t]
    (table,) = _tables(words)
    assert table.rows == [list(heads), *map(list, body)]


# ---- two forms on a page, set alike: cells hang from the top of their rows ---------------------

HANG = ((56.6, 125.0), (133.2, 200.0), (209.8, 280.0), (286.5, 355.0), (363.1, 430.0), (439.8, 505.0))


def _indicator_form(top: float, rows: list[tuple[str, ...]], wrapped: dict[int, str]) -> list[Word]:
    """Rows of 一级指标 | 二级指标 | 三级指标 | 指标值 | 分值 | 得分, every cell set from its row's top;
    ``wrapped``: the second line of a row's 三级指标, on a line of its own below the row's first."""
    words, y = [], top
    for i, row in enumerate(rows):
        words += [_left(t, col[0], y) for t, col in zip(row, HANG, strict=True) if t]
        y += PITCH
        if i in wrapped:
            words.append(_left(wrapped[i], HANG[2][0], y - PITCH + LEADING))
            y += LEADING
    return words


def test_form_without_a_wrapped_cell_hangs_its_labels_like_the_other_form_of_its_page() -> None:
    # the first form shows its cells hang from the top of their rows (新建改造设施数 / 量 beside one-line
    # figures); the second shows nothing either way: its 效益指标 on the first of its two rows
    # (社会效益指标) is read there, not moved up to centre it on rows it does not span
    head = ("一级指标", "二级指标", "三级指标", "指标值", "分值", "得分")
    first = [head, ("产出指标", "数量指标", "新建改造设施数", "50处", "17", "17"),
             ("", "质量指标", "资金发放准确率", "85%以上", "17", "17"),
             ("效益指标", "社会效益指标", "群众办事便利", "明显提升", "15", "15")]
    second = [head, ("产出指标", "数量指标", "维修改造面积", "1500平方米", "17", "17"),
              ("", "质量指标", "数据上报准确率", "100%", "17", "17"),
              ("", "时效指标", "项目完成时间", "12月", "16", "16"),
              ("效益指标", "社会效益指标", "公共服务覆盖率", "100%", "15", "15"),
              ("", "经济效益指标", "节约运行费用", "36万元", "15", "15")]
    words = _indicator_form(100.0, first, {1: "量"})
    words += [_left("2022年项目支出绩效自评表", 200.0, 190.0) | {"bottom": 203.0}]  # a title set larger
    words += _indicator_form(220.0, second, {})
    tables = _tables(words)
    labels = {r[0]: r[1] for r in tables[-1].rows if r[0]}
    assert labels == {"一级指标": "二级指标", "产出指标": "数量指标", "效益指标": "社会效益指标"}
