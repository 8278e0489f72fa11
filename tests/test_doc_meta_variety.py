"""Document metadata in wordings and places the sample PDFs do not show.

Each text is a cover or title page as such reports print it (other provinces, prefectures,
autonomous prefectures, leagues and banners, county-level cities, districts of the municipalities,
street offices; years in Chinese numerals; titles split over lines; filing dates after the year
reported on). Expectations are read off the texts: the agency is the full name printed on the
cover, title or 部门名称 cell; the region is the division that name names; the year is the year
the report is about.
"""

from __future__ import annotations

from extract.interpreters.meta import DocMeta, read_doc_meta, year_value
from model.pages import PageText
from model.tables import RawTable


def _meta(*pages: str, tables: list[RawTable] | None = None) -> DocMeta:
    return read_doc_meta(
        [PageText(number=i + 1, text=t, width=595.0, height=842.0) for i, t in enumerate(pages)],
        tables or [],
        "report.pdf",
    )


def _region(m: DocMeta) -> tuple[str | None, str | None, str | None]:
    return m.province, m.city, m.district


def test_chinese_numeral_years() -> None:
    assert year_value("二〇二三") == 2023
    assert year_value("二○二一") == 2021
    assert year_value("二0二一") == 2021
    assert year_value("二零二二") == 2022


def test_final_accounts_of_a_county_level_city_in_an_autonomous_prefecture() -> None:
    m = _meta(
        "利川市卫生健康局\n二〇二三年度部门决算\n二〇二四年八月\n",
        "目 录\n第一部分 部门概况\n",
    )
    assert m.agency == "利川市卫生健康局"
    assert m.fiscal_year == 2023
    assert m.report_kind == "final_accounts"
    assert _region(m) == ("湖北省", "恩施土家族苗族自治州", "利川市")


def test_title_split_over_three_lines_with_a_banner() -> None:
    m = _meta(
        "2022年度呼和浩特市土默特左旗\n教育局部门整体支出绩效\n自评报告\n"
        "一、部门基本情况\n土默特左旗教育局是旗政府工作部门。\n"
    )
    assert m.agency == "呼和浩特市土默特左旗教育局"
    assert m.fiscal_year == 2022
    assert m.report_kind == "department_self_evaluation"
    assert _region(m) == ("内蒙古自治区", "呼和浩特市", "土默特左旗")


def test_filing_date_in_chinese_numerals_after_the_year_reported_on() -> None:
    m = _meta(
        "重庆市渝中区教育委员会\n二○二一年部门决算\n",
        "填报日期：二0二二年三月十日\n二0二二年度工作计划另行公布。\n",
    )
    assert m.fiscal_year == 2021
    assert m.year_source == "title"
    assert m.agency == "重庆市渝中区教育委员会"
    assert _region(m) == ("重庆市", None, "渝中区")


def test_street_office_of_a_provincial_capital_district() -> None:
    m = _meta("杭州市西湖区人民政府北山街道办事处\n2023年部门预算\n杭州市西湖区人民政府北山街道办事处编制\n")
    assert m.agency == "杭州市西湖区人民政府北山街道办事处"
    assert m.fiscal_year == 2023
    assert m.report_kind == "budget"
    assert _region(m) == ("浙江省", "杭州市", "西湖区")


def test_city_of_a_league_with_a_spaced_out_title() -> None:
    m = _meta("二 连 浩 特 市 财 政 局\n2 0 2 2 年 度 部 门 决 算\n")
    assert m.agency == "二连浩特市财政局"
    assert m.fiscal_year == 2022
    assert m.report_kind == "final_accounts"
    assert _region(m) == ("内蒙古自治区", "锡林郭勒盟", "二连浩特市")


def test_agency_from_a_stamped_label_on_a_project_self_evaluation() -> None:
    m = _meta(
        "2021年度“义务教育薄弱环节改善与能力提升”\n项目支出绩效自评报告\n"
        "填报单位（盖章）：成都市武侯区教育局\n填报日期：2022年4月\n"
    )
    assert m.agency == "成都市武侯区教育局"
    assert m.fiscal_year == 2021
    assert m.report_kind == "project_self_evaluation"
    assert _region(m) == ("四川省", "成都市", "武侯区")


def test_agency_from_a_department_name_cell_when_the_text_says_only_we() -> None:
    table = RawTable(
        page=1,
        rows=[["部门名称", "延边朝鲜族自治州卫生健康委员会", "", ""], ["年度预算", "1200.00", "执行数", "1150.00"]],
        row_pages=[1, 1],
        reader="pdfplumber",
    )
    m = _meta(
        "部门整体支出绩效自评表\n（2022年度）\n我委全年执行预算1150万元。\n",
        tables=[table],
    )
    assert m.agency == "延边朝鲜族自治州卫生健康委员会"
    assert m.fiscal_year == 2022
    assert m.report_kind == "department_self_evaluation"
    assert _region(m) == ("吉林省", "延边朝鲜族自治州", None)


def test_district_of_a_municipality_and_an_evaluation_report() -> None:
    m = _meta(
        "上海市浦东新区教育局\n2023年度部门整体支出绩效评价报告\n"
        "评价机构：上海某某会计师事务所有限公司\n二〇二四年六月\n"
    )
    assert m.agency == "上海市浦东新区教育局"
    assert m.fiscal_year == 2023
    assert m.report_kind == "evaluation_report"
    assert _region(m) == ("上海市", None, "浦东新区")


def test_county_level_city_market_regulator_budget() -> None:
    m = _meta("义乌市市场监督管理局\n２０２４年部门预算\n")
    assert m.agency == "义乌市市场监督管理局"
    assert m.fiscal_year == 2024
    assert m.report_kind == "budget"
    assert _region(m) == ("浙江省", "金华市", "义乌市")


def test_year_read_from_the_text_when_the_title_names_none() -> None:
    m = _meta(
        "北京市海淀区卫生健康委员会部门决算\n",
        "一、收入支出决算总体情况说明\n二〇二二年度收入总计 100 万元。二〇二二年度支出总计 98 万元。\n"
        "报送日期：2023年5月\n",
    )
    assert m.fiscal_year == 2022
    assert m.agency == "北京市海淀区卫生健康委员会"
    assert m.report_kind == "final_accounts"
    assert _region(m) == ("北京市", None, "海淀区")
