"""One page of a document's text layer, as every reader and interpreter sees it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(kw_only=True)
class PageText:
    number: int  # 1-based
    text: str
    width: float
    height: float
    garbled: bool = False
    bad_chars: int = 0
    paths: int = -1  # path objects drawn (lines, rectangles: rulings); -1 when not counted
    images: int = -1  # image objects drawn (a scan); -1 when not counted (a page with text enough)
    ocr: bool = False  # the text was read by OCR (the page has no text layer)
