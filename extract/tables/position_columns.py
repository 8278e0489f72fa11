"""Column bands of a borderless statement: the body's alignment tells where each header belongs.

A statement typeset without rulings prints its header cells centred (or set left) in their
columns, its amounts aligned right, its codes and item names aligned left. The x-ranges that the
*body* lines (lines of amounts) cover are the columns' bands; a header cell printed over a band is
that column's. A header cell printed in the white between two bands (a short 事业收入 centred over
right-aligned amounts that never reach its middle, 类 centred over left-aligned codes) belongs to:

- the band on its right when that band's cells align right (the column runs left from their right
  edge, past its header), or the band on its left when that band's cells align left;
- a band holds one header cell at one height: a band already under another header cell at the same
  height (its own, overlapping it) takes none;
- a header cell with other header cells below it, over the same columns, is an upper level
  (收入 over 项目 and 预算数; 编制单位 lines): it spans the columns and widens none;
- two bands claiming one cell: the one whose column, mirrored about the cell's centre, holds no
  other band, else the nearer.

A header cell no band takes is a column of its own (an amount column empty in this table), unless
it is an upper level. The result is the body's bands, widened over the header cells they took,
and the header-only columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

LEFT = "left"
RIGHT = "right"
TOLERANCE = 1.0  # points within which two edges are one alignment


class Piece(Protocol):
    """A cell's text on one printed line, with its horizontal extent and height."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str


@dataclass(kw_only=True)
class _HeaderCell:
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


def _overlaps(a0: float, a1: float, b0: float, b1: float) -> bool:
    return a0 < b1 and b0 < a1


def _is_amount(text: str) -> bool:
    t = text.strip().replace(",", "")
    return bool(t) and any(ch.isdigit() for ch in t) and all(ch.isdigit() or ch in ".-+%" for ch in t) and (
        "." in t or "," in text)


def _is_dash(text: str) -> bool:
    """The dash a statement prints for an empty amount (set where the amount would stand)."""
    t = text.strip()
    return 0 < len(t) <= 2 and all(ch in "-—–－─" for ch in t)


def _measured_side(cells: Sequence[Piece]) -> str | None:
    """``right`` or ``left`` when the cells' right or left edges agree more closely, else None."""
    spread0 = max(s.x0 for s in cells) - min(s.x0 for s in cells)
    spread1 = max(s.x1 for s in cells) - min(s.x1 for s in cells)
    if spread1 + TOLERANCE < spread0:
        return RIGHT
    if spread0 + TOLERANCE < spread1:
        return LEFT
    return None


def _band_cells(band: tuple[float, float], body: Sequence[Sequence[Piece]]) -> list[Piece]:
    return [s for line in body for s in line if s.x0 >= band[0] - TOLERANCE and s.x1 <= band[1] + TOLERANCE]


def _plain_number(text: str) -> bool:
    t = text.strip().replace(",", "")
    return bool(t) and (t.replace(".", "", 1).isdigit() or _is_dash(t))


def band_sides(bands: list[tuple[float, float]], body: Sequence[Sequence[Piece]]) -> list[str]:
    """Each band's alignment (:func:`band_side`); a band of amounts that cannot tell (one integer
    repeated, 320 and 320) right of the item names takes the side most bands of amounts show (a
    statement aligns all its amounts alike). Where no band's edges tell (one line of amounts: a 三公经费
    table), the side the amounts' type sets (decimals and dashes align right) is the usual one, and an
    integer (0 beside 25.15) takes it."""
    sides = [band_side(b, body) for b in bands]
    cells = [_band_cells(b, body) for b in bands]
    numeric = [bool(c) and all(_plain_number(s.text) for s in c) for c in cells]
    items = max((i for i, c in enumerate(cells) if c and not numeric[i]), default=-1)  # the item names' band
    amounts = [i for i in range(items + 1, len(bands)) if numeric[i]]  # codes stand left of the items
    measured = {i: _measured_side(cells[i]) for i in amounts}
    told = [m for m in measured.values() if m is not None]
    if not told:  # one line of amounts (a 三公经费 table): the side the amounts' type sets, 0 beside 25.15
        told = [sides[i] for i in amounts if any(_is_amount(s.text) or _is_dash(s.text) for s in cells[i])]
    if not told:
        return sides
    usual = max((RIGHT, LEFT), key=told.count)
    return [usual if i in measured and measured[i] is None else side for i, side in enumerate(sides)]


def band_side(band: tuple[float, float], body: Sequence[Sequence[Piece]]) -> str:
    """How the cells of ``band`` on the body lines align: ``right`` when their right edges agree
    more closely than their left edges, ``left`` when the left edges do; when both agree (one
    value repeated), amounts (decimals or thousands separators) and the dashes of empty amounts
    align right, codes and text left."""
    cells = [s for line in body for s in line if s.x0 >= band[0] - TOLERANCE and s.x1 <= band[1] + TOLERANCE]
    if not cells:
        return LEFT
    measured = _measured_side(cells)
    if measured is not None:
        return measured
    return RIGHT if sum(_is_amount(s.text) or _is_dash(s.text) for s in cells) * 2 > len(cells) else LEFT


def _gap_cells(header: Sequence[Sequence[Piece]], bands: list[tuple[float, float]], height: float
               ) -> list[_HeaderCell]:
    """The header pieces over no band, pieces on adjacent lines that overlap joined into one cell
    (a header wrapped over two lines)."""
    pieces = sorted((s for line in header for s in line
                     if not any(_overlaps(s.x0, s.x1, b0, b1) for b0, b1 in bands)), key=lambda s: s.top)
    cells: list[_HeaderCell] = []
    for s in pieces:
        join = next((c for c in cells if _overlaps(s.x0, s.x1, c.x0, c.x1) and s.top - c.bottom <= height), None)
        if join is None:
            cells.append(_HeaderCell(x0=s.x0, x1=s.x1, top=s.top, bottom=s.bottom))
        else:
            join.x0, join.x1, join.bottom = min(join.x0, s.x0), max(join.x1, s.x1), max(join.bottom, s.bottom)
    return cells


def _taken(band: tuple[float, float], cell: _HeaderCell, header: Sequence[Sequence[Piece]]) -> bool:
    """A header piece over ``band`` stands at the height of ``cell``: the band has its header there."""
    return any(_overlaps(s.x0, s.x1, band[0], band[1]) and _overlaps(s.top, s.bottom, cell.top, cell.bottom)
               for line in header for s in line)


def _upper(cell: _HeaderCell, x0: float, x1: float, header: Sequence[Sequence[Piece]]) -> bool:
    """A header piece below ``cell`` is centred within ``x0..x1``: ``cell`` is an upper level over it.
    A piece under another header piece at or below ``cell``'s height is that piece's wrapped second
    line (一般公共预算拨款 / 收入 set left beside 上年结转), not a lower level under ``cell``."""
    pieces = [s for line in header for s in line]
    return any(s.top >= cell.bottom - 0.5 and x0 < (s.x0 + s.x1) / 2 < x1 and not _continues(s, cell, pieces)
               for s in pieces)


def _continues(s: Piece, cell: _HeaderCell, pieces: Sequence[Piece]) -> bool:
    """``s`` stands under a header piece other than ``cell``'s, printed at or below ``cell``'s top."""
    return any(p is not s and _overlaps(p.x0, p.x1, s.x0, s.x1) and p.bottom <= s.top + 0.5
               and p.top >= cell.top - 0.5 and not _overlaps(p.x0, p.x1, cell.x0, cell.x1) for p in pieces)


def _claims(bands: list[tuple[float, float]], sides: list[str], cells: list[_HeaderCell],
            header: Sequence[Sequence[Piece]]) -> dict[int, list[int]]:
    """For each gap cell (by index), the bands that claim it: each band its nearest gap cell on the
    side its cells align away from, between it and the next band, at a height where it has no header."""
    out: dict[int, list[int]] = {}
    for i, band in enumerate(bands):
        lo = bands[i - 1][1] if i else float("-inf")
        hi = bands[i + 1][0] if i + 1 < len(bands) else float("inf")
        if sides[i] == RIGHT:
            near = [k for k, c in enumerate(cells) if lo <= c.x0 and c.x1 <= band[0]]
            near.sort(key=lambda k: -cells[k].x1)
        else:
            near = [k for k, c in enumerate(cells) if band[1] <= c.x0 and c.x1 <= hi]
            near.sort(key=lambda k: cells[k].x0)
        for k in near:
            c = cells[k]
            if _taken(band, c, header) or _upper(c, min(band[0], c.x0), max(band[1], c.x1), header):
                continue
            out.setdefault(k, []).append(i)
            break
    return out


def _mirror_clean(band: tuple[float, float], side: str, cell: _HeaderCell, bands: list[tuple[float, float]]) -> bool:
    """The column ``band`` would have with ``cell`` centred in it holds no other band."""
    edge = band[1] if side == RIGHT else band[0]
    other = 2 * cell.mid - edge
    lo, hi = min(edge, other), max(edge, other)
    return not any(b != band and _overlaps(b[0], b[1], lo + TOLERANCE, hi - TOLERANCE) for b in bands)


def _owner(claimants: list[int], cell: _HeaderCell, bands: list[tuple[float, float]], sides: list[str]) -> int:
    def rank(i: int) -> tuple[bool, float]:
        b = bands[i]
        return (not _mirror_clean(b, sides[i], cell, bands), max(b[0] - cell.x1, cell.x0 - b[1]))
    return min(claimants, key=rank)


def _widen_over_own_headers(wide: list[list[float]], header: Sequence[Sequence[Piece]]) -> None:
    """Each band widened over the header pieces that overlap it alone and are no upper level (a
    header wider than its column's figures), where that runs into no other band (in place). The lines
    nearest the figures go first: a column's own label stands lowest, so a piece of a line above (a
    单位 line set across the gap between two columns) widens no band into the label of its neighbour."""
    for line in sorted(header, key=lambda ln: -max((s.top for s in ln), default=0.0)):
        for s in line:
            hit = [i for i, w in enumerate(wide) if _overlaps(s.x0, s.x1, w[0], w[1])]
            if len(hit) != 1:
                continue
            i = hit[0]
            lo, hi = min(wide[i][0], s.x0), max(wide[i][1], s.x1)
            cell = _HeaderCell(x0=s.x0, x1=s.x1, top=s.top, bottom=s.bottom)
            if _upper(cell, s.x0, s.x1, header) or any(
                    j != i and _overlaps(lo, hi, w[0], w[1]) for j, w in enumerate(wide)):
                continue
            wide[i] = [lo, hi]


def _over_lower_cells(cell: _HeaderCell, header: Sequence[Sequence[Piece]]) -> bool:
    """``cell`` stands over header cells of a lower line on both sides of its middle, between its
    neighbours on its own line (收入 centred over 项目 | 行次 | 金额): an upper level spanning them."""
    same = [s for line in header for s in line if _overlaps(s.top, s.bottom, cell.top, cell.bottom)]
    lo = max((s.x1 for s in same if s.x1 <= cell.x0), default=float("-inf"))
    hi = min((s.x0 for s in same if s.x0 >= cell.x1), default=float("inf"))
    mids = [(s.x0 + s.x1) / 2 for line in header for s in line if s.top >= cell.bottom - 0.5]
    inside = [m for m in mids if lo < m < hi]
    return any(m < cell.mid for m in inside) and any(m > cell.mid for m in inside)


def _on_a_header_line(cell: _HeaderCell, header: Sequence[Sequence[Piece]]) -> bool:
    """``cell`` stands on a line of two or more header pieces (a line of the header proper, not a
    line above it such as 公开07表 alone on its line)."""
    return any(len(line) >= 2 and any(_overlaps(s.top, s.bottom, cell.top, cell.bottom) for s in line)
               for line in header)


def header_aligned(bands: list[tuple[float, float]], body: Sequence[Sequence[Piece]],
                   header: Sequence[Sequence[Piece]], height: float) -> list[tuple[float, float]]:
    """``bands`` (the body lines' column bands) widened over the header cells set in the white
    beside them, and a band for each header cell that is a column of its own (see the module)."""
    bands = sorted(bands)
    sides = band_sides(bands, body)
    cells = _gap_cells(header, bands, height)
    claims = _claims(bands, sides, cells, header)
    wide = [list(b) for b in bands]
    for k, claimants in claims.items():
        i = _owner(claimants, cells[k], bands, sides)
        lo, hi = min(wide[i][0], cells[k].x0), max(wide[i][1], cells[k].x1)
        if not any(j != i and _overlaps(lo, hi, w[0], w[1]) for j, w in enumerate(wide)):
            wide[i] = [lo, hi]
    _widen_over_own_headers(wide, header)
    out = [(w[0], w[1]) for w in wide]
    for k, c in enumerate(cells):
        if k in claims or any(_overlaps(c.x0, c.x1, b0, b1) for b0, b1 in out):
            continue
        beside = [*bands, *((d.x0, d.x1) for d in cells if d is not c and _overlaps(d.top, d.bottom, c.top, c.bottom))]
        lo = max((b[1] for b in beside if b[1] <= c.x0), default=float("-inf"))
        hi = min((b[0] for b in beside if b[0] >= c.x1), default=float("inf"))
        if _upper(c, lo, hi, header) or _over_lower_cells(c, header) or not _on_a_header_line(c, header):
            continue  # an upper level (it spans the columns below it), or a line above the header
        out.append((c.x0, c.x1))
    return sorted(out)


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def join_wrapped_headers(rows: list[list[str | None]], confidence: list[list[float | None]],
                         boxes: list[list[Box | None]] | None = None) -> None:
    """Header rows holding the second line of header cells wrapped over two lines (一般公共预算拨款 /
    收入), joined to the row above (in place): among the rows before the first row of figures, a row
    whose every cell lies under a cell with text (not under an empty one, nor under a cell spanning
    from its left, ``None``) continues those cells. ``boxes``, the cells' boxes, are joined alike."""
    r = 1
    while r < len(rows) and not any(_figure(c) for c in rows[r]):
        above, row = rows[r - 1], rows[r]
        filled = [j for j, c in enumerate(row) if c]
        if filled and not any(_figure(c) for c in above) and all(above[j] for j in filled):
            for j in filled:
                above[j] = f"{above[j]}\n{row[j]}"
            del rows[r]
            del confidence[r]
            if boxes is not None:
                _join_boxes(boxes, r, filled)
            continue
        r += 1


def _join_boxes(boxes: list[list[Box | None]], r: int, filled: list[int]) -> None:
    """Row ``r``'s boxes of the ``filled`` cells joined to the row above's, and row ``r`` removed."""
    for j in filled:
        a, b = boxes[r - 1][j], boxes[r][j]
        if a is not None and b is not None:
            boxes[r - 1][j] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
        else:
            boxes[r - 1][j] = a or b
    del boxes[r]


def _figure(cell: str | None) -> bool:
    return bool(cell) and any(ch.isdigit() for ch in cell or "")


CENTRED = 0.15  # share of its span's width within which an upper header cell's centre is that span's


def _numeric(cell: str | None) -> bool:
    t = (cell or "").strip().replace(",", "")
    return bool(t) and all(ch.isdigit() or ch in ".-+%—–－─" for ch in t)


def _lower_box(rows: list[list[str | None]], boxes: list[list[Box | None]], i: int, m: int, end: int) -> Box | None:
    """The box of the first header cell below row ``i`` in column ``m`` (before row ``end``)."""
    return next((boxes[k][m] for k in range(i + 1, end) if rows[k][m] and boxes[k][m] is not None), None)


def _owners(rows: list[list[str | None]], boxes: list[list[Box | None]], bands: list[list[Box | None]], i: int,
            end: int) -> dict[int, list[int]]:
    """For each upper cell of header row ``i`` (a cell over other header cells), the columns it may
    span: its own, those its cell covers already, and the empty columns beside it that hold a header
    cell lower down. A run of such columns between two upper cells is split where each stands best
    over its part (:func:`_misfit`). ``boxes``: the cells' text boxes; ``bands``: their columns' boxes."""
    row = rows[i]
    uppers = {j for j, c in enumerate(row) if c and boxes[i][j] is not None and _lower_box(rows, boxes, i, j, end)}
    spans: dict[int, list[int]] = {j: _covered_by(row, j) for j in uppers}
    between: list[tuple[list[int], int, int]] = []
    for run in _free_runs(rows, boxes, i, end):  # runs beside one upper cell first, then those between two
        left = _owner_on_the_left(row, run[0])
        right = run[-1] + 1 if run[-1] + 1 < len(row) and row[run[-1] + 1] else None
        left, right = (left if left in uppers else None), (right if right in uppers else None)
        if left is not None and right is not None:
            between.append((run, left, right))
        elif left is not None or right is not None:
            spans[left if left is not None else right].extend(run)  # type: ignore[index]
    for run, a, b in between:
        k = min(range(len(run) + 1), key=lambda k: _misfit(rows, boxes[i][a], bands, i, end, spans[a] + run[:k])
                + _misfit(rows, boxes[i][b], bands, i, end, run[k:] + spans[b]))
        spans[a] += run[:k]
        spans[b] += run[k:]
    return spans


def _free_runs(rows: list[list[str | None]], boxes: list[list[Box | None]], i: int, end: int) -> list[list[int]]:
    """Runs of adjacent columns empty in header row ``i`` that hold a header cell lower down."""
    runs: list[list[int]] = []
    for m, cell in enumerate(rows[i]):
        if cell != "" or _lower_box(rows, boxes, i, m, end) is None:
            continue
        if runs and runs[-1][-1] == m - 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _owner_on_the_left(row: list[str | None], m: int) -> int | None:
    """The filled cell of ``row`` just left of column ``m`` (past the columns it spans, ``None``)."""
    k = m - 1
    while k >= 0 and row[k] is None:
        k -= 1
    return k if k >= 0 and row[k] else None


def _misfit(rows: list[list[str | None]], box: Box | None, bands: list[list[Box | None]], i: int, end: int,
            span: list[int]) -> float:
    """How far an upper cell of row ``i`` (its text ``box``) is from standing over the columns of
    ``span`` (their ``bands`` below row ``i``): from their middle (centred) or their left edge (set
    left), whichever is nearer."""
    lows = [b for m in span if (b := _lower_box(rows, bands, i, m, end)) is not None]
    if box is None or not lows:
        return 0.0
    x0, x1 = min(b[0] for b in lows), max(b[2] for b in lows)
    return min(abs((box[0] + box[2]) / 2 - (x0 + x1) / 2), abs(box[0] - x0))


def _covered_by(row: list[str | None], j: int) -> list[int]:
    """Column ``j`` and the columns after it that its cell spans already (``None``)."""
    k = j + 1
    while k < len(row) and row[k] is None:
        k += 1
    return list(range(j, k))


def _stands_over(box: Box, x0: float, x1: float, first: Box | None) -> bool:
    """An upper header's text ``box`` stands over the columns ``x0..x1``: centred over them (within
    ``CENTRED`` of their width), or set left with the text of the first header cell below it,
    ``first`` (a dialect that sets every header from its column's left edge)."""
    return abs((box[0] + box[2]) / 2 - (x0 + x1) / 2) <= CENTRED * (x1 - x0) or (
        first is not None and abs(box[0] - first[0]) <= TOLERANCE)


def _amounts_starts(rows: list[list[str | None]]) -> list[int]:
    """The rows that begin a run of rows of amounts (two or more amounts or dashes each)."""
    amounts = [sum(1 for c in r if _numeric(c)) >= 2 for r in rows]
    return [r for r, a in enumerate(amounts) if a and (r == 0 or not amounts[r - 1])]


def spread_upper_headers(rows: list[list[str | None]], extents: list[list[Box | None]],
                         boxes: list[list[Box | None]], *, levels: int, whole_first: bool) -> None:
    """Upper header cells (公务用车购置及运行费 over 小计 | 购置费 | 运行费, 收入 over its sources, 批复金额
    over 总额 | 财政拨款 | 其他资金) spread over the columns they stand above, as a ruled reader gives
    them (in place): the text in the first column of the span, ``None`` in the others. A cell spans
    the empty columns beside it that hold a header cell lower down (see :func:`_owners`) when its
    text stands over their columns (:func:`_stands_over`). The header rows are the ``levels`` rows
    above each run of rows of amounts, and every row above the first when ``whole_first`` (a
    statement's header). ``extents``: each cell's text box; ``boxes``: the cells' boxes (their
    columns' width), spread alike."""
    done = 0
    for k, end in enumerate(_amounts_starts(rows)):
        first = 0 if k == 0 and whole_first else max(end - levels, done)
        for i in range(first, end):
            _spread_row(rows, extents, boxes, i, end)
        done = end


def _spread_row(rows: list[list[str | None]], extents: list[list[Box | None]], boxes: list[list[Box | None]],
                i: int, end: int) -> None:
    """The upper cells of header row ``i`` (above the rows of amounts from ``end``) spread; none on a
    row that prints an amount with decimals or a rate (3.00, 80%: a row of a form above the run, not
    its header; a header's figures are years and column numbers)."""
    if any(_numeric(c) and any(ch in ".%" for ch in c or "") for c in rows[i]):
        return
    for j, span in _owners(rows, extents, boxes, i, end).items():
        span.sort()
        if len(span) < 2 or span != list(range(span[0], span[-1] + 1)):
            continue
        lows = [b for m in span if (b := _lower_box(rows, boxes, i, m, end)) is not None]
        x0, x1 = min(b[0] for b in lows), max(b[2] for b in lows)
        box, own = extents[i][j], boxes[i][j]
        if box is None or not _stands_over(box, x0, x1, _lower_box(rows, extents, i, span[0], end)):
            continue
        text = rows[i][j]
        for m in span:
            rows[i][m], boxes[i][m] = None, None
        rows[i][span[0]] = text
        if own is not None:  # the columns' width, the cell's own lines
            boxes[i][span[0]] = (min(own[0], x0), own[1], max(own[2], x1), own[3])
