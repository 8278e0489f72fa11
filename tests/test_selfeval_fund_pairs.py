"""Fund blocks printed as label:value pairs (项目（支出）绩效目标完成情况表 and its local variants), as
the table readers give them: small tables in spellings of the national language, each row a list of
cells. Expectations are what the tables print."""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.selfeval.read import read_self_evaluation
from model.document import DocInput
from model.pages import PageText
from model.records import Extraction
from model.tables import Cell, RawTable

GOAL_ROW: list[Cell] = ["年度目标完成情况", "预期目标", "实际完成目标"]


def _read(rows: list[list[Cell]], above: str = "项目绩效目标完成情况表") -> Extraction:
    head: list[list[Cell]] = [["项目名称", "农村公路养护补助", None]]
    table = RawTable(page=1, rows=head + rows, row_pages=[1] * (len(rows) + 1), reader="pdfplumber",
                     text_above=above)
    pages = [PageText(number=1, text="", width=595, height=842)]
    return read_self_evaluation(DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf", pages=pages,
                                         tables=[table]))


def _got(ex: Extraction) -> dict[tuple[str | None, str | None, str], tuple[float, str, str]]:
    return {(b.line_name, b.funding_source, b.measure): (b.amount_wan, b.amount_raw, b.unit_raw) for b in ex.budgets}


def test_a_label_and_its_amount_in_one_cell_are_a_pair_on_each_side() -> None:
    """全年预算数 250000.00 (a space, no colon) | 实际支出：198000.50 beside 资金使用情况（元）; the
    source rows 其中：财政资金：… | 其他资金：…; the row below (年度目标完成情况) is not part of the block."""
    ex = _read([
        ["资金使用情况\n（元）", "全年预算数 250000.00", "实际支出：198000.50"],
        [None, "其中：财政资金：200000", "其中：财政资金：150000.5"],
        [None, "其他资金：50000", "其他资金：48000"],
        GOAL_ROW,
    ])
    assert _got(ex) == {
        ("资金使用情况", "合计", "全年预算数"): (25.0, "250000.00", "元"),
        ("资金使用情况", "合计", "全年执行数"): (19.80005, "198000.50", "元"),
        ("资金使用情况", "财政资金", "全年预算数"): (20.0, "200000", "元"),
        ("资金使用情况", "财政资金", "全年执行数"): (15.00005, "150000.5", "元"),
        ("资金使用情况", "其他资金", "全年预算数"): (5.0, "50000", "元"),
        ("资金使用情况", "其他资金", "全年执行数"): (4.8, "48000", "元"),
    }
    assert {b.project for b in ex.budgets} == {"农村公路养护补助"}
    assert not [i for i in ex.issues if i.rule in ("fund_pair_not_read", "money_unit_inferred")]


def test_the_unit_on_the_wrapped_label_s_last_line_holds_for_the_whole_block() -> None:
    """项目资金 on the first row, （元） on the next (a wrapped label read line by line): amounts
    below a million, which would pass for 万元 without it, are 元."""
    ex = _read([
        ["项目资金", "年初预算数：", "980000", "全年执行数：", "875000"],
        ["（元）", "其中－财政拨款：", "900000", "其中－财政拨款：", "800000"],
    ])
    assert _got(ex) == {
        ("项目资金", "合计", "年初预算数"): (98.0, "980000", "元"),
        ("项目资金", "合计", "全年执行数"): (87.5, "875000", "元"),
        ("项目资金", "财政拨款", "年初预算数"): (90.0, "900000", "元"),
        ("项目资金", "财政拨款", "全年执行数"): (80.0, "800000", "元"),
    }


def test_rows_labelled_by_their_source_with_measure_pairs_stay_in_the_block() -> None:
    """年度资金总额 | 预算数 80 | 执行数 75, then 其中：当年财政拨款 | … and 上年结转资金 | …: one block,
    each row's source from its label (not three blocks named after the sources)."""
    ex = _read([
        ["年度资金总额（万元）", "预算数：80", "执行数：75.5"],
        ["其中：当年财政拨款", "预算数：60", "执行数：60"],
        ["上年结转资金", "预算数：20", "执行数：15.5"],
    ])
    assert _got(ex) == {
        ("年度资金总额", "合计", "全年预算数"): (80.0, "80", "万元"),
        ("年度资金总额", "合计", "全年执行数"): (75.5, "75.5", "万元"),
        ("年度资金总额", "当年财政拨款", "全年预算数"): (60.0, "60", "万元"),
        ("年度资金总额", "当年财政拨款", "全年执行数"): (60.0, "60", "万元"),
        ("年度资金总额", "上年结转资金", "全年预算数"): (20.0, "20", "万元"),
        ("年度资金总额", "上年结转资金", "全年执行数"): (15.5, "15.5", "万元"),
    }


def test_a_cell_listing_its_pairs_line_by_line_gives_them_all() -> None:
    """预算数：120 / 执行数：96.4 printed as two lines of one cell, and so the sources below."""
    ex = _read([
        ["预算执行情况（万元）", "预算数：120\n执行数：96.4", None],
        [None, "其中-财政拨款：100\n其中-财政拨款：90", None],
    ])
    assert _got(ex) == {
        ("预算执行情况", "合计", "全年预算数"): (120.0, "120", "万元"),
        ("预算执行情况", "合计", "全年执行数"): (96.4, "96.4", "万元"),
        ("预算执行情况", "财政拨款", "全年预算数"): (100.0, "100", "万元"),
        ("预算执行情况", "财政拨款", "全年执行数"): (90.0, "90", "万元"),
    }


def test_a_source_printed_on_one_side_only_takes_the_measure_of_its_column() -> None:
    """其他资金 printed under 执行数 only (its 预算数 side left blank), 财政拨款 with a dash on the
    预算数 side: a dash is not filled (no row), the lone pair is 全年执行数."""
    ex = _read([
        ["预算执行情况（万元）", "预算数", "300.25", "执行数", "288"],
        [None, "其中：财政拨款", "—", "其中：财政拨款", "280"],
        [None, None, None, "其他资金", "8"],
    ])
    assert _got(ex) == {
        ("预算执行情况", "合计", "全年预算数"): (300.25, "300.25", "万元"),
        ("预算执行情况", "合计", "全年执行数"): (288.0, "288", "万元"),
        ("预算执行情况", "财政拨款", "全年执行数"): (280.0, "280", "万元"),
        ("预算执行情况", "其他资金", "全年执行数"): (8.0, "8", "万元"),
    }


def test_a_pair_that_gives_no_amount_says_why() -> None:
    """预算数：待定 (no amount), 执行数：** (masked), and 暂存款：5 (a label that names no measure or
    funding source) each give an issues row; the pairs that are amounts are read."""
    ex = _read([
        ["预算执行情况（万元）", "预算数：待定", "执行数：**", "全年预算数：50"],
        [None, "其中：财政拨款：40", "暂存款：5", None],
    ])
    assert _got(ex) == {
        ("预算执行情况", "合计", "全年预算数"): (50.0, "50", "万元"),
        ("预算执行情况", "财政拨款", "全年预算数"): (40.0, "40", "万元"),
    }
    said = sorted((i.rule, i.row_index) for i in ex.issues if i.rule in ("fund_pair_not_read", "masked_value"))
    assert said == [("fund_pair_not_read", 1), ("fund_pair_not_read", 2), ("masked_value", 1)]
    messages = " ".join(i.message for i in ex.issues)
    assert "待定" in messages and "暂存款" in messages


def test_source_rows_without_qizhong_are_read_as_sources() -> None:
    """财政资金 / 自筹资金 printed without 其中 under 预算数 | 实际支出数 (label and amount side by side)."""
    ex = _read([
        ["项目资金（万元）", "预算数：", "66.5", "实际支出数：", "60"],
        [None, "财政资金：", "50", "财政资金：", "45"],
        [None, "自筹资金：", "16.5", "自筹资金：", "15"],
    ])
    assert _got(ex) == {
        ("项目资金", "合计", "全年预算数"): (66.5, "66.5", "万元"),
        ("项目资金", "合计", "全年执行数"): (60.0, "60", "万元"),
        ("项目资金", "财政资金", "全年预算数"): (50.0, "50", "万元"),
        ("项目资金", "财政资金", "全年执行数"): (45.0, "45", "万元"),
        ("项目资金", "自筹资金", "全年预算数"): (16.5, "16.5", "万元"),
        ("项目资金", "自筹资金", "全年执行数"): (15.0, "15", "万元"),
    }


def test_an_amount_whose_label_is_not_beside_it_is_said_not_read() -> None:
    """A row of the block where the left label is cut (其中-财 | 391.15): the amount is not given a
    source by guess; an issues row says it has no label; the right side is read."""
    ex = _read([
        ["预算执行情况（万元）", "全年预算数：", "420.6", "全年执行数：", "401"],
        [None, "其中-财", "391.15", "其中-财政拨款：", "380"],
    ])
    assert _got(ex) == {
        ("预算执行情况", "合计", "全年预算数"): (420.6, "420.6", "万元"),
        ("预算执行情况", "合计", "全年执行数"): (401.0, "401", "万元"),
        ("预算执行情况", "财政拨款", "全年执行数"): (380.0, "380", "万元"),
    }
    said = [i for i in ex.issues if i.rule == "fund_pair_not_read"]
    assert len(said) == 1 and "391.15" in said[0].message and said[0].row_index == 2


def test_a_target_form_s_fund_block_without_measures_is_its_budget() -> None:
    """项目支出绩效目标表 of a 部门预算: 项目资金（元） | 年度资金总额 | 356000.00, then 其中：当年财政拨款 |
    300000.00, 上年结转资金 | 56000.00, 其他资金 | — : the form states the budget granted (全年预算数);
    the dash is not filled."""
    ex = _read([
        ["项目资金（元）", "年度资金总额", None, "356000.00", None],
        [None, "其中：当年财政拨款", None, "300000.00", None],
        [None, "上年结转资金", None, "56000.00", None],
        [None, "其他资金", None, "—", None],
        ["年度总体目标", "完成全县农村公路日常养护任务。", None, None, None],
    ], above="2025年项目支出绩效目标表\n（农村公路养护补助）")
    assert _got(ex) == {
        ("年度资金总额", "合计", "全年预算数"): (35.6, "356000.00", "元"),
        ("年度资金总额", "当年财政拨款", "全年预算数"): (30.0, "300000.00", "元"),
        ("年度资金总额", "上年结转资金", "全年预算数"): (5.6, "56000.00", "元"),
    }


def test_a_self_evaluation_total_without_a_measure_is_not_given_one() -> None:
    """年度资金总额 | 80 on a 自评表 that names no measure: no budget row is guessed."""
    ex = _read([
        ["项目资金（万元）", "年度资金总额", "80"],
        [None, "其中：财政拨款", "80"],
    ], above="项目支出绩效自评表")
    assert ex.budgets == []


def test_a_unit_printed_with_a_pair_holds_for_its_amount() -> None:
    """全年预算数（元）：560000 and 全年执行数：55.2万元 beside a label that prints no unit."""
    ex = _read([
        ["资金情况", "全年预算数（元）：560000", "全年执行数：55.2万元"],
    ])
    assert _got(ex) == {
        ("资金情况", "合计", "全年预算数"): (56.0, "560000", "元"),
        ("资金情况", "合计", "全年执行数"): (55.2, "55.2", "万元"),
    }
    assert not [i for i in ex.issues if i.rule == "money_unit_inferred"]


def test_a_side_label_beside_a_later_row_of_pairs_names_the_block() -> None:
    """资金使用情况（元） centred on the block's rows stands beside its second row (the first row's left
    cell is empty): it names the block's line and gives its unit, 元, to every row, the first included."""
    ex = _read([
        [None, "预算数：", "560000", "执行数：", "532000"],
        ["资金使用情况（元）", "其中：财政拨款：", "500000", "其中：财政拨款：", "480000"],
        [None, "其他资金：", "60000", "其他资金：", "52000"],
        GOAL_ROW,
    ])
    assert _got(ex) == {
        ("资金使用情况", "合计", "全年预算数"): (56.0, "560000", "元"),
        ("资金使用情况", "合计", "全年执行数"): (53.2, "532000", "元"),
        ("资金使用情况", "财政拨款", "全年预算数"): (50.0, "500000", "元"),
        ("资金使用情况", "财政拨款", "全年执行数"): (48.0, "480000", "元"),
        ("资金使用情况", "其他资金", "全年预算数"): (6.0, "60000", "元"),
        ("资金使用情况", "其他资金", "全年执行数"): (5.2, "52000", "元"),
    }
    assert not [i for i in ex.issues if i.rule in ("fund_pair_not_read", "money_unit_inferred")]


def test_a_pair_block_cut_by_a_page_break_goes_on_in_the_next_table() -> None:
    """The fund block's last source row (自筹资金：…) printed at the top of the next page, a table of its own
    with nothing but a page number above it: its pairs take the measures of the block's sides, its line
    and its project, and are stamped with their own page; the indicators below stay the form's."""
    first = RawTable(page=1, reader="pdfplumber", text_above="项目支出绩效目标完成情况表", row_pages=[1, 1, 1], rows=[
        ["项目名称", "乡村道路亮化工程", None, None, None],
        ["项目资金（万元）", "年初预算数：", "86.4", "全年执行数：", "80.1"],
        [None, "其中：财政拨款：", "70", "其中：财政拨款：", "66.5"],
    ])
    second = RawTable(page=2, reader="pdfplumber", text_above="- 2 -", row_pages=[2, 2, 2], rows=[
        [None, "自筹资金：", "16.4", "自筹资金：", "13.6"],
        ["一级指标", "二级指标", "三级指标", "预期指标值", "实际完成指标值"],
        ["产出指标", "数量指标", "安装路灯数量", "≥120盏", "126盏"],
    ])
    pages = [PageText(number=n, text="", width=595, height=842) for n in (1, 2)]
    ex = read_self_evaluation(DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf", pages=pages,
                                       tables=[first, second]))
    got = {(b.funding_source, b.measure): (b.amount_wan, b.page, b.line_name, b.project) for b in ex.budgets}
    assert got == {
        ("合计", "年初预算数"): (86.4, 1, "项目资金", "乡村道路亮化工程"),
        ("合计", "全年执行数"): (80.1, 1, "项目资金", "乡村道路亮化工程"),
        ("财政拨款", "年初预算数"): (70.0, 1, "项目资金", "乡村道路亮化工程"),
        ("财政拨款", "全年执行数"): (66.5, 1, "项目资金", "乡村道路亮化工程"),
        ("自筹资金", "年初预算数"): (16.4, 2, "项目资金", "乡村道路亮化工程"),
        ("自筹资金", "全年执行数"): (13.6, 2, "项目资金", "乡村道路亮化工程"),
    }
    assert [(i.name, i.project) for i in ex.indicators] == [("安装路灯数量", "乡村道路亮化工程")]


def test_a_unit_in_a_measure_label_holds_for_the_sources_on_its_side() -> None:
    """预算执行情况 prints no unit; 调整预算数（元）： and 全年执行数（元）： do. The sources below them
    (其中：财政资金：, 其它资金：) print none of their own: their amounts, below a million and so
    passing for 万元 by size, are 元 like their side's measure."""
    ex = _read([
        ["预算执行情况", "调整预算数（元）：", "612340.50", "全年执行数（元）：", "598120.25"],
        [None, "其中：财政资金：", "612340.50", "其中：财政资金：", "598120.25"],
        [None, "其它资金：", "0", "其它资金：", "0"],
        GOAL_ROW,
    ])
    got = _got(ex)
    assert got[("预算执行情况", "合计", "全年预算数")] == (61.23405, "612340.50", "元")
    assert got[("预算执行情况", "财政资金", "全年预算数")] == (61.23405, "612340.50", "元")
    assert got[("预算执行情况", "财政资金", "全年执行数")] == (59.812025, "598120.25", "元")
    assert got[("预算执行情况", "其它资金", "全年执行数")][2] == "元"
    assert not [i for i in ex.issues if i.rule == "money_unit_inferred"]


def test_a_form_whose_label_rows_were_merged_into_one_row_is_named_by_its_stacked_project() -> None:
    """A reader merged 项目名称 / 主管部门 / 实施单位 into one row, each cell listing its three lines
    (项目名称\\n主管部门\\n实施单位 | 乡村道路养护补助\\n青川县交通运输局\\n青川县公路中心): the form is
    the project on the line of 项目名称, its amounts in the 元 its measure labels print."""
    rows: list[list[Cell]] = [
        ["项目名称\n主管部门\n实施单位", "乡村道路养护补助\n青川县交通运输局\n青川县公路中心", None, "", ""],
        ["预算执行情况", "调整预算数（元）：", "215600.00", "全年执行数（元）：", "201350.40"],
        [None, "其中：财政资金：", "215600.00", "其中：财政资金：", "201350.40"],
        GOAL_ROW,
    ]
    table = RawTable(page=1, rows=rows, row_pages=[1] * len(rows), reader="pdfplumber",
                     text_above="2023 年度项目（支出）绩效目标完成情况表")
    pages = [PageText(number=1, text="", width=595, height=842)]
    ex = read_self_evaluation(DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf", pages=pages,
                                       tables=[table]))
    assert {b.project for b in ex.budgets} == {"乡村道路养护补助"}
    assert _got(ex)[("预算执行情况", "财政资金", "全年执行数")] == (20.13504, "201350.40", "元")
