"""Tables that no reader gave: the borderless part of a page with ruled tables, and pages whose text
shows an amount table but which gave no rows (issues rule ``table_not_read``).

A page *shows an amount table* when its text has at least ``MIN_FIGURE_LINES`` lines of figures
set side by side (a 科目 code split over its 类, 款 and 项 columns, 201 03 01, is no figures), lines
of short cells holding a figure (indicator rows), or a table title with a unit line (单位：万元); a
table of contents is not one, nor a statement printed empty with a note that says so (本表为空表).
Every such page that no table covers and no row came from gets an issues row, so silence never
means "nothing there"; so does a page from which tables were read but whose text shows more lines of
figures than they hold rows of figures (a second table on it gave no rows).
"""

from __future__ import annotations

import re

from extract.sources.pdf import OpenedPdf
from extract.tables.doubt import page_doubt
from extract.tables.words import read_borderless
from model.pages import PageText
from model.records import Extraction, IssueRow
from model.tables import RawTable
from normalize.statement_names import notes_an_empty_table

RULE = "table_not_read"
MIN_FIGURE_LINES = 3  # lines of side-by-side figures that make a page show a table
# lines of figures a page may show beyond the rows of figures its tables hold (a row whose cells wrap
# sets its figures on two lines) before a table on it counts as not read
UNREAD_MARGIN = 2

_NUM = r"(?<![\d.,])[-+]?\d[\d,]*(?:\.\d+)?%?(?![\d.,])"
_FIGURES_SIDE_BY_SIDE = re.compile(rf"{_NUM}[ \t\u3000]+{_NUM}")
_TWO_NUMBERS = re.compile(rf"{_NUM}\D+{_NUM}")
# a 政府收支分类科目 code split over 类 | 款 | 项 columns (201 | 03 | 01) at a line's start, before its item's
# name: the row's key, not figures (a name wrapped over lines sets its code and its amounts on lines of
# their own in the text, one row giving two lines)
_SPLIT_CODE = re.compile(r"^\s*[0-9０-９]{3}(?:[ \t\u3000]+[0-9０-９]{2}){1,2}[ \t\u3000]+(?=[^\d\s０-９.,\-])")


def figure_lines(text: str) -> int:
    """Lines of the page's text holding two figures or more set side by side (a split 科目 code before its
    item's name aside)."""
    return sum(1 for line in text.split("\n") if _FIGURES_SIDE_BY_SIDE.search(_SPLIT_CODE.sub("", line, count=1)))


def _rows_with_figures(tables: list[RawTable], page: int) -> int:
    return sum(1 for t in tables if t.page == page for r in t.rows if _TWO_NUMBERS.search(" ".join(c or "" for c in r)))


def beside_ruled(pdf: OpenedPdf, pages: list[PageText], ruled: list[RawTable]) -> list[RawTable]:
    """Tables without rulings on pages that also hold ruled tables: read from the words outside the
    ruled tables' boxes, on the pages whose text shows more lines of figures than their ruled tables hold."""
    by_page: dict[int, list[tuple[float, float, float, float]]] = {}
    for t in ruled:
        if t.bbox is not None:
            by_page.setdefault(t.page, []).append(t.bbox)
    wanted = [p.number for p in pages
              if p.number in by_page and figure_lines(p.text) > _rows_with_figures(ruled, p.number) + UNREAD_MARGIN]
    found = read_borderless(pdf, wanted, skip=by_page)
    for t in found:  # after the page's ruled tables in reading order
        t.index_on_page += len(by_page.get(t.page, []))
        _end_text_below(t, ruled)
    return found


def _end_text_below(t: RawTable, ruled: list[RawTable]) -> None:
    """The ruled table just above ``t`` on its page: its text below ends where ``t`` begins (the same
    text as ``t``'s text above), not at the next ruled table or the page's end."""
    if t.bbox is None:
        return
    above = [r for r in ruled if r.page == t.page and r.bbox is not None and r.bbox[3] <= t.bbox[1] + 0.5]
    if above:
        max(above, key=lambda r: r.bbox[3] if r.bbox else 0.0).text_below = t.text_above


def shows_a_table(p: PageText) -> str | None:
    """Why the page's text shows an amount table, or None (a page without lines of figures whose text
    says its statement is published empty shows none: 本表为空表)."""
    if figure_lines(p.text) >= MIN_FIGURE_LINES:
        return f"{figure_lines(p.text)} lines of figures set side by side"
    if notes_an_empty_table(p.text):
        return None
    why = page_doubt(p.text, 0)
    return why if why and ("title" in why or "cells" in why) else None


def _rows_of_figures_on(tables: list[RawTable], page: int) -> int:
    """Rows holding two figures or more that the tables (stitched across pages) took from ``page``."""
    return sum(1 for t in tables for r, pg in zip(t.rows, t.row_pages, strict=False)
               if pg == page and _TWO_NUMBERS.search(" ".join(c or "" for c in r)))


def table_left_unread(p: PageText, tables: list[RawTable]) -> str | None:
    """Why a page from which tables were read still holds one that was not (a table set without rulings
    beside a ruled one, or a second borderless table that gave no rows), or None: its text shows more
    lines of figures set side by side than the tables read from it hold rows of figures (the same
    measure that sends such a page to the borderless reader, :func:`beside_ruled`)."""
    lines, rows = figure_lines(p.text), _rows_of_figures_on(tables, p.number)
    if lines > rows + UNREAD_MARGIN:
        return f"{lines} lines of figures set side by side, the tables read from it {rows} rows of figures"
    return None


def unread_pages(doc_id: str, pages: list[PageText], tables: list[RawTable], rows: Extraction) -> list[IssueRow]:
    covered = {pg for t in tables for pg in t.row_pages}
    with_rows = {r.page for r in rows.budgets} | {r.page for r in rows.indicators}
    out = []
    for p in pages:
        if p.garbled:
            continue
        if p.number in covered:
            left = table_left_unread(p, tables)
            if left:
                out.append(IssueRow(doc_id=doc_id, page=p.number, rule=RULE, severity="warning",
                                    message=f"page {p.number} shows an amount table that was not read ({left}): "
                                            "the figures of that table are missing from the dataset"))
            continue
        if p.number in with_rows:
            continue
        why = shows_a_table(p)
        if why:
            how = "OCR'd page" if p.ocr else "page"
            out.append(IssueRow(doc_id=doc_id, page=p.number, rule=RULE, severity="warning",
                                message=f"{how} {p.number} shows an amount table ({why}) but no table was read "
                                        "from it: its figures are missing from the dataset"))
    return out
