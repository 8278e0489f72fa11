"""A scanned ruled form whose level-2 label wraps to its cell's edge, the name beside it begun just
after the ruling: the recogniser reads both in one box (服务对象满意度指演出观众满意度). The ruling
stands between them, so the box is cut there, each part in its own cell. A box inside one cell (a
label merged over two columns) or in another row is left whole. Boxes as the OCR engine gives them:
each character's x-centre in ``char_x``."""

from __future__ import annotations

from typing import Any

from extract.tables.scan_grid import cut_at_cell_edges

CHAR = 10.0


def _box(text: str, x0: float, top: float) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + CHAR * len(text), "top": top, "bottom": top + CHAR,
            "char_x": [x0 + CHAR * (k + 0.5) for k in range(len(text))], "confidence": 0.9}


# the row's cells: 二级指标 (80 points wide) | 三级指标 | 年度指标值
ROW = [(100.0, 200.0, 182.0, 220.0), (182.0, 200.0, 300.0, 220.0), (300.0, 200.0, 360.0, 220.0)]


def test_a_box_over_the_ruling_between_two_cells_is_cut_there() -> None:
    words = cut_at_cell_edges([_box("服务对象满意度指演出观众满意度", 101.0, 205.0)], ROW)
    assert [w["text"] for w in words] == ["服务对象满意度指", "演出观众满意度"]
    assert words[0]["x1"] <= 182.0 <= words[1]["x0"]
    assert words[1]["char_x"] == [186.0 + CHAR * k for k in range(7)]


def test_a_box_in_a_cell_merged_over_two_columns_or_in_another_row_stays_whole() -> None:
    merged = [(100.0, 200.0, 300.0, 220.0), (300.0, 200.0, 360.0, 220.0)]
    assert [w["text"] for w in cut_at_cell_edges([_box("服务对象满意度指演出观众满意度", 101.0, 205.0)], merged)] == [
        "服务对象满意度指演出观众满意度"]
    below = _box("服务对象满意度指演出观众满意度", 101.0, 235.0)
    assert cut_at_cell_edges([below], ROW) == [below]


def test_a_box_whose_last_character_is_placed_past_the_ruling_stays_whole() -> None:
    # the recogniser's column of a box's end character is rough: 公共服务覆盖率 ends a little past its cell
    name = _box("公共服务覆盖率", 110.0, 205.0)
    name["char_x"][-1] = 184.0
    assert [w["text"] for w in cut_at_cell_edges([name], ROW)] == ["公共服务覆盖率"]
