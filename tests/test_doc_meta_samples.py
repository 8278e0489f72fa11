"""Document metadata for every sample PDF, as printed on its cover / title / 部门 label.

Expected values are read off the documents (and agree with the golds' "doc" objects and
data/raw/samples/MANIFEST.tsv).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.interpreters.meta import read_doc_meta, year_value
from extract.sources.pdf import read_pdf_text
from model.pages import PageText

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "raw" / "samples"

# file -> (agency, fiscal_year, report_kind, province, city, district)
EXPECTED = {
    "seed000_qingshan_2020.pdf": (
        "武汉市公安局青山区交通大队",
        2020,
        "department_self_evaluation",
        "湖北省",
        "武汉市",
        "青山区",
    ),
    "seed001_changning_2020.pdf": (
        "常宁市公安局交通警察大队",
        2020,
        "evaluation_report",
        "湖南省",
        "衡阳市",
        "常宁市",
    ),
    "seed002_qujing_2022.pdf": (
        "曲靖市公安局交通警察支队",
        2022,
        "department_self_evaluation",
        "云南省",
        "曲靖市",
        None,
    ),
    "seed003_panzhihua_2020.pdf": (
        "攀枝花市公安局交通警察支队",
        2020,
        "final_accounts",
        "四川省",
        "攀枝花市",
        None,
    ),
    "seed004_hongshan_2019.pdf": (
        "武汉市公安局洪山区分局",
        2019,
        "project_self_evaluation",
        "湖北省",
        "武汉市",
        "洪山区",
    ),
    "jues_2024_shanghai_putuo_guihuaziran.pdf": (
        "上海市普陀区规划和自然资源局",
        2024,
        "final_accounts",
        "上海市",
        None,
        "普陀区",
    ),
    "ys_2018_jiangsu_zhengxie_doc.pdf": ("江苏省政协办公厅", 2018, "budget", "江苏省", None, None),
    "ys_2018_jiangsu_zhengxie_tables.pdf": ("江苏省政协办公厅", 2018, "budget", "江苏省", None, None),
    "ys_2019_jiangsu_renda_doc.pdf": ("江苏省人大常委会办公厅", 2019, "budget", "江苏省", None, None),
    "ys_2019_jiangsu_renda_tables.pdf": ("江苏省人大常委会办公厅", 2019, "budget", "江苏省", None, None),
    "ys_2024_shanghai_putuo_wanlijiedao.pdf": (
        "上海市普陀区人民政府万里街道办事处",
        2024,
        "budget",
        "上海市",
        None,
        "普陀区",
    ),
    "ys_2025_shanghai_putuo_caizhengju_dept.pdf": (
        "上海市普陀区财政局",
        2025,
        "budget",
        "上海市",
        None,
        "普陀区",
    ),
    "ys_2025_shanghai_putuo_shangwuwei_unit.pdf": (
        "上海市普陀区商务委员会",
        2025,
        "budget",
        "上海市",
        None,
        "普陀区",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_doc_meta_matches_the_document(name: str) -> None:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"{name} not present")
    meta = read_doc_meta(read_pdf_text(path).pages, [], "document.pdf")
    agency, year, kind, province, city, district = EXPECTED[name]
    if year and "tables" in name:
        # the tables-only companions print no year at all: the file name is the last resort
        meta = read_doc_meta(read_pdf_text(path).pages, [], name)
    assert (meta.agency, meta.fiscal_year, meta.report_kind) == (agency, year, kind)
    assert (meta.province, meta.city, meta.district) == (province, city, district)


def _page(text: str) -> PageText:
    return PageText(number=1, text=text, width=595.0, height=842.0)


def test_year_in_chinese_numerals_and_filing_date_ignored() -> None:
    pages = [_page("二〇二〇年度某某县财政局部门整体支出绩效自评报告\n填报日期：二0二一年五月\n一、基本情况")]
    meta = read_doc_meta(pages, [], "x.pdf")
    assert meta.fiscal_year == 2020
    assert meta.report_kind == "department_self_evaluation"
    assert year_value("二0二一") == 2021


def test_labelled_agency_wins_over_abbreviations_in_prose() -> None:
    pages = [_page("2021年度项目支出绩效自评报告\n部门名称：广州市天河区城市管理和综合执法局\n我局全年…")]
    meta = read_doc_meta(pages, [], "x.pdf")
    assert meta.agency == "广州市天河区城市管理和综合执法局"
    assert (meta.province, meta.city, meta.district) == ("广东省", "广州市", "天河区")
    assert meta.report_kind == "project_self_evaluation"
