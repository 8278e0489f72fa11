"""The number grammar reads back every way a report prints a known amount, and rejects the rest.

Property-based: known values are printed the ways Chinese reports print them (thousands
separators or none, full-width digits, negatives as -, −, △ or parentheses, percent) and must
parse back to the value; numbers with misplaced separators must not parse.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.numbers import number_problem, parse_number, read_number, to_wan

FULLWIDTH = str.maketrans("0123456789.,-()%", "０１２３４５６７８９．，－（）％")

cents = st.integers(min_value=0, max_value=10**13).map(lambda n: Decimal(n) / 100)


def _printed(value: Decimal, grouped: bool, decimals: int) -> str:
    q = Decimal(1).scaleb(-decimals)
    v = value.quantize(q)
    return f"{v:,.{decimals}f}" if grouped else f"{v:.{decimals}f}"


@given(cents, st.booleans(), st.sampled_from([0, 1, 2, 4]), st.booleans())
def test_a_printed_amount_reads_back(value: Decimal, grouped: bool, decimals: int, fullwidth: bool) -> None:
    text = _printed(value, grouped, decimals)
    expected = float(Decimal(text.replace(",", "")))
    if fullwidth:
        text = text.translate(FULLWIDTH)
    assert parse_number(text) == expected


@given(cents.filter(lambda v: v > 0), st.sampled_from(["-", "\u2212", "△", "()", "（）", "－"]), st.booleans())
def test_a_negative_reads_back_however_it_is_marked(value: Decimal, mark: str, grouped: bool) -> None:
    body = _printed(value, grouped, 2)
    text = f"{mark[0]}{body}{mark[1]}" if len(mark) == 2 else f"{mark}{body}"
    assert parse_number(text) == -float(value)
    n = read_number(text)
    assert n is not None and n.negative is not None


@given(st.integers(min_value=0, max_value=100000).map(lambda n: Decimal(n) / 100), st.sampled_from(["%", "‰", "％"]))
def test_a_percent_or_permille_reads_back_in_its_unit(value: Decimal, sign: str) -> None:
    n = read_number(f"{value}{sign}")
    assert n is not None and n.value == float(value) and n.percent == ("%" if sign == "％" else sign)


@given(st.integers(min_value=1000, max_value=10**9), st.integers(min_value=1, max_value=2))
def test_thousands_groups_of_the_wrong_length_are_rejected(n: int, cut: int) -> None:
    grouped = f"{n:,}"  # 1,234,567
    head, _, tail = grouped.rpartition(",")
    broken = f"{head},{tail[:-cut] or '0'}.{tail[-cut:]}"  # the last group shortened: 1,234,56.7
    assert parse_number(broken) is None
    assert number_problem(broken) is not None


@pytest.mark.parametrize("text", ["73.033,81", "12,34.5", "1.234.567", "1234,567", "1,2345"])
def test_european_and_misplaced_separators_are_not_numbers(text: str) -> None:
    assert parse_number(text) is None
    assert number_problem(text)


@pytest.mark.parametrize(("text", "value"), [
    ("２０１", 201.0), ("１，２３４．５０", 1234.5), ("−5.00", -5.0), ("△5.00", -5.0), ("(12,000.00)", -12000.0),
    ("-", 0.0), ("—", 0.0), ("0.00", 0.0), (".5", 0.5), ("+3", 3.0), ("1 234.50", 1234.5),
])
def test_printed_forms_from_the_issue(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", None, "**", "***", "达标", "(−5)", "△", "()", "12元", "2024年"])
def test_what_is_not_a_number_is_none_and_needs_no_reason(text: str | None) -> None:
    assert parse_number(text) is None
    assert number_problem(text) is None


@pytest.mark.parametrize(("amount", "unit", "wan"), [
    (1234567.0, "元", 123.4567), (1234.5, "千元", 123.45), (12.5, "万元", 12.5), (1.5, "亿元", 15000.0),
    (100.0, "人民币万元", 100.0), (5.0, None, 5.0),
])
def test_amounts_convert_to_wan_by_their_printed_unit(amount: float, unit: str | None, wan: float) -> None:
    assert to_wan(amount, unit) == wan


def test_an_unknown_unit_is_refused() -> None:
    with pytest.raises(ValueError):
        to_wan(1.0, "人次")
