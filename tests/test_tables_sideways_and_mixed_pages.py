"""Two layouts of the text layer: a table set sideways on the sheet with no /Rotate to turn it back,
and a page holding a ruled table and a table without rulings (both set sideways, too).

Fixtures (made by tests/fixtures/make_table_pdfs.py):
- tables_sideways.pdf: the page of tables_borderless.pdf with its content turned 90 degrees in the
  content stream, counter-clockwise on page 1 and clockwise on page 2, on a landscape sheet, no
  /Rotate (every glyph's matrix turned);
- tables_ruled_and_borderless.pdf: a ruled expenditure table, then an income table without rulings.
The expected rows are what the pages print.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from extract.document import read_document
from extract.sources.pdf import read_pdf_text
from extract.tables.pdfplumber import read_tables
from extract.tables.sideways import turn_of, upright_words
from extract.tables.unread import RULE as UNREAD
from extract.tables.unread import unread_pages
from extract.tables.words import READER, read_borderless
from model.records import Extraction

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SIDEWAYS = FIXTURES / "tables_sideways.pdf"
MIXED = FIXTURES / "tables_ruled_and_borderless.pdf"

INCOME = [
    ["项目", "本年预算数", "上年预算数"],
    ["一、一般公共预算拨款收入", "1,234.56", "1,100.00"],
    ["二、政府性基金预算拨款收入", "85.20", "60.00"],
    ["三、事业收入", "12.00", "0.00"],
    ["四、其他收入", "3.45", "2.10"],
    ["收入总计", "1,335.21", "1,162.10"],
]
SPENDING = [
    ["功能分类科目", "预算数", "执行数"],
    ["公共安全支出", "2,953.33", "2,609.14"],
    ["社会保障和就业支出", "312.40", "298.75"],
    ["住房保障支出", "146.08", "146.08"],
    ["支出合计", "3,411.81", "3,053.97"],
]


@pytest.mark.parametrize(("page", "turn"), [(1, 90), (2, 270)])
def test_text_turned_in_the_content_stream_without_rotate_is_turned_back(page: int, turn: int) -> None:
    with pdfplumber.open(SIDEWAYS) as pdf:
        p = pdf.pages[page - 1]
        assert p.rotation == 0 and p.width > p.height  # no /Rotate; the sheet lies landscape
        assert turn_of(p.chars) == turn
        frame = upright_words(p)
    # in the upright frame the sheet is portrait and the title reads left to right
    assert (frame.width, frame.height) == (pytest.approx(p.height), pytest.approx(p.width))
    assert "2023年部门收入预算总表" in [w["text"] for w in frame.words]


@pytest.mark.parametrize("page", [1, 2])
def test_table_printed_sideways_without_rotate_is_read_as_printed(page: int) -> None:
    (t,) = read_borderless(SIDEWAYS, [page])
    assert t.reader == READER and t.page == page
    assert t.rows == INCOME
    assert "单位：万元" in t.text_above and t.text_below == "以上收入预算均已按规定程序报批。"


def test_upright_page_with_a_few_sideways_characters_is_left_as_it_is() -> None:
    upright = {"text": "收", "upright": True, "matrix": (11, 0, 0, 11, 0, 0)}
    sideways = {"text": "章", "upright": False, "matrix": (0, 11, -11, 0, 0, 0)}
    assert turn_of([upright] * 5 + [sideways] * 2) == 0
    assert turn_of([upright] * 2 + [sideways] * 5) == 90


def test_sideways_statement_reaches_the_budgets_table() -> None:
    res = read_document(SIDEWAYS)
    totals = [b for b in res.extraction.budgets if b.line_name == "收入总计" and b.measure == "全年预算数"]
    assert sorted(b.page for b in totals) == [1, 2]
    assert {b.amount_wan for b in totals} == {1335.21}


def test_ruled_table_and_table_without_rulings_on_one_page_are_both_read() -> None:
    res = read_document(MIXED)
    budgets = {(b.line_name, b.measure): b for b in res.extraction.budgets}
    assert budgets[("收入总计", "全年预算数")].amount_wan == 1335.21
    assert budgets[("收入总计", "全年预算数")].extractor == READER
    assert budgets[("支出合计", "全年预算数")].amount_wan == 3411.81
    assert budgets[("支出合计", "全年预算数")].extractor == "pdfplumber"


RULED_SIDEWAYS = FIXTURES / "tables_ruled_sideways.pdf"


@pytest.mark.parametrize("page", [1, 2])
def test_ruled_table_printed_sideways_without_rotate_is_read_in_reading_order(page: int) -> None:
    # tables_ruled_sideways.pdf: the ruled page turned on a landscape sheet (page 1 counter-clockwise,
    # page 2 clockwise); its rulings and glyphs are turned, no /Rotate
    ruled = [t for t in read_tables(RULED_SIDEWAYS) if t.page == page]
    assert [t.rows for t in ruled] == [SPENDING]
    assert "2023年部门支出预算表" in ruled[0].text_above


@pytest.mark.parametrize("page", [1, 2])
def test_sideways_page_with_ruled_and_borderless_tables_gives_both_as_printed(page: int) -> None:
    res = read_document(RULED_SIDEWAYS)
    got = {(b.line_name, b.measure): (b.amount_wan, b.extractor) for b in res.extraction.budgets if b.page == page}
    assert got[("支出合计", "全年预算数")] == (3411.81, "pdfplumber")
    assert got[("公共安全支出", "全年预算数")] == (2953.33, "pdfplumber")
    assert got[("收入总计", "全年预算数")] == (1335.21, READER)
    assert got[("一般公共预算拨款收入", "上年预算数")] == (1100.00, READER)  # line names lose their 一、


def test_page_whose_borderless_table_gave_no_rows_beside_a_ruled_one_says_so() -> None:
    # the page prints the ruled spending table and, below it, six lines of income figures; when only the
    # ruled table is read, the income table's figures are missing and the page must say it
    pages = read_pdf_text(MIXED).pages
    ruled_only = read_tables(MIXED)
    assert [t.rows for t in ruled_only] == [SPENDING]
    issues = unread_pages("d", pages, ruled_only, Extraction())
    assert [(i.page, i.rule) for i in issues] == [(1, UNREAD)]
    both = ruled_only + read_borderless(MIXED, [1], skip={1: [t.bbox for t in ruled_only if t.bbox]})
    assert [t.rows for t in both] == [SPENDING, INCOME]
    assert unread_pages("d", pages, both, Extraction()) == []
