"""Running heads and feet: a line printed at the top or foot of most pages (the report's title,
the agency's name) is page furniture wherever the layout puts it in the text layer.

A line counts when it stands among the first or last ``EDGE_LINES`` content lines of at least
``MIN_PAGES`` pages and of at least ``MIN_SHARE`` of the readable pages.
"""

from __future__ import annotations

from collections import Counter

from extract.text.furniture import EDGE_LINES, content_lines
from model.pages import PageText
from normalize.text import no_space

MIN_PAGES = 3
MIN_SHARE = 0.5


def running_lines(pages: list[PageText]) -> set[str]:
    """The lines (white space removed) that repeat at the edges of most pages."""
    readable = [p for p in pages if not p.garbled]
    if len(readable) < MIN_PAGES:
        return set()
    counts: Counter[str] = Counter()
    for p in readable:
        lines = content_lines(p.text)
        counts.update({no_space(ln) for ln in lines[:EDGE_LINES] + lines[-EDGE_LINES:]})
    need = max(MIN_PAGES, MIN_SHARE * len(readable))
    return {k for k, n in counts.items() if n >= need and k}


def is_running(line: str, running: set[str]) -> bool:
    return bool(running) and no_space(line) in running
