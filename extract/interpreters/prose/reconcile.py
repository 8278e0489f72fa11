"""Prose figures against table figures: agreeing ones are linked, disagreeing ones become issues.

- budgets: a prose row keeps its place in the output (the figure is stated in the text too); when a
  table row says the same thing (scope, project, item and measure) with the same amount, the prose
  row is linked to it (``linked_table_index``/``linked_row_index``); when every such table
  row has another amount, an IssueRow(rule="prose_table_mismatch") names both values.
- scores: a prose score for a unit (department, or a project) the tables already score is dropped
  (equal: a duplicate; different: an IssueRow(rule="prose_table_mismatch"), the table wins).
Returns the prose extraction after reconciliation; the table rows are not repeated in it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from model.records import BudgetRow, DocumentRecord, Extraction, IssueRow, ScoreRow
from normalize.measures import canonical_measure
from normalize.text import nfkc

_PUNCT = re.compile(r"[\s\u3000,，。.、:：;；()（）\[\]【】“”\"'‘’《》·\-—_/]+")
_TOLERANCE = 0.011  # 万元, as printed to two decimals


def _norm(s: str | None) -> str:
    return _PUNCT.sub("", nfkc(s))


def same_name(a: str | None, b: str | None) -> bool:
    """Equal after folding, or one holds the other and is at least 60% of its length."""
    x, y = _norm(a), _norm(b)
    if not x or not y:
        return x == y
    short, long_ = sorted((x, y), key=len)
    return short == long_ or (short in long_ and len(short) >= 0.6 * len(long_))


class _TableIndex:
    """The table rows a prose figure can be compared with, bucketed by scope and canonical measure (and,
    for department rows, by folded line name), so a long document costs one look-up per figure rather
    than a pass over every table row. Buckets keep the tables' order."""

    def __init__(self, rows: list[BudgetRow]) -> None:
        self.by_line: dict[tuple[str, str, str], list[BudgetRow]] = {}
        self.projects: dict[tuple[str, str], list[BudgetRow]] = {}
        for t in rows:
            # only table rows of the whole amount (合计 or no funding source) are compared
            if t.source != "table" or t.funding_source not in (None, "", "合计"):
                continue
            measure = canonical_measure(t.measure)
            self.by_line.setdefault((t.scope, measure, _norm(t.line_name)), []).append(t)
            if t.scope == "project":
                self.projects.setdefault((t.scope, measure), []).append(t)

    def candidates(self, p: BudgetRow) -> list[BudgetRow]:
        """The table rows giving the same item as ``p`` (same scope and measure; same line, or for a
        project the same project), in the tables' order."""
        measure = canonical_measure(p.measure)
        if p.scope != "project":
            return list(self.by_line.get((p.scope, measure, _norm(p.line_name)), ()))
        line = _norm(p.line_name)
        return [
            t for t in self.projects.get((p.scope, measure), ())
            if same_name(p.project, t.project) and (line == _norm(t.line_name) or same_name(p.line_name, t.project))
        ]


def _same_unit(p: ScoreRow, t: ScoreRow) -> bool:
    if p.scope != t.scope:
        return False
    return p.scope == "department" or same_name(p.project, t.project)


def _where(p: BudgetRow, t: BudgetRow) -> str:
    return "" if p.doc_id == t.doc_id else f"the companion document {t.doc_id[:12]}…'s "


def reconcile(tables: Extraction, prose: Extraction) -> Extraction:
    out = Extraction(narratives=list(prose.narratives), facts=list(prose.facts), issues=list(prose.issues))
    index = _TableIndex(tables.budgets)
    for p in prose.budgets:
        cands = index.candidates(p)
        agree = next((t for t in cands if abs(t.amount_wan - p.amount_wan) <= _TOLERANCE), None)
        if agree is not None:
            out.budgets.append(replace(p, linked_doc_id=agree.doc_id, linked_table_index=agree.table_index,
                                       linked_row_index=agree.row_index))
            continue
        out.budgets.append(p)
        if cands:
            t = cands[0]
            out.issues.append(
                IssueRow(
                    doc_id=p.doc_id,
                    page=p.page,
                    rule="prose_table_mismatch",
                    severity="warning",
                    message=(
                        f"{p.line_name or p.project} {p.measure}: the text says {p.amount_wan:g} 万元 "
                        f"(page {p.page}), {_where(p, t)}table {t.table_index} row {t.row_index} "
                        f"says {t.amount_wan:g} 万元"
                    ),
                    table_index=t.table_index,
                    row_index=t.row_index,
                )
            )
    for s in prose.scores:
        units = [u for u in tables.scores if u.source != "text" and _same_unit(s, u)]
        if not units:
            out.scores.append(s)
            continue
        if all(abs(u.score - s.score) > _TOLERANCE for u in units):
            u = units[0]
            out.issues.append(
                IssueRow(
                    doc_id=s.doc_id,
                    page=s.page,
                    rule="prose_table_mismatch",
                    severity="warning",
                    message=(
                        f"score of {s.project or 'the department'}: the text says {s.score:g} "
                        f"(page {s.page}), the table on page {u.page} says {u.score:g}"
                    ),
                )
            )
    return out


def checks_companions(ex: Extraction) -> bool:
    """The document's prose is checked against its companions' tables: it has prose budget rows no
    table of its own gave, and no statement tables of its own (a disclosure with its own statements had
    its prose checked against them)."""
    if any(b.source == "table" and b.scope == "department" for b in ex.budgets):
        return False
    return any(b.source == "text" and b.linked_table_index is None for b in ex.budgets)


def reconcile_companions(docs: list[tuple[DocumentRecord, Extraction]]) -> None:
    """Prose figures against the tables of the same disclosure published as another file.

    A disclosure often comes as a prose-only PDF and a tables-only PDF (same agency, fiscal year
    and report kind). A prose budget row no table row of its own document gives is compared with
    the companions' table rows: an agreeing one is linked (linked_doc_id), a disagreeing one
    becomes a prose_table_mismatch issue of the prose document. Only a document without statement
    tables of its own is checked this way (a 部门预算 and a 单位预算 of one agency and year are two
    disclosures, not one split in two). Changes the extractions in place.
    """
    groups: dict[tuple[str, int, str], list[tuple[DocumentRecord, Extraction]]] = {}
    for rec, ex in docs:
        if rec.agency and rec.fiscal_year and rec.status != "failed":
            groups.setdefault((rec.agency, rec.fiscal_year, rec.report_kind), []).append((rec, ex))
    for members in groups.values():
        for rec, ex in members:
            if not checks_companions(ex):
                continue
            tables = Extraction(budgets=[b for r, e in members if r.doc_id != rec.doc_id
                                         for b in e.budgets if b.source == "table"])
            unlinked = [b for b in ex.budgets if b.source == "text" and b.linked_table_index is None]
            if not tables.budgets:
                continue
            done = reconcile(tables, Extraction(budgets=unlinked))
            by_id = {id(b): i for i, b in enumerate(ex.budgets)}
            for old, new in zip(unlinked, done.budgets, strict=True):
                ex.budgets[by_id[id(old)]] = new
            ex.issues.extend(done.issues)
