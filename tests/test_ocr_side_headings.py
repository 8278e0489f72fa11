"""A report printed in two columns, side headings beside the paragraphs, read by OCR: the heading
(（三）部门整体收支情 / 况) stands half a line off the paragraph's lines, so it is a line of its own and
not glued into the middle of the sentence beside it. The boxes are those of a scanned page as the
recogniser gave them (points; type about 9.5 pt high, lines 15 pt apart)."""

from __future__ import annotations

from extract.sources.ocr import OcrPage, OcrWord


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
