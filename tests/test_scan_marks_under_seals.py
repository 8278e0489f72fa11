"""Operators of a scanned form: a thin mark beside a grey seal's strokes, a mark by a ruling, a header
whose ordinal a seal hid."""

from __future__ import annotations

import numpy as np

from extract.interpreters.selfeval.indicators import header_roles
from extract.sources.marks import MarkClean, mark_crop, seal_strokes
from extract.sources.ocr import ink_extent
from extract.tables.scan_grid import ScanTable, misread_marks
from extract.tables.scans import _fill_marks, _opens_page

PAPER = 240


def _cell_with_equals_and_seal() -> np.ndarray:
    """A 40 x 24 pixel cell (grey scan, BGR): an ``=`` of two bars printed mid-grey (a thin mark
    scans lighter than type) in the middle, and a stroke of a grey seal's ring, lighter still, down
    its left side."""
    img = np.full((24, 40, 3), PAPER, dtype=np.uint8)
    img[9:11, 16:24] = 110  # upper bar of =
    img[14:16, 16:24] = 120  # lower bar
    for y in range(3, 21):  # the seal's stroke, leaning
        img[y, 4 + y // 4:7 + y // 4] = 165
    return img


def test_grey_seal_stroke_beside_an_equals_sign_is_told_by_its_shade() -> None:
    img = _cell_with_equals_and_seal()
    grey = img.max(axis=2)
    dark = grey < 200
    seal = seal_strokes(grey, dark)
    assert seal[10, 8] and seal[18, 10]  # the ring's stroke
    assert not seal[9:11, 16:24].any() and not seal[14:16, 16:24].any()  # both bars of = are print


def test_mark_cut_out_without_the_seal_keeps_both_bars_and_loses_the_stroke() -> None:
    img = _cell_with_equals_and_seal()
    out = mark_crop(img, (0, 0, 40, 24), char_px=10.0, threshold=200.0, clean=MarkClean.SEAL)
    assert out is not None
    grey = out.max(axis=2)
    assert (grey < 130).sum() == 2 * 2 * 8  # the two bars of =, nothing else dark
    assert ((grey > 150) & (grey < 200)).sum() == 0  # no seal stroke left in the crop


def test_one_shade_of_ink_is_never_a_seal() -> None:
    img = np.full((24, 40, 3), PAPER, dtype=np.uint8)
    img[9:11, 16:24] = 110
    img[14:16, 16:24] = 112
    grey = img.max(axis=2)
    assert not seal_strokes(grey, grey < 200).any()


def test_operator_above_a_ruling_in_its_crop_keeps_its_own_height() -> None:
    # the detector's crop of a ">=" in a row one line high reaches the ruling under it: the ruling
    # is the crop's widest dark band, but the type is the mark above it
    crop = np.full((20, 24, 3), PAPER, dtype=np.uint8)
    crop[6:8, 4:20] = 30  # upper bar
    crop[10:12, 4:20] = 30  # lower bar
    crop[17:20, :] = 20  # the ruling along the crop's bottom edge
    ink = ink_extent(crop)
    assert ink is not None
    assert (ink.top, ink.bottom) == (6, 12)


def test_level2_heading_whose_ordinal_was_lost_is_the_level2_column() -> None:
    # 二级指标 read as 级指标 (its 二 under a red seal's stroke), between 一级指标 and 三级指标
    row = ["一级指标", "级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分"]
    roles = header_roles([row], 0)
    assert roles is not None
    assert roles[0] == "level1" and roles[1] == "level2" and roles[2] == "name"


class _Spots:
    """A page whose cells' marks read again as ``reading`` (what the recogniser made of the cell's ink)."""

    def __init__(self, reading: tuple[str, float]) -> None:
        self.reading = reading

    def read_spots(self, spots: list[tuple[float, float, float, float]]) -> list[tuple[str, float] | None]:
        return [self.reading for _ in spots]


def _operator_cell(text: str, confidence: float) -> ScanTable:
    box = (260.0, 360.0, 300.0, 372.0)
    return ScanTable(bbox=box, rows=[["交通安全宣传资料印", text, "23.1万"]],
                     row_words=[[{"text": text, "confidence": confidence, "uncertain": False}]],
                     spots=[(0, 1, box, confidence)])


def test_operator_read_again_as_its_first_half_keeps_the_whole() -> None:
    # the cell prints >=; the detector's word read it whole, the cell read again gives only its >
    t = _operator_cell(">=", 0.79)
    _fill_marks(t, _Spots((">", 0.95)), 0.0, (0.0, 0.0))  # type: ignore[arg-type]
    assert t.rows[0][1] == ">="


def test_operator_read_again_whole_replaces_its_first_half() -> None:
    t = _operator_cell(">", 0.9)
    _fill_marks(t, _Spots((">=", 0.6)), 0.0, (0.0, 0.0))  # type: ignore[arg-type]
    assert t.rows[0][1] == ">="


def test_end_of_a_form_carried_over_to_the_next_page_is_kept_however_few_its_rows() -> None:
    # page 4 of a scanned 项目支出绩效自评表 opens with the form's last two ruled rows: the tail of a
    # wrapped 二级指标 (指标) and 总分 | 100 | 99.6 | 优秀
    tail = ScanTable(bbox=(51.0, 51.5, 742.0, 75.0),
                     rows=[["", "指标", "", "", "", "", "", "", ""],
                           ["总分", None, None, None, None, None, "100", "99.6", "优秀"]])
    words = [{"text": "总分", "x0": 56.0, "x1": 73.5, "top": 65.0, "bottom": 74.0}]
    assert _opens_page(tail, words)
    heading = {"text": "项目支出绩效自评表", "x0": 300.0, "x1": 420.0, "top": 30.0, "bottom": 42.0}
    assert not _opens_page(tail, [heading, *words])  # a box under a heading is no carried-over end


def test_stray_reading_in_a_column_of_operators_is_read_again() -> None:
    # the 指标性质 column prints = and >= in every row; one = was read as a quote mark, one > as v
    box = (250.0, 0.0, 280.0, 10.0)
    rows: list[list[str | None]] = [["数量指标", "资金下达时间及使", '"', "100", "%"],
                                    [None, "租赁房屋及维护维修", "=", "1", "次"],
                                    [None, "考试作弊情况的发", "v", "0", "%"],
                                    [None, "安保巡查次数", ">=", "365", "次"]]
    t = ScanTable(bbox=(0.0, 0.0, 600.0, 40.0), rows=rows,
                  row_boxes=[tuple(box for _ in r) for r in rows])
    assert sorted((i, j) for i, j, _, old in misread_marks(t) if old is None) == [(0, 2), (2, 2)]
    # the unit column's % is no stray, nor a figure, nor a name
    assert all(j == 2 for _, j, _, _ in misread_marks(t))


def test_figure_read_again_longer_through_a_seal_stroke_keeps_the_sure_figure() -> None:
    # the cell prints 7 (分值), read surely; read again from the cell's ink, a grey seal's ring across the
    # cell adds a stroke the recogniser takes for a digit: 78, less surely. The 7 stays.
    box = (310.0, 417.0, 396.0, 456.0)
    t = ScanTable(bbox=box, rows=[["办理不动产登记业务", "7", "不少于800件"]],
                  row_words=[[{"text": "7", "confidence": 0.998, "uncertain": False}]], spots=[(0, 1, box, 0.998)])
    _fill_marks(t, _Spots(("78", 0.66)), 0.0, (0.0, 0.0))  # type: ignore[arg-type]
    assert t.rows[0][1] == "7"


def test_figure_read_again_longer_and_surer_replaces_it() -> None:
    # a 10 whose 0 the detector's box cut off (read 1, unsurely), read whole from the cell's ink: 10
    box = (310.0, 417.0, 396.0, 456.0)
    t = ScanTable(bbox=box, rows=[["奖补资金兑现及时率", "1", "100%"]],
                  row_words=[[{"text": "1", "confidence": 0.55, "uncertain": True}]], spots=[(0, 1, box, 0.55)])
    _fill_marks(t, _Spots(("10", 0.97)), 0.0, (0.0, 0.0))  # type: ignore[arg-type]
    assert t.rows[0][1] == "10"
