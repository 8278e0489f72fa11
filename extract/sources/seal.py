"""What a seal leaves on a scanned page: words of red ink, or of faint grey ink on a grey scan.

A department stamps its forms with a round red seal (agency name around the rim, 专用章 below)
multiplied over the print: the black type under it stays black, the seal's own characters are red
on a colour scan and mid-grey on a grey one (red is a middling grey). The detector finds the
seal's characters and the recogniser reads them (``市``, ``汉`` of the agency's name) as surely as
type, and a character of the seal read into a cell spoils it (``数量指标`` + ``市`` is no 二级指标
any more). So each detected word is measured for its ink before it becomes a word:

- **red**: most of its ink red (red well above green and blue) and hardly any black, on a colour
  scan (type under a seal keeps its black strokes: the seal's red around them does not make it a
  seal's word); a ruling the seal was stamped over, crossing the word's crop, is not the word's ink;
- **faint**: a word of ideographs whose ink is lighter than the page's type by a good share of the
  way to the paper (:data:`FAINT`). Thin marks (a dash, ``%``, ``=``) scan lighter than
  ideographs at 150 dpi and are never judged by their shade.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np

RED_MARGIN = 40  # a pixel is red when its red channel stands this far above green and blue
RED_SHARE = 0.5  # a word most of whose ink is red is the seal's
BLACK_SHARE = 0.2  # unless this share of its ink is black (dark in every channel): type under the seal
TYPE_PERCENTILE = 25  # the type's shade among the page's words of ideographs (type is the darkest ink)
FAINT = 0.25  # a word of ideographs whose ink is lighter than the type by this share of the way to the paper
INK_DECILE = 10  # a word's shade: this percentile of its inked pixels (its darkest strokes)
RULING_THICK = 4  # pixels: a ruling crossing a word's crop is no thicker than this on average


@dataclass(frozen=True)
class InkShade:
    """A word's ink: its shade (the darkest decile of its strokes, 0 black .. 255 white, in the
    lightest channel, so red is light), the share of its ink that is red and the share that is black."""

    shade: float
    red: float
    black: float = 1.0


def ideographs(text: str) -> bool:
    """``text`` is made of ideographs only (the characters a seal prints)."""
    return bool(text) and all(unicodedata.east_asian_width(c) in "WF" and c.isalpha() for c in text)


def shade_of(crop: np.ndarray, threshold: float) -> InkShade | None:
    """The ink of a word's crop (BGR): pixels darker than ``threshold`` in their darkest channel;
    None when it holds none."""
    if crop.ndim != 3 or crop.size == 0:
        return None
    darkest = crop.min(axis=2)
    ink = (darkest < threshold) & ~ruled_pixels(crop.max(axis=2) < threshold)
    if not ink.any():
        return None
    b = crop[:, :, 0].astype(np.int16)
    g = crop[:, :, 1].astype(np.int16)
    r = crop[:, :, 2].astype(np.int16)
    red = ((r - np.maximum(g, b)) > RED_MARGIN) & ink
    lightest = crop.max(axis=2)[ink]
    n = float(ink.sum())
    return InkShade(shade=float(np.percentile(lightest, INK_DECILE)), red=float(red.sum()) / n,
                    black=float((lightest < threshold).sum()) / n)


def ruled_pixels(black: np.ndarray) -> np.ndarray:
    """The pixels of ``black`` (a crop's black ink) that are a ruling's: a thin stroke that runs from one
    side of the crop to another (the wall a word of a seal was stamped over, at any slant: the detector
    cuts a seal's word along the seal's rim, so a wall may cut a corner), with the fringe around it. A
    stroke of type ends inside its word's crop or is joined to the rest of its character."""
    import cv2

    h, w = black.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(black.astype(np.uint8), connectivity=8)
    out = np.zeros_like(black, dtype=bool)
    for k in range(1, n):
        x, y, bw, bh, area = stats[k]
        sides = int(x == 0) + int(x + bw == w) + int(y == 0) + int(y + bh == h)
        if sides >= 2 and area <= RULING_THICK * max(bw, bh):
            out |= labels == k
    if out.any():
        out = cv2.dilate(out.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    return out


def seal_words(texts: list[str], shades: list[InkShade | None], paper: float) -> set[int]:
    """The indexes of the words printed by a seal: red, or ideographs faint beside the page's
    type (the shade of its words of ideographs at :data:`TYPE_PERCENTILE`: on a page of few words,
    the seal's may be most of them) by :data:`FAINT` of the way to ``paper``."""
    out = {i for i, s in enumerate(shades) if s is not None and s.red > RED_SHARE and s.black < BLACK_SHARE}
    type_shades = [s.shade for t, s in zip(texts, shades, strict=True) if s is not None and ideographs(t)]
    if len(type_shades) < 3:
        return out
    typical = float(np.percentile(type_shades, TYPE_PERCENTILE))
    limit = typical + FAINT * max(0.0, paper - typical)
    for i, (t, s) in enumerate(zip(texts, shades, strict=True)):
        if s is not None and ideographs(t) and s.shade > limit:
            out.add(i)
    return out


def character_shades(crop: np.ndarray, text: str, centres: list[float], threshold: float) -> list[InkShade | None]:
    """The ink of each character's own column of a word's crop (BGR). ``centres``: each character's
    x-centre as a share of the crop's width."""
    if crop.ndim != 3 or not centres:
        return []
    w = crop.shape[1]
    out: list[InkShade | None] = []
    for k, c in enumerate(centres[: len(text)]):
        left = (centres[k - 1] + c) / 2 if k else max(0.0, c - (centres[1] - c) / 2 if len(centres) > 1 else 0.0)
        right = (c + centres[k + 1]) / 2 if k + 1 < len(centres) else 1.0
        a, b = int(left * w), max(int(left * w) + 1, int(right * w))
        out.append(shade_of(np.ascontiguousarray(crop[:, a:b]), threshold))
    return out


def is_seal_ink(shade: InkShade | None) -> bool:
    """Ink that is a red seal's: mostly red, hardly any black (:data:`RED_SHARE`, :data:`BLACK_SHARE`)."""
    return shade is not None and shade.red > RED_SHARE and shade.black < BLACK_SHARE


def seal_characters(crop: np.ndarray, text: str, centres: list[float], threshold: float) -> set[int]:
    """The ideographs of a word whose own column of the crop is a seal's red (:func:`is_seal_ink`): a
    seal's 专用章 read on the end of the heading it was stamped beside. ``centres``: each character's
    x-centre as a share of the crop's width. Digits, points and punctuation are never taken out (a
    small black mark in a seal's red is still the print's)."""
    shades = character_shades(crop, text, centres, threshold)
    return {k for k, shade in enumerate(shades) if ideographs(text[k]) and is_seal_ink(shade)}


def type_characters(crop: np.ndarray, text: str, centres: list[float], threshold: float) -> set[int]:
    """The characters of a word whose own column holds the black of type (:data:`BLACK_SHARE` of its
    ink or more): in a word a seal printed, the print's characters it was read with."""
    shades = character_shades(crop, text, centres, threshold)
    return {k for k, shade in enumerate(shades) if shade is not None and shade.black >= BLACK_SHARE}
