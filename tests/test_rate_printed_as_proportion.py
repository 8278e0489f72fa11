"""A rate printed with no unit at all (预算执行率 ≥0.95, actual 0.98) is a proportion: in a form whose other %
targets are whole percentages it is read as 95 % / 98 %, with a percent_written_as_fraction row. Names
that are not rates, upper limits and a form without whole percentages keep what is printed."""

from __future__ import annotations

from extract.interpreters.selfeval.indicators import convert_percent_fractions
from model.records import IndicatorRow
from normalize.indicator_values import parse_indicator_value


def _row(name: str, target: str, actual: str, row: int) -> IndicatorRow:
    t, a = parse_indicator_value(target), parse_indicator_value(actual)
    return IndicatorRow(doc_id="d", page=2, table_index=0, row_index=row, scope="department", name=name,
                        name_canonical=name, level1="产出指标", operator=t.operator, target_raw=target,
                        actual_raw=actual, target_value=t.value, actual_value=a.value, target_unit=t.unit,
                        actual_unit=a.unit)


def _form(*rows: tuple[str, str, str]) -> list[IndicatorRow]:
    return [_row(n, t, a, i) for i, (n, t, a) in enumerate(rows)]


WHOLE = ("群众满意度", "≥90%", "95%")


def test_bare_budget_execution_rate_among_whole_percentages_is_read_as_percent() -> None:
    rows = _form(WHOLE, ("预算执行率", "≥0.95", "0.98"))
    issues = convert_percent_fractions(rows, "d")
    r = rows[1]
    assert (r.target_value, r.target_unit, r.actual_value, r.actual_unit) == (95.0, "%", 98.0, "%")
    assert [i.rule for i in issues] == ["percent_written_as_fraction"] and issues[0].row_index == 1
    assert "no unit" in issues[0].message


def test_bare_rate_with_actual_of_one_is_one_hundred_percent() -> None:
    rows = _form(WHOLE, ("资金到位率", "≥0.9", "1"))
    convert_percent_fractions(rows, "d")
    assert (rows[1].target_value, rows[1].actual_value, rows[1].actual_unit) == (90.0, 100.0, "%")


def test_bare_rate_with_percent_actual_keeps_the_actual() -> None:
    rows = _form(WHOLE, ("预算执行率", "≥0.95", "98%"))
    convert_percent_fractions(rows, "d")
    assert (rows[1].target_value, rows[1].actual_value) == (95.0, 98.0)


def test_bare_number_of_a_name_that_is_not_a_rate_is_kept() -> None:
    rows = _form(WHOLE, ("设备使用年限", "≥0.5", "0.8"))
    assert convert_percent_fractions(rows, "d") == []
    assert (rows[1].target_value, rows[1].target_unit) == (0.5, None)


def test_bare_upper_limit_rate_is_kept() -> None:
    rows = _form(WHOLE, ("安全事故发生率", "≤0.1", "0"))
    assert convert_percent_fractions(rows, "d") == []
    assert rows[1].target_value == 0.1


def test_bare_rate_without_whole_percentages_in_the_form_is_kept() -> None:
    rows = _form(("预算执行率", "≥0.95", "0.98"), ("培训人次", "≥200人次", "230人次"))
    assert convert_percent_fractions(rows, "d") == []
    assert rows[0].target_value == 0.95
