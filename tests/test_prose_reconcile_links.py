"""Prose figures against table figures: link agreeing ones, flag disagreeing ones, no duplicate scores."""

from __future__ import annotations

from extract.prose_reconcile import reconcile
from govperf.records import BudgetRow, Extraction, ScoreRow


def _budget(source: str, amount: float, **kw: object) -> BudgetRow:
    base: dict[str, object] = dict(
        doc_id="d",
        page=1,
        source=source,
        scope="department",
        measure="基本支出",
        amount_wan=amount,
        amount_raw=str(amount),
        unit_raw="万元",
        line_name="基本支出",
    )
    base.update(kw)
    return BudgetRow(**base)  # type: ignore[arg-type]


def test_agreeing_budget_is_kept_and_linked() -> None:
    tables = Extraction(budgets=[_budget("table", 5576.54, table_index=0, row_index=1)])
    prose = Extraction(budgets=[_budget("text", 5576.54, source_text="其中基本支出 5576.54 万元")])
    out = reconcile(tables, prose)
    assert len(out.budgets) == 1 and out.budgets[0].source == "text"
    assert (out.budgets[0].linked_table_index, out.budgets[0].linked_row_index) == (0, 1)
    assert out.issues == []


def test_disagreeing_budget_is_an_issue_naming_both_values() -> None:
    tables = Extraction(budgets=[_budget("table", 5576.54, table_index=0, row_index=1)])
    prose = Extraction(budgets=[_budget("text", 5575.0)])
    out = reconcile(tables, prose)
    assert len(out.budgets) == 1
    assert [i.rule for i in out.issues] == ["prose_table_mismatch"]
    assert "5575" in out.issues[0].message and "5576.54" in out.issues[0].message


def test_prose_score_equal_to_table_score_is_dropped() -> None:
    t = ScoreRow(doc_id="d", page=9, scope="project", project="部门工作保障经费", score=89.78, grade="良")
    same = ScoreRow(
        doc_id="d", page=2, scope="project", project="部门工作保障经费项目", score=89.78, source="text"
    )
    other = ScoreRow(doc_id="d", page=2, scope="project", project="军运会项目", score=89.0, source="text")
    out = reconcile(Extraction(scores=[t]), Extraction(scores=[same, other]))
    assert [s.project for s in out.scores] == ["军运会项目"]
    assert out.issues == []


def test_prose_score_disagreeing_with_table_is_an_issue() -> None:
    t = ScoreRow(doc_id="d", page=1, scope="department", score=92.0)
    p = ScoreRow(doc_id="d", page=1, scope="department", score=90.0, source="text")
    out = reconcile(Extraction(scores=[t]), Extraction(scores=[p]))
    assert out.scores == [] and [i.rule for i in out.issues] == ["prose_table_mismatch"]
