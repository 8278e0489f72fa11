"""Reports published as HTML articles: charset, portal furniture, catalogue, spanning and nested tables.

Expectations are what the pages below print.
"""

from __future__ import annotations

from pathlib import Path

from extract.document import read_document
from extract.sources.html import read_html

FORM = """
<table border="1">
<tr><th rowspan="2">一级指标</th><th rowspan="2">二级指标</th><th colspan="2">指标</th></tr>
<tr><th>三级指标</th><th>年度指标值</th></tr>
<tr><td rowspan="3">产出指标</td><td rowspan="2">数量指标</td><td>培训人次</td><td>1200<br/>人次</td></tr>
<tr><td>发放补贴人数</td><td>≥300人</td></tr>
<tr><td>质量指标</td><td>培训合格率</td><td>95%</td></tr>
</table>"""


def _page(body: str, charset: str = "utf-8") -> str:
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"/>
<title>绩效自评_某县人民政府门户网站</title><script>var x = "脚本";</script><style>p {{ color: red }}</style></head>
<body><div class="header">某县人民政府门户网站</div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; 财政预决算</div>
{body}
<p>【打印本页】【关闭窗口】</p>
<div class="footer">版权所有：某县人民政府　网站标识码：1234000001　ICP备12345678号</div></body></html>"""


ARTICLE = """<div class="info"><p>索引号：11330000MB0000000X/2023-00077　发布机构：某县农业农村局</p>
<p>发布日期：2023年04月06日　浏览次数：35</p></div>
<h1>2022年度某县农业农村局项目支出绩效自评报告</h1>
<p>一、项目基本情况</p><p>本局2022年共开展农民培训12期。</p>
<p>单位：万元</p>""" + FORM + "<p>二、存在的问题</p><p>培训覆盖面仍需扩大。</p>"


def test_utf8_page_gives_the_article_without_portal_furniture(tmp_path: Path) -> None:
    path = tmp_path / "t20230406_77.html"
    path.write_text(_page(ARTICLE), encoding="utf-8")
    page = read_html(path)
    text = page.pages[0].text
    assert page.encoding == "utf-8"
    assert text.splitlines()[0] == "2022年度某县农业农村局项目支出绩效自评报告"
    assert "本局2022年共开展农民培训12期。" in text and "培训覆盖面仍需扩大。" in text
    furniture_words = ("首页", "政务公开", "当前位置", "打印本页", "版权所有", "网站标识码", "脚本", "color",
                       "浏览次数")
    for furniture in furniture_words:
        assert furniture not in text
    assert "培训人次" not in text  # the table's cells are in the table, not in the prose
    assert (page.portal.index_number, page.portal.publisher, page.portal.published_date) == (
        "11330000MB0000000X/2023-00077", "某县农业农村局", "2023-04-06")


def test_rowspan_and_colspan_become_merged_cells(tmp_path: Path) -> None:
    path = tmp_path / "form.html"
    path.write_text(_page(ARTICLE), encoding="utf-8")
    (table,) = read_html(path).tables
    assert table.rows == [
        ["一级指标", "二级指标", "指标", None],
        [None, None, "三级指标", "年度指标值"],
        ["产出指标", "数量指标", "培训人次", "1200\n人次"],
        [None, None, "发放补贴人数", "≥300人"],
        [None, "质量指标", "培训合格率", "95%"],
    ]
    assert table.page == 1 and table.reader == "html"
    assert table.text_above.splitlines()[-1] == "单位：万元"
    assert table.text_below.splitlines()[0] == "二、存在的问题"


def test_gbk_page_with_catalogue_table_inside_a_layout_table(tmp_path: Path) -> None:
    body = f"""<table width="100%"><tr><td width="180"><ul class="side"><li><a href="/a">预算公开</a></li>
<li><a href="/b">决算公开</a></li></ul></td><td>
<table class="xxgk"><tr><td>索 引 号：</td><td>11330000MB0000000X/2023-00078</td><td>主题分类：</td><td>财政</td></tr>
<tr><td>发布机构：</td><td>某县农业农村局</td><td>发布日期：</td><td>2023-04-07</td></tr></table>
<p>2022年度某县农业农村局项目支出绩效自评报告</p>{FORM}</td></tr></table>"""
    path = tmp_path / "gbk.htm"
    path.write_bytes(_page(body, charset="gb2312").encode("gbk"))
    page = read_html(path)
    assert page.encoding == "gb18030"
    assert page.pages[0].text.splitlines()[0] == "2022年度某县农业农村局项目支出绩效自评报告"
    assert "预算公开" not in page.pages[0].text  # the side menu of the layout table
    assert len(page.tables) == 1  # the layout table and the catalogue table are not data tables
    assert page.tables[0].rows[2] == ["产出指标", "数量指标", "培训人次", "1200\n人次"]
    assert (page.portal.index_number, page.portal.publisher, page.portal.published_date) == (
        "11330000MB0000000X/2023-00078", "某县农业农村局", "2023-04-07")


def test_html_report_becomes_rows_with_page_one_provenance(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_bytes(_page(ARTICLE, charset="gbk").encode("gbk"))
    res = read_document(path)
    doc = res.document
    assert (doc.file_type, doc.status, doc.pages) == ("html", "ok", 1)
    assert (doc.agency, doc.fiscal_year, doc.report_kind) == ("某县农业农村局", 2022, "project_self_evaluation")
    assert (doc.publisher, doc.published_date) == ("某县农业农村局", "2023-04-06")
    names = {i.name: i for i in res.extraction.indicators}
    assert set(names) == {"培训人次", "发放补贴人数", "培训合格率"}
    assert names["培训合格率"].level2 == "质量指标" and names["培训合格率"].target_value == 95.0
    assert {(i.page, i.table_index) for i in res.extraction.indicators} == {(1, 0)}
    assert sorted(i.row_index for i in res.extraction.indicators) == [2, 3, 4]  # type: ignore[type-var]
    assert {n.section for n in res.extraction.narratives} >= {"存在问题"}


def test_html_error_page_saved_as_pdf_is_still_not_a_document(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_text(_page("<p>404 页面不存在</p>"), encoding="utf-8")
    res = read_document(path)
    assert res.document.status == "failed"
    assert [i.rule for i in res.extraction.issues] == ["not_a_document"]
