"""Word boxes as pdfplumber gives them, for tests that typeset a page by hand: type ``size`` points
high (10 unless told), a CJK character as wide as the type is high, a digit, point or comma (any
ASCII) half as wide."""

from __future__ import annotations

from typing import Any

CHAR = 10.0  # width and height of one CJK character at the default size
DIGIT = 5.0  # width of a digit, a point or a comma at the default size


def width(text: str, size: float = CHAR) -> float:
    return sum(size / 2 if ch.isascii() else size for ch in text)


def left(text: str, x0: float, top: float, size: float = CHAR) -> dict[str, Any]:
    """A word set flush left at ``x0``."""
    return {"text": text, "x0": x0, "x1": x0 + width(text, size), "top": top, "bottom": top + size}


def right(text: str, x1: float, top: float, size: float = CHAR) -> dict[str, Any]:
    """A word set flush right at ``x1``."""
    return left(text, x1 - width(text, size), top, size)
