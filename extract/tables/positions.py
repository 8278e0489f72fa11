"""Tables rebuilt from positioned words: pdfplumber's words, or an OCR engine's boxes.

The reader needs nothing but words with a box (``x0, x1, top, bottom`` in points, y down) and
text; rulings are not used, so a table typeset without them, a ruled table whose rulings were
lost, and a scanned page read by OCR are read the same way.

1. **Lines.** Words whose vertical centres lie within half a character height share a printed
   line; a line is cut into *segments* where the gap between two words is wider than a
   character (prose has no such gaps).
2. **Blocks.** A table is a run of *rich* lines (two or more segments, no leader dots) with the
   one-segment lines between them and beside them that fit in one of its columns (wrapped
   cells, labels of merged cells). A wide one-segment line outside the run (prose) ends it.
3. **Columns** are the x-ranges that the rich lines' segments cover in more than a few lines:
   a gap between columns stays a gap where only a spanning cell crosses it. A segment spanning
   several columns is one merged cell: its text in the first, ``None`` in the others.
4. **Rows.** Rich lines that overlap vertically (the lines of a multi-line header) are one
   row's *anchor*; every anchor is a row. In each column the lines are then grouped into cells
   and each cell given to the anchor nearest its vertical centre, choosing the grouping that
   puts the cells closest to their anchors (a 3-line cell centred on its row's figures is one
   cell; three 1-line indicators beside three scores are three). A cell centred between two
   rows (a merged level label) goes to the upper one, as a ruled reader gives it.
   A form that hangs its cells from the top of their rows (the national templates set without
   rulings: a wrapped name, rule or level label begun on its row's first line, beside the row's
   one-line figures) is read row by row instead: every line that continues the cells of the row
   above belongs to it (:func:`top_aligned_rows`); a cell centred on its row shows itself by a line
   below the row's line in a column that line leaves empty, and the form is then read as above.
   A label wrapped down beside one-line rows at its own leading is one cell of its first row
   (:mod:`extract.tables.wrapped_cells`); a label centred on rows left empty in its column stands
   on the first of them; an upper header is spread over the columns it stands above
   (:func:`extract.tables.position_columns.spread_upper_headers`).
5. A block is kept as a table when some column after the first holds a figure in at least
   half of the rows (a table of figures), when a row of ``WIDE_AMOUNTS`` amounts stands under a
   header (三公经费), or when many rows set three cells side by side (a form of few figures); text
   set in two columns is not a table. At the top of a page, the last rows of a form begun on the
   page before are one too (:func:`is_tail`), even its closing row alone. A line set in a larger
   type (the next form's title) ends a table.

Multi-line cells join their lines with ``"\\n"`` as the ruled reader does.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from extract.sources.garbled import cells_garbled
from extract.tables.cell_wraps import runs_on
from extract.tables.centred_cells import MIDWAY, own_rows
from extract.tables.centred_rows import centred_rows, joined, merged_over_rows
from extract.tables.glued_words import spacer, words_text
from extract.tables.header_levels import upper_cells
from extract.tables.leading_rows import centred_cell_rows
from extract.tables.narrow_columns import split_shared_bands
from extract.tables.position_columns import Box, header_aligned, join_wrapped_headers, spread_upper_headers
from extract.tables.ruled_columns import ruled
from extract.tables.set_apart_headers import claimed_headers
from extract.tables.wrapped_cells import wrapped_continuations
from extract.tables.wrapped_labels import continues, wrapping
from extract.tables.wrapped_units import form_units, wrapped_units
from model.tables import Cell, RawTable
from normalize.indicator_levels import is_level_name
from normalize.statement_names import is_caption

MIN_ROWS = 3  # rows a table needs
MIN_RICH = 2  # rich lines a table needs
TAIL_CELLS = 3  # cells of a form's closing row alone at the top of a page
REMARK_CELLS = 2  # cells of a form's closing remark row (说明 | 无)
GAP_CHARS = 1.0  # a gap wider than this many character widths separates two cells
SET_APART = 0.25  # character widths of white between two characters of one word that begin a new cell
LINE_TOLERANCE = 0.5  # words whose centres differ by less than this share of a character height share a line
ADJACENT = 1.0  # lines closer than this many line heights (bottom to top) belong to one cell or table
BLOCK_GAP = 3.5  # a gap of this many line heights between two lines ends a table...
ROW_PITCHES = 2.0  # ...or, in a table whose rows are padded wider, this many of its usual row pitches
OVERLAP = 0.15  # rich lines overlapping by more than this share of a line height stand on one row
KEY_FIGURES = 0.9  # share of a key column's cells on lines of amounts that are figures or dashes
DENSE = 0.8  # a column with a cell in this share of the fullest column's rows of figures names each row's item
STATEMENT_BODY = 0.75  # share of a statement's body lines (from its first line of amounts) that are lines of amounts
WIDE_AMOUNTS = 4  # plain amounts side by side on each line of a statement of one or two lines
STATEMENT_TEXTS = 2  # cells without a digit on a statement's line of amounts: its item (one a side)
TITLE_SIZE = 1.3  # a line whose type is this many times the page's usual height is a heading, not a table's
GRID_ROWS = 2 * MIN_ROWS  # rows of three cells or more that make a form of few figures a table
GRID_CELLS = 3
HEADER_LEVELS = 2  # header rows over a run of rows of amounts (an upper level and its columns)
PROSE_WIDTH = 0.6  # a one-segment line at least this share of the block's width is prose (outside a run)

_LEADER = re.compile(r"[.．·…]{3,}")
_DIGIT = re.compile(r"\d")
_MASKED = re.compile(r"\*{2,}")  # a figure withheld (覆盖**份, 完成**人): its digits printed as asterisks
_AMOUNT = re.compile(r"^\s*(?:[-+]?\d[\d,]*(?:\.\d+)?\s*%?|[-—–－─/／]{1,2})\s*$")  # a figure or the dash of none
_MONEY = re.compile(r"^\s*[-+]?\d[\d,]*(?:\.\d+)?\s*$")  # a statement's amount: a plain number, no % or unit
_RATE = re.compile(r"^\s*[-+]?\d[\d,]*(?:\.\d+)?\s*%\s*$")  # a rate: a number and %
# a 政府采购品目分类目录 code (A goods, B works, C services, then digits) before its name: an item, not a figure
_CATALOGUE = re.compile(r"^\s*[ABC]\d{2,}")
# a 政府收支分类科目 code (类 3, 款 5, 项 7 digits, half- or full-width) set close before its item's name,
# the two read as one cell: the line's item, not a figure
_SUBJECT = re.compile(r"^\s*(?:[0-9０-９]{3}|[0-9０-９]{5}|[0-9０-９]{7})\s+[^\d\s０-９%％]")
STATEMENT_MONEY = 0.9  # share of the figures on a statement's lines of amounts that are plain numbers
_PAIR = re.compile(r"[:：]\s*[-+]?\d[\d,]*(?:\.\d+)?\s*$")  # a label:value pair closed by its amount
_PLACEHOLDER = re.compile(r"^\s*[-—–－─/／]{1,2}\s*$")  # an amount left empty: "—", "-", "/"

Word = dict[str, Any]


@dataclass
class Segment:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    confidence: float | None = None

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    segments: list[Segment]
    words: list[Word] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)

    @property
    def rich(self) -> bool:
        return len(self.segments) >= 2 and not any(_LEADER.search(s.text) for s in self.segments)

    @property
    def text(self) -> str:
        return words_text(self.words)


# ---- lines and segments ------------------------------------------------------------------------


def _height(words: Sequence[Word]) -> float:
    return statistics.median(float(w["bottom"]) - float(w["top"]) for w in words) if words else 10.0


def char_width(words: Sequence[Word]) -> float:
    widths = [(float(w["x1"]) - float(w["x0"])) / len(w["text"]) for w in words if w["text"]]
    return statistics.median(widths) if widths else 10.0


def _segments(words: list[Word], gap: float) -> list[Segment]:
    segs: list[Segment] = []
    for w in words:
        x0, x1, top, bottom = float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"])
        conf = w.get("confidence")
        if segs and x0 - segs[-1].x1 <= gap and not w.get("wall_before"):  # OCR: a ruling between
            s = segs[-1]
            s.text = f"{s.text}{spacer(w)}{w['text']}"
            s.x1, s.top, s.bottom = max(s.x1, x1), min(s.top, top), max(s.bottom, bottom)
            if conf is not None:
                s.confidence = min(conf, s.confidence if s.confidence is not None else conf)
        else:
            segs.append(Segment(x0, x1, top, bottom, str(w["text"]), conf))
    return segs


def lines_of(words: Sequence[Word], gap: float | None = None) -> list[Line]:
    """``words`` grouped into printed lines, top to bottom, each cut into segments."""
    if not words:
        return []
    height = _height(words) or 10.0
    gap = char_width(words) * GAP_CHARS if gap is None else gap
    grouped: list[list[Word]] = []
    for w in sorted(words, key=lambda w: ((float(w["top"]) + float(w["bottom"])) / 2, float(w["x0"]))):
        mid = (float(w["top"]) + float(w["bottom"])) / 2
        if grouped:
            ref = grouped[-1][0]
            if abs((float(ref["top"]) + float(ref["bottom"])) / 2 - mid) < height * LINE_TOLERANCE:
                grouped[-1].append(w)
                continue
        grouped.append([w])
    out = []
    for g in grouped:
        g.sort(key=lambda w: float(w["x0"]))
        out.append(Line(_segments(g, gap), g))
    return out


# ---- blocks -------------------------------------------------------------------------------------


def _fits_a_column(seg: Segment, cols: list[tuple[float, float]]) -> bool:
    return any(seg.x0 >= c0 - 2 and seg.x1 <= c1 + 2 for c0, c1 in cols)


def _within_a_column(seg: Segment, cols: list[tuple[float, float]]) -> bool:
    """The segment starts in a column after the first and ends before the next column begins (the
    last lines of a cell wrapped from the page before, wider than the column's other lines; a title
    or note starts at the table's left edge instead)."""
    ends = [c0 - 2 for c0, _ in cols[1:]] + [cols[-1][1] + 2] if cols else []
    return any(seg.x0 >= c0 - 2 and seg.x0 <= c1 and seg.x1 <= end
               for (c0, c1), end in list(zip(cols, ends, strict=True))[1:])


def _wrapped_end(ln: Line, cols: list[tuple[float, float]], height: float) -> bool:
    """``ln`` may be the last line of a cell wrapped from the page before that spans several of this
    page's columns (the goals' text of a form whose columns differ on each page): one segment, in the
    text's type (no title), set flush with the left edge of a column after the first (as that cell's
    lines above it were) and ending within the table (a title is centred, a note starts at the table's
    left edge)."""
    if len(ln.segments) != 1 or len(cols) < 2 or _title(ln, height):
        return False
    seg = ln.segments[0]
    return any(abs(seg.x0 - c0) <= 2 for c0, _ in cols[1:]) and seg.x1 <= cols[-1][1] + 2


def _straddles_the_edge(seg: Segment, ln: Line, edge: Line, cols: list[tuple[float, float]]) -> bool:
    """``seg`` (on ``ln``) holds lines of cells wrapped over two lines and centred on the run's ``edge``
    line (headers wider than their columns' figures: 全年执行数（万 | 元） set above and below the
    header's one-line cells, several of them touching): ``ln`` overlaps ``edge`` vertically, and each
    word of the segment lies over one column, in the gaps beside it, reaching no other column."""
    if not (ln.bottom > edge.top and ln.top < edge.bottom):
        return False
    words = [(float(w["x0"]), float(w["x1"])) for w in ln.words
             if seg.x0 - 0.5 <= float(w["x0"]) and float(w["x1"]) <= seg.x1 + 0.5] or [(seg.x0, seg.x1)]
    return all(_over_one_column(x0, x1, cols) for x0, x1 in words)


def _wraps_on(seg: Segment, above: Line) -> bool:
    """``seg`` is a further line of a cell wrapped below ``above`` (the run's last line): it starts
    where a cell of ``above`` after its first starts and ends no further right, so it fits that
    cell's width though not one column band (a remark column whose short cells 无 set flush left,
    under a header centred apart from them, splits into two bands the cell spans)."""
    return any(abs(seg.x0 - s.x0) <= 2 and seg.x1 <= s.x1 + 2 for s in above.segments[1:])


def _over_one_column(x0: float, x1: float, cols: list[tuple[float, float]]) -> bool:
    """``x0``–``x1`` overlaps one column and reaches none beside it."""
    hit = [k for k, (c0, c1) in enumerate(cols) if x0 <= c1 and x1 >= c0]
    if len(hit) != 1:
        return False
    k = hit[0]
    return (k == 0 or x0 > cols[k - 1][1]) and (k == len(cols) - 1 or x1 < cols[k + 1][0])


def _end_gap(lines: list[Line], height: float) -> float:
    """The vertical gap that ends a table: ``BLOCK_GAP`` line heights, or ``ROW_PITCHES`` times the
    usual distance from one rich line to the next (top to top) when that is larger (rows padded with
    much white keep their table together)."""
    pitches = [b.top - a.top for a, b in itertools.pairwise(lines) if a.rich and b.rich and b.top > a.bottom]
    usual = statistics.median(pitches) if pitches else 0.0
    return max(BLOCK_GAP * height, ROW_PITCHES * usual)


def _runs(lines: list[Line], height: float) -> list[tuple[int, int]]:
    """Index ranges [first, last] of rich lines close enough to be one table: no gap between two
    consecutive lines from one to the next is wider than :func:`_end_gap`."""
    end = _end_gap(lines, height)
    runs: list[tuple[int, int]] = []
    start: int | None = None
    last: int | None = None
    for i, ln in enumerate(lines):
        if _title(ln, height) and start is not None and last is not None:
            runs.append((start, last))  # a heading set larger than the text: the next form's title
            start = last = None
        if not ln.rich:
            continue
        if last is not None and max(lines[k + 1].top - lines[k].bottom for k in range(last, i)) > end:
            runs.append((start if start is not None else last, last))
            start = None
        if start is None:
            start = i
        last = i
    if start is not None and last is not None:
        runs.append((start, last))
    return runs


def _title(ln: Line, height: float) -> bool:
    """A line set in a type clearly larger than the page's text (a title or heading between tables)."""
    return _height(ln.words) > TITLE_SIZE * height


def _blocks(lines: list[Line], height: float) -> list[list[Line]]:
    blocks: list[list[Line]] = []
    for first, last in _runs(lines, height):
        rich = [ln for ln in lines[first:last + 1] if ln.rich]
        closing = len(rich) < MIN_RICH and _closing_line(lines, first, last, height)
        if len(rich) < MIN_RICH and not closing:
            continue
        cols = columns(rich)
        left, right = min(s.x0 for ln in rich for s in ln.segments), max(s.x1 for ln in rich for s in ln.segments)
        width = max(right - left, 1.0)
        inner = [ln for ln in lines[first:last + 1]
                 if ln.rich or (ln.segments[0].x1 - ln.segments[0].x0) < PROSE_WIDTH * width
                 or _fits_a_column(ln.segments[0], cols)]
        before, after = _adjacent(lines, first, -1, cols, height), _adjacent(lines, last, 1, cols, height)
        if closing:  # the wrapped ends above a form's closing row are its first rows, as a ruled reader has them
            before = lines[:first]
        blocks.append(_below_the_caption(before + inner + after))
    return blocks


def _below_the_caption(block: list[Line]) -> list[Line]:
    """The block without the caption set at its top (公开02表 / 编制单位：某某局 单位（元）): the lines down to
    the last caption line among its first lines that are captions or one segment each (a tag, a title)
    go to the text above the table, never to a row."""
    last = -1
    for i, ln in enumerate(block):
        if is_caption(ln.text):
            last = i
        elif len(ln.segments) > 1:
            break
    return block[last + 1:] if 0 <= last < len(block) - 1 else block


def _closing_line(lines: list[Line], first: int, last: int, height: float) -> bool:
    """The one rich line of a run is the closing row of a form begun on the page before (总分 | 100 |
    99.6 | 优秀): near the page's top, below nothing but the wrapped ends of that form's last cells
    (one-segment lines adjacent to it), with ``TAIL_CELLS`` cells, two of them figures."""
    ln = lines[first]
    if first != last or len(ln.segments) < TAIL_CELLS or not _figures(ln):
        return False
    return _below_wrapped_ends(lines, first, height)


def _below_wrapped_ends(lines: list[Line], first: int, height: float) -> bool:
    """``lines[first]`` is at the page's top, or below nothing but one-segment lines adjacent to it
    and to each other (the wrapped ends of cells begun on the page before)."""
    above = lines[:first]
    return all(len(x.segments) == 1 for x in above) and all(
        b.top - a.bottom <= ADJACENT * height for a, b in itertools.pairwise([*above, lines[first]]))


def _at_top(block: list[Line], lines: list[Line], height: float) -> bool:
    """The block starts the page (see :func:`_below_wrapped_ends`)."""
    first = next((i for i, ln in enumerate(lines) if ln is block[0]), None)
    return first is not None and _below_wrapped_ends(lines, first, height)


def _adjacent(lines: list[Line], edge: int, step: int, cols: list[tuple[float, float]], height: float) -> list[Line]:
    """One-segment lines just above (step -1) or below (+1) a run that fit in one of its columns."""
    out: list[Line] = []
    i, ref = edge + step, lines[edge]
    while 0 <= i < len(lines):
        ln = lines[i]
        gap = (ref.top - ln.bottom) if step < 0 else (ln.top - ref.bottom)
        fits = all(_fits_a_column(s, cols) or (step < 0 and _within_a_column(s, cols))
                   or (step > 0 and _wraps_on(s, lines[edge]))
                   or _straddles_the_edge(s, ln, lines[edge], cols) for s in ln.segments) or (
            step < 0 and not out and _upper_cell_line(ln, lines[edge:edge + 2], cols, height))
        fits = fits or (step < 0 and _wrapped_end(ln, cols, height) and _below_wrapped_ends(lines, i, height))
        if ln.rich or gap > ADJACENT * height or not fits:
            break
        out.append(ln)
        ref, i = ln, i + step
    return out[::-1] if step < 0 else out


def _upper_cell_line(ln: Line, below: list[Line], cols: list[tuple[float, float]], height: float) -> bool:
    """``ln`` is one upper header cell set just over the header lines ``below`` (公务用车购置及运行费 over
    小计 | 购置费 | 运行费), wider than the column under it: one segment in the type of the table, over
    columns right of the first and within the table's width, centred on a header cell of ``below`` (the
    middle one of the cells it spans; a form's number, 公开14-4表, set at the right stands over none)."""
    if len(ln.segments) != 1 or not cols or _title(ln, height):
        return False
    s = ln.segments[0]
    mid = (s.x0 + s.x1) / 2
    return s.x0 > cols[0][1] and s.x1 <= cols[-1][1] and any(
        abs((t.x0 + t.x1) / 2 - mid) <= height / 2 for b in below if len(b.segments) >= 2 for t in b.segments)


# ---- columns ------------------------------------------------------------------------------------


def columns(rich: list[Line], seed: Sequence[tuple[float, float]] = ()) -> list[tuple[float, float]]:
    """Column bands, from ``seed`` and the rich lines with the most cells first: a segment overlapping
    one band widens it, one overlapping none opens a new band, one overlapping several spans them (a
    merged cell) and leaves the bands as they are."""
    bands: list[list[float]] = [[a, b] for a, b in seed]
    for ln in sorted(rich, key=lambda ln: (-len(ln.segments), ln.top)):
        for s in ln.segments:
            hit = [b for b in bands if s.x0 <= b[1] and s.x1 >= b[0]]
            if len(hit) > 1:
                continue
            if not hit:
                bands.append([s.x0, s.x1])
                continue
            b = hit[0]
            lo, hi = min(b[0], s.x0), max(b[1], s.x1)
            if any(o is not b and lo <= o[1] and hi >= o[0] for o in bands):
                continue  # widening would run into a neighbour: the segment spans
            b[0], b[1] = lo, hi
    return sorted((b[0], b[1]) for b in bands)


def form_columns(block: list[Line]) -> list[tuple[float, float]]:
    """The block's column bands: those of its full rows (lines with more than half the most cells a
    line has), then a band for the level labels alone on their lines beside them, then the bands the
    sparser rows add (a cell of 其他需说明事项 merged over the two level columns spans them and does not
    widen the first into the second)."""
    rich = [ln for ln in block if ln.rich]
    most = max((len(ln.segments) for ln in rich), default=0)
    full = [ln for ln in rich if 2 * len(ln.segments) > most]
    if len(full) < MIN_RICH:
        return split_shared_bands(_with_label_bands(columns(rich), block), rich)
    return split_shared_bands(columns([ln for ln in rich if ln not in full], _with_label_bands(columns(full), block)),
                              rich)


def _split_at_columns(block: list[Line], cols: list[tuple[float, float]], char: float, *,
                      gaps: bool = False) -> None:
    """Segments that run over a column's start with a word break just there are two cells set close
    (a long level label and its row's name), not one merged cell: cut them there (in place). ``gaps``:
    also where a word break reaches into the gap between two columns (a statement's header cells set
    touching, each over its own column: 一般公共预算财政拨款（万元 | 政府性基金预算财政拨款（万; the
    first may end a little inside its column's figures, a header cell centred wider than them)."""
    starts = [c0 for c0, _ in cols[1:]]
    between = list(itertools.pairwise(cols)) if gaps else []
    for ln in block:
        out: list[Segment] = []
        for seg in ln.segments:
            words = [piece for w in ln.words if seg.x0 - 0.5 <= float(w["x0"]) and float(w["x1"]) <= seg.x1 + 0.5
                     for piece in _apart_at_starts(w, starts, char)]
            out.extend(_cut(seg, words, starts, char, between))
        ln.segments = out


def _apart_at_starts(word: Word, starts: list[float], char: float) -> list[Word]:
    """``word`` cut before each of its characters that begins a column and stands ``SET_APART`` characters
    or more after the one before it: Chinese type is set solid, so the white is the gap between two
    cells set close, which the word finder ran together (服务对象满意度 | 企业满意度, 2.9 points apart).
    A word without its characters (OCR) stays whole."""
    chars = word.get("chars")
    if not chars:
        return [word]
    cuts = [k for k in range(1, len(chars))
            if float(chars[k]["x0"]) - float(chars[k - 1]["x1"]) >= SET_APART * char
            and any(abs(float(chars[k]["x0"]) - c0) <= 0.5 * char for c0 in starts)]
    if not cuts:
        return [word]
    pieces = [chars[a:b] for a, b in itertools.pairwise([0, *cuts, len(chars)])]
    return [{"text": "".join(str(c["text"]) for c in cs), "x0": float(cs[0]["x0"]),
             "x1": max(float(c["x1"]) for c in cs), "top": min(float(c["top"]) for c in cs),
             "bottom": max(float(c["bottom"]) for c in cs)} for cs in pieces]


def _cut(seg: Segment, words: list[Word], starts: list[float], char: float,
         between: list[tuple[tuple[float, float], tuple[float, float]]]) -> list[Segment]:
    for k in range(1, len(words)):
        end, x = float(words[k - 1]["x1"]), float(words[k]["x0"])
        if end < x and (any(abs(x - c0) <= 0.5 * char for c0 in starts)
                        or any(end < b[0] and x > a[1] for a, b in between)):
            left, right = words[:k], words[k:]
            return [_segment_of(left, seg), *_cut(_segment_of(right, seg), right, starts, char, between)]
    return [seg]


def _segment_of(words: list[Word], seg: Segment) -> Segment:
    return Segment(float(words[0]["x0"]), max(float(w["x1"]) for w in words), min(float(w["top"]) for w in words),
                   max(float(w["bottom"]) for w in words), words_text(words), seg.confidence)


def _with_label_bands(cols: list[tuple[float, float]], block: list[Line]) -> list[tuple[float, float]]:
    """``cols`` and a band for each run of one-cell lines that overlaps none of them: labels merged
    down their rows, alone on their lines, in a column no rich line of the block reaches (level
    labels on a page that continues a form)."""
    bands: list[list[float]] = []
    segs = [ln.segments[0] for ln in block if len(ln.segments) == 1]
    for seg in sorted(segs, key=lambda x: x.x0 - x.x1):  # widest first
        if any(seg.x0 <= c1 and seg.x1 >= c0 for c0, c1 in cols):
            continue
        hit = [b for b in bands if seg.x0 <= b[1] and seg.x1 >= b[0]]
        if hit:
            hit[0][0], hit[0][1] = min(hit[0][0], seg.x0), max(hit[0][1], seg.x1)
        else:
            bands.append([seg.x0, seg.x1])
    return sorted([*cols, *((b[0], b[1]) for b in bands)])


def _statement_body(block: list[Line]) -> list[Line]:
    """The rich lines of a statement's body (from its first line of amounts on), when the block has
    ``MIN_ROWS`` lines of amounts making ``STATEMENT_BODY`` of them, with no more than
    ``STATEMENT_TEXTS`` cells of text on the usual one (its items) and plain numbers for figures
    (``STATEMENT_MONEY``; a last column of rates on every line, 执行率, and the codes of the
    government procurement catalogue, C21040000 物业管理服务, aside); else none."""
    rich = [ln for ln in block if ln.rich]
    amounts = [ln for ln in rich if _amounts(ln)]
    if len(amounts) < MIN_ROWS and not _wide_amounts(amounts):
        return []
    body = [ln for ln in rich if ln.top >= amounts[0].top - 0.5]
    words = statistics.median(sum(1 for s in ln.segments if not _DIGIT.search(s.text)
                                  and not _PLACEHOLDER.match(s.text)) for ln in amounts)  # (a dash: no amount)
    if words > STATEMENT_TEXTS:
        return []  # an indicator's text, operator and unit beside its figures: a form
    rates = all(_RATE.match(ln.segments[-1].text) for ln in amounts)  # a last column of 执行率 (90.77%)
    figures = [s.text for ln in amounts for s in (ln.segments[:-1] if rates else ln.segments)
               if _DIGIT.search(s.text) and not _CATALOGUE.match(s.text)
               and not (s is ln.segments[0] and _SUBJECT.match(s.text))]
    if sum(1 for f in figures if _MONEY.match(f)) < STATEMENT_MONEY * len(figures):
        return []  # figures with % or units (90%, 300批次): a form's values, not amounts
    return body if len(amounts) >= STATEMENT_BODY * len(body) else []


def _wide_amounts(amounts: list[Line]) -> bool:
    """Lines of amounts that make a statement's body though fewer than ``MIN_ROWS``: each holds
    ``WIDE_AMOUNTS`` or more plain amounts or dashes side by side (the 三公经费 table: one line, or a
    预算数 and a 决算数 line, under a header of several levels)."""
    return bool(amounts) and all(
        sum(1 for s in ln.segments if _MONEY.match(s.text) or _PLACEHOLDER.match(s.text)) >= WIDE_AMOUNTS
        for ln in amounts)


def _block_columns(block: list[Line], body: list[Line], height: float) -> list[tuple[float, float]]:
    """The block's column bands. A statement (``MIN_ROWS`` lines of amounts, making ``STATEMENT_BODY``
    of the rich lines from its first line of amounts on): the bands of that body, with the header
    lines above placed by the body's alignment (see :mod:`extract.tables.position_columns`); else
    (a form, rows of text among the figures) :func:`form_columns`. Either with the level labels' bands.
    ``body``: the block's :func:`_statement_body`."""
    if not body:  # few figures, or rows of text among them: a form, not a statement
        first = next((k for k, ln in enumerate(block) if _figures(ln)), len(block))
        return claimed_headers(form_columns(block), block[:first], block[first:], _figure_or_dash)
    amounts = [ln for ln in body if _amounts(ln)]
    start = amounts[0].top
    header = [ln.segments for ln in block if ln.bottom <= start + 0.5 and ln not in body]
    below = [ln for ln in block if ln.top >= start - 0.5]  # labels alone on their lines: in the body, not above it
    return _with_label_bands(header_aligned(columns(body), [ln.segments for ln in amounts], header, height), below)


def _span(seg: Segment, cols: list[tuple[float, float]]) -> tuple[int, int]:
    """First and last column a segment covers (by where its ends fall; a gap counts for its neighbour)."""
    first = next((i for i, (_, c1) in enumerate(cols) if seg.x0 <= c1), len(cols) - 1)
    last = max((i for i, (c0, _) in enumerate(cols) if seg.x1 >= c0), default=0)
    if last < first:  # inside one gap: the nearer column
        mid = (seg.x0 + seg.x1) / 2
        first = last = min(range(len(cols)), key=lambda i: min(abs(mid - cols[i][0]), abs(mid - cols[i][1])))
    return first, last


# ---- rows ---------------------------------------------------------------------------------------


def _anchors(block: list[Line], cols: list[tuple[float, float]], *, statement: bool = False
             ) -> tuple[list[tuple[float, float]], dict[int, int]]:
    """Rows as (top, bottom), and the row of each line that stands on one (by ``id``): rich lines,
    those overlapping vertically taken together; and one-segment lines overlapping each other in
    different columns (a row of two short cells, offset by their centring) touching no rich line.
    A form's header rows with cells merged over two of them are told apart (see
    :func:`extract.tables.centred_rows.merged_over_rows`); a ``statement``'s header is read whole, its
    upper cells split off afterwards (:func:`_upper_header_rows`, which also keeps a cell wrapped over
    both header lines whole)."""
    height = _height([w for ln in block for w in ln.words]) or 10.0
    groups: list[list[Line]] = []
    continued, keyed = _continuation_lines(block, cols, height)
    standing = [ln for ln in block if id(ln) not in continued]
    for ln in standing:
        if groups and _same_row(groups[-1], ln, height):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    centred = _centred_rows(standing, cols, height)
    merged = [] if statement else merged_over_rows(standing, lambda ln: _filled(ln, cols), height,  # type: ignore[arg-type]
                                                   centred)
    groups = joined(groups, standing, centred + merged)
    rows: list[tuple[float, float]] = []
    of: dict[int, int] = {}
    labels = _label_lines(block, cols)
    for i, g in enumerate(groups):
        if all(id(ln) in labels for ln in g) or all(_level_labels(ln) for ln in g):
            continue
        if not any(ln.rich for ln in g):  # (a row of centred cells joins rich and other lines)
            if centred and _opens_centred_cells(g, groups[i + 1] if i + 1 < len(groups) else [], block, cols, height):
                continue
            touches = [x for x in groups[max(i - 1, 0):i + 2] if x is not g and x[0].rich]
            first_cols = {_span(ln.segments[0], cols)[0] for ln in g}
            if (len(first_cols) < 2 and not _heading_row(g, cols)) or any(_overlap(g, x) for x in touches):
                continue
            if (len(first_cols) >= 2 and all(_continued(ln, keyed, block, cols, height, labels=True) for ln in g)
                    and any(_continued(ln, keyed, block, cols, height) for ln in g)):
                continue  # short cells offset from each other, continuing cells of a keyed row
        rows.append((min(x.top for x in g), max(x.bottom for x in g)))
        for ln in g:
            of[id(ln)] = len(rows) - 1
    return rows, of


def _opens_centred_cells(group: list[Line], below: list[Line], block: list[Line], cols: list[tuple[float, float]],
                         height: float) -> bool:
    """Whether ``group`` (lines of no figures, in a block that centres its cells) holds only the first
    lines of cells that go on, line after adjacent line down their columns, into the row ``below``, and
    level labels: a cell of three lines centred on a row of one-line cells prints its first line above
    the row's (受汛期影响部分工程延期 / ，已督促施工单位加快进 / 度 about 整改问题销号率 | 95% | 88.3%), where
    no cell hung from its row's top starts; a level label centred between two rows may share that line
    (质量指标). The line is no row: its cells join the row below, its labels go where they are centred."""
    if not below or not any(ln.rich for ln in below):
        return False
    cells = [(s, _span(s, cols)[0]) for ln in group if not _level_labels(ln) for s in ln.segments]
    return bool(cells) and all(not _whole_level(s.text) and _reaches(s, c, below, block, cols, height)
                               for s, c in cells)


def _level_labels(ln: Line) -> bool:
    """``ln`` holds nothing but whole level names (项目完成指标 | 质量指标): labels merged down the rows they
    span and centred on them, set side by side on one line by chance (a 一级指标 centred on five rows and a
    二级指标 on two, halfway between the rows' lines). No row names no item: the line is none of its own,
    its labels go to the row they are centred on (the upper of two, as a ruled reader gives them)."""
    return all(_whole_level(s.text) for s in ln.segments)


def _centred(block: list[Line], cols: list[tuple[float, float]], height: float) -> bool:
    """The block sets its cells vertically centred: a row of one-line cells stands halfway between the two
    lines of its wrapped cells (see :mod:`extract.tables.centred_rows`), where no cell hung from the top
    of its row would stand."""
    continued, _ = _continuation_lines(block, cols, height)
    standing = [ln for ln in block if id(ln) not in continued]
    return bool(_centred_rows(standing, cols, height))


def _centred_rows(lines: list[Line], cols: list[tuple[float, float]], height: float) -> list[tuple[int, int]]:
    """:func:`extract.tables.centred_rows.centred_rows` of ``lines``, told their columns."""
    return centred_rows(lines, lambda ln: _filled(ln, cols), lambda ln: _figure_columns(ln, cols),  # type: ignore[arg-type]
                        height)


def _figure_columns(ln: Line, cols: list[tuple[float, float]]) -> frozenset[int]:
    """The columns where ``ln`` prints a figure."""
    return frozenset(_span(s, cols)[0] for s in ln.segments if _DIGIT.search(s.text))


def _filled(ln: Line, cols: list[tuple[float, float]]) -> frozenset[int]:
    """The columns the cells of ``ln`` cover."""
    return frozenset().union(*(_covered(s, cols) for s in ln.segments))


def _key_column(block: list[Line], cols: list[tuple[float, float]]) -> int | None:
    """A column of one-line amounts that every line of amounts fills (the score or amount column a
    row never lacks): on those lines at least ``MIN_ROWS`` cells, nearly all figures or dashes (the
    rightmost such column). It tells the rows."""
    amounts = [ln for ln in block if _amounts(ln)]
    if not amounts:
        return None
    best: int | None = None
    for c in range(len(cols)):  # its cells on the lines of amounts (not its headings)
        cells = [s.text for ln in amounts for s in ln.segments if _span(s, cols) == (c, c)]
        if len(cells) < MIN_ROWS or sum(1 for t in cells if _figure_or_dash(t)) < KEY_FIGURES * len(cells):
            continue
        if all(any(_span(s, cols)[0] == c for s in ln.segments) for ln in amounts):
            best = c
    return best


def _key_amount(ln: Line, block: list[Line], cols: list[tuple[float, float]]) -> bool:
    """``ln`` holds an amount (a figure or dash) in the block's key column."""
    key = _key_column(block, cols)
    return key is not None and any(_span(s, cols)[0] == key and _figure_or_dash(s.text) for s in ln.segments)


def _continuation_lines(block: list[Line], cols: list[tuple[float, float]], height: float
                        ) -> tuple[set[int], list[Line]]:
    """Rich lines (by ``id``) that stand on no row of their own: with a key column (see
    :func:`_key_column`), a line between its first and last cells that has no cell in it, next to a
    line that has one, each of its cells (but level labels left of that line's cells) continuing a
    multi-line cell of that line's row (a cell set over three lines, vertically centred on a row of
    one-line cells, has its first and last lines beside nothing in the key column). Also the lines
    with an amount in the key column (none without one)."""
    key = _key_column(block, cols)
    if key is None:
        return set(), []
    keyed = [ln for ln in block if _key_amount(ln, block, cols)]
    return {id(ln) for ln in block if ln.rich and _continued(ln, keyed, block, cols, height)}, keyed


def _continued(ln: Line, keyed: list[Line], block: list[Line], cols: list[tuple[float, float]],
               height: float, *, labels: bool = False) -> bool:
    """``ln`` lies among the ``keyed`` lines, has no cell in the key column, and each of its cells
    but level labels (left of the column naming each row's item) continues, line after adjacent
    line down its column, into the height of a keyed line; a line of labels alone continues one only
    when ``labels``. A line overlapping a keyed line by half a line, or two keyed lines (the middle
    line of a header), is on their row already."""
    if not keyed or ln in keyed or ln.top < keyed[0].top or ln.bottom > keyed[-1].bottom:
        return False
    overlaps = [min(m.bottom, ln.bottom) - max(m.top, ln.top) for m in keyed]
    if any(o > 0.5 * height for o in overlaps) or sum(1 for o in overlaps if o > OVERLAP * height) >= 2:
        return False  # it stands on that line's row anyway, or joins the two lines it overlaps (a header)
    first = _item_column(block, cols)
    cells = [(s, _span(s, cols)[0]) for s in ln.segments]
    cells = [(s, c) for s, c in cells if c >= first]  # not the level labels
    if not cells:
        return labels
    return all(_reaches(s, c, keyed, block, cols, height) for s, c in cells)


def _item_column(block: list[Line], cols: list[tuple[float, float]]) -> int:
    """The first column with a cell on (nearly) as many lines of amounts as the fullest column: the one
    naming each row's item. The columns left of it hold level labels."""
    amounts = [ln for ln in block if _amounts(ln)]
    counts = [sum(1 for ln in amounts if any(_span(s, cols)[0] == c for s in ln.segments)) for c in range(len(cols))]
    most = max(counts, default=0)
    return next((c for c, n in enumerate(counts) if n and n >= DENSE * most), 0)


def _reaches(seg: Segment, c: int, keyed: list[Line], block: list[Line], cols: list[tuple[float, float]],
             height: float) -> bool:
    """Whether the cells of column ``c`` adjacent to ``seg``, line after line, reach the height of a
    keyed line (a multi-line cell of that row). Amounts are one-line cells: none continues one."""
    if _one_line(seg.text):
        return False  # an amount is a one-line cell
    column = sorted((t for x in block for t in x.segments if _span(t, cols)[0] == c and not _one_line(t.text)),
                    key=lambda t: t.top)
    i = next(k for k, t in enumerate(column) if t is seg)
    # (the column's widest line of its own ends at the cells' right edge: a line well short of it is a
    # cell's last, and the line below begins another cell: see extract/tables/cell_wraps.py)
    right = max([cols[c][1], *(t.x1 for x in block for t in x.segments if _span(t, cols) == (c, c))])
    char = char_width([w for x in block for w in x.words])

    def joins(upper: Segment, lower: Segment) -> bool:
        return lower.top - upper.bottom <= ADJACENT * height and runs_on(upper, lower, right, char)

    lo = hi = i
    while lo > 0 and joins(column[lo - 1], column[lo]):
        lo -= 1
    while hi + 1 < len(column) and joins(column[hi], column[hi + 1]):
        hi += 1
    return any(t.top < m.bottom and t.bottom > m.top for t in column[lo:hi + 1] for m in keyed)


def _one_line(text: str) -> bool:
    """A cell no line below continues: an amount, or a label:value pair closed by its amount (其他资金：0,
    预算数：120.50), set on one line as the amounts beside it."""
    return bool(_AMOUNT.match(text) or _PAIR.search(text))


def _heading_row(g: list[Line], cols: list[tuple[float, float]]) -> bool:
    """A heading set across the table (一、部门年度目标): one line of one cell that starts at the table's
    left edge and runs over the gap after the first column. No cell of one column is that wide, so it
    is a row of its own (a cell merged across the row)."""
    if len(g) != 1 or len(g[0].segments) != 1 or len(cols) < 2:
        return False
    seg = g[0].segments[0]
    return seg.x0 <= cols[0][0] + 1 and seg.x1 > cols[1][0]


def _label_lines(block: list[Line], cols: list[tuple[float, float]]) -> set[int]:
    """Lines (by ``id``) among the rows of figures that hold only level labels: cells in columns that
    most lines of figures leave empty (labels merged down their rows, set side by side by chance).
    They stand on no row of their own. A cell merged across into a column most lines of figures fill
    (合并明细项目 | 一般设备购置费,业务装配经费… over the columns of the values) is a row's value, not a label."""
    figures = [ln for ln in block if _figures(ln)]
    if len(figures) < 2:
        return set()
    used: dict[int, int] = {}
    for ln in figures:
        for c in {_span(s, cols)[0] for s in ln.segments}:
            used[c] = used.get(c, 0) + 1
    sparse = {c for c in range(len(cols)) if used.get(c, 0) * 2 < len(figures)}
    top, bottom = figures[0].top, figures[-1].bottom
    return {id(ln) for ln in block
            if ln.rich and not _figures(ln) and top < ln.top and ln.bottom < bottom
            and all(_covered(s, cols) <= sparse for s in ln.segments)}


def _figures(ln: Line) -> bool:
    """A line of figures: two or more of its cells hold digits (a table's data row)."""
    return sum(1 for s in ln.segments if _DIGIT.search(s.text)) >= 2


def _amounts(ln: Line) -> bool:
    """A line of amounts: two or more of its cells hold digits or the dash of an empty amount."""
    return sum(1 for s in ln.segments if _DIGIT.search(s.text) or _PLACEHOLDER.match(s.text)) >= 2


def _plain_amounts(ln: Line) -> bool:
    """A line of amounts of money: two or more of its cells are plain numbers (no % or unit)."""
    return sum(1 for s in ln.segments if _MONEY.match(s.text)) >= 2


def _row_labels(block: list[Line], row_of: dict[int, int]) -> set[int]:
    """The pieces (by ``id``) that label their row: the last cell of text on a row's line of two cells or
    more (其中：中央补助 | 1,920,000.00 | 100.00%; a label merged over rows stands left of it)."""
    out: set[int] = set()
    for ln in block:
        texts = [s for s in ln.segments if not _AMOUNT.match(s.text)]
        if id(ln) in row_of and texts and len(ln.segments) > 1:
            out.add(id(texts[-1]))
    return out


def _same_row(group: list[Line], ln: Line, height: float) -> bool:
    """Whether ``ln`` stands on the row of ``group``: the lines of a multi-line header or a label
    centred half a line off overlap the line before by a good part of a line; a line of figures
    is a row of its own unless it overlaps by half a line or more, and two lines of figures are
    never one row (padded OCR boxes touch the next row's, a label centred between two rows
    overlaps both)."""
    prev = group[-1]
    if ln.rich != prev.rich:
        return False
    overlap = prev.bottom - ln.top
    if _figures(ln):
        return overlap > 0.5 * height and not any(_figures(x) for x in group)
    return overlap > OVERLAP * height


def _overlap(a: list[Line], b: list[Line]) -> bool:
    return max(x.bottom for x in a) > min(x.top for x in b) and max(x.bottom for x in b) > min(x.top for x in a)


def _nearest(mid: float, anchors: list[tuple[float, float]]) -> tuple[int, float]:
    best, cost = 0, float("inf")
    for i, (a, b) in enumerate(anchors):
        d = abs(mid - (a + b) / 2)
        if d < cost - 1.0:  # a tie goes to the upper row
            best, cost = i, d
    return best, cost


@dataclass
class _Placed:
    seg: Segment
    last_col: int  # the last column the segment spans
    row: int | None  # its row when it stands on a rich line (fixed), else None
    line: int = 0  # the ``id`` of its line


def _group_row(group: list[_Placed], anchors: list[tuple[float, float]], height: float) -> tuple[int, float]:
    """The row of a group of lines taken as one cell, and its cost: how far its centre is from that
    row's, and half a line for every other row whose centre it covers."""
    fixed = {p.row for p in group if p.row is not None}
    top, bottom = group[0].seg.top, group[-1].seg.bottom
    if len(fixed) > 1:
        return 0, float("inf")  # lines of two rows are not one cell
    if fixed:
        (r,) = fixed
        cost = abs((top + bottom) / 2 - sum(anchors[r]) / 2)
    else:
        r, cost = _nearest((top + bottom) / 2, anchors)
    if len(group) > 1:
        cost += 0.5 * height * sum(1 for i, (a, b) in enumerate(anchors) if i != r and top < (a + b) / 2 < bottom)
    return r, cost


def _group(cells: list[_Placed], anchors: list[tuple[float, float]], height: float
           ) -> list[tuple[list[_Placed], int]]:
    """One column's lines grouped into multi-line cells, each with its row: the grouping of adjacent
    lines that puts every cell's centre nearest its row (dynamic programming over the cut points)."""
    n = len(cells)
    best: list[float] = [0.0] + [float("inf")] * n
    cut: list[int] = [0] * (n + 1)
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            if i < j - 1 and cells[i + 1].seg.top - cells[i].seg.bottom > ADJACENT * height:
                break
            cost = best[i] + _group_row(cells[i:j], anchors, height)[1]
            if cost < best[j] - 1e-6:
                best[j], cut[j] = cost, i
    out: list[tuple[list[_Placed], int]] = []
    j = n
    while j > 0:
        i = cut[j]
        out.append((cells[i:j], _group_row(cells[i:j], anchors, height)[0]))
        j = i
    return out[::-1]


@dataclass
class Grid:
    columns: list[tuple[float, float]]
    rows: list[list[Cell]]
    confidence: list[list[float | None]]
    bbox: tuple[float, float, float, float]
    boxes: list[list[Box | None]] = field(default_factory=list)  # each cell's box (its column, its lines)
    hanging: bool = False  # read as a form that hangs its cells from the top of their rows


def _merged_labels(groups: list[tuple[list[_Placed], int]], anchors: list[tuple[float, float]],
                   filled: set[int], *, move_fixed: set[int] | None = None,
                   covered: frozenset[int] = frozenset(), centred: float = 0.0,
                   parents: frozenset[int] = frozenset(), heights: list[tuple[float, float]] | None = None
                   ) -> list[tuple[list[_Placed], int]]:
    """Labels of cells merged down a column, moved to the first row they span (where a ruled reader
    gives them). Bottom up: a label's span ends where the next label of the column begins (and, in a
    column of level labels, where the rows that name an item in ``filled`` end), and starts at the row
    (after the label above) that centres the span on the label. ``move_fixed``: the rows of amounts;
    labels standing on a row's line among them move too (a label merged down three rows is printed
    on the middle one's line), their span running down only over such rows. ``covered``: rows where a
    cell merged from a column to the left covers this one (a 其他需说明事项 row): the last label's span
    ends above them. ``centred``: in a block that centres its cells, the tolerance (points) within which
    a label of several lines standing on rows' lines but not centred on its row is centred on the widest
    span of rows free of other labels (项目资金/（20分） on the middle of its fund block's rows, some of
    them empty: on the block's header row), within the rows of the labels of the columns to its left
    (``parents``: the rows where they begin). ``heights``: each row's top and bottom over all its
    cells' lines (:func:`_row_extents`), on which a label standing on no row's line is centred."""
    out: list[tuple[list[_Placed], int]] = []
    movable = move_fixed or set()
    nxt = len(anchors)  # the first row of the label below
    while nxt - 1 in covered and not any(r >= nxt - 1 for _, r in groups):
        nxt -= 1
    for k in range(len(groups) - 1, -1, -1):
        group, r = groups[k]
        fixed = len({p.row for p in group if p.row is not None}) == 1  # (a label wrapped over rows is free)
        mid = (group[0].seg.top + group[-1].seg.bottom) / 2
        lower = min(groups[k - 1][1] + 1, r) if k else 0
        off = (fixed and centred and len(group) > 1 and r < nxt
               and abs(mid - sum(anchors[r]) / 2) > centred)  # lines not centred on their row
        # (its span starts below the lines of the label above, wherever that label is placed)
        below = max(p.seg.bottom for p in groups[k - 1][0]) if k else float("-inf")
        clear = max(lower, min(next((f for f, (a, _) in enumerate(anchors) if a >= below - 0.5), r), r))
        floor = max([clear, *(x for x in parents if x <= r)])  # (nor above, nor past, a label of a column to its left)
        ceiling = min([nxt - 1, *(x - 1 for x in parents if x > r)])
        span = _widest_centred(anchors, floor, r, ceiling, mid, centred) if off and floor <= r <= ceiling else None
        if span is not None:  # centred on the rows it is merged over
            out.append((group, span))
            nxt = span
            continue
        if (fixed and r not in movable) or nxt <= r:  # it stays on its row
            out.append((group, r))
            nxt = r
            continue
        last = ceiling  # (a label of a column to its left beginning below, 总分, ends the span above it)
        if fixed:  # on a row's line: its span runs down over the rows of amounts after that row
            last = r
            while last + 1 <= ceiling and last + 1 in filled and last + 1 in movable:
                last += 1
        rows = anchors if fixed or heights is None else heights  # (a label on a row's line: by those lines)
        first = min(range(clear, r + 1), key=lambda f: (abs((rows[f][0] + rows[last][1]) / 2 - mid), -f))
        out.append((group, first))
        nxt = first
    return _joined_to_the_label_above(out[::-1], anchors, heights)


def _widest_centred(anchors: list[tuple[float, float]], lower: int, r: int, upper: int, mid: float,
                    tolerance: float) -> int | None:
    """The first row of the widest span of rows from ``lower`` to ``upper`` holding row ``r`` whose centre
    is ``mid`` (within ``tolerance``), or None."""
    spans = [(f, t) for f in range(lower, r + 1) for t in range(r, upper + 1)
             if abs((anchors[f][0] + anchors[t][1]) / 2 - mid) <= tolerance]
    return min(spans, key=lambda ft: (ft[0] - ft[1], ft[0]))[0] if spans else None


def _centred_on_free_rows(groups: list[tuple[list[_Placed], int]], n: int,
                          covered: frozenset[int] = frozenset()) -> list[tuple[list[_Placed], int]]:
    """Labels standing on a row's line with as many rows free (empty in their column) above as below
    them: a label merged down those rows and centred on them (项目资金（万元） on the middle of its three
    rows, 绩效指标 beside the rows of indicators) moved to the first of them, where a ruled reader
    gives it. A label on the first row of its free rows (set from the top) stays. A row where a cell
    merged from a column to the left covers the column (``covered``: a 项目绩效总目标 text over it) is
    not free."""
    out: list[tuple[list[_Placed], int]] = []
    lower = 0  # the first row below the span of the label above
    for k, (group, r) in enumerate(groups):
        upper = groups[k + 1][1] - 1 if k + 1 < len(groups) else n - 1
        lower = max([lower, *(x + 1 for x in covered if x < r)])
        upper = min([upper, *(x - 1 for x in covered if x > r)])
        half = max(min(r - lower, upper - r), 0) if all(p.row is not None for p in group) else 0
        out.append((group, r - half))
        lower = r + half + 1
    return out


def _row_extents(anchors: list[tuple[float, float]], grouped: dict[int, list[tuple[list[_Placed], int]]],
                 key: int) -> list[tuple[float, float]]:
    """Each row's top and bottom over the lines of its cells right of the level labels (from column
    ``key``), its wrapped cells' lines above and below its one-line cells included: a label merged over
    rows is centred on their whole height."""
    out = list(anchors)
    for c, groups in grouped.items():
        if c < key:
            continue
        for group, r in groups:
            if 0 <= r < len(out):
                top, bottom = out[r]
                out[r] = (min(top, *(p.seg.top for p in group)), max(bottom, *(p.seg.bottom for p in group)))
    return out


def _covered_rows(grouped: dict[int, list[tuple[list[_Placed], int]]], c: int) -> frozenset[int]:
    """Rows where a cell of a column left of ``c`` spans over column ``c``."""
    return frozenset(r for k, groups in grouped.items() if k < c for g, r in groups if max(p.last_col for p in g) >= c)


def _joined_to_the_label_above(out: list[tuple[list[_Placed], int]], anchors: list[tuple[float, float]],
                               heights: list[tuple[float, float]] | None = None) -> list[tuple[list[_Placed], int]]:
    """The last label of a column starts where the span of the label above it ends (merged cells down
    a column follow each other): its span may run on past the table's end (onto the next page), so
    centring it on the rows left on this page starts it too low. The span above is the one centred
    on its label from its first row (on the rows' whole ``heights`` when that label stands on no row's
    line, see :func:`_merged_labels`)."""
    if len(out) < 2 or any(p.row is not None for p in out[-1][0]):
        return out
    (above, start), (group, first) = out[-2], out[-1]
    if first <= start + 1:
        return out
    mid = (above[0].seg.top + above[-1].seg.bottom) / 2
    rows = heights if heights is not None and all(p.row is None for p in above) else anchors
    end = min(range(start, first), key=lambda e: (abs((rows[start][0] + rows[e][1]) / 2 - mid), e))
    return [*out[:-1], (group, end + 1)]


def _bare_items(grouped: dict[int, list[tuple[list[_Placed], int]]], key: int) -> set[int]:
    """The rows that name an item and print nothing right of it (a template's placeholder row, 指标1：):
    rows of the block's items as those of figures are, which a level label merged over its rows spans
    (a header row prints its headings right of the item column too)."""
    named = {r for _, r in grouped.get(key, [])}
    right = {r for c, groups in grouped.items() if c > key for _, r in groups}
    return named - right


def _label_columns(grouped: dict[int, list[tuple[list[_Placed], int]]], figure_rows: set[int]) -> tuple[int, set[int]]:
    """The first column that holds a cell in (nearly) as many rows of figures as the fullest column
    (the one naming each row's item), and the rows it fills. The columns left of it, empty in some
    rows of figures, hold level labels merged down the rows they span."""
    filled = {c: {r for _, r in groups} for c, groups in grouped.items()}
    most = max((len(f & figure_rows) for f in filled.values()), default=0)
    for c in sorted(filled):
        if figure_rows and len(filled[c] & figure_rows) >= DENSE * most:
            return c, filled[c]
    return 0, set()


def top_aligned_rows(block: list[Line], cols: list[tuple[float, float]], anchors: list[tuple[float, float]],
                     row_of: dict[int, int], height: float, *, assumed: bool = False, form: bool = False,
                     tail_row: bool = False
                     ) -> tuple[list[tuple[float, float]], dict[int, int]] | None:
    """Rows and the row of every line (by ``id``) when the form sets its cells from the top of their
    rows: each line that stands on no row continues, in every column it fills, a cell begun on the
    first line of the row above it (a multi-line indicator name, a level label or a scoring rule
    hanging from its row's first line, beside one-line figures on that line), and lies adjacent to
    the line before; so does each line of a row's second lines, without a score (see
    :func:`_hanging_lines`), unless it begins a row of its own (a cell in a column the row above
    leaves empty). None when a line holds a cell in a column its row's first line leaves empty just
    below a line that continued that column (a cell centred on its row begins above the row's line),
    unless it opens a column that row leaves empty or closes (:func:`_opens_a_column`), when a line standing
    on no row does not continue the row above, or when no line does (nothing to tell, unless ``assumed``:
    another form of the page hangs its cells). A line with a cell in a column where a line of the row above
    printed a one-line cell (an amount, 98.9%: :func:`_closed`) begins a row, whichever lines came between.
    In a ``form`` (no statement), the last lines of a cell cut by the page break, above the first row's line
    in a column that row fills, are a row of their own (the rest of the row, as a ruled reader gives it).
    ``tail_row`` (a statement whose first row is a row of figures: a part continued from the page before):
    the end of a cell begun on the page before, above the first row, is a row of its own (an item name
    cut by the page break, 行政事业单位医 / 疗: the statement reader joins it to its row once the parts are
    stitched); otherwise it goes with the first row (a 表二 tag above a table's 编制单位 line)."""
    hanging = _hanging_lines(block, cols, row_of)
    units = form_units(s.text for ln in block for s in ln.segments)
    rows: list[tuple[float, float]] = []
    filled: list[set[int]] = []
    closed: list[set[int]] = []  # per row: the columns where one of its lines printed a one-line cell
    before: list[set[int]] = []  # per row: the columns the line just above its first line continued
    out: dict[int, int] = {}
    started: dict[int, int] = {}  # an anchored row already begun -> its new number
    prev: Line | None = None
    continued: set[int] = set()  # the columns the line before filled, when it continued a row
    first_line = next((ln for ln in block if id(ln) in row_of and id(ln) not in hanging), None)
    # (a form's: a statement's item cut by the break stays with its first row, which its code names)
    first_cells = _filled(first_line, cols) if first_line is not None and form else frozenset()
    for ln in block:
        cells = set().union(*(_covered(seg, cols) for seg in ln.segments))
        if id(ln) in row_of and id(ln) not in hanging:
            r = started.setdefault(row_of[id(ln)], len(rows))
            if r == len(rows):
                rows.append(anchors[row_of[id(ln)]])
                filled.append(set())
                closed.append(set())
                before.append(continued)
            filled[r] |= cells
            closed[r] |= _closed(ln, cols)
            out[id(ln)], prev, continued = r, ln, set()
            continue
        if not rows and not tail_row and not cells & first_cells:
            # the end of a cell begun on the page before, over the first row's empty columns: with that row
            out[id(ln)], prev = 0, ln
            continue
        if not rows:  # ... but a row of its own above a cell the first row hangs from its line (the ruled
            rows.append((ln.top, ln.bottom))  # reader's rest of the row) or in a statement continued on figures
            filled.append(cells)
            closed.append(_closed(ln, cols))
            before.append(set())
            out[id(ln)], prev, continued = 0, ln, set()
            continue
        fits = (cells <= filled[-1] and prev is not None and ln.top - prev.bottom <= ADJACENT * height
                and not _closing_cells(ln, prev, cols, units) & (_closed(prev, cols) | closed[-1]))
        if not fits and ((id(ln) not in hanging and (cells - filled[-1]) & before[-1])
                         or (cells & continued and not _opens_a_column(cells, filled[-1] - closed[-1]))
                         or not ln.rich):
            return None
        if fits:
            out[id(ln)], continued = len(rows) - 1, cells
            closed[-1] |= _closed(ln, cols)
        else:  # a row of its own
            rows.append((ln.top, ln.bottom))
            filled.append(cells)
            closed.append(_closed(ln, cols))
            before.append(continued)
            out[id(ln)], continued = len(rows) - 1, set()
        prev = ln
    told = any(out[id(ln)] == out[id(p)] for p, ln in itertools.pairwise(block)
               if id(ln) not in row_of or id(ln) in hanging)
    return (rows, out) if told or assumed else None


def _closing_cells(ln: Line, prev: Line | None, cols: list[tuple[float, float]], units: frozenset[str]) -> set[int]:
    """The columns of ``ln``'s cells but a unit alone under a bare figure of ``prev`` (the figure's unit,
    wrapped: see :mod:`extract.tables.wrapped_units`), which continues that figure's cell."""
    cells = [(s.text, c) for s in ln.segments for c in _covered(s, cols)]
    above = {c: s.text for s in (prev.segments if prev else []) for c in _covered(s, cols)}
    return {c for _, c in cells} - wrapped_units(cells, above, units)


def _closed(ln: Line, cols: list[tuple[float, float]]) -> set[int]:
    """The columns where ``ln`` prints a one-line cell (an amount, a label:value pair closed by its amount,
    see :func:`_one_line`): no line below continues them, so a line with a cell there begins a row."""
    return {c for s in ln.segments if _one_line(s.text) for c in _covered(s, cols)}


def _opens_a_column(cells: set[int], above: set[int]) -> bool:
    """A line holding a cell in a column the row above leaves empty or closes (``above``: the columns
    that row fills with cells a line below may continue) begins a row of its own: a cell of that column
    starts on its line (a label of the left column, a heading, a figure under the row's one-line figure,
    beside the wrapped last line of the row above), so its cells in the columns that line continued
    begin new cells there too."""
    return bool(cells - above)


def _hanging_lines(block: list[Line], cols: list[tuple[float, float]], row_of: dict[int, int]) -> set[int]:
    """Rich lines (by ``id``) standing on a row of their own that may continue the row above: below the
    first line with a score (also a withheld one: 开展**处 | 开展**处), with no cell in the score column
    (the rightmost column holding a figure or dash on nearly every line of amounts) and not a line of
    amounts itself (two figures on a line are an item's own)."""
    amounts = [ln for ln in block if _amounts(ln)]
    if len(amounts) < 2:
        return set()
    scored = [c for c in range(len(cols))
              if sum(1 for ln in amounts if _scored(ln, c, cols)) >= DENSE * len(amounts)]
    if not scored:
        return set()
    key = scored[-1]
    out: set[int] = set()
    body = False
    for ln in block:
        has_key = any(key in _covered(s, cols) for s in ln.segments)
        if body and ln.rich and id(ln) in row_of and not has_key and not _amounts(ln):
            out.add(id(ln))
        body = body or (has_key and (_amounts(ln) or _withheld_amounts(ln)))
    return out


def _withheld_amounts(ln: Line) -> bool:
    """A line of amounts some of them withheld: two or more of its cells hold digits or asterisks."""
    return sum(1 for s in ln.segments if _DIGIT.search(s.text) or _MASKED.search(s.text)) >= 2


def _scored(ln: Line, c: int, cols: list[tuple[float, float]]) -> bool:
    """``ln`` holds a figure or dash in column ``c``."""
    return any(c in _covered(s, cols) and _figure_or_dash(s.text) for s in ln.segments)


def _covered(seg: Segment, cols: list[tuple[float, float]]) -> frozenset[int]:
    first, last = _span(seg, cols)
    return frozenset(range(first, last + 1))


def _hung(cells: list[_Placed], rows: dict[int, int]) -> list[tuple[list[_Placed], int]]:
    """One column's lines grouped into cells by the row each line belongs to (top to bottom)."""
    out: list[tuple[list[_Placed], int]] = []
    for p in sorted(cells, key=lambda p: p.seg.top):
        r = rows[p.line]
        if out and out[-1][1] == r:
            out[-1][0].append(p)
        else:
            out.append(([p], r))
    return out


def _exclusive_columns_joined(cols: list[tuple[float, float]], grouped: dict[int, list[tuple[list[_Placed], int]]]
                              ) -> tuple[list[tuple[float, float]], dict[int, list[tuple[list[_Placed], int]]]]:
    """Two neighbouring columns that never both hold a cell on one row, the left one's cells running on
    into the right one's band, made one: a column's values set flush left and its heading (三级指标) or a
    value centred in its cell (the unit's name under the project's) begin further right, so the words
    show two columns where the rows print one."""
    c = 0
    while c + 1 < len(cols):
        left, right = grouped.get(c, []), grouped.get(c + 1, [])
        shared = {r for _, r in left} & {r for _, r in right}
        crosses = any(p.seg.x1 > cols[c + 1][0] for group, _ in left for p in group)
        if shared or not crosses or not right:
            c += 1
            continue
        cols = [*cols[:c], (cols[c][0], cols[c + 1][1]), *cols[c + 2:]]
        joined_groups = sorted([*left, *right], key=lambda g: g[1])
        renumbered: dict[int, list[tuple[list[_Placed], int]]] = {}
        for k, groups in grouped.items():
            for group, _ in groups:
                for p in group:
                    p.last_col -= 1 if p.last_col > c else 0
            if k not in (c, c + 1):
                renumbered[k - 1 if k > c + 1 else k] = groups
        renumbered[c] = joined_groups
        grouped = renumbered
    return cols, grouped


def _extent_of(p: _Placed) -> tuple[float, float]:
    return p.seg.top, p.seg.bottom


def grid_of(block: list[Line], *, hanging: bool = False) -> Grid:
    """The block's grid of cells. ``hanging``: another form of the page hangs its cells from the top
    of their rows (a document sets its forms alike), so this one is read so too unless it shows
    otherwise."""
    height = _height([w for ln in block for w in ln.words]) or 10.0
    body = _statement_body(block)
    statement = bool(body)
    cols = _block_columns(block, body, height)
    char = char_width([w for ln in block for w in ln.words])
    if not statement:
        _split_at_columns(block, cols, char)
    else:  # header cells set touching over their columns (一般公共预算财政拨款（万元 | 政府性基金…)
        _split_at_columns([ln for ln in block if ln.bottom <= body[0].top + 0.5], cols, char, gaps=True)
    anchors, row_of = _anchors(block, cols, statement=statement)
    centred = _centred(block, cols, height)
    own: dict[int, set[int]] = {}
    if centred:
        anchors, row_of, own = _with_own_rows(block, cols, anchors, row_of, height)
    by_col: dict[int, list[_Placed]] = {}
    for ln in block:
        for s in ln.segments:
            first, last = _span(s, cols)
            row = None if id(ln) in own and id(s) not in own[id(ln)] else row_of.get(id(ln))  # (merged over it)
            by_col.setdefault(first, []).append(_Placed(s, last, row, id(ln)))
    grouped = {c: _group(sorted(cells, key=lambda p: p.seg.top), anchors, height) for c, cells in by_col.items()}
    anchors, row_of, grouped = _centred_tail(grouped, anchors, row_of, active=statement and bool(centred))
    rows: list[list[Cell]] = [[""] * len(cols) for _ in anchors]
    conf: list[list[float | None]] = [[None] * len(cols) for _ in anchors]
    figure_rows = {row_of[id(ln)] for ln in block
                   if (_amounts(ln) or _key_amount(ln, block, cols)) and id(ln) in row_of}
    key, filled = _label_columns(grouped, figure_rows)
    top = None if centred else top_aligned_rows(block, cols, anchors, row_of, height,
                                                assumed=hanging and not statement, form=not statement,
                                                tail_row=_opens_on_figures(statement, figure_rows))
    by_cells = None if statement else centred_cell_rows(by_col, _extent_of, height,
                                                        lambda p: p.last_col > _span(p.seg, cols)[0],
                                                        lambda p: bool(_DIGIT.search(p.seg.text)))
    if by_cells is not None and len(by_cells[0]) >= len(top[0] if top is not None else anchors):
        by_cells = None  # read by cells, rows cut where their lines interleave are joined: never more rows
    if by_cells is not None:  # cells centred on their rows, told by the type's leading (see leading_rows)
        anchors, grouped = by_cells
        cols, grouped = _exclusive_columns_joined(cols, grouped)
        rows, conf = [[""] * len(cols) for _ in anchors], [[None] * len(cols) for _ in anchors]
        key = 0
    elif top is not None:  # cells hang from their row's first line: each line belongs to the row above
        anchors, top_rows = top
        rows, conf = [[""] * len(cols) for _ in anchors], [[None] * len(cols) for _ in anchors]
        grouped = {c: _hung(cells, top_rows) for c, cells in by_col.items()}
        key = 0
    apart = set().union(*own.values(), _row_labels(block, row_of))  # cells no label above continues
    if by_cells is None:  # (read by cells, a cell's wrapped lines are already its own)
        _rejoin_wrapped(grouped, block, height, apart)
    boxes: list[list[Box | None]] = [[None] * len(cols) for _ in anchors]
    extents: list[list[Box | None]] = [[None] * len(cols) for _ in anchors]
    placed: dict[int, dict[int, list[Segment]]] = {}  # row -> column -> its pieces
    for c, groups in sorted(grouped.items()):
        if c < key:  # level labels, each centred on the rows it spans
            groups = _wrapped_labels(groups, c, cols, char, height, len(anchors), apart)
            groups = _merged_labels(groups, anchors, filled, move_fixed=figure_rows | _bare_items(grouped, key),
                                    covered=_covered_rows(grouped, c),
                                    heights=_row_extents(anchors, grouped, key),
                                    centred=MIDWAY * height if centred else 0.0,
                                    parents=frozenset(row for row, by in placed.items() if any(k < c for k in by)))
        elif not figure_rows and len(groups) * 2 <= len(anchors):  # no rows of figures to tell by
            groups = _centred_on_free_rows(_merged_labels(groups, anchors, filled), len(anchors),
                                           _covered_rows(grouped, c))
        _place(groups, c, rows, conf)
        _box(groups, c, cols, boxes, from_text=by_cells is not None)
        _extent(groups, c, extents)
        for group, r in groups:
            placed.setdefault(r, {}).setdefault(c, []).extend(p.seg for p in group)
    if centred is not None:
        _clip_to_neighbours(boxes, extents, _wrap_widths(placed))
    spread_upper_headers(rows, extents, boxes, levels=HEADER_LEVELS, whole_first=statement)
    if statement:
        join_wrapped_headers(rows, conf, boxes)
        _upper_header_rows(rows, conf, boxes, placed, cols, height)
    x0 = min(s.x0 for ln in block for s in ln.segments)
    x1 = max(s.x1 for ln in block for s in ln.segments)
    return Grid(cols, rows, conf, (x0, block[0].top, x1, block[-1].bottom), boxes, hanging=top is not None)


def _opens_on_figures(statement: bool, figure_rows: set[int]) -> bool:
    """A statement whose first row is a row of figures: a part continued from the page before."""
    return statement and 0 in figure_rows


def _centred_tail(grouped: dict[int, list[tuple[list[_Placed], int]]], anchors: list[tuple[float, float]],
                  row_of: dict[int, int], *, active: bool
                  ) -> tuple[list[tuple[float, float]], dict[int, int], dict[int, list[tuple[list[_Placed], int]]]]:
    """A statement whose cells are centred on their rows, continued from the page before: where the
    first row's cell prints a line on the row's own line and more lines above it than below, it is not
    centred there; the extra lines at the top end a cell begun on the page before (机关事业 / 单位职业年金
    / 缴费支出 cut by the page break, above 卫生健康支出; the first row holds figures, while a table's first
    row, 编制单位 … 单位：千元 under a 表二 tag, holds none). They are a row of their own above the first row
    (the statement reader joins it to its item once the parts are stitched); anchors, the rows of the
    lines and the groups are renumbered. Nothing changes unless ``active`` (a statement read as centred)."""
    if not active or not anchors:
        return anchors, row_of, grouped
    top, bottom = anchors[0]
    on_first = [p for groups in grouped.values() for g, r in groups if r == 0 for p in g
                if p.seg.top < bottom - 0.5 and p.seg.bottom > top + 0.5]
    if not any(_AMOUNT.match(p.seg.text) and _DIGIT.search(p.seg.text) for p in on_first):
        return anchors, row_of, grouped  # the first row holds no figures: not a part continued
    tails: dict[int, list[_Placed]] = {}
    for c, groups in grouped.items():
        for group, r in groups:
            if r != 0:
                continue
            above = [p for p in group if p.seg.bottom <= top + 0.5]
            below = [p for p in group if p.seg.top >= bottom - 0.5]
            on = len(group) - len(above) - len(below)
            if on and len(above) > len(below):
                tails[c] = above[:len(above) - len(below)]
    if not tails:
        return anchors, row_of, grouped
    cut = {id(p) for ps in tails.values() for p in ps}
    out: dict[int, list[tuple[list[_Placed], int]]] = {}
    for c, groups in grouped.items():
        moved = [([replace(p, row=None if p.row is None else p.row + 1) for p in g if id(p) not in cut], r + 1)
                 for g, r in groups]
        out[c] = ([(tails[c], 0)] if c in tails else []) + [(g, r) for g, r in moved if g]
    first = [p.seg for ps in tails.values() for p in ps]
    tail_anchor = (min(sg.top for sg in first), max(sg.bottom for sg in first))
    return [tail_anchor, *anchors], {k: v + 1 for k, v in row_of.items()}, out


def _with_own_rows(block: list[Line], cols: list[tuple[float, float]], anchors: list[tuple[float, float]],
                   row_of: dict[int, int], height: float
                   ) -> tuple[list[tuple[float, float]], dict[int, int], dict[int, set[int]]]:
    """The rows and the row of each line (by ``id``) of a vertically centred block, with a row for each
    line on none that no centred cell of a row can hold (see :mod:`extract.tables.centred_cells`), and
    those lines (by ``id``), each with its pieces that are that row's cells (by ``id``)."""
    continued, _ = _continuation_lines(block, cols, height)  # lines of cells of a row with a key amount
    placed = [[(s, _span(s, cols)[0]) for s in ln.segments] for ln in block if id(ln) not in continued]
    lines = [ln for ln in block if id(ln) not in continued]
    figures = [_plain_amounts(ln) for ln in lines]
    own = own_rows(placed, [row_of.get(id(ln)) for ln in lines], anchors, height, figures,
                   lambda t: bool(_AMOUNT.match(t)))
    if not own:
        return anchors, row_of, {}
    rows = [(a, b, [id(ln) for ln in block if row_of.get(id(ln)) == r]) for r, (a, b) in enumerate(anchors)]
    rows += [(lines[i].top, lines[i].bottom, [id(lines[i])]) for i in own]
    rows.sort(key=lambda r: r[0])
    return ([(a, b) for a, b, _ in rows], {line: r for r, (_, _, ids) in enumerate(rows) for line in ids},
            {id(lines[i]): cells for i, cells in own.items()})


def _upper_header_rows(rows: list[list[Cell]], conf: list[list[float | None]], boxes: list[list[Box | None]],
                       placed: dict[int, dict[int, list[Segment]]], cols: list[tuple[float, float]],
                       height: float) -> None:
    """The header rows above a statement's first line of amounts that hold upper-level cells on their first
    line (see :mod:`extract.tables.header_levels`) split in two, as a ruled reader gives them: a row of the
    upper cells, each over the columns it spans, above the row of the rest (in place)."""
    first = next((r for r, row in enumerate(rows) if sum(1 for t in row if t and _MONEY.match(t)) >= 2), 0)
    for r in range(first - 1, -1, -1):
        cells = {c: sorted(ps, key=lambda p: p.top) for c, ps in placed.get(r, {}).items()}
        spans = upper_cells(cells, height)
        if not spans or any(rows[r][c] != "\n".join(p.text for p in cells[c]) for c in spans):
            continue  # none, or the row is no longer the one its pieces were placed on (joined headers)
        new: list[Cell] = [""] * len(cols)
        new_boxes: list[Box | None] = [None] * len(cols)
        for c, (lo, hi) in spans.items():
            upper = cells[c][0]
            new[lo] = upper.text
            new[lo + 1:hi + 1] = [None] * (hi - lo)
            new_boxes[lo] = (cols[lo][0], upper.top, cols[hi][1], upper.bottom)
            rest = cells[c][1:]
            rows[r][c] = "\n".join(p.text for p in rest)
            boxes[r][c] = (cols[c][0], rest[0].top, cols[c][1], rest[-1].bottom)
        rows.insert(r, new)
        conf.insert(r, [None] * len(cols))
        boxes.insert(r, new_boxes)


def _wrapped_labels(groups: list[tuple[list[_Placed], int]], c: int, cols: list[tuple[float, float]], char: float,
                    height: float, n_rows: int, apart: set[int]) -> list[tuple[list[_Placed], int]]:
    """Column ``c``'s cells with a label wrapped at the column's width over lines that stand on rows of
    their own made one cell, of its first line's row (see :mod:`extract.tables.wrapped_labels`); not in
    a column with a cell on more than half of the ``n_rows`` rows (row labels, each a row's own), nor
    onto a piece of ``apart`` (by ``id``: the cell of a row of its own that no centred cell holds, a
    row's label), nor a whole level name onto another (质量指标 over 时效指标: in a column no wider than
    its labels, each runs to the edge)."""
    pieces = [p.seg for g, _ in groups for p in g if p.last_col == c]
    # the column is as wide as its widest line at least (a band cut short by the next column's text would
    # put the right edge at the end of every label as wide as the widest that stays inside it)
    right = max([cols[c][1], *(p.x1 for p in pieces)])
    if 2 * len({r for _, r in groups}) > n_rows or not wrapping(pieces, (cols[c][0], right), char):
        return groups  # a column of row labels (a cell on most rows), or one that does not wrap
    out: list[tuple[list[_Placed], int]] = []
    for group, r in groups:
        upper = out[-1][0][-1] if out else None
        if (upper is not None and upper.last_col == c and group[0].last_col == c and id(group[0].seg) not in apart
                and not _one_line(upper.seg.text) and not _one_line(group[0].seg.text)  # amounts wrap into none
                and continues(upper.seg, group[0].seg, right, char, height)
                and not (_whole_level(upper.seg.text) and _whole_level(group[0].seg.text))):
            out[-1] = (out[-1][0] + group, out[-1][1])
        else:
            out.append((group, r))
    return out


def _whole_level(text: str) -> bool:
    """The text is a whole 一级指标 or 二级指标 name (质量指标), not the start of one (社会公众或服务对)."""
    return is_level_name(text, 1) or is_level_name(text, 2)


def _rejoin_wrapped(grouped: dict[int, list[tuple[list[_Placed], int]]], block: list[Line], height: float,
                    own: set[int]) -> None:
    """The lines of a cell wrapped down beside several rows (a long label merged over them, set at its
    own leading: see :mod:`extract.tables.wrapped_cells`) joined to the cell they continue (in place);
    not the pieces of ``own`` (by ``id``: the cells of rows of their own, see
    :mod:`extract.tables.centred_cells`, and rows' labels)."""
    cont = wrapped_continuations([ln.segments for ln in block], height, lambda t: bool(_AMOUNT.match(t)))
    cont = {k: head for k, head in cont.items() if k not in own}
    if not cont:
        return
    for c, groups in grouped.items():
        out: list[tuple[list[_Placed], int]] = []
        for group, r in groups:
            keep: list[_Placed] = []
            for p in group:
                head = cont.get(id(p.seg))
                if out and head is not None and any(q.seg is head for q in out[-1][0]):
                    out[-1][0].append(p)
                else:
                    keep.append(p)
            if keep:
                out.append((keep, r))
        grouped[c] = out


def _box(groups: list[tuple[list[_Placed], int]], c: int, cols: list[tuple[float, float]],
         boxes: list[list[Box | None]], *, from_text: bool = False) -> None:
    """The boxes of column ``c``'s cells: the columns they span across, their lines down (a cell's
    lines are then read as in a ruled cell: a line ending at the column's right edge was wrapped).
    ``from_text``: the box begins where the cell's text does, not at its column's left end (cells
    centred on their rows: a box as tall as a five-line value reaches beside the lines of the cells
    of its row, which run on into the column's band where a wider block above set it)."""
    for group, r in groups:
        last = max(p.last_col for p in group)
        top, bottom = min(p.seg.top for p in group), max(p.seg.bottom for p in group)
        x0 = min(p.seg.x0 for p in group) if from_text else cols[c][0]
        old = boxes[r][c]
        if old is not None:
            top, bottom, x0 = min(top, old[1]), max(bottom, old[3]), min(x0, old[0])
        boxes[r][c] = (x0, top, max(cols[last][1], *(p.seg.x1 for p in group)), bottom)


def _wrap_widths(placed: dict[int, dict[int, list[Segment]]]) -> dict[int, float]:
    """Per column, where its wrapped cells break their lines: the furthest right a line of a cell ends
    when another line of the cell follows it."""
    out: dict[int, float] = {}
    for cells in placed.values():
        for c, segs in cells.items():
            for seg in sorted(segs, key=lambda x: x.top)[:-1]:
                out[c] = max(out.get(c, seg.x1), seg.x1)
    return out


def _clip_to_neighbours(boxes: list[list[Box | None]], extents: list[list[Box | None]],
                        wraps: dict[int, float]) -> None:
    """Each cell's box ended where its column's cells wrap their lines, and before the text of the next
    cell right of it on its row begins, though no sooner than its own text ends (in place): a column
    band widened by a block above (a fund block's wider label) would take the neighbour's lines into
    the cell, and a cell's lines are read in its box."""
    for brow, erow in zip(boxes, extents, strict=True):
        for c, box in enumerate(brow):
            own = erow[c]
            if box is None or own is None:
                continue
            nxt = next((e[0] - 0.5 for e in erow[c + 1:] if e is not None), box[2])
            brow[c] = (box[0], box[1], max(own[2], min(box[2], nxt, wraps.get(c, box[2]))), box[3])


def _extent(groups: list[tuple[list[_Placed], int]], c: int, extents: list[list[Box | None]]) -> None:
    """The boxes of column ``c``'s cells around their text alone (where a header is centred)."""
    for group, r in groups:
        box = (min(p.seg.x0 for p in group), min(p.seg.top for p in group),
               max(p.seg.x1 for p in group), max(p.seg.bottom for p in group))
        old = extents[r][c]
        extents[r][c] = box if old is None else (min(old[0], box[0]), min(old[1], box[1]),
                                                 max(old[2], box[2]), max(old[3], box[3]))


def _place(groups: list[tuple[list[_Placed], int]], c: int, rows: list[list[Cell]],
           conf: list[list[float | None]]) -> None:
    """Column ``c``'s cells written into ``rows`` (a cell spanning columns leaves ``None`` in the others)."""
    for group, r in groups:
        text = "\n".join(p.seg.text for p in group)
        cur = rows[r][c]
        rows[r][c] = f"{cur}\n{text}" if cur else text
        confs = [p.seg.confidence for p in group if p.seg.confidence is not None]
        old = conf[r][c]
        if confs:
            conf[r][c] = min([*confs, old] if old is not None else confs)
        for k in range(c + 1, max(p.last_col for p in group) + 1):
            if not rows[r][k]:
                rows[r][k] = None


def _figure_or_dash(cell: Cell) -> bool:
    return bool(_DIGIT.search(cell or "") or _PLACEHOLDER.match(cell or ""))


def is_table(rows: list[list[Cell]]) -> bool:
    """Some column after the first holds a figure, or the dash a statement prints for an empty amount,
    in at least half of the rows after the first; or at least ``MIN_ROWS`` rows hold two or more
    of them side by side (a form whose rows of figures sit among long rows of text). Text set in
    two columns is neither."""
    if len(rows) < MIN_ROWS or len(rows[0]) < 2:
        return False
    body = rows[1:]
    if any(sum(1 for r in body if _figure_or_dash(r[j])) * 2 >= len(body) for j in range(1, len(rows[0]))):
        return True
    if sum(1 for r in body if sum(1 for c in r[1:] if _figure_or_dash(c)) >= 2) >= MIN_ROWS:
        return True
    return _wide_row(rows) or _text_grid(rows)


def _wide_row(rows: list[list[Cell]]) -> bool:
    """A statement of one line or two (三公经费): a row of ``WIDE_AMOUNTS`` or more plain amounts or
    dashes, under two or more rows of text set in two or more columns (its header)."""
    first = next((i for i, r in enumerate(rows)
                  if sum(1 for c in r if c and (_MONEY.match(c) or _PLACEHOLDER.match(c))) >= WIDE_AMOUNTS), None)
    if first is None:
        return False
    headers = [r for r in rows[:first] if sum(1 for c in r if c and c.strip() and not _DIGIT.search(c)) >= 2]
    return len(headers) >= 2


def _text_grid(rows: list[list[Cell]]) -> bool:
    """A form of few figures (a project's targets: 指标值 ≥120个, 80%以上 among rows of names): at
    least ``GRID_ROWS`` rows fill ``GRID_CELLS`` or more cells side by side, and a figure stands
    after the first column. Prose never sets three cells side by side on so many lines."""
    full = sum(1 for r in rows if sum(1 for c in r if c and c.strip()) >= GRID_CELLS)
    return full >= GRID_ROWS and any(_DIGIT.search(c or "") for r in rows for c in r[1:])


def is_tail(rows: list[list[Cell]]) -> bool:
    """The last rows of a table begun on the page before, at the top of the page: fewer than
    ``MIN_ROWS`` rows, but every one of them holding two or more figures (an indicator's row and the
    总分 row a form ends with); or a form's rows under which it closes with a remark
    (:func:`_closing_remark`); or the 总分 row alone under the wrapped ends of the cells above it (one
    cell of text a row)."""
    figures = [sum(1 for c in r if _DIGIT.search(c or "")) for r in rows]
    if len(rows) >= 2 and all(n >= 2 for n in figures):
        return True
    if _closing_remark(rows, figures):
        return True
    return bool(rows) and figures[-1] >= 2 and all(
        n == 0 and sum(1 for c in r if c) <= 1 for n, r in zip(figures[:-1], rows[:-1], strict=True))


def _closing_remark(rows: list[list[Cell]], figures: list[int]) -> bool:
    """A form's last rows, each with two or more figures among ``TAIL_CELLS`` or more cells (an
    indicator's row), over the remark row the form closes with (说明 | 无: no figure, at most
    ``REMARK_CELLS`` cells)."""
    body = len(rows)
    while body > 0 and figures[body - 1] == 0 and sum(1 for c in rows[body - 1] if c) <= REMARK_CELLS:
        body -= 1
    return 0 < body < len(rows) and all(
        n >= 2 and sum(1 for c in r if c) >= TAIL_CELLS for n, r in zip(figures[:body], rows[:body], strict=True))


# ---- the page -----------------------------------------------------------------------------------


@dataclass
class PositionedTable:
    table: RawTable
    confidence: list[list[float | None]]  # per cell, for OCR'd words (None: a text layer)
    boxes: list[list[Box | None]]  # per cell: its column's x-range and its lines' heights (None: empty)


def read_positions(words: Sequence[Word], *, page: int, page_height: float, reader: str,
                   skip: Sequence[tuple[float, float, float, float]] = ()) -> list[PositionedTable]:
    """The tables among ``words`` (dicts with ``x0, x1, top, bottom, text`` and, from OCR,
    ``confidence``) of one page; words inside the boxes of ``skip`` (tables read another way)
    are left out."""
    kept = [w for w in words if str(w.get("text", "")).strip() and not _inside(w, skip)]
    lines = lines_of(kept)
    height = _height(kept) or 10.0
    found: list[tuple[Grid, list[Line]]] = []
    blocks = _blocks(lines, height)
    grids = [grid_of(block) for block in blocks]
    if any(g.hanging for g in grids):  # the page's forms hang their cells: so do those that cannot tell
        grids = [g if g.hanging else grid_of(b, hanging=True) for g, b in zip(grids, blocks, strict=True)]
    for grid, block in zip(grids, blocks, strict=True):
        if is_table(grid.rows) or (_at_top(block, lines, height) and is_tail(grid.rows)):
            found.append((grid, block))
    out: list[PositionedTable] = []
    for i, (grid, _) in enumerate(found):
        top, bottom = grid.bbox[1], grid.bbox[3]
        prev_bottom = _bottom_above(top, [found[i - 1][0].bbox] if i else [], skip)
        next_top = found[i + 1][0].bbox[1] if i + 1 < len(found) else page_height
        above = [ln.text for ln in lines if prev_bottom <= ln.top and ln.bottom <= top + 0.5]
        below = [ln.text for ln in lines if bottom - 0.5 <= ln.top and ln.bottom <= next_top]
        table = RawTable.on_page(
            page=page, rows=grid.rows, reader=reader, bbox=grid.bbox, index_on_page=i,
            text_above="\n".join(above), text_below="\n".join(below), page_height=page_height,
            garbled=cells_garbled(grid.rows),
        )
        table.columns = grid.columns
        out.append(PositionedTable(table, grid.confidence, grid.boxes))
    return out


def _bottom_above(top: float, *boxes: Sequence[tuple[float, float, float, float]]) -> float:
    """Where the text above a table starts: below the lowest table (read here, or a ruled one in
    ``skip``) that ends above it; the page's top when none does."""
    return max((b[3] for group in boxes for b in group if b[3] <= top + 0.5), default=0.0)


def _inside(w: Word, boxes: Sequence[tuple[float, float, float, float]]) -> bool:
    cx, cy = (float(w["x0"]) + float(w["x1"])) / 2, (float(w["top"]) + float(w["bottom"])) / 2
    return any(x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 for x0, top, x1, bottom in boxes)


def _column_map(cols: list[tuple[float, float]], wider: list[tuple[float, float]]) -> list[int] | None:
    """For each column of ``cols``, the one column of ``wider`` it lies in (by the most overlap), or
    None when one does not fall in any or the columns fall out of order. Two narrow columns may fall in
    one (a label and a closing row's remark, set apart on a page where nothing else fills the column)."""
    out: list[int] = []
    for c0, c1 in cols:
        overlaps = [min(c1, w1) - max(c0, w0) for w0, w1 in wider]
        best = max(range(len(wider)), key=lambda i: overlaps[i])
        if overlaps[best] <= 0 or (out and best < out[-1]):
            return None
        out.append(best)
    return out


def _widened(rows: list[list[Cell]], mapping: list[int], n: int) -> list[list[Cell]] | None:
    """``rows`` placed in ``n`` columns by ``mapping``; None when a row holds text in two of its columns
    that fall in one."""
    out: list[list[Cell]] = []
    for r in rows:
        wide: list[Cell] = [""] * n
        for j, cell in enumerate(r):
            if cell and wide[mapping[j]]:
                return None
            if cell or not wide[mapping[j]]:
                wide[mapping[j]] = cell
        out.append(wide)
    return out


def _has_own_header(t: RawTable) -> bool:
    """The table prints a header of its own: a row above its first row of figures puts a word at the
    top of a column whose cells from there on are all figures (合计 over 9.00). A form's rows continued
    from the page before may hold no figure at all (作用明显), but their columns of values mix words
    and figures, so they head no such column."""
    first = next((i for i, r in enumerate(t.rows) if any(c and _AMOUNT.match(c) and _DIGIT.search(c) for c in r)),
                 None)
    if first is None:
        return False
    for head_row in t.rows[:first]:
        for c, head in enumerate(head_row):
            below = [x for r in t.rows[first:] if c < len(r) and (x := r[c]) and x.strip()]
            if (head and head.strip() and not _figure_or_dash(head) and below
                    and all(_figure_or_dash(x) for x in below)):
                return True
    return False


def align_continued(tables: list[RawTable]) -> None:
    """A table continued at the top of the next page (no header of its own: :func:`_has_own_header`)
    loses the columns that are empty there (the level labels merged down from the page before), or
    splits one that holds little there (效益指标/（24分） and the closing row's 无 set apart): where
    each of its columns lies in one column of the table it continues, its rows get that table's
    columns back (empty cells in the others), so the rows line up with the header they continue (in
    place). A part that continues a ruled table is placed in its rulings' columns instead
    (:func:`extract.tables.ruled_columns.take_ruled_columns`)."""
    for prev, t in itertools.pairwise(tables):
        if (ruled(prev) or ruled(t) or t.columns is None or prev.columns is None or t.index_on_page != 0
                or t.page != prev.last_page + 1 or _has_own_header(t)):
            continue
        mapping = _column_map(t.columns, prev.columns)
        if mapping is None or mapping == list(range(len(prev.columns))):
            continue
        rows = _widened(t.rows, mapping, len(prev.columns))
        if rows is not None:
            t.rows, t.columns = rows, list(prev.columns)
