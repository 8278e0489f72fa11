"""A performance form prints one line per indicator row (its name and values side by side); a reading
that loses rows (a level label read as part of the name beside it, a row joined to the one above) or
reads rows without the values their lines print must leave an issues row (``indicator_rows_missed``),
and a complete reading none. Pages are typeset as word boxes (tests/word_boxes.py); the rows "read"
are what each case's reading gave (by the reader of word positions, ``words``), the lines what the page
prints."""

from __future__ import annotations

from typing import Any

from word_boxes import left

from extract.interpreters.selfeval.printed_rows import rows_missed
from extract.tables.positions import lines_of
from model.records import IndicatorRow

# 一级指标 | 二级指标 | 三级指标 | 预期指标值 | 实际完成指标值 | 分值 | 得分
X = (40.0, 110.0, 190.0, 330.0, 420.0, 500.0, 540.0)
HEADINGS = ("一级指标", "二级指标", "三级指标", "预期指标值", "实际完成指标值", "分值", "得分")
ROWS = (("产出指标", "数量指标", "开展送戏下乡演出", "不少于12场", "13场", "10", "10"),
        ("", "质量指标", "管网改造工程验收合格", "98%", "99%", "10", "10"),
        ("", "时效指标", "申报材料审核办理时限", "按时完成", "按时完成", "10", "10"),
        ("满意度指标", "服务对象满意度", "演出观众满意度", "≥95%", "97.8%", "10", "9"))


def _page(closing: bool = True) -> list[dict[str, Any]]:
    words = [left("项目名称", X[0], 60), left("文化市场执法巡查经费", X[1], 60)]
    words += [left(t, x, 100) for t, x in zip(HEADINGS, X, strict=True)]
    top = 120.0
    for cells in ROWS:
        words += [left(t, x, top) for t, x in zip(cells, X, strict=True) if t]
        if cells[2] == "管网改造工程验收合格":
            words.append(left("率", X[2], top + 13))  # the name wraps
            top += 13
        top += 20
    if closing:
        words += [left("总分", X[0], top), left("100", X[5], top), left("99", X[6], top)]
        # the next form's header lines below the closing row are no rows of this block
        words += [left("项目名称", X[0], top + 40), left("网吧监管经费", X[1], top + 40)]
        words += [left("预算执行情况", X[0], top + 60), left("调整后预算数：", X[1], top + 60),
                  left("241.76", X[3], top + 60), left("预算执行数：", X[4], top + 60)]
    return words


def _row(i: int, cells: tuple[str, ...], *, values: bool = True) -> IndicatorRow:
    name = cells[2] + ("率" if cells[2].endswith("合格") else "")
    return IndicatorRow(doc_id="d", page=1, table_index=0, row_index=i, scope="project", name=name,
                        name_canonical=name, level1=cells[0] or "产出指标", level2=cells[1],
                        target_raw=cells[3] if values else None, actual_raw=cells[4] if values else None,
                        weight=float(cells[5]), score=float(cells[6]), extractor="words")


def test_a_complete_reading_gives_no_issue() -> None:
    rows = [_row(i, c) for i, c in enumerate(ROWS)]
    assert rows_missed("d", 1, lines_of(_page()), rows) == []


def test_a_row_lost_from_the_reading_is_reported_with_its_line() -> None:
    rows = [_row(i, c) for i, c in enumerate(ROWS) if c[2] != "申报材料审核办理时限"]
    (issue,) = rows_missed("d", 1, lines_of(_page()), rows)
    assert (issue.rule, issue.page, issue.table_index) == ("indicator_rows_missed", 1, 0)
    assert "1 of the 4 printed lines" in issue.message and "申报材料审核办理时限" in issue.message


def test_rows_read_without_the_values_their_lines_print_are_reported() -> None:
    rows = [_row(i, c, values=False) for i, c in enumerate(ROWS)]
    (issue,) = rows_missed("d", 1, lines_of(_page()), rows)
    assert "4 of the 4 printed lines" in issue.message and "without" in issue.message


def test_a_page_ending_inside_the_block_is_checked_to_its_end() -> None:
    rows = [_row(i, c) for i, c in enumerate(ROWS[:2])]
    (issue,) = rows_missed("d", 1, lines_of(_page(closing=False)), rows)
    assert "2 of the 4 printed lines" in issue.message


def test_the_wrapped_ends_of_labels_side_by_side_are_no_row() -> None:
    # 满意度指标 | 服务对象满意度指标 | 服务对象满意度 wrapped: their last lines share one line, left of the values
    words = [*_page(closing=False), left("标", X[0], 206), left("满意度指", X[1], 206), left("满意度", X[2], 206)]
    rows = [_row(i, c) for i, c in enumerate(ROWS)]
    assert rows_missed("d", 1, lines_of(words), rows) == []


def test_rows_under_a_level_that_is_no_performance_are_not_counted() -> None:
    # an evaluation sheet: 项目决策 / 项目立项 rows are criteria of the evaluation, not indicators
    words = [left(t, x, 100) for t, x in zip(HEADINGS, X, strict=True)]
    words += [left(t, x, 120) for t, x in zip(("项目决策", "项目立项", "立项依据充分性", "/", "符合", "3", "3"), X,
                                              strict=True)]
    words += [left(t, x, 140) for t, x in zip(("", "", "立项程序规范性", "/", "规范", "2", "2"), X, strict=True) if t]
    words += [left(t, x, 160) for t, x in zip(ROWS[0], X, strict=True)]
    assert rows_missed("d", 1, lines_of(words), [_row(0, ROWS[0])]) == []


def test_a_name_of_two_lines_centred_on_its_values_is_no_lost_row() -> None:
    # 减少群众往返 / 办事费用 over and under the row's one line of values
    words = [left(t, x, 100) for t, x in zip(HEADINGS, X, strict=True)]
    words += [left(t, x, 120) for t, x in zip(ROWS[0], X, strict=True)]
    words += [left("减少群众往返", X[2], 140), left("办事费用", X[2], 160)]
    centred = ("效益指标", "经济效益指标", "", "≥120万元", "131万元", "10", "10")
    words += [left(t, x, 150) for t, x in zip(centred, X, strict=True) if t]
    rows = [_row(0, ROWS[0]), _row(1, ("效益指标", "经济效益指标", "减少群众往返办事费用", *centred[3:]))]
    assert rows_missed("d", 1, lines_of(words), rows) == []


def test_rows_read_from_rulings_are_not_checked_against_the_lines() -> None:
    rows = [_row(i, c) for i, c in enumerate(ROWS) if c[2] != "申报材料审核办理时限"]
    for r in rows:
        r.extractor = "pdfplumber"
    assert rows_missed("d", 1, lines_of(_page()), rows) == []


def test_wrapped_ends_of_a_name_and_its_values_and_a_placeholder_row_are_no_rows() -> None:
    # 单位面积成本 | 不超过2000元/平 | 1980元/平 wrapped: 积 | 方米 | 方米 on the next line;
    # 不适用 | / | / is no indicator
    words = [*_page(closing=False), left("积", X[2], 206), left("方米", X[3], 206), left("方米", X[4], 206),
             left("不适用", X[2], 226), left("/", X[3], 226), left("/", X[4], 226)]
    rows = [_row(i, c) for i, c in enumerate(ROWS)]
    assert rows_missed("d", 1, lines_of(words), rows) == []


def test_the_second_line_of_wrapped_headings_is_no_row() -> None:
    # 预期指标值（包含数字 / 及文字描述） and 实际完成指标值（包含 / 数字及文字描述） wrap under the headings line
    words = [left(t, x, 100) for t, x in zip(HEADINGS, X, strict=True)]
    words += [left("情况", X[0], 113), left("及文字描述）", X[3], 113), left("数字及文字描述）", X[4], 113)]
    words += [left(t, x, 130) for t, x in zip(ROWS[0], X, strict=True)]
    assert rows_missed("d", 1, lines_of(words), [_row(0, ROWS[0])]) == []
