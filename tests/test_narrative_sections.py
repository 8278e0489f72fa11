"""Narrative sections split at the document's own headings, mapped to canonical sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.interpreters.narrative import canonical_section, heading_level, read_narrative
from extract.sources.pdf import read_pdf_text
from model.document import DocInput
from model.pages import PageText

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "raw" / "samples"


def _doc(*pages: str) -> DocInput:
    return DocInput(
        doc_id="d",
        path=Path("x.pdf"),
        file_type="pdf",
        tables=[],
        pages=[PageText(number=i + 1, text=t, width=595.0, height=842.0) for i, t in enumerate(pages)],
    )


def test_heading_forms() -> None:
    assert heading_level("第一部分 部门概况") == "part"
    assert heading_level("一、主要职能") == "chinese"
    assert heading_level("（三）存在的问题和原因") == "paren_chinese"
    assert heading_level("(二）、项目支出") == "paren_chinese"
    assert heading_level("1. 执行率情况。") == "arabic"
    assert heading_level("（1）产出指标完成情况") == "paren_arabic"
    assert heading_level("①接处警满意度") == "circled"
    assert heading_level("2020 年度收入合计") is None
    assert heading_level("64.7%。按支出经济分类") is None


def test_canonical_sections() -> None:
    assert canonical_section("一、部门主要职能") == "职能"
    assert canonical_section("二、部门机构设置及预算单位构成情况") == "机构人员"
    assert canonical_section("（三）存在的问题和原因") == "存在问题"
    assert canonical_section("（四）下一步拟改进措施") == "改进措施"
    assert canonical_section("（四）上年度部门整体部门自评结果应用情况") == "结果应用"
    assert canonical_section("（二）部门整体绩效目标完成情况") == "完成情况"
    assert canonical_section("一、收入支出决算总体情况说明") == "收支情况"
    assert canonical_section("三、名词解释") == "其他"


def test_sections_furniture_and_broken_lines() -> None:
    doc = _doc(
        "2020 年度某某局部门决算\n第一部分 部门概况\n一、主要职能\n"
        "负责全市道路交通安全管理工\n作，维护交通秩序。\n- 1 -",
        "公开 12 表\n二、机构设置\n内设科室 5 个。\n（一）存在的问题\n预算编制不够\n细化。\n2",
    )
    rows = read_narrative(doc).narratives
    by_heading = {r.heading: r for r in rows}
    assert by_heading["一、主要职能"].text == "负责全市道路交通安全管理工作，维护交通秩序。"
    assert by_heading["一、主要职能"].section == "职能" and by_heading["一、主要职能"].page == 1
    assert by_heading["二、机构设置"].section == "机构人员"
    assert by_heading["（一）存在的问题"].text == "预算编制不够细化。"
    assert by_heading["（一）存在的问题"].section == "存在问题"
    assert all("公开" not in r.text and "- 1 -" not in r.text for r in rows)
    assert all(r.keywords for r in rows)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.pdf")))
def test_every_sample_has_sections_with_text(name: str) -> None:
    path = SAMPLES / name
    doc = DocInput(doc_id="d", path=path, file_type="pdf", pages=read_pdf_text(path).pages, tables=[])
    rows = read_narrative(doc).narratives
    assert rows and all(r.text.strip() for r in rows)
    assert all(
        r.section
        in {
            "职能",
            "机构人员",
            "收支情况",
            "绩效目标",
            "完成情况",
            "存在问题",
            "改进措施",
            "结果应用",
            "其他",
        }
        for r in rows
    )
