"""A document sets its forms alike: one project's self-evaluation form per page, each exported from a
spreadsheet with every cell vertically centred on its row and the level labels centred on their blocks.
A first page that wraps enough cells to tell its type's leading is read by its cells; a next one that
wraps a single cell cannot tell it. Read with the leading of the earlier page's form, its rows are read
by their cells too: each level label on the first row of its block (产出指标 centred on the middle one
of its rows, not left on that row's line), a placeholder row (指标3：, its values left empty) a row of
its own rather than a line of the name above it.

The pages are made up (a county's two agricultural projects); word boxes are typeset as the
spreadsheet sets them (tests/word_boxes.py). Expectations are what the made-up forms print.
"""

from __future__ import annotations

from typing import Any

from word_boxes import CHAR, left

from extract.tables.positions import read_positions

LEADING = 13.0  # a wrapped cell's lines, top to top
ROW = 15.0  # a one-line row's height: padded a little beyond the leading
X = (50.0, 120.0, 240.0, 360.0, 450.0, 530.0, 570.0, 610.0)  # 一级 二级 三级 年度指标值 实际完成值 分值 得分 偏差原因
HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因")

Row = tuple[str, str, str, str, str, list[str]]  # name, target, actual, weight, score, reason lines
Block = tuple[str, list[tuple[str, list[Row]]]]  # level 1, [(level 2, rows)]


def _cell(x: float, mid: float, lines: list[str]) -> list[dict[str, Any]]:
    top = mid - ((len(lines) - 1) * LEADING + CHAR) / 2
    return [left(t, x, top + k * LEADING) for k, t in enumerate(lines)]


def _page(blocks: list[Block]) -> list[dict[str, Any]]:
    words = [w for c, t in enumerate(HEADER) for w in _cell(X[c], 100.0 + ROW / 2, [t])]
    top = 100.0 + ROW
    for level1, level2s in blocks:
        first = top
        for level2, rows in level2s:
            block = top
            for name, target, actual, weight, score, reason in rows:
                height = ROW + LEADING * (max(len(reason), 1) - 1)
                mid = top + height / 2
                for c, text in ((2, name), (3, target), (4, actual), (5, weight), (6, score)):
                    if text:
                        words += _cell(X[c], mid, [text])
                if reason:
                    words += _cell(X[7], mid, reason)
                top += height
            words += _cell(X[1], (block + top) / 2, [level2])
        words += _cell(X[0], (first + top) / 2, [level1])
    return words


SECOND: list[Block] = [
    ("产出指标", [("数量指标", [("培训场次", "≥8场", "9场", "10", "10", []),
                                ("覆盖乡镇数", "≥6个", "6个", "10", "10", []),
                                ("发放教材", "≥500册", "520册", "10", "10", [])]),
                  ("质量指标", [("培训合格率", "≥95%", "97%", "10", "10", []),
                                ("指标3：", "", "", "", "", [])])]),
    ("效益指标", [("社会效益指标", [("受训农民人数", "≥400人", "372人", "10", "8", ["部分学员外出", "务工"]),
                                    ("带动就业人数", "≥50人", "56人", "10", "10", [])]),
                  ("经济效益指标", [("户均增收", "≥800元", "850元", "10", "10", [])])]),
    ("满意度指标", [("服务对象满意度指标", [("学员满意度", "≥90%", "95%", "10", "10", []),
                                            ("企业满意度", "≥85%", "88%", "10", "10", [])])]),
]


def _levels(rows: list[list[str]]) -> dict[str, tuple[str, str]]:
    """Each indicator's name with its level 1 and level 2, carried down from the first row of a block."""
    out: dict[str, tuple[str, str]] = {}
    level1 = level2 = ""
    for r in rows:
        if r[2] in ("", "三级指标"):
            continue
        level1, level2 = r[0] or level1, r[1] or level2
        out[r[2]] = (level1, level2)
    return out


def _expected(blocks: list[Block]) -> dict[str, tuple[str, str]]:
    return {row[0]: (level1, level2) for level1, level2s in blocks for level2, rows in level2s for row in rows}


def test_next_page_read_with_the_leading_of_the_first_pages_form() -> None:
    (table,) = read_positions(_page(SECOND), page=2, page_height=842.0, reader="words", leading=LEADING)
    assert _levels(table.table.rows) == _expected(SECOND)
    assert table.leading == LEADING  # read by its cells: the pages after it are read so too

