"""Lines of a page's text layer that belong to a table, not to its prose.

The text layer of a page holds the text of its tables too, in whatever order the layout left it (a
borderless table's columns may come out one after another). A line is table text when it is a row
of figures (``1,831.51  1811.52  89.78``) or when every piece of it is a cell, or one line of a cell,
of a table read on that page. A cell that holds sentences (，。；) is prose set in a grid (a report
laid out as a table, a form's 年度总体目标): its lines stay narrative; but a cell of a form's row of
``FORM_ROW_CELLS`` cells or more whose phrases a comma only joins (17.4万元/月，实际金额按考核确定 beside its
indicator and its actual value) is a cell, not prose.
"""

from __future__ import annotations

import re

from model.document import DocInput
from normalize.text import ends_a_sentence, is_sentence, no_space

FORM_ROW_CELLS = 3  # filled cells of a row of a form (indicator, target, actual), not a text merged across it

_FIGURE = re.compile(r"[-+]?[\d,.]+%?")
_YEAR = re.compile(r"(?:19|20)\d{2}")


def _figures(toks: list[str]) -> int:
    """How many pieces are figures; a year the next piece dates (2018 年度…) is a word of prose."""
    n = 0
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if _FIGURE.fullmatch(t) and not (_YEAR.fullmatch(t) and nxt.startswith("年")):
            n += 1
    return n


def is_table_line(line: str) -> bool:
    """A row of a table in the text layer: two figures or more, and mostly figures (1,831.51  1811.52
    89.78); a line of prose broken before its unit (…2018 年度支出预算总计 10,150.48) is none."""
    toks = line.split()
    if len(toks) < 3 or re.search(r"[。，；]", line):
        return False
    figures = _figures(toks)
    return figures >= 2 and figures * 2 >= len(toks)


def table_cells(doc: DocInput) -> dict[int, set[str]]:
    """Per page, the texts of the table cells on it that are no sentences, and of each of their lines
    (white space removed)."""
    cells: dict[int, set[str]] = {}
    for t in doc.tables:
        for i, row in enumerate(t.rows):
            page = t.row_pages[i] if i < len(t.row_pages) else t.page
            bucket = cells.setdefault(page, set())
            for c in row:
                if not c or _prose(c, row):  # a cell of prose (a report set in a grid) is narrative
                    continue
                bucket.add(no_space(c))
                bucket.update(no_space(ln) for ln in c.splitlines() if ln.strip())
    return cells


def _prose(cell: str, row: list[str | None]) -> bool:
    """The cell holds sentences: one ends (。；！？), or a comma joins its phrases in a row of fewer than
    ``FORM_ROW_CELLS`` cells (a text merged across the row, its label beside it)."""
    if not is_sentence(cell):
        return False
    return ends_a_sentence(cell) or sum(1 for c in row if c and c.strip()) < FORM_ROW_CELLS


def in_table(line: str, cells: set[str]) -> bool:
    """The line is a run of table cells (or lines of cells) on the page: its pieces, split at white
    space, group into cells from left to right (a cell may hold white space itself: ``5576.54 万元``)."""
    toks = [no_space(t) for t in line.split()]
    if not cells or not toks:
        return False
    ends = {0}  # the token counts a run of whole cells can cover from the line's start
    for i in range(len(toks)):
        if i not in ends:
            continue
        joined = ""
        for j in range(i, len(toks)):
            joined += toks[j]
            if joined in cells:
                ends.add(j + 1)
    return len(toks) in ends
