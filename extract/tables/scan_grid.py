"""Ruled tables of a scanned page: cells from the rulings seen in the image, text from the OCR'd words.

A ruled form scanned keeps its rulings: they are found in the page image
(:func:`extract.sources.ocr.ocr_page`, ``rulings``), levelled with the page's skew, and turned into
cells as pdfplumber turns a digital page's lines into cells (its ``merge_edges``,
``edges_to_intersections``, ``intersections_to_cells``, ``cells_to_tables``: the same tolerances as
its defaults, joins a little longer for a scan's broken strokes). Each cell gets the OCR'd words
whose centres lie in it, a line of words per printed line (``"\\n"`` between lines, as the ruled
reader joins them). So a ruled form scanned is read as the same form digital: the same rows,
merged cells as ``None`` beside their text, empty cells ``""``.

Words left outside every ruled table are read by the position reader.
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pdfplumber.table import Table, cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from extract.sources.marks import is_mark
from extract.sources.ocr import UNCERTAIN_BELOW, Ruling
from model.tables import Cell
from normalize.numbers import figure_like

Word = dict[str, Any]
Box = tuple[float, float, float, float]

SNAP = 3.0  # points: rulings this close are one (pdfplumber's snap and intersection tolerance)
JOIN_CHARS = 1.0  # pieces of one ruling broken by less than this many character heights are joined
MIN_CELLS = 4  # a grid of fewer cells is not a table (a box drawn round a heading)
MIN_PIECE = 2  # characters on each side of a ruling that cut a recognised box in two


@dataclass
class ScanTable:
    bbox: Box
    rows: list[list[Cell]]
    row_words: list[list[Word]] = field(default_factory=list)  # the words of each row
    # cells to read again from the image: (row, column, cell box, confidence of what was read or None):
    # cells without words, and cells holding one mark only (the recogniser reads a mark poorly in the
    # detector's tight crop)
    spots: list[tuple[int, int, Box, float | None]] = field(default_factory=list)
    row_boxes: list[tuple[Box | None, ...]] = field(default_factory=list)  # each row's cell boxes (None: covered)
    outside: list[Word] = field(default_factory=list)  # words inside the table's bounds but in no cell of it
    crossed: list[tuple[int, int]] = field(default_factory=list)  # cells a wall runs across inside (not cut)
    page_boxes: list[tuple[Box | None, ...]] = field(default_factory=list)  # the same in page space (unlevelled)


def levelled(x: float, y: float, slope: float, centre: tuple[float, float]) -> tuple[float, float]:
    """(x, y) turned about ``centre`` so that lines of slope ``slope`` (dy/dx) run level."""
    cx, cy = centre
    return x + slope * (y - cy), y - slope * (x - cx)


def level_words(words: list[Word], slope: float, centre: tuple[float, float]) -> list[Word]:
    """Words with their boxes moved as the page is turned level (each box keeps its size)."""
    out = []
    for w in words:
        mx, my = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        nx, ny = levelled(mx, my, slope, centre)
        dx, dy = nx - mx, ny - my
        moved = {**w, "x0": w["x0"] + dx, "x1": w["x1"] + dx, "top": w["top"] + dy, "bottom": w["bottom"] + dy}
        if w.get("char_x"):
            moved["char_x"] = [x + dx for x in w["char_x"]]
        out.append(moved)
    return out


def _edges(rulings: list[Ruling], slope: float, centre: tuple[float, float]) -> list[dict[str, Any]]:
    edges = []
    for r in rulings:
        ax, ay = levelled(r.x0, r.y0, slope, centre)
        bx, by = levelled(r.x1, r.y1, slope, centre)
        if r.vertical:
            x = (ax + bx) / 2
            top, bottom = min(ay, by), max(ay, by)
            edges.append({"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0,
                          "height": bottom - top, "orientation": "v", "object_type": "line"})
        else:
            y = (ay + by) / 2
            x0, x1 = min(ax, bx), max(ax, bx)
            edges.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
                          "orientation": "h", "object_type": "line"})
    return edges


REACH_CHARS = 2.0  # a ruling ending this many character heights short of a wall across is carried to it


def _carried(edge: dict[str, Any], across: list[dict[str, Any]], reach: float) -> dict[str, Any]:
    """The levelled ``edge`` with each of its free ends (meeting no edge across) carried on to the nearest
    edge across beyond it within ``reach`` that stands where the edge runs (a wall at the height of a
    ruling across, or the reverse). An end that meets an edge already stays: a wall that stops at a
    ruling, below a merged cell, is not carried into the cell."""
    h = edge["orientation"] == "h"
    lo, hi, at = (edge["x0"], edge["x1"], edge["top"]) if h else (edge["top"], edge["bottom"], edge["x0"])
    standing = []  # where the edges across stand along this edge's line
    for o in across:
        pos, start, end = (o["x0"], o["top"], o["bottom"]) if h else (o["top"], o["x0"], o["x1"])
        if start - SNAP <= at <= end + SNAP:
            standing.append(pos)
    new_lo, new_hi = lo, hi
    if not any(abs(pos - lo) <= SNAP for pos in standing):  # a free end only: one that meets no edge
        new_lo = max([pos for pos in standing if lo - reach <= pos < lo], default=lo)
    if not any(abs(pos - hi) <= SNAP for pos in standing):
        new_hi = min([pos for pos in standing if hi < pos <= hi + reach], default=hi)
    if (new_lo, new_hi) == (lo, hi):
        return edge
    if h:
        return {**edge, "x0": new_lo, "x1": new_hi, "width": new_hi - new_lo}
    return {**edge, "top": new_lo, "bottom": new_hi, "height": new_hi - new_lo}


def carried_to_walls(edges: list[dict[str, Any]], char_height: float) -> list[dict[str, Any]]:
    """``edges`` (levelled) with the ends of long rulings (:func:`_long`) that stop short of a wall carried
    on to it (within :data:`REACH_CHARS` character heights). A ruling a scan skews steps a pixel every so
    often; its last step, shorter than a ruling's least length, is not seen, and the ruling ends short of
    the form's outer wall: the cells of the last column had no corner there and the column was lost."""
    reach = REACH_CHARS * char_height
    hs = [e for e in edges if e["orientation"] == "h"]
    vs = [e for e in edges if e["orientation"] == "v"]
    return [_carried(e, vs if e["orientation"] == "h" else hs, reach) if _long(e, char_height) else e for e in edges]


def _long(edge: dict[str, Any], char_height: float) -> bool:
    """A ruling long enough to be a wall by its length alone (:data:`SHORT_CHARS`): only such a ruling's
    end is carried on (a character's stem, carried to the rulings above and below it, would cut its cell)."""
    return max(edge["width"], edge["height"]) >= SHORT_CHARS * char_height


TOUCH_CHARS = 0.4  # a ruling meets another when it ends or passes within this many character heights of it
SHORT_CHARS = 4.0  # a ruling shorter than this many character heights must meet two others to be a wall


def _meets(a: Ruling, b: Ruling, reach: float) -> bool:
    """``a`` and the perpendicular ``b`` cross, or one ends within ``reach`` of the other."""
    v, h = (a, b) if a.vertical else (b, a)
    x = (v.x0 + v.x1) / 2
    y = _y_at(h, x)  # a skewed scan leans its rulings: the height of h where v stands
    return (min(h.x0, h.x1) - reach <= x <= max(h.x0, h.x1) + reach
            and min(v.y0, v.y1) - reach <= y <= max(v.y0, v.y1) + reach)


def walls(rulings: list[Ruling], char_height: float) -> list[Ruling]:
    """The rulings that are a form's walls: each meets two rulings across it, or is long. A ruled
    form's every wall runs from one wall to another; the strokes a seal leaves on a grey scan (a
    stretch of its ring, a stroke of its characters) and the stems of a large heading's characters
    are short and meet one wall at most, and would cut cells that are not there. Taken out twice (a
    seal's strokes can meet each other)."""
    reach = TOUCH_CHARS * char_height
    short = SHORT_CHARS * char_height
    kept = list(rulings)
    for _ in range(2):
        kept = [r for r in kept
                if (r.y1 - r.y0 if r.vertical else r.x1 - r.x0) >= short
                or sum(1 for o in kept if o.vertical != r.vertical and _meets(r, o, reach)) >= 2]
    return kept


STROKE_SLACK = 0.15  # of a word's height: a ruling this little past a word's box is still inside it
# of a word's height: a ruling inside a word this near its left or right end may be the wall of its cell
# (the word's box is estimated, and a tight one-line row's wall runs no taller than the word beside it)
STROKE_MARGIN = 0.5


def _inside_word(r: Ruling, words: list[Word]) -> bool:
    """The ruling lies wholly inside one word's box: a stroke of the word's type (the stem or bar of a
    large heading's character), not a wall. A wall runs from one ruling to another, past the text of the
    cells it parts (a cell is taller than its line and wider than its text), so never lies inside a word."""
    for w in words:
        slack = STROKE_SLACK * (w["bottom"] - w["top"])
        margin = STROKE_MARGIN * (w["bottom"] - w["top"])  # clear of the word's ends: a wall can stand there
        if (w["x0"] + margin <= min(r.x0, r.x1) and max(r.x0, r.x1) <= w["x1"] - margin
                and w["top"] - slack <= min(r.y0, r.y1) and max(r.y0, r.y1) <= w["bottom"] + slack):
            return True
    return False


def without_strokes(rulings: list[Ruling], words: list[Word]) -> list[Ruling]:
    """``rulings`` without those that lie inside a word's box (:func:`_inside_word`): a heading set in
    large bold type leaves stems and bars long enough to be taken for rulings, and meeting each other
    and the table's top ruling they would make a row of cells of the heading."""
    return [r for r in rulings if not _inside_word(r, words)]


BESIDE_CHARS = 1.0  # a stroke within this many character heights of a longer ruling beside it


def _span(r: Ruling) -> tuple[float, float]:
    """Where the ruling runs along its own direction."""
    return (min(r.y0, r.y1), max(r.y0, r.y1)) if r.vertical else (min(r.x0, r.x1), max(r.x0, r.x1))


def _at(r: Ruling) -> float:
    """Where the ruling stands across its direction (its middle)."""
    return (r.x0 + r.x1) / 2 if r.vertical else (r.y0 + r.y1) / 2


def _beside_longer(r: Ruling, rulings: list[Ruling], reach: float) -> bool:
    """A longer ruling of the same direction stands within ``reach`` of ``r`` all along ``r``."""
    lo, hi = _span(r)
    return any(o.vertical == r.vertical and o is not r and _span(o)[1] - _span(o)[0] > hi - lo
               and abs(_at(o) - _at(r)) <= reach and _span(o)[0] - reach <= lo and hi <= _span(o)[1] + reach
               for o in rulings)


def without_strokes_beside_walls(rulings: list[Ruling], char_height: float) -> list[Ruling]:
    """``rulings`` without the short ones that stand beside a longer ruling all along their length
    (within :data:`BESIDE_CHARS` character heights): the stem of a cell's first character set against
    its wall, as tall as a one-line row and so meeting both its rulings. Snapped with the wall into
    one, it would move the wall into the cell, and the cell's first character out of it."""
    reach = BESIDE_CHARS * char_height
    return [r for r in rulings if not _beside_longer(r, rulings, reach)]


def _free_ends(v: Ruling, across: list[Ruling], reach: float) -> list[float]:
    """The heights of the ends of the vertical ``v`` that meet no ruling across."""
    x = (v.x0 + v.x1) / 2
    out = []
    for y in (v.y0, v.y1):
        if not any(min(h.x0, h.x1) - reach <= x <= max(h.x0, h.x1) + reach and abs(_y_at(h, x) - y) <= reach
                   for h in across):
            out.append(y)
    return out


def _y_at(h: Ruling, x: float) -> float:
    share = (x - h.x0) / (h.x1 - h.x0) if h.x1 != h.x0 else 0.0
    return h.y0 + share * (h.y1 - h.y0)


def closed(rulings: list[Ruling], char_height: float) -> list[Ruling]:
    """``rulings`` with the open end of a table closed: a table that runs on to the next page (or
    comes from the one before) leaves its merged cells open at the page's edge — their walls end
    level with the table's last ruling across, which stops at the merged column. That ruling is
    carried on to each such wall, so the merged cell is a cell (its text, ``社会效益指标``, read)."""
    reach = TOUCH_CHARS * char_height
    across = [r for r in rulings if not r.vertical]
    added = []
    for v in (r for r in rulings if r.vertical):
        x = (v.x0 + v.x1) / 2
        for y in _free_ends(v, across, reach):
            for h in across:
                left, right = min(h.x0, h.x1), max(h.x0, h.x1)
                near = left if x < left else right if x > right else None
                if near is None or abs(_y_at(h, near) - y) > reach:
                    continue
                added.append(Ruling(x0=min(x, near), y0=y, x1=max(x, near), y1=y, vertical=False))
                break
    return [*rulings, *added]


def grids(rulings: list[Ruling], slope: float, centre: tuple[float, float], char_height: float) -> list[Table]:
    """pdfplumber tables (cells only) built from the form's walls (:func:`walls`, :func:`closed`),
    levelled; top to bottom."""
    kept = closed(walls(without_strokes_beside_walls(rulings, char_height), char_height), char_height)
    edges = carried_to_walls(_edges(kept, slope, centre), char_height)
    if not edges:
        return []
    join = max(SNAP, JOIN_CHARS * char_height)
    merged = merge_edges(edges, snap_x_tolerance=SNAP, snap_y_tolerance=SNAP, join_x_tolerance=join,
                         join_y_tolerance=join)
    cells = intersections_to_cells(edges_to_intersections(merged, SNAP, SNAP))
    tables = [Table(None, c) for c in cells_to_tables(cells) if len(c) >= MIN_CELLS]  # type: ignore[arg-type]
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))


def _inside(w: Word, box: Box) -> bool:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def cell_text(words: list[Word]) -> str:
    """The words of one cell: one line per printed line, top to bottom, words joined by a blank."""
    if not words:
        return ""
    lines = _lines(words)
    return "\n".join(" ".join(str(w["text"]) for w in sorted(ln, key=lambda w: w["x0"])) for ln in lines).strip()


_DASH_WORDS = frozenset("-—–－─_")


def without_stray_dashes(words: list[Word]) -> list[Word]:
    """A cell's words less a dash standing apart (a word of its own) beside a figure: a dash is what a
    form prints in a cell left unfilled, never beside its amount (a minus sign is read as part of
    its figure's word), so it is a mark of something else (a seal's ring, a ruling's stub). The
    figure is marked uncertain (its row is flagged)."""
    figures = [w for w in words if figure_like(str(w["text"]))]
    dashes = [w for w in words if (t := str(w["text"]).strip()) and set(t) <= _DASH_WORDS]
    if not dashes:
        return words
    if len(figures) != 1:
        return without_dash_lines(words, dashes)
    figures[0]["uncertain"] = True
    return [w for w in words if not any(w is d for d in dashes)]


def _ideographic(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in "WF" and c.isalpha() for c in text)


def without_dash_lines(words: list[Word], dashes: list[Word]) -> list[Word]:
    """A cell's words less the dashes that stand on a line of their own above or below a label (a
    line of ideographs): a form's dash fills an empty cell, and a label's cell is not empty; a dash
    under it is a seal's ring or a ruling's stub (``成本指标`` over a stroke read as ``成本指标\n—``)."""
    lines = _lines(words)
    alone = [ln[0] for ln in lines if len(ln) == 1 and any(ln[0] is d for d in dashes)]
    labelled = any(_ideographic(str(w["text"])) for ln in lines for w in ln)
    if not alone or not labelled:
        return words
    return [w for w in words if not any(w is d for d in alone)]


STRAY_DIGIT_BELOW = 0.8  # a lone digit read with less confidence than this (ocr.UNCERTAIN_BELOW) is doubtful


def _lines(words: list[Word]) -> list[list[Word]]:
    """The words of one cell grouped by printed line, top to bottom (as :func:`cell_text` groups them)."""
    height = statistics.median(w["bottom"] - w["top"] for w in words) or 10.0
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"])):
        mid = (w["top"] + w["bottom"]) / 2
        if lines and abs(mid - (lines[-1][0]["top"] + lines[-1][0]["bottom"]) / 2) < height * 0.5:
            lines[-1].append(w)
        else:
            lines.append([w])
    return lines


def without_stray_digits(words: list[Word]) -> list[Word]:
    """A cell's words less a lone digit read doubtfully on a line of its own above or below a figure
    read surely: a form prints one figure per cell, and a figure a column wraps leaves its last
    digits beside ink as sure as its first; a lone doubtful digit stacked on a figure is ink of
    something else (a seal's stroke, a neighbour's stub), and joined with the figure it would make a
    number the page does not print (``9`` over ``8`` read as ``98``). The figure is marked uncertain
    (its row is flagged)."""
    if len(words) < 2:
        return words
    lines = _lines(words)
    if len(lines) < 2:
        return words
    lone = [ln[0] for ln in lines if len(ln) == 1 and len(t := str(ln[0]["text"]).strip()) == 1 and t.isdigit()
            and float(ln[0].get("confidence") or 0.0) < STRAY_DIGIT_BELOW]
    sure = [w for ln in lines for w in ln if not any(w is d for d in lone) and figure_like(str(w["text"]))
            and float(w.get("confidence") or 0.0) >= STRAY_DIGIT_BELOW]
    others = [w for w in words if not any(w is d for d in lone) and not any(w is f for f in sure)]
    if not lone or len(sure) != 1 or others:
        return words
    sure[0]["uncertain"] = True
    return sure


def _char_centres(w: Word) -> list[float]:
    text = str(w["text"])
    xs = list(w.get("char_x") or [])
    if len(xs) == len(text):
        return xs
    pitch = (w["x1"] - w["x0"]) / max(1, len(text))
    return [w["x0"] + pitch * (k + 0.5) for k in range(len(text))]


def _cut_word(w: Word, edge: float) -> list[Word]:
    """``w`` cut in two at the cell edge ``edge`` when ``MIN_PIECE`` characters of it stand on each side
    (the recogniser's columns of a box's end characters are rough: one character past a ruling is the
    cell's own text, 公共服务覆盖率 in its cell)."""
    xs = _char_centres(w)
    k = sum(1 for x in xs if x < edge)
    if k < MIN_PIECE or len(xs) - k < MIN_PIECE:
        return [w]
    text = str(w["text"])
    left = {**w, "text": text[:k], "x1": min(w["x1"], edge), "char_x": xs[:k]}
    right = {**w, "text": text[k:], "x0": max(w["x0"], edge), "char_x": xs[k:]}
    return [left, right]


def cut_at_cell_edges(words: list[Word], boxes: list[Box]) -> list[Word]:
    """``words`` with each word that runs over the edge between two cells of a row (``boxes``: the
    row's cells, left to right) cut there: the recogniser reads two cells set close in one box (a
    level label wrapped to its cell's edge and the name beside it: 服务对象满意度指演出观众满意度), but a
    ruling stands between them. Only words whose middle lies in the row's height are cut."""
    if len(boxes) < 2:
        return words
    top, bottom = min(b[1] for b in boxes), min(b[3] for b in boxes)  # the row's own height, not a merged cell's
    edges = [b[0] for b in boxes[1:]]
    out: list[Word] = []
    for w in words:
        pieces = [w]
        if top <= (w["top"] + w["bottom"]) / 2 <= bottom:
            for edge in edges:
                pieces = [q for p in pieces for q in (_cut_word(p, edge) if p["x0"] < edge < p["x1"] else [p])]
        out.extend(pieces)
    return out


def fill(table: Table, words: list[Word]) -> ScanTable:
    """The table's rows with the words in their cells (rows with no text at all left out); a word
    running over the edge between two cells of a row is cut there (:func:`cut_at_cell_edges`)."""
    out = ScanTable(bbox=tuple(table.bbox), rows=[], row_words=[])  # type: ignore[arg-type]
    for row in table.rows:
        cells: list[Cell] = []
        mine: list[Word] = []
        spots: list[tuple[int, int, Box, float | None]] = []
        row_words = cut_at_cell_edges(words, [tuple(b) for b in row.cells if b is not None])  # type: ignore[misc]
        for j, box in enumerate(row.cells):
            if box is None:
                cells.append(None)
                continue
            inside = without_stray_digits(without_stray_dashes([w for w in row_words if _inside(w, box)]))
            mine.extend(inside)
            cells.append(cell_text(inside))
            if not inside:
                spots.append((len(out.rows), j, tuple(box), None))  # type: ignore[arg-type]
            elif len(inside) == 1 and (is_mark(str(inside[0]["text"])) or _doubtful(inside[0])):
                spots.append((len(out.rows), j, tuple(box), float(inside[0].get("confidence") or 0.0)))  # type: ignore[arg-type]
        if any(cells):
            out.rows.append(cells)
            out.row_words.append(mine)
            out.spots.extend(spots)
            out.row_boxes.append(tuple(None if box is None else tuple(box) for box in row.cells))  # type: ignore[misc]
    out.outside = outside_cells(table, words)
    mended = mend_split_cells(out.rows)
    out.spots = [s for s in out.spots if (s[0], s[1]) not in mended]
    out.spots.extend(misread_marks(out))
    return out


def outside_cells(table: Table, words: list[Word]) -> list[Word]:
    """The words (holding a letter or digit: not a dash, not a seal's stroke) whose middle lies inside
    the table's bounds but in none of its cells: the bounds are the union of the cells, so such a word
    stands where a ruling was not seen and a column or row of the grid is missing (its cells lost, and
    the word with them: the position reader does not read inside a ruled table)."""
    cells = [tuple(c) for c in table.cells]
    return [w for w in words
            if any(ch.isalnum() for ch in str(w["text"])) and _inside(w, tuple(table.bbox))  # type: ignore[arg-type]
            and not any(_inside(w, c) for c in cells)]  # type: ignore[arg-type]


CROSSING_SHARE = 0.6  # a ruling across this share of a cell or more, inside it, should have cut it


def crossed_cells(t: ScanTable, rulings: list[Ruling], slope: float, centre: tuple[float, float],
                  char_height: float) -> list[tuple[int, int]]:
    """The cells (row, column) of ``t`` that a wall of the form (:func:`walls`) runs across, inside them, for
    most of their width or height: the grid was not cut there (the ruling's ends met no wall), so the
    cell holds the text of several cells (a row, a column lost into it)."""
    edges = _edges(walls(without_strokes_beside_walls(rulings, char_height), char_height), slope, centre)
    out = []
    for i, row in enumerate(t.row_boxes):
        for j, box in enumerate(row):
            if box is not None and any(_crosses(e, box) for e in edges):
                out.append((i, j))
    return out


def _crosses(e: dict[str, Any], box: Box) -> bool:
    x0, top, x1, bottom = box
    if e["orientation"] == "h":
        inside = top + SNAP < e["top"] < bottom - SNAP
        common = min(e["x1"], x1) - max(e["x0"], x0)
        return inside and common >= CROSSING_SHARE * (x1 - x0)
    inside = x0 + SNAP < e["x0"] < x1 - SNAP
    common = min(e["bottom"], bottom) - max(e["top"], top)
    return inside and common >= CROSSING_SHARE * (bottom - top)


def _spans(row: list[Cell]) -> list[tuple[int, int]]:
    """The cells of a row as column ranges [start, end): a merged cell's continuation columns are None."""
    out: list[tuple[int, int]] = []
    for j, c in enumerate(row):
        if c is not None or not out:
            out.append((j, j + 1))
        else:
            out[-1] = (out[-1][0], j + 1)
    return out


def mend_split_cells(rows: list[list[Cell]]) -> set[tuple[int, int]]:
    """Rows whose cell is cut in two or three by a stroke across it (a seal's ring meeting both the
    row's rulings reads as a wall) where the row below has that cell whole and the row above does not
    cut it either (the same cell, or a wider one: a heading over it): the pieces
    are one cell again (the text of the one piece that holds any, at the cell's first column; the
    other columns None, as a merged cell's). Returns the (row, column) of the pieces emptied."""
    emptied: set[tuple[int, int]] = set()
    for i in range(1, len(rows) - 1):
        above = _spans(rows[i - 1])
        for start, end in _spans(rows[i + 1]):
            whole_above = any(a <= start and end <= b for a, b in above)
            if end - start < 2 or len(rows[i]) < end or (start, end) in _spans(rows[i]) or not whole_above:
                continue
            pieces = rows[i][start:end]
            filled = _without_slivers([c for c in pieces if c])
            if len(filled) > 1 or any(c is None for c in pieces[:1]):
                continue
            rows[i][start] = filled[0] if filled else ""
            for j in range(start + 1, end):
                rows[i][j] = None
                emptied.add((i, j))
            emptied.add((i, start))
    return emptied


def _without_slivers(filled: list[str]) -> list[str]:
    """The pieces' texts without a lone mark beside a figure (a dash, a digit: what the sliver of a
    figure's ink the stroke cut off reads as, ``-`` beside ``2,555.92``): one cell holds one figure."""
    figures = [c for c in filled if figure_like(c.strip()) and not is_mark(c.strip())]
    if len(figures) != 1:
        return filled
    return [c for c in filled if not is_mark(c.strip())]


DOUBTFUL_CHARS = 3  # a cell's lone word this short, read unsurely, is read again from the cell's ink


def _doubtful(w: Word) -> bool:
    """A cell's lone short word (a score, a weight: ``7`` read as ``N``, ``10`` as ``0``) read with
    less confidence than :data:`extract.sources.ocr.UNCERTAIN_BELOW` and holding no ideograph: its cell
    is read again alone (:meth:`extract.sources.ocr.OcrPage.read_spots`), and the surer reading kept."""
    t = str(w["text"]).strip()
    return (0 < len(t) <= DOUBTFUL_CHARS and float(w.get("confidence") or 0.0) < UNCERTAIN_BELOW
            and not any(unicodedata.east_asian_width(c) in "WF" and c.isalpha() for c in t))


MARK_COLUMN = 0.5  # a column at least this share of whose filled cells hold a mark is a column of marks


def _stray(text: str) -> bool:
    """A word of one or two characters that is neither a mark, nor a figure, nor an ideograph, nor
    a percent sign: what the recogniser makes of an operator it cannot read (``"`` for ``=``)."""
    t = text.strip()
    return (0 < len(t) <= 2 and not is_mark(t) and not any(c.isdigit() or c in "%％" for c in t)
            and not any(unicodedata.east_asian_width(c) in "WF" for c in t))


def misread_marks(t: ScanTable) -> list[tuple[int, int, Box, float | None]]:
    """Cells of a column of marks (the 指标性质 of a form: ``=``, ``>=``, ``<``) holding a stray word
    (:func:`_stray`) instead: to be read again as a mark, whatever their first reading's confidence."""
    out: list[tuple[int, int, Box, float | None]] = []
    width = max((len(r) for r in t.rows), default=0)
    for j in range(width):
        texts = [(i, (r[j] or "").strip()) for i, r in enumerate(t.rows) if j < len(r) and r[j]]
        marks = sum(1 for _, x in texts if is_mark(x))
        if not texts or marks < MARK_COLUMN * len(texts) or marks < 2:
            continue
        for i, x in texts:
            box = t.row_boxes[i][j] if j < len(t.row_boxes[i]) else None
            if box is not None and _stray(x):
                out.append((i, j, box, None))
    return out


def word_chars(words: list[Word]) -> list[dict[str, Any]]:
    """The words' characters as a text layer's character records (``text``, ``x0``, ``x1``, ``top``,
    ``bottom``, ``size``): each character from halfway to the one before to halfway to the one after
    (the recogniser's column of each character, ``char_x``), one em high. A word whose text was
    mended after reading (its characters no longer match their columns) is spread evenly."""
    out: list[dict[str, Any]] = []
    for w in words:
        text = str(w["text"])
        xs = list(w.get("char_x") or [])
        if len(xs) != len(text) or not text:
            pitch = (w["x1"] - w["x0"]) / max(1, len(text))
            xs = [w["x0"] + pitch * (k + 0.5) for k in range(len(text))]
        for k, ch in enumerate(text):
            left = w["x0"] if k == 0 else (xs[k - 1] + xs[k]) / 2
            right = w["x1"] if k == len(text) - 1 else (xs[k] + xs[k + 1]) / 2
            out.append({"text": ch, "x0": left, "x1": max(left, right), "top": w["top"], "bottom": w["bottom"],
                        "size": w["bottom"] - w["top"]})
    return out


def unlevelled(box: Box, slope: float, centre: tuple[float, float]) -> Box:
    """The page-space box around a levelled box (the inverse turn of :func:`levelled`)."""
    cx, cy = centre
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        px = x - slope * (y - cy)
        xs.append(px)
        ys.append(y + slope * (px - cx))
    return min(xs), min(ys), max(xs), max(ys)
