"""The value grammar of performance indicators: one 目标值 / 实际完成值 cell -> IndicatorValue.

What a cell can print, after NFKC folding (full-width digits and signs, ＝ and ﹦ -> =) and with
white space removed::

    cell      := empty | masked | mark | range | value | qualitative
    empty     := "" | - | — | / | 无 | 不适用 ...            -> nothing (not zero)
    masked    := any text holding *  (**, ***个)              -> null, masked=True
    mark      := ✓ | √ | ✔ ...                                -> qualitative ("done"), not garbled
    range     := [op] number sep number [unit]  (3-5天, 3～5天, 3至5天)
                                                              -> low, high; value null
    value     := [op] number [mult] [unit] [approx] [suffix-op] [note]
    op        := ≥ ≤ > < = | 大于 不低于 不少于 不超过 ... (indicator_operators.yaml)
    number    := [sign] digits with thousands separators in groups of three, [. digits]
                 (sign: + - − ﹣ －; "12,34.5" and "73.033,81" are not numbers)
    mult      := 万 | 亿 | 千  (multiplies unless a money unit follows: 6.25万元 is 6.25 万元)
    unit      := up to 5 characters without digits or punctuation (%, ‰, 人次), or two such
                 joined by / (元/平方米, 个/标段)
    approx    := 余 | 多 | 左右 (40万余条)
    suffix-op := 以上 及以上 (>=) | 以下 以内 内 前 底前 (<=)  (95%以上, 24小时内, 12月底前)
    note      := (含)  the bound is included: noted, the operator is unchanged
    qualitative := anything else (达标, 有效提升, 好)          -> text kept, value null

The operator printed with the value (prefix or suffix word) is returned in ``operator``; a cell
prints at most one. The unit column of the form (度量单位), when present, wins over a unit printed
in the cell. The words are data: normalize/data/indicator_value_words.yaml and
indicator_operators.yaml. A % value written as a fraction (0.95 among whole percentages) is
decided per form by the interpreter (extract/interpreters/selfeval/indicators.py), not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from normalize.text import fold

_DIR = Path(__file__).parent / "data"
_OPERATORS = _DIR / "indicator_operators.yaml"
_WORDS = _DIR / "indicator_value_words.yaml"
_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+"
_NUM = re.compile(rf"^({_NUMBER})(亿|万|千)?(.*)$")
_MULT = {"万": 1e4, "亿": 1e8, "千": 1e3}
_MONEY_AFTER_MULT = ("元",)


@dataclass
class IndicatorValue:
    raw: str | None
    value: float | None = None
    unit: str | None = None
    operator: str | None = None  # a comparison word printed with the value (大于 90%, 95%以上)
    masked: bool = False  # ** in place of the number
    qualitative: bool = False  # text without a number (达标, 作用明显, ✓)
    low: float | None = None  # a range's bounds (3-5天); value stays null
    high: float | None = None
    inclusive: bool = False  # a (含) note: the bound itself counts
    mark: bool = False  # a check mark (✓): done


@lru_cache(maxsize=1)
def _operators() -> list[tuple[str, str]]:
    data = yaml.safe_load(_OPERATORS.read_text(encoding="utf-8"))
    pairs = [(fold(str(w)), str(op)) for op, words in data.items() for w in words]
    return sorted(pairs, key=lambda p: -len(p[0]))


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(_WORDS.read_text(encoding="utf-8"))
    suffixes = [(fold(str(w)), str(op)) for op, words in data["suffix_operators"].items() for w in words]
    data["_suffixes"] = sorted(suffixes, key=lambda p: -len(p[0]))
    data["_empty"] = {fold(str(w)) for w in data["empty_cells"]}
    data["_marks"] = {fold(str(w)) for w in data["check_marks"]}
    data["_notes"] = sorted((fold(str(w)) for w in data["inclusive_notes"]), key=len, reverse=True)
    seps = "|".join(re.escape(fold(str(s))) for s in data["range_separators"])
    data["_range"] = re.compile(rf"^({_NUMBER})(?:{seps})({_NUMBER})(.*)$")
    return data


def _fold_value(text: str | None) -> str:
    s = fold(text or "")
    for m in _words()["minus_signs"]:
        s = s.replace(str(m), "-")
    return s


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


def _strip_note(s: str) -> tuple[bool, str]:
    for note in _words()["_notes"]:
        if s.endswith(note):
            return True, s[: -len(note)]
    return False, s


def _strip_suffix_operator(rest: str) -> tuple[str | None, str]:
    for word, op in _words()["_suffixes"]:
        if rest.endswith(word):
            return op, rest[: -len(word)]
    return None, rest


_ALTERNATIVE_UNIT = re.compile(r"^([^()（）]+)[（(]([^()（）]+)[）)]$")


def _unit_from_rest(rest: str) -> tuple[bool, str | None]:
    """(is a clean unit, unit) for the text after a number (suffix operator already removed)."""
    for w in _words()["approximate_words"]:
        if rest.startswith(w):
            rest = rest[len(w) :]
        if rest.endswith(w):
            rest = rest[: -len(w)]
    if not rest:
        return True, None
    alt = _ALTERNATIVE_UNIT.match(rest)  # 台（套）, 人（次）: a unit and its other name in brackets
    if alt and all(_unit_from_rest(x) == (True, x) for x in alt.groups()):
        return True, rest
    if re.search(r"[\d,，。；;、:：()（）]", rest):
        return False, None
    parts = rest.split("/")  # 元/平方米, 个/标段: a unit per unit
    if len(parts) > 2 or any(not x or len(x) > int(_words()["max_unit_length"]) for x in parts):
        return False, None
    return True, rest


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _range(s: str, out: IndicatorValue, hint: str | None) -> bool:
    m = _words()["_range"].match(s)
    if not m:
        return False
    low, high, rest = _number(m.group(1)), _number(m.group(2)), m.group(3)
    ok, unit = _unit_from_rest(rest)
    if not ok or low > high:
        return False
    out.low, out.high, out.unit = low, high, hint or unit
    return True


def parse_indicator_value(text: str | None, unit_hint: str | None = None) -> IndicatorValue:
    """One target or actual cell; ``unit_hint`` is the 度量单位 column when the form has one."""
    out = IndicatorValue(raw=text)
    s = _fold_value(text)
    hint = fold(unit_hint or "") or None
    if s in _words()["_empty"]:
        return out
    if "*" in s:
        out.masked = True
        return out
    if s in _words()["_marks"]:
        out.qualitative = out.mark = True
        return out
    out.inclusive, s = _strip_note(s)
    op, body = _strip_operator(s)
    if _range(body, out, hint):
        out.operator = op
        return out
    m = _NUM.match(body)
    if not m:  # words: the operator printed before them still bounds them (不超过年初预算: <=)
        out.qualitative = True
        out.operator = op
        return out
    number, mult, rest = m.group(1), m.group(2), m.group(3)
    value = _number(number)
    if mult and rest.startswith(_MONEY_AFTER_MULT):  # 6.25万元: a money unit, not a multiplier
        rest = mult + rest
        mult = None
    suffix_op, rest = _strip_suffix_operator(rest)
    ok, unit = _unit_from_rest(rest)
    if not ok:
        out.qualitative = True
        return out
    if mult:
        value *= _MULT[mult]
    out.value = round(value, 6)
    out.unit = hint or _words()["unit_synonyms"].get(unit, unit)
    out.operator = op or suffix_op
    return out


_POINTS = re.compile(r"^([+-]?\d+(?:\.\d+)?)分?$")


def parse_points(text: str | None) -> float | None:
    """A weight or score cell: "10", "9.5", "10分", "9.5 分" -> the number; anything else None."""
    m = _POINTS.match(fold(text or ""))
    return float(m.group(1)) if m else None
