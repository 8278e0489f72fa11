"""Tables without rulings: rows and columns grouped from pdfplumber's word positions.

For pages whose text is laid out in columns but where no ruled table was found. Words are
grouped into lines by their vertical position; a line is cut into cells where the gap between
two words is wider than a few characters (prose has no such gaps: its words are set close
together); runs of at least ``MIN_ROWS`` consecutive lines with two or more cells form a
block, whose columns are the x-ranges the cells cover (overlapping ranges are one column, so
right-aligned numbers and centred headers fall into the same column). A block is kept only
when it looks like a table of figures: some column after the first holds a digit in at least
half of its rows. Tables of contents (leader dots) are not tables.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path
from typing import Any

from extract.sources.garbled import cells_garbled
from extract.sources.pdf import OpenedPdf, opened_pdf
from model.tables import Cell, RawTable

READER = "words"

MIN_ROWS = 3  # consecutive multi-cell lines needed for a table
GAP_CHARS = 1.0  # a gap wider than this many character widths separates two cells
LINE_TOLERANCE = 0.5  # words whose tops differ by less than this share of a character height share a line

_LEADER = re.compile(r"[.．·…]{3,}")
_DIGIT = re.compile(r"\d")

Word = dict[str, Any]
Segment = tuple[float, float, str]  # x0, x1, text


def _lines(words: list[Word]) -> list[list[Word]]:
    if not words:
        return []
    height = statistics.median(w["bottom"] - w["top"] for w in words) or 10.0
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if out and abs(out[-1][0]["top"] - w["top"]) < height * LINE_TOLERANCE:
            out[-1].append(w)
        else:
            out.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in out]


def _char_width(words: list[Word]) -> float:
    widths = [(w["x1"] - w["x0"]) / len(w["text"]) for w in words if w["text"]]
    return statistics.median(widths) if widths else 10.0


def _segments(line: list[Word], gap: float) -> list[Segment]:
    segs: list[Segment] = []
    for w in line:
        if segs and w["x0"] - segs[-1][1] <= gap:
            x0, _, text = segs[-1]
            segs[-1] = (x0, w["x1"], text + " " + w["text"])
        else:
            segs.append((w["x0"], w["x1"], w["text"]))
    return segs


def _columns(rows: list[list[Segment]]) -> list[tuple[float, float]]:
    spans = sorted((s[0], s[1]) for r in rows for s in r)
    cols: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1]:
            cols[-1] = (cols[-1][0], max(cols[-1][1], x1))
        else:
            cols.append((x0, x1))
    return cols


def _grid(rows: list[list[Segment]], cols: list[tuple[float, float]]) -> list[list[Cell]]:
    grid: list[list[Cell]] = []
    for r in rows:
        cells: list[Cell] = [""] * len(cols)
        for x0, x1, text in r:
            j = next(i for i, (c0, c1) in enumerate(cols) if x0 >= c0 and x1 <= c1)
            cells[j] = f"{cells[j]} {text}".strip() if cells[j] else text
        grid.append(cells)
    return grid


def _is_table(grid: list[list[Cell]]) -> bool:
    if len(grid) < MIN_ROWS or len(grid[0]) < 2:
        return False
    body = grid[1:]
    return any(
        sum(1 for r in body if _DIGIT.search(r[j] or "")) * 2 >= len(body) for j in range(1, len(grid[0]))
    )


def _blocks(lines: list[list[Word]], gap: float) -> list[tuple[list[list[Word]], list[list[Segment]]]]:
    blocks: list[tuple[list[list[Word]], list[list[Segment]]]] = []
    run_lines: list[list[Word]] = []
    run_segs: list[list[Segment]] = []
    for line in [*lines, []]:
        segs = _segments(line, gap) if line else []
        if len(segs) >= 2 and not any(_LEADER.search(s[2]) for s in segs):
            run_lines.append(line)
            run_segs.append(segs)
            continue
        if len(run_segs) >= MIN_ROWS:
            blocks.append((run_lines, run_segs))
        run_lines, run_segs = [], []
    return blocks


def tables_on_page(words: list[Word], page_number: int, page_height: float) -> list[RawTable]:
    """The borderless tables among ``words`` (pdfplumber ``extract_words`` dicts of one page)."""
    lines = _lines(words)
    gap = _char_width(words) * GAP_CHARS
    out: list[RawTable] = []
    prev_bottom = 0.0
    for block_lines, block_segs in _blocks(lines, gap):
        grid = _grid(block_segs, _columns(block_segs))
        if not _is_table(grid):
            continue
        x0 = min(s[0] for r in block_segs for s in r)
        x1 = max(s[1] for r in block_segs for s in r)
        top = min(w["top"] for w in block_lines[0])
        bottom = max(w["bottom"] for w in block_lines[-1])
        above = [ln for ln in lines if prev_bottom <= ln[0]["top"] and ln[-1]["bottom"] <= top]
        out.append(
            RawTable.on_page(
                page=page_number,
                rows=grid,
                reader=READER,
                bbox=(x0, top, x1, bottom),
                index_on_page=len(out),
                text_above="\n".join(" ".join(w["text"] for w in ln) for ln in above),
                page_height=page_height,
                garbled=cells_garbled(grid),
            )
        )
        prev_bottom = bottom
    for i, t in enumerate(out):  # the text below a table runs to the next table (or the page bottom)
        start = t.bbox[3] if t.bbox else 0.0
        nxt = out[i + 1].bbox if i + 1 < len(out) else None
        end = nxt[1] if nxt else page_height
        below = [ln for ln in lines if start < ln[0]["top"] and ln[-1]["bottom"] <= end]
        t.text_below = "\n".join(" ".join(w["text"] for w in ln) for ln in below)
    return out


def read_borderless(source: OpenedPdf | Path, pages: list[int]) -> list[RawTable]:
    """Borderless tables of ``pages`` (1-based)."""
    out: list[RawTable] = []
    wanted = set(pages)
    if not wanted:
        return out
    with opened_pdf(source) as pdf:
        for pno, page in enumerate(pdf.plumber.pages, start=1):
            if pno not in wanted:
                continue
            words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
            out.extend(tables_on_page(words, pno, float(page.height)))
            page.close()
    return out
