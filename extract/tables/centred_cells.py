"""Lines of a vertically centred borderless form that no cell of another row can hold: rows of their own.

A form set with its cells vertically centred (see :mod:`extract.tables.centred_rows`) prints a cell
wrapped over several lines centred on its row: its lines stand as far above the row's one-line cells
(its line of figures) as below them. And a wrapped cell's lines, but its last, are full: the next
line's first character would not have fitted after them (Chinese text wraps at any character).

A printed line that stands on no row (it holds no figure: a fund source with its amounts left empty,
其中：中央补助 under 年度资金总额：, both one line beside the column of figures) is read as a line of the
cell of a row near it. Among the rows of a block of figures (its column's adjacent lines reach a line
of figures) it can be one only if some run of adjacent lines of its column holding it is both centred
(within ``MIDWAY`` of a line height) on the row, or the rows, it is merged over (the rows whose pieces
in that column are all the run's own) and wrapped (each line but the last full). When no such run
holds one of its pieces, the line is a row of its own, as a ruled reader gives it (a row whose other
cells are empty), that piece its cell; a piece of the line that such a run holds (a level label merged
over the rows beside) stays a line of that run's cell.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Protocol

ADJACENT = 1.0  # line heights of white at most between two lines of one cell
MIDWAY = 0.25  # line heights within which a cell's centre stands on its row's centre
FULL = 0.25  # share of a character a wrapped line's next character must overrun the cell's widest line by


class Piece(Protocol):
    """A cell's text on one printed line: its box (points, y down) and text."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str


def _first_char(piece: Piece) -> float:
    """The width of the first character of ``piece`` (or of its first run of Latin letters and digits,
    which wraps whole)."""
    text = piece.text.strip() or " "
    n = 1
    if text[0].isascii() and text[0].isalnum():
        while n < len(text) and text[n].isascii() and (text[n].isalnum() or text[n] in ".,%"):
            n += 1
    return (piece.x1 - piece.x0) * n / len(text)


def _wrapped(run: Sequence[Piece]) -> bool:
    """Each line of ``run`` but the last is full: the next line's first character would not have fitted
    after it in a cell as wide as the widest line."""
    widest = max(p.x1 - p.x0 for p in run)
    return all((p.x1 - p.x0) + _first_char(q) > widest + FULL * _first_char(q) for p, q in itertools.pairwise(run))


def _mid(top: float, bottom: float) -> float:
    return (top + bottom) / 2


def _spans(run: Sequence[tuple[Piece, int | None]], column: Sequence[tuple[Piece, int | None]],
           anchors: Sequence[tuple[float, float]], height: float) -> bool:
    """Whether ``run`` is centred on a row, or on rows ``r1`` to ``r2`` it is merged over (every piece of
    its ``column`` on those rows' lines is the run's own), holding the rows of its lines."""
    ids = {id(p) for p, _ in run}
    rows = {r for _, r in run if r is not None}
    blocked = {r for p, r in column if r is not None and id(p) not in ids}  # rows holding another cell
    mid = _mid(run[0][0].top, run[-1][0].bottom)
    n = len(anchors)
    if not rows:  # a run on no row's line: centred on any rows free in its column
        return _centred_on_free(mid, anchors, blocked, MIDWAY * height)
    lo, hi = min(rows), max(rows)
    if any(lo <= b <= hi for b in blocked):
        return False
    first = max((b + 1 for b in blocked if b < lo), default=0)
    last = min((b - 1 for b in blocked if b > hi), default=n - 1)
    return any(abs(mid - (anchors[r1][0] + anchors[r2][1]) / 2) <= MIDWAY * height
               for r1 in range(first, lo + 1) for r2 in range(hi, last + 1))


def _centred_on_free(mid: float, anchors: Sequence[tuple[float, float]], blocked: set[int], tolerance: float
                     ) -> bool:
    """Whether ``mid`` is the centre of rows ``r1`` to ``r2`` (within ``tolerance``), none of them ``blocked``."""
    for r1 in range(len(anchors)):
        if _mid(*anchors[r1]) > mid + tolerance:
            break
        for r2 in range(r1, len(anchors)):
            centre = (anchors[r1][0] + anchors[r2][1]) / 2
            if r2 in blocked or centre > mid + tolerance:
                break
            if abs(centre - mid) <= tolerance:
                return True
    return False


def _held(column: Sequence[tuple[Piece, int | None]], k: int, anchors: Sequence[tuple[float, float]],
          height: float, figured: set[int]) -> bool:
    """Whether some run of adjacent pieces of ``column`` (top to bottom) holding its ``k``-th is one cell:
    centred on the rows it spans and wrapped. A piece whose adjacent lines hold no piece beside figures
    (``figured``, by ``id``) is left as it is (held)."""
    lo = k
    while lo > 0 and column[lo][0].top - column[lo - 1][0].bottom <= ADJACENT * height:
        lo -= 1
    hi = k
    while hi + 1 < len(column) and column[hi + 1][0].top - column[hi][0].bottom <= ADJACENT * height:
        hi += 1
    if not any(id(p) in figured for p, _ in column[lo:hi + 1]):
        return True
    return any(_wrapped([p for p, _ in column[i:j + 1]]) and _spans(column[i:j + 1], column, anchors, height)
               for i in range(lo, k + 1) for j in range(k, hi + 1))


def own_rows(lines: Sequence[Sequence[tuple[Piece, int]]], row_of: Sequence[int | None],
             anchors: Sequence[tuple[float, float]], height: float, figures: Sequence[bool]
             ) -> dict[int, set[int]]:
    """The indexes of ``lines`` (printed lines top to bottom, each its pieces with the column each starts
    in) standing on no row (``row_of`` None) with a piece that no centred, wrapped cell can hold (see the
    module): rows of their own; each with those pieces (by ``id``: the row's own cells; the line's other
    pieces are lines of cells merged over it). ``anchors``: the rows' (top, bottom); ``figures``: whether
    each line is a line of figures (only a line in a column's run of adjacent lines with one is read so)."""
    columns: dict[int, list[tuple[Piece, int | None]]] = {}
    for i, line in enumerate(lines):
        for piece, c in line:
            columns.setdefault(c, []).append((piece, row_of[i]))
    where: dict[int, int] = {}  # id(piece) -> its index in its column
    for column in columns.values():
        column.sort(key=lambda pr: pr[0].top)
        where.update((id(piece), k) for k, (piece, _) in enumerate(column))
    figured = {id(p) for i, line in enumerate(lines) if figures[i] for p, _ in line}
    out: dict[int, set[int]] = {}
    for i, line in enumerate(lines):
        if row_of[i] is not None:
            continue
        unheld = {id(p) for p, c in line if not _held(columns[c], where[id(p)], anchors, height, figured)}
        if unheld:
            out[i] = unheld
    return out
