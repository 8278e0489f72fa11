"""Page furniture: page numbers, running tags, 公开NN表 labels (patterns in data/page_furniture.txt)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_PATTERNS_FILE = Path(__file__).with_name("data") / "page_furniture.txt"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    lines = [
        ln.strip()
        for ln in _PATTERNS_FILE.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.lstrip().startswith("#")
    ]
    return re.compile("|".join(f"(?:{p})" for p in lines))


def is_furniture(line: str) -> bool:
    s = line.strip()
    return not s or _pattern().fullmatch(s) is not None


def strip_furniture(text: str) -> str:
    return "\n".join(ln for ln in text.splitlines() if not is_furniture(ln))
