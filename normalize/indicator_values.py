"""Indicator cells -> operator, number and unit.

"大于 90%" -> (>, 90, %); "23.1万" with unit 份 -> 231000 份; "1,831.00" -> 1831.0;
"6.25万元/台" -> 6.25 万元; "40万余条" -> 400000 条; full-width digits and signs fold.
Qualitative values (达标, 作用明显, 及时发放) keep their text with a null number;
masked values (**, ***) are null and flagged. Operators: normalize/data/indicator_operators.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from normalize.text import fold

_DATA = Path(__file__).parent / "data" / "indicator_operators.yaml"
_NUM = re.compile(r"^([+-]?\d[\d,]*(?:\.\d+)?|[+-]?\.\d+)(亿|万|千)?(.*)$")
_MULT = {"万": 1e4, "亿": 1e8, "千": 1e3}
_MONEY_AFTER_MULT = ("元",)
_TAIL_WORDS = ("及以上", "以上", "以下", "以内", "左右", "余", "多")
_DASHES = {"", "-", "—", "–", "－", "--", "——", "/", "无", "空"}
_MAX_UNIT = 5


@dataclass
class IndicatorValue:
    raw: str | None
    value: float | None = None
    unit: str | None = None
    operator: str | None = None  # a comparison word printed in the cell (大于 90%)
    masked: bool = False  # ** in place of the number
    qualitative: bool = False  # text without a number (达标, 作用明显)


@lru_cache(maxsize=1)
def _operators() -> list[tuple[str, str]]:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    pairs = [(fold(str(w)), str(op)) for op, words in data.items() for w in words]
    return sorted(pairs, key=lambda p: -len(p[0]))


def parse_operator(text: str | None) -> str | None:
    """The operator of a 指标性质 cell or of a value's leading word; None if there is none."""
    s = fold(text or "")
    if not s:
        return None
    for word, op in _operators():
        if s.startswith(word):
            return op
    return None


def _strip_operator(s: str) -> tuple[str | None, str]:
    for word, op in _operators():
        if s.startswith(word) and len(s) > len(word):
            return op, s[len(word) :]
    return None, s


def _unit_from_rest(rest: str) -> tuple[bool, str | None]:
    """(is a clean unit, unit) for the text after a number."""
    for w in _TAIL_WORDS:
        if rest.startswith(w):
            rest = rest[len(w) :]
        if rest.endswith(w):
            rest = rest[: -len(w)]
    if not rest:
        return True, None
    if re.search(r"[\d,，。；;、:：()（）]", rest):
        return False, None
    if "/" in rest:  # 万元/台 -> 万元
        rest = rest.split("/", 1)[0]
    if len(rest) > _MAX_UNIT:
        return False, None
    return True, rest


def parse_indicator_value(text: str | None, unit_hint: str | None = None) -> IndicatorValue:
    """One target or actual cell; ``unit_hint`` is the 度量单位 column when the form has one."""
    out = IndicatorValue(raw=text)
    s = fold(text or "")
    hint = fold(unit_hint or "") or None
    if s in _DASHES:
        return out
    if "*" in s:
        out.masked = True
        return out
    op, body = _strip_operator(s)
    out.operator = op
    m = _NUM.match(body)
    if not m:
        out.qualitative = True
        return out
    number, mult, rest = m.group(1), m.group(2), m.group(3)
    value = float(number.replace(",", ""))
    if mult and rest.startswith(_MONEY_AFTER_MULT):  # 6.25万元: a money unit, not a multiplier
        rest = mult + rest
        mult = None
    ok, unit = _unit_from_rest(rest)
    if not ok:
        out.qualitative = True
        return out
    if mult:
        value *= _MULT[mult]
    out.value = round(value, 6)
    out.unit = hint or unit
    return out


_POINTS = re.compile(r"^([+-]?\d+(?:\.\d+)?)分?$")


def parse_points(text: str | None) -> float | None:
    """A weight or score cell: "10", "9.5", "10分", "9.5 分" -> the number; anything else None."""
    m = _POINTS.match(fold(text or ""))
    return float(m.group(1)) if m else None
