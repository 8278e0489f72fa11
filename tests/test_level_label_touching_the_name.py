"""A borderless form whose level-2 label wraps in a narrow column, its first line filling the column
to the edge, so the name of the row beside it begins less than a character further right
(服务对象满意度指 | 演出观众满意度, 标 on the next line): pdfplumber makes one word of the two cells
(its tolerance is 3 points), which the reader of word positions could not cut. Chinese type sets its
characters touching, so the gap inside the word parts two cells (:mod:`extract.tables.glued_words`).
Pages are drawn as characters with boxes, as pdfplumber gives them; the expected cells are the
form's as printed."""

from __future__ import annotations

from typing import Any

from extract.tables.glued_words import split_glued
from extract.tables.positions import read_positions

CHAR = 10.0


def _chars(text: str, x0: float, top: float, spacing: float = 0.0) -> list[dict[str, Any]]:
    out = []
    x = x0
    for ch in text:
        w = CHAR if not ch.isascii() else CHAR / 2
        out.append({"text": ch, "x0": x, "x1": x + w, "top": top, "bottom": top + CHAR, "upright": True})
        x += w + spacing
    return out


def _word(chars: list[dict[str, Any]]) -> dict[str, Any]:
    """The word pdfplumber makes of ``chars`` (their gaps under its tolerance), with its characters."""
    return {"text": "".join(c["text"] for c in chars), "x0": chars[0]["x0"], "x1": chars[-1]["x1"],
            "top": min(c["top"] for c in chars), "bottom": max(c["bottom"] for c in chars), "upright": True,
            "chars": chars}


def test_cells_set_touching_are_two_words() -> None:
    label, name = _chars("服务对象满意度指", 100, 160.6), _chars("演出观众满意度", 182.5, 160)
    words = split_glued([_word(label + name)])
    assert [w["text"] for w in words] == ["服务对象满意度指", "演出观众满意度"]
    assert words[1]["x0"] == 182.5 and words[1].get("glued") and not words[0].get("glued")


def test_characters_spaced_out_evenly_stay_one_word() -> None:
    assert [w["text"] for w in split_glued([_word(_chars("合计总额", 40, 100, spacing=2.0))])] == ["合计总额"]


def test_figures_set_close_stay_one_word() -> None:
    chars = _chars("12", 40, 100) + _chars("场", 51.5, 100)
    assert [w["text"] for w in split_glued([_word(chars)])] == ["12场"]


# 一级指标 | 二级指标 (eight characters wide) | 三级指标 | 年度指标值 | 全年完成值 | 权重 | 自评得分, in type 6.2
# points wide, set as the Ministry's 部门整体支出绩效自评表 without rulings (rows 19 points apart)
SMALL = 6.2
X = (94.9, 142.5, 193.7, 288.8, 343.7, 398.6, 427.9)


def _small(text: str, x0: float, top: float) -> dict[str, Any]:
    chars = [{"text": ch, "x0": x0 + i * SMALL, "x1": x0 + (i + 1) * SMALL, "top": top, "bottom": top + SMALL,
              "upright": True} for i, ch in enumerate(text)]
    return _word(chars)


def _line(cells: tuple[str, ...], top: float) -> list[dict[str, Any]]:
    return [_small(t, x, top) for t, x in zip(cells, X, strict=True) if t]


def test_a_level_label_filling_its_column_is_read_apart_from_the_name_beside_it() -> None:
    words = _line(("一级指标", "二级指标", "三级指标", "年度指标值", "全年完成值", "权重", "自评得分"), 420.0)
    words += _line(("", "经济效益指标", "减少群众往返办事费用", "120万元", "131万元", "8", "8"), 440.0)
    words += _line(("效益指标", "", "", "", "", "", ""), 450.0)
    words += _line(("", "可持续影响指标", "监测设备正常使用年限", "120年", "104年", "7", "4.7"), 459.0)
    # the level-2 label's first line runs to a quarter of a character short of the name column's
    # start: pdfplumber gives one word 服务对象满意度指演出观众满意度
    label = _small("服务对象满意度指", X[1], 479.2)["chars"]
    name = _small("演出观众满意度", X[2], 478.0)["chars"]
    words.append(_word(label + name))
    words += [_small(t, x, 478.0) for t, x in zip(("不低于95%", "97.8%", "5", "5"), X[3:], strict=True)]
    words.append(_small("满意度指标", X[0], 483.7))
    words.append(_small("标", X[1], 488.1))
    words += _line(("", "", "办事企业和群众满意度", "80%以上", "93.6%", "5", "5"), 489.3)
    (table,) = [p.table for p in read_positions(split_glued(words), page=1, page_height=842, reader="words")]
    rows = [r for r in table.rows if r[2]]
    assert [r[2] for r in rows[1:]] == ["减少群众往返办事费用", "监测设备正常使用年限", "演出观众满意度",
                                        "办事企业和群众满意度"]
    (satisfied,) = [r for r in rows if r[2] == "演出观众满意度"]
    assert (satisfied[1] or "").replace("\n", "") == "服务对象满意度指标"
    assert satisfied[3:] == ["不低于95%", "97.8%", "5", "5"]
