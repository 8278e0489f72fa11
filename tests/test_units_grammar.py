"""The unit grammar finds a money unit wherever a report prints one, and nowhere else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.units import declared_unit, header_unit, money_unit, split_unit_suffix, wan_factor

UNITS = {"元": 1e-4, "千元": 0.1, "万元": 1.0, "百万元": 100.0, "亿元": 1e4}


@pytest.mark.parametrize(("line", "unit"), [
    ("单位：万元", "万元"),
    ("单位:元", "元"),
    ("单位（元）", "元"),
    ("单位(千元)", "千元"),
    ("金额单位：千元", "千元"),
    ("（单位：人民币万元）", "万元"),
    ("编制单位：某市某局　　　　单位：元", "元"),
    ("编制部门：某县财政局 单位：万元 公开01表", "万元"),
    ("单位：万元公开01表", "万元"),
    ("２０２４年部门收支总表（单位：万元）", "万元"),
])
def test_a_unit_declaration_is_read(line: str, unit: str) -> None:
    assert declared_unit(line) == unit


@pytest.mark.parametrize("line", [
    "编制单位：元氏县财政局",  # an agency whose name starts with a unit's character
    "编制单位：某市某局",
    "预算单位：万元县教育局",
    "单位名称",
    "计量单位",
    "",
])
def test_an_agency_or_a_label_is_not_a_unit(line: str) -> None:
    assert declared_unit(line) is None


@pytest.mark.parametrize(("label", "expected"), [
    ("金额（元）", ("金额", "元")),
    ("金额（单位：万元）", ("金额", "万元")),
    ("决算数(万元)", ("决算数", "万元")),
    ("项目资金（万元）", ("项目资金", "万元")),
    ("预算数（人民币元）", ("预算数", "元")),
    ("预算数", ("预算数", None)),
    ("因公出国（境）费", ("因公出国(境)费", None)),  # a bracket that is not a unit
])
def test_a_column_header_gives_its_label_and_its_unit(label: str, expected: tuple[str, str | None]) -> None:
    assert header_unit(label) == expected


@given(st.integers(min_value=0, max_value=10**10), st.sampled_from(sorted(UNITS)), st.booleans())
def test_an_amount_with_its_unit_after_it_splits_back(cents: int, unit: str, fullwidth: bool) -> None:
    number = f"{cents / 100:,.2f}"
    cell = f"{number}{unit}"
    if fullwidth:
        cell = cell.translate(str.maketrans("0123456789.,", "０１２３４５６７８９．，"))
    assert split_unit_suffix(cell) == (number, unit)


@given(st.sampled_from(sorted(UNITS)), st.sampled_from(["", "人民币"]), st.sampled_from(["{u}", "（{u}）", "({u})"]))
def test_every_money_unit_has_its_size_in_wan(unit: str, prefix: str, shape: str) -> None:
    printed = shape.format(u=prefix + unit)
    assert money_unit(printed) == unit
    assert wan_factor(printed) == UNITS[unit]


@pytest.mark.parametrize("text", ["人次", "%", "万人", "平方米", "元/人"])
def test_other_units_are_not_money(text: str) -> None:
    assert money_unit(text) is None and wan_factor(text) is None


@pytest.mark.parametrize(
    ("label", "unit"),
    [
        ("预算执行情况\n(万元)\n(20分)", "万元"),  # the national department form's block label
        ("项目资金（元）", "元"),
        ("金额（单位：千元）", "千元"),
        ("年度资金总额（20分）", None),  # a weight in brackets is not a unit
        ("实施单位", None),
    ],
)
def test_a_form_label_prints_its_unit_in_brackets_among_other_notes(label: str, unit: str | None) -> None:
    from normalize.units import label_unit

    assert label_unit(label) == unit
