"""Statement layouts read row by row: synthetic tables shaped like the published 公开表."""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.statements.read import read_statements
from model.document import DocInput
from model.pages import PageText
from model.records import BudgetRow
from model.tables import Cell, RawTable


def _doc(*tables: RawTable, garbled_pages: tuple[int, ...] = ()) -> DocInput:
    pages = [PageText(number=n, text="", width=595.0, height=842.0, garbled=n in garbled_pages) for n in range(1, 6)]
    return DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf", pages=pages, tables=list(tables))


def _table(rows: list[list[Cell]], above: str, pages: list[int] | None = None) -> RawTable:
    row_pages = pages or [1] * len(rows)
    return RawTable(page=row_pages[0], rows=rows, row_pages=row_pages, reader="pdfplumber",
                    text_above=above)


def _find(rows: list[BudgetRow], name: str, measure: str) -> list[BudgetRow]:
    return [r for r in rows if r.line_name == name and r.measure == measure]


def test_two_sided_summary_labels_each_amount_by_its_own_side() -> None:
    t = _table([
        ["收入", None, "支出", None],
        ["项目", "决算数", "项目", "决算数"],
        ["一、一般公共预算财政拨款收入", "100.00", "一、一般公共服务支出", "60.00"],
        ["二、政府性基金预算财政拨款收入", "", "二、教育支出", "40.00"],
        ["本年收入合计", "100.00", "本年支出合计", "100.00"],
        ["总计", "100.00", "总计", "100.00"],
    ], "收入支出决算总表\n单位：万元")
    ext = read_statements(_doc(t))
    names = [(r.line_name, r.amount_wan) for r in ext.budgets]
    assert ("一般公共预算财政拨款收入", 100.0) in names
    assert ("一般公共服务支出", 60.0) in names
    assert ("教育支出", 40.0) in names
    assert not any(r.line_name == "政府性基金预算财政拨款收入" for r in ext.budgets)  # blank is not zero
    assert names.count(("总计", 100.0)) == 2
    assert {r.statement for r in ext.budgets} == {"收入支出决算总表"}
    assert {r.measure for r in ext.budgets} == {"全年执行数"}
    assert any(i.rule == "identity_summary" and i.message.startswith("1 of 1") for i in ext.issues)


def test_three_gong_items_across_columns_join_their_parent_stem() -> None:
    t = _table([
        ["2024年“三公”经费预算数", None, None, None, None, None, "2024年机关运行经费预算数"],
        ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", None, None, None],
        [None, None, None, "小计", "购置费", "运行费", None],
        ["47.91", "0", "1.35", "46.56", "25", "21.56", "443.18"],
    ], "部门“三公”经费和机关运行经费预算表\n编制部门：某某街道办事处 单位:万元")
    ext = read_statements(_doc(t))
    got = {r.line_name: r.amount_wan for r in ext.budgets}
    assert got == {"合计": 47.91, "因公出国(境)费": 0.0, "公务接待费": 1.35, "公务用车购置及运行费": 46.56,
                   "公务用车购置费": 25.0, "公务用车运行费": 21.56, "机关运行经费": 443.18}
    assert {r.measure for r in ext.budgets} == {"全年预算数"}
    assert not [i for i in ext.issues if i.rule == "sangong_total_sum"]
    assert any(i.rule == "identity_summary" and i.message.startswith("2 of 2") for i in ext.issues)


def test_three_gong_total_that_does_not_add_up_becomes_an_issue() -> None:
    t = _table([
        ["合计", "因公出国（境）费", "公务用车购置及运行维护费", None, None, "公务接待费"],
        [None, None, "小计", "公务用车购置费", "公务用车运行维护费", None],
        ["10.00", "1.00", "5.00", "", "5.00", "3.00"],
    ], "财政拨款“三公”经费支出决算表\n单位：万元")
    ext = read_statements(_doc(t))
    bad = [i for i in ext.issues if i.rule == "sangong_total_sum"]
    assert len(bad) == 1 and "10.00" in bad[0].message and "9.00" in bad[0].message
    assert not any(r.line_name == "公务用车购置费" for r in ext.budgets)
    assert {r.measure for r in ext.budgets} == {"全年执行数"}


def test_coded_table_in_yuan_with_split_codes_and_a_row_cut_by_the_page_break() -> None:
    t = _table([
        ["项目", None, None, None, "支出预算", None, None],
        ["功能分类科目编码", None, None, "功能分类科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", None, None, None, None],
        ["208", "", "", "社会保障和就业支出", "7,234,970", "7,234,970", "-"],
        ["208", "05", "", "行政事业单位养老支出", "7,234,970", "7,234,970", "0.00"],
        ["208", "05", "05", "机关事业单位基本养老保险缴", "4,608,515", "4,608,515", "0.00"],
        ["", "", "", "费支出", "", "", ""],
        ["208", "05", "06", "机关事业单位职业年金缴费支出", "2,626,455", "2,626,455", "0.00"],
        ["合计", None, None, None, "7,234,970", "7,234,970", "0.00"],
    ], "2024年部门支出预算总表\n编制部门：某某局 单位：元", pages=[1, 1, 1, 1, 1, 1, 2, 2, 2])
    ext = read_statements(_doc(t))
    assert {r.statement for r in ext.budgets} == {"部门支出预算总表"}
    cut = _find(ext.budgets, "机关事业单位基本养老保险缴费支出", "合计")
    assert len(cut) == 1 and cut[0].line_code == "2080505" and abs(cut[0].amount_wan - 460.8515) < 1e-9
    assert cut[0].unit_raw == "元" and cut[0].amount_raw == "4,608,515"
    zero = _find(ext.budgets, "社会保障和就业支出", "项目支出")
    assert zero and zero[0].amount_wan == 0.0  # "-" is zero
    assert _find(ext.budgets, "合计", "合计")[0].line_code is None
    assert not [i for i in ext.issues if i.rule != "identity_summary"]


def test_economic_table_with_two_groups_side_by_side_reads_codes_as_codes() -> None:
    t = _table([
        ["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"],
        ["301", "工资福利支出", "30.00", "302", "商品和服务支出", "5.00"],
        ["30101", "基本工资", "10.00", "30201", "办公费", "5.00"],
        ["30102", "津贴补贴", "20.00", "", "", ""],
    ], "一般公共预算财政拨款基本支出决算表\n单位：万元")
    ext = read_statements(_doc(t))
    codes = {(r.line_code, r.line_name): r.amount_wan for r in ext.budgets}
    assert codes == {("301", "工资福利支出"): 30.0, ("302", "商品和服务支出"): 5.0,
                     ("30101", "基本工资"): 10.0,
                     ("30201", "办公费"): 5.0, ("30102", "津贴补贴"): 20.0}


def test_class_that_is_not_the_sum_of_its_items_becomes_an_issue() -> None:
    t = _table([
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["201", "一般公共服务支出", "100.00", "60.00", "40.00"],
        ["20101", "人大事务", "90.00", "60.00", "40.00"],
    ], "一般公共预算支出预算表\n单位：万元")
    ext = read_statements(_doc(t))
    rules = [i.rule for i in ext.issues]
    assert "code_hierarchy_sum" in rules and "row_total_sum" in rules
    msg = next(i.message for i in ext.issues if i.rule == "code_hierarchy_sum" and "合计" in i.message)
    assert "100.00" in msg and "90.00" in msg


def test_rows_from_a_garbled_page_are_flagged_and_the_page_reported() -> None:
    t = _table([
        ["项目", "金额"],
        ["基本支出", "5.00"],
        ["项目支出", "3.00"],
    ], "支出预算总表\n单位：万元", pages=[2, 2, 2])
    ext = read_statements(_doc(t, garbled_pages=(2,)))
    assert ext.budgets and all(r.flagged for r in ext.budgets)
    assert [i.page for i in ext.issues if i.rule == "garbled_text"] == [2]


def test_performance_tables_are_left_alone() -> None:
    t = _table([
        ["项目名称", "辅警人员经费", None],
        ["预算数", "1047.8", "1047.8"],
    ], "项目支出绩效自评表")
    assert not read_statements(_doc(t)).budgets


def test_a_statement_without_a_printed_unit_is_kept_as_printed_and_flagged() -> None:
    rows: list[list[Cell]] = [
        ["收入", None, "支出", None],
        ["项目", "决算数", "项目", "决算数"],
        ["一、一般公共预算财政拨款收入", "100.00", "一、一般公共服务支出", "100.00"],
        ["总计", "100.00", "总计", "100.00"],
    ]
    ext = read_statements(_doc(_table(rows, "收入支出决算总表")))
    assert {r.unit_raw for r in ext.budgets} == {""}  # nothing printed
    assert {r.amount_wan for r in ext.budgets} == {100.0}  # not scaled
    (issue,) = [i for i in ext.issues if i.rule == "money_unit_unknown"]
    assert "收入支出决算总表" in issue.message and issue.table_index == 0 and issue.severity == "warning"


def test_a_printed_unit_line_leaves_no_unit_issue() -> None:
    rows: list[list[Cell]] = [
        ["收入", None, "支出", None],
        ["项目", "决算数", "项目", "决算数"],
        ["一、一般公共预算财政拨款收入", "1,000,000.00", "一、一般公共服务支出", "1,000,000.00"],
    ]
    ext = read_statements(_doc(_table(rows, "收入支出决算总表\n单位：元")))
    assert {r.amount_wan for r in ext.budgets} == {100.0}
    assert not [i for i in ext.issues if i.rule in ("money_unit_inferred", "money_unit_unknown")]


def test_a_column_of_class_codes_only_is_codes_not_amounts() -> None:
    rows: list[list[Cell]] = [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["201", "一般公共服务支出", "60.00", "50.00", "10.00"],
        ["208", "社会保障和就业支出", "30.00", "30.00", ""],
        ["221", "住房保障支出", "10.00", "10.00", ""],
    ]
    rows[0][0] = ""  # an unlabelled code column
    ext = read_statements(_doc(_table(rows, "一般公共预算财政拨款支出决算表\n单位：万元")))
    got = {(r.line_code, r.line_name, r.measure): r.amount_wan for r in ext.budgets}
    assert got[("208", "社会保障和就业支出", "合计")] == 30.0
    assert not any(r.amount_wan in (201.0, 208.0, 221.0) for r in ext.budgets)


def test_header_wrapped_into_two_rows_names_its_column_whole() -> None:
    # a reader of word positions gives each line of a wrapped header its own row
    t = _table([
        ["科目名称", "合计", "一般公共预算", "政府性基金预", "国有资本经营"],
        ["", "", "资金", "算", "预算财政拨款"],
        ["教育支出", "530.00", "500.00", "30.00", ""],
        ["科学技术支出", "80.00", "80.00", "", ""],
        ["合计", "610.00", "580.00", "30.00", ""],
    ], "财政拨款支出预算表\n单位：万元")
    ext = read_statements(_doc(t))
    got = {(r.line_name, r.measure): r.amount_wan for r in ext.budgets}
    assert got[("教育支出", "一般公共预算财政拨款")] == 500.0
    assert got[("教育支出", "政府性基金预算财政拨款")] == 30.0
    assert got[("科学技术支出", "一般公共预算财政拨款")] == 80.0


def test_header_wrapped_inside_its_unit_names_its_column_and_its_unit() -> None:
    # each header cell prints its unit in brackets and wraps inside them (事业收入（万 / 元）); a reader of
    # word positions gives each line its own row: the column is 事业收入 in 万元, not a measure 元）
    t = _table([
        ["科目名称", "合计（万元）", "事业收入（万", "其他收入（万"],
        ["", "", "元）", "元）"],
        ["教育支出", "530.00", "500.00", "30.00"],
        ["科学技术支出", "80.00", "80.00", ""],
    ], "部门收入总表")
    ext = read_statements(_doc(t))
    got = {(r.line_name, r.measure): r.amount_wan for r in ext.budgets}
    assert got == {("教育支出", "合计"): 530.0, ("教育支出", "事业收入"): 500.0, ("教育支出", "其他收入"): 30.0,
                   ("科学技术支出", "合计"): 80.0, ("科学技术支出", "事业收入"): 80.0}
    assert not any(i.rule == "money_unit_inferred" for i in ext.issues)
