"""Strokes of type taken for rulings on a scanned form, and the lone 0 of a label-and-value pair.

A heading set in large bold type above a ruled form leaves stems and bars long enough to be taken for
rulings; they meet each other and the form's top ruling, and made a row of cells of the heading (the
statement's name lost from the text above the form). The stem of a cell's first character, set
against its wall and as tall as a one-line row, meets both the row's rulings: snapped with the wall
it moved the wall into the cell, and the cell's first character (the 0 of ``其他资金： | 0``) out of
it. A pairs form's value after a label ending in a colon, a lone 0 read as the letter o, is the
figure 0. A column or row of cells lost (words inside a table in no cell; a ruling running across
inside cells not cut at it) is named by an issues row. Geometry in points as a 2x OCR of an A4 form
gives it; words and figures of no sample.
"""

from __future__ import annotations

from typing import Any

from extract.sources.ocr import OcrPage, Ruling
from extract.tables.scan_grid import fill, grids, without_strokes
from extract.tables.scans import mend_lone_zeros, outside_notes, ruled_grids
from model.tables import RawTable

CENTRE = (297.5, 421.0)
CHAR_H = 8.0


def _word(text: str, x0: float, x1: float, top: float, bottom: float) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "confidence": 0.99,
            "uncertain": False}


def _h(y: float, x0: float = 53.0, x1: float = 537.0) -> Ruling:
    return Ruling(x0=x0, y0=y, x1=x1, y1=y, vertical=False)


def _v(x: float, y0: float, y1: float) -> Ruling:
    return Ruling(x0=x, y0=y0, x1=x, y1=y1, vertical=True)


# a three-row form: label | name | label | figure, walls at 53, 127, 202, 299, 418, 537
ROWS_Y = (91.0, 103.0, 115.0, 127.0)
WALLS = [_v(x, 91.0, 127.0) for x in (53.0, 127.0, 202.0, 299.0, 418.0, 537.0)]
FORM = [*(_h(y) for y in ROWS_Y), *WALLS]
WORDS = [_word("项目名称", 56, 90, 93, 101), _word("乡村道路巡护", 130, 175, 93, 101),
         _word("调整预算数：", 130, 175, 105, 113), _word("12.40", 204, 222, 105, 113),
         _word("执行数：", 302, 330, 105, 113), _word("12.40", 420, 438, 105, 113),
         _word("其他资金：", 130, 171, 117, 125), _word("o", 201.5, 208.0, 117.5, 125),
         _word("其他资金：", 302, 338, 117, 125), _word("o", 420, 425, 117.5, 125)]


def test_stems_of_a_bold_heading_above_the_form_make_no_row_of_cells() -> None:
    heading = _word("2024年度项目支出绩效目标表", 182.0, 404.0, 76.7, 89.8)
    stems = (215.75, 223.25, 226.75, 228.75, 237.25, 238.75, 246.0, 252.5, 263.75, 271.25, 283.25, 292.25,
             306.25, 319.25, 326.0, 332.0, 338.0, 364.75, 370.75, 374.0, 376.0, 378.5, 389.25, 395.5, 398.25)
    strokes = [_v(x, 77.5, 89.0) for x in stems]
    strokes += [_h(79.75, 222.5, 243.0), _h(80.75, 301.0, 323.0), _h(80.25, 359.0, 379.5)]  # bars of wide characters
    rulings = [*FORM, *strokes]
    words = [heading, *WORDS]
    assert min(t.bbox[1] for t in grids(rulings, 0.0, CENTRE, CHAR_H)) < 85  # cells of the heading
    (table,) = grids(without_strokes(rulings, words), 0.0, CENTRE, CHAR_H)
    assert round(table.bbox[1]) == 91


def test_the_stem_of_a_first_character_against_its_wall_leaves_the_wall_where_it_is() -> None:
    stems = [_v(203.75, 115.5, 127.0), _v(206.75, 103.5, 114.5), _v(209.25, 104.0, 115.0)]
    (table,) = grids([*FORM, *stems], 0.0, CENTRE, CHAR_H)
    rows = fill(table, WORDS).rows
    assert rows[2][1:] == ["其他资金：", "o", "其他资金：", "o"]
    assert rows[1][1:] == ["调整预算数：", "12.40", "执行数：", "12.40"]


def test_lone_o_after_a_label_ending_in_a_colon_is_the_figure_0() -> None:
    table = RawTable.on_page(page=2, rows=[["", "其他资金：", "o", "其他资金:", "o"],
                                           ["备注", "o", None, None, None]], reader="ocr")
    assert mend_lone_zeros(table) == {0}
    assert table.rows[0] == ["", "其他资金：", "0", "其他资金:", "0"]
    assert table.rows[1][1] == "o"  # after a label without a colon, no figure beside it: not a number


def test_rulings_that_stop_short_of_the_outer_wall_still_close_the_last_column() -> None:
    # a skewed scan's ruling steps a pixel every so often; its last step is not seen and the ruling ends
    # ten points short of the form's right wall: the last column (the 执行数 figures) must still be read
    rulings = [*(_h(y, 53.0, 527.0) for y in ROWS_Y), *WALLS]
    (table,) = grids(rulings, 0.0, CENTRE, CHAR_H)
    rows = fill(table, WORDS).rows
    assert rows[1][1:] == ["调整预算数：", "12.40", "执行数：", "12.40"]
    assert rows[2][1:] == ["其他资金：", "o", "其他资金：", "o"]


def test_a_wall_that_stops_at_a_ruling_is_not_carried_into_the_merged_cell_above() -> None:
    # the wall between the pairs' label and figure starts at the 调整预算数 row: the 项目名称 row's name
    # cell above runs whole across it
    rulings = [*(_h(y) for y in ROWS_Y), *(w for w in WALLS if w.x0 != 202.0), _v(202.0, 103.0, 127.0)]
    (table,) = grids(rulings, 0.0, CENTRE, CHAR_H)
    rows = fill(table, WORDS).rows
    assert rows[0][1] == "乡村道路巡护" and rows[0][2] is None


def test_words_of_a_column_whose_ruling_was_not_seen_are_named_not_lost_silently() -> None:
    # the wall between the pairs' second label and its figure was not seen, and the right wall stands
    # where the rulings across stop short of it: the 执行数 figures lie inside the table in no cell
    rulings = [*(_h(y, 53.0, 500.0) for y in ROWS_Y), *(w for w in WALLS if w.x0 not in (418.0, 537.0)),
               _v(537.0, 91.0, 103.0), _h(91.0, 500.0, 537.0), _h(103.0, 500.0, 537.0)]
    found = [fill(t, WORDS) for t in grids(rulings, 0.0, CENTRE, CHAR_H)]
    (note,) = outside_notes(found, 2)
    assert note.rule == "scan_words_outside_cells" and note.page == 2
    assert "12.40" in note.message


def test_a_table_whose_words_all_fall_in_cells_gives_no_note() -> None:
    found = [fill(t, WORDS) for t in grids(FORM, 0.0, CENTRE, CHAR_H)]
    assert outside_notes(found, 2) == []


def test_cells_a_ruling_runs_across_uncut_are_named() -> None:
    # the inner rulings across stop well short of the right wall (more than a skew's lost step): the last
    # column is one cell from top to bottom, both 执行数 rows' words read into it as one
    rulings = [_h(91.0), _h(127.0), _h(103.0, 53.0, 490.0), _h(115.0, 53.0, 490.0), *WALLS]
    read = OcrPage(width=595.0, height=842.0, words=[], rulings=rulings)
    found, _ = ruled_grids([dict(w) for w in WORDS], read, page=3)
    notes = outside_notes(found, 3)
    assert [n.rule for n in notes] == ["scan_words_outside_cells"]
    assert "runs across inside" in notes[0].message


def test_a_characters_stem_inside_a_cell_is_not_carried_into_a_wall() -> None:
    # a stem of a character in the name cell, meeting the row's rulings nearly (it passes for a wall of
    # one row); it is short, so its ends are not carried on to the rulings: the name stays one cell
    (table,) = grids([*FORM, _v(150.0, 105.0, 111.9)], 0.0, CENTRE, CHAR_H)
    rows = fill(table, WORDS).rows
    assert rows[1][1:] == ["调整预算数：", "12.40", "执行数：", "12.40"]


def test_the_wall_of_a_tight_row_at_a_words_estimated_edge_stays_a_wall() -> None:
    # a one-line row as tall as its type: the value's box (estimated from its ink) starts a little left of
    # the wall before it, and the wall runs no taller than the box: still a wall, not a stroke of the word
    wall = _v(142.5, 105.5, 118.0)
    word = _word("良好", 139.7, 156.3, 105.7, 118.8)
    assert without_strokes([wall], [word]) == [wall]
