"""Narrative sections in heading styles, wordings and layouts the sample PDFs do not show.

The texts are written as other reports print them: headings with and without punctuation, in
half-width brackets, full-width digits, 第一部分 on a line of its own, section names in other
words, page numbers and running heads in the middle of a paragraph. Expectations are read off
the texts.
"""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.narrative import canonical_section, heading_level, read_narrative
from extract.interpreters.prose.figures import read_prose_figures
from model.document import DocInput
from model.pages import PageText
from model.records import NarrativeRow


def _doc(*pages: str) -> DocInput:
    return DocInput(
        doc_id="d",
        path=Path("x.pdf"),
        file_type="pdf",
        tables=[],
        pages=[PageText(number=i + 1, text=t, width=595.0, height=842.0) for i, t in enumerate(pages)],
    )


def _by_heading(rows: list[NarrativeRow]) -> dict[str, NarrativeRow]:
    return {r.heading: r for r in rows}


def test_heading_forms_in_other_punctuation() -> None:
    assert heading_level("一 基本情况") == "chinese"
    assert heading_level("一.部门职责") == "chinese"
    assert heading_level("(一)人员情况") == "paren_chinese"
    assert heading_level("（ 二 ）收支情况") == "paren_chinese"
    assert heading_level("第二部分") == "part"
    assert heading_level("第 3 部分 附件") == "part"
    assert heading_level("1、项目概况") == "arabic"
    assert heading_level("１．项目完成情况") == "arabic"
    assert heading_level("(2)质量指标") == "paren_arabic"
    assert heading_level("②时效指标") == "circled"
    # prose that starts like a numbering but is not one
    assert heading_level("一是加强预算管理。") is None
    assert heading_level("2.5万元用于设备购置。") is None


def test_section_names_in_other_wordings() -> None:
    assert canonical_section("一、单位基本情况") == "职能"
    assert canonical_section("（一）部门主要职责") == "职能"
    assert canonical_section("（二）人员编制及实有人数") == "机构人员"
    assert canonical_section("（三）内设机构") == "机构人员"
    assert canonical_section("二、部门收支总体情况") == "收支情况"
    assert canonical_section("（四）一般公共预算当年拨款情况") == "收支情况"
    assert canonical_section("三、部门整体支出绩效目标") == "绩效目标"
    assert canonical_section("四、绩效目标实现情况") == "完成情况"
    assert canonical_section("（一）综合评价结论") == "完成情况"
    assert canonical_section("二、评价得分情况") == "完成情况"
    assert canonical_section("五、主要问题及原因分析") == "存在问题"
    assert canonical_section("六、下步工作打算") == "改进措施"
    assert canonical_section("七、有关建议") == "改进措施"
    assert canonical_section("八、绩效评价结果应用情况") == "结果应用"
    assert canonical_section("九、其他需要说明的事项") == "其他"


def test_sections_with_unpunctuated_headings_and_a_part_on_its_own_line() -> None:
    doc = _doc(
        "第一部分\n部门概况\n一 主要职责\n负责全县义务教育的统筹规划和管理，\n指导学校教育教学工作。\n"
        "二 机构设置\n内设股室 8 个，下属学校 42 所。\n",
        "第二部分\n2023年度部门决算情况说明\n一 收入支出决算总体情况\n2023年度收入总计 12,345.67 万元。\n",
    )
    rows = _by_heading(read_narrative(doc).narratives)
    assert rows["一 主要职责"].section == "职能"
    assert rows["一 主要职责"].text == "负责全县义务教育的统筹规划和管理，指导学校教育教学工作。"
    assert rows["二 机构设置"].section == "机构人员"
    assert rows["一 收入支出决算总体情况"].section == "收支情况"
    assert rows["一 收入支出决算总体情况"].page == 2
    assert all("部门概况" not in r.text for r in rows.values())  # a part's name is a heading, not prose


def test_half_width_brackets_and_arabic_subheadings() -> None:
    doc = _doc(
        "(一)绩效目标完成情况\n1.产出指标\n全年完成培训 1200 人次，\n达到年初目标。\n"
        "2.效益指标\n群众满意度达到 96%。\n(二)存在的问题\n部分项目支出进度偏慢。\n"
        "(三)改进措施\n加快项目实施进度。\n"
    )
    rows = read_narrative(doc).narratives
    sections = [r.section for r in rows]
    assert sections[0] == "完成情况"
    assert "存在问题" in sections and "改进措施" in sections
    done = " ".join(r.text for r in rows if r.section == "完成情况")
    assert "全年完成培训 1200 人次，达到年初目标。" in done
    assert "群众满意度达到 96%。" in done


def test_page_furniture_inside_a_paragraph_is_dropped_and_the_sentence_rejoined() -> None:
    head = "乌鲁木齐市水磨沟区人民政府六道湾街道办事处2023年度部门决算"
    doc = _doc(
        f"{head}\n一、部门职能\n街道办事处负责辖区内社区建设、民政\n第 1 页 共 3 页",
        f"{head}\n优抚、综合治理等工作，\n承办区政府交办的其他事项。\n二、存在的问题\n预算编制精细化程度\n- 2 -",
        f"{head}\n有待提高。\n第 3 页 共 3 页",
    )
    rows = _by_heading(read_narrative(doc).narratives)
    assert rows["一、部门职能"].text == (
        "街道办事处负责辖区内社区建设、民政优抚、综合治理等工作，承办区政府交办的其他事项。"
    )
    assert rows["二、存在的问题"].text == "预算编制精细化程度有待提高。"
    assert rows["二、存在的问题"].page == 2


def test_table_of_contents_without_leaders_is_not_prose() -> None:
    doc = _doc(
        "目录\n一、部门主要职能 1\n二、部门机构设置 2\n三、收入支出预算总表 3\n",
        "一、部门主要职能\n负责全区卫生健康事业发展规划。\n二、部门机构设置\n本部门下属单位 6 个。\n",
    )
    rows = read_narrative(doc).narratives
    func = [r for r in rows if r.section == "职能"]
    assert len(func) == 1 and func[0].text == "负责全区卫生健康事业发展规划。"
    assert func[0].page == 2


def test_a_line_of_dashes_between_two_lines_of_a_sentence_is_not_joined_into_it() -> None:
    """A scan's specks read by OCR as — — — on a line of their own, between the two lines of one sentence."""
    doc = _doc("一、项目情况\n分别为停车保管及检测鉴定项目163.3万元、公安交通管理及维护项目42.5\n— — —\n"
               "万元、交通安全设施建设项目10.6万元。\n- — -\n")
    rows = _by_heading(read_narrative(doc).narratives)
    assert rows["一、项目情况"].text == ("分别为停车保管及检测鉴定项目163.3万元、公安交通管理及维护项目42.5"
                                     "万元、交通安全设施建设项目10.6万元。")
    budgets = {(r.line_name, r.amount_wan) for r in read_prose_figures(doc).budgets}
    assert ("公安交通管理及维护项目", 42.5) in budgets and ("交通安全设施建设项目", 10.6) in budgets
