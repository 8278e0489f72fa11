"""A figure the recogniser broke (``33,162,8.19`` for the page's ``33,162,378.19``: the detector's crop of a
figure in a tall ruled cell takes in pieces of the walls, and the recogniser drops digits) is read again
from a crop drawn tight around its ink. The new reading replaces it only when it is a plain figure that
holds every digit of the first reading in order and more (digits dropped, none changed), and stays
doubtful. Typeset here with Pillow's own font, with figures of no sample."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.sources import ocr
from extract.sources.ocr import DEFAULT, OcrWord, _reread_broken_figures, broken_figure, number_needs_flag

SCALE = DEFAULT.scale


def _page(text: str) -> tuple[np.ndarray, OcrWord]:
    """``text`` printed in a ruled cell of a page image at the settings' scale, and a word at its ink."""
    font = ImageFont.load_default(size=14)
    width = int(font.getlength(text))
    img = Image.new("L", (width + 80, 60), 255)
    draw = ImageDraw.Draw(img)
    draw.text((40, 22), text, font=font, fill=30)
    draw.rectangle([(10, 4), (width + 70, 55)], outline=20, width=1)
    left, top, right, bottom = draw.textbbox((40, 22), text, font=font)
    word = OcrWord(text="", x0=left / SCALE, x1=right / SCALE, top=top / SCALE, bottom=bottom / SCALE,
                   confidence=0.8)
    return np.repeat(np.asarray(img)[:, :, None], 3, axis=2), word


def _broken(word: OcrWord, text: str) -> OcrWord:
    word.text, word.char_confidences = text, (0.85,) * len(text)
    return word


def test_figures_no_page_prints_are_broken() -> None:
    assert broken_figure("33,162,8.19")  # a group of one digit between separators
    assert broken_figure("5,155.")  # a point with no decimals after it
    assert broken_figure("11,377,")
    assert broken_figure("8,032,04")


def test_figures_a_page_prints_are_not_broken() -> None:
    for text in ("33,162,378.19", "5,155.76", "97.30%", "10", "0.97", "2,752.8", "1568万元", "≥98%", "—"):
        assert not broken_figure(text), text


def test_a_figure_read_with_digits_dropped_is_read_again_whole_and_stays_doubtful() -> None:
    img, word = _page("46,205,318.74")
    w = _broken(word, "46,205,8.74")
    engine = ocr._engine(DEFAULT.threads, DEFAULT.use_cls)
    _reread_broken_figures(engine, img, [w], DEFAULT, (0, 0))
    assert w.text == "46,205,318.74"
    assert len(w.char_x) == len(w.text) and w.x0 <= w.char_x[0] < w.char_x[-1] <= w.x1
    assert number_needs_flag(w)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the recogniser gives for the crop read again (set by each test)."""
    given: list[str] = []

    def fake(engine: Any, crops: list[np.ndarray], batch: int, min_ratio: float = 0.0) -> list[Any]:
        text = given[0]
        return [(text, 0.95, [(c, 0.95, (k + 0.5) / len(text)) for k, c in enumerate(text)]) for _ in crops]

    monkeypatch.setattr(ocr, "_recognise", fake)
    return given


def test_a_reading_that_changes_a_digit_is_not_taken(reads: list[str]) -> None:
    img, word = _page("46,205,318.74")
    w = _broken(word, "46,205,8.74")
    reads.append("46,205,319.74")  # the 8 read first is a 9 here: not digits dropped only
    _reread_broken_figures(None, img, [w], DEFAULT, (0, 0))  # type: ignore[arg-type]
    assert w.text == "46,205,8.74"


def test_a_reading_still_broken_is_not_taken(reads: list[str]) -> None:
    img, word = _page("46,205,318.74")
    w = _broken(word, "46,205,.")
    reads.append("46,205,3.")
    _reread_broken_figures(None, img, [w], DEFAULT, (0, 0))  # type: ignore[arg-type]
    assert w.text == "46,205,."


def test_a_plain_figure_is_not_read_again(reads: list[str]) -> None:
    img, word = _page("46,205,318.74")
    w = _broken(word, "46,205,318.74")
    reads.append("146,205,318.74")
    _reread_broken_figures(None, img, [w], DEFAULT, (0, 0))  # type: ignore[arg-type]
    assert w.text == "46,205,318.74"
