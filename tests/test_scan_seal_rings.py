"""A seal stamped over a scanned form's rulings (issue #11).

A department's round seal is stamped across a form's cells: on a grey scan the side of its ring is
a dark run as long as a wall, and a wall of the form crosses the seal's characters. Read as they
are, the ring's side cut a column into the form (the rows after it shifted one column right) and the
seal's 安局 was taken for type because of the black wall through its crop (it was read into a cell
above 100%). The images here are drawn, with other sizes and places than the layout corpus's scans:
a grid of walls, a ring, red strokes for a seal's characters, black ones for type.
"""

from __future__ import annotations

import cv2
import numpy as np

from extract.interpreters.selfeval.indicators import header_roles
from extract.sources import ocr
from extract.sources.ocr import OcrWord
from extract.sources.seal import seal_words, shade_of

PAPER = 245
SCALE = 2.0  # pixels per point, as the scans are rendered
CHAR_PT = 9.0


def _words() -> list[OcrWord]:
    """Words one em (CHAR_PT) high: the rulings' lengths are judged in ems."""
    return [OcrWord(text="指标", x0=10.0, x1=28.0, top=float(t), bottom=float(t) + CHAR_PT, confidence=0.99)
            for t in (20, 40, 60)]


def _grid(img: np.ndarray, xs: list[int], ys: list[int]) -> None:
    for x in xs:
        cv2.line(img, (x, ys[0]), (x, ys[-1]), (20, 20, 20), 2)
    for y in ys:
        cv2.line(img, (xs[0], y), (xs[-1], y), (20, 20, 20), 2)


def _walls_down(img: np.ndarray) -> list[float]:
    return sorted(round((r.x0 + r.x1) / 2) for r in ocr._rulings(img, _words(), SCALE) if r.vertical)


def test_the_side_of_a_seal_ring_over_a_form_is_no_wall() -> None:
    # a form 3 columns wide (walls at 40, 200, 320, 460 points) with rows 18 points high, and a grey
    # seal 124 points across stamped over the middle column, its ring's sides at 158 and 282 points
    img = np.full((int(500 * SCALE), int(520 * SCALE), 3), PAPER, np.uint8)
    xs = [int(x * SCALE) for x in (40, 200, 320, 460)]
    ys = [int((60 + 18 * k) * SCALE) for k in range(18)]
    _grid(img, xs, ys)
    centre, radius = (int(220 * SCALE), int(200 * SCALE)), int(62 * SCALE)
    cv2.circle(img, centre, radius, (110, 110, 110), int(2 * SCALE))
    down = _walls_down(img)
    assert not any(272 <= x <= 292 for x in down), down  # the ring's right side
    assert not any(148 <= x <= 168 for x in down), down  # its left side
    for wall in (40, 200, 320, 460):
        assert any(abs(x - wall) <= 2 for x in down), (wall, down)


def test_a_long_wall_a_seal_is_stamped_over_stays_a_wall() -> None:
    # the ring touches a wall it is stamped over: the wall takes some of the ring's ink and stays
    img = np.full((int(500 * SCALE), int(520 * SCALE), 3), PAPER, np.uint8)
    xs = [int(x * SCALE) for x in (40, 250, 460)]
    ys = [int((60 + 18 * k) * SCALE) for k in range(18)]
    _grid(img, xs, ys)
    cv2.circle(img, (int(188 * SCALE), int(200 * SCALE)), int(62 * SCALE), (110, 110, 110), int(2 * SCALE))
    down = _walls_down(img)
    assert any(abs(x - 250) <= 2 for x in down), down


def _crop(strokes: list[tuple[int, int, tuple[int, int, int]]], wall: tuple[tuple[int, int], tuple[int, int]] | None
          ) -> np.ndarray:
    """A word's crop 30 pixels high: each stroke (x, width, BGR colour) a character's ink, ``wall`` a black
    line from one point to another."""
    crop = np.full((30, 90, 3), PAPER, np.uint8)
    for x, w, colour in strokes:
        crop[5:25, x:x + w] = colour
        crop[14:17, x - 6:x + w + 6] = colour
    if wall is not None:
        cv2.line(crop, wall[0], wall[1], (15, 15, 15), 2)
    return crop


RED = (60, 60, 215)  # BGR
BLACK = (25, 25, 25)


def test_a_seal_word_crossed_by_a_wall_is_the_seals() -> None:
    # two red characters of a seal's rim, a wall of the form slanting across the crop from side to side
    crop = _crop([(15, 4, RED), (55, 4, RED)], ((0, 8), (89, 3)))
    shade = shade_of(crop, 190.0)
    assert shade is not None and shade.red > 0.5 and shade.black < 0.2
    assert seal_words(["汉市"], [shade], float(PAPER)) == {0}


def test_type_under_a_seal_with_a_wall_in_its_crop_stays_type() -> None:
    # black type with the seal's red beside it and a wall cutting the crop's corner
    crop = _crop([(15, 4, BLACK), (40, 4, RED), (65, 4, BLACK)], ((0, 20), (20, 29)))
    shade = shade_of(crop, 190.0)
    assert shade is not None and shade.black >= 0.2
    assert seal_words(["年度值"], [shade], float(PAPER)) == set()


def test_a_character_of_type_read_with_a_seals_character_is_kept() -> None:
    # the detector took a seal's red character and the 无 of type beside it as one word: the word's ink
    # is mostly the seal's, but its second character is black
    crop = np.full((30, 60, 3), PAPER, np.uint8)
    crop[3:27, 5:25] = RED
    crop[8:22, 40:44] = BLACK
    crop[14:17, 34:50] = BLACK
    chars = [("汉", 0.9, 0.25), ("无", 0.9, 0.7)]
    text, kept = ocr._without_seal_characters(crop, crop, "汉无", chars, sealed=True)
    assert text == "无" and [c for c, _, _ in kept] == ["无"]
    # a word all of the seal's ink leaves nothing
    crop[8:22, 34:50] = RED
    assert ocr._without_seal_characters(crop, crop, "汉无", chars, sealed=True)[0] == ""


def test_level2_heading_whose_ordinal_was_misread_is_the_level2_column() -> None:
    # 二级指标 with its 二 under a seal's stroke read as another character, between 一级 and 三级指标
    row = ["一级指标", "立级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    roles = header_roles([row], 0)
    assert roles is not None
    assert (roles[0], roles[1], roles[2]) == ("level1", "level2", "name")
