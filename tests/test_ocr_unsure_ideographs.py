"""A word whose ideograph the recogniser read unsurely (a name cell's 裸露 read 深露, 清淤 read 清激) is read
again from a crop drawn tight around its ink; the new reading replaces it only where the first was unsure,
and only surer there: a reading that changes a sure character, or the word's length, is not taken."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from extract.sources import ocr
from extract.sources.ocr import DEFAULT, OcrWord, _reread_unsure_ideographs

PAPER = 235


def _page() -> np.ndarray:
    img = np.full((60, 240, 3), PAPER, dtype=np.uint8)
    for x in range(22, 198, 20):  # the word's ink: one stroke a character (the recogniser's reading is given)
        img[20:40, x:x + 4] = 30
    return img


def _word(text: str, confs: tuple[float, ...]) -> OcrWord:
    # in points at the settings' scale 2: the ink above spans x 10..100, y 10..20
    return OcrWord(text=text, x0=10.0, x1=100.0, top=10.0, bottom=20.0, confidence=float(np.mean(confs)),
                   char_confidences=confs)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the recogniser gives for the crop read again (set by each test)."""
    given: list[str] = []

    def fake(engine: Any, crops: list[np.ndarray], batch: int, min_ratio: float = 0.0) -> list[Any]:
        text, confs = given[0], [0.9] * len(given[0])
        return [(text, float(np.mean(confs)), [(c, p, 0.5) for c, p in zip(text, confs, strict=True)])
                for _ in crops]

    monkeypatch.setattr(ocr, "_recognise", fake)
    return given


def test_unsure_ideograph_read_again_surer_is_replaced(reads: list[str]) -> None:
    w = _word("深露地面绿化覆盖率", (0.22, 1.0, 1.0, 0.99, 0.97, 1.0, 0.97, 1.0, 0.98))
    reads.append("裸露地面绿化覆盖率")
    _reread_unsure_ideographs(None, _page(), [w], DEFAULT, (0, 0))  # type: ignore[arg-type]
    assert w.text == "裸露地面绿化覆盖率"
    assert w.char_confidences[0] == 0.9


def test_reading_that_changes_a_sure_character_is_not_taken(reads: list[str]) -> None:
    w = _word("深露地面绿化覆盖率", (0.22, 1.0, 1.0, 0.99, 0.97, 1.0, 0.97, 1.0, 0.98))
    reads.append("裸霜地面绿化覆盖率")  # 露 was read surely
    _reread_unsure_ideographs(None, _page(), [w], DEFAULT, (0, 0))  # type: ignore[arg-type]
    assert w.text == "深露地面绿化覆盖率"


def test_reading_of_another_length_is_not_taken(reads: list[str]) -> None:
    w = _word("完成河道清激长度", (0.99, 0.77, 0.97, 1.0, 0.99, 0.64, 1.0, 1.0))
    reads.append("完成河道清淤长度率")
    _reread_unsure_ideographs(None, _page(), [w], DEFAULT, (0, 0))  # type: ignore[arg-type]
    assert w.text == "完成河道清激长度"


def test_sure_word_is_not_read_again(reads: list[str]) -> None:
    w = _word("项目竣工验收", (1.0,) * 6)
    reads.append("项目峻工验收")
    _reread_unsure_ideographs(None, _page(), [w], DEFAULT, (0, 0))  # type: ignore[arg-type]
    assert w.text == "项目竣工验收"
