"""Upper-level header cells of a borderless statement whose header cells are vertically centred.

A statement's nested header (公务用车购置及运行费 over 小计 | 购置费 | 运行费, 基本支出 over 人员经费 |
公用经费) prints the upper cell on the header's first line and the lower cells on its last line, while
the cells merged down both header rows (项目, 合计, 公务接待费) stand centred between them. Read from
the positions, the lines overlap into one header row and the upper cell lands in one column with
the lower cell under its middle (公务用车购置及运行费 / 购置费), the other columns it spans left without
it. A ruled reader gives two header rows, the upper cell merged over the columns it spans.

An upper cell is the first line of a column's header cell whose last line stands on the header's
last line, with neighbours holding only a lower cell on that last line (nothing on the first line):
it spans them, out to the first column that holds anything else, when it is centred on them (its
middle within ``CENTRED`` of their width from theirs). A two-line cell with a lower neighbour on one
side only (因公出国（境）/费 beside 小计) is not centred on the pair and stays a cell of its column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

CENTRED = 0.2  # share of the spanned width within which an upper cell's middle is the span's middle
SAME_LINE = 0.5  # line heights within which two pieces stand on one line


class Piece(Protocol):
    x0: float
    x1: float
    top: float
    bottom: float


def _mid(p: Piece) -> float:
    return (p.x0 + p.x1) / 2


def upper_cells(cells: Mapping[int, Sequence[Piece]], height: float) -> dict[int, tuple[int, int]]:
    """For one header row's ``cells`` (column -> its pieces, top to bottom): each column whose first piece
    is an upper cell, with the first and last column it spans (see the module)."""
    pieces = [p for ps in cells.values() for p in ps]
    if not pieces:
        return {}
    first_top = min(p.top for p in pieces)
    last_top = max(p.top for p in pieces)
    if last_top - first_top < height:
        return {}  # one line: no levels

    def on_first(p: Piece) -> bool:
        return p.top - first_top <= SAME_LINE * height

    def on_last(p: Piece) -> bool:
        return last_top - p.top <= SAME_LINE * height

    def lower_only(c: int) -> bool:
        ps = cells.get(c, ())
        return bool(ps) and all(on_last(p) for p in ps)

    out: dict[int, tuple[int, int]] = {}
    for c, ps in cells.items():
        if len(ps) < 2 or not on_first(ps[0]) or not on_last(ps[-1]):
            continue
        lo = hi = c
        while lower_only(lo - 1):
            lo -= 1
        while lower_only(hi + 1):
            hi += 1
        if lo == hi:
            continue
        left = min(p.x0 for k in range(lo, hi + 1) for p in cells[k] if on_last(p))
        right = max(p.x1 for k in range(lo, hi + 1) for p in cells[k] if on_last(p))
        if abs(_mid(ps[0]) - (left + right) / 2) <= CENTRED * (right - left):
            out[c] = (lo, hi)
    return out
