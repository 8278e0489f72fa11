"""A fund block whose column headings wrap over rows of their own: a reader of word positions gives
each printed line of a narrow heading cell (年初预算 / 数, 调整后预 / 算数) a table row, so no one row
names the measures. The lines of each column are one heading; the unit printed in the heading over
them (金额（千元）) is the block's."""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.selfeval.read import read_self_evaluation
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable


def _budgets(rows: list[list[Cell]], text_above: str = "项目支出绩效自评表") -> dict[tuple[str, str], float]:
    doc = DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf",
                   pages=[PageText(number=1, text="", width=595, height=842)],
                   tables=[RawTable.on_page(page=1, rows=rows, reader="words", index_on_page=0,
                                            text_above=text_above)])
    ex = read_self_evaluation(doc)
    return {(b.funding_source or "", b.measure): b.amount_wan for b in ex.budgets}


HEAD = [
    ["项目名称", "", "河道清淤整治", "", "", "", "", ""],
    ["主管部门", "", "临溪县水利局", "", "实施单位", "临溪县河道管理所", "", ""],
]


def test_measures_wrapped_under_a_heading_with_the_unit_are_read_in_that_unit() -> None:
    rows = [
        *HEAD,
        ["资金来源", "", "金额（千元）", "", "", "分值", "执行率", "得分"],
        ["", "", "年初预算", "调整后预", "预算执行", "", "", ""],
        ["", "", "数", "算数", "数", "", "", ""],
        ["合计", "", "1,200.00", "1,500.00", "1,350.00", "10", "90.00%", "9"],
        ["财政拨款", "", "1,000.00", "1,200.00", "1,080.00", "—", "—", "—"],
        ["其他资金", "", "200.00", "300.00", "270.00", "—", "—", "—"],
    ]
    got = _budgets(rows)
    # 1,200.00 千元 = 120 万元
    assert got[("合计", "年初预算数")] == 120.0
    assert got[("合计", "全年预算数")] == 150.0
    assert got[("合计", "全年执行数")] == 135.0
    assert got[("财政拨款", "全年执行数")] == 108.0
    assert got[("其他资金", "全年预算数")] == 30.0
    assert len(got) == 9


def test_measures_wrapped_without_a_heading_row_take_the_unit_line_above() -> None:
    rows = [
        *HEAD,
        ["项目资金", "", "年初预算", "全年预算", "全年执行", "分值", "执行率", "得分"],
        ["", "", "数", "数", "数", "", "", ""],
        ["", "年度资金总额", "80.00", "90.00", "81.00", "10", "90%", "9"],
        ["", "其中：财政拨款", "80.00", "90.00", "81.00", "—", "—", "—"],
    ]
    got = _budgets(rows, text_above="项目支出绩效自评表\n单位：万元")
    assert got == {
        ("合计", "年初预算数"): 80.0, ("合计", "全年预算数"): 90.0, ("合计", "全年执行数"): 81.0,
        ("财政拨款", "年初预算数"): 80.0, ("财政拨款", "全年预算数"): 90.0, ("财政拨款", "全年执行数"): 81.0,
    }


def test_a_part_row_under_a_one_row_header_is_not_taken_for_its_wrapped_lines() -> None:
    # 按收入性质分： below the header opens the block's sources; it is no line of the headings
    rows = [
        ["部门名称", "", "临溪县水利局", "", "", "", "", ""],
        ["年度部门整体支出预算执行情况", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "300.00", "320.00", "288.00", "10", "90%", "9"],
        ["", "按收入性质分：", "", "", "", "—", "—", "—"],
        ["", "其中：一般公共预算", "300.00", "320.00", "288.00", "—", "—", "—"],
    ]
    got = _budgets(rows, text_above="部门整体支出绩效自评表\n单位：万元")
    assert got[("合计", "全年预算数")] == 320.0
    assert got[("一般公共预算", "全年执行数")] == 288.0
