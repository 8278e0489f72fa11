"""Self-evaluation forms worded as other provinces and third-party evaluators print them, read
end to end from .docx files this test writes (python-docx; no LibreOffice needed).

The forms follow the national templates (财预〔2020〕10号 附件 项目支出绩效自评表) in the wording of
their local variants, not the dev samples': 资金来源 | 金额（元） over 年初预算数 | 调整后预算数 |
预算执行数 with labels in the first column; 预期目标 | 计划完成值 | 实际完成值 | 权重 | 评分; a project
code before the name; 主管部门 and 实施单位 with agency codes; placeholder rows (指标1：, 不适用);
values 95%以上, 24小时内, 12月底前, 3-5天, ✓; the four-level score sheet (项目决策/项目管理/项目产出/
项目效益) with 指标值（A） | 全年实际值（B） | 参考分值 | 评分标准 | 实际得分; a column whose heading no
vocabulary knows. Every expectation below is what the table in the document prints.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import docx
import pytest

from extract.document import DocumentResult, read_document

PROJECT_FORM = [
    ["项目名称", "13098121-高标准农田建设管护经费", "", "", "", "", "", "", ""],
    ["主管部门", "219-临溪县人民政府", "", "", "实施单位", "219003-临溪县农业技术推广中心", "", "", ""],
    ["资金来源", "金额（元）", "", "", "分值", "执行率", "得分", "", ""],
    ["", "年初预算数", "调整后预算数", "预算执行数", "", "", "", "", ""],
    ["合计", "541,079.13", "550,522.28", "464,642.42", "10", "84.40%", "8.44", "", ""],
    ["本年财政拨款", "257,691.57", "267,134.72", "222,343.94", "—", "—", "—", "", ""],
    ["上年结转", "283,387.56", "283,387.56", "242,298.48", "—", "—", "—", "", ""],
    ["一级指标", "二级指标", "三级指标", "预期目标", "计划完成值", "实际完成值", "权重", "评分", "偏差原因"],
    ["产出指标", "数量指标", "完成抽检样本数", "不少于300批次", "300批次", "305批次", "20", "20", ""],
    ["", "", "指标1：", "", "", "", "", "", ""],
    ["", "质量指标", "资金发放准确率", "95%以上", "95%", "✓", "20", "20", ""],
    ["", "时效指标", "问题响应时间", "24小时内", "24小时", "18小时", "10", "10", ""],
    ["", "", "项目完成时间", "12月底前", "12月", "11月", "10", "10", ""],
    ["", "", "业务办理时限", "3-5天", "3-5天", "3天", "10", "10", ""],
    ["效益指标", "社会效益指标", "不适用", "/", "/", "/", "", "", ""],
    ["", "", "公共服务覆盖率", "≥90%", "90%", "98.3%", "10", "10", ""],
    ["满意度指标", "服务对象满意度指标", "受益对象满意度", "≥80%", "80%", "73.6%", "10", "8.2", "宣传不足"],
    ["总分", "", "", "", "", "", "100", "96.64", "优秀"],
]

SCORE_SHEET = [
    ["一级指标", "二级指标", "三级指标", "参考分值", "评分标准", "指标值（A）", "全年实际值（B）", "实际得分",
     "复核意见"],
    ["项目决策", "项目立项", "立项依据充分性", "10", "符合得满分", "/", "基本合理", "8", "无"],
    ["项目管理", "资金管理", "资金到位率", "10", "符合得满分", "100%", "97.3%", "9", "无"],
    ["项目产出", "产出数量", "发放补贴人数", "30", "达到目标值得满分", "不少于300人", "305人", "30", "无"],
    ["", "产出质量", "工程验收合格率", "20", "达到目标值得满分", "﹦100%", "100%", "20", "无"],
    ["项目效益", "社会效益", "受益群众人数", "20", "达到目标值得满分", "≥800人", "743人", "15", "无"],
    ["", "满意度", "受益对象满意度", "10", "达到目标值得满分", "85%以上", "89.8%", "10", "无"],
    ["合计", "", "", "100", "", "", "", "92", ""],
    ["评价等级", "优秀", "", "", "", "", "", "", ""],
]


def _write(path: Path, title_lines: list[str], table: list[list[str]]) -> Path:
    d = docx.Document()
    for line in title_lines:
        d.add_paragraph(line)
    t = d.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    d.save(str(path))
    return path


@cache
def _project_form(folder: str) -> DocumentResult:
    return read_document(_write(Path(folder) / "proj_form.docx", ["2023年度项目支出绩效自评表"], PROJECT_FORM))


@cache
def _score_sheet(folder: str) -> DocumentResult:
    lines = ["校舍维修改造资金绩效评价指标体系及评分表", "项目名称：校舍维修改造资金  实施单位：海澄市教育局"]
    return read_document(_write(Path(folder) / "score_sheet.docx", lines, SCORE_SHEET))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("wordings"))


def test_planned_value_column_is_not_the_actual_and_placeholders_are_not_indicators(folder: str) -> None:
    rows = {r.name: r for r in _project_form(folder).extraction.indicators}
    assert sorted(rows) == sorted(
        ["完成抽检样本数", "资金发放准确率", "问题响应时间", "项目完成时间", "业务办理时限", "公共服务覆盖率",
         "受益对象满意度"]
    )
    r = rows["完成抽检样本数"]
    assert (r.operator, r.target_value, r.target_unit, r.actual_value, r.weight, r.score) == (
        ">=", 300.0, "批次", 305.0, 20.0, 20.0)
    assert (rows["问题响应时间"].operator, rows["问题响应时间"].target_value, rows["问题响应时间"].actual_value) == (
        "<=", 24.0, 18.0)
    assert (rows["项目完成时间"].operator, rows["项目完成时间"].target_value) == ("<=", 12.0)
    assert (rows["资金发放准确率"].operator, rows["资金发放准确率"].actual_value) == (">=", None)
    assert rows["资金发放准确率"].actual_raw == "✓"
    assert rows["业务办理时限"].target_value is None  # a range (3-5天) has no single value
    assert rows["受益对象满意度"].deviation_reason == "宣传不足"
    assert {r.project for r in rows.values()} == {"高标准农田建设管护经费"}  # the code is dropped


def test_fund_block_labelled_in_the_first_column_with_yuan_in_the_heading(folder: str) -> None:
    res = _project_form(folder)
    got = {(b.funding_source, b.measure): b.amount_wan for b in res.extraction.budgets if b.source == "table"}
    assert got[("合计", "年初预算数")] == pytest.approx(54.107913)
    assert got[("合计", "全年预算数")] == pytest.approx(55.052228)  # 调整后预算数
    assert got[("合计", "全年执行数")] == pytest.approx(46.464242)  # 预算执行数
    assert got[("本年财政拨款", "全年执行数")] == pytest.approx(22.234394)
    assert got[("上年结转", "年初预算数")] == pytest.approx(28.338756)
    assert len(got) == 9
    assert not [i for i in res.extraction.issues if i.rule == "money_unit_inferred"]


def test_agency_is_the_unit_evaluated_without_its_code(folder: str) -> None:
    assert _project_form(folder).document.agency == "临溪县农业技术推广中心"


def test_total_and_grade_of_the_form(folder: str) -> None:
    scores = _project_form(folder).extraction.scores
    assert [(s.project, s.score, s.grade) for s in scores] == [("高标准农田建设管护经费", 96.64, "优")]


def test_score_sheet_decision_and_management_rows_are_not_indicators(folder: str) -> None:
    rows = {r.name: r for r in _score_sheet(folder).extraction.indicators}
    assert sorted(rows) == sorted(["发放补贴人数", "工程验收合格率", "受益群众人数", "受益对象满意度"])
    assert (rows["发放补贴人数"].level1, rows["发放补贴人数"].level2) == ("产出指标", "数量指标")
    assert (rows["工程验收合格率"].operator, rows["工程验收合格率"].target_value) == ("=", 100.0)
    assert (rows["受益群众人数"].level1, rows["受益群众人数"].level2) == ("效益指标", "社会效益指标")
    # 满意度 under 效益 in the four-level scheme is the national scheme's own level 1
    assert (rows["受益对象满意度"].level1, rows["受益对象满意度"].level2) == ("满意度指标", "服务对象满意度指标")
    r = rows["受益群众人数"]
    assert (r.target_value, r.actual_value, r.weight, r.score) == (800.0, 743.0, 20.0, 15.0)
    assert {r.project for r in rows.values()} == {"校舍维修改造资金"}


def test_score_sheet_total_row_and_grade_row(folder: str) -> None:
    scores = _score_sheet(folder).extraction.scores
    assert [(s.project, s.score, s.max_score, s.grade) for s in scores] == [("校舍维修改造资金", 92.0, 100.0, "优")]


def test_a_heading_no_vocabulary_knows_is_named_in_an_issue(folder: str) -> None:
    issues = [i for i in _score_sheet(folder).extraction.issues if i.rule == "column_role_unknown"]
    assert len(issues) == 1 and "复核意见" in issues[0].message
