"""A table whose next part is set without rulings: the part read from word positions takes the ruled
part's columns, so a column left empty on that part still counts.

The unit cases are built from the 2022 曲靖 self-evaluation form (data/raw/samples/seed002): page 5 is
ruled from 二级指标 to 偏差原因分析 (its rulings at the x positions below), page 6 prints the same
columns without rulings and writes nothing under 偏差原因分析. The last case reads that form's mixed
layout (tests/fixtures/layouts/tune/seed002_qujing_2022__mixed.pdf: page 5 ruled, page 6 without rulings).
"""

from __future__ import annotations

from pathlib import Path

from extract.document import read_document
from extract.sources.pdf import OpenedPdf
from extract.tables.cell_lines import row_cell_lines
from extract.tables.ruled_columns import placement, take_ruled_columns
from extract.tables.words import read_borderless
from model.tables import Cell, RawTable

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "layouts" / "tune"

# page 5's rulings: 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 偏差原因分析及改进措施
RULED = [(116.9, 182.6), (182.6, 275.6), (275.6, 314.0), (314.0, 368.7), (368.7, 407.0), (407.0, 467.2),
         (467.2, 538.4)]
# page 6's words: 一级指标 (left of the ruled part) … 实际完成值; nothing under 偏差原因分析
WORDS = [(68.8, 104.8), (120.9, 178.7), (183.5, 241.1), (292.7, 297.0), (326.9, 355.7), (385.4, 390.4),
         (422.7, 451.5)]
PAGE6: list[list[Cell]] = [
    ["", "", "安全事故发生次数", "<", "0", "%", "0"],
    ["满意度指标", "服务对象满意度指标等", "全市机动车驾驶人", ">", "90", "%", "92"],
]


def _ruled(page: int, bottom: float = 752.5, below: str = "") -> RawTable:
    t = RawTable.on_page(page=page, rows=[["", "综合使用率", "=", "100", "%", "100", ""]], reader="pdfplumber",
                         bbox=(116.9, 72.0, 538.4, bottom), text_below=below)
    t.columns = list(RULED)
    return t


def _borderless(page: int, top: float = 78.6, above: str = "", columns: list[tuple[float, float]] | None = None,
                index: int = 0) -> RawTable:
    t = RawTable.on_page(page=page, rows=[list(r) for r in PAGE6], reader="words", bbox=(68.8, top, 451.5, 264.3),
                         text_above=above, index_on_page=index)
    t.columns = list(columns or WORDS)
    return t


def test_borderless_next_page_keeps_the_empty_column_the_ruled_page_draws() -> None:
    # page 6 opens under the level labels cut by the page break (社会效益指标 / 效益指标)
    nxt = _borderless(6, above="社会效益指标\n效益指标")
    take_ruled_columns([_ruled(5), nxt])
    assert nxt.rows == [
        ["", "", "安全事故发生次数", "<", "0", "%", "0", ""],
        ["满意度指标", "服务对象满意度指标等", "全市机动车驾驶人", ">", "90", "%", "92", ""],
    ]
    assert nxt.columns is not None and nxt.columns[1:] == RULED


def test_borderless_lower_half_under_a_ruled_part_on_the_same_page_takes_its_columns() -> None:
    lower = _borderless(5, top=420.0, index=1)
    take_ruled_columns([_ruled(5, bottom=418.0), lower])
    assert [len(r) for r in lower.rows] == [8, 8] and lower.rows[0][-1] == ""


def test_borderless_table_under_its_own_title_keeps_its_columns() -> None:
    nxt = _borderless(6, above="2022年度项目支出绩效自评表\n单位：万元")
    take_ruled_columns([_ruled(5), nxt])
    assert nxt.rows == PAGE6


def test_borderless_table_after_prose_keeps_its_columns() -> None:
    nxt = _borderless(5, top=420.0, above="（三）绩效目标完成情况分析。", index=1)
    take_ruled_columns([_ruled(5, bottom=400.0), nxt])
    assert nxt.rows == PAGE6


def test_a_column_across_a_ruling_means_the_parts_do_not_share_columns() -> None:
    straddling = [*WORDS[:4], (340.0, 380.0), *WORDS[5:]]  # 指标值 reaching over the 度量单位 ruling at 368.7
    assert placement(straddling, RULED) is None
    assert placement(WORDS, RULED) == [0, 1, 2, 3, 4, 5, 6]


def test_mixed_layout_form_reads_the_borderless_page_in_the_ruled_columns() -> None:
    res = read_document(LAYOUTS / "seed002_qujing_2022__mixed.pdf")
    page6 = {i.name: i for i in res.extraction.indicators if i.page == 6}
    # page 6 prints: 安全事故发生次数 | < | 0 | % | 0 and 办事群众、工作人 | > | 90 | % | 92
    got = page6["安全事故发生次数"]
    assert (got.level1, got.operator, got.target_value, got.target_unit) == ("效益指标", "<", 0.0, "%")
    assert got.actual_value == 0.0
    got = page6["办事群众、工作人"]
    assert (got.level1, got.operator, got.target_value, got.actual_value) == ("满意度指标", ">", 90.0, 92.0)


def test_cell_lines_of_a_row_placed_in_the_ruled_columns_stay_under_their_cells() -> None:
    # page 6 read from its words (seven cells a row), then placed in page 5's columns (eight): each
    # cell's printed lines are still those of the text it holds
    with OpenedPdf(LAYOUTS / "seed002_qujing_2022__mixed.pdf") as pdf:
        (t,) = read_borderless(pdf, [6])
        row = next(r for r in t.rows if "安全事故发生次数" in r)
        assert len(row) == 7
        got = row_cell_lines(pdf, 6, [*row, ""])
    assert got is not None and len(got) == 8
    assert [c.text if c else None for c in got[2:7]] == ["安全事故发生次数", "<", "0", "%", "0"]
    assert got[7] is None
