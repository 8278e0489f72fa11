"""A page that prints the column headings of a performance form but gives no indicator gets a
``table_not_read`` issue: a form whose values are words, masked (**) or label:amount pairs shows no
lines of figures, and without this its loss left no trace."""

from __future__ import annotations

from extract.interpreters.selfeval.unread_forms import form_headings, forms_not_read
from model.pages import PageText
from model.records import IndicatorRow

# a 项目绩效目标完成情况表 as its text layer reads: values in words and masked figures, amounts as pairs
FORM_PAGE = "\n".join([
    "项目绩效目标完成情况表",
    "项目名称 城市道路维护 主管部门 市住建局",
    "项目资金 预算数: 208.84 执行数: ** 执行率 **",
    "一级指标 二级指标 三级指标 年度指标值 实际完成值 偏差原因",
    "产出指标 数量指标 维护道路长度 全部完成 已完成",
    "效益指标 社会效益指标 群众出行条件 明显改善 有所改善",
])
PROSE_PAGE = ("本单位按照三级指标逐项对照年度指标值开展自评，实际完成值与目标基本一致。\n"
              "一级指标中产出指标完成较好，效益指标有待提升。")


def _page(number: int, text: str, **kw: object) -> PageText:
    return PageText(number=number, text=text, width=595.0, height=842.0, **kw)  # type: ignore[arg-type]


def _indicator(page: int) -> IndicatorRow:
    return IndicatorRow(doc_id="d", page=page, table_index=0, row_index=4, scope="project",
                        name="维护道路长度", name_canonical="维护道路长度", level1="产出指标")


def test_a_form_of_words_that_gave_no_indicator_is_a_table_not_read_issue() -> None:
    issues = forms_not_read("d", [_page(9, FORM_PAGE)], [], flagged=set())
    assert [(i.page, i.rule, i.severity) for i in issues] == [(9, "table_not_read", "warning")]
    assert "一级指标 二级指标 三级指标" in issues[0].message


def test_a_form_whose_indicators_were_read_has_no_issue() -> None:
    assert forms_not_read("d", [_page(9, FORM_PAGE)], [_indicator(9)], flagged=set()) == []


def test_a_page_already_flagged_as_not_read_is_not_flagged_twice() -> None:
    assert forms_not_read("d", [_page(9, FORM_PAGE)], [], flagged={9}) == []


def test_prose_that_names_the_headings_is_not_a_form() -> None:
    assert form_headings(PROSE_PAGE) is None
    assert forms_not_read("d", [_page(3, PROSE_PAGE)], [], flagged=set()) == []


def test_a_score_sheet_heading_line_is_a_form_but_a_fund_line_is_not() -> None:
    assert form_headings("一级指标 二级指标 三级指标 指标值（A） 全年实际值（B） 参考分值 实际得分")
    assert form_headings("资金来源 年初预算数 全年预算数 全年执行数 分值 执行率 得分") is None
