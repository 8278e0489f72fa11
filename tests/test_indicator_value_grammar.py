"""The value grammar of indicator cells (normalize/indicator_values.py), as the country prints it.

Property-based: printed values are generated from known ones (a number, a unit, an operator
written as a sign or a word before or after the value, full-width forms) and parsed back. The
examples come from published 绩效自评表 and 绩效目标表: 95%以上, ≥100百分比, ﹦100%, 24小时内,
12月底前, 3-5天, 100%（含）, ✓.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.indicator_values import parse_indicator_value

_UNITS = ["%", "人次", "个", "平方米", "天", "小时", "万元", "元/平方米", "批次", "‰"]
_PREFIX = {">=": ["≥", "不低于", "不少于", ">="], "<=": ["≤", "不超过", "不高于", "<="], "=": ["=", "＝", "﹦"],
           ">": ["大于", ">"], "<": ["小于", "<"]}
_SUFFIX = {">=": ["以上", "及以上"], "<=": ["以内", "内", "以下"]}


def _full_width(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" or c == "." else c for c in s)


numbers = st.one_of(
    st.integers(min_value=0, max_value=999_999).map(float),
    st.decimals(min_value=0, max_value=99_999, places=2, allow_nan=False).map(float),
)


def _printed(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


@given(x=numbers, unit=st.sampled_from(_UNITS), op=st.sampled_from(sorted(_PREFIX)), data=st.data())
def test_a_value_with_an_operator_before_it_reads_back(x: float, unit: str, op: str, data: st.DataObject) -> None:
    word = data.draw(st.sampled_from(_PREFIX[op]))
    space = data.draw(st.sampled_from(["", " "]))
    v = parse_indicator_value(f"{word}{space}{_printed(x)}{space}{unit}")
    assert (v.operator, v.value, v.unit) == (op, round(x, 6), unit)


@given(x=numbers, unit=st.sampled_from(["%", "人次", "小时", "个", "天"]), op=st.sampled_from(sorted(_SUFFIX)),
       data=st.data())
def test_a_value_with_an_operator_word_after_it_reads_back(x: float, unit: str, op: str, data: st.DataObject) -> None:
    word = data.draw(st.sampled_from(_SUFFIX[op]))
    v = parse_indicator_value(f"{_printed(x)}{unit}{word}")
    assert (v.operator, v.value, v.unit) == (op, round(x, 6), unit)


@given(x=st.integers(min_value=0, max_value=99_999), unit=st.sampled_from(["个", "人次", "%"]))
def test_full_width_digits_read_as_their_ascii_value(x: int, unit: str) -> None:
    v = parse_indicator_value("≥" + _full_width(str(x)) + unit)
    assert (v.operator, v.value, v.unit) == (">=", float(x), unit)


@given(x=st.integers(min_value=1_000, max_value=999_999_999))
def test_thousands_separators_in_groups_of_three_read_and_others_do_not(x: int) -> None:
    assert parse_indicator_value(f"{x:,}元").value == float(x)
    digits = str(x)
    misplaced = digits[:-2] + "," + digits[-2:]  # 12,34 style: a separator two digits from the end
    assert parse_indicator_value(misplaced + "元").value is None


@given(low=st.integers(min_value=0, max_value=500), span=st.integers(min_value=1, max_value=500),
       sep=st.sampled_from(["-", "～", "~", "至"]), unit=st.sampled_from(["天", "个", "%"]))
def test_a_range_keeps_both_bounds_and_no_single_value(low: int, span: int, sep: str, unit: str) -> None:
    v = parse_indicator_value(f"{low}{sep}{low + span}{unit}")
    assert (v.low, v.high, v.value, v.unit) == (float(low), float(low + span), None, unit)


@pytest.mark.parametrize(
    ("printed", "operator", "value", "unit"),
    [
        ("95%以上", ">=", 95.0, "%"),
        ("≥100%", ">=", 100.0, "%"),
        ("≥100百分比", ">=", 100.0, "%"),
        ("﹦100%", "=", 100.0, "%"),
        ("100%（含）", None, 100.0, "%"),  # （含） is a note: the bound is included
        ("24小时内", "<=", 24.0, "小时"),
        ("12月底前", "<=", 12.0, "月"),
        ("不少于 300 批次", ">=", 300.0, "批次"),
        ("≥0.6万平方米", ">=", 6000.0, "平方米"),
        ("≤420 元/平方米", "<=", 420.0, "元/平方米"),
        ("−5.00", None, -5.0, None),  # U+2212 minus
        ("≥２０个", ">=", 20.0, "个"),
    ],
)
def test_values_as_published_forms_print_them(
    printed: str, operator: str | None, value: float, unit: str | None
) -> None:
    v = parse_indicator_value(printed)
    assert (v.operator, v.value, v.unit) == (operator, value, unit)


def test_a_check_mark_is_a_qualitative_done_not_garbled_text() -> None:
    for mark in ("✓", "√", "✔"):
        v = parse_indicator_value(mark)
        assert v.qualitative and v.mark and v.value is None


def test_a_range_in_days_has_no_single_value() -> None:
    v = parse_indicator_value("3-5天")
    assert (v.value, v.low, v.high, v.unit) == (None, 3.0, 5.0, "天")


def test_misplaced_separators_are_not_numbers() -> None:
    for printed in ("73.033,81", "12,34.5"):
        assert parse_indicator_value(printed).value is None, printed


def test_placeholders_are_empty_not_zero() -> None:
    for printed in ("/", "不适用", "无", "—"):
        v = parse_indicator_value(printed)
        assert v.value is None and not v.qualitative, printed


@pytest.mark.parametrize(("printed", "operator"), [("不超过年初预算", "<="), ("≤预算批复数", "<="),
                                                   ("不低于上年水平", ">="), ("有效提升", None)])
def test_an_operator_printed_before_words_bounds_them(printed: str, operator: str | None) -> None:
    v = parse_indicator_value(printed)
    assert (v.operator, v.value, v.qualitative) == (operator, None, True)
