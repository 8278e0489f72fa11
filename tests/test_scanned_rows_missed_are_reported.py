"""A scanned page's rows come from a grid found in an image (rulings seen or not) or from the OCR'd
words' positions; a row the reading loses there must leave an issues row (``indicator_rows_missed``)
as it does on a page with a text layer, whichever reader gave the page's rows, and a complete
reading none. The page is the OCR'd words of a generated form (tests/word_boxes.py): headings, four
indicator rows, a closing row; the rows "read" are what each case's reading gave."""

from __future__ import annotations

from typing import Any

from word_boxes import left

from extract.interpreters.selfeval.printed_rows import scanned_rows_missed
from model.pages import PageText
from model.records import IndicatorRow

X = (40.0, 110.0, 190.0, 330.0, 420.0, 500.0, 540.0)
HEADINGS = ("一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分")
ROWS = (("产出指标", "数量指标", "新建农村公路里程", "≥35公里", "36公里", "20", "20"),
        ("", "质量指标", "工程竣工验收合格率", "100%", "100%", "20", "20"),
        ("效益指标", "社会效益指标", "群众出行条件改善", "有效改善", "有效改善", "20", "18"),
        ("满意度指标", "服务对象满意度", "沿线群众满意度", "≥90%", "93%", "10", "10"))


def _words() -> list[dict[str, Any]]:
    words = [left(t, x, 100) for t, x in zip(HEADINGS, X, strict=True)]
    top = 120.0
    for cells in ROWS:
        words += [left(t, x, top) for t, x in zip(cells, X, strict=True) if t]
        top += 20
    return [*words, left("总分", X[0], top), left("70", X[5], top), left("68", X[6], top)]


def _page(*, ocr: bool = True) -> PageText:
    text = "\n".join([" ".join(HEADINGS), *(" ".join(c for c in row if c) for row in ROWS)])
    return PageText(number=2, text=text, width=595.0, height=842.0, ocr=ocr)


def _row(i: int, cells: tuple[str, ...], extractor: str) -> IndicatorRow:
    return IndicatorRow(doc_id="d", page=2, table_index=0, row_index=i, scope="project", name=cells[2],
                        name_canonical=cells[2], level1=cells[0] or "产出指标", level2=cells[1],
                        target_raw=cells[3], actual_raw=cells[4], weight=float(cells[5]), score=float(cells[6]),
                        extractor=extractor)


def test_a_scanned_page_read_whole_gives_no_issue() -> None:
    rows = [_row(i, c, "scan") for i, c in enumerate(ROWS)]
    assert scanned_rows_missed("d", [_page()], {2: _words()}, rows) == []


def test_a_row_a_scanned_grid_lost_is_reported_with_its_line() -> None:
    rows = [_row(i, c, "scan") for i, c in enumerate(ROWS) if c[2] != "群众出行条件改善"]
    (issue,) = scanned_rows_missed("d", [_page()], {2: _words()}, rows)
    assert (issue.rule, issue.page, issue.table_index) == ("indicator_rows_missed", 2, 0)
    assert "1 of the 4 printed lines" in issue.message and "群众出行条件改善" in issue.message


def test_a_page_with_a_text_layer_is_left_to_its_own_check() -> None:
    rows = [_row(i, c, "scan") for i, c in enumerate(ROWS[:2])]
    assert scanned_rows_missed("d", [_page(ocr=False)], {2: _words()}, rows) == []


def test_a_scanned_page_without_rows_is_left_to_table_not_read() -> None:
    assert scanned_rows_missed("d", [_page()], {2: _words()}, []) == []
