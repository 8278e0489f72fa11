"""Statements typeset in the national templates' other wordings and units are read.

Each workbook here is typed like a 部门预算/部门决算 disclosure made from the Ministry of Finance
templates or a provincial variant (one statement per sheet: title, 单位 line, header, rows);
the expectations are the amounts printed in it, in 万元.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from extract.interpreters.statements.read import read_statements
from extract.sources.xlsx import read_xlsx
from model.document import DocInput
from model.records import BudgetRow, Extraction

Sheet = tuple[list[list[Any]], list[str]]  # rows, merged ranges ("A1:C1")


def _read(tmp_path: Path, *sheets: Sheet) -> Extraction:
    wb = openpyxl.Workbook()
    for i, (rows, merges) in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        assert ws is not None
        for r in rows:
            ws.append(r)
        for m in merges:
            ws.merge_cells(m)
    path = tmp_path / "disclosure.xlsx"
    wb.save(str(path))
    pages, tables = read_xlsx(path)
    return read_statements(DocInput(doc_id="d" * 64, path=path, file_type="xlsx", pages=pages, tables=tables))


def _amounts(ext: Extraction, statement: str) -> dict[tuple[str | None, str], float]:
    return {(b.line_name, b.measure): b.amount_wan for b in ext.budgets if b.statement == statement}


def _rules(ext: Extraction) -> list[str]:
    return [i.rule for i in ext.issues]


def test_a_mof_income_table_in_yuan_with_the_unit_in_the_column_header(tmp_path: Path) -> None:
    # 部门收入总表 (MoF 部门预算 template) with its amounts in 元, said only in the header: 金额（元）
    ext = _read(tmp_path, ([
        ["2023年部门收入总表"],
        ["编制单位：某市某区城市管理局"],
        ["科目编码", "科目名称", "合计（元）", "一般公共预算拨款收入（元）", "其他收入（元）"],
        ["", "合计", "1,250,000.00", "1,200,000.00", "50,000.00"],
        ["２０１", "一般公共服务支出", "1,250,000.00", "1,200,000.00", "50,000.00"],
    ], []))
    got = _amounts(ext, "部门收入总表")
    assert got[("一般公共服务支出", "合计")] == 125.0
    assert got[("一般公共服务支出", "一般公共预算拨款收入")] == 120.0
    assert got[("合计", "其他收入")] == 5.0
    assert {b.line_code for b in ext.budgets if b.line_name == "一般公共服务支出"} == {"201"}
    assert {b.unit_raw for b in ext.budgets} == {"元"}
    assert "money_unit_unknown" not in _rules(ext)


def test_a_unit_in_parentheses_after_the_word_unit_is_read(tmp_path: Path) -> None:
    # 单位（元） above the table: the unit is 元, not the 万元 of the templates
    ext = _read(tmp_path, ([
        ["2022年部门支出总表"],
        ["单位（元）"],
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["201", "一般公共服务支出", "300,000.00", "100,000.00", "200,000.00"],
    ], []))
    assert _amounts(ext, "部门支出总表")[("一般公共服务支出", "项目支出")] == 20.0


def test_a_header_amount_with_unit_inside_the_brackets_keeps_the_table(tmp_path: Path) -> None:
    # 金额（单位：万元） as the only amount header
    ext = _read(tmp_path, ([
        ["2024年政府性基金预算支出表"],
        ["科目编码", "科目名称", "金额（单位：万元）"],
        ["212", "城乡社区支出", "320.00"],
        ["21208", "国有土地使用权出让收入安排的支出", "320.00"],
    ], []))
    got = _amounts(ext, "政府性基金预算支出表")
    assert got == {("城乡社区支出", "全年预算数"): 320.0, ("国有土地使用权出让收入安排的支出", "全年预算数"): 320.0}


def test_negatives_printed_with_triangle_minus_sign_and_parentheses(tmp_path: Path) -> None:
    ext = _read(tmp_path, ([
        ["2022年收入支出决算总表"],
        ["单位：万元"],
        ["项目", "决算数", "项目", "决算数"],
        ["一、财政拨款收入", "100.00", "一、一般公共服务支出", "90.00"],
        ["年初结转和结余", "△5.00", "年末结转和结余", "\u22125.00"],
        ["其他", "(12,000.00)", "总计", "85.00"],
    ], []))
    got = _amounts(ext, "收入支出决算总表")
    assert got[("年初结转和结余", "全年执行数")] == -5.0
    assert got[("年末结转和结余", "全年执行数")] == -5.0
    assert got[("其他", "全年执行数")] == -12000.0


def test_a_cell_with_misplaced_separators_is_rejected_and_reported(tmp_path: Path) -> None:
    ext = _read(tmp_path, ([
        ["2022年支出决算表"],
        ["单位：万元"],
        ["科目编码", "科目名称", "合计", "基本支出"],
        ["201", "一般公共服务支出", "73.033,81", "12,34.5"],
        ["20101", "人大事务", "50.00", "50.00"],
    ], []))
    got = _amounts(ext, "支出决算表")
    assert ("一般公共服务支出", "合计") not in got and ("一般公共服务支出", "基本支出") not in got
    assert got[("人大事务", "合计")] == 50.0
    rejected = [i for i in ext.issues if i.rule == "number_rejected"]
    assert len(rejected) == 2 and all(i.row_index == 1 for i in rejected)
    assert any("73.033,81" in i.message for i in rejected)


def test_whole_amounts_left_of_an_item_column_are_not_read_as_class_codes(tmp_path: Path) -> None:
    # a two-sided 收支总表 in whole 万元: the 预算数 column (235, 265, 500) stands before the 支出 item
    # column, where a column of 类 codes would stand; its header names amounts, so it holds amounts
    ext = _read(tmp_path, ([
        ["2024年部门收支总表"],
        ["单位：万元"],
        ["收入项目", "预算数", "支出项目", "预算数"],
        ["一般公共预算拨款收入", "235", "一般公共服务支出", "265"],
        ["其他收入", "265", "社会保障和就业支出", "235"],
        ["收入总计", "500", "支出总计", "500"],
    ], []))
    got = _amounts(ext, "部门收支总表")
    assert got[("一般公共预算拨款收入", "全年预算数")] == 235.0
    assert got[("其他收入", "全年预算数")] == 265.0
    assert got[("收入总计", "全年预算数")] == 500.0
    assert got[("社会保障和就业支出", "全年预算数")] == 235.0
    assert all(b.line_code is None for b in ext.budgets)


def test_a_project_list_gives_project_rows_and_a_department_total(tmp_path: Path) -> None:
    ext = _read(tmp_path, ([
        ["2024年项目支出表"],
        ["单位：万元"],
        ["项目名称", "合计", "一般公共预算"],
        ["合计", "500", "500"],
        ["信息化运维经费", "235", "235"],
        ["执法装备购置经费", "265", "265"],
    ], []))
    rows = [b for b in ext.budgets if b.statement == "项目支出表"]
    assert {(b.scope, b.project, b.line_name, b.measure, b.amount_wan) for b in rows} == {
        ("department", None, "合计", "合计", 500.0),
        ("department", None, "合计", "一般公共预算财政拨款", 500.0),
        ("project", "信息化运维经费", "信息化运维经费", "合计", 235.0),
        ("project", "信息化运维经费", "信息化运维经费", "一般公共预算财政拨款", 235.0),
        ("project", "执法装备购置经费", "执法装备购置经费", "合计", 265.0),
        ("project", "执法装备购置经费", "执法装备购置经费", "一般公共预算财政拨款", 265.0),
    }


def test_a_procurement_budget_gives_its_items_and_no_quantities(tmp_path: Path) -> None:
    ext = _read(tmp_path, ([
        ["2024年政府采购预算表"],
        ["单位：万元"],
        ["采购项目", "采购目录", "计量单位", "数量", "合计", "一般公共预算", "其他资金"],
        ["办公设备购置", "A02010104 台式计算机", "台", "20", "35.70", "35.70", ""],
        ["物业管理服务", "C21040000 物业管理服务", "项", "1", "38.57", "37.35", "1.22"],
        ["合计", None, None, None, "74.27", "73.05", "1.22"],
    ], ["A6:D6"]))
    rows: list[BudgetRow] = [b for b in ext.budgets if b.statement == "政府采购预算表"]
    assert {(b.line_name, b.measure, b.amount_wan) for b in rows} == {
        ("办公设备购置", "合计", 35.7), ("办公设备购置", "一般公共预算财政拨款", 35.7),
        ("物业管理服务", "合计", 38.57), ("物业管理服务", "一般公共预算财政拨款", 37.35),
        ("物业管理服务", "其他资金", 1.22),
        ("合计", "合计", 74.27), ("合计", "一般公共预算财政拨款", 73.05), ("合计", "其他资金", 1.22),
    }


def test_sangong_meeting_and_training_table_with_measures_down_the_rows(tmp_path: Path) -> None:
    # MoF 部门决算: 一般公共预算财政拨款“三公”经费、会议费、培训费支出决算表, one row per measure
    ext = _read(tmp_path, ([
        ["2023年度一般公共预算财政拨款“三公”经费、会议费、培训费支出决算表"],
        ["单位：万元"],
        ["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置及运行费", "公务用车购置及运行费",
         "公务接待费", "会议费", "培训费"],
        [None, None, None, "小计", "购置费", "运行费", None, None, None],
        ["预算数", "18.96", "3.75", "3.42", "-", "3.42", "5.94", "1.65", "4.20"],
        ["决算数", "15.67", "3.11", "3.05", "-", "3.05", "4.20", "1.39", "3.92"],
    ], []))  # the xlsx reader gives no merged cells: the group label is printed over each of its columns
    got = _amounts(ext, "一般公共预算财政拨款“三公”经费、会议费、培训费支出决算表")
    assert got[("合计", "全年预算数")] == 18.96
    assert got[("合计", "全年执行数")] == 15.67
    assert got[("会议费", "全年执行数")] == 1.39
    assert got[("公务用车运行费", "全年预算数")] == 3.42
    assert got[("公务用车购置费", "全年执行数")] == 0.0
    assert not [k for k in got if k[0] in ("预算数", "决算数")]


def test_a_rate_column_gives_no_amounts(tmp_path: Path) -> None:
    ext = _read(tmp_path, ([
        ["2023年度部门决算收支情况表"],
        ["单位：万元"],
        ["项目", "年初预算数", "全年预算数", "决算数", "执行率"],
        ["一、收入合计", "2,797.15", "2,912.76", "2,631.47", "0.90"],
    ], []))
    got = _amounts(ext, "部门决算收支情况表")
    assert got == {("收入合计", "年初预算数"): 2797.15, ("收入合计", "全年预算数"): 2912.76,
                   ("收入合计", "全年执行数"): 2631.47}


def test_a_table_without_a_printed_unit_takes_the_unit_its_amounts_share_with_other_tables(tmp_path: Path) -> None:
    # the 收支总表 prints 单位：元; the 支出总表 prints no unit, and its 合计 is the 收支总表's 支出总计
    ext = _read(tmp_path, ([
        ["2023年部门收支总表"],
        ["单位：元"],
        ["收入", None, "支出", None],
        ["项目", "预算数", "项目", "预算数"],
        ["一、一般公共预算拨款收入", "3,007,030.00", "一、一般公共服务支出", "2,100,680.00"],
        ["收入总计", "3,007,030.00", "二、社会保障和就业支出", "906,350.00"],
    ], ["A3:B3", "C3:D3"]), ([
        ["2023年部门支出总表"],
        ["科目编码", "科目名称", "合计"],
        ["201", "一般公共服务支出", "2,100,680.00"],
        ["208", "社会保障和就业支出", "906,350.00"],
    ], []))
    got = _amounts(ext, "部门支出总表")
    assert got[("一般公共服务支出", "合计")] == 210.068
    (issue,) = [i for i in ext.issues if i.rule == "money_unit_unknown"]
    assert issue.severity == "warning" and "部门支出总表" in issue.message and "元" in issue.message


def test_a_lone_table_without_a_unit_is_not_scaled_by_the_size_of_its_amounts(tmp_path: Path) -> None:
    # amounts under 1,000,000 with no unit anywhere: kept as printed and flagged, never guessed as 元
    ext = _read(tmp_path, ([
        ["2023年部门支出总表"],
        ["科目编码", "科目名称", "合计"],
        ["201", "一般公共服务支出", "235,600.00"],
    ], []))
    assert _amounts(ext, "部门支出总表")[("一般公共服务支出", "合计")] == 235600.0
    assert [i.severity for i in ext.issues if i.rule == "money_unit_unknown"] == ["warning"]


def test_a_statement_with_an_unlisted_title_keeps_its_title_and_says_so(tmp_path: Path) -> None:
    ext = _read(tmp_path, ([
        ["2024年部门机关运行经费支出预算明细表"],
        ["单位：万元"],
        ["科目编码", "科目名称", "合计"],
        ["201", "一般公共服务支出", "12.50"],
    ], []))
    assert _amounts(ext, "部门机关运行经费支出预算明细表") == {("一般公共服务支出", "合计"): 12.5}
    assert [i.severity for i in ext.issues if i.rule == "statement_title_unknown"] == ["info"]


def test_national_template_titles_get_their_names(tmp_path: Path) -> None:
    titles = ["部门收入总表", "部门支出总表", "一般公共预算支出表", "一般公共预算基本支出表", "政府性基金预算支出表",
              "项目支出表", "一般公共预算财政拨款基本支出决算明细表", "部门决算收支情况表"]
    sheets: list[Sheet] = [([[f"2024年{t}"], ["单位：万元"], ["科目编码", "科目名称", "合计"],
                             ["201", "一般公共服务支出", "1.00"]], []) for t in titles]
    ext = _read(tmp_path, *sheets)
    assert {b.statement for b in ext.budgets} == set(titles)
    assert "statement_title_unknown" not in _rules(ext)


def test_a_statement_whose_amounts_have_no_item_is_reported(tmp_path: Path) -> None:
    # a header over amounts but no column naming the rows' items and no items across: nothing to label
    ext = _read(tmp_path, ([
        ["2024年部门支出总表"],
        ["单位：万元"],
        ["科目编码", "合计", "基本支出"],
        ["201", "10.00", "4.00"],
        ["208", "6.00", "6.00"],
    ], []))
    assert not ext.budgets
    (issue,) = [i for i in ext.issues if i.rule == "statement_not_read"]
    assert "部门支出总表" in issue.message and "合计" in issue.message


def test_a_summary_heading_its_items_project_name_is_not_a_project_list(tmp_path: Path) -> None:
    # Jiangsu's 收入预算总表 heads its item column 项目名称: its rows are the department's lines
    ext = _read(tmp_path, ([
        ["收入预算总表"],
        ["部门：某省某厅 单位：万元"],
        ["项目名称", "金额"],
        ["收入总计", "10,150.48"],
        ["一般公共预算资金", "10,070.48"],
    ], []))
    assert {(b.scope, b.project) for b in ext.budgets} == {("department", None)}


def test_a_part_on_the_next_page_without_the_blank_first_column_continues_the_statement() -> None:
    # Jiangsu's 政府采购预算表: a ruled first column blank on every row, not drawn on the next page
    from model.tables import RawTable

    first = RawTable.on_page(page=1, reader="pdfplumber", text_above="2019年政府采购预算表\n单位：万元", rows=[
        [None, "采购品目大类", "采购物品名称", "采购组织形式", "总计"],
        [None, "合计", "", "", "2,416.43"],
        [None, "", "办公设备购置", "分散自行组织", "53.10"],
    ])
    second = RawTable.on_page(page=2, reader="pdfplumber", rows=[
        ["", "会议服务", "分散自行组织", "113.63"],
        ["", "印刷和出版服务", "分散自行组织", "30.00"],
    ])
    doc = DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf", pages=[], tables=[first, second])
    got = {(b.page, b.line_name, b.amount_wan) for b in read_statements(doc).budgets}
    assert got == {(1, "合计", 2416.43), (1, "办公设备购置", 53.1), (2, "会议服务", 113.63),
                   (2, "印刷和出版服务", 30.0)}


def test_the_statement_vocabulary_names_each_title_once() -> None:
    import re
    from collections import Counter

    from normalize import statement_names

    text = (Path(statement_names.__file__).with_name("data") / "statements.yaml").read_text(encoding="utf-8")
    known = text[text.index("\nknown:"):text.index("\ntitle_suffixes:")]
    names = re.findall(r"^  (\S+):", known, re.M)
    assert names and not [n for n, k in Counter(names).items() if k > 1]
