"""Form variants seen in real reports, as small synthetic grids: 项目名称：X in one cell, a unit
line (单位：元) above the form, a name cut by the page break, weights printed as 10分, forms
without a 一级指标 column."""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.selfeval.read import read_self_evaluation
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable


def _doc(table: RawTable) -> DocInput:
    return DocInput(
        doc_id="e" * 64,
        path=Path("x.pdf"),
        file_type="pdf",
        pages=[PageText(number=n, text="", width=595, height=842) for n in range(1, 4)],
        tables=[table],
    )


def _table(rows: list[list[Cell]], above: str = "", row_pages: list[int] | None = None) -> RawTable:
    return RawTable(page=1, rows=rows, row_pages=row_pages or [1] * len(rows), reader="pdfplumber", text_above=above)


def test_project_name_written_with_its_label_in_one_cell() -> None:
    t = _table(
        [
            ["项目名称：村级污水处理设施运维经费", None, None, None, None],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
            ["产出指标", "数量指标", "运维站点", "不少于 64 个", "64个"],
        ]
    )
    ex = read_self_evaluation(_doc(t))
    assert [(r.scope, r.project, r.operator, r.target_value, r.target_unit) for r in ex.indicators] == [
        ("project", "村级污水处理设施运维经费", ">=", 64.0, "个")
    ]


def test_unit_line_above_the_form_gives_the_money_unit_of_small_yuan_amounts() -> None:
    t = _table(
        [
            ["项目名称", "老年人助餐服务补贴", None, None, None],
            ["项目资金", "", "全年预算数", "全年执行数", "执行率"],
            [None, "年度资金总额", "520,000.00", "498,600.00", "95.88"],
            [None, "其中：市补助", "200,000.00", "200,000.00", "100.00"],
        ],
        above="2023年度项目支出绩效自评表\n金额单位：元",
    )
    ex = read_self_evaluation(_doc(t))
    got = {(b.funding_source, b.measure): (b.amount_wan, b.unit_raw) for b in ex.budgets}
    assert got[("合计", "全年预算数")] == (52.0, "元")
    assert got[("市补助", "全年执行数")] == (20.0, "元")


def test_indicator_name_cut_by_the_page_break_is_joined() -> None:
    t = _table(
        [
            ["项目名称", "治安防控项目", None, None, None, None],
            ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "权重"],
            ["产出指标", "质量指标", "视频监控设", "≥98%", "98.7%", "6"],
            ["", "", "备完好率", "", "", ""],
            [None, None, "验收合格率", "100%", "100%", "6"],
        ],
        row_pages=[1, 1, 1, 2, 2],
    )
    ex = read_self_evaluation(_doc(t))
    assert [(r.name, r.target_value, r.weight) for r in ex.indicators] == [
        ("视频监控设备完好率", 98.0, 6.0),
        ("验收合格率", 100.0, 6.0),
    ]


def test_weights_and_scores_printed_with_fen() -> None:
    t = _table(
        [
            ["部门名称", "滨海县教育局", None, None, None, None],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "分值", "得分"],
            ["产出指标", "数量指标", "在校生人数", "≥42000人", "10分", "9.5 分"],
            ["总分", None, None, None, "100分", "92.5分"],
        ]
    )
    ex = read_self_evaluation(_doc(t))
    assert [(r.weight, r.score) for r in ex.indicators] == [(10.0, 9.5)]
    assert [(s.score, s.max_score) for s in ex.scores] == [(92.5, 100.0)]


def test_without_a_level1_column_each_level2_names_its_level1() -> None:
    t = _table(
        [
            ["项目名称", "助餐补贴", None, None],
            ["二级指标", "三级指标", "指标值", "完成值"],
            ["数量指标", "服务人数", "≥1200人", "1286人"],
            ["社会效益指标", "就餐便利程度", "明显提升", "明显提升"],
            ["服务对象满意度指标", "老年人满意度", "≥90%", "96%"],
        ]
    )
    ex = read_self_evaluation(_doc(t))
    assert [(r.level1, r.level2) for r in ex.indicators] == [
        ("产出指标", "数量指标"),
        ("效益指标", "社会效益指标"),
        ("满意度指标", "服务对象满意度指标"),
    ]


def test_source_columns_named_by_level_of_government() -> None:
    """批复金额 / 实际支出金额 over 合计 | 中央补助 | 区级预算资金, items as rows, 单位：元 above."""
    t = _table(
        [
            ["部门名称", "某区农业农村局", None, None, None, None, None],
            ["任务名称", "批复金额", None, None, "实际支出金额", None, None],
            [None, "合计", "中央补助", "区级预算资金", "合计", "中央补助", "区级预算资金"],
            ["高标准农田建设", "1,250,000.00", "800,000.00", "450,000.00", "1,180,000.00", "800,000.00", "380,000.00"],
            ["农业技术推广", "300,000.00", "", "300,000.00", "296,500.00", "", "296,500.00"],
        ],
        above="单位：元",
    )
    ex = read_self_evaluation(_doc(t))
    got = {(b.line_name, b.funding_source, b.measure): b.amount_wan for b in ex.budgets}
    assert got == {
        ("高标准农田建设", "合计", "全年预算数"): 125.0,
        ("高标准农田建设", "中央补助", "全年预算数"): 80.0,
        ("高标准农田建设", "区级预算资金", "全年预算数"): 45.0,
        ("高标准农田建设", "合计", "全年执行数"): 118.0,
        ("高标准农田建设", "中央补助", "全年执行数"): 80.0,
        ("高标准农田建设", "区级预算资金", "全年执行数"): 38.0,
        ("农业技术推广", "合计", "全年预算数"): 30.0,
        ("农业技术推广", "区级预算资金", "全年预算数"): 30.0,
        ("农业技术推广", "合计", "全年执行数"): 29.65,
        ("农业技术推广", "区级预算资金", "全年执行数"): 29.65,
    }


def test_a_unit_in_brackets_on_a_pair_row_holds_for_all_its_amounts() -> None:
    """项目资金（元）| 预算数：| 1200000.00 | 执行数：| 980000.00 — both amounts are in 元."""
    from pathlib import Path

    from extract.interpreters.selfeval.read import read_self_evaluation
    from model.document import DocInput
    from model.tables import RawTable

    rows = [
        ["项目名称", "社区养老服务补助", "", "", ""],
        ["项目资金（元）", "预算数：", "1200000.00", "执行数：", "980000.00"],
        ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"],
        ["产出指标", "数量指标", "服务人次", "≥100人次", "120人次"],
    ]
    table = RawTable(page=1, rows=rows, row_pages=[1] * 4, reader="pdfplumber")
    ex = read_self_evaluation(DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf", pages=[], tables=[table]))
    got = {(b.line_name, b.measure): (b.amount_wan, b.unit_raw) for b in ex.budgets}
    assert got == {("项目资金", "全年预算数"): (120.0, "元"), ("项目资金", "全年执行数"): (98.0, "元")}


def test_a_summary_table_whose_score_column_is_called_zipingdefen() -> None:
    from pathlib import Path

    from extract.interpreters.selfeval.read import read_self_evaluation
    from model.document import DocInput
    from model.tables import RawTable

    rows = [
        ["序号", "项目名称", "预算数", "执行数", "自评得分", "自评等级"],
        ["1", "农村公路养护补助", "120.00", "118.50", "92", "优"],
        ["2", "渡口安全管理经费", "30.00", "24.00", "84.5", "良"],
    ]
    table = RawTable(page=2, rows=rows, row_pages=[2] * 3, reader="pdfplumber", text_above="项目支出绩效自评结果汇总表")
    ex = read_self_evaluation(DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf", pages=[], tables=[table]))
    assert {(s.project, s.score, s.grade) for s in ex.scores} == {
        ("农村公路养护补助", 92.0, "优"), ("渡口安全管理经费", 84.5, "良")
    }
