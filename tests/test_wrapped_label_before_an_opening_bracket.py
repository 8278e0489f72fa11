"""A label wrapped before an opening bracket (issue #11).

Chinese line breaking never leaves an opening mark at a line's end: 项目执行（千元） in a column five
characters wide would end its first line with （, so it breaks before it (项目执行 / （千元）) and the
line above stops one character short of the column's edge. Such a line still continues the label; a
line one character short followed by a line that opens with no mark is a label of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.tables.wrapped_labels import continues

CHAR = 10.0


@dataclass
class _Piece:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float | None = None


def _piece(text: str, top: float) -> _Piece:
    return _Piece(text=text, x0=40.0, x1=40.0 + CHAR * len(text), top=top, bottom=top + CHAR)


RIGHT = 40.0 + 5 * CHAR  # a column five characters wide


def test_a_line_short_of_the_edge_by_the_bracket_that_went_down_continues_the_label() -> None:
    assert continues(_piece("项目执行", 100.0), _piece("（千元）", 113.0), RIGHT, CHAR, CHAR)
    assert continues(_piece("社会效益", 100.0), _piece("“满意度”", 113.0), RIGHT, CHAR, CHAR)


def test_a_line_short_of_the_edge_before_a_plain_line_is_a_label_of_its_own() -> None:
    assert not continues(_piece("项目名称", 100.0), _piece("主管部门", 113.0), RIGHT, CHAR, CHAR)


def test_a_line_at_the_edge_continues_whatever_follows() -> None:
    assert continues(_piece("年度总体目", 100.0), _piece("标", 113.0), RIGHT, CHAR, CHAR)
