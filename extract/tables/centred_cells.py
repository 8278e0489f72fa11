"""Lines of a vertically centred borderless form that no cell of another row holds: rows of their own.

A form set with its cells vertically centred (see :mod:`extract.tables.centred_rows`) prints a cell
wrapped over several lines centred on its row: its lines stand as far above the row's one-line cells
(its line of figures) as below them. A printed line that stands on no row (it holds no figure: a fund
source whose amounts are left empty, 其中：中央补助 under 年度资金总额：, both one line beside the column
of figures) is otherwise read as a line of the cell of a row near it.

Under the label of a row of figures (the one piece of a line of figures that is not a figure), or
beside it for the second rule:

- a line is a row of its own when no run of adjacent lines of its column holding it is centred
  (within ``MIDWAY`` of a line height) on the row, or the rows, the run is merged over (the rows whose
  pieces in that column are all the run's own, none of them a row's label: the last piece of text on
  a row's line): 其中：中央补助 under
  年度资金总额：, whose figures stand on its own line, cannot be that label's second line;
- and, where two labels of rows of figures, or such a line and the label beside it, show the column's
  row pitch (top to top), a line beside one of them as far from the lines beside it (within ``PITCH``)
  is a row too: a wrapped cell's lines
  follow each other at the type's leading, rows at the row pitch, which is no shorter (省补助, 国债资金
  and 其他资金 beside 市补助 and 区级预算资金 are rows left empty, not a label wrapped over three lines).

The row's own cell is the piece so found; a piece of the line that a centred run holds (a level label
merged over the rows beside) stays a line of that run's cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from extract.tables.position_columns import Piece

ADJACENT = 1.0  # line heights of white at most between two lines of one cell
MIDWAY = 0.25  # line heights within which a cell's centre stands on its row's centre
PITCH = 0.04  # share of the row pitch by which two lines of one row's cell stand closer than two rows

Placed = tuple[Piece, int | None]  # a piece and the row of its line (None: a line on no row)


def _mid(top: float, bottom: float) -> float:
    return (top + bottom) / 2


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


def _spans(run: Sequence[Placed], column: Sequence[Placed], anchors: Sequence[tuple[float, float]],
           height: float, labels: set[int]) -> bool:
    """Whether ``run`` is centred on a row, or on rows ``r1`` to ``r2`` it is merged over (every piece of
    its ``column`` on those rows' lines is the run's own, none of them its row's label: ``labels``),
    holding the rows of its lines."""
    ids = {id(p) for p, _ in run}
    rows = {r for _, r in run if r is not None}
    if len(rows) > 1 and ids & labels:
        return False  # a row's own label is no line of a cell merged over rows
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


def _run(column: Sequence[Placed], k: int, height: float) -> tuple[int, int]:
    """The first and last index of the run of adjacent pieces of ``column`` holding its ``k``-th."""
    lo = hi = k
    while lo > 0 and column[lo][0].top - column[lo - 1][0].bottom <= ADJACENT * height:
        lo -= 1
    while hi + 1 < len(column) and column[hi + 1][0].top - column[hi][0].bottom <= ADJACENT * height:
        hi += 1
    return lo, hi


def _held(column: Sequence[Placed], k: int, anchors: Sequence[tuple[float, float]], height: float,
          labels: set[int]) -> bool:
    """Whether some run of adjacent pieces of ``column`` (top to bottom) holding its ``k``-th is centred on
    the rows it spans."""
    lo, hi = _run(column, k, height)
    return any(_spans(column[i:j + 1], column, anchors, height, labels)
               for i in range(lo, k + 1) for j in range(k, hi + 1))


def _row_pitch(column: Sequence[Placed], lo: int, hi: int, named: set[int], own: set[int]) -> float | None:
    """The shortest distance (top to top) between two adjacent pieces of ``column[lo:hi + 1]`` shown to
    stand on two rows (one naming its row of figures, the other too or a row of its own), or None."""
    pitches = [column[i + 1][0].top - column[i][0].top for i in range(lo, hi)
               if {id(column[i][0]), id(column[i + 1][0])} & named
               and {id(column[i][0]), id(column[i + 1][0])} <= named | own]
    return min(pitches, default=None)


def _spaced(column: Sequence[Placed], k: int, height: float, named: set[int], own: set[int]) -> bool:
    """Whether the ``k``-th piece of ``column``, on no row, stands a row pitch from the pieces beside it
    (a piece above it among them: the first line of a run may end a cell begun on the page before)."""
    lo, hi = _run(column, k, height)
    pitch = _row_pitch(column, lo, hi, named, own)
    if pitch is None or k == lo:
        return False
    near = [abs(column[i][0].top - column[k][0].top) for i in (k - 1, k + 1) if lo <= i <= hi]
    return bool(near) and all(d >= (1 - PITCH) * pitch for d in near)


def own_rows(lines: Sequence[Sequence[tuple[Piece, int]]], row_of: Sequence[int | None],
             anchors: Sequence[tuple[float, float]], height: float, figures: Sequence[bool],
             is_figure: Callable[[str], bool]) -> dict[int, set[int]]:
    """The indexes of ``lines`` (printed lines top to bottom, each its pieces with the column each starts
    in) standing on no row (``row_of`` None) with a piece that stands on a row of its own (see the
    module), each with those pieces (by ``id``: the row's own cells; the line's other pieces are lines
    of cells merged over it). ``anchors``: the rows' (top, bottom); ``figures``: whether each line is a
    line of figures, whose one piece that is not a figure (``is_figure``) names its row."""
    columns: dict[int, list[Placed]] = {}
    for i, line in enumerate(lines):
        for piece, c in line:
            columns.setdefault(c, []).append((piece, row_of[i]))
    where: dict[int, int] = {}  # id(piece) -> its index in its column
    for column in columns.values():
        column.sort(key=lambda pr: pr[0].top)
        where.update((id(piece), k) for k, (piece, _) in enumerate(column))
    named = {id(texts[0]) for i, line in enumerate(lines) if figures[i]
             for texts in [[p for p, _ in line if not is_figure(p.text)]] if len(texts) == 1}
    # a row's label: the last piece of text on a row's line (a label merged over rows stands left of it)
    labels = {id(texts[-1]) for i, line in enumerate(lines) if row_of[i] is not None
              for texts in [[p for p, _ in line if not is_figure(p.text)]] if texts}

    def beside_a_name(p: Piece, c: int, also: frozenset[int] = frozenset(), sides: tuple[int, ...] = (-1, 1)) -> bool:
        k = where[id(p)]
        lo, hi = _run(columns[c], k, height)
        return any(id(columns[c][k + d][0]) in named | also for d in sides if lo <= k + d <= hi)

    free = [(i, p, c) for i, line in enumerate(lines) if row_of[i] is None for p, c in line]
    own = {id(p) for _, p, c in free  # (under a label: the end of a cell begun on the page before is none)
           if beside_a_name(p, c, sides=(-1,)) and not _held(columns[c], where[id(p)], anchors, height, labels)}
    shown = frozenset(own)
    own |= {id(p) for _, p, c in free
            if beside_a_name(p, c, shown) and _spaced(columns[c], where[id(p)], height, named, own)}
    out: dict[int, set[int]] = {}
    for i, p, _ in free:
        if id(p) in own:
            out.setdefault(i, set()).add(id(p))
    return out
