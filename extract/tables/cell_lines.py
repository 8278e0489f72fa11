"""The printed lines of each cell of a ruled PDF table, with their positions.

A table cell's text joins its lines with "\\n" whether a line ends a paragraph or was wrapped by
the cell's width; the self-evaluation reader needs to tell the two apart where several indicators
share one cell, one per line (extract/interpreters/selfeval/vertical.py). This module reads one
page of the already opened pdfplumber PDF again (only for the few rows that need it; pages are
cached per PDF) and gives each cell's lines with their top/bottom and left/right ends, the
cell's box, and whether each line was wrapped from the line above: the line above ends so near
the cell's right edge that the first word of this line could not have fitted after it.
"""

from __future__ import annotations

import re
import weakref
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.sources.pdf import OpenedPdf, opened_pdf
from model.tables import Cell
from normalize.text import no_space

_ASCII_WORD = re.compile(r"[0-9A-Za-z.,%+\-/:≥≤<>=]")
# a line may not start with these (the character before moves down with it)
_NO_LINE_START = set("，。、；：？！）》」』】,.;:?!)%％/／")
# a line may not end with these (they move down with the character after them: （套） is one piece)
_NO_LINE_END = set("（《「『【“‘([")
_SLACK = 0.25  # of the font size: room this small on the line above still means the line was wrapped


@dataclass(frozen=True)
class CellLine:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    wrapped: bool  # this line continues the line above (the cell's width broke it)
    room: float  # space left on the line above after this line's first word would have moved up


@dataclass(frozen=True)
class CellLines:
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    text: str  # the cell's text as the table reader gives it
    lines: tuple[CellLine, ...]


def _lines_of(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into printed lines (tops within half a character's height), top to bottom."""
    lines: list[list[dict[str, Any]]] = []
    for ch in sorted(chars, key=lambda c: (float(c["top"]), float(c["x0"]))):
        if lines:
            last = lines[-1]
            ref = last[0]
            if abs(float(ch["top"]) - float(ref["top"])) <= 0.5 * max(float(ref["size"]), 1.0):
                last.append(ch)
                continue
        lines.append([ch])
    return [sorted(ln, key=lambda c: float(c["x0"])) for ln in lines]


def _first_token_width(line: list[dict[str, Any]]) -> float:
    """Width of what could not have moved up to the line above: a Latin word or number as a whole,
    one CJK character, with the characters that may not be parted from it by a line break (an
    opening bracket and what follows it, the closing punctuation after it: （套）, 元/)."""
    chars = [c for c in line if c["text"].strip()]
    if not chars:
        return 0.0
    n = 1
    if _ASCII_WORD.match(chars[0]["text"]):
        while n < len(chars) and _ASCII_WORD.match(chars[n]["text"]):
            n += 1
    while n < len(chars) and (chars[n - 1]["text"] in _NO_LINE_END or chars[n]["text"] in _NO_LINE_START):
        n += 1
    return float(chars[n - 1]["x1"]) - float(chars[0]["x0"])


def cell_lines(bbox: tuple[float, float, float, float], text: str, chars: list[dict[str, Any]]) -> CellLines:
    """The lines of one cell from the page's characters whose centres fall inside ``bbox``."""
    x0, top, x1, bottom = bbox
    inside = [
        c
        for c in chars
        if x0 <= (float(c["x0"]) + float(c["x1"])) / 2 <= x1
        and top <= (float(c["top"]) + float(c["bottom"])) / 2 <= bottom
        and c["text"].strip()
    ]
    grouped = _lines_of(inside)
    # the cell's inner margin, as the smallest gap between a line and the cell's left edge
    margin = min((float(ln[0]["x0"]) - x0 for ln in grouped), default=0.0)
    out: list[CellLine] = []
    for n, ln in enumerate(grouped):
        lx0, lx1 = float(ln[0]["x0"]), float(ln[-1]["x1"])
        wrapped = False
        free = float("inf")  # the first line starts a paragraph
        if n > 0:
            prev = grouped[n - 1]
            free = (x1 - float(prev[-1]["x1"])) - margin - _first_token_width(ln)
            # layout engines keep a little more than the left margin free on the right
            wrapped = free < _SLACK * max(float(prev[-1]["size"]), 1.0)
        out.append(
            CellLine(
                "".join(c["text"] for c in ln),
                float(min(c["top"] for c in ln)),
                float(max(c["bottom"] for c in ln)),
                lx0,
                lx1,
                wrapped,
                free,
            )
        )
    return CellLines(bbox, text, tuple(out))


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True, kw_only=True)
class PageChars:
    """A page's printed characters (blank ones left out) that lie in its tables, in the page's order,
    kept compact: their texts and, five numbers a character, x0, x1, top, bottom and font size."""

    texts: tuple[str, ...]
    coords: array[float]

    @classmethod
    def of(cls, chars: list[dict[str, Any]], boxes: list[Box]) -> PageChars:
        """The characters of ``chars`` whose centres fall inside one of ``boxes`` (the tables')."""
        texts: list[str] = []
        coords: array[float] = array("d")
        for c in chars:
            if not c["text"].strip():
                continue
            cx = (float(c["x0"]) + float(c["x1"])) / 2
            cy = (float(c["top"]) + float(c["bottom"])) / 2
            for x0, top, x1, bottom in boxes:
                if x0 <= cx <= x1 and top <= cy <= bottom:
                    texts.append(c["text"])
                    coords.extend((float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]),
                                   float(c["size"])))
                    break
        return cls(texts=tuple(texts), coords=coords)

    def inside(self, bbox: Box) -> list[dict[str, Any]]:
        """The characters whose centres fall inside ``bbox``, as the character records of pdfplumber."""
        x0, top, x1, bottom = bbox
        k = self.coords
        out = []
        for i, text in enumerate(self.texts):
            j = 5 * i
            if x0 <= (k[j] + k[j + 1]) / 2 <= x1 and top <= (k[j + 2] + k[j + 3]) / 2 <= bottom:
                out.append({"text": text, "x0": k[j], "x1": k[j + 1], "top": k[j + 2], "bottom": k[j + 3],
                            "size": k[j + 4]})
        return out


@dataclass(frozen=True, kw_only=True)
class TableRowCells:
    boxes: tuple[Box | None, ...]  # None: a cell covered by a merged one
    texts: tuple[str, ...]  # each cell's text as the table reader gives it ("" for a covered cell)


@dataclass(frozen=True, kw_only=True)
class PageGeometry:
    """What the table reader found on one page, kept so the cells' lines need no second parse:
    the rows of every ruled table (top to bottom, then left to right) and the characters in them."""

    tables: tuple[tuple[TableRowCells, ...], ...]
    chars: PageChars


# pages whose geometry is known, per opened PDF (dropped with it)
_PAGES: weakref.WeakKeyDictionary[OpenedPdf, dict[int, PageGeometry]] = weakref.WeakKeyDictionary()


def keep_geometry(pdf: OpenedPdf, page: int, found: list[Any], texts: list[list[list[str | None]]],
                  chars: list[dict[str, Any]]) -> None:
    """Remember the ruled tables pdfplumber ``found`` on ``page`` (1-based; sorted top to bottom, then
    left to right), their cells' ``texts`` (``Table.extract()``) and the page's ``chars``."""
    _PAGES.setdefault(pdf, {})[page] = _geometry(found, texts, chars)


def keep_borderless_geometry(pdf: OpenedPdf, page: int, tables: list[tuple[list[list[Box | None]], list[list[Cell]]]],
                             chars: list[dict[str, Any]]) -> None:
    """Remember, beside the ruled tables kept for ``page``, the tables read from its words' positions:
    each as its cells' boxes and texts row by row (a ``None`` box: an empty or covered cell), and the
    page's ``chars`` in them, so their cells' lines are read as a ruled cell's are."""
    if not tables:
        return
    kept = _PAGES.setdefault(pdf, {}).get(page)
    rows = tuple(
        tuple(TableRowCells(boxes=tuple(b), texts=tuple((t or "").strip() for t in texts))
              for b, texts in zip(boxes, cells, strict=True))
        for boxes, cells in tables
    )
    boxes = [b for bs, _ in tables for row in bs for b in row if b is not None]
    mine = PageChars.of(chars, boxes)
    if kept is None:
        _PAGES[pdf][page] = PageGeometry(tables=rows, chars=mine)
        return
    merged = PageChars(texts=kept.chars.texts + mine.texts, coords=kept.chars.coords + mine.coords)
    _PAGES[pdf][page] = PageGeometry(tables=kept.tables + rows, chars=merged)


def _geometry(found: list[Any], texts: list[list[list[str | None]]], chars: list[dict[str, Any]]) -> PageGeometry:
    tables = []
    for t, rows in zip(found, texts, strict=True):
        tables.append(tuple(
            TableRowCells(boxes=tuple(row.cells), texts=tuple((txt or "").strip() for txt in cells))
            for row, cells in zip(t.rows, rows, strict=False)
        ))
    return PageGeometry(tables=tuple(tables), chars=PageChars.of(chars, [t.bbox for t in found]))


def page_geometry(source: OpenedPdf | Path, page: int) -> PageGeometry:
    """The ruled tables of ``page`` (1-based) and their characters: as the table reader kept them, else
    read now (a page the table reader skipped, or a PDF it did not read)."""
    with opened_pdf(source) as pdf:
        done = _PAGES.setdefault(pdf, {})
        if page not in done:
            done[page] = _read_page_geometry(pdf, page)
        return done[page]


def _read_page_geometry(opened: OpenedPdf, page: int) -> PageGeometry:
    pdf = opened.plumber
    if not 0 < page <= len(pdf.pages):
        return PageGeometry(tables=(), chars=PageChars(texts=(), coords=array("d")))
    p = pdf.pages[page - 1]
    found = sorted(p.find_tables(), key=lambda t: (t.bbox[1], t.bbox[0]))
    geometry = _geometry(found, [t.extract() for t in found], p.chars)
    p.close()
    return geometry


def _fold(cells: list[Cell] | tuple[str | None, ...]) -> list[str]:
    return [no_space(c) for c in cells if c and c.strip()]


def row_cell_lines(source: OpenedPdf | Path, page: int, row: list[Cell]) -> list[CellLines | None] | None:
    """The cells of the table row on ``page`` whose texts are ``row``'s, aligned to ``row`` from the
    right (a stitched part may have been padded on the left); None when no such row is found."""
    want = _fold(row)
    if not want:
        return None
    try:
        geometry = page_geometry(source, page)
    except Exception:  # a page pdfplumber cannot re-read: the caller reads the text alone
        return None
    for table in geometry.tables:
        for cells in table:
            if _fold(tuple(None if box is None else txt for box, txt in zip(cells.boxes, cells.texts,
                                                                             strict=False))) != want:
                continue
            got: list[CellLines | None] = [
                None if box is None else cell_lines(box, txt, geometry.chars.inside(box))
                for box, txt in zip(cells.boxes, cells.texts, strict=False)
            ]
            if len(got) < len(row):
                got = _padded(got, cells.texts, row)
            return got[len(got) - len(row) :]
    return None


def _padded(got: list[CellLines | None], texts: tuple[str, ...], row: list[Cell]) -> list[CellLines | None]:
    """``got`` (one per cell of the row as read) widened to ``row``'s cells: empty cells on the left (a
    stitched part padded there), else as many on the right as puts each text under its own cell (a part
    placed in a ruled table's columns, extract/tables/ruled_columns.py)."""
    missing = len(row) - len(got)
    want = [no_space(c or "") for c in row]
    for left in range(missing, -1, -1):
        if all(not t.strip() or no_space(t) == want[left + i] for i, t in enumerate(texts[: len(got)])):
            return [None] * left + got + [None] * (missing - left)
    return [None] * missing + got
