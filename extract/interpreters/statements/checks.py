"""The accounting identities of statement tables, checked on the extracted amounts.

On a correctly extracted, correct statement they all hold, so the share that holds
measures the extraction. Identities (rule ids of the IssueRows for those that fail):

- code_hierarchy_sum: a 类 (3-digit code) equals the sum of its 款 (5-digit), a 款 the sum of its
  项 (7-digit), and a 合计 row the sum of the 类 rows; per amount column.
- row_total_sum: in a row, a 合计 column equals the sum of the columns that follow it under the
  same parent header (合计 = 基本支出 + 项目支出; 本年收入合计 = 财政拨款收入 + … + 其他收入).
  Where the items run across the columns, a 合计/小计 column equals the sum of its siblings.
- sangong_total_sum: the same for the "三公" table (合计 = 出国 + 车 (购置 + 运行) + 接待).
- income_equals_expense: a two-sided summary's 收入总计 equals its 支出总计.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from model.identities import FailedIdentity, IdentityKind, Term
from model.records import IssueRow

_TOTAL_NAMES = ("合计",)
_SUBTOTAL_LABELS = frozenset({"小计", "合计"})


@dataclass
class StatementAmount:
    """One amount of a statement table with what the identities need to know about it."""

    row_index: int
    col: int
    page: int
    name: str
    measure: str
    value: float  # in the table's printed unit
    code: str | None = None
    name_col: int | None = None  # the column the item name was read from (None: across layout)
    item_path: tuple[str, ...] = ()  # across layout: the header path of the item


@dataclass
class TableFacts:
    doc_id: str
    table_index: int
    statement: str
    amounts: list[StatementAmount]
    total_cols: dict[int, list[int]] = field(default_factory=dict)  # 合计 column -> component columns
    across: bool = False
    first_name_col: int | None = None


@dataclass
class CheckResult:
    checked: int = 0
    held: int = 0
    issues: list[IssueRow] = field(default_factory=list)
    failed: list[FailedIdentity] = field(default_factory=list)  # the failed identities, cell by cell

    def add(self, other: CheckResult) -> None:
        self.checked += other.checked
        self.held += other.held
        self.issues.extend(other.issues)
        self.failed.extend(other.failed)


def _tolerance(n_terms: int) -> float:
    # printed amounts are rounded to the cent (or to 0.01 万元): each term may be off by half of it
    return max(0.011, 0.0051 * n_terms)


def _fmt(v: float) -> str:
    return f"{v:,.2f}"


def _term(facts: TableFacts, a: StatementAmount) -> Term:
    return Term(role=a.measure, value=a.value, page=a.page, table_index=facts.table_index, row_index=a.row_index,
                column=a.col)


def _record(res: CheckResult, facts: TableFacts, rule: str, at: StatementAmount, total: float,
            parts: list[float], what: str, cells: list[StatementAmount] | None = None) -> None:
    """Count the identity total = Σ parts; a failure raises an issues row and, where the parts are
    single cells (``cells``), is kept term by term."""
    res.checked += 1
    s = sum(parts)
    tolerance = _tolerance(len(parts) + 1)
    if abs(total - s) <= tolerance:
        res.held += 1
        return
    if cells is not None:
        res.failed.append(FailedIdentity(
            rule=rule, kind=IdentityKind.SUM, terms=[_term(facts, at), *(_term(facts, c) for c in cells)],
            tolerance=tolerance, page=at.page, table_index=facts.table_index, row_index=at.row_index))
    res.issues.append(IssueRow(
        doc_id=facts.doc_id, page=at.page, rule=rule, severity="warning",
        message=f"{facts.statement}: {what} = {_fmt(total)} but the sum of its parts is {_fmt(s)} "
                f"({' + '.join(_fmt(p) for p in parts)})",
        table_index=facts.table_index, row_index=at.row_index,
    ))


def check_code_hierarchy(facts: TableFacts) -> CheckResult:
    res = CheckResult()
    by_col: dict[int, list[StatementAmount]] = {}
    for a in facts.amounts:
        by_col.setdefault(a.col, []).append(a)
    for amounts in by_col.values():
        coded = {a.code: a for a in amounts if a.code}
        for code, parent in coded.items():
            if len(code) not in (3, 5):
                continue
            kids = [a for c, a in coded.items() if len(c) == len(code) + 2 and c.startswith(code)]
            if kids:
                _record(res, facts, "code_hierarchy_sum", parent, parent.value, [k.value for k in kids],
                        f"{parent.measure} of {code} {parent.name}", kids)
        roots = [a for c, a in coded.items() if len(c) == 3]
        totals = [a for a in amounts if not a.code and a.name in _TOTAL_NAMES]
        if roots and len(totals) == 1:
            t = totals[0]
            _record(res, facts, "code_hierarchy_sum", t, t.value, [r.value for r in roots],
                    f"{t.measure} of {t.name}", roots)
    return res


def check_row_totals(facts: TableFacts) -> CheckResult:
    res = CheckResult()
    by_row: dict[int, dict[int, StatementAmount]] = {}
    for a in facts.amounts:
        by_row.setdefault(a.row_index, {})[a.col] = a
    for cells in by_row.values():
        for tcol, comps in facts.total_cols.items():
            total = cells.get(tcol)
            if total is None:
                continue
            found = [cells[c] for c in comps if c in cells]
            if not found:
                continue
            _record(res, facts, "row_total_sum", total, total.value, [a.value for a in found],
                    f"{total.name} {total.measure}", found)
    return res


class _ItemTree:
    """The amounts of one row and measure of an across table, keyed by their item paths."""

    def __init__(self, amounts: list[StatementAmount]) -> None:
        self.paths = {a.item_path: a for a in amounts}

    def children(self, node: tuple[str, ...]) -> set[tuple[str, ...]]:
        n = len(node)
        return {p[: n + 1] for p in self.paths if len(p) > n and p[:n] == node}

    def subtotal(self, node: tuple[str, ...]) -> StatementAmount | None:
        return self.paths.get((*node, "小计")) or self.paths.get((*node, "合计"))

    def value(self, node: tuple[str, ...]) -> float:
        if node in self.paths:
            return self.paths[node].value
        sub = self.subtotal(node)
        if sub is not None:
            return sub.value
        return sum(self.value(c) for c in self.children(node) if c[-1] not in _SUBTOTAL_LABELS)

    def nodes(self) -> set[tuple[str, ...]]:
        return {p[:k] for p in self.paths for k in range(len(p))}


def check_across_totals(facts: TableFacts) -> CheckResult:
    """Items across the columns: each 合计/小计 column equals the sum of its siblings."""
    res = CheckResult()
    rule = "sangong_total_sum" if "三公" in facts.statement else "row_total_sum"
    groups: dict[tuple[int, str], list[StatementAmount]] = {}
    for a in facts.amounts:
        if a.item_path:
            groups.setdefault((a.row_index, a.measure), []).append(a)
    for amounts in groups.values():
        tree = _ItemTree(amounts)
        for node in sorted(tree.nodes()):
            total = tree.subtotal(node)
            if total is None:
                continue
            kids = sorted(c for c in tree.children(node) if c[-1] not in _SUBTOTAL_LABELS)
            if kids:
                _record(res, facts, rule, total, total.value, [tree.value(c) for c in kids],
                        f"{total.name} {total.measure}")
    return res


def check_income_expense(facts: TableFacts) -> CheckResult:
    res = CheckResult()
    if facts.first_name_col is None:
        return res
    income = [a for a in facts.amounts if a.name_col == facts.first_name_col]
    expense = [a for a in facts.amounts if a.name_col is not None and a.name_col != facts.first_name_col]
    if not income or not expense:
        return res

    def pick(side: list[StatementAmount], words: tuple[str, ...]) -> StatementAmount | None:
        for w in words:
            hits = [a for a in side if a.name.endswith(w)]
            if hits:
                return min(hits, key=lambda a: (a.row_index, a.col))
        return None

    inc = pick(income, ("收入总计", "总计", "收入合计"))
    exp = pick(expense, ("支出总计", "总计", "支出合计"))
    if inc is None or exp is None:
        return res
    _record(res, facts, "income_equals_expense", inc, inc.value, [exp.value],
            f"{inc.name} {inc.measure} (against {exp.name})", [exp])
    return res


def check_table(facts: TableFacts) -> CheckResult:
    res = CheckResult()
    if facts.across:
        res.add(check_across_totals(facts))
        return res
    res.add(check_code_hierarchy(facts))
    res.add(check_row_totals(facts))
    res.add(check_income_expense(facts))
    return res


def summary_issue(doc_id: str, res: CheckResult) -> IssueRow:
    rate = f" ({res.held / res.checked:.1%})" if res.checked else ""
    return IssueRow(doc_id=doc_id, page=None, rule="identity_summary", severity="info",
                    message=f"{res.held} of {res.checked} identities hold{rate}")
