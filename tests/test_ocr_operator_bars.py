"""An operator read unsurely at the head of a target: ``≥`` (also set as ``⩾``, its bar slanting under
the lower arm) taken for ``>`` by the recogniser is told by its strokes; a bare ``<`` stays bare; and an
unsure operator flags its figure."""

from __future__ import annotations

import numpy as np

from extract.sources.mark_shapes import has_bar
from extract.sources.ocr import OcrWord, number_needs_flag

PAPER = 236
INK = 120  # a thin mark scans grey


def _line(img: np.ndarray, a: tuple[int, int], b: tuple[int, int], shade: int = INK) -> None:
    import cv2

    cv2.line(img, a, b, (shade, shade, shade), 1, lineType=cv2.LINE_AA)


def _operator(size: int, *, bar: str | None, point: str = ">", wall: bool = False) -> np.ndarray:
    """A crop ``size`` pixels high holding a chevron pointing ``point``; ``bar``: None, "flat" (≥ over a
    level bar) or "slant" (⩾: a bar parallel to the lower arm); ``wall``: a cell's wall down its left edge."""
    img = np.full((size + 8, size + 6, 3), PAPER, dtype=np.uint8)
    top, mid, low = 4, 4 + size // 3, 4 + 2 * size // 3
    left, right = 4, size
    if point == ">":
        _line(img, (left, top), (right, mid))
        _line(img, (right, mid), (left, low))
        if bar == "slant":
            _line(img, (right, low - size // 6), (left, low + size // 4))
    else:
        _line(img, (right, top), (left, mid))
        _line(img, (left, mid), (right, low))
        if bar == "slant":
            _line(img, (left, low - size // 6), (right, low + size // 4))
    if bar == "flat":
        _line(img, (left, low + size // 4), (right, low + size // 4))
    if wall:
        img[:, 0:2] = 20
    return img


def test_greater_or_equal_read_as_greater_is_told_by_its_bar() -> None:
    for size in (12, 16, 22):
        assert has_bar(_operator(size, bar="slant"), float(size))
        assert has_bar(_operator(size, bar="flat", point="<"), float(size))
        assert has_bar(_operator(size, bar="slant", wall=True), float(size))  # the cell's wall is no stroke


def test_bare_operator_has_no_bar() -> None:
    for size in (12, 16, 22):
        assert has_bar(_operator(size, bar=None), float(size)) is False
        assert has_bar(_operator(size, bar=None, point="<", wall=True), float(size)) is False


def test_blank_crop_tells_nothing() -> None:
    assert has_bar(np.full((20, 16, 3), PAPER, dtype=np.uint8), 14.0) is None


def test_unsure_operator_flags_its_figure() -> None:
    w = OcrWord(text=">85%", x0=0.0, x1=20.0, top=0.0, bottom=9.0, confidence=0.87,
                char_confidences=(0.48, 1.0, 1.0, 1.0))
    assert number_needs_flag(w)
    sure = OcrWord(text=">85%", x0=0.0, x1=20.0, top=0.0, bottom=9.0, confidence=0.99,
                   char_confidences=(0.97, 1.0, 1.0, 1.0))
    assert not number_needs_flag(sure)
