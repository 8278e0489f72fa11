"""Two cells set close on one line, which the word finder ran together into one word.

pdfplumber joins characters less than 3 points apart into one word. A spreadsheet form whose level
label fills its narrow column (服务对象满意度, wrapped: 指标 on the next line) prints the next column's
name (企业满意度) a few points after it: one word, 服务对象满意度企业满意度, over two columns. Chinese type
is set solid, so the white between 度 and 企, where the name column begins, is the gap between the two
cells. The words are drawn with their characters (type 10 points high, a Chinese character 10 points
wide); the expected rows are the form's as printed.
"""

from __future__ import annotations

from typing import Any

from word_boxes import CHAR
from word_boxes import left as _word

from extract.tables.positions import read_positions

PITCH = 20.0

# 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分
X = (40.0, 110.0, 184.0, 300.0, 370.0, 450.0, 500.0)


def _chars(text: str, x0: float, top: float) -> list[dict[str, Any]]:
    return [{"text": ch, "x0": x0 + k * CHAR, "x1": x0 + (k + 1) * CHAR, "top": top, "bottom": top + CHAR}
            for k, ch in enumerate(text)]


def _run_together(first: str, x0: float, second: str, x1: float, top: float) -> dict[str, Any]:
    """One word of two cells' texts, as the word finder gives it, with its characters."""
    chars = _chars(first, x0, top) + _chars(second, x1, top)
    return {"text": first + second, "x0": x0, "x1": chars[-1]["x1"], "top": top, "bottom": top + CHAR,
            "chars": chars}


def _line(top: float, cells: dict[int, str]) -> list[dict[str, Any]]:
    return [_word(text, X[c], top) for c, text in cells.items()]


def _form(gap: float) -> list[dict[str, Any]]:
    """The header, two indicators, and a satisfaction row whose wrapped level 服务对象满意度/指标 ends
    ``gap`` points before the name 企业满意度."""
    words = _line(100.0, {0: "一级指标", 1: "二级指标", 2: "三级指标", 3: "指标值", 4: "实际完成值",
                          5: "分值", 6: "得分"})
    words += _line(100.0 + PITCH, {0: "产出指标", 1: "数量指标", 2: "培训人次", 3: "≥500人次", 4: "526人次",
                                   5: "40", 6: "40"})
    words += _line(100.0 + 2 * PITCH, {0: "效益指标", 1: "社会效益", 2: "就业率提升", 3: "≥5%", 4: "6.2%",
                                       5: "40", 6: "40"})
    top = 100.0 + 3 * PITCH
    level = "服务对象满意度"
    words.append(_run_together(level, X[2] - gap - len(level) * CHAR, "企业满意度", X[2], top))
    words += _line(top, {0: "满意度指标", 3: "≥85%", 4: "90.2%", 5: "20", 6: "20"})
    words.append(_word("指标", X[2] - gap - len(level) * CHAR, top + 12.0))
    return words


def test_a_word_over_a_column_start_with_white_there_is_two_cells() -> None:
    (table,) = [t.table.rows for t in read_positions(_form(4.0), page=1, page_height=842, reader="words")]
    last = table[-1]
    assert last[0] == "满意度指标"
    assert [c for c in last if c and "满意度" in c and c != "满意度指标"] == ["服务对象满意度\n指标", "企业满意度"]


def test_a_word_set_solid_over_a_column_start_stays_whole() -> None:
    # the same characters with no white between them: one cell running over the column's start
    (table,) = [t.table.rows for t in read_positions(_form(0.0), page=1, page_height=842, reader="words")]
    assert any(c and "服务对象满意度企业满意度" in c for c in table[-1])
