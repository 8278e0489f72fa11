"""Join tables that run across pages into one table.

A table continues onto the next page when it is the last thing on its page, the
next page's first table has nothing but page furniture (or a 续表 mark) above it, the widths
agree, and the next table does not open with a title of its own inside its ruled
area (Excel exports put "公开03表 / 支出预算总表 / 单位：万元" in the first row).
A repeated header on the continuation is dropped. A continuation printed with
fewer columns (the last page's 合计 row spanning the code columns as one cell) is
aligned to the right, its first cell spanning the missing columns. A continuation
read from word positions leaves out the columns empty on its page (上年结转, 其他收入),
so its table is narrower: each of its columns is laid into the column of the first
part it stands in. Rows cut by
the page break are the interpreters' concern (they know which cells may wrap).
"""

from __future__ import annotations

import re

from model.tables import Cell, RawTable
from normalize.furniture import strip_furniture
from normalize.statement_names import is_continuation_mark

# a first cell that names a new table: unit/agency furniture, a 公开NN表 tag, or a title line ending in 表
_OWN_TITLE = re.compile(
    r"(单位|部门)\s*[:：]|公开\s*[0-9一二三四五六七八九十]+(\s*[-－]\s*\d+)?\s*表|公开表\s*[0-9一二三四五六七八九十]+"
    r"|^[^\n]{2,40}表\s*([（(][^）)\n]*[）)])?\s*$",
    re.MULTILINE,
)

# the x-extents of the two parts may differ by this much (points) and still be one table
_X_TOLERANCE = 25.0
# points by which a column's text may stand out of the range of a continuation's wider column holding it
_EDGE = 1.0
# the reader of word positions (extract/tables/words.py), whose tables leave out the columns empty on their page
_POSITIONS = "words"


def _same_width(a: RawTable, b: RawTable, where: list[int] | None) -> bool:
    if a.last_bbox is None or b.bbox is None:
        return a.n_cols == b.n_cols
    return abs(a.last_bbox[0] - b.bbox[0]) <= _X_TOLERANCE and (
        abs(a.last_bbox[2] - b.bbox[2]) <= _X_TOLERANCE or where is not None)


def column_map(prev: RawTable, nxt: RawTable) -> list[int] | None:
    """For a continuation read from word positions with no more columns than ``prev`` (the columns
    empty on its page, inside the table or at its right, left out, or given back by
    :func:`extract.tables.positions.align_continued` while its text ends short of the right), the
    column of ``prev`` each of its columns stands in: its middle within that column's x-range, or its
    x-range holding that column's whole (a column's range is the extent of its text: a form whose first
    part prints only its short header cells above the page break, 项目名称 | 网吧监管经费, is narrower
    there than the indicator rows continued below it), one column each, in order, the first columns
    alike. None when the two give no column ranges or a column stands in none."""
    if (prev.reader, nxt.reader) != (_POSITIONS, _POSITIONS) or prev.ruled or nxt.ruled:
        return None
    if not prev.columns or not nxt.columns or len(nxt.columns) > len(prev.columns):
        return None
    out: list[int] = []
    for x0, x1 in nxt.columns:
        mid = (x0 + x1) / 2
        hit = [j for j, (c0, c1) in enumerate(prev.columns)
               if c0 <= mid <= c1 or (x0 - _EDGE <= c0 and c1 <= x1 + _EDGE)]
        if len(hit) != 1 or (out and hit[0] <= out[-1]):
            return None
        out.append(hit[0])
    return out if out[0] == 0 else None


def _placed(row: list[Cell], where: list[int], width: int) -> list[Cell]:
    """A continuation's row laid into ``width`` columns at the columns ``where`` names (the others empty)."""
    out: list[Cell] = [""] * width
    for cell, j in zip(row, where, strict=False):
        out[j] = cell
    return out


def _repeated_header_rows(prev: RawTable, nxt: RawTable) -> int:
    n = 0
    while n < min(4, len(prev.rows), len(nxt.rows) - 1) and prev.rows[n] == nxt.rows[n]:
        n += 1
    return n


def names_a_table(text: str) -> bool:
    """The text holds a table's own title, unit line or 公开NN表 tag."""
    return bool(_OWN_TITLE.search(text))


def opens_with_title(t: RawTable) -> bool:
    """The table's first row is a title of its own (a single text cell, or one naming 单位/部门/公开NN表)."""
    if not t.rows:
        return False
    cells = [c for c in t.rows[0] if c]
    if not cells:
        return False
    return bool(_OWN_TITLE.search(cells[0])) and (len(cells) == 1 or "单位" in "".join(cells))


def _align(row: list[Cell], width: int) -> list[Cell]:
    """A row with fewer cells than the table: its first cell spans the missing columns."""
    if len(row) >= width or not row:
        return row
    return [row[0]] + [None] * (width - len(row)) + row[1:]


def only_furniture_above(t: RawTable) -> bool:
    """Nothing but page furniture or a 续表 mark stands above the table on its page."""
    lines = [ln for ln in strip_furniture(t.text_above).splitlines() if ln.strip()]
    return all(is_continuation_mark(ln) for ln in lines)


def continues(prev: RawTable, nxt: RawTable, where: list[int] | None) -> bool:
    """``nxt`` continues ``prev`` (``where``: :func:`column_map` of the two)."""
    return (
        nxt.page == prev.last_page + 1
        and nxt.index_on_page == 0
        and prev.reader == nxt.reader
        and not strip_furniture(prev.text_below).strip()
        and only_furniture_above(nxt)
        and _same_width(prev, nxt, where)
        and not opens_with_title(nxt)
    )


def stitch(tables: list[RawTable]) -> list[RawTable]:
    out: list[RawTable] = []
    for t in tables:
        where = column_map(out[-1], t) if out else None
        if out and continues(out[-1], t, where):
            prev = out[-1]
            skip = _repeated_header_rows(prev, t)
            width = prev.n_cols
            prev.rows.extend(_placed(r, where, width) if where and len(r) == len(where) else _align(r, width)
                             for r in t.rows[skip:])
            prev.row_pages.extend(t.row_pages[skip:])
            if prev.row_confidence is not None and t.row_confidence is not None:
                prev.row_confidence.extend(t.row_confidence[skip:])
            if prev.row_uncertain is not None and t.row_uncertain is not None:
                prev.row_uncertain.extend(t.row_uncertain[skip:])
            prev.cell_boxes = (None if prev.cell_boxes is None or t.cell_boxes is None
                               else [*prev.cell_boxes, *t.cell_boxes[skip:]])
            prev.last_bbox = t.last_bbox
            prev.text_below = t.text_below
            prev.garbled = prev.garbled or t.garbled
            prev.ruled = prev.ruled and t.ruled
            continue
        out.append(t)
    return out
