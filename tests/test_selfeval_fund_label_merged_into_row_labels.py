"""A department form's fund block whose label (年度部门整体支出预算执行情况（千元）) is merged down the column
left of its rows' labels, set in a spreadsheet and printed without rulings: a reader of word positions
cannot tell the two columns apart, so the header row prints nothing before its measures, the rows'
labels stand in the first column and the label's lines are run into some of them (其中：一般公共预算 over
年度部门整体, 支出预算执行政府性基金预算, 情况（千元）国有资本经营预算). The rows are still the block's,
each the part of the block it names, in the unit the label prints."""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.selfeval.read import read_self_evaluation
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable


def _budgets(rows: list[list[Cell]], text_above: str) -> dict[tuple[str, str, str], float]:
    doc = DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf",
                   pages=[PageText(number=1, text="", width=595, height=842)],
                   tables=[RawTable.on_page(page=1, rows=rows, reader="words", index_on_page=0,
                                            text_above=text_above)])
    ex = read_self_evaluation(doc)
    return {(b.line_name or "", b.funding_source or "", b.measure): b.amount_wan for b in ex.budgets}


ROWS: list[list[Cell]] = [
    ["部门（单位）名称", "临溪县水利局", "", "", "", "", "", ""],
    ["", "", "年初预算数", "调整预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "", "3,000.00", "3,200.00", "2,880.00", "10", "90.00%", "9"],
    ["按收入性质分：", "", "", "", "", "—", "—", "—"],
    ["其中：一般公共预算\n年度部门整体", "", "2,000.00", "2,100.00", "1,890.00", "—", "—", "—"],
    ["支出预算执行政府性基金预算", "", "—", "—", "—", "—", "—", "—"],
    ["情况（千元）单位资金", "", "1,000.00", "1,100.00", "990.00", "—", "—", "—"],
    ["按支出性质分：", "", "", "", "", "—", "—", "—"],
    ["其中：基本支出", "", "1,200.00", "1,250.00", "1,180.00", "—", "—", "—"],
    ["项目支出", "", "1,800.00", "1,950.00", "1,700.00", "—", "—", "—"],
    ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""],
]


def test_rows_labelled_in_the_first_column_under_a_header_without_a_label_are_the_blocks() -> None:
    got = _budgets(ROWS, "2023年度部门整体支出绩效自评表")
    # 3,000.00 千元 = 300 万元, the unit printed in the label's last line
    assert got[("年度资金总额", "合计", "年初预算数")] == 300.0
    assert got[("年度资金总额", "合计", "全年执行数")] == 288.0
    assert got[("年度资金总额", "一般公共预算", "全年预算数")] == 210.0
    # the row of dashes (政府性基金预算 not filled) gives nothing and does not end the block
    assert not [k for k in got if k[1] == "政府性基金预算"]
    assert got[("年度资金总额", "单位资金", "全年执行数")] == 99.0
    assert got[("基本支出", "合计", "全年预算数")] == 125.0
    assert got[("项目支出", "合计", "年初预算数")] == 180.0
    assert len(got) == 15


def test_a_unit_line_above_the_form_still_wins_over_the_labels() -> None:
    got = _budgets(ROWS, "2023年度部门整体支出绩效自评表\n单位：元")
    assert got[("年度资金总额", "合计", "年初预算数")] == 0.3
