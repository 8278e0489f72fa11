"""A scan skewed by about a degree (issue #11).

Over a form's width a skew of a degree lowers a line by most of a line's height: the words at the
right end of one line stand with the next line's start, and the lines of words measure the skew
badly (a page of seed003's scan measured -0.004 for +0.016). Levelled with that, the form's left
column and top row fell off its grid (项目名称, 预算执行情况 lost). The rulings across measure it to a
pixel. The page here is drawn as words and rulings, with other contents than the corpus's.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from extract.sources.ocr import Ruling
from extract.tables.scans import page_skew

SLOPE = math.tan(math.radians(0.95))
WIDTH = 595.0


def _skewed(x: float, y: float) -> tuple[float, float]:
    """(x, y) on a page turned by SLOPE about its top-left corner."""
    return x - y * SLOPE, y + x * SLOPE


def _words() -> list[dict[str, Any]]:
    """A form's cells 15 points apart down, four across 480 points; the cells of the second and fourth
    columns set 7 points lower than their neighbours' (centred beside two-line cells)."""
    out = []
    for k in range(20):
        for x, lower in ((70.0, 0.0), (190.0, 7.0), (310.0, 0.0), (430.0, 7.0)):
            x0, top = _skewed(x, 120.0 + 15 * k + lower)
            out.append({"text": "经费支出", "x0": x0, "x1": x0 + 40.0, "top": top, "bottom": top + 10.0})
    return out


def _rulings() -> list[Ruling]:
    out = []
    for k in range(21):
        (x0, y0), (x1, y1) = _skewed(60.0, 115.0 + 15 * k), _skewed(540.0, 115.0 + 15 * k)
        out.append(Ruling(x0=x0, y0=y0, x1=x1, y1=y1, vertical=False))
    for x in (60.0, 180.0, 300.0, 420.0, 540.0):
        (x0, y0), (x1, y1) = _skewed(x, 115.0), _skewed(x, 415.0)
        out.append(Ruling(x0=x0, y0=y0, x1=x1, y1=y1, vertical=True))
    return out


def test_a_skew_of_a_degree_is_measured_by_the_rulings_across() -> None:
    assert page_skew(_words(), _rulings(), WIDTH) == pytest.approx(SLOPE, abs=1e-4)
    # the lines of words alone: a fifth of it
    assert abs(page_skew(_words(), [], WIDTH) - SLOPE) > 0.01


def test_a_page_without_rulings_is_measured_by_its_lines_of_words() -> None:
    words = []
    for k in range(10):  # a skew of a tenth of a degree: the lines stay apart
        for x in (70.0, 190.0, 310.0, 430.0):
            top = 120.0 + 30 * k + x * 0.002
            words.append({"text": "经费支出", "x0": x, "x1": x + 40.0, "top": top, "bottom": top + 10.0})
    assert page_skew(words, [], WIDTH) == pytest.approx(0.002, abs=2e-4)
