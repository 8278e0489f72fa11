"""Rows of a borderless form whose cells are vertically centred, told by the type's leading.

A cell that wraps prints its lines one *leading* apart: the pitch of the type, the same in every cell
of the form. The next cell down a column begins below the cell's padding, so its first line stands
further than one leading below the last line of the cell above. Down each column, lines one leading
apart are one cell; a larger step begins another.

A form set with its cells vertically centred (Word's vAlign center) prints every cell of a row about
the row's middle, whatever its number of lines: a one-line level 质量指标 halfway down a five-line
value, a two-line name 项目完成指/标 beside a three-line target. The cells whose centres agree across
columns are one row. Read line by line, such a row is cut wherever its cells' lines interleave; read
by cells, it is whole.

A cell merged over several rows (a level label 效益指标, the side label 绩效指标完成情况 of the whole
indicator block) is centred on the rows it spans: its centre agrees with no row's, or with the middle
row's of an odd span. It is put on the first row of its span (as a ruled reader puts a merged cell's
text in its top-left cell). In the label columns (left of the first column filled on nearly every row)
the labels' spans follow each other down the column, each holding the rows its lines overlap, and are
chosen together so that each span's middle is nearest its label's centre; elsewhere a merged cell's
span begins after the cell above it in its column ends. Labels merged over the same rows and centred
alike (a level 1 and a level 2 over two rows) share a centre without being a row: a group of cells
that overlaps two rows or more is no row. A cell that shares its centre with no other, overlaps no
row and runs across more than its column is a row of its own (a heading over the table's width).

The reading is used only where it shows itself: the form pads its rows (see :func:`type_leading`) and
at least ``MIN_CENTRED_ROWS`` rows have cells of different numbers of lines about one centre (a form
set from the top of its rows shares their tops instead, and its centres differ by half a leading or
more). The position reader takes it only where it joins lines that the line-by-line reading cut
into more rows (:func:`extract.tables.positions.grid_of`).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

LEADING_TOLERANCE = 0.04  # line heights: the lines of one cell stand one leading apart within this
MAX_LEADING = 2.0  # line heights: a step down a column longer than this is no leading
MIN_STEP = 0.9  # line heights: a step down a column shorter than this is two pieces of one line
MIN_PITCHES = 3  # steps of one leading needed to know the type's leading, and steps of a padded row break
HALF = 0.5  # of a leading: how far a centred cell one line shorter than its neighbour stands off its lines
CENTRE_TOLERANCE = 0.2  # line heights within which the centres of a row's cells agree
REACH = 0.05  # line heights a row of a span beyond the rows its label's lines overlap costs
DENSE = 0.8  # share of the fullest column's rows that the column naming each row's item fills
MIN_CENTRED_ROWS = 2  # rows of cells with different numbers of lines and one centre: a centred form
FIGURE_CELLS = 2  # cells holding a figure that make a row of amounts (a header row has one at most: 得分（20分）)

T = TypeVar("T")
Extent = Callable[[T], tuple[float, float]]  # a printed piece's top and bottom


@dataclass
class _Cell(Generic[T]):
    column: int
    pieces: list[T]
    top: float
    bottom: float

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2


def type_leading(columns: dict[int, list[T]], extent: Extent[T], height: float) -> float | None:
    """The pitch between the lines of a wrapped cell: the commonest step from a piece's top to the
    next one's down the same column (the shorter on a tie), when it is seen ``MIN_PITCHES`` times and
    tells the cells apart: the form pads its rows, so that ``MIN_PITCHES`` times the first line of a
    cell stands a little more than a leading below the last line of the cell above it (less than the
    half leading more that a centred cell one line shorter than its neighbour's shows). A form whose
    rows follow each other at the leading itself shows no cell's end by it; nor does one where a
    shorter step is seen ``MIN_PITCHES`` times: the lines of a cell are never closer than the leading,
    so the commonest step is then its one-line rows' pitch (padded a little beyond the leading), and
    the rows a little further apart are not told by it. Steps shorter than ``MIN_STEP`` line heights
    are pieces of one line, not lines."""
    tol = LEADING_TOLERANCE * height
    steps: Counter[float] = Counter()
    body: Counter[float] = Counter()  # the steps between two lines of the body's type (not a smaller header's)
    for pieces in columns.values():
        boxes = sorted(extent(p) for p in pieces)
        for (a, a_end), (b, b_end) in itertools.pairwise(boxes):
            if MIN_STEP * height <= b - a <= MAX_LEADING * height:
                steps[round(b - a, 1)] += 1
                if abs(a_end - a - height) <= tol and abs(b_end - b - height) <= tol:
                    body[round(b - a, 1)] += 1
    if not steps:
        return None
    step, _ = min(steps.items(), key=lambda kv: (-kv[1], kv[0]))
    if sum(n for s, n in body.items() if s < step - tol) >= MIN_PITCHES:
        return None  # lines closer than the commonest step: that step is the rows', not the type's
    near = sum(n for s, n in steps.items() if abs(s - step) <= tol)
    padded = sum(n for s, n in steps.items() if step + tol < s < (1 + HALF) * step - tol)
    return step if near >= MIN_PITCHES and padded >= MIN_PITCHES else None


def _cells(c: int, pieces: list[T], extent: Extent[T], leading: float, height: float) -> list[_Cell[T]]:
    """Column ``c``'s pieces (top to bottom) cut into cells: lines one leading apart are one cell."""
    out: list[_Cell[T]] = []
    for p in sorted(pieces, key=lambda p: extent(p)[0]):
        top, bottom = extent(p)
        # a cell set in smaller type (a header's 得分（20分*执行率）) keeps the same line spacing for its size
        smaller = abs(bottom - top - height) > LEADING_TOLERANCE * height
        pitch = leading * (bottom - top) / height if smaller else leading
        if out and abs(top - extent(out[-1].pieces[-1])[0] - pitch) <= LEADING_TOLERANCE * height:
            out[-1].pieces.append(p)
            out[-1].bottom = max(out[-1].bottom, bottom)
        else:
            out.append(_Cell(c, [p], top, bottom))
    return out


def _clusters(cells: list[_Cell[T]], height: float) -> list[list[_Cell[T]]]:
    """The cells grouped by their centres (top to bottom): centres within ``CENTRE_TOLERANCE``."""
    out: list[list[_Cell[T]]] = []
    for cell in sorted(cells, key=lambda x: x.centre):
        if out and cell.centre - out[-1][0].centre <= CENTRE_TOLERANCE * height:
            out[-1].append(cell)
        else:
            out.append([cell])
    return out


def _centred_evidence(rows: list[list[_Cell[T]]]) -> int:
    """Rows whose cells in different columns have different numbers of lines about one centre."""
    return sum(1 for r in rows if len({x.column for x in r}) > 1 and len({len(x.pieces) for x in r}) > 1)


def _straddling(rows: list[list[_Cell[T]]], height: float) -> dict[int, list[_Cell[T]]]:
    """The groups of cells sharing a centre that overlap two rows or more of the others: labels merged
    over the same rows (a level 1 and a level 2 both spanning two rows) centred alike, not a row."""
    ext = [(min(x.top for x in r), max(x.bottom for x in r)) for r in rows]
    out: dict[int, list[_Cell[T]]] = {}
    for k, (top, bottom) in enumerate(ext):
        over = sum(1 for j, (t, b) in enumerate(ext)
                   if j != k and min(bottom, b) - max(top, t) > CENTRE_TOLERANCE * height)
        if over >= 2:
            out[k] = rows[k]
    return out


def _overlaps(cell: _Cell[T], row: tuple[float, float], height: float) -> bool:
    return min(cell.bottom, row[1]) - max(cell.top, row[0]) > CENTRE_TOLERANCE * height


def _span(cell: _Cell[T], extents: list[tuple[float, float]], after: int, before: int,
          height: float) -> tuple[int, int]:
    """The first and last rows of the span a merged ``cell`` is centred on: it begins after row ``after``
    (where the cell above it in its column ends) and ends before row ``before`` (the next cell's), holds
    the rows the cell overlaps, and puts its middle nearest the cell's centre (the widest such span)."""
    touched = [r for r, ext in enumerate(extents) if _overlaps(cell, ext, height)]
    if touched:
        first, last = touched[0], touched[-1]
    else:  # between two rows: the span holds the rows on both sides of it
        above = [r for r, ext in enumerate(extents) if ext[1] <= cell.centre]
        # (no further than the last row: below a cell that reaches it, the cell shares that row)
        first = min(max(above[-1] if above else 0, after + 1), len(extents) - 1)
        last = min(first + 1, len(extents) - 1)
    best: tuple[float, int, int, int] | None = None
    for s in range(min(after + 1, first), first + 1):
        for e in range(max(s, last), max(before, s + 1)):
            off = abs((extents[s][0] + extents[min(e, len(extents) - 1)][1]) / 2 - cell.centre)
            cand = (round(off / (CENTRE_TOLERANCE * height)), -(e - s), s, e)
            if best is None or cand < best:
                best = cand
    return (best[2], best[3]) if best is not None else (first, last)


def _label_columns(out: dict[int, list[tuple[list[T], int]]]) -> list[int]:
    """The columns left of the first one filled on nearly every row (the one naming each row's item):
    those of labels merged down the rows they span."""
    filled = {c: len(groups) for c, groups in out.items()}
    most = max(filled.values(), default=0)
    item = next((c for c in sorted(filled) if filled[c] >= DENSE * most), 0)
    return [c for c in sorted(out) if c < item]


def _touched(cell: _Cell[T], extents: list[tuple[float, float]], height: float) -> tuple[int, int]:
    """The first and last rows the cell's lines overlap; between two rows, those two."""
    touched = [r for r, ext in enumerate(extents) if _overlaps(cell, ext, height)]
    if touched:
        return touched[0], touched[-1]
    above = [r for r, ext in enumerate(extents) if ext[1] <= cell.centre]
    first = above[-1] if above else 0
    return first, min(first + 1, len(extents) - 1)


def _kinds(rows: list[list[_Cell[T]]], labels: set[int], figure: Callable[[T], bool]) -> list[bool | None]:
    """Per row: a row of amounts (True: ``FIGURE_CELLS`` of its cells or more hold a figure: 2953.33 |
    2609.14, 500人 | 520人, 年度目标（80分） | 74), a header row (False: 预算数(A) | 执行数(B) | 得分（20分*
    执行率）) or neither (None: only labels without figures, merged over the rows about it)."""
    out: list[bool | None] = []
    for r in rows:
        figures = sum(1 for x in r if any(figure(p) for p in x.pieces))
        out.append(None if not figures and all(x.column in labels for x in r) else figures >= FIGURE_CELLS)
    return out


def _floor(cell: _Cell[T], row: int | None, extents: list[tuple[float, float]], kinds: list[bool | None],
           height: float) -> tuple[int, int]:
    """Where a label's span may begin: on row ``floor`` or below, the label above it ending as high as
    the row before ``top`` (the rows between are empty cells of the column); ``(0, 0)`` when anywhere.
    A label beside a row, centred on it (one of its cells) and overlapping no other row, names that row
    and reaches up over no row of the other kind above it: a row of amounts begins under a header row
    (a row without amounts: 部门整体支出总额 under 预算数 | 执行数 | 得分), which is left to no label of
    its column, and a header row (二级指标) begins under the rows of amounts of the block above it. Over
    rows of its own kind (a level merged over three rows, centred on the middle one) a span reaches as
    its label's centre asks."""
    if (row is None or row == 0 or kinds[row] is None or kinds[row - 1] is None or kinds[row] == kinds[row - 1]
            or _touched(cell, extents, height) != (row, row)):
        return 0, 0
    top = row
    while kinds[row] and top > 0 and kinds[top - 1] is False:  # the header rows above a row of amounts
        top -= 1
    return row, top


def _label_starts(mine: list[_Cell[T]], extents: list[tuple[float, float]], height: float,
                  floors: list[tuple[int, int]]) -> list[int]:
    """The first row of each label of a label column (top to bottom): the labels' spans follow each
    other down the column, each holds the rows its lines overlap, and together they put each span's
    middle nearest its label's centre, no span reaching further than that asks (``REACH`` line heights
    a row: the first label of a column, an amount on its own row, stays on it) nor beginning above its
    floor (see :func:`_floor`); dynamic programming over where each span ends."""
    n = len(extents)
    spans = [_touched(x, extents, height) for x in mine]
    inf = float("inf")
    best: list[tuple[float, list[int]]] = []  # per row e: the labels so far, the last ending on e
    for i, cell in enumerate(mine):
        lo, hi = spans[i]
        # per start s: the cheapest way the labels above end before it
        before: list[tuple[float, list[int]]] = [(0.0, [])] * n if i == 0 else [(inf, [])] * n
        floor, top = floors[i]
        if i:  # the span above ends on the row before (or before the header rows over a floor: see _floor)
            for s in range(1, n):
                before[s] = best[s - 1]
            if top < floor:
                before[floor] = min(((best[e][0] + REACH * (floor - 1 - e), best[e][1])
                                     for e in range(max(top - 1, 0), floor)), key=lambda v: v[0])
        nxt: list[tuple[float, list[int]]] = [(inf, [])] * n
        for s in range(min(floor, lo), lo + 1):
            cost, starts = before[s]
            if cost == inf:
                continue
            for e in range(max(s, hi), n):
                total = (cost + abs((extents[s][0] + extents[e][1]) / 2 - cell.centre) / height
                         + REACH * (lo - s + e - hi))
                if total < nxt[e][0] - 1e-9:
                    nxt[e] = (total, [*starts, s])
        if all(v[0] == inf for v in nxt):  # the labels cannot follow each other so: each where it stands
            return [sp[0] for sp in spans]
        best = nxt
    return min(best, key=lambda v: v[0])[1]


def centred_cell_rows(columns: dict[int, list[T]], extent: Extent[T], height: float,
                      wide: Callable[[T], bool] = lambda _: False, figure: Callable[[T], bool] = lambda _: False
                      ) -> tuple[list[tuple[float, float]], dict[int, list[tuple[list[T], int]]]] | None:
    """The rows of a form whose cells are vertically centred (see the module) and, per column, its cells
    (pieces top to bottom) with their row; None when the form does not show itself centred so. ``wide``:
    a piece runs across more than its column; ``figure``: a piece holds a figure (see :func:`_kinds`)."""
    leading = type_leading(columns, extent, height)
    if leading is None:
        return None
    cells = [cell for c, pieces in columns.items() for cell in _cells(c, pieces, extent, leading, height)]
    clusters = _clusters(cells, height)
    rows = [r for r in clusters if len({x.column for x in r}) > 1]
    if _centred_evidence(rows) < MIN_CENTRED_ROWS:
        return None
    straddling = _straddling(rows, height)
    rows = [r for k, r in enumerate(rows) if k not in straddling]
    extents = [(min(x.top for x in r), max(x.bottom for x in r)) for r in rows]
    lone = [x for r in clusters if len({x.column for x in r}) == 1 for x in r]
    lone += [x for r in straddling.values() for x in r]
    for cell in lone:  # a cell beside no row and wider than its column is a row of its own (a heading)
        if any(wide(p) for p in cell.pieces) and not any(_overlaps(cell, ext, height) for ext in extents):
            rows.append([cell])
            extents.append((cell.top, cell.bottom))
    order = sorted(range(len(rows)), key=lambda i: (extents[i][0] + extents[i][1]) / 2)
    rows, extents = [rows[i] for i in order], [extents[i] for i in order]
    row_of = {id(x): i for i, r in enumerate(rows) for x in r}
    out: dict[int, list[tuple[list[T], int]]] = {}
    for c in sorted(columns):
        mine = sorted((x for x in cells if x.column == c), key=lambda x: x.top)
        placed: dict[int, list[T]] = {}
        end = -1  # the last row the cells above in this column reach
        for k, cell in enumerate(mine):
            r = row_of.get(id(cell))
            if r is None:  # merged over the rows it is centred on
                later = [row_of[id(x)] for x in mine[k + 1:] if id(x) in row_of]
                r, last = _span(cell, extents, end, min(later, default=len(rows)), height)
                end = max(end, last)
            else:
                end = max(end, r)
            placed.setdefault(r, []).extend(cell.pieces)
        out[c] = [(placed[r], r) for r in sorted(placed)]
    labels = _label_columns(out)
    kinds = _kinds(rows, set(labels), figure)
    for c in labels:
        mine = sorted((x for x in cells if x.column == c), key=lambda x: x.top)
        floors = [_floor(x, row_of.get(id(x)), extents, kinds, height) for x in mine]
        starts = _label_starts(mine, extents, height, floors)
        out[c] = [(list(x.pieces), r) for x, r in zip(mine, starts, strict=True)]
    return extents, out

