"""jieba with the project's domain dictionary (data/domain_dict.txt), loaded once, lazily.

jieba's first initialisation costs about a second; it happens on the first call in a process.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

_DICT = Path(__file__).with_name("data") / "domain_dict.txt"


def domain_words() -> list[str]:
    words: list[str] = []
    for line in _DICT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line.split()[0])
    return words


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    for line in _DICT.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            jieba.add_word(parts[0], freq=freq, tag=parts[2] if len(parts) > 2 else None)
    return jieba


def tokens(text: str) -> list[str]:
    """jieba tokens of ``text`` (precise mode), domain terms kept whole."""
    return [t for t in _jieba().lcut(text) if t.strip()]


def keywords(text: str, top: int = 8) -> list[str]:
    """Top TF-IDF terms of ``text`` (jieba.analyse), numbers and single characters left out."""
    _jieba()
    import jieba.analyse

    out: list[str] = []
    for t in jieba.analyse.extract_tags(text, topK=top * 2):
        if len(t) > 1 and not any(c.isdigit() for c in t):
            out.append(t)
        if len(out) == top:
            break
    return out
