"""Header cells set apart from their column's figures in a borderless form.

A header centred in its cell (决算数, 年初预算数) over figures set flush left in the same cell stands in
the white right of those figures; over figures set flush right, in the white left of them. Read from
the positions alone it makes a column of its own, empty on every line of figures, and the column of
figures loses its heading (no measure, no amounts read). Such a band of header text alone is the
header of the band of figures beside it when:

- that band holds figures (most of its cells on the lines of figures are figures or dashes) aligned
  on the side away from the header (:func:`extract.tables.position_columns.band_side`);
- the header is centred on the cell those figures begin: mirrored about the header's middle, the
  figures' aligned edge falls short of the next band (a column of its own, empty below its heading,
  is centred on its own cell and reaches past it).

A band of labels set flush left (一级指标 over 决策, 过程, 产出 in a form whose level cells are merged down
their rows), or of values printed as words and figures alike (基本合理, 98.8%, ✓ under 实际完成值), is
claimed the same way, its cells' left edge mirrored, but only where a band stands beyond the header to
fall short of: a heading of a last column left empty is centred on its own cell, and nothing beyond it
would tell.

The header's band is alone when no body cell stands in it but cells of the band beside it that run on
into the white under it (a spreadsheet's wide cells: 社会效益指标, 不少于1500万元 longer than their
column's other cells), reaching no band beyond (a cell merged over both columns).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from extract.tables.position_columns import LEFT, RIGHT, TOLERANCE, Piece, band_side

FIGURES = 0.8  # share of a band's cells on the lines of figures that are figures or dashes
LABELS = 2  # labels a band of text holds on the lines of figures, to be told as a column of labels


class PrintedLine(Protocol):
    @property
    def segments(self) -> Sequence[Piece]: ...


def _inside(s: Piece, band: tuple[float, float]) -> bool:
    return s.x0 >= band[0] - TOLERANCE and s.x1 <= band[1] + TOLERANCE


def _touches(s: Piece, band: tuple[float, float]) -> bool:
    return s.x0 <= band[1] and s.x1 >= band[0]


def _of_figures(band: tuple[float, float], body: Sequence[Sequence[Piece]], figure: Callable[[str], bool]) -> bool:
    cells = [s for line in body for s in line if _inside(s, band)]
    return bool(cells) and sum(1 for s in cells if figure(s.text)) >= FIGURES * len(cells)


def _of_labels(band: tuple[float, float], body: Sequence[Sequence[Piece]]) -> bool:
    """The band holds two or more cells on the lines of figures, not most of them figures: labels, or
    values printed as words and figures alike (基本合理, 98.8%, ✓ under 实际完成值)."""
    return sum(1 for line in body for s in line if _inside(s, band)) >= LABELS


def claimed_headers(bands: list[tuple[float, float]], header: Sequence[PrintedLine], body: Sequence[PrintedLine],
                    figure: Callable[[str], bool]) -> list[tuple[float, float]]:
    """``bands`` with each band of header text alone (nothing of ``body``, the lines from the first line of
    figures on, stands in it) joined to the band of figures whose header it is (see the module).
    ``figure``: tells a figure's or a dash's text."""
    cells = [list(ln.segments) for ln in body]
    out = [list(b) for b in sorted(bands)]
    k = 0
    while k < len(out):
        band = (out[k][0], out[k][1])
        headed = any(_inside(s, band) for ln in header for s in ln.segments)
        mid = (band[0] + band[1]) / 2
        if headed and k > 0 and _alone(out, k, LEFT, cells) and _claims(out, k - 1, LEFT, mid, cells, figure):
            out[k - 1][1] = band[1]
            del out[k]
            continue
        if headed and k + 1 < len(out) and _alone(out, k, RIGHT, cells) and _claims(out, k + 1, RIGHT, mid, cells,
                                                                                     figure):
            out[k + 1][0] = band[0]
            del out[k]
            continue
        k += 1
    return [(b[0], b[1]) for b in out]


def _alone(out: list[list[float]], k: int, side: str, cells: list[list[Piece]]) -> bool:
    """No cell of the body stands in band ``k`` but a cell of the band beside it on ``side`` running on
    into the white under the header (a level label or a target longer than its flush-left column's
    usual width, 社会效益指标, 不少于1500万元), not reaching the band beyond (a cell merged over both)."""
    band = (out[k][0], out[k][1])
    for line in cells:
        for s in line:
            if not _touches(s, band):
                continue
            if side == LEFT and not (s.x0 <= out[k - 1][1] + TOLERANCE
                                     and (k + 1 >= len(out) or s.x1 < out[k + 1][0])):
                return False
            if side == RIGHT and not (s.x1 >= out[k + 1][0] - TOLERANCE and (k == 0 or s.x0 > out[k - 1][1])):
                return False
    return True


def _claims(out: list[list[float]], i: int, side: str, mid: float, cells: list[list[Piece]],
            figure: Callable[[str], bool]) -> bool:
    """Band ``i`` is of figures aligned on ``side`` and a header centred at ``mid`` is centred on its cell."""
    band = (out[i][0], out[i][1])
    labels = not _of_figures(band, cells, figure)
    if (labels and not _of_labels(band, cells)) or band_side(band, cells) != side:
        return False
    figures = [s for line in cells for s in line if _inside(s, band) and (labels or figure(s.text))]
    if side == LEFT:  # the figures' left edge, mirrored about the header's middle
        mirror = 2 * mid - min(s.x0 for s in figures)
        return (i + 2 >= len(out) and not labels) or (i + 2 < len(out) and mirror <= out[i + 2][0] + TOLERANCE)
    mirror = 2 * mid - max(s.x1 for s in figures)
    return (i - 2 < 0 and not labels) or (i - 2 >= 0 and mirror >= out[i - 2][1] - TOLERANCE)
