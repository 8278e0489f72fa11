"""Numbers as printed in Chinese reports -> floats.

Handles thousands separators (1,831.00), full-width digits and signs (１２３，－５),
percent signs, a leading sign, and the "zero" spellings of statements ("-", "—", "0.00").
Blank is not zero: a blank cell parses to None.
"""

from __future__ import annotations

import re

from normalize.text import fold

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_DASHES = {"-", "—", "–", "－", "--", "——", "―"}


def is_zero_dash(text: str | None) -> bool:
    return text is not None and fold(text) in _DASHES


def parse_number(text: str | None) -> float | None:
    """A plain number cell: '1,831.00' -> 1831.0, '-' -> 0.0, '' -> None, '88.3%' -> 88.3.

    Returns None for anything that is not a number (text, masked '**').
    """
    if text is None:
        return None
    s = fold(text)
    if not s:
        return None
    if s in _DASHES:
        return 0.0
    s = s.replace(",", "").replace("，", "")
    if s.endswith("%"):
        s = s[:-1]
    if s.startswith("(") and s.endswith(")"):  # accounting negative
        s = "-" + s[1:-1]
    if _NUMBER.match(s):
        return float(s)
    return None


def to_wan(amount: float, unit: str | None) -> float:
    """Convert an amount printed in ``unit`` (元, 万元, 千元, 亿元) to 万元."""
    u = fold(unit or "万元")
    factor = {"元": 1e-4, "千元": 1e-1, "万元": 1.0, "亿元": 1e4, "百万元": 100.0}.get(u)
    if factor is None:
        raise ValueError(f"unknown money unit {unit!r}")
    return round(amount * factor, 6)
