"""The last level label of a borderless self-evaluation form, merged over its rows and centred on them,
ends where the form's 总分 row begins (issue #11, holdout4's Calc 部门整体 form).

A ruled form nests its merged cells: a level 1 (满意度指标) spans rows inside the span of the side
label to its left (绩效指标), and the 总分 row below, whose label stands in that left column, begins
a cell of its own there. Set without rulings, the last level 1 printed halfway between its two rows
(on no row's line) was centred on a span running down over the 总分 row too, so it was put one row too
high: on the last row of the level 1 above it, which then lost its first row.

The page is made up (a county transport bureau's form), word boxes set as an office program sets a
table without borders: one-line cells, each merged label centred on the rows it spans. Expectations
are what the made-up form prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import word_boxes

from extract.interpreters.selfeval.read import read_self_evaluation
from extract.tables.positions import read_positions
from model.document import DocInput
from model.pages import PageText
from model.tables import RawTable

SIZE = 8.0  # the type's height (and a CJK character's width)
PITCH = 13.5  # one-line rows, top to top
X = (50.0, 110.0, 170.0, 250.0, 360.0, 430.0, 500.0, 540.0)  # side label, level 1, level 2, name, values…

HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
# level 2, name, target, actual, weight, score: one row each
BODY = (
    ("数量指标", "公路养护里程", "≥320公里", "331公里", "15", "15"),
    ("质量指标", "桥梁检测合格率", "≥95%", "96.4%", "15", "15"),
    ("时效指标", "养护任务完成时间", "11月底前", "11月", "15", "15"),
    ("社会效益指标", "农村客运通达率", "100%", "100%", "10", "10"),
    ("经济效益指标", "降低群众出行成本", "≥260万元", "275万元", "10", "10"),
    ("可持续影响指标", "养护机制长效运行", "长期", "长期", "15", "14"),
    ("服务对象满意度指标", "沿线群众满意度", "≥90%", "93.1%", "10", "10"),
    ("", "客运企业满意度", "≥85%", "81.5%", "10", "9.2"),
)
# level 1 labels merged over body rows (first, last), each printed centred on its span
LEVEL1 = (("产出指标", 0, 2), ("效益指标", 3, 5), ("满意度指标", 6, 7))


def _word(text: str, x0: float, top: float) -> dict[str, Any]:
    return word_boxes.left(text, x0, top, SIZE)


def _form(top: float = 120.0) -> list[dict[str, Any]]:
    words = [_word(t, X[c], top) for c, t in enumerate(HEADER, start=1)]
    first = top + PITCH
    for k, (level2, *rest) in enumerate(BODY):
        y = first + k * PITCH
        if level2:
            words.append(_word(level2, X[2], y))
        words += [_word(t, X[c], y) for c, t in enumerate(rest, start=3)]
    for label, a, b in LEVEL1:
        words.append(_word(label, X[1], first + (a + b) / 2 * PITCH))
    # the side label over the header and the body, centred on them; the 总分 row below, in its column
    words.append(_word("绩效指标", X[0], top + len(BODY) / 2 * PITCH))
    total = first + len(BODY) * PITCH
    words += [_word("总分", X[0], total), _word("100", X[6], total), _word("97.2", X[7], total)]
    return words


def _rows() -> list[list[str]]:
    (found,) = read_positions(_form(), page=1, page_height=842, reader="words")
    return [[(c or "") for c in r] for r in found.table.rows]


def test_last_level_label_lands_on_the_first_row_of_its_span_not_the_row_above() -> None:
    rows = _rows()
    named = {r[3]: r for r in rows if r[3]}
    assert named["沿线群众满意度"][1] == "满意度指标"
    assert named["养护机制长效运行"][1] == ""
    assert named["农村客运通达率"][1] == "效益指标"
    assert [r[1] for r in rows if r[1]] == ["一级指标", "产出指标", "效益指标", "满意度指标"]


def test_indicators_keep_the_level_1_printed_beside_them() -> None:
    table = RawTable.on_page(page=1, rows=_rows(), reader="words", index_on_page=0,
                             text_above="2023年度部门整体支出绩效自评表")
    doc = DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="pdf",
                   pages=[PageText(number=1, text="", width=595, height=842)], tables=[table])
    level1 = {i.name: i.level1 for i in read_self_evaluation(doc).indicators}
    assert level1["养护机制长效运行"] == "效益指标"
    assert level1["农村客运通达率"] == "效益指标"
    assert level1["沿线群众满意度"] == "满意度指标"
    assert level1["客运企业满意度"] == "满意度指标"
