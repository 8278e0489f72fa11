"""A page's content lines: its text without page furniture (the vocabulary is
:mod:`normalize.furniture`; page numbers count only among a page's first and last ``EDGE_LINES``)."""

from __future__ import annotations

from normalize.furniture import is_furniture

# how many non-empty lines at the top and at the bottom of a page may be page furniture
EDGE_LINES = 2


def content_lines(page_text: str) -> list[str]:
    """The page's stripped lines without furniture (page numbers only at the page's edges)."""
    lines = [ln.strip() for ln in page_text.splitlines()]
    filled = [i for i, ln in enumerate(lines) if ln]
    edge = set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])
    return [ln for i, ln in enumerate(lines) if ln and not is_furniture(ln, at_edge=i in edge)]
