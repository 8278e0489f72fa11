"""Cells wrapped over several rows of a borderless form: a label's lines keep their own leading.

A form typeset without rulings prints a long label merged down several one-line rows (年度部门整体支出
预算执行情况（万元） beside the rows of a fund block, 年度总体目标 beside its two rows) as one cell
wrapped over lines. The label's lines follow each other at the type's leading; the rows beside it
follow each other at the row pitch (line and cell padding), which is a little wider. So the label's
first line stands on its row's baseline, and each following line stands a little *above* the
baseline of the row it lies beside, more so line after line. A cell of that row would stand on the
row's baseline, as its other cells do.

A piece of text (one cell's text on one printed line) is the continuation of the cell above when:

- it is read from a text layer (OCR boxes are too ragged for a fraction of a point to tell);
- it is not an amount (amounts are one-line cells);
- the other pieces of its printed line agree on one baseline, and it stands clearly above it;
- a piece of the line above, in the same column (overlapping it across), ends just above it (no
  more than a line's height of white).

The pieces so found are returned with the piece they continue; the table reader joins them into
that piece's cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from extract.tables.position_columns import Piece as ColumnPiece

ABOVE = 0.25  # points above its line's baseline a piece must stand to be off it
AGREE = 0.1  # points within which the other pieces' baselines are one baseline


class Piece(ColumnPiece, Protocol):
    """A cell's text on one printed line (its box, points, y down, and text) with its OCR confidence."""

    confidence: float | None


def _baseline(others: Sequence[Piece]) -> float | None:
    """The one baseline the pieces share (their bottoms within ``AGREE``), else None."""
    if not others:
        return None
    lo, hi = min(p.bottom for p in others), max(p.bottom for p in others)
    return hi if hi - lo <= AGREE else None


def _above(piece: Piece, lines: Sequence[Sequence[Piece]], k: int, height: float) -> Piece | None:
    """The piece of an earlier line in ``piece``'s column that ends just above it."""
    best: Piece | None = None
    for line in lines[:k]:
        for p in line:
            across = p.x0 < piece.x1 and piece.x0 < p.x1
            if across and -AGREE <= piece.top - p.bottom <= height and (best is None or p.bottom > best.bottom):
                best = p
    return best


def wrapped_continuations(lines: Sequence[Sequence[Piece]], height: float, is_amount: Callable[[str], bool]
                          ) -> dict[int, Piece]:
    """The pieces (by ``id``) of ``lines`` (printed lines top to bottom, each its pieces left to right)
    that continue a cell begun on a line above, each with the piece it continues (see the module).
    ``is_amount``: a callable telling an amount's text (an amount never continues a cell)."""
    out: dict[int, Piece] = {}
    for k, line in enumerate(lines):
        for piece in line:
            if piece.confidence is not None or is_amount(piece.text):
                continue
            base = _baseline([p for p in line if p is not piece])
            if base is None or base - piece.bottom < ABOVE:
                continue
            head = _above(piece, lines, k, height)
            if head is not None:
                out[id(piece)] = head
    return out
