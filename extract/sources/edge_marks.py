"""An operator the detector's box cut through: ``=100%`` read as ``100%``.

A form sets an indicator's operator right before its figure (``=100%``, ``≥85%``, ``<5天``); a small
operator printed close to its cell's wall is left half out of the detector's box (a skewed scan's box
is a slanted quad, its crop cut square), and the recogniser reads the figure alone. The crop shows it:
ink in its first pixel columns, at the type's mid-height, that is not a ruling. Such a word is read
again from the page image, its box widened to the left; when that reading is the first with an
operator put before it and nothing else changed (:func:`operator_put_before`), the operator is kept.
"""

from __future__ import annotations

import numpy as np

from extract.sources.ink import RULED

EDGE_COLUMNS = 2  # ink in the crop's first this many pixel columns is cut by the box's edge
MIDDLE = (0.2, 0.85)  # and lies within this band of the type's height (an operator's strokes do)
WIDEN = 0.5  # the box widened to the left by this many of its heights when read again
OPERATORS = ("＞＝", "＜＝", ">=", "<=", "=", "＝", "≥", "≤", "≧", "≦", "<", ">", "＜", "＞")


def ink_at_left_edge(crop: np.ndarray, threshold: float, band: tuple[int, int]) -> bool:
    """Whether the crop's first pixel columns hold ink within the middle of the type's band of rows
    (``band``: its top and bottom pixel rows; ``threshold``: the page's ink level), not a ruling."""
    grey = crop.max(axis=2) if crop.ndim == 3 else crop
    dark = grey < threshold
    h, w = dark.shape
    top, bottom = band
    height = bottom - top
    if w <= 2 * EDGE_COLUMNS or height < 4:
        return False
    dark[:, dark.sum(axis=0) >= RULED * h] = False
    inside = np.flatnonzero(dark[top:bottom, :EDGE_COLUMNS].any(axis=1))
    if not len(inside):
        return False
    lo, hi = int(inside[0]) / height, (int(inside[-1]) + 1) / height
    return lo >= MIDDLE[0] and hi <= MIDDLE[1]


def left_of_wall(strip: np.ndarray, threshold: float) -> int:
    """The first pixel column of ``strip`` (the page left of a word, its rows) after the last ruling
    in it: a wall read with the word reads as a character."""
    grey = strip.max(axis=2) if strip.ndim == 3 else strip
    dark = grey < threshold
    walls = np.flatnonzero(dark.sum(axis=0) >= RULED * dark.shape[0])
    return int(walls[-1]) + 2 if len(walls) else 0


def operator_put_before(first: str, again: str) -> str | None:
    """The operator ``again`` reads before ``first`` (a figure) with nothing else changed, else None."""
    if not first[:1].isdigit():
        return None
    for op in OPERATORS:
        if again == op + first:
            return op
    return None
