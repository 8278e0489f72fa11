"""Rows of a borderless table whose cells are vertically centred (Word's vAlign center, Calc's centre).

Many offices set every cell of a form or statement vertically centred. A row whose tallest cells
wrap over two lines (a name 单位维修成/本, a value ≤260元/平/方米, a 科目名称 行政事业单位/医疗) then prints
its one-line cells (a score, a code, an amount) halfway between those two lines: their centre stands
half a line pitch below the first line's centre and half a pitch above the second's. Read line by
line, the one-line cells make a row of their own, or join the second line and leave the first line's
cells on a row of their own: the row is split and its cells shifted.

Three printed lines are one row when:

- the first and the last follow each other as the lines of one wrapped cell do (no more than
  ``ADJACENT`` line heights of white between them);
- the middle line's centre lies halfway between theirs, within ``MIDWAY`` of a line height (the type's
  leading puts a centred one-line cell there, and no line of a row set from the top stands there);
- the middle line's cells stand in columns neither of the other two fills (beside their cells, not
  under them), and the last line fills no column the first leaves empty (it continues the first
  line's cells), but left of the middle line's first cell when it continues one of the first line's
  cells right of it: there level labels merged over several rows are centred on them (数量指标,
  centred on this row and the next, stands on the second line of this row's wrapped remark);
- the middle line holds a cell right of the first line's first cell: a value beside the row's name.
  A level label merged over two one-line rows and centred on them also stands halfway between two
  lines, but left of every cell of theirs, and joins nothing;
- no column prints a figure on both the first and the last line: two lines that each print their
  row's figures are two rows (a level label centred between them, with the wrapped ends of labels
  merged further left on the same lines, joins neither).

The same three lines are two rows when the last fills the columns of the first and more, the first
line's cells standing over the last's (a header of two rows, 金额（元） over 年初预算数 | 全年预算数 |
全年执行数, beside 资金来源, 分值 and 得分 merged over both and centred on them; two level labels of
different columns, each centred on its own rows, either side of a row's line are no such rows): were
they one row, the last line's one-line cells beside the first line's would
stand halfway, on the middle line. The middle line's cells must be whole (no line of their columns
within ``ADJACENT`` above or below them): a cell merged over two rows and centred on them prints its one
line there, while a goal's lines or a remark wrapped over three (偏差原因分/析及/改进措施) beside cells
wrapped around it (年度总体目/标, 年度指标值/（A）) are one row's. The middle line's cells are then merged
over the two rows and go to the first (as a ruled reader gives a merged cell), the last line is a row
of its own. Told so only in a block shown to centre its cells (a row as above), or where the middle
line overlaps both (lines of rows hung from their tops never overlap), since three rows of one line
each at the type's leading stand alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

ADJACENT = 1.0  # line heights of white at most between the two lines of a wrapped cell
MIDWAY = 0.25  # line heights within which the middle line's centre is halfway between the other two


T = TypeVar("T")


class Printed(Protocol):
    """A printed line: its top and bottom (points, y down)."""

    @property
    def top(self) -> float: ...

    @property
    def bottom(self) -> float: ...


def _mid(ln: Printed) -> float:
    return (ln.top + ln.bottom) / 2


def _centred_between(first: Printed, middle: Printed, last: Printed, cols: Callable[[Printed], frozenset[int]],
                     figures: Callable[[Printed], frozenset[int]], height: float) -> bool:
    if last.top - first.bottom > ADJACENT * height or not first.bottom <= last.top:
        return False
    if abs(_mid(middle) - (_mid(first) + _mid(last)) / 2) > MIDWAY * height:
        return False
    upper, centre, lower = cols(first), cols(middle), cols(last)
    if not upper or not centre or centre & upper or centre & lower:
        return False
    beside = {c for c in lower if c > min(centre)}  # (left of the row's cells: labels merged over rows)
    if (not lower <= upper and not (beside and beside <= upper)
            and not (_labels_left_of(lower, upper) and figures(middle))):
        return False
    return max(centre) > min(upper) and not figures(first) & figures(last)


def _labels_left_of(lower: frozenset[int], upper: frozenset[int]) -> bool:
    """The last line continues cells of the first (a name wrapped to its second line, 兑付及时/率) and
    fills other columns only left of them: a level label merged over this row and the next, centred on
    them, stands there on the second line of this row's wrapped name (told so only beside a middle line
    of figures, the row's values: a header's middle line of one-line headings is not)."""
    continued = lower & upper
    return bool(continued) and max(lower - upper) < min(continued)


def centred_rows(lines: Sequence[Printed], cols: Callable[[Printed], frozenset[int]],
                 figures: Callable[[Printed], frozenset[int]], height: float) -> list[tuple[int, int]]:
    """The rows of vertically centred cells among ``lines`` (top to bottom): for each, the indexes of
    its first and last lines (the middle one between them, see the module). ``cols``: the columns a
    line fills; ``figures``: those where it prints a figure."""
    out: list[tuple[int, int]] = []
    for k in range(1, len(lines) - 1):
        if out and out[-1][1] >= k - 1:
            continue  # the first line is the last of a row already found
        if _centred_between(lines[k - 1], lines[k], lines[k + 1], cols, figures, height):
            out.append((k - 1, k + 1))
    return out


def _merged_between(first: Printed, middle: Printed, last: Printed, cols: Callable[[Printed], frozenset[int]],
                    height: float, centred: bool) -> bool:
    if not first.bottom <= last.top:
        return False
    if abs(_mid(middle) - (_mid(first) + _mid(last)) / 2) > MIDWAY * height:
        return False
    if not centred and not (middle.top < first.bottom and last.top < middle.bottom):
        return False
    upper, centre, lower = cols(first), cols(middle), cols(last)
    return bool(upper and centre) and not centre & upper and not centre & lower and upper < lower


def _whole(lines: Sequence[Printed], k: int, cols: Callable[[Printed], frozenset[int]], height: float) -> bool:
    """No other line fills a column of ``lines[k]`` within ``ADJACENT`` line heights above or below it."""
    middle, own = lines[k], cols(lines[k])
    return not any(own & cols(ln) and max(ln.top - middle.bottom, middle.top - ln.bottom) <= ADJACENT * height
                   for j, ln in enumerate(lines) if j != k)


def merged_over_rows(lines: Sequence[Printed], cols: Callable[[Printed], frozenset[int]], height: float,
                     rows: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Among ``lines`` (top to bottom), the middle lines of cells merged over two rows (see the module):
    for each, the indexes of the first line and of the middle one, which joins its row. ``rows``: the
    rows of centred cells found (:func:`centred_rows`), whose lines are none of these; any tells that the
    block centres its cells."""
    taken = {k for first, last in rows for k in range(first, last + 1)}
    out: list[tuple[int, int]] = []
    for k in range(1, len(lines) - 1):
        if {k - 1, k, k + 1} & taken or (out and out[-1][1] >= k - 1):
            continue
        if (_merged_between(lines[k - 1], lines[k], lines[k + 1], cols, height, bool(rows))
                and _whole(lines, k, cols, height)):
            out.append((k - 1, k))
    return out


def joined(groups: list[list[T]], lines: Sequence[T], rows: list[tuple[int, int]]) -> list[list[T]]:
    """``groups`` (consecutive lines taken as one row each, in order) recut so that each of ``rows``
    (first and last index into ``lines``) is one group: a group is cut where such a row begins or after
    it ends (a label centred between two rows, whose box touches the lines of both, stays apart), and
    the groups holding a row's lines are made one."""
    index = {id(ln): k for k, ln in enumerate(lines)}
    cuts = {first for first, _ in rows} | {last + 1 for _, last in rows}
    pieces: list[list[T]] = []
    for group in groups:
        for ln in group:
            if not pieces or pieces[-1][-1] not in group or index.get(id(ln)) in cuts:
                pieces.append([ln])
            else:
                pieces[-1].append(ln)
    group_of = {id(ln): g for g, piece in enumerate(pieces) for ln in piece}
    end_of: dict[int, int] = {}  # the piece that starts a row -> the piece that ends it
    for first, last in rows:
        a, b = group_of[id(lines[first])], group_of[id(lines[last])]
        end_of[a] = max(b, end_of.get(a, b))
    out: list[list[T]] = []
    g = 0
    while g < len(pieces):
        end = end_of.get(g, g)
        out.append([ln for piece in pieces[g:end + 1] for ln in piece])
        g = end + 1
    return out

