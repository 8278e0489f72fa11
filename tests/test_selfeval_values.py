"""Indicator cell values: operators, numbers with 万, units, qualitative and masked values."""

from __future__ import annotations

import pytest

from normalize.indicator_values import parse_indicator_value, parse_operator


@pytest.mark.parametrize(
    ("text", "op"),
    [
        (">=", ">="),
        ("≥", ">="),
        ("＞", ">"),
        ("大于", ">"),
        ("不低于", ">="),
        ("不超过", "<="),
        ("=", "="),
        ("<", "<"),
        ("定性", None),
        ("", None),
    ],
)
def test_operator_from_the_nature_column_or_words(text: str, op: str | None) -> None:
    assert parse_operator(text) == op


def test_words_before_a_value_give_operator_number_and_unit() -> None:
    v = parse_indicator_value("大于 90%")
    assert (v.operator, v.value, v.unit) == (">", 90.0, "%")


def test_wan_multiplies_when_the_unit_is_not_money() -> None:
    v = parse_indicator_value("23.1万", "份")
    assert (v.value, v.unit) == (231000.0, "份")
    assert parse_indicator_value("40万余条", "次").value == 400000.0


def test_wan_yuan_is_a_unit_not_a_multiplier() -> None:
    v = parse_indicator_value("6.25万元/台")
    assert (v.value, v.unit) == (6.25, "万元/台")  # a cost per unit keeps its printed unit


def test_thousands_separator_and_full_width_digits() -> None:
    assert parse_indicator_value("1,831.00").value == 1831.0
    v = parse_indicator_value("２０次")
    assert (v.value, v.unit) == (20.0, "次")


def test_qualitative_text_keeps_null_number() -> None:
    for text in ("达标", "作用明显", "及时发放", "2020年全年按进度执行"):
        v = parse_indicator_value(text, "%")
        assert v.value is None and v.qualitative, text


def test_masked_values_are_null_and_flagged() -> None:
    for text in ("**", "***个", "维护**个红绿灯信号机"):
        v = parse_indicator_value(text)
        assert v.value is None and v.masked


def test_unit_column_wins_over_inline_unit() -> None:
    v = parse_indicator_value("100", "%")
    assert (v.value, v.unit) == (100.0, "%")


def test_dash_is_not_zero_for_an_indicator() -> None:
    assert parse_indicator_value("—").value is None
