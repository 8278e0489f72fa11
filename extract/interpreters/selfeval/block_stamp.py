"""Is a fund block stamped with the form it is printed in? -> IssueRow (rule fund_block_form_mismatch).

A form's scope and project are read once, where the form starts; a table that holds two forms (a
page with two project forms read as one table, a project form stitched under the department's)
could leave the second form's fund block (年度资金总额, 全年预算数 …) with the first form's stamp.
Each fund-block row is checked against the form label printed nearest above it in its own table:
under a 项目名称 row the block must be that project's; under a 部门名称 row, the department's.
"""

from __future__ import annotations

from extract.interpreters.selfeval.context import clean_project, label_value
from extract.interpreters.selfeval.vocab import key, vocab
from model.document import DocInput
from model.records import BudgetRow, IssueRow
from model.tables import RawTable

RULE = "fund_block_form_mismatch"


def _form_above(table: RawTable, row_index: int) -> tuple[str, str | None] | None:
    """The form named nearest above (or on) ``row_index``: ("project", name) or ("department", None)."""
    for row in reversed(table.rows[: row_index + 1]):
        name = label_value(row, "project_labels")
        if name and key(name) in vocab()["fund_measures"]:
            continue  # a header row (序号 | 项目名称 | 预算数（万元） …): a column heading, no form's name
        if name:
            return "project", clean_project(name)
        if label_value(row, "department_labels"):
            return "department", None
    return None


def _mismatch(b: BudgetRow, printed: tuple[str, str | None]) -> str | None:
    scope, project = printed
    if scope != b.scope:
        return f"the block is stamped {b.scope} but stands under a {scope} form" + (
            f" ({project})" if project else "")
    if scope == "project" and key(project or "") != key(b.project or ""):
        return f"the block is stamped with project {b.project!r} but stands under the form of {project!r}"
    return None


def check_block_stamps(doc: DocInput, budgets: list[BudgetRow]) -> list[IssueRow]:
    """One issue per table and stamp whose fund-block rows stand under another form's label."""
    out: list[IssueRow] = []
    seen: set[tuple[int, str, str | None]] = set()
    for b in budgets:
        if b.source != "table" or b.table_index is None or b.row_index is None:
            continue
        if not 0 <= b.table_index < len(doc.tables):
            continue
        printed = _form_above(doc.tables[b.table_index], b.row_index)
        why = _mismatch(b, printed) if printed else None
        k = (b.table_index, b.scope, b.project)
        if why is None or k in seen:
            continue
        seen.add(k)
        out.append(IssueRow(doc_id=doc.doc_id, page=b.page, rule=RULE, severity="warning",
                            message=f"table {b.table_index} row {b.row_index} ({b.line_name or b.measure}): {why}"))
    return out
