"""OCR'd fund blocks of a self-evaluation form: the slips that cost a whole block.

On a scanned 部门整体 form the recogniser reads the thousands separators of an amount as points
(``4.053.30``), and a seal's ring leaves a dash beside an amount in its cell (``4,062.22 —``): the
block used to end at its first row. The ring's dash above a form's end carried over to the next page
hid that end (its 总分). Made-up amounts and labels, not those of any sample.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extract.interpreters.selfeval.read import read_self_evaluation
from extract.sources.ocr import normalise_number
from extract.tables.scan_grid import ScanTable, cell_text, without_stray_dashes
from extract.tables.scans import _opens_page
from model.document import DocInput
from model.pages import PageText
from model.tables import Cell, RawTable


@pytest.mark.parametrize(
    ("read", "mended"),
    [("12.345.67", "12,345.67"), ("3.004.500.1", "3,004,500.1"), ("708.250.09", "708,250.09"),
     ("-2.718.4", "-2,718.4")],
)
def test_points_read_for_thousands_separators_are_mended(read: str, mended: str) -> None:
    r = normalise_number(read)
    assert r.text == mended and not r.ambiguous and r.changed


@pytest.mark.parametrize("read", ["1.234.567", "7.50.30", "12.34.56"])
def test_points_that_are_not_a_thousands_grouping_stay_ambiguous(read: str) -> None:
    # 1.234.567 may be the integer 1234567 or 1234.567: two readings
    r = normalise_number(read)
    assert r.text == read and r.ambiguous


def _word(text: str, x0: float, top: float) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + 8.0 * len(text), "top": top, "bottom": top + 10.0,
            "uncertain": False, "confidence": 0.95}


def test_a_dash_apart_beside_a_figure_is_a_stray_mark() -> None:
    # a ring's stroke read as a dash after the amount, and one on the line above another amount
    after = [_word("9,306.15", 100, 50), _word("—", 180, 50)]
    kept = without_stray_dashes(after)
    assert cell_text(kept) == "9,306.15" and kept[0]["uncertain"]
    above = [_word("-", 100, 38), _word("2,047.80", 100, 50)]
    assert cell_text(without_stray_dashes(above)) == "2,047.80"


def test_a_dash_alone_or_beside_words_or_two_figures_is_kept() -> None:
    alone = [_word("—", 100, 50)]
    assert without_stray_dashes(alone) == alone
    two = [_word("15", 100, 38), _word("-", 130, 38), _word("20", 150, 38)]  # a range 15 - 20
    assert without_stray_dashes(two) == two
    words = [_word("不适用", 100, 50), _word("—", 160, 50)]
    assert without_stray_dashes(words) == words


def _doc(rows: list[list[Cell]]) -> DocInput:
    table = RawTable(page=1, rows=rows, row_pages=[1] * len(rows), reader="rapidocr",
                     text_above="2024年度部门整体支出绩效自评表\n单位：万元")
    return DocInput(doc_id="e" * 64, path=Path("x.pdf"), file_type="pdf",
                    pages=[PageText(number=1, text="", width=842, height=595)], tables=[table])


FORM: list[list[Cell]] = [
    ["部门（单位）名称", None, "某县文化馆", None, None, None, None],
    ["资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "860.40", "910.00", "882.70", "10", "97.00%", "9.7"],
    ["按收入性质分：", None, None, None, None, None, None],
    ["其中：一般公共预算财政拨款", "6,10.40", "650.00", "640.10", "—", "—", "—"],  # a broken figure
    ["其他资金", "250.00", "260.00", "242.60", "—", "—", "—"],
    ["年度总体目标", "预期目标", None, None, "实际完成情况", None, None],
]


def test_a_fund_row_with_a_cell_that_does_not_read_stays_in_its_block() -> None:
    ex = read_self_evaluation(_doc(FORM))
    got = {(b.funding_source, b.measure): b.amount_wan for b in ex.budgets}
    # the rows after the broken cell are still read, the broken cell is not
    assert got[("其他资金", "全年执行数")] == pytest.approx(242.60)
    assert got[("一般公共预算财政拨款", "全年预算数")] == pytest.approx(650.00)
    assert ("一般公共预算财政拨款", "年初预算数") not in got
    rejected = [i for i in ex.issues if i.rule == "number_rejected"]
    assert len(rejected) == 1 and "6,10.40" in rejected[0].message


def test_a_row_of_words_still_ends_the_block() -> None:
    rows = [*FORM[:3], ["年度主要任务", "任务名称", "主要内容", None, "完成情况", None, None]]
    ex = read_self_evaluation(_doc(rows))
    assert {b.funding_source for b in ex.budgets} == {"合计"}
    assert not [i for i in ex.issues if i.rule == "number_rejected"]


SPLIT_FORM: list[list[Cell]] = [
    ["资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "3,275.60", "3,301.00", "3,120.45", "10", "94.53%", "9.5"],
    ["按收入性质分：", None, None, None, None, None, None],
    ["其中：一般公共预算财政拨款", "2,105.60", "2,131.00", "2,011.45", "—", "—", "—"],
    ["政府性基金预算财政拨款", "—", "—", "—", "—", "—", "—"],
    ["其他资金", "1,170.00", "1,170.00", "1,109.00", "—", "—", "—"],
    ["按支出性质分：", None, None, None, None, None, None],
    ["其中：基本支出", "1,480.20", "1,480.20", "1,402.75", "—", "—", "—"],
    ["项目支出", "1,795.40", "1,820.80", "1,717.70", "—", "—", "—"],
    ["年度总体目标", "预期目标", None, None, "实际完成情况", None, None],
]


def test_a_fund_block_that_adds_up_raises_nothing() -> None:
    ex = read_self_evaluation(_doc(SPLIT_FORM))
    assert len(ex.budgets) == 15
    assert not [i for i in ex.issues if i.rule == "fund_parts_sum"]


def test_a_source_misread_breaks_the_blocks_total_and_is_kept_term_by_term() -> None:
    rows = [list(r) for r in SPLIT_FORM]
    rows[3][1] = "105.60"  # 2,105.60 with its first figures under a seal: read short
    ex = read_self_evaluation(_doc(rows))
    sums = [i for i in ex.issues if i.rule == "fund_parts_sum"]
    assert len(sums) == 1 and "年初预算数" in sums[0].message and "sources" in sums[0].message
    failed = [f for f in ex.failed_identities if f.rule == "fund_parts_sum"]
    assert len(failed) == 1
    assert [t.text for t in failed[0].terms] == ["3,275.60", "105.60", "1,170.00"]
    assert failed[0].terms[1].column == 1  # the cell of the misread figure


def test_a_misread_item_breaks_the_split_by_spending() -> None:
    rows = [list(r) for r in SPLIT_FORM]
    rows[8][3] = "1,711.70"
    ex = read_self_evaluation(_doc(rows))
    sums = [i for i in ex.issues if i.rule == "fund_parts_sum"]
    assert len(sums) == 1 and "全年执行数" in sums[0].message and "items" in sums[0].message


def test_a_dash_above_a_carried_over_form_end_does_not_hide_it() -> None:
    # a seal stamped over the last rows of a form carried to the next page: its ring's top read as a
    # dash above the table; the form's end (合计 row with its 分值 and 得分) is still the page's first thing
    tail = ScanTable(bbox=(60.0, 80.0, 760.0, 110.0),
                     rows=[["", "", "指标", "", "", ""], ["总分", None, None, "100", "88.45", "良"]])
    words = [{"text": "总分", "x0": 64.0, "x1": 82.0, "top": 96.0, "bottom": 106.0}]
    stroke = {"text": "—", "x0": 500.0, "x1": 512.0, "top": 40.0, "bottom": 41.0}
    assert _opens_page(tail, [stroke, *words])
    title = {"text": "附表2", "x0": 60.0, "x1": 90.0, "top": 40.0, "bottom": 52.0}
    assert not _opens_page(tail, [title, *words])
