"""The agency of a statement named only in its caption: 编制单位：<agency>  单位：万元.

MoF statement templates (收支总表, 收入支出决算总表 …) print no agency in the title; the
caption line under it names the agency with 编制单位 (or 编报单位) before the money unit. The
pages are made up (agencies and amounts of no fixture); the expected agency is the name printed.
"""

from __future__ import annotations

from extract.interpreters.meta import DocMeta, read_doc_meta
from model.pages import PageText


def _meta(*pages: str) -> DocMeta:
    return read_doc_meta(
        [PageText(number=i + 1, text=t, width=595.0, height=842.0) for i, t in enumerate(pages)], [], "form.pdf"
    )


def test_agency_named_by_the_compiling_unit_label_of_a_statement_caption() -> None:
    m = _meta(
        "2023年度收入支出决算总表\n表一\n编制单位：青石县档案馆      单位（元）\n收入 支出\n"
        "项目 决算数 项目 决算数\n一、一般公共预算财政拨款收入 1,204,300.00 一、一般公共服务支出 804,300.00\n"
    )
    assert m.agency == "青石县档案馆"


def test_agency_named_by_the_reporting_unit_label_with_a_unit_after_it() -> None:
    m = _meta(
        "2024年部门收支总表\n公开 01 表\n编报单位：石桥市水务局   单位：万元\n收入 支出\n"
        "项目 预算数 项目 预算数\n一、一般公共预算拨款收入 312.40 一、农林水支出 312.40\n"
    )
    assert m.agency == "石桥市水务局"
