"""The money unit of each amount column of a statement table, and the unknown ones resolved.

Where the unit is printed (normalize.units is the grammar), most specific first: the column's
own header (``金额（元）``, ``决算数（万元）``), then a declaration in the table's title rows or the
text above it (``单位：万元``, ``单位（元）``). A column whose unit none of these gives is
**unknown**: its amounts are never scaled by their size. They are compared with the amounts the
document's other tables print with a unit: read in 万元, in 元 and in 千元, the reading under
which more of them equal an amount of another table (a statement's 合计 is another's 总计) is
kept; without such evidence, the unit every other statement of the document prints (a disclosure
in 元 prints 元 on all its tables but one) is kept; without that either, they stay as printed,
in 万元 (the national templates' unit). Either way a ``money_unit_unknown`` warning names the
table, the unit kept and the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.records import BudgetRow, IssueRow
from normalize.numbers import to_wan
from normalize.units import declared_unit

TEMPLATE_UNIT = "万元"  # the unit the MoF 部门预算/部门决算 templates print
_CANDIDATES = ("万元", "元", "千元")
_MIN_EVIDENCE = 2  # amounts that must match another table's for a reading to be kept


@dataclass(kw_only=True)
class UnitlessTable:
    """A statement table with amount columns whose unit is not printed."""

    table_index: int
    page: int
    statement: str
    rows: list[BudgetRow]  # its rows read from those columns (amount_wan provisional, in 万元)
    values: list[float]  # the printed values of those rows


def column_units(header_units: list[str | None], title_rows: str, text_above: str) -> list[str | None]:
    """Per column: the unit its header prints, else the one the title area declares, else None."""
    declared = declared_unit(title_rows) or declared_unit(text_above)
    return [u or declared for u in header_units]


def _key(v: float) -> int:
    return round(abs(v) * 100)


def _known_amounts(rows: list[BudgetRow], unknown: set[int]) -> set[int]:
    """Amounts (in hundredths of 万元) of the rows whose unit was printed, zeros left out."""
    return {_key(r.amount_wan) for r in rows if id(r) not in unknown and abs(r.amount_wan) >= 0.01}


def _evidence(table: UnitlessTable, known: set[int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for unit in _CANDIDATES:
        keys = {_key(to_wan(v, unit)) for v in table.values if _key(to_wan(v, unit)) >= 1}
        out[unit] = len(keys & known)
    return out


def resolve_unitless(doc_id: str, all_rows: list[BudgetRow], tables: list[UnitlessTable]) -> list[IssueRow]:
    """Give the rows of ``tables`` the unit the evidence supports; one warning per table."""
    unknown = {id(r) for t in tables for r in t.rows}
    known = _known_amounts(all_rows, unknown)
    issues: list[IssueRow] = []
    printed = {r.unit_raw for r in all_rows if id(r) not in unknown and r.unit_raw}
    for t in tables:
        counts = _evidence(t, known)
        best = max(_CANDIDATES, key=lambda u: (counts[u], u == TEMPLATE_UNIT))
        runner_up = max(counts[u] for u in _CANDIDATES if u != best)
        tally = f"read in 万元: {counts['万元']}, in 元: {counts['元']}, in 千元: {counts['千元']}"
        if counts[best] >= _MIN_EVIDENCE and counts[best] > runner_up:
            unit = best
            why = (f"read as {unit}: {counts[best]} of its amounts equal amounts that other tables of the "
                   f"document print with a unit ({tally})")
        elif len(printed) == 1:
            unit = next(iter(printed))
            why = (f"read as {unit}, the unit every other statement of the document prints; no amount "
                   f"confirms it ({tally})")
        else:
            unit = TEMPLATE_UNIT
            why = f"kept as printed, in {unit} (the templates' unit); no other table confirms a unit ({tally})"
        for r, v in zip(t.rows, t.values, strict=True):
            r.amount_wan = to_wan(v, unit)
            r.unit_raw = ""
        issues.append(IssueRow(
            doc_id=doc_id, page=t.page, rule="money_unit_unknown", severity="warning",
            message=f"{t.statement}: no money unit is printed (no 单位 line, no unit in the column headers); {why}",
            table_index=t.table_index,
        ))
    return issues
