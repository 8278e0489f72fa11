"""A figure wrapped before its unit in a borderless form: ``362.33`` over ``元/套``.

A value cell narrower than its value breaks it where a line breaks Chinese text, between the number
and its unit: the unit goes to the cell's next line. Elsewhere a figure is a one-line cell (no line
below continues it), so a line with a cell under a figure begins a row of its own; a unit alone under
a bare figure instead ends that figure's cell. It is told a unit by the form itself: the form prints
it after a figure elsewhere (the target beside it, ≤420元/套; another row's 20台), read by the value
grammar (:mod:`normalize.indicator_values`), or the same line completes it beside (≤180元/平 over
方米 beside 171.77 over 元/平方米). A word the form never prints after a figure (达标, 完成) under a
figure is another row's value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from normalize.indicator_values import parse_indicator_value

_DIGIT = re.compile(r"\d")
_BARE_FIGURE = re.compile(r"^\s*[-+]?\d[\d,]*(?:\.\d+)?\s*$")  # a number without unit or percent sign


def form_units(texts: Iterable[str]) -> frozenset[str]:
    """The units the form prints after its figures (the value grammar's unit of each cell that is one)."""
    out: set[str] = set()
    for text in texts:
        v = parse_indicator_value(text)
        if v.value is not None and v.unit:
            out.add(v.unit)
    return frozenset(out)


def _unit_alone(text: str, units: frozenset[str]) -> bool:
    if _DIGIT.search(text):
        return False
    v = parse_indicator_value("1" + text.strip())
    return v.value is not None and v.operator is None and v.unit in units


def _completed_units(cells: Iterable[tuple[str, int]], above: dict[int, str]) -> set[str]:
    """The units a line completes under figures that began them (≤180元/平 over 方米: 元/平方米)."""
    out: set[str] = set()
    for text, c in cells:
        if c in above and not _BARE_FIGURE.match(above[c]) and not _DIGIT.search(text):
            begun, whole = parse_indicator_value(above[c]), parse_indicator_value(above[c] + text.strip())
            if begun.value is not None and whole.value is not None and whole.unit and whole.unit != begun.unit:
                out.add(whole.unit)
    return out


def wrapped_units(cells: Iterable[tuple[str, int]], above: dict[int, str], units: frozenset[str]) -> set[int]:
    """The columns where a line's cell (text, column) is a unit alone under a bare figure of the line
    above (``above``: column -> its text there): that figure's unit, wrapped. A unit is one of ``units``
    or one the same line completes beside it (≤180元/平 over 方米 beside 171.77 over 元/平方米)."""
    cells = list(cells)
    known = units | _completed_units(cells, above)
    return {c for text, c in cells
            if c in above and _BARE_FIGURE.match(above[c]) and _unit_alone(text, frozenset(known))}
