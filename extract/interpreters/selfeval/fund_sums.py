"""A fund block's total = the sum of its parts: 年度资金总额 = Σ its sources (其中：财政拨款, 上年结转,
其他资金 …) and = Σ its items where the block splits it by spending (按支出性质分：基本支出, 项目支出).

The form defines its total so; a block read from a scan that breaks it has a misread figure (or a
misprint). A failure is an issues row ``fund_parts_sum`` and is kept term by term (the cell of each
figure) for :mod:`extract.tables.identity_readings`, which names the one reading of an uncertain figure
that would make it hold. Blank and dashed parts count as zero; a part is checked only where two or
more parts are printed for the measure.
"""

from __future__ import annotations

from extract.interpreters.selfeval.funds import FundBlock
from model.identities import FailedIdentity, IdentityKind, Term
from model.records import BudgetRow, IssueRow
from normalize.numbers import parse_number

RULE = "fund_parts_sum"
_TOLERANCE = 0.015  # in the block's printed unit: figures printed to the cent add up to the cent


def _term(row: BudgetRow, columns: dict[str, int], offsets: dict[int, int]) -> Term | None:
    value = parse_number(row.amount_raw)
    if value is None or row.row_index is None:
        return None
    column = columns.get(row.measure)
    off = offsets.get(row.row_index, 0)
    return Term(role=row.measure, value=value, text=row.amount_raw, page=row.page, table_index=row.table_index,
                row_index=row.row_index, column=None if column is None else column - off)


def fund_sum_checks(block: FundBlock, rows: list[BudgetRow], *, doc_id: str,
                    failed: list[FailedIdentity] | None = None) -> list[IssueRow]:
    """The ``fund_parts_sum`` rows of one block's budget rows (a block of one source per row only)."""
    if block.two_level or not rows:
        return []
    columns = {m: c for c, m in block.measures.items()}
    offsets = {ri: block.ncols - len(r) for ri, _, r in block.rows}
    total_ri = rows[0].row_index
    totals = [r for r in rows if r.row_index == total_ri and r.funding_source == "合计"]
    sources = [r for r in rows if r.row_index != total_ri and r.funding_source != "合计"]
    items = [r for r in rows if r.row_index != total_ri and r.funding_source == "合计"]
    out: list[IssueRow] = []
    for total in totals:
        for what, parts in (("sources", sources), ("items", items)):
            mine = [p for p in parts if p.measure == total.measure]
            if len(mine) < 2:
                continue
            terms = [_term(r, columns, offsets) for r in [total, *mine]]
            if any(t is None for t in terms):
                continue
            checked = [t for t in terms if t is not None]
            diff = checked[0].value - sum(t.value for t in checked[1:])
            if abs(diff) <= _TOLERANCE:
                continue
            out.append(IssueRow(
                doc_id=doc_id, page=total.page, rule=RULE, severity="warning",
                message=f"{total.line_name or '合计'} {total.measure} {total.amount_raw} but its {len(mine)} "
                        f"{what} add up to {checked[0].value - diff:,.2f} (difference {diff:,.2f})",
                table_index=total.table_index, row_index=total.row_index))
            if failed is not None:
                failed.append(FailedIdentity(rule=RULE, kind=IdentityKind.SUM, terms=checked, tolerance=_TOLERANCE,
                                             page=total.page))
    return out
