"""A score sheet (绩效评价指标体系及评分表) weighs the whole evaluation framework in its 100: the rows under
项目决策 and 项目管理 (立项依据充分性, 预算执行率 …) print 分值 and 评分 beside the indicators of 项目产出 and
项目效益. Those rows are no indicators, but the sheet's 合计 counts them: Σ分值 and Σ得分 must count them
too, so a sheet whose figures add up gives no ``weight_sum_equals_100`` or ``score_sum_equals_total``,
and one whose figures do not still gives them. The sheets are small synthetic grids, read as ruled
(cells) and as from word positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.interpreters.selfeval.read import read_self_evaluation
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable

HEADINGS: list[Cell] = ["一级指标", "二级指标", "三级指标", "分值", "指标值（A）", "实际完成值（B）",
                        "评分标准", "评分"]
RULE = "符合得满分"


def _sheet(*, last_score: str = "10", total: str = "98.5") -> list[list[Cell]]:
    return [
        ["项目名称：职业技能提升培训补助资金", None, None, None, None, None, None, None],
        HEADINGS,
        ["项目决策", "项目立项", "立项依据充分性", "5", "/", "充分", RULE, "5"],
        [None, "绩效目标", "绩效目标合理性", "5", "/", "合理", RULE, "4"],
        [None, "资金投入", "预算编制科学性", "5", "/", "科学", RULE, "5"],
        ["项目管理", "资金管理", "预算执行率", "10", "100%", "95%", RULE, "9.5"],
        [None, "组织实施", "制度执行有效性", "5", "/", "有效", RULE, "5"],
        ["项目产出", "产出数量", "培训人次", "20", "≥500人次", "520人次", RULE, "20"],
        [None, "产出质量", "培训合格率", "20", "≥95%", "97%", RULE, "20"],
        ["项目效益", "社会效益", "群众知晓率", "20", "≥90%", "92%", RULE, "20"],
        [None, "满意度", "学员满意度", "10", "≥90%", "93%", RULE, last_score],
        ["合计", None, None, "100", None, None, None, total],
    ]


def _read(rows: list[list[Cell]], reader: str) -> tuple[list[str], set[str]]:
    table = RawTable(page=1, rows=rows, row_pages=[1] * len(rows), reader=reader,
                     text_above="职业技能提升培训补助资金绩效评价指标体系及评分表")
    doc = DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf",
                   pages=[PageText(number=1, text="", width=595, height=842)], tables=[table])
    ex = read_self_evaluation(doc)
    assert [(s.score, s.max_score) for s in ex.scores] == [(float(rows[-1][-1] or 0), 100.0)]
    return [r.name for r in ex.indicators], {i.rule for i in ex.issues}


@pytest.mark.parametrize("reader", ["pdfplumber", "words"])
def test_a_sheet_whose_points_add_up_with_its_rows_that_are_no_indicators_gives_no_sum_issue(reader: str) -> None:
    names, rules = _read(_sheet(), reader)
    assert names == ["培训人次", "培训合格率", "群众知晓率", "学员满意度"]  # 决策 and 管理 rows: no indicators
    # 分值 5+5+5+10+5 + 20+20+20+10 = 100; 评分 5+4+5+9.5+5 + 20+20+20+10 = 98.5
    assert not rules & {"weight_sum_equals_100", "score_sum_equals_total"}


@pytest.mark.parametrize("reader", ["pdfplumber", "words"])
def test_a_sheet_whose_scores_do_not_add_up_still_gives_the_issue(reader: str) -> None:
    # 学员满意度 评分 8: the rows add up to 96.5, the sheet's 合计 prints 98.5
    _, rules = _read(_sheet(last_score="8"), reader)
    assert "score_sum_equals_total" in rules
    assert "weight_sum_equals_100" not in rules
