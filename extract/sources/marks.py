"""Short marks the text detector misses: the dash of an empty amount, an operator, a lone digit.

The detector (DB) finds lines of type; a mark standing alone in a cell — the ``—`` or ``-`` a
form prints for an empty amount, the ``=``, ``<`` or ``≥`` of an indicator's 指标性质, a lone
``0`` — is often too small or too thin for it, and a cell left without its mark lets the next
cell's figure slide into its column. This module finds such marks in the page image itself:

1. ink is what is dark in every channel (a red seal is bright in red), darker than the paper by
   a good part of the way to the darkest print;
2. rulings (dark runs longer than a few characters, across or down) and everything inside a
   detected box are taken out;
3. what is left is grouped (pieces closer than a third of a character: the two bars of ``=``);
   a group no larger than a character or two (:data:`MAX_WIDTH`, :data:`MAX_HEIGHT`) with ink
   enough not to be a speck is a candidate;
4. each candidate is cut out with a margin of paper and read by the recogniser; what it reads is
   kept only when it is one of the marks a form prints alone in a cell (:data:`MARK`), so a
   fragment of a seal or of a ruling's crossing never becomes text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np

from extract.sources.ink import lightest_channel

# what a form prints alone in a cell that the detector misses: a placeholder dash or slash, a
# comparison operator (half- and full-width, ≥ also typed as two characters), a lone digit or a
# lone digit read as a letter O
MARK = frozenset([*"-—–－─/／=＝<>＜＞≤≥≦≧0123456789oO", ">=", "<=", "＞＝", "＜＝"])
RULING_CHARS = 3.0  # a dark run longer than this many character heights is a ruling
GROUP_GAP = 0.35  # pieces closer than this share of a character height form one mark
MAX_WIDTH = 2.2  # a mark is at most this many character heights wide
MAX_HEIGHT = 1.4  # and this many high
MIN_INK = 0.5  # and holds at least this many dark pixels per pixel of a character's height (a thin dash does)
INK_DEPTH = 0.3  # ink: darker than the paper by this share of the way to the darkest print
MARGIN_Y = 0.15  # paper above and below a mark's crop, in character heights
MARGIN_X = 0.4  # paper left and right of it
FLAT = 0.25  # a dash is no higher than this share of a character
DASH_MIN = 0.3  # and at least this long
EM_DASH = 0.7  # from this long it is an em dash
SHAPE_CONFIDENCE = 0.5  # a dash told by its shape was not read: as sure as a middling reading


@dataclass(frozen=True)
class MarkBox:
    """A candidate mark: its pixel box in the page image."""

    x0: int
    y0: int
    x1: int
    y1: int


def ink_threshold(bgr: np.ndarray) -> float:
    """The grey level below which a pixel is ink: darker in every channel than the paper by
    :data:`INK_DEPTH` of the way to the darkest print (a thin dash scanned at 150 dpi is grey)."""
    sample = lightest_channel(bgr[::2, ::2])
    paper, print_level = (float(v) for v in np.percentile(sample, [75, 0.2]))
    return paper - INK_DEPTH * (paper - print_level)


def ink_mask(bgr: np.ndarray) -> np.ndarray:
    """Dark pixels of a page image (:func:`ink_threshold`)."""
    return np.asarray(lightest_channel(bgr) < ink_threshold(bgr))


def _without_rulings(dark: np.ndarray, char_px: float) -> np.ndarray:
    import cv2

    length = max(8, int(RULING_CHARS * char_px))
    img = dark.astype(np.uint8)
    across = cv2.morphologyEx(img, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    down = cv2.morphologyEx(img, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
    grow = np.ones((3, 3), np.uint8)  # a ruling's anti-aliased edge goes with it
    lines = cv2.dilate(np.maximum(across, down), grow)
    return np.asarray((img > 0) & (lines == 0))


def candidates(bgr: np.ndarray, boxes: Sequence[np.ndarray], char_px: float) -> list[MarkBox]:
    """Inked spots of mark size outside every detected box (``boxes``: the detector's quads in
    pixels of ``bgr``) and off the rulings; ``char_px`` is the height of a character in pixels."""
    import cv2

    if char_px <= 0:
        return []
    ink = _without_rulings(ink_mask(bgr), char_px)
    for q in boxes:
        x0, y0 = np.floor(q.min(axis=0)).astype(int)
        x1, y1 = np.ceil(q.max(axis=0)).astype(int)
        ink[max(0, y0):max(0, y1) + 1, max(0, x0):max(0, x1) + 1] = False
    gap = max(1, round(GROUP_GAP * char_px))
    grouped = cv2.dilate(ink.astype(np.uint8), np.ones((gap, gap), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(grouped, connectivity=8)
    out: list[MarkBox] = []
    for k in range(1, n):
        x, y, w, h, _ = stats[k]
        if w > MAX_WIDTH * char_px or h > MAX_HEIGHT * char_px:
            continue
        inside = ink[y:y + h, x:x + w] & (labels[y:y + h, x:x + w] == k)
        if int(inside.sum()) < MIN_INK * char_px:
            continue
        ys, xs = np.nonzero(inside)
        out.append(MarkBox(x0=x + int(xs.min()), y0=y + int(ys.min()), x1=x + int(xs.max()) + 1,
                           y1=y + int(ys.max()) + 1))
    return out


def crop(bgr: np.ndarray, box: MarkBox, char_px: float) -> np.ndarray:
    """The mark cut out centred in a window a little higher than a character, with paper around it
    (the recogniser reads a mark best at the size it has beside type)."""
    h, w = bgr.shape[:2]
    half = max(box.y1 - box.y0, char_px) / 2 + MARGIN_Y * char_px
    mid = (box.y0 + box.y1) / 2
    pad = MARGIN_X * char_px
    y0, y1 = max(0, int(mid - half)), min(h, int(mid + half) + 1)
    x0, x1 = max(0, int(box.x0 - pad)), min(w, int(box.x1 + pad) + 1)
    return np.ascontiguousarray(bgr[y0:y1, x0:x1])


def dash(box: MarkBox, char_px: float) -> str | None:
    """A flat stroke alone (no higher than :data:`FLAT` of a character, longer than high) is the
    dash a form prints for an empty cell: ``—`` when it is most of a character long, else ``-``.
    Too thin for the recogniser, whose crops are 48 pixels high: told by its shape instead."""
    w, h = box.x1 - box.x0, box.y1 - box.y0
    if h > FLAT * char_px or w < 2 * h or w < DASH_MIN * char_px:
        return None
    return "—" if w >= EM_DASH * char_px else "-"


CELL_INSET = 0.25  # a cell's walls and their blur: this many character heights inside it are left out
CENTRE_WIDTH = 1.6  # a lone mark set in the middle of its cell lies within this many characters across
CENTRE_HEIGHT = 1.2  # and this many down (a seal's strokes elsewhere in the cell are left out)
WALL = 0.8  # and a pixel column (row) dark over this share of the cell's height (width) is a wall


def centre_of(cell: tuple[int, ...], char_px: float) -> tuple[int, int, int, int]:
    """The middle of a cell, where a form sets a lone mark: :data:`CENTRE_WIDTH` by
    :data:`CENTRE_HEIGHT` characters (with the inset :func:`ink_in` takes off again)."""
    cx, cy = (cell[0] + cell[2]) / 2, (cell[1] + cell[3]) / 2
    inset = max(2, round(CELL_INSET * char_px))
    hw, hh = CENTRE_WIDTH * char_px / 2 + inset, CENTRE_HEIGHT * char_px / 2 + inset
    return (max(cell[0], round(cx - hw)), max(cell[1], round(cy - hh)),
            min(cell[2], round(cx + hw)), min(cell[3], round(cy + hh)))


def ink_in(bgr: np.ndarray, cell: tuple[int, ...], char_px: float, threshold: float) -> MarkBox | None:
    """The box of the ink inside a ruled cell (pixels x0, y0, x1, y1), its walls left out; None when
    the cell holds no more ink than a speck. ``threshold``: the page's :func:`ink_threshold` (a cell
    holding one thin mark has too little ink to tell its own paper and print)."""
    found = _cell_ink(bgr, cell, char_px, threshold, without_seal=False)
    return None if found is None else found[0]


def lone_dash(bgr: np.ndarray, cell: tuple[int, ...], char_px: float, threshold: float) -> str | None:
    """The dash (:func:`dash`) a ruled cell holds alone, with paper all round it: flat ink that
    reaches the edge of the cell's inset is a stub of a wall (:func:`wall_stub`), never a dash."""
    box = ink_in(bgr, cell, char_px, threshold)
    if box is None or _reaches_inset_edge(box, cell, char_px):
        return None
    return dash(box, char_px)


def wall_stub(bgr: np.ndarray, cell: tuple[int, ...], char_px: float, threshold: float) -> bool:
    """The cell's only ink is flat (as flat as a dash) and reaches the edge of its inset: the stub of
    a broken or skewed ruling, too short for :func:`wall_pieces`. The cell holds no mark."""
    box = ink_in(bgr, cell, char_px, threshold)
    return box is not None and dash(box, char_px) is not None and _reaches_inset_edge(box, cell, char_px)


def _reaches_inset_edge(box: MarkBox, cell: tuple[int, ...], char_px: float) -> bool:
    inset = max(2, round(CELL_INSET * char_px))
    x0, y0, x1, y1 = cell[0] + inset, cell[1] + inset, cell[2] - inset, cell[3] - inset
    return box.x0 <= x0 or box.y0 <= y0 or box.x1 >= x1 or box.y1 >= y1


def _cell_ink(bgr: np.ndarray, cell: tuple[int, ...], char_px: float, threshold: float, *, without_seal: bool
              ) -> tuple[MarkBox, np.ndarray, tuple[int, int]] | None:
    """:func:`ink_in`'s box (``without_seal``: a grey seal's strokes, :func:`seal_strokes`, left
    out), with the mask of those strokes inside the inset cell and where that mask starts (x0, y0
    in the page image)."""
    inset = max(2, round(CELL_INSET * char_px))
    x0, y0 = max(0, cell[0] + inset), max(0, cell[1] + inset)
    x1, y1 = cell[2] - inset, cell[3] - inset
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    grey = lightest_channel(bgr[y0:y1, x0:x1])
    dark = grey < threshold
    h, w = dark.shape
    dark[:, dark.sum(axis=0) >= WALL * h] = False  # a wall caught inside the inset (thick, or leaning)
    dark[dark.sum(axis=1) >= WALL * w, :] = False
    dark &= ~wall_pieces(dark, char_px)
    seal = seal_strokes(grey, dark) if without_seal else np.zeros_like(dark)
    dark &= ~seal
    if int(dark.sum()) < MIN_INK * char_px:
        return None
    ys, xs = np.nonzero(dark)
    box = MarkBox(x0=x0 + int(xs.min()), y0=y0 + int(ys.min()), x1=x0 + int(xs.max()) + 1, y1=y0 + int(ys.max()) + 1)
    return box, seal, (x0, y0)


# a piece of a cell's ink this many character heights long or more, and on average no thicker than
# WALL_THICKNESS of one, is a stretch of a wall (a skewed ruling caught inside the inset runs along the
# cell's edge over many pixel rows, none of them dark across the whole cell): no mark is that long and thin
WALL_LENGTH = RULING_CHARS
WALL_THICKNESS = 0.3


def wall_pieces(dark: np.ndarray, char_px: float) -> np.ndarray:
    """The pixels of ``dark`` (a cell's ink) in pieces (8-connected) that are stretches of a wall:
    at least :data:`WALL_LENGTH` characters long and on average thinner than :data:`WALL_THICKNESS`."""
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark.astype(np.uint8), connectivity=8)
    walls = [k for k in range(1, n)
             if max(stats[k][2], stats[k][3]) >= WALL_LENGTH * char_px
             and stats[k][4] <= WALL_THICKNESS * char_px * max(stats[k][2], stats[k][3])]
    return np.isin(labels, walls) if walls else np.zeros_like(dark)


# a piece of ink in a cell whose darkest pixel is lighter than the cell's darkest piece's by this
# share of the way to the paper may be a grey seal's stroke: a seal stamped over print on a grey scan
# is a middling grey, the print under it darker (but one bar of a thin ``=`` can scan as light as a
# seal's hatching: a reading without such pieces is one reading more, never the only one)
SEAL_SHADE = 0.25
# a mark's own strokes crossed by a seal's: pixels lighter than the cell's darkest print by this
# share of the way to the paper are painted over (a thin mark's core scans darker than a seal's hatching)
MARK_CORE = 0.35


class MarkClean(Enum):
    """How a ruled cell's mark is cut out to be read (:func:`mark_crop`)."""

    NONE = "as inked"
    SEAL = "without the pieces of a grey seal's strokes"
    CORE = "its darkest strokes only"


def seal_strokes(grey: np.ndarray, dark: np.ndarray) -> np.ndarray:
    """The pixels of ``dark`` (ink of a cell of a grey image ``grey``) that may belong to a grey
    seal's strokes: pieces of ink (8-connected) whose darkest pixel is lighter than the darkest
    piece's by :data:`SEAL_SHADE` of the way to the cell's paper. A cell whose ink is all one
    piece, or all of one shade, has none."""
    import cv2

    n, labels = cv2.connectedComponents(dark.astype(np.uint8), connectivity=8)
    if n <= 2:
        return np.zeros_like(dark)
    darkest = np.full(n, 255, dtype=np.int32)
    np.minimum.at(darkest, labels[dark], grey[dark].astype(np.int32))
    paper = float(np.percentile(grey, 75))
    deepest = float(darkest[1:].min())
    cut = deepest + SEAL_SHADE * max(0.0, paper - deepest)
    light = np.flatnonzero(darkest > cut)
    light = light[light > 0]
    return np.isin(labels, light) & dark


def mark_crop(bgr: np.ndarray, cell: tuple[int, ...], char_px: float, threshold: float, *,
              clean: MarkClean = MarkClean.NONE) -> np.ndarray | None:
    """The mark inked in a ruled cell cut out as :func:`crop` cuts one; None when the cell holds no
    mark's ink (:func:`ink_in`). ``clean``: as inked, or with a grey seal's separate strokes in the
    cell (:func:`seal_strokes`) painted over with the paper's shade (the recogniser reads a ``=``
    beside a seal's ring as anything), or besides every pixel of the crop lighter than its darkest
    print by :data:`MARK_CORE` of the way to the paper (a mark the seal's strokes cross)."""
    import cv2

    found = _cell_ink(bgr, cell, char_px, threshold, without_seal=clean is not MarkClean.NONE)
    if found is None:
        return None
    box, seal, (sx, sy) = found
    if clean is MarkClean.NONE:
        return _cell_crop(bgr, box, cell, char_px)
    if clean is MarkClean.SEAL and not seal.any():
        return None  # nothing taken out: read as inked already
    page = bgr.copy() if bgr.ndim == 3 else np.repeat(bgr[:, :, None], 3, axis=2)
    paper = int(np.percentile(lightest_channel(page[sy:sy + seal.shape[0], sx:sx + seal.shape[1]]), 75))
    wider = cv2.dilate(seal.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0  # with its blurred edge
    page[sy:sy + seal.shape[0], sx:sx + seal.shape[1]][wider] = paper
    out = _cell_crop(page, box, cell, char_px)
    if clean is MarkClean.CORE:
        g = out.max(axis=2)
        deepest = float(np.percentile(g, 1))
        out[g > deepest + MARK_CORE * max(0.0, paper - deepest)] = paper
    return out


def _cell_crop(bgr: np.ndarray, box: MarkBox, cell: tuple[int, ...], char_px: float) -> np.ndarray:
    """The mark at ``box`` cut out as :func:`crop` cuts it, with everything outside the
    cell's inset painted paper: the recogniser reads a ``7`` set flush against its cell's wall, with
    the wall and the next cell's type in its crop, as nothing or as ``17``."""
    h, w = bgr.shape[:2]
    reach = round(max(box.y1 - box.y0, char_px) + (MARGIN_X + MARGIN_Y + 1) * char_px)
    x0, y0 = max(0, box.x0 - reach), max(0, box.y0 - reach)
    x1, y1 = min(w, box.x1 + reach), min(h, box.y1 + reach)
    window = bgr[y0:y1, x0:x1].copy()
    inset = max(2, round(CELL_INSET * char_px))
    grey = window.max(axis=2) if window.ndim == 3 else window
    paper = int(np.percentile(grey, 75))
    keep = np.zeros(grey.shape, dtype=bool)
    keep[max(0, cell[1] + inset - y0):max(0, cell[3] - inset - y0),
         max(0, cell[0] + inset - x0):max(0, cell[2] - inset - x0)] = True
    window[~keep] = paper
    return crop(window, MarkBox(x0=box.x0 - x0, y0=box.y0 - y0, x1=box.x1 - x0, y1=box.y1 - y0), char_px)


def is_mark(text: str) -> bool:
    """``text`` is one of the marks a form prints alone in a cell."""
    return text in MARK


Reader = Callable[[list[np.ndarray]], list[tuple[str, float]]]


def read_marks(bgr: np.ndarray, boxes: Sequence[np.ndarray], char_px: float, read: Reader,
               min_confidence: float) -> list[tuple[MarkBox, str, float]]:
    """The marks found outside ``boxes`` and read as one of :data:`MARK` (box, text, confidence)."""
    found = candidates(bgr, boxes, char_px)
    out = []
    rest = []
    for box in found:
        flat = dash(box, char_px)
        if flat is not None:
            out.append((box, flat, SHAPE_CONFIDENCE))
        else:
            rest.append(box)
    if not rest:
        return out
    texts = read([crop(bgr, b, char_px) for b in rest])
    for box, (text, conf) in zip(rest, texts, strict=True):
        text = text.strip()
        if is_mark(text) and conf >= min_confidence:
            out.append((box, text, conf))
    return out
