"""The second table reader runs only where pdfplumber's result is doubtful, and disagreements are reported."""

from __future__ import annotations

import copy
from pathlib import Path

from extract.sources.pdf import read_pdf_text
from extract.tables.doubt import (
    RULE,
    check_tables,
    differences,
    issues_from_notes,
    page_doubt,
    table_doubt,
)
from extract.tables.pdfplumber import read_tables
from model.pages import PageText
from model.tables import RawTable

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _table(rows: list[list[str | None]], reader: str = "pdfplumber") -> RawTable:
    return RawTable(page=1, rows=rows, row_pages=[1] * len(rows), reader=reader, bbox=(50, 100, 500, 300))


# ---- when a page or table is doubtful --------------------------------------------------------


def test_prose_page_without_rulings_is_not_doubtful() -> None:
    prose = "2020 年度我队总收入 2544.29 万元，其中财政拨款收入 2466.87 万元；\n占全年总收入的 96.9 %。"
    assert page_doubt(prose, paths=1) is None


def test_figures_side_by_side_make_a_page_doubtful() -> None:
    text = "收入预算总表\n项目 本年预算数 上年预算数\n事业收入 12.00 0.00\n其他收入 3.45 2.10"
    assert page_doubt(text, paths=0) is not None


def test_rulings_without_a_table_make_a_page_doubtful() -> None:
    assert page_doubt("正文", paths=200) is not None


def test_a_table_title_with_its_unit_makes_a_page_doubtful_but_a_contents_page_does_not() -> None:
    assert page_doubt("一般公共预算支出预算表\n单位：万元\n科目名称 金额", paths=0) is not None
    contents = "目 录\n一、收入支出决算总表\n二、收入决算表\n三、支出决算表\n单位：万元"
    assert page_doubt(contents, paths=0) is None


def test_cells_holding_several_numbers_make_a_table_doubtful() -> None:
    assert table_doubt(_table([["项目", "金额"], ["事业收入", "12.00"]])) is None
    assert table_doubt(_table([["项目", "金额"], ["事业收入\n其他收入", "12.00\n3.45"]])) is not None
    assert table_doubt(_table([["项目", "金额"], ["事业收入"]])) is not None  # rows of different lengths


# ---- comparing two readings -------------------------------------------------------------------


def test_a_title_row_inside_the_ruled_area_and_cut_long_text_are_no_difference() -> None:
    a = _table([["收入预算总表", "", ""], ["项目", "说明", "金额"], ["事业收入", "按规定收取的事业收入", "12.00"]])
    b = _table([["项目", "说明", "金额"], ["事业收入", "按规定收取", "12.00"]], reader="camelot-lattice")
    assert differences(a, b) == []


def test_a_figure_read_into_the_wrong_cell_is_a_difference_naming_the_cell() -> None:
    head: list[str | None] = ["项目", "金额", "项目", "金额"]
    a = _table([head, ["一、财政拨款收入", "156,211,123", "一、一般公共服务支出", "2,932,700"]])
    b = _table([head, ["一、财政拨款收入", "", "156,211,123一、一般公共服务支出", "2,932,700"]])
    diffs = differences(a, b)
    assert "row 2 col 2: '156,211,123' vs ''" in diffs
    assert len(diffs) == 2


# ---- the check on whole documents -------------------------------------------------------------


def _pages(name: str) -> list[PageText]:
    return read_pdf_text(FIXTURES / name).pages


def test_sure_tables_are_not_read_again() -> None:
    name = "tables_multiline_truetype.pdf"
    tables = read_tables(FIXTURES / name)
    checked = check_tables(FIXTURES / name, _pages(name), tables)
    assert checked.doubtful_pages == {} and checked.notes == []
    assert checked.tables == tables


def test_a_ruled_table_pdfplumber_missed_comes_from_camelot_with_a_warning() -> None:
    name = "tables_tiny_rects.pdf"
    checked = check_tables(FIXTURES / name, _pages(name), [])  # as if pdfplumber had found nothing
    (t,) = checked.tables
    assert t.reader == "camelot-lattice"
    assert t.rows[3] == ["Total", "1,500.50", "1,491.00"]
    (issue,) = issues_from_notes("doc", checked.notes)
    assert issue.rule == RULE and issue.severity == "warning" and issue.page == 1
    assert "page 1" in issue.message and "pdfplumber found no table" in issue.message


def test_merged_figures_are_checked_against_camelot_and_the_repaired_reading_is_used() -> None:
    name = "tables_tiny_rects.pdf"
    (good,) = read_tables(FIXTURES / name)
    merged = copy.deepcopy(good)  # a missed ruling: the last two rows run together
    merged.rows = [*merged.rows[:2], ["Office\nTotal", "300.00\n1,500.50", "310.75\n1,491.00"]]
    merged.row_pages = merged.row_pages[:3]
    checked = check_tables(FIXTURES / name, _pages(name), [merged])
    assert 1 in checked.doubtful_pages
    (t,) = checked.tables
    assert t.reader == "camelot-lattice" and len(t.rows) == 4
    (note,) = checked.notes
    assert "row 3 col 2" in note.message and "camelot-lattice's is used" in note.message


def test_a_disagreement_that_camelot_cannot_repair_keeps_pdfplumber_and_says_so() -> None:
    name = "tables_tiny_rects.pdf"
    (good,) = read_tables(FIXTURES / name)
    garbled = copy.deepcopy(good)
    garbled.rows[1] = ["Staff", "1,200.50 1,180.25", ""]  # several numbers in a cell, but camelot's figures differ
    garbled.rows[2][1] = "999.00"
    checked = check_tables(FIXTURES / name, _pages(name), [garbled])
    (t,) = checked.tables
    assert t.reader == "pdfplumber"
    (note,) = checked.notes
    assert "pdfplumber's is used" in note.message and "row 2 col 2" in note.message


def test_a_borderless_page_is_read_from_word_positions() -> None:
    name = "tables_borderless.pdf"
    checked = check_tables(FIXTURES / name, _pages(name), [])
    (t,) = checked.tables
    assert t.reader == "words"
    assert t.rows[-1] == ["收入总计", "1,335.21", "1,162.10"]
    assert checked.notes == []  # camelot's stream reader found the same figures
