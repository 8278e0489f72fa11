"""The analysis-ready tables, computed from the extracted ones when the dataset is written.

``execution``: one row per evaluated unit (the department, or one project) per document, with one
budget, one actual and their rate, and the budgets rows they came from. Only table rows are used
(prose figures repeat the tables, and some are about other years). For each unit:

1. the rows of performance forms (a statement whose name contains 绩效) in the funds block's total
   (funding_source 合计, or none printed) with a budget or actual measure are the candidates;
2. of the tables that hold candidates of the unit, the one that holds the fewest units is taken
   (the unit's own form before a summary table listing every project), the first such table on a tie;
3. in that table, the row with the largest amount is the unit's total (a total is never below its
   parts), the first such row on a tie; its 全年执行数 is the actual, its 全年预算数 the budget, or its
   年初预算数 where that is all the row gives;
4. a 决算 document with no performance form of the department gets the department's row from the
   支出决算表's total row (actual only: 决算 tables print no budget beside it).

``indicator_results``: every indicator with its target and actual as (operator, number, unit) and
whether the target was met, the actual's own operator taken into account: ``met`` is true when every
value the actual allows satisfies the target (大于90% against 大于90%: met), false when none does,
null when it cannot be decided (qualitative, masked, other units, or an actual of >85 against >=90).
The vocabularies are in ``dataset/data/derived.yaml``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import yaml

from dataset.store import to_arrow
from normalize.indicator_values import parse_indicator_value, parse_operator

_DATA = Path(__file__).with_name("data") / "derived.yaml"

Row = dict[str, Any]
Unit = tuple[str, str, str | None]  # doc_id, scope, project


@lru_cache(maxsize=1)
def _vocab() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    return data


def derive(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """The derived tables of a dataset whose other tables are ``tables``."""
    docs = {d["doc_id"]: d for d in tables["documents"].to_pylist()}
    return {
        "execution": to_arrow("execution", execution_rows(tables["budgets"].to_pylist(), docs)),
        "indicator_results": to_arrow("indicator_results", indicator_result_rows(tables["indicators"].to_pylist())),
    }


# ---------------------------------------------------------------------------------------- execution
def _is_performance_form(statement: str | None) -> bool:
    return bool(statement) and any(m in str(statement) for m in _vocab()["execution"]["performance_statement_marks"])


def _candidates(budgets: Iterable[Row]) -> list[Row]:
    v = _vocab()["execution"]
    measures = set(v["budget_measures"]) | set(v["actual_measures"])
    totals = set(v["total_funding_sources"])
    return [r for r in budgets
            if r["source"] == "table" and _is_performance_form(r["statement"]) and r["measure"] in measures
            and (r["funding_source"] is None or r["funding_source"] in totals)]


def _unit_of(r: Row) -> Unit:
    return (r["doc_id"], r["scope"], r["project"])


def _pick_table(rows: list[Row], units_per_table: dict[tuple[str, int], set[Unit]]) -> list[Row]:
    """The rows of the unit's own table: the one that holds the fewest units, the first on a tie."""
    tables = sorted({r["table_index"] for r in rows},
                    key=lambda t: (len(units_per_table[(rows[0]["doc_id"], t)]), t))
    return [r for r in rows if r["table_index"] == tables[0]]


def _pick_row(rows: list[Row]) -> list[Row]:
    """The unit's total row in its table: the largest amount, the first row on a tie."""
    by_row: dict[int, list[Row]] = defaultdict(list)
    for r in rows:
        by_row[r["row_index"]].append(r)
    # a row with the total column (合计) drops its cells of no funding source
    for i, cells in by_row.items():
        if any(c["funding_source"] is not None for c in cells):
            by_row[i] = [c for c in cells if c["funding_source"] is not None]
    best = max(sorted(by_row), key=lambda i: (max(c["amount_wan"] for c in by_row[i]), -i))
    return by_row[best]


def _first(cells: list[Row], measures: Iterable[str]) -> Row | None:
    for m in measures:
        for c in cells:
            if c["measure"] == m:
                return c
    return None


def _rate(budget: float | None, actual: float | None) -> float | None:
    if budget is None or actual is None or budget <= 0:
        return None
    return round(actual / budget, 6)


@dataclass(kw_only=True)
class _Figures:
    basis: str
    statement: str | None
    budget: Row | None
    actual: Row | None


def _execution_row(unit: Unit, f: _Figures, doc: Row) -> Row:
    doc_id, scope, project = unit
    budget, actual = f.budget, f.actual
    return {
        "doc_id": doc_id, "fiscal_year": doc["fiscal_year"], "agency": doc["agency"],
        "report_kind": doc["report_kind"],
        "unit": project if scope == "project" and project else _vocab()["execution"]["department_unit"],
        "scope": scope, "project": project, "basis": f.basis, "statement": f.statement,
        "budget_wan": budget["amount_wan"] if budget else None,
        "budget_measure": budget["measure"] if budget else None,
        "actual_wan": actual["amount_wan"] if actual else None,
        "actual_measure": actual["measure"] if actual else None,
        "rate": _rate(budget["amount_wan"] if budget else None, actual["amount_wan"] if actual else None),
        **{f"budget_{k}": budget[k] if budget else None for k in ("page", "table_index", "row_index")},
        **{f"actual_{k}": actual[k] if actual else None for k in ("page", "table_index", "row_index")},
    }


def _final_accounts_total(rows: list[Row]) -> Row | None:
    fa = _vocab()["execution"]["final_accounts"]
    found = [r for r in rows
             if r["source"] == "table" and r["statement"] in fa["statements"] and r["measure"] == fa["measure"]
             and r["line_name"] in fa["line_names"] and not r["line_code"] and r["scope"] == "department"]
    return min(found, key=lambda r: (r["table_index"], r["row_index"])) if found else None


def execution_rows(budgets: list[Row], docs: dict[str, Row]) -> list[Row]:
    v = _vocab()["execution"]
    cands = _candidates(budgets)
    units_per_table: dict[tuple[str, int], set[Unit]] = defaultdict(set)
    by_unit: dict[Unit, list[Row]] = defaultdict(list)
    for r in cands:
        units_per_table[(r["doc_id"], r["table_index"])].add(_unit_of(r))
        by_unit[_unit_of(r)].append(r)
    out = []
    for unit, rows in by_unit.items():
        cells = _pick_row(_pick_table(rows, units_per_table))
        figures = _Figures(basis="performance_form", statement=cells[0]["statement"],
                           budget=_first(cells, v["budget_measures"]), actual=_first(cells, v["actual_measures"]))
        out.append(_execution_row(unit, figures, docs[unit[0]]))
    by_doc: dict[str, list[Row]] = defaultdict(list)
    for r in budgets:
        by_doc[r["doc_id"]].append(r)
    for doc_id, rows in by_doc.items():
        if doc_id not in docs or (doc_id, "department", None) in by_unit:
            continue
        if docs[doc_id]["report_kind"] != "final_accounts":
            continue
        total = _final_accounts_total(rows)
        if total is not None:
            figures = _Figures(basis="final_accounts", statement=total["statement"], budget=None, actual=total)
            out.append(_execution_row((doc_id, "department", None), figures, docs[doc_id]))
    return out


# ---------------------------------------------------------------------------------- indicator results
# a comparison as the set of numbers it allows: (low, low included, high, high included)
Interval = tuple[float, bool, float, bool]


def _interval(op: str, x: float) -> Interval:
    return {
        ">=": (x, True, math.inf, False), ">": (x, False, math.inf, False),
        "<=": (-math.inf, False, x, True), "<": (-math.inf, False, x, False),
    }.get(op, (x, True, x, True))


def _inside(a: Interval, b: Interval) -> bool:
    """Every number of ``a`` is in ``b``."""
    lo_ok = a[0] > b[0] or (a[0] == b[0] and (b[1] or not a[1]))
    hi_ok = a[2] < b[2] or (a[2] == b[2] and (b[3] or not a[3]))
    return lo_ok and hi_ok


def _disjoint(a: Interval, b: Interval) -> bool:
    lo, lo_in = (a[0], a[1]) if a[0] > b[0] or (a[0] == b[0] and not a[1]) else (b[0], b[1])
    hi, hi_in = (a[2], a[3]) if a[2] < b[2] or (a[2] == b[2] and not a[3]) else (b[2], b[3])
    return lo > hi or (lo == hi and not (lo_in and hi_in))


def target_met(target_op: str, target: float, actual_op: str, actual: float) -> bool | None:
    """True when every value the actual allows meets the target, False when none does, else None."""
    a, t = _interval(actual_op, actual), _interval(target_op, target)
    if _inside(a, t):
        return True
    if _disjoint(a, t):
        return False
    return None


def _target_operator(r: Row) -> tuple[str | None, bool]:
    if r["operator"]:
        return r["operator"], False
    if r["target_value"] is None:
        return None, False
    v = _vocab()["indicator_results"]
    return v["default_target_operator_by_level2"].get(r["level2"], v["default_target_operator"]), True


def _comparable(r: Row) -> bool:
    if r["target_value"] is None or r["actual_value"] is None:
        return False
    tu, au = r["target_unit"], r["actual_unit"]
    return tu is None or au is None or tu == au


def indicator_result_row(r: Row) -> Row:
    t_op, inferred = _target_operator(r)
    a_op = None
    if r["actual_value"] is not None:
        a_op = parse_indicator_value(r["actual_raw"]).operator or parse_operator(r["actual_raw"]) or "="
    comparable = _comparable(r) and t_op is not None and a_op is not None
    weight, score = r["weight"], r["score"]
    return {
        **{k: r[k] for k in ("doc_id", "fiscal_year", "agency", "page", "table_index", "row_index", "scope",
                             "project", "level1", "level2", "name", "name_canonical", "target_value",
                             "target_unit", "actual_value", "actual_unit", "weight", "score", "target_raw",
                             "actual_raw")},
        "target_operator": t_op, "target_operator_inferred": inferred, "actual_operator": a_op,
        "met": target_met(str(t_op), r["target_value"], str(a_op), r["actual_value"]) if comparable else None,
        "gap": round(r["actual_value"] - r["target_value"], 6) if comparable else None,
        "score_share": round(score / weight, 6) if score is not None and weight else None,
    }


def indicator_result_rows(indicators: list[Row]) -> list[Row]:
    return [indicator_result_row(r) for r in indicators]
