"""Amounts in prose are read by the one number grammar and the one unit grammar."""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.prose.figures import read_prose_figures
from model.document import DocInput
from model.pages import PageText


def _doc(text: str) -> DocInput:
    return DocInput(doc_id="d", path=Path("x.pdf"), file_type="pdf", tables=[],
                    pages=[PageText(number=1, text=text, width=595.0, height=842.0)])


def test_an_amount_in_renminbi_yuan_is_converted_to_wan() -> None:
    e = read_prose_figures(_doc("一、部门收支情况\n2023年部门收入预算为人民币25,442,900元。"))
    assert [b.amount_wan for b in e.budgets] == [2544.29]


def test_an_amount_with_misplaced_separators_is_reported_not_guessed() -> None:
    e = read_prose_figures(_doc("一、部门收支情况\n2023年部门收入预算为73.033,81万元。"))
    assert not e.budgets
    (issue,) = [i for i in e.issues if i.rule == "prose_figure_unreadable"]
    assert "73.033,81" in issue.message
