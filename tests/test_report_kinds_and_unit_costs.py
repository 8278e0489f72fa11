"""Two readings of the language (from branch `pairs`): the provincial 项目（支出）绩效目标完成情况表 reports each
target's actual for the year, so it is a project self-evaluation; a money unit per something printed in a
form's or a paragraph's text (≤180元/平方米) is a unit cost, not an amount of money."""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.meta import kind_of
from extract.interpreters.prose.figures import read_prose_figures
from model.document import DocInput
from model.pages import PageText


def test_the_target_completion_form_is_a_project_self_evaluation() -> None:
    # it reports each target's actual value for the year (not a 绩效目标申报表, set before the year)
    assert kind_of("2022年度项目（支出）绩效目标完成情况表") == "project_self_evaluation"
    assert kind_of("2023年项目支出绩效目标申报表") == "performance_targets"


def test_a_unit_cost_printed_in_a_form_is_no_amount_of_money() -> None:
    # 单位维修成本 ≤180元/平方米, 155.78元/平方米 on the page's text: a cost per square metre, not 180 元
    page = PageText(
        number=1, text="成本指标 单位维修成本 ≤180元/平方米 155.78元/平方米\n项目资金120万元。", width=595, height=842
    )
    doc = DocInput(doc_id="d", path=Path("x.pdf"), file_type="pdf", tables=[], pages=[page])
    assert [b.amount_raw for b in read_prose_figures(doc).budgets] == ["120"]
