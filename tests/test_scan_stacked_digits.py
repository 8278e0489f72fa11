"""A scanned form's cell holding a figure and, on a line of its own, a lone digit read doubtfully.

A seal stamped over a column of weights leaves strokes the mark reader can take for a digit; joined
with the cell's figure on the line above, ``7`` over a stray ``3`` read as the weight ``73``. A form
prints one figure per cell: the lone doubtful digit is left out and the figure flagged. Made-up
figures and positions, not those of any sample.
"""

from __future__ import annotations

from typing import Any

from extract.tables.scan_grid import cell_text, without_stray_dashes, without_stray_digits


def _word(text: str, x0: float, top: float, confidence: float = 0.97) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + 4.0 * len(text), "top": top, "bottom": top + 6.5,
            "uncertain": False, "confidence": confidence}


def test_a_doubtful_lone_digit_under_a_weight_is_left_out_and_the_weight_flagged() -> None:
    weight, stroke = _word("7", 212.0, 140.0), _word("3", 241.0, 151.0, confidence=0.58)
    kept = without_stray_digits([weight, stroke])
    assert cell_text(kept) == "7"
    assert kept[0]["uncertain"]


def test_a_doubtful_lone_digit_above_a_score_is_left_out() -> None:
    stroke, score = _word("1", 330.0, 402.0, confidence=0.61), _word("12.5", 318.0, 411.0)
    assert cell_text(without_stray_digits([stroke, score])) == "12.5"


def test_a_figure_wrapped_by_its_column_keeps_its_last_digits() -> None:
    # a narrow column wraps 1,384.2 after its third digit: both pieces read surely
    words = [_word("1,38", 50.0, 20.0), _word("4.2", 50.0, 28.0, confidence=0.95)]
    assert without_stray_digits(words) == words
    assert cell_text(without_stray_digits(words)) == "1,38\n4.2"


def test_digits_beside_words_or_on_one_line_are_kept() -> None:
    words = [_word("约", 10.0, 30.0), _word("6", 10.0, 40.0, confidence=0.55)]
    assert without_stray_digits(words) == words
    line = [_word("15", 10.0, 30.0), _word("2", 30.0, 30.5, confidence=0.55)]
    assert without_stray_digits(line) == line


def test_a_dash_on_a_line_of_its_own_under_a_label_is_a_stray_mark() -> None:
    # a seal's ring leaves a flat stroke under a level-2 label: 效益指标 over — is still 效益指标
    words = [_word("效益指标", 140.0, 210.0), _word("—", 150.0, 219.0, confidence=0.5)]
    assert cell_text(without_stray_dashes(words)) == "效益指标"
    above = [_word("-", 141.0, 300.0, confidence=0.5), _word("满意度", 140.0, 309.0)]
    assert cell_text(without_stray_dashes(above)) == "满意度"


def test_a_dash_beside_a_label_on_its_line_is_kept() -> None:
    words = [_word("不适用", 100.0, 50.0), _word("—", 130.0, 50.0)]
    assert without_stray_dashes(words) == words
