"""The comparison operators a form prints alone in a cell, told by their strokes where no recogniser reads them.

A 指标性质 cell holding only ``=``, ``<`` or ``>`` is a mark the recogniser (trained on lines of
text) often reads as nothing, even cut out cleanly (:mod:`extract.sources.marks`). The marks are a
closed set whose strokes differ plainly, so the binarised crop's pieces of ink tell them:

- a **bar**: a piece much wider than high (:data:`FLAT`);
- a **chevron**: a piece about as high as wide, of thin strokes, whose outer edges close in from
  its open side, where each column crosses two arms, to its point: ``>`` points right, ``<`` left;
- ``=`` is two bars of about the same length one over the other; ``>=`` / ``<=`` a chevron followed
  by such a pair; ``≥`` / ``≤`` a chevron over one bar.

Anything else — a piece touching the crop's edge (a seal's stroke, a neighbour's text), a third
kind of piece, pieces of other proportions — is no mark (None): the reader names a mark only when
the shape leaves no doubt. It is used only for a cell of a column of operators whose mark the
recogniser read as nothing (:func:`extract.tables.scans.operator_columns`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FLAT = 0.45  # a bar is no higher than this share of its length
BAR_MIN = 0.25  # and at least this many character heights long
CHEVRON_MIN = 0.25  # a chevron is at least this many character heights high and wide
CHEVRON_RATIO = (0.5, 2.5)  # its height over its width lies in this range
ARM_SLOPE = 0.3  # its arms' outer edges close in by at least this many pixels per pixel across
TWO_ARMS = 0.6  # on its open half at least this share of the columns cross both arms
MAX_FILL = 0.5  # its ink fills at most this share of its box (a blot of two bars run together fills more)
SPECK = 0.04  # pieces smaller than this share of a character's square are specks (scan noise)
INK_LEVEL = 0.5  # ink: darker than this share of the way from the darkest print to the paper
CONTRAST = 60  # the crop's darkest print is darker than its paper by at least this many grey levels
PAIR_LENGTH = 0.6  # the bars of an = differ in length by no more than this ratio
RUN_TOGETHER = 0.8  # a blot of two bars run together is no higher than this share of its width
BAND_DIP = 0.15  # and the band between its bars is lighter than their darker by this share of the contrast
UPSCALED = 48.0  # a crop is enlarged so that a character is about this many pixels high
SHAPE_CONFIDENCE = 0.5  # a mark told by its shape: as sure as a middling reading
# the comparison operators a form prints alone in a 指标性质 cell, as the recogniser or this reader gives them
OPERATORS = frozenset({"=", "＝", "<", ">", "＜", "＞", "≤", "≥", "≦", "≧", ">=", "<=", "＞＝", "＜＝"})


@dataclass(frozen=True)
class Piece:
    x0: int
    y0: int
    x1: int
    y1: int
    mask: np.ndarray  # the piece's pixels inside its box
    grey: np.ndarray  # the crop's grey levels inside its box

    @property
    def w(self) -> int:
        return self.x1 - self.x0

    @property
    def h(self) -> int:
        return self.y1 - self.y0


def pieces(crop: np.ndarray, char_px: float) -> list[Piece] | None:
    """The pieces of ink of a crop (8-connected, specks left out); None when the crop has too little
    contrast to hold print, or a piece touches its edge (it is not a mark alone in its window)."""
    import cv2

    grey = crop.max(axis=2) if crop.ndim == 3 else crop
    grey = np.ascontiguousarray(grey.astype(np.uint8))
    paper, darkest = float(np.percentile(grey, 75)), float(grey.min())
    if paper - darkest < CONTRAST:
        return None
    dark = (grey < darkest + INK_LEVEL * (paper - darkest)).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    h, w = dark.shape
    out: list[Piece] = []
    for k in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[k])
        if area < SPECK * char_px * char_px:
            continue
        if x == 0 or y == 0 or x + bw >= w or y + bh >= h:
            return None
        out.append(Piece(x0=x, y0=y, x1=x + bw, y1=y + bh, mask=labels[y:y + bh, x:x + bw] == k,
                         grey=grey[y:y + bh, x:x + bw]))
    return out


def _is_bar(p: Piece, char_px: float) -> bool:
    return p.h <= FLAT * p.w and p.w >= BAR_MIN * char_px


def _run_together(p: Piece, char_px: float) -> bool:
    """Two bars of an ``=`` blurred into one blot: a piece wider than high, no longer than a bar
    pair, whose rows' darkness (over its middle columns) has two dark bands with a lighter band
    between them, lighter by :data:`BAND_DIP` of the way to the paper."""
    if p.h > RUN_TOGETHER * p.w or p.w < BAR_MIN * char_px or p.h < 3:
        return False
    a, b = p.w // 5, p.w - p.w // 5
    rows = p.grey[:, a:max(a + 1, b)].mean(axis=1)
    paper, darkest = float(np.percentile(p.grey, 95)), float(rows.min())
    mid = len(rows) // 2
    upper, lower = float(rows[:mid].min()), float(rows[mid:].min())
    k0, k1 = int(np.argmin(rows[:mid])), mid + int(np.argmin(rows[mid:]))
    if k1 - k0 < 2:
        return False
    between = float(rows[k0:k1 + 1].max())
    return between - max(upper, lower) >= BAND_DIP * max(1.0, paper - darkest)


def _chevron(p: Piece, char_px: float) -> str | None:
    """``>`` or ``<`` for a chevron-shaped piece, else None: two arms meeting at a point — on the open
    half every column holds two runs of ink (an arm each) and the arms close in towards the point
    (the top edge falls and the bottom edge rises across the piece); thin strokes, not a filled
    blot (two bars of an ``=`` run together)."""
    if p.h < CHEVRON_MIN * char_px or p.w < CHEVRON_MIN * char_px:
        return None
    if not CHEVRON_RATIO[0] <= p.h / p.w <= CHEVRON_RATIO[1] or p.mask.mean() > MAX_FILL:
        return None
    cols = [np.flatnonzero(p.mask[:, j]) for j in range(p.w)]
    if any(c.size == 0 for c in cols):
        return None
    x = np.arange(p.w, dtype=float)
    top = float(np.polyfit(x, [float(c[0]) for c in cols], 1)[0])
    bottom = float(np.polyfit(x, [float(c[-1]) for c in cols], 1)[0])
    if top > ARM_SLOPE and bottom < -ARM_SLOPE:
        point, open_cols = ">", cols[: p.w // 2]
    elif top < -ARM_SLOPE and bottom > ARM_SLOPE:
        point, open_cols = "<", cols[p.w - p.w // 2:]
    else:
        return None
    split = [c for c in open_cols if c.size and np.any(np.diff(c) > 1)]
    return point if open_cols and len(split) >= TWO_ARMS * len(open_cols) else None


def _pair(a: Piece, b: Piece) -> bool:
    """Two bars one over the other, of about one length, overlapping across: the bars of an ``=``."""
    top, low = (a, b) if a.y0 <= b.y0 else (b, a)
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    return (low.y0 >= top.y1 and min(a.w, b.w) >= PAIR_LENGTH * max(a.w, b.w)
            and overlap >= PAIR_LENGTH * min(a.w, b.w))


def read_shape(crop: np.ndarray, char_px: float) -> str | None:
    """The operator inked alone in ``crop`` (``=``, ``<``, ``>``, ``<=``, ``>=``, ``≤``, ``≥``), told by
    its strokes; None when the ink is not plainly one of them. ``char_px``: a character's height in
    pixels of the crop."""
    import cv2

    factor = max(1.0, UPSCALED / char_px) if char_px > 0 else 1.0
    if factor > 1.0:  # a mark scanned a few pixels high: its blurred strokes drawn out before they are cut
        crop = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        char_px *= factor
    found = pieces(crop, char_px)
    if not found:
        return None
    pairs = [p for p in found if not _is_bar(p, char_px) and _run_together(p, char_px)]
    bars = [p for p in found if _is_bar(p, char_px)]
    rest = [p for p in found if not _is_bar(p, char_px) and p not in pairs]
    equals = _equals(bars, pairs)
    if not rest:
        return "=" if equals is not None else None
    if len(rest) != 1:
        return None
    chevron = rest[0]
    point = _chevron(chevron, char_px)
    if point is None:
        return None
    if not bars and not pairs:
        return point
    if equals is not None and equals >= chevron.x1 - 0.1 * char_px:
        return point + "="  # typed as two characters: >=
    if len(bars) == 1 and not pairs:
        bar = bars[0]
        below = bar.y0 >= chevron.y1 - 0.1 * char_px
        across = min(bar.x1, chevron.x1) - max(bar.x0, chevron.x0) >= 0.5 * min(bar.w, chevron.w)
        if below and across:
            return "≥" if point == ">" else "≤"
    return None


def _equals(bars: list[Piece], pairs: list[Piece]) -> int | None:
    """The left edge of the ``=`` that ``bars`` and ``pairs`` make (two bars one over the other, or one
    blot of two run together), None when they make none."""
    if len(pairs) == 1 and not bars:
        return pairs[0].x0
    if len(bars) == 2 and not pairs and _pair(*bars):
        return min(b.x0 for b in bars)
    return None


# an operator with its bar (``≥``, ``≤``, also set as ``⩾``/``⩽`` with the bar slanting under the lower
# arm): down at least this share of its inked columns a line crosses three strokes (two arms and the
# bar); a bare ``>`` or ``<`` is crossed by two at most (its arms) wherever it is cut
BAR_COLUMNS = 0.2
LOOSE_INK = 0.3  # a wall or ruling caught in the crop: its pixels darker than the paper by this share of the contrast
WALL_SHARE = 0.6  # over this share of the crop's height: a wall
RULING_SHARE = 0.9  # over this share of its width: a ruling (the bar of a ``≥`` spans most of it too)


def has_bar(crop: np.ndarray, char_px: float) -> bool | None:
    """Whether the operator inked in ``crop`` (one character cut from a word: a ``>`` the recogniser
    read unsurely) has the bar of ``≥`` / ``≤``: :data:`BAR_COLUMNS`. Walls and rulings caught in the
    crop are painted paper first (they are darker than a thin mark). None when the crop shows no clear ink."""
    import cv2

    factor = max(1.0, UPSCALED / char_px) if char_px > 0 else 1.0
    if factor > 1.0:
        crop = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    grey = (crop.max(axis=2) if crop.ndim == 3 else crop).astype(np.float32)
    paper, darkest = float(np.percentile(grey, 90)), float(grey.min())
    if paper - darkest < CONTRAST:
        return None
    loose = grey < paper - LOOSE_INK * (paper - darkest)
    h, w = loose.shape
    grey[:, loose.sum(axis=0) >= WALL_SHARE * h] = paper
    grey[loose.sum(axis=1) >= RULING_SHARE * w, :] = paper
    darkest = float(grey.min())
    if paper - darkest < CONTRAST:
        return None
    dark = (grey < darkest + INK_LEVEL * (paper - darkest)).astype(np.int8)
    strokes = (np.diff(np.vstack([np.zeros((1, w), np.int8), dark]), axis=0) == 1).sum(axis=0)
    inked = strokes > 0
    if not inked.any():
        return None
    return float((strokes[inked] >= 3).mean()) >= BAR_COLUMNS
