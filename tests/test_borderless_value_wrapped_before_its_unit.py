"""A value wrapped before its unit in a borderless form set from the top of its rows stays in its row
(issue #11, holdout3's 部门整体 form in 千元).

A value cell narrower than its value breaks it between the number and its unit: 1,187.6 on the row's
line, 元/人 on the next, beside the second line of the wrapped name. A figure is otherwise a one-line
cell, so the reader began a row at the unit: the indicator lost its name's second line and its unit,
and a name fragment became an indicator of its own (the interpreter then reads the row from
the PDF's line positions, not tested here). The unit is told by the form itself (its target
prints ≤1250元/人); a word it never prints after a figure (健全) under a figure is another row's value.

The page is made up (a city sports bureau's 部门整体 form), word boxes set as an office program hangs
cells from the top of their rows without borders. Expectations are what the made-up form prints.
"""

from __future__ import annotations

from typing import Any

import word_boxes

from extract.tables.positions import read_positions

SIZE = 9.0  # the type's height (and a CJK character's width)
LEADING = 12.1  # the lines of a cell, top to top
PAD = 1.8  # white above and below a row's tallest cell
X = (56.0, 120.0, 184.0, 248.0, 312.0, 376.0, 440.0)  # level 1, level 2, name, target, actual, weight, score

Row = dict[int, list[str]]  # column -> the cell's printed lines
ROWS: list[Row] = [
    {0: ["一级指标"], 1: ["二级指标"], 2: ["三级指标"], 3: ["年度指标值"], 4: ["全年完成值"], 5: ["权重"], 6: ["评分"]},
    {0: ["产出指标"], 1: ["数量指标"], 2: ["承办赛事场", "次"], 3: ["≥24场"], 4: ["26场"], 5: ["10"], 6: ["10"]},
    {2: ["培训社会体", "育指导员"], 3: ["≥600人"], 4: ["640"], 5: ["10"], 6: ["10"]},
    {1: ["质量指标"], 2: ["制度建设"], 3: ["健全"], 4: ["健全"], 5: ["10"], 6: ["10"]},
    {1: ["成本指标"], 2: ["人均培训成", "本"], 3: ["≤1250元/人"], 4: ["1,187.6", "元/人"], 5: ["10"], 6: ["9"]},
    {0: ["效益指标"], 1: ["社会效益指", "标"], 2: ["经常参加锻", "炼人数比例"], 3: ["≥38%"], 4: ["39.4%"],
     5: ["30"], 6: ["30"]},
    {0: ["满意度指标"], 1: ["服务对象满", "意度指标"], 2: ["参赛群众满", "意度"], 3: ["≥90%"], 4: ["92.6%"],
     5: ["30"], 6: ["30"]},
]


def _word(text: str, x0: float, top: float) -> dict[str, Any]:
    return word_boxes.left(text, x0, top, SIZE)


def _words(form: list[Row], top: float = 140.0) -> list[dict[str, Any]]:
    words: list[dict[str, Any]] = []
    for row in form:
        for c, lines in row.items():
            words += [_word(text, X[c], top + PAD + k * LEADING) for k, text in enumerate(lines)]
        top += (max(len(lines) for lines in row.values()) - 1) * LEADING + SIZE + 2 * PAD
    return words


def _rows(form: list[Row] = ROWS) -> list[list[str]]:
    (found,) = read_positions(_words(form), page=1, page_height=842, reader="words")
    return [[(c or "") for c in r] for r in found.table.rows]


def test_unit_wrapped_under_its_figure_stays_in_the_figure_s_row() -> None:
    rows = _rows()
    assert [r[2:] for r in rows if r[2].startswith("人均培训成")] == [
        ["人均培训成\n本", "≤1250元/人", "1,187.6\n元/人", "10", "9"]]
    assert not [r for r in rows if r[2] == "本"]


def test_a_word_the_form_prints_after_no_figure_begins_its_own_row() -> None:
    rows = _rows()
    assert [r[2:5] for r in rows if r[2] in ("培训社会体\n育指导员", "制度建设")] == [
        ["培训社会体\n育指导员", "≥600人", "640"], ["制度建设", "健全", "健全"]]


def test_unit_the_line_completes_beside_it_is_known_though_printed_nowhere_whole() -> None:
    # the target wraps inside its unit (≤95元/平 | 方米); the actual's unit, printed nowhere else, stays with it
    cost: Row = {1: ["成本指标"], 2: ["场馆维护成", "本"], 3: ["≤95元/平", "方米"], 4: ["88.4", "元/平方米"], 5: ["10"],
                 6: ["9"]}
    rows = _rows([*ROWS[:4], cost, *ROWS[5:]])
    assert [r[2:] for r in rows if r[2].startswith("场馆维护成")] == [
        ["场馆维护成\n本", "≤95元/平\n方米", "88.4\n元/平方米", "10", "9"]]
    assert [r[2:5] for r in rows if r[2] == "制度建设"] == [["制度建设", "健全", "健全"]]
