"""行次 columns, 栏次 rows, codes printed in the item cell and 其中： sub-items of statement tables."""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.statements.read import read_statements, split_code_name
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable


def _doc(rows: list[list[Cell]], above: str) -> DocInput:
    t = RawTable(page=1, rows=rows, row_pages=[1] * len(rows), reader="pdfplumber", text_above=above)
    return DocInput(doc_id="e" * 64, path=Path("x.pdf"), file_type="pdf",
                    pages=[PageText(number=1, text="", width=595.0, height=842.0)], tables=[t])


def test_line_number_column_of_a_two_sided_summary_is_not_an_amount() -> None:
    ext = read_statements(_doc([
        ["收入", None, None, "支出", None, None],
        ["项目", "行次", "决算数", "项目", "行次", "决算数"],
        ["一、一般公共预算财政拨款收入", "1", "80.00", "一、一般公共服务支出", "1", "80.00"],
        ["总计", "2", "80.00", "总计", "2", "80.00"],
    ], "收入支出决算总表\n单位：万元"))
    got = sorted((r.line_name, r.amount_wan) for r in ext.budgets)
    assert got == [("一般公共服务支出", 80.0), ("一般公共预算财政拨款收入", 80.0), ("总计", 80.0), ("总计", 80.0)]
    assert {r.measure for r in ext.budgets} == {"全年执行数"}


def test_column_number_row_under_the_header_is_neither_data_nor_a_header_label() -> None:
    ext = read_statements(_doc([
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["栏次", None, "1", "2", "3"],
        ["201", "一般公共服务支出", "30.00", "20.00", "10.00"],
        ["20101", "人大事务", "30.00", "20.00", "10.00"],
    ], "支出决算表\n单位：万元"))
    assert not [r for r in ext.budgets if r.line_name == "栏次"]
    assert {r.measure for r in ext.budgets} == {"合计", "基本支出", "项目支出"}
    assert len(ext.budgets) == 6
    assert any(i.rule == "identity_summary" and i.message.startswith("5 of 5") for i in ext.issues)


def test_code_printed_in_the_item_cell_becomes_the_line_code() -> None:
    ext = read_statements(_doc([
        ["科目", "金额"],
        ["合计", "12.00"],
        ["208 社会保障和就业支出", "12.00"],
        ["\u300020805 行政事业单位养老支出", "12.00"],
        ["\u3000\u30002080505 机关事业单位基本养老保险缴费支出", "12.00"],
    ], "一般公共预算支出预算表\n单位：万元"))
    got = {(r.line_code, r.line_name) for r in ext.budgets}
    assert got == {(None, "合计"), ("208", "社会保障和就业支出"), ("20805", "行政事业单位养老支出"),
                   ("2080505", "机关事业单位基本养老保险缴费支出")}
    assert any(i.rule == "identity_summary" and i.message.startswith("3 of 3") for i in ext.issues)


def test_split_code_name_leaves_years_and_numbered_items_alone() -> None:
    assert split_code_name("[20101]人大事务") == ("20101", "人大事务")
    assert split_code_name("2023年结转") == (None, "2023年结转")
    assert split_code_name("1.因公出国（境）费") == (None, "1.因公出国（境）费")


def test_sub_item_opened_by_qizhong_is_named_without_it() -> None:
    ext = read_statements(_doc([
        ["项目", "预算数"],
        ["合计", "9.00"],
        ["1.公务用车购置及运行维护费", "9.00"],
        ["其中：公务用车购置费", "4.00"],
    ], "“三公”经费支出预算表\n单位：万元"))
    assert {r.line_name for r in ext.budgets} == {"合计", "公务用车购置及运行维护费", "公务用车购置费"}


def test_split_code_columns_printing_only_the_rows_own_part_give_full_codes() -> None:
    ext = read_statements(_doc([
        ["科目编码", None, None, "科目名称", "合计"],
        ["类", "款", "项", None, None],
        ["201", "", "", "一般公共服务支出", "10.00"],
        ["", "01", "", "人大事务", "6.00"],
        ["", "", "01", "行政运行", "6.00"],
        ["", "03", "", "政府办公厅（室）及相关机构事务", "4.00"],
        ["", "", "02", "一般行政管理事务", "4.00"],
    ], "财政拨款支出决算表\n单位：万元"))
    got = [(r.line_code, r.line_name) for r in ext.budgets]
    assert got == [("201", "一般公共服务支出"), ("20101", "人大事务"), ("2010101", "行政运行"),
                   ("20103", "政府办公厅（室）及相关机构事务"), ("2010302", "一般行政管理事务")]
    assert any(i.rule == "identity_summary" and i.message.startswith("3 of 3") for i in ext.issues)
