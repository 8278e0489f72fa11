"""Join tables that run across pages into one table.

A table continues onto the next page when it is the last thing on its page, the
next page's first table has nothing but page furniture above it, and the widths
agree. A repeated header on the continuation is dropped. Rows cut by the page
break are the interpreters' concern (they know which cells may wrap).
"""

from __future__ import annotations

from extract.furniture import strip_furniture
from extract.table_model import RawTable

# the x-extents of the two parts may differ by this much (points) and still be one table
_X_TOLERANCE = 25.0


def _same_width(a: RawTable, b: RawTable) -> bool:
    if a.last_bbox is None or b.bbox is None:
        return a.n_cols == b.n_cols
    return abs(a.last_bbox[0] - b.bbox[0]) <= _X_TOLERANCE and abs(a.last_bbox[2] - b.bbox[2]) <= _X_TOLERANCE


def _repeated_header_rows(prev: RawTable, nxt: RawTable) -> int:
    n = 0
    while n < min(4, len(prev.rows), len(nxt.rows) - 1) and prev.rows[n] == nxt.rows[n]:
        n += 1
    return n


def continues(prev: RawTable, nxt: RawTable) -> bool:
    return (
        nxt.page == prev.last_page + 1
        and nxt.index_on_page == 0
        and prev.reader == nxt.reader
        and not strip_furniture(prev.text_below).strip()
        and not strip_furniture(nxt.text_above).strip()
        and _same_width(prev, nxt)
    )


def stitch(tables: list[RawTable]) -> list[RawTable]:
    out: list[RawTable] = []
    for t in tables:
        if out and continues(out[-1], t):
            prev = out[-1]
            skip = _repeated_header_rows(prev, t)
            prev.rows.extend(t.rows[skip:])
            prev.row_pages.extend(t.row_pages[skip:])
            prev.last_bbox = t.last_bbox
            prev.text_below = t.text_below
            prev.garbled = prev.garbled or t.garbled
            prev.extra.setdefault("continued_on_pages", []).append(t.page)  # type: ignore[union-attr]
            continue
        out.append(t)
    return out
