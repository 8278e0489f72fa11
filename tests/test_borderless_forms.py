"""Borderless self-evaluation forms as the position reader gives them: a page of indicator rows whose
figures are not side by side is read, a form split at its 年度总体目标 prose stays one form, and a
table continued on the next page lines up with the columns it continues.

The rows are those printed on 公开14-1表 of 曲靖市公安局交通警察支队's 2022 report (dev sample
seed002) and on its 部门整体支出绩效自评表 (pages 3-4).
"""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.selfeval.read import read_self_evaluation
from extract.tables.doubt import page_doubt
from extract.tables.positions import align_continued
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable


def _doc(*tables: RawTable) -> DocInput:
    return DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf",
                    pages=[PageText(number=n, text="", width=595, height=842) for n in (1, 2)],
                    tables=list(tables))


def _table(rows: list[list[Cell]], *, page: int = 1, index: int = 0, above: str = "") -> RawTable:
    t = RawTable.on_page(page=page, rows=rows, reader="words", index_on_page=index, text_above=above)
    return t


FUNDS: list[list[Cell]] = [
    ["项目名称", "", "", "交通事故预防及处理专项经费", None, None, "", ""],
    ["主管部门", "曲靖市公安局交通警察支队", None, "", "实施单位", "", "曲靖市公安局交通警察支队", None],
    ["项目资金\n（万元）", "", "年初预算\n数", "全年预算数", "全年执行\n数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "450.00", "861.53", "861.53", "10", "100.00", "10.00"],
    ["", "其中：当年财政拨款", "450.00", "861.53", "861.53", "—", "100.00", "—"],
]
INDICATORS: list[list[Cell]] = [
    ["", "绩效指标", None, "", "年度指标值", "", "", "", "", ""],
    ["", "", "", "", "", "", "实际完成值", "分值", "得分", ""],
    ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "", "", "", ""],
    ["产出指标", "数量指标", "道路交通事故一般案", ">=", "32", "起", "33", "20.00", "20.00", ""],
    ["", "", "", "", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", "", "", ""],
]
TOTAL: list[Cell] = ["", "", "总分", "", "", "", "", "100", "100", "优"]


def test_form_split_at_its_goals_prose_keeps_its_project() -> None:
    goals = "年度总体目标 预期目标 实际完成情况\n加强道路交通事故预防，……"
    funds = _table(FUNDS, above="2022年度项目支出绩效自评表\n公开14-1表")
    rows = _table([*INDICATORS[:4], TOTAL], index=1, above=goals)
    ex = read_self_evaluation(_doc(funds, rows))
    (ind,) = ex.indicators
    assert (ind.scope, ind.project, ind.name) == ("project", "交通事故预防及处理专项经费", "道路交通事故一般案")
    assert [(s.scope, s.project, s.score) for s in ex.scores] == [("project", "交通事故预防及处理专项经费", 100.0)]


def test_table_on_the_next_page_without_a_form_name_is_not_given_one() -> None:
    funds = _table(FUNDS)
    rows = _table([*INDICATORS[:4], TOTAL], page=2)
    ex = read_self_evaluation(_doc(funds, rows))
    assert ex.indicators and all(i.project is None for i in ex.indicators)


# page 4 of the department form: indicator rows whose figures stand one cell apart
PAGE_OF_INDICATOR_ROWS = "\n".join([
    "汽车类驾驶证许可 >= 8400 人次 8409",
    "汽车类驾驶证许可 >= 126000 人次 126007",
    "机动车行驶证业务 >= 420000 人次 420000",
    "交通安全宣传片拍 >= 8 部 9",
])


def test_page_of_indicator_rows_is_read_for_a_table() -> None:
    assert page_doubt(PAGE_OF_INDICATOR_ROWS, 0) is not None


def test_prose_with_figures_is_not_a_page_of_rows() -> None:
    prose = "\n".join([
        "2022 年共办理汽车类驾驶证许可 154033 人次，较上年增加 12 %，",
        "机动车行驶证业务 420000 人次，完成年度目标。",
        "交通安全宣传资料发放 238.3 万份，拍摄宣传片 9 部，",
        "媒体协作 8 次，均超额完成。",
    ])
    assert page_doubt(prose, 0) is None


def test_continued_table_gets_back_the_columns_empty_on_its_page() -> None:
    # page 3: 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 偏差原因
    head = _table([["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "偏差原因"],
                   ["", "", "汽车类驾驶证许可", ">=", "154000", "人次", "154033", ""]], page=1)
    head.columns = [(72, 101), (135, 164), (184, 270), (278, 312), (324, 359), (373, 403), (419, 455), (485, 521)]
    # page 4 prints no level labels: its words give six columns, from 三级指标 on
    cont = _table([["汽车类驾驶证许可", ">=", "8400", "人次", "8409", ""]], page=2)
    cont.columns = [(184, 262), (280, 300), (326, 350), (375, 395), (421, 445), (487, 500)]
    align_continued([head, cont])
    assert cont.rows == [["", "", "汽车类驾驶证许可", ">=", "8400", "人次", "8409", ""]]


def test_page_of_prose_whose_wrapped_lines_look_like_cells_is_not_a_page_of_rows() -> None:
    # a budget explanation (ys_2018_jiangsu_zhengxie_doc p. 7): sentences wrapped at the margin
    prose = "\n".join([
        "江苏省政协办公厅 2018 年度收入、支出预算总计 10,150.48",
        "万元，与上年相比收、支预算总计各增加 1,003.69 万元，增长",
        "10.97%。主要原因是政策性增资、住房公积金和提租补贴调整、",
        "江苏省政协办公厅 2018 年度一般公共预算财政拨款支出预",
        "算 10,070.48 万元，占本年支出合计的 99.21%。与上年相比，",
        "增加 1,003.69 万元，增长 11.07%。主要原因是政策性增资、住",
        "江苏省政协办公厅 2018 年度一般公共预算财政拨款基本支",
        "出预算 5,598.17 万元，其中：",
        "本表（公开 07 表）反映部门年度一般公共预算支出预算安",
    ])
    assert page_doubt(prose, 0) is None
