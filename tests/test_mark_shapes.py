"""An operator alone in a 指标性质 cell is told by its strokes where the recogniser reads nothing.

The marks are drawn with OpenCV's own Hershey font (no font file needed) at the size a form's
characters have on a page rendered at 2x (a character about 13 pixels high) and blurred as a scan
blurs them; the digits and letters a cell may hold instead must never come out as an operator.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extract.sources.mark_shapes import read_shape
from extract.tables.scan_grid import ScanTable
from extract.tables.scans import operator_columns


def _drawn(text: str, scale: float, thickness: int = 1) -> np.ndarray:
    img = np.full((60, 40 + 25 * len(text), 3), 240, np.uint8)
    cv2.putText(img, text, (10, 40), cv2.FONT_HERSHEY_SIMPLEX, scale, (40, 40, 40), thickness, cv2.LINE_AA)
    return cv2.GaussianBlur(img, (0, 0), 0.8)


def _char_px(scale: float) -> float:
    return 22.0 * scale  # the Hershey simplex font's character height at that scale


@pytest.mark.parametrize("scale", [0.6, 0.8, 1.0])
@pytest.mark.parametrize("mark", ["=", "<", ">", ">=", "<="])
def test_operator_alone_in_its_cell_is_read_by_its_strokes(mark: str, scale: float) -> None:
    assert read_shape(_drawn(mark, scale), _char_px(scale)) == mark


def test_operator_drawn_as_one_sign_with_its_bar_below_is_read() -> None:
    # ≥ as a single sign: a chevron over one bar
    img = np.full((60, 60, 3), 240, np.uint8)
    cv2.polylines(img, [np.array([[18, 12], [38, 22], [18, 32]])], False, (40, 40, 40), 2, cv2.LINE_AA)
    cv2.line(img, (18, 40), (38, 40), (40, 40, 40), 2, cv2.LINE_AA)
    assert read_shape(cv2.GaussianBlur(img, (0, 0), 0.8), 36.0) == "≥"


@pytest.mark.parametrize("scale", [0.6, 0.8, 1.0])
@pytest.mark.parametrize("text", [*"0123456789", "o", "v", "x", "A", "V", "-"])
def test_digit_or_letter_is_never_read_as_an_operator(text: str, scale: float) -> None:
    assert read_shape(_drawn(text, scale), _char_px(scale)) is None


def test_blank_paper_is_no_mark() -> None:
    assert read_shape(np.full((20, 20, 3), 240, np.uint8), 13.0) is None


def _table(rows: list[list[str | None]]) -> ScanTable:
    return ScanTable(bbox=(0.0, 0.0, 100.0, 100.0), rows=rows)


def test_column_of_operators_is_told_from_columns_of_figures_and_words() -> None:
    # 三级指标 | 指标性质 | 指标值 | 度量单位, as the forms print them: only the second is a column of operators
    rows: list[list[str | None]] = [
        ["三级指标", "指标性质", "指标值", "度量单位"],
        ["出警次数", ">=", "300", "次"],
        ["办结率", "=", "100", "%"],
        ["满意度", "", "95", "%"],  # the mark the recogniser read as nothing
        ["处置时限", "<=", "24", "小时"],
    ]
    assert operator_columns(_table(rows)) == {1}


def test_column_with_one_operator_among_figures_is_not_a_column_of_operators() -> None:
    rows: list[list[str | None]] = [["指标值"], ["12"], ["="], ["30"], ["4"], ["<"]]
    assert operator_columns(_table(rows)) == set()
