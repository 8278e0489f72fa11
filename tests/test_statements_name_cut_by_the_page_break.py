"""A borderless statement whose item name wraps under its row's first line (the amounts on that line)
and is cut by the page break: the first lines of the name end one page, the rest opens the next, above
the next item's row. The rest belongs to the item above (as printed: 其他农业农村 / 支出 is one name), not to
the next item, and the part on the next page is the same table even where its right-hand columns
hold nothing there (its text then ends short of the first part's right edge).

Pages typeset here as word boxes (tests/word_boxes.py) and read as a PDF's are: word positions per
page, parts continued on the next page given the columns of the part they continue, parts stitched;
then the statement reader. Expectations are the statement as printed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from word_boxes import left, right

from extract.interpreters.statements.read import read_statements
from extract.tables.page_tails import page_tails
from extract.tables.positions import align_continued, read_positions
from extract.tables.stitch import stitch
from model.document import DocInput
from model.pages import PageText
from model.records import BudgetRow
from model.tables import Cell, RawTable

LINE = 14.0
PAD = 4.0
# 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出
COLS = ((40.0, 110.0), (110.0, 200.0), (200.0, 290.0), (290.0, 380.0), (380.0, 470.0))
Item = tuple[str, tuple[str, ...], str, str, str]


def _rows(items: tuple[Item, ...], top: float) -> tuple[list[dict[str, Any]], float]:
    """Items set as the template sets them: the code and the name's first line beside the amounts, the
    name wrapping at its column's width on the lines below."""
    words: list[dict[str, Any]] = []
    y = top
    for code, name, *amounts in items:
        if code:
            words.append(left(code, COLS[0][0] + PAD, y))
        words += [left(part, COLS[1][0] + PAD, y + k * LINE) for k, part in enumerate(name)]
        words += [right(a, col[1] - PAD, y) for a, col in zip(amounts, COLS[2:], strict=True) if a]
        y += len(name) * LINE
    return words, y


def _first_page(last: Item) -> list[dict[str, Any]]:
    words = [left(h, c0 + PAD, 100.0) for h, (c0, _) in zip(("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                                                               COLS, strict=True)]
    body: tuple[Item, ...] = (
        ("", ("合计",), "1,520.40", "1,020.40", "500.00"),
        ("213", ("农林水支出",), "1,520.40", "1,020.40", "500.00"),
        ("21301", ("农业农村",), "1,408.30", "908.30", "500.00"),
        ("2130101", ("行政运行",), "908.30", "908.30", ""),
        ("2130104", ("事业运行",), "388.00", "", "388.00"),
        last,
    )
    rows, _ = _rows(body, 100.0 + LINE)
    return words + rows


def _second_page(tail: tuple[str, ...]) -> list[dict[str, Any]]:
    # nothing in 项目支出 on this page: the part's text ends at 基本支出's right edge
    words = [left(part, COLS[1][0] + PAD, 60.0 + k * LINE) for k, part in enumerate(tail)]
    rows, _ = _rows((("21302", ("林业和草原",), "112.10", "112.10", ""),
                     ("2130201", ("行政运行",), "80.00", "80.00", ""),
                     ("2130299", ("其他林业和草", "原支出"), "32.10", "32.10", "")), 60.0 + len(tail) * LINE)
    return words + rows


def _read(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> tuple[list[RawTable], list[BudgetRow]]:
    tables = [p.table for n, words in ((1, first), (2, second))
              for p in read_positions(words, page=n, page_height=595, reader="words")]
    tables[0].text_above = "支出决算表\n单位：万元"
    align_continued(tables)
    stitched = stitch(tables)
    pages = [PageText(number=n, text="", width=842.0, height=595.0) for n in (1, 2)]
    doc = DocInput(doc_id="e" * 64, path=Path("x.pdf"), file_type="pdf", pages=pages, tables=stitched)
    return stitched, read_statements(doc).budgets


def _amounts(rows: list[BudgetRow], code: str) -> dict[str, tuple[str | None, float | None]]:
    return {r.measure: (r.line_name, r.amount_wan) for r in rows if r.line_code == code}


def test_rest_of_a_name_cut_by_the_page_break_joins_the_item_above() -> None:
    last = ("2130199", ("其他农业农", "村"), "112.00", "", "112.00")
    tables, rows = _read(_first_page(last), _second_page(("支出",)))
    assert len(tables) == 1
    assert _amounts(rows, "2130199") == {"合计": ("其他农业农村支出", 112.0), "项目支出": ("其他农业农村支出", 112.0)}
    assert _amounts(rows, "21302") == {"合计": ("林业和草原", 112.1), "基本支出": ("林业和草原", 112.1)}
    assert _amounts(rows, "2130299")["合计"] == ("其他林业和草原支出", 32.1)


def test_two_lines_of_a_name_cut_by_the_page_break_join_the_item_above() -> None:
    last = ("2130106", ("科技转化与",), "112.00", "", "112.00")
    _, rows = _read(_first_page(last), _second_page(("推广服务专", "项")))
    assert _amounts(rows, "2130106")["合计"] == ("科技转化与推广服务专项", 112.0)
    assert _amounts(rows, "21302")["合计"] == ("林业和草原", 112.1)


def test_a_page_opening_on_a_whole_row_reads_every_row_once() -> None:
    last = ("2130199", ("其他农业农村", "支出"), "112.00", "", "112.00")
    tables, rows = _read(_first_page(last), _second_page(()))
    assert len(tables) == 1
    assert _amounts(rows, "2130199")["合计"] == ("其他农业农村支出", 112.0)
    assert [r.line_code for r in rows if r.measure == "合计"] == [
        None, "213", "21301", "2130101", "2130104", "2130199", "21302", "2130201", "2130299"]


def _part(page: int, rows: list[list[Cell]], above: str = "") -> RawTable:
    return RawTable(page=page, rows=rows, row_pages=[page] * len(rows), reader="pdfplumber", text_above=above)


def test_rest_of_a_name_opening_a_part_read_apart_joins_the_last_item_of_the_part_before() -> None:
    # the two parts were not stitched (here: read by another reader): the second is still a continuation
    first = _part(3, [["科目编码", "科目名称", "合计", "基本支出"],
                      ["222", "粮油物资储备支出", "45.60", "45.60"],
                      ["2220115", "粮食风险基", "45.60", "45.60"]], above="一般公共预算支出表\n单位：万元")
    second = _part(4, [["", "金", "", ""], ["224", "灾害防治及应急管理支出", "12.30", "12.30"]])
    pages = [PageText(number=n, text="", width=842.0, height=595.0) for n in (3, 4)]
    doc = DocInput(doc_id="f" * 64, path=Path("x.pdf"), file_type="pdf", pages=pages, tables=[first, second])
    rows = read_statements(doc).budgets
    assert _amounts(rows, "2220115") == {"合计": ("粮食风险基金", 45.6), "基本支出": ("粮食风险基金", 45.6)}
    assert _amounts(rows, "224")["合计"] == ("灾害防治及应急管理支出", 12.3)


def test_an_item_without_figures_opening_a_part_is_no_rest_of_a_name() -> None:
    first = _part(3, [["科目编码", "科目名称", "合计", "基本支出"],
                      ["2220115", "粮食风险基金", "45.60", "45.60"]], above="一般公共预算支出表\n单位：万元")
    second = _part(4, [["", "２２４ 灾害防治及应急管理支出", "", ""], ["22401", "应急管理事务", "12.30", "12.30"]])
    pages = [PageText(number=n, text="", width=842.0, height=595.0) for n in (3, 4)]
    doc = DocInput(doc_id="f" * 64, path=Path("x.pdf"), file_type="pdf", pages=pages, tables=[first, second])
    rows = read_statements(doc).budgets
    assert _amounts(rows, "2220115")["合计"] == ("粮食风险基金", 45.6)
    assert _amounts(rows, "22401")["合计"] == ("应急管理事务", 12.3)


# the same statement typeset with its names centred on their rows (Word's vAlign center): a two-line
# name straddles its row's line, a three-line one prints its middle line there
def _centred_rows(items: tuple[Item, ...], top: float) -> list[dict[str, Any]]:
    words: list[dict[str, Any]] = []
    y = top
    for code, name, *amounts in items:
        lines = len(name)
        mid = y + (lines - 1) * LINE / 2  # the row's line: the name's middle
        words.append(left(code, COLS[0][0] + PAD, mid))
        words += [left(part, COLS[1][0] + PAD, y + k * LINE) for k, part in enumerate(name)]
        words += [right(a, col[1] - PAD, mid) for a, col in zip(amounts, COLS[2:], strict=True) if a]
        y += lines * LINE + 4.0
    return words


def test_rest_of_a_centred_name_cut_by_the_page_break_joins_the_item_above() -> None:
    heads = [left(h, c0 + PAD, 100.0) for h, (c0, _) in zip(("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                                                               COLS, strict=True)]
    first = heads + _centred_rows((("213", ("农林水支出",), "1,520.40", "1,020.40", "500.00"),
                                   ("21301", ("农业农村",), "1,408.30", "908.30", "500.00"),
                                   ("2130101", ("行政运行",), "908.30", "908.30", ""),
                                   ("2130106", ("科技转化与", "推广服务"), "388.00", "", "388.00"),
                                   ("2130108", ("病虫害控制",), "8.00", "", "8.00")), 100.0 + LINE + 4.0)
    # the last item's first line ends the page on its row's line; the rest opens the next page
    first += [left("2130199", COLS[0][0] + PAD, 222.0), left("其他农业农", COLS[1][0] + PAD, 222.0),
              right("112.00", COLS[2][1] - PAD, 222.0), right("112.00", COLS[4][1] - PAD, 222.0)]
    second = [left("村振兴专", COLS[1][0] + PAD, 60.0), left("项支出", COLS[1][0] + PAD, 60.0 + LINE)]
    second += _centred_rows((("21302", ("林业和草原",), "112.10", "112.10", ""),
                             ("2130201", ("林业草原行", "政运行"), "80.00", "80.00", ""),
                             ("2130299", ("其他林业和", "草原事务", "支出"), "32.10", "32.10", "")),
                            60.0 + 2 * LINE + 4.0)
    _, rows = _read(first, second)
    assert _amounts(rows, "2130199")["合计"] == ("其他农业农村振兴专项支出", 112.0)
    assert _amounts(rows, "21302")["合计"] == ("林业和草原", 112.1)
    assert _amounts(rows, "2130201")["合计"] == ("林业草原行政运行", 80.0)
    assert _amounts(rows, "2130299")["合计"] == ("其他林业和草原事务支出", 32.1)


def test_rest_of_a_name_on_a_two_sided_statement_read_apart_changes_neither_side() -> None:
    # 收入 | 支出 side by side: which side's item it ends is not told, so neither name changes
    first = _part(3, [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"],
                      ["一般公共预算财政拨款收入", "980.00", "一般公共服务支出", "600.00"],
                      ["事业收入", "20.00", "节能环保支出", "400.00"]], above="收入支出决算总表\n单位：万元")
    second = _part(4, [["", "", "专项", ""], ["本年收入合计", "1,000.00", "本年支出合计", "1,000.00"]])
    pages = [PageText(number=n, text="", width=842.0, height=595.0) for n in (3, 4)]
    doc = DocInput(doc_id="f" * 64, path=Path("x.pdf"), file_type="pdf", pages=pages, tables=[first, second])
    names = {r.line_name for r in read_statements(doc).budgets}
    assert {"事业收入", "节能环保支出", "本年收入合计", "本年支出合计"} <= names


def _alone_on_the_next_page(last: Item, second: list[dict[str, Any]], text: str) -> tuple[list[RawTable],
                                                                                        list[BudgetRow]]:
    """The statement ends its page with ``last``; the next page holds nothing but ``second`` (its text
    layer ``text``)."""
    tables = [p.table for p in read_positions(_first_page(last), page=1, page_height=595, reader="words")]
    tables[0].text_above = "支出决算表\n单位：万元"
    pages = [PageText(number=1, text="支出决算表", width=842.0, height=595.0),
             PageText(number=2, text=text, width=842.0, height=595.0)]
    stitched = stitch(tables + page_tails(pages, tables, lambda n: (second, 595.0)))
    doc = DocInput(doc_id="e" * 64, path=Path("x.pdf"), file_type="pdf", pages=pages, tables=stitched)
    return stitched, read_statements(doc).budgets


def test_the_rest_of_a_name_alone_on_the_next_page_joins_the_item_above() -> None:
    # the last name wraps and the page breaks between its lines: the next page prints nothing but the
    # rest of the name (and its page number); no table is found there, yet it ends the item above
    last = ("2130199", ("其他农业农",), "112.00", "", "112.00")
    second = [left("村支出", COLS[1][0] + PAD, 60.0), left("第 2 页", 300.0, 560.0)]
    tables, rows = _alone_on_the_next_page(last, second, "村支出\n第 2 页")
    assert len(tables) == 1 and tables[0].row_pages[-1] == 2
    assert _amounts(rows, "2130199") == {"合计": ("其他农业农村支出", 112.0), "项目支出": ("其他农业农村支出", 112.0)}


def test_a_page_of_its_own_text_after_a_statement_is_not_the_rest_of_its_last_name() -> None:
    # a note with figures, or a title of the next table, alone on the next page: not a row of the statement
    last = ("2130199", ("其他农业农村支出",), "112.00", "", "112.00")
    for text in ("注：本表金额 112.00 万元", "部门预算表"):
        tables, rows = _alone_on_the_next_page(last, [left(text, COLS[1][0] + PAD, 60.0)], text)
        assert tables[0].row_pages[-1] == 1
        assert _amounts(rows, "2130199")["合计"] == ("其他农业农村支出", 112.0)
