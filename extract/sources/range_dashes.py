"""The dash of a range the recogniser dropped between two figures: ``3-5天`` read as ``35天``.

A form prints a range as two figures and a short dash between them (``3-5天``, ``2021-2023年``,
``10-15%``). The dash is a thin stroke at the digits' mid-height, a third as wide as a digit; in the
detector's padded crop (rulings and paper around the type) the recogniser often reads past it and
joins the two figures into one number the page does not print. Read again in a crop drawn close
around the type, it reads the dash.

So a word with two digits read side by side whose crop shows, between them, pixel columns inked at
mid-height only (:func:`dash_between_digits`: cheap, and rare on a page) is read again close around
its ink; when that reading is the first with dashes put back between digits and nothing else
changed (:func:`dashes_put_back`), the dashes are kept with :data:`DASH_CONFIDENCE` (the two
readings disagreed: the figure is flagged as uncertain).
"""

from __future__ import annotations

import numpy as np

from extract.sources.ink import RULED

DASH_CONFIDENCE = 0.5  # below ocr.UNCERTAIN_BELOW: a figure whose dash was put back is flagged
FLAT = 0.3  # a dash's ink is at most this share of the digits' inked height high
MIDDLE = (0.25, 0.8)  # and lies within this band of the digits' height (a dash sits at mid-height)
DASH_CHARS = frozenset("-—–－")

Chars = list[tuple[str, float, float]]  # character, confidence, x-centre as a share of the crop's width


def _without_rulings(dark: np.ndarray) -> np.ndarray:
    """The crop's ink less the rulings the detector's padded box caught (pixel rows dark across
    nearly all of it, columns dark down nearly all of it)."""
    h, w = dark.shape
    out = dark.copy()
    out[dark.sum(axis=1) >= RULED * w, :] = False
    out[:, dark.sum(axis=0) >= RULED * h] = False
    return out


def dash_between_digits(crop: np.ndarray, chars: Chars, threshold: float) -> bool:
    """Whether, between two digits read side by side, the crop has a pixel column inked at
    mid-height only (``threshold``: the page's ink level): a dash the recogniser may have read past."""
    pairs = [k for k in range(len(chars) - 1) if chars[k][0].isdigit() and chars[k + 1][0].isdigit()]
    if not pairs or crop.size == 0:
        return False
    grey = crop.max(axis=2) if crop.ndim == 3 else crop
    dark = _without_rulings(grey < threshold)
    rows = np.flatnonzero(dark.any(axis=1))
    if len(rows) < 3:
        return False
    top, height = int(rows[0]), int(rows[-1]) - int(rows[0]) + 1
    width = dark.shape[1]
    for k in pairs:
        left, right = int(chars[k][2] * width) + 1, int(chars[k + 1][2] * width)
        for col in range(max(0, left), min(width, right)):
            inked = np.flatnonzero(dark[:, col])
            if not len(inked):
                continue
            lo, hi = (int(inked[0]) - top) / height, (int(inked[-1]) + 1 - top) / height
            if hi - lo <= FLAT and lo >= MIDDLE[0] and hi <= MIDDLE[1]:
                return True
    return False


def dashes_put_back(first: str, again: str) -> bool:
    """``again`` is ``first`` with one or more dashes between two digits and nothing else changed."""
    if len(again) <= len(first):
        return False
    kept = []
    for k, ch in enumerate(again):
        between = 0 < k < len(again) - 1 and again[k - 1].isdigit() and again[k + 1].isdigit()
        if not (ch in DASH_CHARS and between):
            kept.append(ch)
    return "".join(kept) == first


def with_dashes(first: Chars, again: str) -> Chars:
    """The first reading's characters with the dashes of ``again`` (:func:`dashes_put_back`) put
    back, each halfway between the digits it stands between, with :data:`DASH_CONFIDENCE`."""
    out: Chars = []
    k = 0
    for ch in again:
        if k < len(first) and first[k][0] == ch:
            out.append(first[k])
            k += 1
            continue
        before = out[-1][2] if out else 0.0
        after = first[k][2] if k < len(first) else 1.0
        out.append(("-", DASH_CONFIDENCE, (before + after) / 2))
    return out
