"""Self-evaluation tables built as small synthetic grids (rows of cells) -> rows and issues."""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.selfeval.read import read_self_evaluation
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable


def _doc(*tables: RawTable, pages: int = 3) -> DocInput:
    return DocInput(
        doc_id="d" * 64,
        path=Path("x.pdf"),
        file_type="pdf",
        pages=[PageText(number=n, text="", width=595, height=842) for n in range(1, pages + 1)],
        tables=list(tables),
    )


def _table(
    rows: list[list[Cell]],
    page: int = 1,
    above: str = "",
    below: str = "",
    row_pages: list[int] | None = None,
) -> RawTable:
    return RawTable(
        page=page,
        rows=rows,
        row_pages=row_pages or [page] * len(rows),
        reader="pdfplumber",
        text_above=above,
        text_below=below,
    )


PROJECT_FORM: list[list[Cell]] = [
    ["项目名称", None, "交通安全宣传\n教育专项经费", None, None, None, None, None, None, None],
    [
        "项目资金\n（万元）",
        None,
        "",
        "年初预算\n数",
        "全年预算数",
        "全年执行\n数",
        "分值",
        "执行率",
        "得分",
        "",
    ],
    [None, None, "年度资金总额", "450.00", "861.53", "861.53", "10", "90.00", "10.00", ""],
    [None, None, "其中：当年财政拨款", "450.00", "861.53", "861.53", "—", "100.00", "—", ""],
    [None, None, "上年结转资金", "", "", "", "—", "", "—", ""],
    [None, None, "其他资金", "", "—", "—", "—", "—", "—", ""],
    [
        "绩效指标",
        None,
        None,
        "年度指标值",
        None,
        None,
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ],
    ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", None, None, None, None],
    ["项目完成\n指标", "数量指标", "交通安全宣传资料", "≥", "23.1万", "份", "238.3万", "40", "40", ""],
    [None, None, "媒体协作", ">=", "6", "次", "8", "20", "20", ""],
    [None, "质量指标", "宣传覆盖率", "=", "100", "%", "100", "10", "10", ""],
    ["效益指标", "社会效益指\n标", "提高全民交通安全意识", "=", "作用明显", "%", "作用明显", "10", "10", ""],
    ["满意度指标", "社会公众或服务对\n象满意度指标", "群众满意度", ">=", "90", "%", "92", "10", "10", ""],
    ["其他需要说明事项", None, None, "无", None, None, None, None, None, None],
    ["总分", None, None, None, None, None, None, "100", "95", "良"],
]


def test_project_form_indicators_inherit_merged_levels_and_join_lines() -> None:
    ex = read_self_evaluation(_doc(_table(PROJECT_FORM, above="2022年度项目支出绩效自评表")))
    names = [r.name for r in ex.indicators]
    assert names == ["交通安全宣传资料", "媒体协作", "宣传覆盖率", "提高全民交通安全意识", "群众满意度"]
    first, second, third, fourth, fifth = ex.indicators
    assert {r.project for r in ex.indicators} == {"交通安全宣传教育专项经费"}
    assert (first.level1, first.level2, first.operator) == ("产出指标", "数量指标", ">=")
    assert (first.target_value, first.target_unit, first.actual_value) == (231000.0, "份", 2383000.0)
    assert (second.level1, second.level2) == ("产出指标", "数量指标")
    assert (third.level2, third.weight, third.score) == ("质量指标", 10.0, 10.0)
    assert (fourth.level1, fourth.level2, fourth.target_value) == ("效益指标", "社会效益指标", None)
    assert fourth.target_raw == "作用明显"
    assert (fifth.level1, fifth.level2) == ("满意度指标", "服务对象满意度指标")


def test_project_fund_block_skips_blank_and_dash_cells() -> None:
    ex = read_self_evaluation(_doc(_table(PROJECT_FORM, above="2022年度项目支出绩效自评表")))
    got = {(b.line_name, b.funding_source, b.measure): b.amount_wan for b in ex.budgets}
    assert got == {
        ("年度资金总额", "合计", "年初预算数"): 450.0,
        ("年度资金总额", "合计", "全年预算数"): 861.53,
        ("年度资金总额", "合计", "全年执行数"): 861.53,
        ("年度资金总额", "当年财政拨款", "年初预算数"): 450.0,
        ("年度资金总额", "当年财政拨款", "全年预算数"): 861.53,
        ("年度资金总额", "当年财政拨款", "全年执行数"): 861.53,
    }
    assert {b.statement for b in ex.budgets} == {"项目支出绩效自评表"}
    assert {b.scope for b in ex.budgets} == {"project"}


def test_total_row_gives_score_max_and_grade_and_cross_checks_become_issues() -> None:
    ex = read_self_evaluation(_doc(_table(PROJECT_FORM, above="2022年度项目支出绩效自评表")))
    assert len(ex.scores) == 1
    s = ex.scores[0]
    assert (s.scope, s.project, s.score, s.max_score, s.grade) == (
        "project",
        "交通安全宣传教育专项经费",
        95.0,
        100.0,
        "良",
    )
    rules = {i.rule for i in ex.issues}
    # 执行率 printed 90.00 but 861.53/861.53 = 100%; grade 良 but 95 is 优; 得分 add up to 100, not 95
    assert {"rate_equals_ratio", "grade_matches_score", "score_sum_equals_total"} <= rules
    assert "weight_sum_equals_100" not in rules  # 10 + 40 + 20 + 10 + 10 + 10 = 100


def test_department_table_continued_in_a_table_that_lost_its_left_columns() -> None:
    head = _table(
        [
            ["部门名称", "某某局", None, None, None, None, None],
            ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值"],
            ["产出指标", "数量指标", "办理案件", ">=", "100", "件", "120"],
        ],
        page=1,
        above="2022年度部门整体支出绩效自评表",
    )
    cont = _table(
        [
            ["办理业务", ">=", "50", "件", "60"],  # level columns missing on this page
            ["受理投诉", "=", "100", "%", "100"],
        ],
        page=2,
    )
    ex = read_self_evaluation(_doc(head, cont))
    assert [(r.name, r.scope, r.project, r.level1, r.level2, r.table_index) for r in ex.indicators] == [
        ("办理案件", "department", None, "产出指标", "数量指标", 0),
        ("办理业务", "department", None, "产出指标", "数量指标", 1),
        ("受理投诉", "department", None, "产出指标", "数量指标", 1),
    ]
    assert ex.indicators[2].target_unit == "%"


def test_a_new_form_after_a_heading_is_not_a_continuation() -> None:
    first = _table(
        [
            ["项目名称", "甲项目", None, None, None],
            ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"],
            ["产出指标", "数量指标", "甲指标", "1次", "1次"],
        ],
        page=1,
    )
    second = _table(
        [
            ["项目绩效总目标", "目标文字", None, None, None],
            ["项目年度绩效指标", "一级指标", "二级指标", "指标内容", "指标值"],
            [None, "产出指标", "数量指标", "乙指标", "2个"],
        ],
        page=2,
        above="2.乙项目\n2-1、项目绩效目标",
    )
    ex = read_self_evaluation(_doc(first, second))
    assert [(r.name, r.project) for r in ex.indicators] == [("甲指标", "甲项目"), ("乙指标", "乙项目")]


def test_row_cut_by_page_break_joins_the_row_above() -> None:
    t = _table(
        [
            ["项目名称", "甲项目", None, None, None],
            ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"],
            ["产出指标", "数量指标", "培训人数", "不低于1", "1"],
            ["", "", "", "00人", "20人"],
        ],
        page=1,
        row_pages=[1, 1, 1, 2],
    )
    ex = read_self_evaluation(_doc(t))
    assert len(ex.indicators) == 1
    r = ex.indicators[0]
    assert (r.target_raw, r.target_value, r.actual_value, r.operator) == ("不低于100人", 100.0, 120.0, ">=")


def test_label_amount_pairs_and_yuan_amounts() -> None:
    pairs = _table(
        [
            ["项目名称", "乙项目", None, None, None, None],
            ["预算执行情况\n(万元)", "预算数:", "1047.8", "执行数:", None, "1047.8"],
            [None, "其中-财政拨\n款:", "1047.8", "其中-财政拨款:", None, "1047.8"],
            [None, "其它资金:", "0", "其它资金:", None, "0"],
        ],
        above="项目绩效目标完成情况表",
    )
    ex = read_self_evaluation(_doc(pairs))
    got = {(b.line_name, b.funding_source, b.measure): b.amount_wan for b in ex.budgets}
    assert got == {
        ("预算执行情况", "合计", "全年预算数"): 1047.8,
        ("预算执行情况", "合计", "全年执行数"): 1047.8,
        ("预算执行情况", "财政拨款", "全年预算数"): 1047.8,
        ("预算执行情况", "财政拨款", "全年执行数"): 1047.8,
        ("预算执行情况", "其它资金", "全年预算数"): 0.0,
        ("预算执行情况", "其它资金", "全年执行数"): 0.0,
    }
    assert {b.statement for b in ex.budgets} == {"项目绩效目标完成情况表"}


def test_fund_block_in_yuan_without_a_printed_unit() -> None:
    t = _table(
        [
            ["(单位盖章)", None, "自评时间: 2020年5月", None, "自评等次: 良", None, "自评得分: 89.78", None],
            ["项目名称", None, "丙项目", None, None, None, None, None],
            [
                "项目资金\n(20分)",
                "",
                None,
                "全年预算数(A)",
                "全年执行数(B)",
                "预算执行率(B/A)",
                None,
                "自评分",
            ],
            [None, "年度资金总额：", None, "18,315,100.00", "18,115,200.00", "98.91%", None, "19.78"],
            [None, "其中：中央补助", None, "", "", "", None, None],
            [None, "区级预算资金", None, "18,315,100.00", "18,115,200.00", "98.91%", None, None],
            ["项目绩效\n总目标", "年初设定目标", None, None, "全年实际完成情况", None, None, "自评分"],
        ],
        above="项目支出绩效自评表",
    )
    ex = read_self_evaluation(_doc(t))
    got = {(b.line_name, b.funding_source, b.measure): b.amount_wan for b in ex.budgets}
    assert got == {
        ("年度资金总额", "合计", "全年预算数"): 1831.51,
        ("年度资金总额", "合计", "全年执行数"): 1811.52,
        ("年度资金总额", "区级预算资金", "全年预算数"): 1831.51,
        ("年度资金总额", "区级预算资金", "全年执行数"): 1811.52,
    }
    assert "money_unit_inferred" in {i.rule for i in ex.issues}
    assert [(s.project, s.score, s.grade) for s in ex.scores] == [("丙项目", 89.78, "良")]


def test_summary_table_rows_give_scores_and_budgets_and_the_total_is_the_department() -> None:
    t = _table(
        [
            ["序号", "项目名称", "预算数（万元）", "全年执行数（万元）", "得分", "自评等级"],
            ["1", "部门工作保障经费", "1831.51", "1811.52", "89.78", "良"],
            ["合计", None, "1831.51", "1811.52", "—", "—"],
        ]
    )
    ex = read_self_evaluation(_doc(t))
    assert [(s.scope, s.project, s.score, s.grade) for s in ex.scores] == [
        ("project", "部门工作保障经费", 89.78, "良")
    ]
    got = {(b.scope, b.project, b.line_name, b.measure): b.amount_wan for b in ex.budgets}
    assert got == {
        ("project", "部门工作保障经费", "部门工作保障经费", "全年预算数"): 1831.51,
        ("project", "部门工作保障经费", "部门工作保障经费", "全年执行数"): 1811.52,
        ("department", None, "合计", "全年预算数"): 1831.51,
        ("department", None, "合计", "全年执行数"): 1811.52,
    }
    assert {b.statement for b in ex.budgets} == {"项目支出绩效自评结果汇总表"}


def test_statement_tables_yield_nothing() -> None:
    t = _table(
        [
            ["项目", "本年收入合计", "财政拨款收入", "其他收入"],
            ["合计", "8,362.40", "8,269.61", "92.79"],
            ["一般公共服务支出", "100.00", "100.00", ""],
        ],
        above="收入决算表\n单位：万元",
    )
    ex = read_self_evaluation(_doc(t))
    assert not ex.indicators and not ex.budgets and not ex.scores


def test_masked_values_and_fraction_percentages_are_noted() -> None:
    t = _table(
        [
            ["项目名称", "丁项目", None, None, None, None],
            ["一级指标", "二级指标", "三级指标", "指标值", "度量单位", "实际完成值"],
            ["产出指标", "数量指标", "维护点位", "**个", "", "**个"],
            [None, "质量指标", "在线率", "0.95", "%", "100"],
            [None, None, "完好率", "95", "%", "99"],
            [None, None, "接入率", "100", "%", "100"],
        ]
    )
    ex = read_self_evaluation(_doc(t))
    assert ex.indicators[0].target_value is None
    rules = [i.rule for i in ex.issues]
    assert rules.count("masked_value") == 2
    assert "percent_written_as_fraction" in rules
    assert ex.indicators[1].target_value == 95.0  # 0.95 under a % unit among 95 and 100: a fraction


def test_fraction_rule_leaves_one_printed_percent_signs_and_upper_limits() -> None:
    t = _table(
        [
            ["项目名称", "戊项目", None, None, None, None],
            ["一级指标", "二级指标", "三级指标", "指标值", "度量单位", "实际完成值"],
            ["产出指标", "质量指标", "设备完好率", "0.9", "%", "0.96"],
            [None, None, "系统建成率", "1", "%", "100"],
            [None, None, "差错率", "≤0.5%", "", "0.3%"],
            [None, None, "事故发生率", "<0.2", "%", "0"],
            [None, None, "验收合格率", "98", "%", "100"],
        ]
    )
    ex = read_self_evaluation(_doc(t))
    got = {r.name: (r.target_value, r.actual_value) for r in ex.indicators}
    assert got["设备完好率"] == (90.0, 96.0)  # target and actual of the row typed as fractions
    assert got["系统建成率"] == (1.0, 100.0)  # 1: 1% or 100%, ambiguous: as printed
    assert got["差错率"] == (0.5, 0.3)  # the % sign printed after the number: 0.5%
    assert got["事故发生率"] == (0.2, 0.0)  # an upper limit: a small percentage
    notes = [i.message for i in ex.issues if i.rule == "percent_written_as_fraction"]
    assert len(notes) == 2 and any("0.9 -> 90%" in m for m in notes) and any("ambiguous" in m for m in notes)
