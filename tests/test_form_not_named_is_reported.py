"""A document of project forms (项目名称 on each) where one table of indicator rows names no form: the rest
of a form begun on the page before that was not joined to it. Its rows get the department scope and
no project; an issues row (``indicator_form_not_named``) says so. A document of one unnamed form, or
of named forms only, gives none."""

from __future__ import annotations

from extract.interpreters.selfeval.context import FormContext, unnamed_forms
from model.records import IndicatorRow


def _rows(page: int, ti: int, *names: str) -> list[IndicatorRow]:
    return [IndicatorRow(doc_id="d", page=page, table_index=ti, row_index=i, scope="department", name=n,
                         name_canonical=n, level1="产出指标") for i, n in enumerate(names)]


def _named(project: str) -> FormContext:
    return FormContext(scope="project", project=project, known=True)


def test_indicator_rows_of_an_unnamed_table_among_project_forms_are_reported() -> None:
    forms = [(_named("文化市场执法巡查经费"), _rows(1, 0, "演出观众满意度")),
             (_named("网吧及娱乐场所监管经费"), []),  # its header rows only, at the foot of page 1
             (FormContext(), _rows(2, 2, "开展送戏下乡演出", "建成水雨情监测站点")),
             (_named("出版物市场专项整治经费"), _rows(3, 3, "新增公共停车泊位"))]
    (issue,) = unnamed_forms(forms, "d")
    assert (issue.rule, issue.page, issue.table_index) == ("indicator_form_not_named", 2, 2)
    assert "2 indicator rows" in issue.message


def test_a_document_of_one_unnamed_form_or_of_named_forms_gives_no_issue() -> None:
    assert unnamed_forms([(FormContext(), _rows(1, 0, "开展送戏下乡演出"))], "d") == []
    assert unnamed_forms([(_named("文化市场执法巡查经费"), _rows(1, 0, "演出观众满意度"))], "d") == []
