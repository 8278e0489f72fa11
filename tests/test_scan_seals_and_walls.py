"""Scanned forms: operators cut tight, a seal's characters and strokes, merged cells at a page's
edge, names wrapped in their cells. The scans are the layout corpus's (``tests/fixtures/layouts``:
the dev samples and the national-template documents rendered, stamped with a seal, skewed, JPEG'd);
what each page prints is read from the digital original beside them (its text layer)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest

from extract.document import read_document
from extract.sources import ocr
from extract.sources.ocr import Ruling
from extract.sources.seal import InkShade, seal_words, shade_of
from extract.tables.scan_grid import closed, walls, word_chars
from extract.tables.scans import _word_dict, mark_walls, ruled_tables
from normalize.text import no_space

ROOT = Path(__file__).resolve().parent.parent
TUNE = ROOT / "tests/fixtures/layouts/tune"
NATIONAL_TUNE = ROOT / "tests/fixtures/layouts/national_tune"
SAMPLES = ROOT / "data/raw/samples"


def _ruled_rows(path: Path, page: int) -> list[list[str | None]]:
    doc = pdfium.PdfDocument(str(path))
    try:
        p = doc[page - 1]
        try:
            read = ocr.ocr_page(p)
        finally:
            p.close()
    finally:
        doc.close()
    words = mark_walls([_word_dict(w) for w in read.words], read.rulings)
    tables, _ = ruled_tables(words, read, page=page)
    return [row for t in tables for row in t.rows]


def _printed_rows(stem: str, page: int) -> list[list[str | None]]:
    with pdfplumber.open(str(SAMPLES / f"{stem}.pdf")) as pdf:
        p = pdf.pages[page - 1]
        rows = [row for t in p.extract_tables() for row in t]
        p.close()
    return rows


def _by_name(rows: list[list[str | None]], column: int) -> dict[str, str]:
    """Each row's cell in ``column``, keyed by the first cell naming an indicator (its 三级指标)."""
    out = {}
    for row in rows:
        cells = [c for c in row if c is not None]
        names = [c for c in cells if len(no_space(c)) >= 5 and not any(ch.isdigit() for ch in c)]
        if names and len(cells) > column:
            out[no_space(names[0])[:6]] = no_space(cells[column])
    return out


@pytest.fixture(scope="module")
def qujing_p4() -> list[list[str | None]]:
    return _ruled_rows(TUNE / "seed002_qujing_2022__scanned.pdf", 4)


def test_operators_cut_tight_by_the_detector_read_as_printed(qujing_p4: list[list[str | None]]) -> None:
    # page 4 prints >= (typed as two characters) or = in each row's 指标性质; the recogniser reads >=
    # cut tight as "vi", "YH", "Yn", "vn": read again with paper around it, it is >=
    printed = {k: v for k, v in _by_name(_printed_rows("seed002_qujing_2022", 4), 1).items() if v in (">=", "=")}
    read = _by_name(qujing_p4, 1)
    assert len(printed) >= 20
    wrong = {k: (v, read.get(k)) for k, v in printed.items() if k in read and read[k] != v}
    # before: 6 of them wrong (vi, YH, Yn, vn); left: a >= read surely as = (处理简易程序…) and the
    # >= of 应用云南省农村… set beside a three-line target, not found in its cell
    assert len(wrong) <= 2, wrong


def test_characters_of_a_grey_seal_are_not_read_into_cells() -> None:
    # page 2 of seed000 is a grey scan with the agency's seal (武汉市公安局…) over the 二级指标 column:
    # the seal's 市 and 汉 were read into the cell 数量指标
    rows = _ruled_rows(TUNE / "seed000_qingshan_2020__scanned.pdf", 2)
    levels = {no_space(c) for row in rows for c in row if c and no_space(c).endswith("指标")}
    assert "数量指标" in levels
    assert not any(("市" in c or "汉" in c) for c in levels), levels


def test_merged_cell_running_on_to_the_next_page_keeps_its_text() -> None:
    # page 5 of seed002 ends inside the merged 社会效益指标 cell (its bottom is not ruled on this page)
    rows = _ruled_rows(TUNE / "seed002_qujing_2022__scanned.pdf", 5)
    row = next(r for r in rows if any(c and "保障全市车驾管业" in no_space(c) for c in r))
    assert "社会效益指标" in [no_space(c) for c in row if c]


def test_name_wrapped_in_its_cell_is_one_indicator_on_a_scan() -> None:
    # 服务群众人次 is printed in a narrow cell as 服务群众人 / 次, its target 不少于12 / 人次
    result = read_document(NATIONAL_TUNE / "dept_mof_wan_fenyuan_2023__scanned.pdf")
    names = {no_space(r.name) for r in result.extraction.indicators}
    assert "服务群众人次" in names and "维修改造面积" in names
    assert not names & {"次", "积", "数"}
    served = next(r for r in result.extraction.indicators if no_space(r.name) == "服务群众人次")
    assert (served.target_value, served.target_unit) == (12.0, "人次")


def _wall(x0: float, y0: float, x1: float, y1: float) -> Ruling:
    return Ruling(x0=x0, y0=y0, x1=x1, y1=y1, vertical=x0 == x1)


def test_seal_strokes_meeting_no_walls_are_not_walls() -> None:
    # a two-by-two grid of walls (characters 10 points high) and, inside a cell, a stretch of a
    # seal's ring (30 points across) and a stroke of its characters (12 points down)
    grid = [_wall(50, 100, 250, 100), _wall(50, 130, 250, 130), _wall(50, 160, 250, 160),
            _wall(50, 100, 50, 160), _wall(150, 100, 150, 160), _wall(250, 100, 250, 160)]
    seal = [_wall(160, 115, 190, 115), _wall(200, 135, 200, 147)]
    assert walls(grid + seal, 10.0) == grid


def test_table_open_at_the_page_edge_is_closed() -> None:
    # the last row's ruling stops at the merged 二级指标 column, whose walls run down to it
    rulings = [_wall(100, 100, 300, 100), _wall(150, 130, 300, 130),
               _wall(100, 100, 100, 130), _wall(150, 100, 150, 130), _wall(300, 100, 300, 130)]
    added = closed(rulings, 10.0)[len(rulings):]
    assert added == [_wall(100, 130, 150, 130)]


def test_red_and_faint_words_are_the_seals() -> None:
    assert seal_words(["专用章"], [InkShade(shade=250.0, red=0.9, black=0.0)], 245.0) == {0}
    # type under a red seal: red all round its strokes, but its strokes black
    assert seal_words(["年度指标值"], [InkShade(shade=90.0, red=0.7, black=0.3)], 245.0) == set()
    texts = ["数量指标", "质量指标", "时效指标", "市", "2", "-"]
    shades = [InkShade(shade=s, red=0.0) for s in (88.0, 90.0, 92.0, 155.0, 160.0, 170.0)]
    # 市 is as faint as a seal on a grey scan; a thin 2 or - scans faint too and is kept
    assert seal_words(texts, shades, 245.0) == {3}


def test_shade_of_black_and_red_ink() -> None:
    crop = np.full((10, 10, 3), 245, np.uint8)
    crop[2:8, 2:4] = (20, 20, 20)  # black stroke
    crop[2:8, 6:8] = (40, 40, 210)  # red stroke (BGR)
    shade = shade_of(crop, 190.0)
    assert shade is not None and shade.red == pytest.approx(0.5) and shade.black == pytest.approx(0.5)


def test_ocr_word_characters_placed_by_their_columns() -> None:
    chars = word_chars([{"text": "12人次", "x0": 10.0, "x1": 40.0, "top": 5.0, "bottom": 15.0,
                         "char_x": [12.0, 16.0, 25.0, 35.0]}])
    assert [c["text"] for c in chars] == ["1", "2", "人", "次"]
    assert chars[0]["x0"] == 10.0 and chars[-1]["x1"] == 40.0
    assert chars[2]["x0"] == pytest.approx(20.5) and chars[2]["x1"] == pytest.approx(30.0)
    assert all(c["size"] == 10.0 for c in chars)


def test_short_walls_meeting_leaning_rulings_of_a_skewed_scan_are_kept() -> None:
    # the 总分 row of seed002 page 12 (skew about 0.8°): the rulings across lean 7 points over the
    # table's width; the walls between 100 | 90 | 优, one row high, meet them where they stand
    rulings = [_wall(57, 402, 540, 409), _wall(57, 412, 540, 420),
               _wall(57, 100, 57, 414), _wall(540, 108, 540, 422), _wall(446, 408, 446, 420)]
    assert walls(rulings, 6.0) == rulings


def test_seal_words_that_outnumber_the_type_on_a_short_page_are_the_seals() -> None:
    # the last page of a form: one row of type (合计 … 良) under a grey seal whose rim and 专用章 are read
    # as three words of ideographs: the type's shade is not the median of the page's words
    texts = ["合计", "良", "某县水利局", "水利", "专用章"]
    shades = [InkShade(shade=s, red=0.0) for s in (40.0, 45.0, 150.0, 155.0, 160.0)]
    assert seal_words(texts, shades, 245.0) == {2, 3, 4}
