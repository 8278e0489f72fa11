"""Tables with camelot 2.0: the second reader, used as a check where pdfplumber's result is doubtful.

``lattice`` with the render-free ``vector`` engine reads the ruled lines straight from the
PDF (no rasterising: a few ms a page); it was exact with TrueType fonts but places the text
of multi-line cells one line low with some Type1 CJK fonts, so it is a check, not the
first reader. ``stream`` groups text by whitespace for pages without rulings.

Both return the same :class:`RawTable` shape as :mod:`extract.tables.pdfplumber`: rows of
cells top to bottom, ``None`` for a cell covered by a merged cell, ``""`` for an empty one,
and a bbox in pdfplumber's top-left coordinates.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from extract.sources.garbled import cells_garbled
from model.tables import Cell, RawTable

LATTICE = "camelot-lattice"
STREAM = "camelot-stream"


def _cell(c: Any, row: int, col: int) -> Cell:
    text = str(c.text).strip()
    if text:
        return text
    # camelot keeps a cell per grid slot; one without its left (top) ruling continues its neighbour
    if (col > 0 and not c.left) or (row > 0 and not c.top):
        return None
    return ""


def _rows(table: Any, flavor: str) -> list[list[Cell]]:
    if flavor == "lattice":
        rows = [[_cell(c, i, j) for j, c in enumerate(r)] for i, r in enumerate(table.cells)]
    else:
        rows = [[str(c).strip() for c in r] for r in table.data]
    return [r for r in rows if any(c for c in r)]


def _to_raw(table: Any, flavor: str, index: int, page_height: float) -> RawTable | None:
    rows = _rows(table, flavor)
    if not rows:
        return None
    pno = int(table.page)
    x0, y0, x1, y1 = (float(v) for v in table._bbox)  # PDF space: origin bottom-left
    bbox = (x0, page_height - y1, x1, page_height - y0)
    return RawTable.on_page(
        page=pno,
        rows=rows,
        reader=LATTICE if flavor == "lattice" else STREAM,
        bbox=bbox,
        index_on_page=index,
        page_height=page_height,
        garbled=cells_garbled(rows),
    )


def _read(path: Path, pages: list[int], flavor: str, **kwargs: Any) -> list[RawTable]:
    if not pages:
        return []
    import camelot  # imported here: only pages found doubtful pay for it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no tables found on page N" is an answer, not a problem
        found = camelot.read_pdf(
            str(path), pages=",".join(str(p) for p in sorted(set(pages))), flavor=flavor,
            suppress_stdout=True, **kwargs,
        )
    by_page: dict[int, list[Any]] = {}
    for t in found:
        by_page.setdefault(int(t.page), []).append(t)
    out: list[RawTable] = []
    for pno in sorted(by_page):
        tables = sorted(by_page[pno], key=lambda t: (-float(t._bbox[3]), float(t._bbox[0])))
        for t in tables:
            height = float(t.pdf_size[1]) if t.pdf_size else 0.0
            raw = _to_raw(t, flavor, sum(1 for o in out if o.page == pno), height)
            if raw is not None:
                out.append(raw)
    return out


def read_lattice(path: Path, pages: list[int]) -> list[RawTable]:
    """Ruled tables of ``pages`` (1-based) from the PDF's vector rulings."""
    return _read(path, pages, "lattice", engine="vector", split_text=True)


def read_stream(
    path: Path, pages: list[int], area: tuple[float, float, float, float] | None = None, page_height: float = 0.0
) -> list[RawTable]:
    """Tables of ``pages`` (1-based) found from text alignment (no rulings needed).

    ``area`` (x0, top, x1, bottom in top-left coordinates, on a page ``page_height`` high)
    limits the reading to one region, e.g. the table another reader found there.
    """
    if area is None or not page_height:
        return _read(path, pages, "stream")
    x0, top, x1, bottom = area
    region = f"{x0 - 2:.1f},{page_height - top + 2:.1f},{x1 + 2:.1f},{page_height - bottom - 2:.1f}"
    return _read(path, pages, "stream", table_areas=[region])
