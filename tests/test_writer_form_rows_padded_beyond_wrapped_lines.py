"""A Writer form whose cells hang from the tops of their rows, its one-line rows padded a little
beyond the leading its wrapped names are set at (issue #11, the case commit 3ddad87 protected): the
wrapped lines are closer than the commonest step, but the form reads from its rows' tops, not by
cells centred on a leading those closer lines tell.

The page is made up (a county's school-meal project), as word boxes set the way Writer sets such
tables. Expectations are what the made-up form prints.
"""
from __future__ import annotations

from typing import Any

from tests.test_borderless_form_label_rows import _rows, _word

LEADING = 11.9  # a wrapped name's lines, top to top
ROW = 13.3  # one-line rows, top to top: padded a little


def _writer_form() -> list[dict[str, Any]]:
    x = (50.0, 120.0, 200.0, 260.0, 330.0, 400.0, 440.0)
    w = [_word(t, x[c], 100.0) for c, t in enumerate(
        ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"))]
    items = (("产出指标", "数量指标", ("受益学生人", "数"), "≥4,800人", "4,926人", "15", "15"),
             ("", "", ("供餐天数",), "≥180天", "186天", "10", "10"),
             ("", "质量指标", ("食品抽检合", "格率"), "100%", "100%", "15", "15"),
             ("", "", ("配送准时率",), "≥98%", "99.2%", "10", "10"),
             ("", "时效指标", ("资金拨付及", "时率"), "100%", "100%", "10", "9"),
             ("效益指标", "社会效益指标", ("学生营养状", "况改善"), "有所改善", "有所改善", "20", "18"),
             ("", "", ("家长知晓率",), "≥90%", "93%", "5", "5"),
             ("满意度指标", "服务对象满意度指标", ("学生满意度",), "≥90%", "95.6%", "5", "5"),
             ("", "", ("家长满意度",), "≥90%", "94.1%", "5", "5"))
    top = 100.0
    for l1, l2, name, target, actual, weight, score in items:
        top += ROW
        for c, t in ((0, l1), (1, l2), (3, target), (4, actual), (5, weight), (6, score)):
            if t:
                w.append(_word(t, x[c], top))
        w += [_word(line, x[2], top + k * LEADING) for k, line in enumerate(name)]
        top += (len(name) - 1) * LEADING
    return w


def test_one_line_rows_padded_beyond_the_wrapped_lines_hang_from_their_tops() -> None:
    rows = _rows(_writer_form())
    named = {r[2]: r for r in rows if r[2]}
    assert named["受益学生人\n数"][3:7] == ["≥4,800人", "4,926人", "15", "15"]
    assert named["供餐天数"][3:7] == ["≥180天", "186天", "10", "10"]
    assert named["资金拨付及\n时率"][3:7] == ["100%", "100%", "10", "9"]
    assert named["家长知晓率"][3:7] == ["≥90%", "93%", "5", "5"]
    assert named["家长满意度"][3:7] == ["≥90%", "94.1%", "5", "5"]
    assert len(named) == 10  # the header row and nine items
