"""Word boxes as pdfplumber gives them, for tests that typeset a page by hand: type 10 points high, a
CJK character 10 points wide, a digit, point or comma (any ASCII) half as wide."""

from __future__ import annotations

from typing import Any

CHAR = 10.0  # width and height of one CJK character
DIGIT = 5.0  # width of a digit, a point or a comma


def width(text: str) -> float:
    return sum(DIGIT if ch.isascii() else CHAR for ch in text)


def left(text: str, x0: float, top: float) -> dict[str, Any]:
    """A word set flush left at ``x0``."""
    return {"text": text, "x0": x0, "x1": x0 + width(text), "top": top, "bottom": top + CHAR}


def right(text: str, x1: float, top: float) -> dict[str, Any]:
    """A word set flush right at ``x1``."""
    return left(text, x1 - width(text), top)
