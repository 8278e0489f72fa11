"""Prose figures against table figures: link agreeing ones, flag disagreeing ones, no duplicate scores."""

from __future__ import annotations

from extract.interpreters.prose.reconcile import reconcile
from model.records import BudgetRow, Extraction, ScoreRow


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


def test_prose_figures_are_checked_against_the_companion_tables_file() -> None:
    """A disclosure published as a prose PDF and a tables PDF: the prose is checked against the tables."""
    from extract.interpreters.prose.reconcile import reconcile_companions
    from model.records import DocumentRecord

    def doc(doc_id: str) -> DocumentRecord:
        return DocumentRecord(doc_id=doc_id, raw_path=f"{doc_id}.pdf", agency="某省某厅", fiscal_year=2018,
                              report_kind="budget")

    table = BudgetRow(doc_id="t" * 64, page=3, source="table", scope="department", measure="全年预算数",
                      amount_wan=1157.63, amount_raw="1,157.63", unit_raw="万元", table_index=2, row_index=5,
                      statement="支出预算总表", line_name="单位预留机动经费")
    agree = BudgetRow(doc_id="p" * 64, page=9, source="text", scope="department", measure="全年预算数",
                      amount_wan=1157.63, amount_raw="1,157.63", unit_raw="万元", line_name="单位预留机动经费")
    differ = BudgetRow(doc_id="p" * 64, page=9, source="text", scope="department", measure="全年预算数",
                       amount_wan=1175.36, amount_raw="1,175.36", unit_raw="万元", line_name="单位预留机动经费")
    prose_doc, tables_doc = Extraction(budgets=[agree, differ]), Extraction(budgets=[table])
    reconcile_companions([(doc("p" * 64), prose_doc), (doc("t" * 64), tables_doc)])

    linked, unlinked = prose_doc.budgets
    assert (linked.linked_doc_id, linked.linked_table_index, linked.linked_row_index) == ("t" * 64, 2, 5)
    assert unlinked.linked_doc_id is None
    (issue,) = prose_doc.issues
    assert issue.rule == "prose_table_mismatch" and issue.doc_id == "p" * 64
    assert "1175.36" in issue.message and "1157.63" in issue.message and "companion" in issue.message
    assert not tables_doc.issues
