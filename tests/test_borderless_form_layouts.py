"""Borderless self-evaluation forms laid out other ways than the dev samples (issue #11).

The pages are drawn as words with boxes, the way the national templates are typeset without
rulings: cells hung from the top of their rows (a scoring rule or a wrapped name continuing below
its row's first line, beside one-line figures on that line), a wrapped name whose second line
carries the end of a value, two forms on one page under their own titles, a 其他需说明事项 cell
merged over both level columns, a level label whose merged cell runs on to the next page. The
expected rows are the forms as printed (what a ruled reader gives for the same form).
"""

from __future__ import annotations

from typing import Any

from extract.interpreters.selfeval.indicators import IndicatorSection, read_indicator_row
from extract.tables.positions import read_positions
from model.records import IndicatorRow

CHAR = 10.0  # width and height of one CJK character
LINE = 13.0  # from one printed line's top to the next


def _word(text: str, x0: float, top: float, size: float = CHAR) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + size * len(text), "top": top, "bottom": top + size}


def _tables(words: list[dict[str, Any]]) -> list[list[list[str | None]]]:
    return [t.table.rows for t in read_positions(words, page=1, page_height=842, reader="words")]


# a score sheet: 一级指标 | 二级指标 | 三级指标 | 分值 | 评分标准 | 得分
SHEET_X = (40.0, 120.0, 200.0, 300.0, 340.0, 460.0)


def _sheet_row(top: float, cells: dict[int, str]) -> list[dict[str, Any]]:
    return [_word(text, SHEET_X[c], top) for c, text in cells.items()]


def test_cells_hung_from_the_top_of_their_rows_stay_in_their_rows() -> None:
    # each row starts with all its one-line cells on its first line; the scoring rule runs on over two
    # more lines below, and the level-1 label stands on the first row of the rows it spans
    words = _sheet_row(100, dict(enumerate(("一级指标", "二级指标", "三级指标", "分值", "评分标准", "得分"))))
    top = 100 + LINE
    rows = [("项目产出", "数量指标", "发放补贴人数", "7", "7"), ("", "", "培训场次", "7", "4.6"),
            ("", "质量指标", "验收合格率", "6", "6")]
    for l1, l2, name, weight, score in rows:
        cells = {0: l1, 1: l2, 2: name, 3: weight, 4: "达到目标值得满", 5: score}
        words += _sheet_row(top, {c: t for c, t in cells.items() if t})
        words += _sheet_row(top + LINE, {4: "分，每低1%扣"}) + _sheet_row(top + 2 * LINE, {4: "0.5分"})
        top += 3 * LINE
    (table,) = _tables(words)
    assert table == [
        ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "得分"],
        ["项目产出", "数量指标", "发放补贴人数", "7", "达到目标值得满\n分，每低1%扣\n0.5分", "7"],
        ["", "", "培训场次", "7", "达到目标值得满\n分，每低1%扣\n0.5分", "4.6"],
        ["", "质量指标", "验收合格率", "6", "达到目标值得满\n分，每低1%扣\n0.5分", "6"],
    ]


# an indicator table: 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分
FORM_X = (40.0, 110.0, 180.0, 250.0, 320.0, 370.0)


def _form_row(top: float, cells: tuple[str, ...]) -> list[dict[str, Any]]:
    return [_word(text, x, top) for text, x in zip(cells, FORM_X, strict=True) if text]


def test_a_wrapped_name_beside_the_end_of_its_value_is_one_row() -> None:
    # a narrow form: the name 工程验收合格率 wraps after five characters and the target 不低于98% after
    # three; their second lines share a line with nothing in the score columns
    words = _form_row(100, ("二级指标", "三级指标", "指标值", "实际值", "分值", "得分"))
    words += _form_row(100 + LINE, ("质量指标", "数据上报准", "100%", "100%", "4", "4"))
    words += _form_row(100 + 2 * LINE, ("", "确率", "", "", "", ""))
    words += _form_row(100 + 3 * LINE, ("", "工程验收合", "不低于", "98.6%", "4", "4"))
    words += _form_row(100 + 4 * LINE, ("", "格率", "98%", "", "", ""))
    words += _form_row(100 + 5 * LINE, ("", "资金发放准", "≥98%", "98.4%", "3", "3"))
    words += _form_row(100 + 6 * LINE, ("", "确率", "", "", "", ""))
    (table,) = _tables(words)
    assert table[1:] == [
        ["质量指标", "数据上报准\n确率", "100%", "100%", "4", "4"],
        ["", "工程验收合\n格率", "不低于\n98%", "98.6%", "4", "4"],
        ["", "资金发放准\n确率", "≥98%", "98.4%", "3", "3"],
    ]


def test_two_forms_on_one_page_under_their_own_titles_are_two_tables() -> None:
    # the second form's title, set larger than the forms' text, ends the first form (no 总分 row
    # takes it as a cell)
    words: list[dict[str, Any]] = []
    top = 60.0
    for project in ("平台运维", "热线运行"):
        words.append(_word("2022年度项目支出绩效自评表", 150, top, size=15.0))
        top += 2 * LINE
        words += _form_row(top, ("二级指标", "三级指标", "指标值", "实际值", "分值", "得分"))
        words += _form_row(top + LINE, ("数量指标", project, "300批次", "305批次", "50", "50"))
        words += _form_row(top + 2 * LINE, ("质量指标", "完整率", "100%", "100%", "50", "50"))
        words += [_word("总分", FORM_X[0], top + 3 * LINE), _word("100", FORM_X[4], top + 3 * LINE),
                  _word("100", FORM_X[5], top + 3 * LINE)]
        top += 4 * LINE
    first, second = _tables(words)
    assert first[-1] == ["总分", "", "", "", "100", "100"]
    assert second[1][1] == "热线运行"


# an indicator table with both level columns: 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际值
LEVELS_X = (40.0, 110.0, 200.0, 300.0, 360.0)


def test_a_cell_merged_over_both_level_columns_does_not_join_them() -> None:
    # the level-2 label 服务对象满意度指标 stands on two lines of its own, centred on the three rows it
    # spans (the level-1 label on the middle row's line); the last row
    # 其他需说明事项 runs from the level-1 column over the level-2 one
    words: list[dict[str, Any]] = []  # a page continuing the form: no header row names the level columns
    names = ("驾驶人满意度", "办事群众满意度", "工作人员满意度")
    for i, name in enumerate(names):
        top = 100 + (i + 1) * 2 * LINE
        words += [_word(name, LEVELS_X[2], top), _word("90%", LEVELS_X[3], top), _word("92%", LEVELS_X[4], top)]
    middle = 100 + 4 * LINE  # the second row's line; the level-2 label's two lines straddle it
    words += [_word("满意度指标", LEVELS_X[0], middle), _word("服务对象满", LEVELS_X[1], middle - 6),
              _word("意度指标", LEVELS_X[1], middle + 6)]
    words += [_word("其他需说明事项", 60, 100 + 8 * LINE), _word("无", LEVELS_X[2], 100 + 8 * LINE)]
    (table,) = _tables(words)
    assert table[0][:2] == ["满意度指标", "服务对象满\n意度指标"]
    assert [r[2] for r in table[:3]] == list(names)
    assert table[3][:3] == ["其他需说明事项", None, "无"]


def test_the_last_level_label_of_a_page_starts_after_the_label_above() -> None:
    # 经济效益 is merged over one row; 社会效益 over the next rows and on over the next page, so it is
    # printed low on this page, below the middle of the rows left here
    words = [_word(t, x, 100) for t, x in zip(("二级指标", "三级指标", "指标值", "实际值", "分值", "得分"), FORM_X,
                                               strict=True)]
    names = ("带动增收", "遏制违法", "保障业务", "参与程度", "降低事故")
    for i, name in enumerate(names):
        top = 100 + (i + 1) * 2 * LINE
        words += _form_row(top, ("", name, "明显", "明显", "5", "5"))
    words += [_word("经济效益", FORM_X[0], 100 + 2 * LINE)]
    words += [_word("社会效益", FORM_X[0], 100 + 9 * LINE)]
    (table,) = _tables(words)
    assert [r[0] for r in table[1:]] == ["经济效益", "社会效益", "", "", ""]


def _section() -> IndicatorSection:
    roles = {0: "level1", 1: "level2", 2: "name", 3: "target", 4: "actual", 5: "weight", 6: "score"}
    return IndicatorSection(roles=roles, ncols=7, scope="department", project=None, level1="产出指标",
                            level2="数量指标")


def _read_one(row: list[str | None], level1: str | None = None) -> IndicatorRow:
    """The one indicator a row of a borderless (word-position) table gives, under ``level1`` when given."""
    section = _section()
    if level1 is not None:
        section.level1 = level1
    read_indicator_row(section, row, doc_id="d", page=1, table_index=0, row_index=0, new_page=False,
                       reader="words", issues=[])
    (got,) = section.rows
    return got


def test_a_level2_the_running_level1_cannot_hold_opens_its_own_block() -> None:
    # the 效益指标 label of a merged cell was given to another row: the row's 社会效益指标 still belongs
    # to 效益指标 in the national framework, not to the 产出指标 block above
    row: list[str | None] = ["", "社会效益指标", "交通违法下降", "明显", "明显", "5", "5"]
    got = _read_one(row)
    assert (got.level1, got.level2) == ("效益指标", "社会效益指标")


def test_a_level1_block_named_as_its_level2_keeps_it() -> None:
    # a 成本指标 block (the 2021 framework) holding 成本指标 rows: not moved to 产出指标
    row: list[str | None] = ["", "经济成本指标", "单位成本", "≤420元", "366元", "5", "5"]
    got = _read_one(row, level1="成本指标")
    assert got.level1 == "成本指标"


def test_the_last_two_rows_of_a_form_at_the_top_of_a_page_are_a_table() -> None:
    # a form begun on the page before ends with one indicator and its 总分 row at the top of this page
    words = _form_row(60, ("满意度", "受益对象", "≥80%", "73.6%", "10", "9.3"))
    words += [_word("总分", FORM_X[0], 60 + LINE), _word("100", FORM_X[4], 60 + LINE),
              _word("93.53", FORM_X[5], 60 + LINE)]
    words += [_word("填报说明：本表由项目单位填报。", FORM_X[0], 60 + 5 * LINE)]
    (table,) = _tables(words)
    assert table == [["满意度", "受益对象", "≥80%", "73.6%", "10", "9.3"], ["总分", "", "", "", "100", "93.53"]]


def test_two_lines_of_figures_below_prose_are_no_table() -> None:
    # the same two lines under a paragraph are no table's tail (the page does not begin with them)
    words = [_word("二、项目资金使用情况：全年预算执行良好，具体如下。", FORM_X[0], 60)]
    words += _form_row(60 + 2 * LINE, ("满意度", "受益对象", "≥80%", "73.6%", "10", "9.3"))
    words += [_word("总分", FORM_X[0], 60 + 3 * LINE), _word("100", FORM_X[4], 60 + 3 * LINE),
              _word("93.53", FORM_X[5], 60 + 3 * LINE)]
    assert _tables(words) == []


def test_the_templates_numbered_blank_row_under_a_name_is_not_part_of_it() -> None:
    # the blank template's 指标1： of an unused row, set without rulings just under the row above, is
    # read as that name's last line; the name is what the row prints
    row: list[str | None] = ["", "成本指标", "单位维修成本\n指标1：", "≤180元/平方米", "170.37元/平方米", "8", "8"]
    got = _read_one(row)
    assert got.name == "单位维修成本"


def test_a_section_heading_row_inside_a_top_aligned_form_is_a_row_of_its_own() -> None:
    # rows hung from their tops (a rule continuing below), then the 年度总体目标 block's heading line
    # starts cells in columns the row above leaves empty: it begins a row, the form stays top-aligned
    words = _form_row(100, ("项目", "名称", "指标值", "实际值", "分值", "得分"))
    words += _form_row(100 + LINE, ("合计", "资金", "100", "90", "10", "9"))
    words += _form_row(100 + 2 * LINE, ("", "安排", "", "", "", ""))
    words += _form_row(100 + 3 * LINE, ("", "支出", "50", "45", "5", "4.5"))
    words += [_word("年度目标", FORM_X[0], 100 + 4 * LINE), _word("预期目标", FORM_X[2], 100 + 4 * LINE)]
    words += _form_row(100 + 5 * LINE, ("", "完成", "20", "20", "5", "5"))
    (table,) = _tables(words)
    assert [r[:2] for r in table[1:]] == [["合计", "资金\n安排"], ["", "支出"], ["年度目标", ""], ["", "完成"]]


def test_a_long_level_label_set_close_to_its_rows_name_is_two_cells() -> None:
    # 可持续影响指标 fills its column and the name starts less than a character after it, just where the
    # name column starts on the other rows: two cells, not one merged over both columns
    x = (40.0, 100.0, 171.0, 300.0, 360.0)
    heads = ("一级指标", "二级指标", "三级指标", "指标值", "实际值")
    words = [_word(t, xx, 100) for t, xx in zip(heads, x, strict=True)]
    words += [_word(t, xx, 100 + LINE) for t, xx in zip(("效益指标", "社会效益", "服务覆盖率", "90%", "95%"), x,
                                                         strict=True)]
    words += [_word("可持续影响指标", x[1], 100 + 2 * LINE), _word("工作连续性", x[2] + 1, 100 + 2 * LINE),
              _word("95%", x[3], 100 + 2 * LINE), _word("96%", x[4], 100 + 2 * LINE)]
    (table,) = _tables(words)
    assert table[2] == ["", "可持续影响指标", "工作连续性", "95%", "96%"]


def test_the_templates_numbered_blank_name_under_a_row_splits_no_indicator_off_it() -> None:
    # the row's name over its own line and the blank template's 指标1： under it; the target printed
    # over two lines: one indicator (指标1： names none), not two
    from extract.interpreters.selfeval.vertical import vertical_rows

    row: list[str | None] = ["", "数量指标", "服务群众人次\n指标1：", "不少于12\n人次", "12人次", "4", "4"]
    assert vertical_rows(_section(), row, lambda: None, exact_lines=True) is None


def test_the_grade_row_after_a_total_row_in_a_top_aligned_sheet_is_a_row_of_its_own() -> None:
    # the last level-2 label wraps under its row (指标 on the line above 合计); the 评价等级 row after
    # 合计 starts a cell in the level-2 column 合计 leaves empty: a row of its own, not a sign that
    # the sheet centres its cells
    words = _sheet_row(100, dict(enumerate(("一级指标", "二级指标", "三级指标", "分值", "评分标准", "得分"))))
    words += _sheet_row(100 + LINE, {0: "产出", 1: "数量指标", 2: "补贴人数", 3: "7", 4: "达标得满分", 5: "7"})
    words += _sheet_row(100 + 2 * LINE, {4: "否则扣分"})
    words += _sheet_row(100 + 3 * LINE, {0: "效益", 1: "满意度指", 2: "群众满意度", 3: "10", 4: "达标得满分", 5: "10"})
    words += _sheet_row(100 + 4 * LINE, {1: "标"})
    words += _sheet_row(100 + 5 * LINE, {0: "合计", 3: "17", 5: "17"})
    words += _sheet_row(100 + 6 * LINE, {0: "评价等级", 1: "优"})
    (table,) = _tables(words)
    want = [["产出", "数量指标"], ["效益", "满意度指\n标"], ["合计", ""], ["评价等级", "优"]]
    assert [r[:2] for r in table[1:]] == want


def test_a_satisfaction_level2_under_a_benefit_block_stays_there() -> None:
    # forms that set 服务对象满意度指标 under 效益指标 (as the four-level scheme does): no contradiction
    row: list[str | None] = ["", "服务对象满意度指标", "接处警满意度", "≥90%", "95%", "5", "5"]
    got = _read_one(row, level1="效益指标")
    assert got.level1 == "效益指标"
