"""The page-furniture vocabulary: page numbers, running tags, 公开NN表 labels (patterns in
data/page_furniture.txt).

Page-number patterns count only among a page's first and last lines (``at_edge``); tag patterns
count anywhere.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_PATTERNS_FILE = Path(__file__).with_name("data") / "page_furniture.txt"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    groups: dict[str, list[str]] = {"edge": [], "anywhere": []}
    group = "anywhere"
    for ln in _PATTERNS_FILE.read_text(encoding="utf-8").splitlines():
        s = ln.strip()
        if not s or s.startswith("#"):
            continue
        if s in ("[edge]", "[anywhere]"):
            group = s[1:-1]
            continue
        groups[group].append(s)
    return {g: re.compile("|".join(f"(?:{p})" for p in ps) or r"(?!)") for g, ps in groups.items()}


def is_furniture(line: str, at_edge: bool = True) -> bool:
    """Whether ``line`` is furniture; ``at_edge``: it stands among the first or last lines of its page."""
    s = line.strip()
    if not s:
        return True
    p = _patterns()
    return p["anywhere"].fullmatch(s) is not None or (at_edge and p["edge"].fullmatch(s) is not None)


def strip_furniture(text: str) -> str:
    """A short text between tables or at a page's edge, without its furniture lines."""
    return "\n".join(ln for ln in text.splitlines() if not is_furniture(ln))
