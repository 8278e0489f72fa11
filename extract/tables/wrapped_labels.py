"""Level labels wrapped in a narrow column of a borderless form, beside one-line rows.

A label merged down a block of rows (年度部门整体支出预算执行情况（万元） beside the fund block, 年度总体目标
beside its two rows, 年度主要任务) is wrapped by its column's width into lines that, in a form whose rows
are one line each, stand on the rows' own lines: no baseline tells them from the labels of those rows
(:mod:`extract.tables.wrapped_cells` reads the labels set at a leading of their own). Their width does:
a wrapped line runs to the column's right edge, and the next line's first character would not have
fitted after it. A column that wraps its labels shows two or more lines that reach that edge, so a
column of row labels (其中：一般公共预算, 政府性基金预算) whose widest label alone sets its edge is left as it is.

A line continues the label above it when both are read from a text layer (OCR boxes are too ragged), it
follows the line above at no more than ``ADJACENT`` line heights of white, the line above ends within
``EDGE`` characters of the column's right edge, and the column, ``MIN_WIDTH`` characters wide or more,
shows two lines or more that do. A line opening with a bracket or quote (（万元）) may follow a line one
character short of the edge: Chinese line breaking never leaves an opening mark at a line's end, so
执行情况（万元） wraps as 执行情况 / （万元）.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

ADJACENT = 1.0  # line heights of white at most between two lines of one label
EDGE = 0.5  # characters within which a line runs to the column's right edge
OPENING = "（([《〈「『【〔“‘"  # marks that never end a line (the line breaks before them)
MIN_WIDTH = 3  # characters a column must hold for its right edge to tell a wrapped line


class Piece(Protocol):
    """A cell's text on one printed line: its box (points, y down) and, from OCR, its confidence."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float | None


def wrapping(pieces: Sequence[Piece], band: tuple[float, float], char: float) -> bool:
    """Whether a column ``band`` wraps its text: two or more of its ``pieces`` (its cells' lines, text layer
    only) run to its right edge, and it is ``MIN_WIDTH`` characters wide or more (in a column two
    characters wide every label's lines run to the edge: 一级/指标 over 产出/指标 are two labels)."""
    if band[1] - band[0] < MIN_WIDTH * char:
        return False
    return sum(1 for p in pieces if p.confidence is None and band[1] - p.x1 <= EDGE * char) >= 2


def continues(upper: Piece, lower: Piece, right: float, char: float, height: float) -> bool:
    """Whether ``lower`` is the next line of the label whose line ``upper`` is, in a wrapping column."""
    if upper.confidence is not None or lower.confidence is not None:
        return False
    if not -0.5 * height <= lower.top - upper.bottom <= ADJACENT * height:
        return False  # not the next line (the boxes of CJK type may overlap a little from line to line)
    return ends_at_edge(upper, lower, right, char, room=EDGE, marks=OPENING)  # an opening mark went down


def ends_at_edge(upper: Piece, lower: Piece, right: float, char: float, *, room: float, marks: str) -> bool:
    """Whether ``upper`` ends within ``room`` characters of the column's right edge ``right``, one more
    where ``lower`` opens with one of ``marks`` (Chinese line breaking took a character, or the mark
    itself, down with it): the line the next character did not fit on."""
    return right - upper.x1 <= (room + (1 if lower.text[:1] in marks else 0)) * char
