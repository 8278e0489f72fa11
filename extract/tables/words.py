"""Tables from pdfplumber's word positions, ruled or not (the reader of :mod:`extract.tables.positions`).

Used on every page whose text layer shows a table of figures that no ruled table covers: pages
typeset without rulings, and the parts of a page outside its ruled tables. The words of each page
that gave a table are kept with the opened PDF, so a check of what that page prints against what was
read from it (:func:`words_of_page`) does not parse the page a second time.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from extract.sources.pdf import OpenedPdf, opened_pdf
from extract.tables.cell_lines import keep_borderless_geometry
from extract.tables.positions import read_positions
from extract.tables.sideways import upright_words
from model.tables import RawTable

READER = "words"

Word = dict[str, Any]

# the words of the pages this reader read a table from, per opened PDF (dropped with it)
_KEPT: weakref.WeakKeyDictionary[OpenedPdf, dict[int, list[Word]]] = weakref.WeakKeyDictionary()


def tables_on_page(words: list[Word], page_number: int, page_height: float,
                   skip: Sequence[tuple[float, float, float, float]] = ()) -> list[RawTable]:
    """The tables among ``words`` (pdfplumber ``extract_words`` dicts of one page), outside ``skip``."""
    return [p.table for p in read_positions(words, page=page_number, page_height=page_height, reader=READER,
                                            skip=skip)]


def page_words(page: Any) -> list[Word]:
    """The page's words, turned upright when its text runs sideways (see :mod:`extract.tables.sideways`)."""
    return upright_words(page).words


def words_of_page(pdf: OpenedPdf, number: int) -> list[Word]:
    """The words of page ``number`` (1-based) as this reader takes them (:func:`page_words`): those it
    kept when it read a table from the page, else read now."""
    kept = _KEPT.get(pdf, {}).get(number)
    if kept is not None:
        return kept
    page = pdf.plumber.pages[number - 1]
    try:
        return page_words(page)
    finally:
        page.close()


def read_borderless(source: OpenedPdf | Path, pages: list[int],
                    skip: dict[int, list[tuple[float, float, float, float]]] | None = None) -> list[RawTable]:
    """The tables of ``pages`` (1-based) read from word positions; ``skip``: boxes per page already read."""
    out: list[RawTable] = []
    wanted = set(pages)
    if not wanted:
        return out
    with opened_pdf(source) as pdf:
        for pno in sorted(wanted):
            page = pdf.plumber.pages[pno - 1]
            frame = upright_words(page)
            boxes = (skip or {}).get(pno, ())  # the ruled tables' boxes, in the upright frame as these words
            found = read_positions(frame.words, page=pno, page_height=frame.height, reader=READER, skip=boxes)
            out.extend(p.table for p in found)
            if found and isinstance(source, OpenedPdf):  # for the checks of what the page prints
                _KEPT.setdefault(source, {})[pno] = frame.words
            if frame.turn == 0 and isinstance(source, OpenedPdf):  # the cells' lines, for the interpreters
                keep_borderless_geometry(source, pno, [(p.boxes, p.table.rows) for p in found], page.chars)
            page.close()
    return out
