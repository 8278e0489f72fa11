"""A part of a table read from word positions that continues a ruled table takes the ruled table's columns.

A page may carry its rulings on one part of a table and none on the next: the rest of a ruled table
set without rulings on the next page, or below the ruled part on the same page. The position reader
finds that part's columns from its own words, so a column empty there (偏差原因 with nothing
written) is not found at all and the rows come out one cell short on that side; the interpreters,
which line a continued part up with its header from the right, then put every value one column off.

The ruled part above already fixed the columns with its rulings. Where every column of the
borderless part lies within one column of the ruled part (its words fall between two rulings), its
cells are put in those columns, and the ruled part's columns that hold none of its words are
empty cells. Columns wholly left of the ruled part stay in front (a ruled part whose leftmost
column, a level label merged down its rows, was not drawn on that page). A column that straddles
a ruling, or lies right of the ruled part, means the two parts do not share their columns: the
borderless part keeps its own.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from extract.tables.pdfplumber import READER as RULED
from extract.tables.stitch import names_a_table
from model.tables import Cell, RawTable
from normalize.furniture import strip_furniture
from normalize.statement_names import is_continuation_mark

Columns = Sequence[tuple[float, float]]

# a word may reach this far (points) past a ruling and still be printed between the two rulings:
# glyph boxes include their side bearings, and the rulings are drawn with a width
RULING_SLACK = 1.5


# a line that is no table cell: it has a sentence's punctuation, or opens with a heading's number (三、 （二） 2.)
_PROSE_OR_HEADING = re.compile(r"[，。；！？,;!?]|^\s*[（(]?[一二三四五六七八九十0-9]+\s*[）)、.．]")


def ruled(t: RawTable) -> bool:
    """The table was read from its rulings: its columns are the rulings', not placed from its words."""
    return t.reader == RULED


def cut_cells_only(text: str) -> bool:
    """Nothing but page furniture, 续表 marks and the rest of cells cut by the page break (a level label
    merged down rows on both pages prints its text on one of them, above the rows) in ``text``:
    no title, unit line, heading or sentence."""
    for line in strip_furniture(text).splitlines():
        s = line.strip()
        if s and not is_continuation_mark(s) and (names_a_table(s) or _PROSE_OR_HEADING.search(s)):
            return False
    return True


def _continued(prev: RawTable, t: RawTable) -> bool:
    """``t`` continues ``prev`` (both as read on one page, before stitching): at the top of the next page
    or right below it on the same page, with nothing but cut cells and page furniture between them."""
    if not cut_cells_only(t.text_above):
        return False
    if t.page == prev.last_page + 1:
        return t.index_on_page == 0 and cut_cells_only(prev.text_below)
    if t.page != prev.last_page or prev.last_bbox is None or t.bbox is None:
        return False
    return prev.last_bbox[3] <= t.bbox[1] + RULING_SLACK


def placement(own: Columns, ruled: Columns) -> list[int] | None:
    """For each column of ``own`` (its words' x-ranges, left to right), its column in the grid made of
    the columns wholly left of ``ruled`` followed by ``ruled``'s; None when a column falls in no ruled
    column, or two fall in the same one."""
    if not ruled:
        return None
    left_edge = ruled[0][0]
    lead = [c for c in own if c[1] <= left_edge + RULING_SLACK]
    if lead != list(own[: len(lead)]):
        return None
    out = list(range(len(lead)))
    for x0, x1 in own[len(lead):]:
        inside = [i for i, (r0, r1) in enumerate(ruled)
                  if r0 - RULING_SLACK <= x0 and x1 <= r1 + RULING_SLACK]
        if len(inside) != 1:
            return None
        col = len(lead) + inside[0]
        if out and col <= out[-1]:
            return None
        out.append(col)
    return out


def _placed(rows: list[list[Cell]], where: list[int], width: int) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for r in rows:
        wide: list[Cell] = [""] * width
        for j, cell in enumerate(r[: len(where)]):
            wide[where[j]] = cell
        out.append(wide)
    return out


def take_ruled_columns(tables: list[RawTable]) -> None:
    """Each table read from word positions that continues a ruled table (``tables`` in reading order,
    one page each) gets the ruled table's columns where its words fall in them (in place)."""
    for prev, t in itertools.pairwise(tables):
        if (not ruled(prev) or ruled(t) or prev.columns is None or t.columns is None
                or not _continued(prev, t)):
            continue
        where = placement(t.columns, prev.columns)
        if where is None:
            continue
        lead = [c for c in t.columns if c[1] <= prev.columns[0][0] + RULING_SLACK]
        grid = lead + list(prev.columns)
        t.rows = _placed(t.rows, where, len(grid))
        t.columns = grid
