"""Pages of a 项目（支出）绩效目标完成情况表 set without rulings are read for a table even when their
narrative cells (年度目标完成情况, long indicator values) wrap into more lines that read as prose than
lines of short cells: a form's rows print its indicator levels (数量指标, 成本指标) as cells of their
own, set apart from the cells beside them, which prose never does.

The pages are made up for the tests (a water-supply project of a county water bureau), written as a
text layer gives them: one printed line a line, cells apart by blanks.
"""

from __future__ import annotations

from extract.tables.doubt import page_doubt

# a form page: the goals' narrative cells wrap over several lines each, the indicator values are words
FORM_PAGE = "\n".join([
    "预期目标 实际完成目标",
    "完成农村饮水安全巩固提升工程建设，改善",
    "年度目标完成 群众饮水条件，保障供水水质达到国家标准，",
    "情况 提升农村自来水普及率。 完成了全年建设任务，供水水质稳定达标，",
    "群众满意度较高。",
    "一级指标 二级指标 三级指标 预期指标值 实际完成指标值",
    "数量指标 新建集中供水工程 12处 12处",
    "质量指标 供水水质达标率 达到国家生活饮用水卫生标",
    "准，水质检测合格率达到预期。 合格",
    "时效指标 工程完工时间 年底前完工 按期完工",
])

# the last lines of a form continued from the page before: only its level cells stand apart
FORM_END_PAGE = "\n".join([
    "成本指标",
    "管网改造单价",
    "每公里不超过",
    "成本指标 水质检测费用 按实际发生支付",
    "效益指标",
    "社会效益指",
    "标",
    "保障农村群众饮水安全，减少因水质引发的疾病，",
    "促进乡村振兴。",
    "满意度指标",
])


def test_form_page_whose_narrative_wraps_into_prose_lines_is_read_for_a_table() -> None:
    assert page_doubt(FORM_PAGE, 0) is not None


def test_end_of_a_form_with_its_levels_set_as_cells_is_read_for_a_table() -> None:
    assert page_doubt(FORM_END_PAGE, 0) is not None


def test_report_whose_sections_are_headed_by_indicator_levels_is_not_a_form() -> None:
    report = "\n".join([
        "（一）产出指标",
        "1.数量指标",
        "全年新建集中供水工程12处，完成年度目标。",
        "2.质量指标",
        "供水水质达标率达到国家标准，群众反映良好。",
        "（二）效益指标",
        "工程建成后惠及农村群众3.2万人，社会效益明显。",
    ])
    assert page_doubt(report, 0) is None


def test_prose_that_names_an_indicator_level_in_its_sentences_is_not_a_form() -> None:
    prose = "\n".join([
        "项目设置了数量指标、质量指标、时效指标和成本指标，",
        "其中成本指标控制在预算额度内，满意度指标达到90%以上。",
        "本年度项目资金全部按进度拨付到位。",
    ])
    assert page_doubt(prose, 0) is None
