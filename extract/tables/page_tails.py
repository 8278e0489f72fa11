"""The rest of a borderless table's last row, alone on the next page.

A statement's last item name wraps (２２１０２０３ 购 / 房补贴) and the page breaks between its lines: the
next page holds nothing but the rest of that name and page furniture. No reader finds a table there (one
short line, no figures) and the item would keep the first part of its name. Such a page continues the
table that ends the page before: each of its lines a row, each word laid into the column of that table
its middle stands in, as the same reader, so the parts are stitched (:mod:`extract.tables.stitch`) and
the statement reader joins the rest to its item.

A page is such a tail when no table was read from it, its text (furniture aside) is no more than
``TAIL_LINES`` lines holding no figure and naming no table of its own, each word within the columns of
the table read from word positions that ends the page before with nothing below it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from extract.sources.pdf import OpenedPdf
from extract.tables.positions import Line, lines_of
from extract.tables.stitch import names_a_table
from extract.tables.words import READER, page_words
from model.pages import PageText
from model.tables import Cell, RawTable
from normalize.furniture import is_furniture, strip_furniture

TAIL_LINES = 2  # lines of text (furniture aside) the rest of a table's last row may take on its page
EDGE = 2.0  # points a word may stand outside the table's columns

Word = dict[str, Any]
WordsOn = Callable[[int], tuple[list[Word], float]]

_FIGURE = re.compile(r"\d[\d,]*\.\d|\d{3,}")  # an amount or a code: a line holding one is not a name's rest


def page_tails(pages: list[PageText], tables: list[RawTable], words_on: WordsOn) -> list[RawTable]:
    """The tables of the pages that hold nothing but the rest of the last row of the table before them
    (``words_on``: a page's words and height, see :func:`pdf_words`)."""
    read = {pg for t in tables for pg in t.row_pages}
    out: list[RawTable] = []
    for p in pages:
        if p.number in read or p.garbled or p.ocr or not _short_text(p.text):
            continue
        before = [t for t in tables if t.last_page == p.number - 1]
        if not before:
            continue
        prev = max(before, key=lambda t: t.index_on_page)
        if prev.reader != READER or not prev.columns or strip_furniture(prev.text_below).strip():
            continue
        words, height = words_on(p.number)
        tail = _tail(words, p.number, height, prev.columns)
        if tail is not None:
            out.append(tail)
    return out


def pdf_words(pdf: OpenedPdf) -> WordsOn:
    """A page's words as the reader of word positions takes them, and its height."""
    def words_on(number: int) -> tuple[list[Word], float]:
        page = pdf.plumber.pages[number - 1]
        try:
            return page_words(page), float(page.height)
        finally:
            page.close()
    return words_on


def _short_text(text: str) -> bool:
    lines = [ln for ln in strip_furniture(text).splitlines() if ln.strip()]
    return 0 < len(lines) <= TAIL_LINES and not any(_FIGURE.search(ln) or names_a_table(ln) for ln in lines)


def _tail(words: list[Word], page: int, height: float, cols: list[tuple[float, float]]) -> RawTable | None:
    lines = [ln for ln in lines_of(words) if not is_furniture(ln.text)]
    if not lines or any(s.x0 < cols[0][0] - EDGE or s.x1 > cols[-1][1] + EDGE for ln in lines for s in ln.segments):
        return None
    rows = [_row(ln, cols) for ln in lines]
    bbox = (cols[0][0], lines[0].top, cols[-1][1], lines[-1].bottom)  # laid into the columns of the part before
    table = RawTable.on_page(page=page, rows=rows, reader=READER, bbox=bbox, page_height=height)
    table.columns = list(cols)
    return table


def _row(ln: Line, cols: list[tuple[float, float]]) -> list[Cell]:
    """The line's segments laid into the columns their middles stand in (the nearest)."""
    cells: list[list[str]] = [[] for _ in cols]
    for s in ln.segments:
        mid = (s.x0 + s.x1) / 2
        c = min(range(len(cols)), key=lambda k: 0.0 if cols[k][0] <= mid <= cols[k][1]
                else min(abs(mid - cols[k][0]), abs(mid - cols[k][1])))
        cells[c].append(s.text)
    return [" ".join(parts) for parts in cells]
