"""A range's dash the recogniser reads past: ``4-6`` read as the number ``46``.

The detector pads a word's box with paper and catches the cell's rulings; in that crop the
recogniser reads past the thin dash of a small range and joins its two figures into a number the
page does not print. Read again close around its ink, the word keeps its dash; the figure is then
flagged (the two readings disagreed). Typeset here with Pillow's own font, in a ruled cell's corner,
with figures of no sample.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extract.sources import ocr
from extract.sources.range_dashes import DASH_CONFIDENCE, dashes_put_back, with_dashes


def _cell_crop(text: str, size: int) -> np.ndarray:
    """``text`` set in a detector-like crop: paper around it, a cell's wall on the left and below."""
    font = ImageFont.load_default(size=size)
    width = int(font.getlength(text)) + 14
    img = Image.new("L", (width, size + 10), 255)
    draw = ImageDraw.Draw(img)
    draw.text((7, 4), text, font=font, fill=40)
    draw.line([(0, 0), (0, size + 9)], fill=30, width=1)
    draw.line([(0, size + 9), (width, size + 9)], fill=30, width=1)
    return np.repeat(np.asarray(img)[:, :, None], 3, axis=2)


def _read_both(crop: np.ndarray) -> tuple[str, str, ocr.Chars]:
    """The recogniser's reading of the crop, and the word as the OCR makes it (dashes put back)."""
    engine = ocr._engine(ocr.DEFAULT.threads, ocr.DEFAULT.use_cls)
    first, _, chars = ocr._recognise(engine, [crop], ocr.DEFAULT.rec_batch, ocr.DEFAULT.rec_min_ratio)[0]
    with engine.lock:
        text, mended = ocr._with_range_dashes(engine, crop, chars, 150.0, ocr.DEFAULT)
    return first, text, mended


def _read(crop: np.ndarray) -> tuple[str, ocr.Chars]:
    _, text, chars = _read_both(crop)
    return text, chars


def test_a_small_range_read_as_one_number_gets_its_dash_back_and_is_uncertain() -> None:
    first, text, chars = _read_both(_cell_crop("4-6", 11))
    assert first == "46"  # the padded crop: the dash read past
    assert text == "4-6"
    dash = [c for c in chars if c[0] == "-"]
    assert dash and dash[0][1] < ocr.UNCERTAIN_BELOW


def test_a_number_without_a_dash_is_left_as_read() -> None:
    assert _read(_cell_crop("46", 11))[0] == "46"
    assert _read(_cell_crop("2,735.80", 12))[0] == "2,735.80"


def test_a_second_reading_counts_only_when_it_adds_dashes_between_digits() -> None:
    assert dashes_put_back("1520年", "15-20年")
    assert dashes_put_back("20212023", "2021—2023")
    assert not dashes_put_back("46", "4-6%")  # something else changed too
    assert not dashes_put_back("46", "-46")  # a sign, not a range's dash
    assert not dashes_put_back("46", "46")


def test_the_dash_put_back_stands_between_its_digits() -> None:
    first = [("1", 0.99, 0.2), ("5", 0.98, 0.5), ("天", 0.99, 0.8)]
    out = with_dashes(first, "1-5天")
    assert [c for c, _, _ in out] == ["1", "-", "5", "天"]
    assert out[1][1] == DASH_CONFIDENCE and 0.2 < out[1][2] < 0.5
