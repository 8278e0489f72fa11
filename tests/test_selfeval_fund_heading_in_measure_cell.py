"""A fund block whose heading (金额（元）) set over its measures was read into the first measure's
cell: a reader of word positions joins the heading and the measure below it (年初预算数) as one cell
when the rows' labels stand centred between the two lines."""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.selfeval.read import read_self_evaluation
from model.document import DocInput
from model.pages import PageText
from model.tables import RawTable


def _doc(*tables: RawTable) -> DocInput:
    return DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf",
                    pages=[PageText(number=1, text="", width=595, height=842)], tables=list(tables))


def test_heading_joined_into_the_first_measure_cell_still_names_the_measures_and_the_unit() -> None:
    rows = [
        ["项目名称", "", "城乡供水保障", None, "", "", "", ""],
        ["主管部门", "", "临溪县水利局", None, "实施单位", "临溪县供水服务中心", None, None],
        ["资金来源", "", "金额（元）\n年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["合计", "", "1,250,000.00", "1,380,500.00", "1,311,475.00", "10", "95.00%", "9.5"],
        ["财政拨款", "", "1,000,000.00", "1,100,000.00", "1,045,000.00", "—", "—", "—"],
        ["其他资金", "", "250,000.00", "280,500.00", "266,475.00", "—", "—", "—"],
    ]
    ex = read_self_evaluation(_doc(RawTable.on_page(page=1, rows=rows, reader="words", index_on_page=0,
                                                    text_above="项目支出绩效自评表\n（2023年度）")))
    got = {(b.funding_source, b.measure): b.amount_wan for b in ex.budgets}
    assert got[("合计", "年初预算数")] == 125.0
    assert got[("合计", "全年执行数")] == 131.1475
    assert got[("财政拨款", "全年预算数")] == 110.0
    assert got[("其他资金", "年初预算数")] == 25.0
