"""A failed identity on an OCR'd page makes the reader read its cells again, and take the one reading the
recogniser gives that makes it hold (flagged, named); it never takes a value no reading gave, and leaves
the identity failed when nothing fits or when readings of two cells would each do."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extract.sources.ocr import CellReading, read_cells_again
from extract.tables.identity_rereads import Reread, _empty_cells, _fits, _surest_fit, _take
from model.identities import FailedIdentity, IdentityKind, Term
from model.records import BudgetRow, Extraction, IndicatorRow


def _weights() -> tuple[FailedIdentity, list[Term]]:
    # a form printing 分值 7, 7, 6 (Σ 20 = its maximum 20) whose first 7 was read as 78
    terms = [Term(role="满分", value=20.0, page=1),
             Term(role="分值", value=78.0, page=1, table_index=0, row_index=1, column=3),
             Term(role="分值", value=7.0, page=1, table_index=0, row_index=2, column=3),
             Term(role="分值", value=6.0, page=1, table_index=0, row_index=3, column=3)]
    return FailedIdentity(rule="weight_sum_equals_100", kind=IdentityKind.SUM, terms=terms, tolerance=0.5,
                          page=1), terms


def _read(text: str, conf: float = 0.95) -> CellReading:
    return CellReading(text=text, confidence=conf, how="3x")


def test_the_one_reading_read_again_that_makes_the_sum_hold_is_taken() -> None:
    identity, terms = _weights()
    found = _fits(identity, terms, ["20", "78", "7", "6"], [[], [_read("78"), _read("7", 0.9)], [_read("7")], []])
    assert found is not None
    assert (found.term.row_index, found.value, found.text) == (1, 7.0, "78")


def test_no_value_is_taken_that_no_reading_gave() -> None:
    # the recogniser reads the cell again as 78 and 18 only: 7 would make the sum hold, but nothing read it
    identity, terms = _weights()
    assert _fits(identity, terms, ["20", "78", "7", "6"], [[], [_read("78"), _read("18")], [_read("7")], []]) is None


def test_readings_of_two_cells_that_would_each_do_leave_the_identity_failed() -> None:
    # the 分值 read 7, 7, 6 against a maximum of 26: a 13 read in either 7's cell would make it hold
    terms = [Term(role="满分", value=26.0, page=1),
             Term(role="分值", value=7.0, page=1, table_index=0, row_index=1, column=3),
             Term(role="分值", value=7.0, page=1, table_index=0, row_index=2, column=3),
             Term(role="分值", value=6.0, page=1, table_index=0, row_index=3, column=3)]
    identity = FailedIdentity(rule="weight_sum_equals_100", kind=IdentityKind.SUM, terms=terms, tolerance=0.5)
    assert _fits(identity, terms, ["26", "7", "7", "6"], [[], [_read("13")], [_read("13")], []]) is None


def test_reading_taken_goes_into_the_indicator_read_from_the_cell_flagged() -> None:
    _, terms = _weights()
    rows = Extraction(indicators=[
        IndicatorRow(doc_id="d", page=1, table_index=0, row_index=r, scope="project", name=n, name_canonical=n,
                     level1="产出指标", weight=w)
        for r, n, w in ((1, "办理不动产登记业务", 78.0), (2, "配置森林消防装备", 7.0))])
    assert _take(rows, Reread(term=terms[1], text="78", reading=_read("7"), value=7.0))
    assert rows.indicators[0].weight == 7.0 and rows.indicators[0].flagged
    assert rows.indicators[1].weight == 7.0 and not rows.indicators[1].flagged


def test_several_cells_misread_under_a_seal_are_taken_together_only_when_the_sum_then_holds() -> None:
    # 分值 printed 9, 8, 10 (Σ 27 = the maximum): the seal left the 8 unread and the 10 read as 16; read
    # again, each cell's surest reading is 9, 8, 10: with them together the sum holds, so all are taken
    terms = [Term(role="满分", value=27.0, page=1),
             Term(role="分值", value=9.0, page=1, table_index=0, row_index=1, column=3),
             Term(role="分值", value=16.0, page=1, table_index=0, row_index=3, column=3),
             Term(role="分值", value=0.0, page=1, table_index=0, row_index=2, column=3)]  # the cell read as nothing
    identity = FailedIdentity(rule="weight_sum_equals_100", kind=IdentityKind.SUM, terms=terms[:3], tolerance=0.5)
    readings = [[_read("27")], [_read("9")], [_read("16", 0.6), _read("10", 0.93)],
                [_read("8", 0.9), _read("章", 0.95)]]
    taken = _surest_fit(identity, terms, ["27", "9", "16", ""], readings)
    assert sorted((r.term.row_index, r.value) for r in taken) == [(2, 8.0), (3, 10.0)]
    # the surest readings leave the sum off (the 10 read again as 16 still): nothing is taken
    readings[2] = [_read("16", 0.9)]
    assert _surest_fit(identity, terms, ["27", "9", "16", ""], readings) == []


def test_empty_cells_read_again_are_those_of_the_parts_column_in_rows_without_the_figure() -> None:
    identity, terms = _weights()
    rows = Extraction(indicators=[
        IndicatorRow(doc_id="d", page=1, table_index=0, row_index=r, scope="project", name=n, name_canonical=n,
                     level1="产出指标", weight=w)
        for r, n, w in ((1, "办理不动产登记业务", 78.0), (2, "配置森林消防装备", 7.0),
                        (4, "奖补资金兑现及时率", None))])
    (empty,) = _empty_cells(identity, terms, rows)
    assert (empty.role, empty.row_index, empty.column, empty.value) == ("分值", 4, 3, 0.0)


def test_amount_read_again_goes_into_its_budget_row_in_its_unit() -> None:
    # a fund block in 万元 prints 年初预算数 1,187.56 of its source; read 187.56, read again 1,187.56
    term = Term(role="年初预算数", value=187.56, page=1, table_index=0, row_index=7, column=3)
    row = BudgetRow(doc_id="d", page=1, source="table", scope="department", measure="年初预算数", amount_wan=187.56,
                    amount_raw="187.56", unit_raw="万元", table_index=0, row_index=7,
                    funding_source="一般公共预算财政拨款")
    rows = Extraction(budgets=[row])
    assert _take(rows, Reread(term=term, text="187.56", reading=_read("1,187.56"), value=1187.56))
    assert row.amount_wan == pytest.approx(1187.56) and row.amount_raw == "1,187.56" and row.flagged


def test_cell_read_again_gives_what_it_prints_under_a_red_ring(
        sealed: tuple[Path, tuple[float, float, float, float]]) -> None:
    path, box = sealed
    doc = pdfium.PdfDocument(path)
    try:
        (readings,), seconds = read_cells_again(doc[0], [box])
    finally:
        doc.close()
    assert "2953.33" in {r.text for r in readings}
    assert {r.how.split(" ")[0] for r in readings} == {"3x", "4x"}
    assert seconds > 0
