"""Narrow columns set under a wide one in a borderless form.

A form's parts share its width but not its columns: the fund block's row labels (其中：一般公共预算)
run over the width that the indicator part gives to two columns (一级指标 | 二级指标). Column bands built
from the widest rows first take the two for one band, and each level label then lands in one column
with its neighbour's. One printed line's two cells are never one cell: a band holding two cells of
one line side by side is two columns, cut at the white between them, and the wide labels span both.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Protocol


class Cut(Protocol):
    """A cell's text on one printed line: its ends across (points) and, from OCR, a confidence."""

    x0: float
    x1: float
    confidence: float | None


class CutLine(Protocol):
    @property
    def segments(self) -> Sequence[Cut]: ...


def split_shared_bands(bands: list[tuple[float, float]], lines: Sequence[CutLine]) -> list[tuple[float, float]]:
    """``bands`` with each band that holds two cells of one printed line side by side cut in two at the
    white between them. A narrow column set under a wide one (一级指标 and 二级指标 under the fund block's
    其中：一般公共预算, which spans both) is its own column: one line's two cells are never one cell.
    Text-layer cells only (OCR boxes are too ragged to tell a gap within a cell)."""
    out: list[tuple[float, float]] = []
    for b0, b1 in bands:
        inner = [[s for s in ln.segments if s.x0 >= b0 - 0.5 and s.x1 <= b1 + 0.5 and s.confidence is None]
                 for ln in lines]
        gaps = [(a.x1, b.x0) for segs in inner for a, b in itertools.pairwise(segs)]
        if not gaps:
            out.append((b0, b1))
            continue
        g0, g1 = max(gaps, key=lambda g: g[1] - g[0])
        out.extend([(b0, g0), (g1, b1)])
    return out
