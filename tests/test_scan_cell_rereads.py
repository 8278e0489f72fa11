"""Cells of a scanned form read again alone: a digit set flush against its cell's wall, a short score
the recogniser read unsurely (``7`` as ``N``, ``10`` as ``0``), a dash a lone reading would take for a
figure; and a figure read again that stays unsure is flagged, never kept silently."""

from __future__ import annotations

import numpy as np

from extract.sources.marks import mark_crop, wall_pieces, wall_stub
from extract.sources.ocr import UNCERTAIN_BELOW, OcrPage, _mended_figure, _read_cells
from extract.tables.scan_grid import ScanTable, _doubtful
from extract.tables.scans import _fill_marks

PAPER = 235
INK = 40


def _cell_with_digit_by_its_wall() -> np.ndarray:
    """A page strip (grey scan, BGR) of two ruled cells: the left one holds the end of a word of type
    (``扣``-like strokes), the wall between them stands at x = 40..41, and the right cell (x 42..160,
    y 10..46, its walls at y 8..9 and 47..48) holds a ``1``-like digit printed one pixel from its left wall,
    under a top ruling that leans (a skewed scan) and dips into the cell's inset."""
    img = np.full((56, 170, 3), PAPER, dtype=np.uint8)
    img[8:10, :] = INK  # top ruling
    img[47:49, :] = INK  # bottom ruling
    img[:, 40:42] = INK  # the wall between the cells
    img[18:36, 30:32] = INK  # the neighbour's type, left of the wall
    img[22:24, 24:38] = INK
    for x in range(42, 160):  # the top ruling's skewed stretch inside the right cell
        y = 11 + (x - 42) // 60
        img[y:y + 2, x] = INK
    img[20:34, 44:46] = INK  # the digit's stem, flush against the wall
    img[20:22, 44:50] = INK  # its flag
    return img


def test_digit_flush_against_its_wall_is_cut_out_without_the_wall_or_the_next_cell() -> None:
    img = _cell_with_digit_by_its_wall()
    out = mark_crop(img, (40, 8, 162, 49), char_px=14.0, threshold=150.0)
    assert out is not None
    dark = out.max(axis=2) < 150
    # the digit's ink only: its stem (14 x 2) and its flag (2 x 6, 2 x 2 of them in the stem)
    assert int(dark.sum()) == 14 * 2 + 2 * 6 - 2 * 2
    assert not dark.all(axis=0).any()  # no wall down the crop


def test_long_thin_stretch_of_a_ruling_is_a_wall_and_a_dash_is_not() -> None:
    dark = np.zeros((30, 120), dtype=bool)
    for x in range(0, 110):  # a leaning stretch of ruling, 2 px thick, over 110 px
        dark[2 + x // 40:4 + x // 40, x] = True
    dark[15:17, 50:62] = True  # a dash one character long
    walls = wall_pieces(dark, char_px=12.0)
    assert walls[2, 0] and walls[5, 100]
    assert not walls[15:17, 50:62].any()


class _Page:
    """What :func:`_read_cells` needs of an OCR'd page: its settings and image."""

    def __init__(self, image: np.ndarray) -> None:
        self.image = image
        self.settings = OcrPage(width=0.0, height=0.0, words=[]).settings
        self.timings = OcrPage(width=0.0, height=0.0, words=[]).timings


def test_dash_alone_in_its_cell_is_told_by_its_shape_not_read_as_a_figure() -> None:
    img = np.full((40, 120, 3), PAPER, dtype=np.uint8)
    img[0:2, :] = INK
    img[38:40, :] = INK
    img[19:21, 10:24] = INK  # an em dash near the cell's left wall
    img[25:27, 70:84] = 150  # a lighter dash in a second cell (x 60..120)
    out = _read_cells(_Page(img), [(0, 0, 60, 40), (60, 0, 120, 40)], 14.0)  # type: ignore[arg-type]
    assert [r[0] if r else None for r in out] == ["—", "—"]


def test_short_word_read_unsurely_is_read_again_and_a_sure_one_or_a_name_is_not() -> None:
    assert _doubtful({"text": "N", "confidence": 0.52})  # a 7 the recogniser took for a letter
    assert _doubtful({"text": "0", "confidence": 0.76})  # a 10 that lost its 1
    assert _doubtful({"text": "4.3", "confidence": 0.6})
    assert not _doubtful({"text": "9", "confidence": 0.95})
    assert not _doubtful({"text": "优秀", "confidence": 0.5})  # a grade is read as text
    assert not _doubtful({"text": "12.50", "confidence": 0.5})  # longer than a score or weight


class _Spots:
    def __init__(self, reading: tuple[str, float]) -> None:
        self.reading = reading

    def read_spots(self, spots: list[tuple[float, float, float, float]]) -> list[tuple[str, float] | None]:
        return [self.reading for _ in spots]

    def read_shapes(self, spots: list[tuple[float, float, float, float]]) -> list[str | None]:
        return [None for _ in spots]


def _weight_cell(text: str, confidence: float) -> ScanTable:
    box = (560.0, 400.0, 600.0, 412.0)
    return ScanTable(bbox=box, rows=[["社区矫正对象教育覆盖", "全覆盖", text]],
                     row_words=[[{"text": text, "confidence": confidence, "uncertain": True}]],
                     spots=[(0, 2, box, confidence)])


def test_weight_read_again_surer_replaces_the_unsure_reading() -> None:
    t = _weight_cell("0", 0.71)
    _fill_marks(t, _Spots(("10", 0.93)), 0.0, (0.0, 0.0))  # type: ignore[arg-type]
    assert t.rows[0][2] == "10"
    assert t.row_words[0][-1]["uncertain"] is False


def test_figure_read_again_still_unsurely_is_flagged() -> None:
    t = _weight_cell("N", 0.4)
    _fill_marks(t, _Spots(("6", 0.62)), 0.0, (0.0, 0.0))  # type: ignore[arg-type]
    assert t.rows[0][2] == "6"
    assert t.row_words[0][-1]["uncertain"] is True


def test_empty_cell_read_as_a_figure_is_left_empty() -> None:
    # a seal's ring cut a ruled cell of 1,307.19 apart: the empty sliver reads "1.3"; a cell without words
    # holds a mark at most (a dash, an operator, a lone digit), never a figure of its own
    box = (300.0, 240.0, 310.0, 252.0)
    t = ScanTable(bbox=box, rows=[["项目支出", "", "1,247.78"]], row_words=[[]], spots=[(0, 1, box, None)])
    _fill_marks(t, _Spots(("1.3", 0.95)), 0.0, (0.0, 0.0))  # type: ignore[arg-type]
    assert t.rows[0][1] == ""


def test_stub_of_a_broken_ruling_at_an_empty_cells_edge_is_not_a_dash() -> None:
    # three empty cells (x 0..90, 90..200, 200..260; walls 2 px) of a scan whose rulings are broken and
    # skewed: each holds only a short flat stub of ruling that reaches the edge of the cell's inset
    # (its top-left corner, its bottom, its right end), none as long as a wall stretch; a fourth cell
    # holds a true dash in its middle, paper all round it
    img = np.full((50, 330, 3), PAPER, dtype=np.uint8)
    img[0:2, :] = INK
    img[48:50, :] = INK
    for x in (0, 90, 200, 260, 328):
        img[:, x:x + 2] = INK
    img[3:4, 2:12] = INK  # stub out of the first cell's left wall, at its top
    img[45:48, 150:175] = INK  # stub risen off the second cell's bottom ruling
    img[30:31, 246:260] = INK  # stub out of the third cell's right wall
    img[24:26, 287:299] = INK  # a dash in the fourth cell
    cells = [(0, 0, 92, 50), (90, 0, 202, 50), (200, 0, 262, 50), (260, 0, 330, 50)]
    out = _read_cells(_Page(img), cells, 12.0)  # type: ignore[arg-type]
    assert [r[0] if r else None for r in out][:3] == [None, None, None]
    assert out[3] is not None and out[3][0] in ("—", "-")


def test_empty_cell_holding_only_a_stub_off_its_wall_holds_no_mark() -> None:
    # a cell (x 0..140, y 0..36) of a skewed scan whose bottom ruling rises into it for 30 px at its
    # right end: flat ink reaching its inset's edge; cut out without the wall, the stub alone would be
    # read as a dash. A centred dash and a digit flush against the wall are marks still.
    img = np.full((40, 300, 3), PAPER, dtype=np.uint8)
    img[0:2, :] = INK
    img[34:36, :] = INK
    for x in (0, 138, 298):
        img[:, x:x + 2] = INK
    img[31:34, 108:138] = INK  # the stub
    img[17:19, 212:226] = INK  # a dash in the middle of the second cell (x 138..300)
    assert wall_stub(img, (0, 0, 140, 36), 12.0, 150.0)
    assert not wall_stub(img, (138, 0, 300, 36), 12.0, 150.0)
    assert not wall_stub(_cell_with_digit_by_its_wall(), (40, 8, 162, 49), 14.0, 150.0)


def test_score_under_a_seal_read_with_a_stray_point_is_the_figure_and_doubtful() -> None:
    # a 得分 cell prints 8; the seal's ring leaves a dot of ink beside it and the cell's ink reads "8.":
    # the one reading of that slip is 8 (normalise_number), kept as a doubtful figure (its row flagged)
    text, conf = _mended_figure("8.", 0.95)
    assert text == "8" and conf < UNCERTAIN_BELOW
    assert _mended_figure("8", 0.95) == ("8", 0.95)
    assert _mended_figure("8:", 0.95) == ("8:", 0.95)  # a colon with no two decimals: no one reading
    box = (448.0, 447.0, 504.0, 489.0)
    t = ScanTable(bbox=box, rows=[["突发险情处置响应时限", "8", ""]], row_words=[[]], spots=[(0, 2, box, None)])
    _fill_marks(t, _Spots((text, conf)), 0.0, (0.0, 0.0))  # type: ignore[arg-type]
    assert t.rows[0][2] == "8"
    assert t.row_words[0][-1]["uncertain"] is True
