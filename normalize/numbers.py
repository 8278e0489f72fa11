"""The one number grammar: numbers as printed in Chinese reports -> floats.

A printed number is, in order (white space anywhere is ignored; full-width forms are folded
first, so ``２０１``, ``１，２３４．５０``, ``－５`` and ``（１２）`` read like their ASCII forms):

- an optional **sign**: ``+``, ``-``, ``−`` (U+2212 MINUS SIGN), ``﹣`` (small hyphen-minus), or
  ``△`` (the accountants' mark for a decrease / a negative: ``△5.00`` is -5.00);
- or the whole number in **parentheses** ``(12,000.00)`` / ``（12,000.00）``: a negative;
- **digits**, either plain (``1234.5``) or grouped by thousands with ``,`` (``1,234.50``): every group
  after the first has exactly three digits, and separators come before the decimal point only.
  ``12,34.5`` and ``73.033,81`` (European or misplaced separators) are **rejected**, not guessed;
- an optional **decimal part** (``.5``; a bare ``.5`` and a trailing ``5.`` are accepted);
- an optional **percent** ``%`` or **permille** ``‰`` sign: the number is returned in that unit
  (``88.3%`` -> 88.3), and :func:`read_number` says which sign it was.

The "zero" spellings of statements (``-``, ``—``, ``--``, ``―``) read as 0. Blank is not zero:
a blank cell is None. Text that is not a number (words, masks ``**``) is None; text that looks
like a number but breaks the grammar (misplaced separators) is None too, and
:func:`number_problem` says why, so a reader can report the rejected cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from normalize.text import fold
from normalize.units import wan_factor

_DASHES = frozenset({"-", "—", "–", "－", "--", "——", "―", "−"})
_NEGATIVE_MARKS = ("-", "\u2212", "\ufe63", "△")
# digits: plain, or thousands groups of exactly three after the first
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_BODY = re.compile(rf"^(?:{_DIGITS}(?:\.\d*)?|\.\d+)$")
# what a misplaced-separator number looks like: digits and separators only, at least one comma
_NUMBERISH = re.compile(r"^[\d.,]*\d[\d.,]*$")


# a figure as a form prints or a reader reads it, stray marks and all: digits, separators, percent signs,
# signs and dashes only
_FIGURE_LIKE = re.compile(r"^[\d.,，%+\-—–－]+$")


def figure_like(text: str, *, min_digits: int = 1) -> bool:
    """``text`` (blanks ignored) is made of digits, separators, percent signs, signs and dashes only,
    with at least ``min_digits`` digits: a figure, or a figure read with a stray mark (``4,062.22—``,
    a seal's stroke beside it) — not a number perhaps, but not words either. The one definition of
    "looks like a figure" for the readers of scanned cells and of fund blocks."""
    s = "".join(text.split())
    return bool(s) and bool(_FIGURE_LIKE.match(s)) and sum(ch.isdigit() for ch in s) >= max(1, min_digits)


@dataclass(frozen=True, kw_only=True)
class PrintedNumber:
    """A number read from its printed form."""

    value: float  # in the printed unit (88.3 for "88.3%")
    percent: str | None = None  # "%" or "‰" when printed with one
    negative: str | None = None  # how a negative was printed: "-", "−", "△", "()"
    grouped: bool = False  # thousands separators were printed
    decimals: int = 0  # digits after the decimal point


def is_zero_dash(text: str | None) -> bool:
    return text is not None and fold(text) in _DASHES


def _split_sign(s: str) -> tuple[str, str | None, bool]:
    """(body, negative mark, parenthesised) of a folded number text."""
    if len(s) > 2 and s[0] == "(" and s[-1] == ")":
        return s[1:-1], "()", True
    if s[0] == "+":
        return s[1:], None, False
    for mark in _NEGATIVE_MARKS:
        if s.startswith(mark):
            return s[len(mark):], mark, False
    return s, None, False


def read_number(text: str | None) -> PrintedNumber | None:
    """The number printed in ``text``, with how it was printed; None when it is not a number."""
    if text is None:
        return None
    s = fold(text)
    if not s:
        return None
    if s in _DASHES:
        return PrintedNumber(value=0.0)
    percent = None
    if s[-1] in "%‰":
        s, percent = s[:-1], s[-1]
    if not s:
        return None
    body, negative, _paren = _split_sign(s)
    if negative == "()" and body[:1] in _NEGATIVE_MARKS:  # (−5) is not a spelling of anything
        return None
    if not _BODY.match(body):
        return None
    digits = body.replace(",", "")
    value = float(digits)
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return PrintedNumber(value=-value if negative else value, percent=percent, negative=negative,
                         grouped="," in body, decimals=decimals)


def parse_number(text: str | None) -> float | None:
    """A plain number cell: '1,831.00' -> 1831.0, '-' -> 0.0, '' -> None, '88.3%' -> 88.3,
    '△5.00' / '−5.00' / '(5.00)' -> -5.0, '２０１' -> 201.0.

    Returns None for anything that is not a number (text, masked '**', misplaced separators).
    """
    n = read_number(text)
    return None if n is None else n.value


def number_problem(text: str | None) -> str | None:
    """Why a cell that looks like a number is not one (misplaced thousands separators), or None.

    Only cells made of digits, points and commas (and a sign) are judged: text is not a number
    and needs no reason.
    """
    if text is None or read_number(text) is not None:
        return None
    s = fold(text)
    if s[-1:] in ("%", "‰"):
        s = s[:-1]
    body, _neg, _paren = _split_sign(s) if s else ("", None, False)
    if not _NUMBERISH.match(body) or ("," not in body and body.count(".") <= 1):
        return None
    if body.count(".") > 1:
        return "more than one decimal point"
    if "." in body and body.index(".") < body.rindex(","):
        return "a thousands separator after the decimal point"
    return "thousands separators not in groups of three digits"


def to_wan(amount: float, unit: str | None) -> float:
    """Convert an amount printed in ``unit`` (元, 万元, 千元, 亿元, …) to 万元.

    ``unit`` None means 万元 (the caller has decided so). The units and their factors are the
    unit grammar's (:mod:`normalize.units`).
    """
    factor = wan_factor(unit or "万元")
    if factor is None:
        raise ValueError(f"unknown money unit {unit!r}")
    return round(amount * factor, 6)
