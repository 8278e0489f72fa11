"""A rate printed with no unit at all (预算执行率 ≥0.95, actual 0.98) is a proportion: in a form whose other %
targets are whole percentages it is read as 95 % / 98 %, with a percent_written_as_fraction row. Names
that are not rates keep what is printed unless the row's actual prints its own % sign (the row's values
are percentages: 0.9 | 93%); upper limits and a form without whole percentages keep what is printed.
A bare target of 1 is 1 % or 100 %: beside an actual printed as a percentage nearer 100 % than 1 % it
is read as 100 %, noted as a guess; otherwise kept as printed, noted as ambiguous."""

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


def test_bare_one_beside_a_printed_percentage_is_one_hundred_percent_and_noted() -> None:
    # a spreadsheet shows a target typed =100% as 1: the page prints 1 | 100%
    rows = _form(WHOLE, ("企业满意度", "1", "100%"), ("验收合格率", "1", "98.5%"))
    issues = convert_percent_fractions(rows, "d")
    assert [(r.target_value, r.target_unit, r.actual_value, r.actual_unit) for r in rows[1:]] == [
        (100.0, "%", 100.0, "%"), (100.0, "%", 98.5, "%")]
    assert [i.row_index for i in issues] == [1, 2] and all("a guess" in i.message for i in issues)


def test_bare_one_beside_a_small_printed_percentage_stays_ambiguous() -> None:
    # 1 | 1.2%: 1 % is the nearer reading, not 100 %
    rows = _form(WHOLE, ("财政收入增长率", "1", "1.2%"))
    (issue,) = convert_percent_fractions(rows, "d")
    assert (rows[1].target_value, rows[1].target_unit) == (1.0, None) and "ambiguous" in issue.message


def test_bare_fraction_of_a_name_that_is_not_a_rate_beside_a_printed_percentage_is_read_as_percent() -> None:
    rows = _form(WHOLE, ("企业满意度", "≥0.9", "93%"))
    convert_percent_fractions(rows, "d")
    assert (rows[1].target_value, rows[1].target_unit, rows[1].actual_value) == (90.0, "%", 93.0)
