"""A page that prints the fund block of a self-evaluation form but gives no budget row gets a
``fund_block_not_read`` issue: the form's indicators and score were read, its money silently missing."""

from __future__ import annotations

from extract.interpreters.selfeval.unread_funds import fund_block_line, fund_blocks_not_read
from model.pages import PageText
from model.records import BudgetRow

# a 项目支出绩效自评表 as its text layer reads, the measures' headings wrapped line by line
BLOCK_PAGE = "\n".join([
    "2024 年度项目支出绩效自评表",
    "项目名称 河道清淤整治",
    "资金来源 金额（千元） 分值 执行率 得分",
    "年初预算",
    "数",
    "调整后预",
    "算数",
    "合计 1,200.00 1,500.00 1,350.00 10 90.00% 9",
    "其中：财政拨款 1,000.00 1,200.00 1,080.00 — — —",
    "一级指标 二级指标 三级指标 预期目标 实际完成值 分值 得分",
])
# a 项目绩效目标完成情况表 whose block is label:amount pairs
PAIRS_PAGE = "\n".join([
    "项目名称 文化市场执法巡查经费",
    "预算执行情况",
    "调整后预算数： 318.09 预算执行数： 318.09",
    "其他资金： 0 其他资金： 0",
])
# a statement: totals and amounts under 年初预算数 / 决算数, but no 执行率, 分值 or 得分 beside them
STATEMENT_PAGE = "\n".join([
    "一般公共预算财政拨款支出决算表",
    "项目 年初预算数 决算数",
    "合计 1,234.00 1,200.00",
    "一般公共预算财政拨款 1,234.00 1,200.00",
    "预算数 18.96 3.75 3.42",
])
PROSE_PAGE = ("本年度年度资金总额 1200 万元，执行率 90%，其中财政拨款 1000 万元。\n"
              "得分 9 分，年初预算数与执行数基本一致。")


def _page(number: int, text: str) -> PageText:
    return PageText(number=number, text=text, width=595.0, height=842.0)


def _budget(page: int) -> BudgetRow:
    return BudgetRow(doc_id="d", page=page, source="table", scope="project", measure="全年预算数",
                     amount_wan=150.0, amount_raw="1,500.00", unit_raw="千元", table_index=0, row_index=5,
                     statement="项目支出绩效自评表", project="河道清淤整治", line_name="合计", funding_source="合计")


def test_a_fund_block_that_gave_no_budget_row_is_a_fund_block_not_read_issue() -> None:
    issues = fund_blocks_not_read("d", [_page(4, BLOCK_PAGE)], [], flagged=set())
    assert [(i.page, i.rule, i.severity) for i in issues] == [(4, "fund_block_not_read", "warning")]
    assert "合计 1,200.00" in issues[0].message


def test_a_block_of_label_amount_pairs_that_gave_no_budget_row_is_flagged() -> None:
    issues = fund_blocks_not_read("d", [_page(2, PAIRS_PAGE)], [], flagged=set())
    assert [(i.page, i.rule) for i in issues] == [(2, "fund_block_not_read")]


def test_a_block_read_into_budget_rows_is_not_flagged() -> None:
    assert fund_blocks_not_read("d", [_page(4, BLOCK_PAGE)], [_budget(4)], flagged=set()) == []


def test_a_page_already_flagged_table_not_read_is_not_flagged_twice() -> None:
    assert fund_blocks_not_read("d", [_page(4, BLOCK_PAGE)], [], flagged={4}) == []


def test_a_statement_and_prose_are_no_fund_block() -> None:
    assert fund_block_line(STATEMENT_PAGE) is None
    assert fund_block_line(PROSE_PAGE) is None
