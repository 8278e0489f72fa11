"""An operator the detector's box cut through: ``=85%`` read as ``85%``.

A small ``=`` set close to its cell's wall is left half out of the detector's (slanted) box, and the
recogniser reads the figure alone: the indicator loses its operator. The crop's first pixel columns
show the cut ink; the word read again from the page with its box widened to the left (not past the
wall) gets it back. Typeset here with Pillow's own font beside a wall, figures of no sample.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.sources import ocr
from extract.sources.edge_marks import operator_put_before


def _cell(text: str, size: int) -> tuple[np.ndarray, int]:
    """``text`` set just right of a cell's wall; and the last pixel column of its first glyph's ink."""
    font = ImageFont.load_default(size=size)
    width, height = int(font.getlength(text)) + 40, size + 12
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    draw.line([(4, 0), (4, height)], fill=30, width=1)
    draw.text((9, 5), text, font=font, fill=40)
    bgr = np.repeat(np.asarray(img)[:, :, None], 3, axis=2)
    first = int(np.flatnonzero((bgr[:, 8:, 0] < 150).any(axis=0))[0]) + 8
    return bgr, first


def _read_cut(text: str, size: int, cut: int) -> tuple[str, str]:
    """The word read from a box whose left edge cuts ``cut`` pixels into its first glyph: as the
    recogniser reads it, and as the OCR makes it."""
    img, first = _cell(text, size)
    h, w = img.shape[:2]
    x0 = first + cut
    box = np.array([[x0, 2], [w - 4, 2], [w - 4, h - 2], [x0, h - 2]], dtype=np.float32)
    crop = np.ascontiguousarray(img[2:h - 2, x0:w - 4])
    engine = ocr._engine(ocr.DEFAULT.threads, ocr.DEFAULT.use_cls)
    read, _, chars = ocr._recognise(engine, [crop], ocr.DEFAULT.rec_batch, ocr.DEFAULT.rec_min_ratio)[0]
    with engine.lock:
        text_out, _ = ocr._with_cut_operator(engine, img, box, crop, chars, 150.0, ocr.DEFAULT)
    return read, text_out


@pytest.mark.parametrize(("text", "size"), [("=85%", 13), ("=62", 12)])
def test_an_equals_sign_cut_by_the_box_is_read_again(text: str, size: int) -> None:
    read, mended = _read_cut(text, size, cut=2)
    assert read == text[1:]  # the problem: the figure read alone
    assert mended == text


def test_a_figure_whose_box_cuts_nothing_is_left_as_read() -> None:
    img, _ = _cell("47.5", 12)
    h, w = img.shape[:2]
    box = np.array([[6, 2], [w - 4, 2], [w - 4, h - 2], [6, 2 + h - 4]], dtype=np.float32)
    crop = np.ascontiguousarray(img[2:h - 2, 6:w - 4])
    engine = ocr._engine(ocr.DEFAULT.threads, ocr.DEFAULT.use_cls)
    _, _, chars = ocr._recognise(engine, [crop], ocr.DEFAULT.rec_batch, ocr.DEFAULT.rec_min_ratio)[0]
    with engine.lock:
        assert ocr._with_cut_operator(engine, img, box, crop, chars, 150.0, ocr.DEFAULT)[0] == "47.5"


def test_only_an_operator_before_a_figure_counts() -> None:
    assert operator_put_before("85%", "=85%") == "="
    assert operator_put_before("100%", "≥100%") == "≥"
    assert operator_put_before("85%", "=86%") is None
    assert operator_put_before("85%", "约85%") is None
    assert operator_put_before("完成", "=完成") is None
