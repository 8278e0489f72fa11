"""A figure of a scanned form's ruled cell that the recogniser read unsurely (a seal's red ring across it)
is read again from the page rendered larger, and the new reading taken only when two scales give it
alike; a reading one scale alone gives is not taken, and either way an issues row
(``ocr_cell_read_again``) names the cell."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from extract.sources.ocr import CellReading
from extract.tables.scan_cells_again import RULE, agreed, read_unsure_cells_again, unsure_cells
from extract.tables.scan_grid import ScanTable

Box = tuple[float, float, float, float]


def _read(text: str, how: str, conf: float = 0.95) -> CellReading:
    return CellReading(text=text, confidence=conf, how=how)


def _table(box: Box, text: str, *, unsure: bool = True) -> ScanTable:
    word = {"text": text, "x0": box[0] + 4, "x1": box[2] - 4, "top": box[1] + 4, "bottom": box[3] - 4,
            "confidence": 0.6 if unsure else 0.99, "uncertain": unsure}
    return ScanTable(bbox=box, rows=[["预算数", text]], row_words=[[word]],
                     row_boxes=[((0.0, box[1], box[0], box[3]), box)],
                     page_boxes=[((0.0, box[1], box[0], box[3]), box)])


def test_a_reading_two_scales_give_alike_is_taken() -> None:
    got = agreed([_read("1,187.56", "3x"), _read("187.56", "3x without red"), _read("1,187.56", "4x without red")])
    assert got is not None and got.text == "1,187.56"


def test_a_reading_one_scale_alone_gives_is_not_taken() -> None:
    assert agreed([_read("1,187.56", "3x"), _read("187.56", "4x")]) is None


def test_a_figure_read_surely_is_not_read_again() -> None:
    box = (300.0, 100.0, 360.0, 118.0)
    assert unsure_cells([_table(box, "2953.33", unsure=False)]) == []
    assert [(c.row, c.column) for c in unsure_cells([_table(box, "953.33")])] == [(0, 1)]


def test_a_figure_under_a_red_ring_read_unsurely_is_read_again_and_named(sealed: tuple[Path, Box]) -> None:
    path, box = sealed
    table = _table(box, "953.33")  # the first reading lost the 2 under the ring
    doc = pdfium.PdfDocument(path)
    try:
        notes, seconds = read_unsure_cells_again(doc[0], [table], 1)
    finally:
        doc.close()
    assert table.rows[0][1] == "2953.33"
    assert [n.rule for n in notes] == [RULE] and "'953.33'" in notes[0].message and seconds > 0


def test_a_reading_again_that_drops_the_operator_is_not_taken() -> None:
    # the tight crop lost the thin ≥ of ≥80%: the first reading saw it printed
    assert agreed([_read("80%", "3x"), _read("80%", "4x")], "≥80%") is None
    # ≥ read as > first, and as ≥ again: the same sign, taken
    got = agreed([_read("≥100%", "3x"), _read("≥100%", "4x")], ">100%")
    assert got is not None and got.text == "≥100%"


def test_a_reading_again_that_loses_a_digit_or_breaks_the_thousands_groups_is_not_taken() -> None:
    # a seal over 23,837,503.93: both scales read 23,837,03.93 (a digit lost, a group of two) — no mend
    assert agreed([_read("23,837,03.93", "3x"), _read("23,837,03.93", "4x")], "23,837,503.93") is None
    assert agreed([_read("1,87.56", "3x"), _read("1,87.56", "4x")], "1,8.56") is None
    # a digit the first reading lost, found at both scales, is taken
    got = agreed([_read("18,481,359.6", "3x"), _read("18,481,359.6", "4x")], "18,481,39.")
    assert got is not None and got.text == "18,481,359.6"


def test_a_reading_again_that_turns_an_inclusive_sign_strict_is_not_taken() -> None:
    # ≤7天 printed and first read so; a tight crop reads <7天 at both scales: the limit's meaning would change
    assert agreed([_read("<7天", "3x"), _read("<7天", "4x")], "≤7天") is None
    assert agreed([_read(">90%", "3x"), _read(">90%", "4x")], "≥90%") is None
