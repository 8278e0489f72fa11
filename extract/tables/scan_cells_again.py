"""Figures of a scanned form's ruled cells that the recogniser read unsurely, read again: issues rule
``ocr_cell_read_again``.

A figure in a cell the page's reading left unsure (a digit or sign below the recogniser's certainty:
:func:`extract.sources.ocr.number_needs_flag`; a seal's red ink over it, a ruling beside it) is read
again from the page rendered larger, cut tight around the cell's ink, as inked and with the red made
white (:func:`extract.sources.ocr.read_cells_again`, the crop-and-recognise step the identity
re-reads use). The new reading is taken only when it holds a digit, the readings at two scales
give it alike (``AGREE_AT``) — one reading alone is no better than the first — and it keeps the first
reading's signs and digits and the number grammar (:func:`keeps_signs`, :func:`mends`). A figure taken, and one
whose readings disagree, leave an issues row naming the cell and what was read; the row stays
flagged either way (the first reading was unsure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from extract.sources.ocr import CellReading, read_cells_again
from extract.tables.doubt import Note
from extract.tables.scan_grid import ScanTable
from normalize.numbers import number_problem

RULE = "ocr_cell_read_again"
AGREE_AT = ("3x", "4x")  # the scales whose readings must agree (read_cells_again's ``how`` begins so)
MIN_CONFIDENCE = 0.8  # of each agreeing reading
_DIGIT = re.compile(r"\d")
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class UnsureCell:
    table: int
    row: int
    column: int
    box: Box  # in points of the visible page (unlevelled)
    text: str


def _inside(w: dict[str, Any], box: Box) -> bool:
    if not all(k in w for k in ("x0", "x1", "top", "bottom")):
        return False  # a mark read into the cell alone (no box of its own)
    mx, my = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return box[0] <= mx <= box[2] and box[1] <= my <= box[3]


def _boxes(t: ScanTable, i: int, j: int) -> tuple[Box, Box] | None:
    """Cell (i, j)'s box levelled (as its words) and in page space, or None (covered, not known)."""
    if i >= len(t.page_boxes) or j >= len(t.row_boxes[i]) or j >= len(t.page_boxes[i]):
        return None
    level, page = t.row_boxes[i][j], t.page_boxes[i][j]
    return None if level is None or page is None else (level, page)


def unsure_cells(tables: list[ScanTable]) -> list[UnsureCell]:
    """The one-line cells holding a figure (a digit) of which a word was read unsurely."""
    out = []
    for k, t in enumerate(tables):
        for i, (row, words) in enumerate(zip(t.rows, t.row_words, strict=False)):
            for j, text in enumerate(row):
                if text is None or "\n" in text or not _DIGIT.search(text):
                    continue
                boxes = _boxes(t, i, j)
                if boxes is not None and any(w["uncertain"] for w in words if _inside(w, boxes[0])):
                    out.append(UnsureCell(k, i, j, boxes[1], text))
    return out


_SAME_SIGN = str.maketrans({">": "≥", "<": "≤"})  # the recogniser reads ``≥`` as ``>``: one sign to compare


def keeps_signs(old: str, new: str) -> bool:
    """Every character of ``old`` that is no digit or separator (an operator, a unit, a percent sign) is
    in ``new`` as often: a tight crop of a cell can lose a thin ``≥`` beside its figure, and a figure
    read again is to mend digits, not to drop what the first reading saw printed. A ``>`` read first
    may be read again as ``≥``; a ``≥`` read first is never given up for ``>``."""
    def signs(text: str) -> list[str]:
        return sorted(ch for ch in text.translate(_SAME_SIGN) if not ch.isdigit() and ch not in ",. ")
    kept = signs(new)
    inclusive = all(new.count(ch) >= old.count(ch) for ch in "≥≤")  # ≥ read again as > is no mend
    return inclusive and all(kept.count(ch) >= n for ch in set(signs(old)) for n in [signs(old).count(ch)])


def mends(old: str, new: str) -> bool:
    """``new`` may stand for ``old``: it drops none of ``old``'s digits (a re-read is to mend digits a seal
    or a ruling hid, not to lose one: ``23,837,503.93`` read again as ``23,837,03.93`` is refused) and
    keeps to the number grammar (:func:`normalize.numbers.number_problem`: thousands groups of three)."""
    def digits(text: str) -> int:
        return sum(ch.isdigit() for ch in text)
    return digits(new) >= digits(old) and number_problem(new) is None


def agreed(readings: list[CellReading], old: str = "") -> CellReading | None:
    """The surest reading holding a digit that each scale of ``AGREE_AT`` gave alike, that keeps the
    signs of the ``old`` reading (:func:`keeps_signs`) and its digits, in the number grammar
    (:func:`mends`), or None."""
    best: CellReading | None = None
    for r in readings:
        if (not _DIGIT.search(r.text) or r.confidence < MIN_CONFIDENCE or not keeps_signs(old, r.text)
                or not mends(old, r.text)):
            continue
        alike = [o for o in readings if o.text == r.text and o.confidence >= MIN_CONFIDENCE]
        if all(any(o.how.startswith(s) for o in alike) for s in AGREE_AT):
            if best is None or r.confidence > best.confidence:
                best = r
    return best


def read_unsure_cells_again(page: Any, tables: list[ScanTable], number: int) -> tuple[list[Note], float]:
    """Read again the unsure figures of ``tables`` (the ruled grids of page ``number``, ``page`` its
    pypdfium2 page), taking each new reading two scales agree on. Returns the notes and CPU seconds."""
    cells = unsure_cells(tables)
    if not cells:
        return [], 0.0
    read, spent = read_cells_again(page, [c.box for c in cells])
    notes = []
    for c, readings in zip(cells, read, strict=True):
        got = agreed(readings, c.text)
        where = f"page {number}, table {c.table}, row {c.row}, column {c.column}"
        if got is None:
            seen = ", ".join(sorted({f"'{r.text}' ({r.how})" for r in readings})) or "nothing"
            notes.append(Note(page=number, rule=RULE, message=(
                f"the figure read unsurely as '{c.text}' ({where}) was read again as {seen}: no reading "
                f"to take (one {' and '.join(AGREE_AT)} give alike, each at confidence {MIN_CONFIDENCE} or more, "
                "keeping the first reading's signs and digits in the number grammar); kept as first read, flagged")))
        elif got.text != c.text:
            tables[c.table].rows[c.row][c.column] = got.text
            notes.append(Note(page=number, rule=RULE, message=(
                f"the figure read unsurely as '{c.text}' ({where}) was read again as '{got.text}' at "
                f"{' and '.join(AGREE_AT)} (confidence {got.confidence:.2f}): taken, the row flagged")))
    return notes, spent
