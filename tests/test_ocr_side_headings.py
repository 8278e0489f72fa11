"""A report printed in two columns, side headings beside the paragraphs, read by OCR: the heading
(（三）部门整体收支情 / 况) stands half a line off the paragraph's lines, so it is a line of its own and
not glued into the middle of the sentence beside it. The boxes are those of a scanned page as the
recogniser gave them (points; type about 9.5 pt high, lines 15 pt apart)."""

from __future__ import annotations

from extract.sources.ocr import OcrPage, OcrWord
from extract.tables.scan_grid import ScanTable
from extract.tables.scan_text import page_text, prose_rows


def _w(text: str, x0: float, x1: float, top: float, bottom: float) -> OcrWord:
    return OcrWord(text=text, x0=x0, x1=x1, top=top, bottom=bottom, confidence=0.99)


def _page(words: list[OcrWord]) -> OcrPage:
    return OcrPage(width=595.0, height=842.0, words=words)


def test_side_heading_half_a_line_off_is_not_glued_into_the_paragraph() -> None:
    page = _page([
        _w("曲靖市公安局交警支队2022年度收入合计17023.66万元，其中：财政拨", 243, 533, 306.2, 315.8),
        _w("（三）部门整体收支情", 142, 227, 314.9, 324.6),
        _w("款收入17023.66万元；2022年度支出合计18149.95万元，其中：基本", 243, 526, 320.7, 329.8),
        _w("况", 147, 156, 330.5, 339.0),
        _w("支出6245.02万元，项目支出11904.93万元。", 245, 424, 336.5, 345.5),
    ])
    assert page.text.splitlines() == [
        "曲靖市公安局交警支队2022年度收入合计17023.66万元，其中：财政拨",
        "（三）部门整体收支情",
        "款收入17023.66万元；2022年度支出合计18149.95万元，其中：基本",
        "况",
        "支出6245.02万元，项目支出11904.93万元。",
    ]


def test_cells_of_one_row_on_a_page_skewed_by_one_degree_stay_one_line() -> None:
    # a row of a form, its cells 100 pt apart, each box 1.7 pt lower than the one before (1°)
    page = _page([
        _w("项目支出", 60, 110, 200.0, 209.5),
        _w("1,200.00", 160, 200, 201.7, 211.2),
        _w("1,180.50", 260, 300, 203.4, 212.9),
        _w("98.38%", 360, 395, 205.1, 214.6),
        _w("基本支出", 60, 110, 215.5, 225.0),
        _w("800.00", 160, 195, 217.2, 226.7),
    ])
    assert page.text.splitlines() == ["项目支出 1,200.00 1,180.50 98.38%", "基本支出 800.00"]


def test_a_short_figure_inside_a_line_of_type_joins_it() -> None:
    # digits are shorter than CJK type: the figure's box lies within the line's height
    page = _page([_w("得分", 60, 85, 300.0, 309.5), _w("96", 120, 132, 301.5, 308.5), _w("优", 180, 190, 300.2, 309.6)])
    assert page.text.splitlines() == ["得分 96 优"]


def _d(text: str, x0: float, x1: float, top: float, bottom: float) -> dict[str, object]:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "confidence": 0.99, "uncertain": False}


def test_a_ruled_row_of_side_heading_and_paragraph_reads_cell_by_cell_as_a_text_layer_gives_it() -> None:
    """A ruled two-column table of a scanned report: the heading cell's lines fall between the paragraph's,
    so line by line the heading cuts the sentence (…其中：财政拨 / （三）部门整体收支情 / 款收入…). A text
    layer gives the heading, then the paragraph; so does the scan's page text now."""
    title = _d("2022年度部门整体支出绩效自评情况", 162, 429, 66.2, 83.8)
    head = [_d("（三）部门整体收支情", 142, 227, 314.9, 324.6), _d("况", 147, 156, 330.5, 339.0)]
    body = [_d("曲靖市公安局交警支队2022年度收入合计17023.66万元，其中：财政拨", 243, 533, 306.2, 315.8),
            _d("款收入17023.66万元；2022年度支出合计18149.95万元，其中：基本", 243, 526, 320.7, 329.8),
            _d("支出6245.02万元，项目支出11904.93万元。", 245, 424, 336.5, 345.5)]
    figures = [_d("合计", 60, 90, 400.0, 409.5), _d("18149.95", 300, 350, 400.2, 409.4)]
    table = ScanTable(bbox=(130, 300, 540, 420), rows=[
        ["（三）部门整体收支情\n况", "\n".join(str(w["text"]) for w in body)],
        ["合计", "18149.95"],
    ], row_words=[[*head, *body, {"text": "—", "confidence": 0.9, "uncertain": False}], figures])
    text = page_text([title, *head, *body, *figures], prose_rows(table))
    assert text is not None
    assert text.splitlines() == [
        "2022年度部门整体支出绩效自评情况",
        "（三）部门整体收支情",
        "况",
        "曲靖市公安局交警支队2022年度收入合计17023.66万元，其中：财政拨",
        "款收入17023.66万元；2022年度支出合计18149.95万元，其中：基本",
        "支出6245.02万元，项目支出11904.93万元。",
        "合计 18149.95",
    ]


def test_a_scanned_table_without_prose_keeps_the_ocr_lines() -> None:
    words = [_d("项目名称", 60, 110, 100, 109.5), _d("道路维护", 160, 210, 100, 109.5),
             _d("预算数", 60, 100, 115, 124.5), _d("120.00", 160, 200, 115, 124.5)]
    table = ScanTable(bbox=(50, 95, 300, 130), rows=[["项目名称", "道路维护"], ["预算数", "120.00"]],
                      row_words=[words[:2], words[2:]])
    assert page_text(words, prose_rows(table)) is None
