"""The report kind of a form exported from a spreadsheet (Calc, Excel), whose text layer writes the
merged title cell after the table's cells.

Such a page's text opens with the table (单位：万元, 项目名称 …, 资金来源 年初预算数 全年预算数 …): the
measure names of its header (预算数, 执行数) name no report kind, and the title printed above the
table (2023年度项目支出绩效自评表) comes later in the text. The pages are made up (other agencies,
projects and amounts than any fixture); expectations are what their titles say.
"""

from __future__ import annotations

from extract.interpreters.meta import DocMeta, read_doc_meta
from model.pages import PageText


def _meta(*pages: str) -> DocMeta:
    return read_doc_meta(
        [PageText(number=i + 1, text=t, width=595.0, height=842.0) for i, t in enumerate(pages)], [], "form.pdf"
    )


def test_project_form_whose_title_follows_its_table_in_the_text_is_a_self_evaluation() -> None:
    m = _meta(
        "第 1 页\n单位：万元\n项目名称 乡镇卫生院设备购置补助\n"
        "主管部门 青川县卫生健康局 实施单位 青川县人民医院\n"
        "资金来源 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
        "合计 312.40 298.10 287.66 10 96.50% 9.65\n"
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
        "总分 100 92.15 优\n2023年度项目支出绩效自评表\n年度总体目\n标\n"
    )
    assert m.report_kind == "project_self_evaluation"
    assert m.title == "2023年度项目支出绩效自评表"
    assert m.fiscal_year == 2023


def test_department_form_whose_title_follows_its_table_in_the_text_is_a_self_evaluation() -> None:
    m = _meta(
        "单位：万元\n部门（单位）名称 河口镇人民政府\n年度主要任务\n任务名称 主要内容 完成情况\n"
        "资金来源 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
        "其中：一般公共预算财政拨款 2,045.12 2,001.30 1,950.08 — — —\n"
        "2024年度部门整体支出绩效自评表\n"
    )
    assert m.report_kind == "department_self_evaluation"
    assert m.title == "2024年度部门整体支出绩效自评表"


def test_sentence_naming_a_budget_is_no_title_of_an_evaluation_report() -> None:
    # the report's title follows the score table; a sentence of its text names 财政预算 first
    m = _meta(
        "评价指标 分值 得分\n决策 20 18.5\n"
        "一、项目基本情况：资金由县级财政预算安排。\n"
        "水库移民后期扶持资金 2022 年度绩效评价报告\n"
    )
    assert m.report_kind == "evaluation_report"
    assert m.title == "水库移民后期扶持资金 2022 年度绩效评价报告"


def test_statement_titled_without_its_kind_is_still_a_budget_by_its_header() -> None:
    # no line names a kind on its own: the opening lines, the header's 预算数 among them, do
    m = _meta("2025 年部门收支总表\n编制单位：石门县档案馆 单位：万元\n收入 支出\n项目 预算数 项目 预算数\n")
    assert m.report_kind == "budget"
