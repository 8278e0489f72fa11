"""Whether one printed line of a borderless cell runs on into the line below it.

A cell's text wraps where the next character no longer fits in the cell's width: the wrapped line
ends within about a character of the cell's right edge. Read without rulings, that edge is the right
end of the column's widest line (a wrapped line is among the widest, and nothing is printed past the
cell's edge), so a line ending well short of it was not wrapped, and the line below it in the column
begins a cell of its own (按时完成 under 100%（含）: the target of the next row, not the rest of this one).
Chinese line breaking moves a character down with a closing mark that may not start a line (，。）%)
and breaks before an opening mark that may not end one (（《“), which leaves one character more of room.

Only text-layer lines are told so: an OCR box's ends are too ragged (its confidence is set), and such
a line is taken as able to run on, as before.
"""

from __future__ import annotations

from extract.tables.wrapped_labels import OPENING, Piece, ends_at_edge

WRAP_ROOM = 1.5  # characters of room on a line, at most, after which the next line's first still went down
CLOSING = "，。、；：？！）》」』】〕”’,.;:?!)%％"  # marks that never start one (the character before goes down too)


def runs_on(upper: Piece, lower: Piece, right: float, char: float) -> bool:
    """Whether ``lower`` may be the next line of the cell whose line ``upper`` is, in a column whose
    widest line ends at ``right`` (``char``: the type's character width)."""
    if upper.confidence is not None or lower.confidence is not None:
        return True  # OCR: the box's ends cannot tell
    return ends_at_edge(upper, lower, right, char, room=WRAP_ROOM, marks=OPENING + CLOSING)
