"""Pages without a text layer: OCR'd (extract/sources/ocr.py) and read by the position reader.

The OCR engine's words (boxes in points of the visible page, with confidences) go through the
same reader as a text layer's words (:mod:`extract.tables.positions`), so the interpreters see an
OCR'd table as they see a digital one. Each table carries the lowest confidence of each row's
cells and whether a figure of the row was uncertain (a digit read with little confidence, or a
slip mended by :func:`extract.sources.ocr.normalise_number`): the rows it gives are flagged.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from extract.sources.garbled import cells_garbled
from extract.sources.mark_shapes import OPERATORS, SHAPE_CONFIDENCE
from extract.sources.marks import is_mark
from extract.sources.ocr import (
    EXTRACTOR,
    UNCERTAIN_BELOW,
    OcrPage,
    OcrWord,
    Ruling,
    normalise_number,
    number_needs_flag,
    ocr_page,
)
from extract.sources.pdf import OpenedPdf
from extract.tables.cell_lines import keep_geometry
from extract.tables.doubt import Note
from extract.tables.positions import GAP_CHARS, MIN_ROWS, char_width, read_positions
from extract.tables.scan_cells_again import read_unsure_cells_again
from extract.tables.scan_grid import (
    ScanTable,
    crossed_cells,
    fill,
    grids,
    level_words,
    unlevelled,
    without_strokes,
    word_chars,
)
from extract.tables.scan_text import page_text, prose_rows
from model.pages import PageText
from model.tables import RawTable


@dataclass
class ScanReading:
    tables: list[RawTable] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0  # CPU seconds: render + detect + recognise
    notes: list[Note] = field(default_factory=list)  # what was seen and not read (issues rows)
    words: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # each page's OCR'd words, levelled


OUTSIDE_RULE = "scan_words_outside_cells"
SHOWN_WORDS = 6  # words named in the message


def outside_notes(found: list[ScanTable], page: int) -> list[Note]:
    """Notes for each ruled table of a scanned page with words inside its bounds in none of its cells
    (:func:`extract.tables.scan_grid.outside_cells`), or with cells a wall runs across inside
    (:func:`extract.tables.scan_grid.crossed_cells`): a column or row of cells lost."""
    out = []
    for k, t in enumerate(found):
        if t.outside:
            words = sorted(t.outside, key=lambda w: (w["top"], w["x0"]))
            shown = " ".join(str(w["text"]) for w in words[:SHOWN_WORDS])
            more = f" and {len(words) - SHOWN_WORDS} more" if len(words) > SHOWN_WORDS else ""
            out.append(Note(page, f"page {page}, ruled table {k} (scanned): {len(words)} word(s) inside the table "
                                  f"fell in none of its cells, not read: {shown}{more} (a ruling not seen: a column "
                                  f"or row of cells missing)", OUTSIDE_RULE))
        if t.crossed:
            cells = ", ".join(f"row {i} column {j}" for i, j in t.crossed[:SHOWN_WORDS])
            more = f" and {len(t.crossed) - SHOWN_WORDS} more" if len(t.crossed) > SHOWN_WORDS else ""
            out.append(Note(page, f"page {page}, ruled table {k} (scanned): a ruling runs across inside "
                                  f"{len(t.crossed)} cell(s) that were not cut at it ({cells}{more}): the text of "
                                  f"several cells read as one, a row or column of cells missing", OUTSIDE_RULE))
    return out


def _word_dict(w: OcrWord) -> dict[str, Any]:
    d = w.as_dict()
    reading = normalise_number(w.text)
    if reading.changed and not reading.ambiguous:
        d["text"] = reading.text
    d["confidence"] = w.confidence
    d["uncertain"] = number_needs_flag(w)
    d["char_x"] = list(w.char_x)
    return d


MAX_SKEW = 0.035  # slopes beyond about 2° are not a scan's skew but something else (a diagonal stamp)
MIN_SPAN = 0.3  # a line of words spanning at least this share of the page width measures the skew
MIN_RULINGS_FOR_SKEW = 3  # long rulings across that measure the skew in place of the lines of words


def _centre(w: dict[str, Any]) -> tuple[float, float]:
    return (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2


def skew_slope(words: list[dict[str, Any]], width: float) -> float:
    """The page's skew as dy/dx: the median slope of the wide lines (their words' centres fitted by
    least squares), 0 when no line is wide enough to tell."""
    if not words:
        return 0.0
    height = statistics.median(w["bottom"] - w["top"] for w in words) or 10.0
    slopes: list[float] = []
    line: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: (_centre(w)[1], w["x0"])):
        x, y = _centre(w)
        if line and abs(y - line[-1][1]) > height * 0.4:
            slopes.extend(_slope(line, width))
            line = []
        line.append((x, y))
    slopes.extend(_slope(line, width))
    return statistics.median(slopes) if slopes else 0.0


def page_skew(words: list[dict[str, Any]], rulings: list[Ruling], width: float) -> float:
    """The page's skew as dy/dx: the median slope of its long rulings across (a ruling spanning
    ``MIN_SPAN`` of the page width or more: its ends' heights are measured to a pixel), else of its
    wide lines of words (:func:`skew_slope`). Lines of words tell a skew of a degree badly: a word at
    the right end of a line stands as low as the next line's start, and the lines are mixed."""
    slopes = [(r.y1 - r.y0) / (r.x1 - r.x0) for r in rulings
              if not r.vertical and r.x1 - r.x0 >= MIN_SPAN * width]
    slopes = [s for s in slopes if abs(s) <= MAX_SKEW]
    if len(slopes) >= MIN_RULINGS_FOR_SKEW:
        return statistics.median(slopes)
    return skew_slope(words, width)


def _slope(points: list[tuple[float, float]], width: float) -> list[float]:
    xs = [p[0] for p in points]
    if len(points) < 3 or max(xs) - min(xs) < MIN_SPAN * width:
        return []
    mx, my = statistics.fmean(xs), statistics.fmean(p[1] for p in points)
    var = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in points) / var
    return [slope] if abs(slope) <= MAX_SKEW else []


def deskewed(words: list[dict[str, Any]], width: float) -> list[dict[str, Any]]:
    """``words`` with the page's skew taken out of their vertical positions (a ±1° scan drifts by
    several points across a line: enough to run one table row into the next)."""
    slope = skew_slope(words, width)
    if not slope:
        return words
    out = []
    for w in words:
        dy = slope * ((w["x0"] + w["x1"]) / 2 - width / 2)
        out.append({**w, "top": w["top"] - dy, "bottom": w["bottom"] - dy})
    return out


WALL_INSIDE = 0.3  # a ruling up to this share of a character inside a word's left edge (its box is estimated)


def mark_walls(words: list[dict[str, Any]], rulings: list[Ruling]) -> list[dict[str, Any]]:
    """``words`` with ``wall_before`` set on each word that has a vertical ruling just before it
    (from a character's width before its left edge to a little inside it): the position reader
    never joins such a word to the word before it into one cell. Two cells of prose side by side
    in a ruled form can be set with a gutter narrower than a character; the ruling between them
    tells them apart."""
    if not rulings or not words:
        return words
    reach = char_width(words) * GAP_CHARS
    out = []
    for w in words:
        mid = (w["top"] + w["bottom"]) / 2
        xs = [x for r in rulings if (x := r.x_at(mid)) is not None]
        wall = any(w["x0"] - reach <= x <= w["x0"] + reach * WALL_INSIDE for x in xs)
        out.append({**w, "wall_before": True} if wall else w)
    return out


def _uncertain_rows(table: RawTable, words: list[dict[str, Any]]) -> list[bool]:
    """Rows holding a word whose figure was uncertain (matched by its text within the row's cells)."""
    unsure = [w["text"] for w in words if w["uncertain"]]
    out = []
    for row in table.rows:
        cells = " ".join(c for c in row if c)
        out.append(any(u and u in cells for u in unsure))
    return out


_FIGURE = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")
_LONE_ZERO = frozenset({"o", "O", "〇"})  # a lone 0 as the recogniser may read it
_PERCENT = frozenset({"%", "％"})


def mend_lone_zeros(table: RawTable) -> set[int]:
    """A cell that is a lone letter O in a row of figures is the figure 0 (the recogniser reads a
    lone 0, with no digits beside it, as the letter): mended, and the rows mended returned (to be
    flagged). A row of figures: another of its cells is a figure (an indicator's 指标值 ``100`` beside
    its 实际值 read as ``o``) or a percent sign alone (the 度量单位 of a rate whose 指标值 and 实际值
    are both 0, both read as ``o``). In a row of label-and-value pairs (``其他资金： | o``), a lone O
    right after a label ending in a colon is the pair's figure 0 too (:func:`_after_label`)."""
    mended: set[int] = set()
    for i, row in enumerate(table.rows):
        lone = [j for j, c in enumerate(row) if c is not None and c.strip() in _LONE_ZERO]
        figures = sum(1 for c in row if c is not None and (_FIGURE.match(c.strip()) or c.strip() in _PERCENT))
        if figures < 1:
            lone = [j for j in lone if _after_label(row, j)]
        if not lone:
            continue
        for j in lone:
            row[j] = "0"
        mended.add(i)
    return mended


_COLONS = (":", "：")


def _after_label(row: list[str | None], j: int) -> bool:
    """The cell follows a label ending in a colon (``其他资金：``): the value of a label-and-value pair,
    which a form prints as a figure (an amount) or as words, never as a lone letter."""
    before = [c for c in row[:j] if c is not None and c.strip()]
    return bool(before) and before[-1].strip().endswith(_COLONS)


def _between(words: list[dict[str, Any]], top: float, bottom: float) -> str:
    """The lines of ``words`` between ``top`` and ``bottom``: a word is there when its middle is, as a
    cell holds a word whose middle is in it (an OCR'd box is looser than the print: the line just above a
    table, 项目名称：…, reaches past the table's top ruling)."""
    lines: dict[int, list[dict[str, Any]]] = {}
    for w in words:
        if top <= (w["top"] + w["bottom"]) / 2 <= bottom:
            lines.setdefault(round(w["top"] / 3), []).append(w)
    return "\n".join(" ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"])) for _, ws in sorted(lines.items()))


def operator_columns(t: ScanTable) -> set[int]:
    """The columns of a table that hold comparison operators alone in their cells (a 指标性质
    column): at least :data:`OPERATOR_CELLS` of their cells are one, and they are most of the
    column's cells that hold one or two characters."""
    out: set[int] = set()
    for j in range(max((len(r) for r in t.rows), default=0)):
        cells = [(r[j] or "").strip() for r in t.rows if j < len(r)]
        ops = sum(1 for c in cells if c in OPERATORS)
        short = sum(1 for c in cells if 0 < len(c) <= 2)
        if ops >= OPERATOR_CELLS and ops * 2 > short:
            out.add(j)
    return out


OPERATOR_CELLS = 2


def _fill_shapes(t: ScanTable, read: OcrPage, slope: float, centre: tuple[float, float],
                 unread: list[tuple[int, int, tuple[float, float, float, float]]]) -> None:
    """Cells of a column of operators that hold ink the recogniser read as nothing: their mark told
    by its strokes (:meth:`OcrPage.read_shapes`), kept with a middling confidence."""
    columns = operator_columns(t)
    todo = [(i, j, box) for i, j, box in unread if j in columns and not (t.rows[i][j] or "").strip()]
    if not todo:
        return
    shapes = read.read_shapes([unlevelled(box, slope, centre) for _, _, box in todo])
    for (i, j, _), mark in zip(todo, shapes, strict=True):
        if mark is not None:
            t.rows[i][j] = mark
            t.row_words[i].append({"text": mark, "confidence": SHAPE_CONFIDENCE, "uncertain": False})


def _fill_marks(t: ScanTable, read: OcrPage, slope: float, centre: tuple[float, float]) -> None:
    """Cells the detector found no text in but that hold ink, and cells holding one mark only: the
    mark in them read again from the image, cut as a mark is (the ``—`` of an empty amount, the
    ``=`` of a 指标性质); a new reading replaces an old one when it is surer, or when it reads the
    old mark whole (the cell's ink holds a ``>=`` of which the detector's box held the ``>``:
    :func:`_completes`), never when it reads a part of the old one only."""
    if not t.spots:
        return
    marks = read.read_spots([unlevelled(box, slope, centre) for _, _, box, _ in t.spots])
    unread = [(i, j, box) for (i, j, box, _), mark in zip(t.spots, marks, strict=True) if mark is None]
    for (i, j, _, old), mark in zip(t.spots, marks, strict=True):
        if mark is None or (old is None and not is_mark(mark[0])):
            continue  # an empty cell holds a mark at most (a figure there is a number a seal's ring cut apart)
        was = (t.rows[i][j] or "").strip()
        if was and was != mark[0] and was.startswith(mark[0]):
            continue  # a part of what was read (the ``>`` of a ``>=``): never surer than the whole
        if old is not None and mark[1] <= old and not _completes(was, mark[0]):
            continue
        t.rows[i][j] = mark[0]
        # a figure read again less surely than a character's certainty stays doubtful: its row is flagged
        unsure = mark[1] < UNCERTAIN_BELOW and any(c.isdigit() for c in mark[0])
        t.row_words[i].append({"text": mark[0], "confidence": mark[1], "uncertain": unsure})
    _fill_shapes(t, read, slope, centre, unread)


def _completes(was: str, mark: str) -> bool:
    """The reading ``mark`` is the mark ``was`` read whole (the ``>=`` of which the detector's box held the
    ``>``): it replaces ``was`` however unsurely read. A figure read longer (``7`` again as ``78``: a seal's
    stroke across the cell taken for a digit) is not a mark completed: it replaces a figure only when surer."""
    return bool(was) and was != mark and mark.startswith(was) and is_mark(mark) and not mark.isdigit()


@dataclass(frozen=True)
class _GridRow:
    cells: tuple[tuple[float, float, float, float] | None, ...]


@dataclass(frozen=True)
class _Grid:
    bbox: tuple[float, float, float, float]
    rows: list[_GridRow]


def keep_cell_lines(pdf: OpenedPdf, page: int, tables: list[ScanTable], words: list[dict[str, Any]]) -> None:
    """Leave the ruled tables' cells and the OCR'd characters in them where the self-evaluation
    reader looks up a cell's printed lines (:func:`extract.tables.cell_lines.keep_geometry`), as the
    ruled reader leaves a digital page's: a name wrapped inside its cell is then told from several
    indicators set one per line, on a scan as on the same form digital."""
    found = [_Grid(bbox=t.bbox, rows=[_GridRow(cells=b) for b in t.row_boxes]) for t in tables]
    texts = [[[c if c is not None else None for c in row] for row in t.rows] for t in tables]
    keep_geometry(pdf, page, found, texts, word_chars(words))


def _opens_page(t: ScanTable, words: list[dict[str, Any]]) -> bool:
    """The table is the first thing on its page (no word above it): the end of a table that began
    on the page before (its 总分 row), kept however few its rows, as the ruled reader keeps it. A word
    without a character of text (a dash: a seal's ring read as a stroke) is not something printed above it."""
    return bool(t.rows) and not any(w["bottom"] <= t.bbox[1] and any(ch.isalnum() for ch in str(w["text"]))
                                    for w in words)


def ruled_tables(words: list[dict[str, Any]], read: OcrPage, *, page: int,
                 pdf: OpenedPdf | None = None) -> tuple[list[RawTable], list[dict[str, Any]]]:
    """The ruled tables of a scanned page (cells from the image's rulings, text from ``words``), and
    the words levelled with the page's skew (for the position reader to read what is left). With
    ``pdf``, the cells' printed lines are left for the self-evaluation reader (:func:`keep_cell_lines`)."""
    found, level = ruled_grids(words, read, page=page, pdf=pdf)
    return raw_tables(found, level, page=page, height=read.height), level


def ruled_grids(words: list[dict[str, Any]], read: OcrPage, *, page: int,
                pdf: OpenedPdf | None = None) -> tuple[list[ScanTable], list[dict[str, Any]]]:
    """The ruled tables of a scanned page as grids filled with the levelled words, and those words."""
    rulings, width, height = without_strokes(read.rulings, words), read.width, read.height
    slope = page_skew(words, rulings, width)
    centre = (width / 2, height / 2)
    level = level_words(words, slope, centre) if slope else words
    if not rulings or not level:
        return [], level
    char_h = statistics.median(w["bottom"] - w["top"] for w in level)
    found = [fill(g, level) for g in grids(rulings, slope, centre, char_h)]
    found = [t for k, t in enumerate(found)
             if (len(t.rows) >= MIN_ROWS or (k == 0 and _opens_page(t, level))) and max(len(r) for r in t.rows) >= 2]
    for t in found:
        t.crossed = crossed_cells(t, rulings, slope, centre, char_h)
        _fill_marks(t, read, slope, centre)
        t.page_boxes = [tuple(None if b is None else unlevelled(b, slope, centre) for b in row) for row in t.row_boxes]
    if pdf is not None and found:
        keep_cell_lines(pdf, page, found, level)
    return found, level


def raw_tables(found: list[ScanTable], level: list[dict[str, Any]], *, page: int, height: float) -> list[RawTable]:
    out = []
    for i, t in enumerate(found):
        prev_bottom = found[i - 1].bbox[3] if i else 0.0
        next_top = found[i + 1].bbox[1] if i + 1 < len(found) else height
        raw = RawTable.on_page(
            page=page, rows=t.rows, reader=EXTRACTOR, bbox=t.bbox, index_on_page=i,
            text_above=_between(level, prev_bottom, t.bbox[1]), text_below=_between(level, t.bbox[3], next_top),
            page_height=height, garbled=cells_garbled(t.rows),
        )
        raw.row_confidence = [min((w["confidence"] for w in ws), default=None) for ws in t.row_words]
        raw.row_uncertain = [any(w["uncertain"] for w in ws) for ws in t.row_words]
        raw.ruled = True
        if len(t.page_boxes) == len(t.rows):
            raw.cell_boxes = [list(b) for b in t.page_boxes]
        out.append(raw)
    return out


def _read_cells_again(pdf: OpenedPdf, number: int, grids_found: list[ScanTable], notes: list[Note]) -> float:
    """The unsure figures of the page's grids read again (:mod:`extract.tables.scan_cells_again`);
    the CPU seconds spent."""
    page = pdf.pdfium[number - 1]
    try:
        found, spent = read_unsure_cells_again(page, grids_found, number)
    finally:
        page.close()
    notes.extend(found)
    return spent


def read_scanned(pdf: OpenedPdf, pages: list[PageText]) -> ScanReading:
    """OCR ``pages`` (they have no text layer): their text replaced by the OCR'd text, their tables
    read: ruled tables by their cells (:mod:`extract.tables.scan_grid`), the rest by the positions
    of the words (:mod:`extract.tables.positions`)."""
    out = ScanReading()
    for p in pages:
        page = pdf.pdfium[p.number - 1]
        try:
            read = ocr_page(page)
        finally:
            page.close()
        out.pages += 1
        words = mark_walls([_word_dict(w) for w in read.words], read.rulings)
        grids_found, words = ruled_grids(words, read, page=p.number, pdf=pdf)
        out.notes.extend(outside_notes(grids_found, p.number))
        out.seconds += _read_cells_again(pdf, p.number, grids_found, out.notes)
        ruled = raw_tables(grids_found, words, page=p.number, height=read.height)
        out.words[p.number] = words
        p.text, p.ocr = page_text(words, [r for t in grids_found for r in prose_rows(t)]) or read.text, True
        skip = [t.bbox for t in ruled if t.bbox is not None]
        for t in ruled:
            for i in mend_lone_zeros(t):
                if t.row_uncertain is not None:
                    t.row_uncertain[i] = True
            out.tables.append(t)
        for found in read_positions(words, page=p.number, page_height=read.height, reader=EXTRACTOR, skip=skip):
            t = found.table
            t.index_on_page += len(ruled)
            t.row_confidence = [min((c for c in row if c is not None), default=None) for row in found.confidence]
            t.row_uncertain = _uncertain_rows(t, words)
            for i in mend_lone_zeros(t):
                t.row_uncertain[i] = True
            out.tables.append(t)
        out.seconds += read.timings.total  # with the marks read again in ruled cells
        read.image = None
    return out
