"""A performance form whose 总分 row was lost (a page tail holding only the form's end, not read with
it) says so: issues rule form_total_not_read. The form is the synthetic project form of
test_selfeval_tables (its amounts and points as printed there), cut before its total row."""

from __future__ import annotations

from extract.interpreters.selfeval.read import read_self_evaluation
from tests.test_selfeval_tables import PROJECT_FORM, _doc, _table

TITLE = "2022年度项目支出绩效自评表"


def test_a_scored_form_without_its_total_row_says_its_total_was_not_read() -> None:
    cut = [r for r in PROJECT_FORM if r[0] != "总分"]
    ex = read_self_evaluation(_doc(_table(cut, above=TITLE)))
    assert ex.scores == []
    missed = [i for i in ex.issues if i.rule == "form_total_not_read"]
    assert len(missed) == 1
    assert "交通安全宣传教育专项经费" in missed[0].message
    assert missed[0].page == 1


def test_a_form_whose_total_was_read_raises_no_such_issue() -> None:
    ex = read_self_evaluation(_doc(_table(PROJECT_FORM, above=TITLE)))
    assert [s.score for s in ex.scores] == [95.0]
    assert not [i for i in ex.issues if i.rule == "form_total_not_read"]
