"""The shape every table reader returns, whatever library produced it."""

from __future__ import annotations

from dataclasses import dataclass

Cell = str | None  # None: covered by a merged cell; "": an empty cell


@dataclass(kw_only=True)
class RawTable:
    page: int  # 1-based page of the first row
    rows: list[list[Cell]]
    row_pages: list[int]  # the page of each row (tables run across pages)
    reader: str  # pdfplumber, camelot-lattice, camelot-stream, docx, xlsx
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom on its first page
    last_bbox: tuple[float, float, float, float] | None = None  # on its last page
    index_on_page: int = 0
    text_above: str = ""  # text between the previous table (or page top) and this table
    text_below: str = ""  # text between this table and the next (or page bottom)
    page_height: float = 0.0
    garbled: bool = False  # some cell holds (cid:N) or replacement characters
    caption: str = ""  # a name the source gives the table outside its cells: a worksheet's tab name
    row_confidence: list[float | None] | None = None  # OCR: lowest confidence of each row's cells
    row_uncertain: list[bool] | None = None  # OCR: a figure of the row had uncertain characters
    columns: list[tuple[float, float]] | None = None  # each column's x-range (x0, x1): position reader, ruled grid
    ruled: bool = False  # cells built from the rulings a reader of words saw (a scan's grid): merged cells as printed
    # OCR'd ruled tables: each row's cell boxes (x0, top, x1, bottom) in points of the visible page of its
    # row (None: covered by a merged cell), for reading a doubtful cell again (extract/tables/identity_rereads.py)
    cell_boxes: list[list[tuple[float, float, float, float] | None]] | None = None

    @classmethod
    def on_page(
        cls,
        *,
        page: int,
        rows: list[list[Cell]],
        reader: str,
        bbox: tuple[float, float, float, float] | None = None,
        index_on_page: int = 0,
        text_above: str = "",
        text_below: str = "",
        page_height: float = 0.0,
        garbled: bool = False,
        caption: str = "",
    ) -> RawTable:
        """A table as one reader found it on one page (every row on ``page``; its last box is its first)."""
        return cls(
            page=page, rows=rows, row_pages=[page] * len(rows), reader=reader, bbox=bbox, last_bbox=bbox,
            index_on_page=index_on_page, text_above=text_above, text_below=text_below, page_height=page_height,
            garbled=garbled, caption=caption,
        )

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    @property
    def last_page(self) -> int:
        return self.row_pages[-1] if self.row_pages else self.page
