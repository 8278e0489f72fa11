"""Self-evaluation table vocabulary (extract/data/selfeval_vocab.yaml) and cell text helpers."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from model.tables import Cell
from normalize.indicator_values import parse_points
from normalize.numbers import parse_number
from normalize.text import fold

_DATA = Path(__file__).parent / "data" / "selfeval_vocab.yaml"
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])\s*\n\s*|\s*\n\s*(?=[{_CJK}])")
_BRACKET_TAIL = re.compile(r"[（(][^（()）]*[)）]$")


@lru_cache(maxsize=1)
def vocab() -> dict[str, Any]:
    return yaml.safe_load(_DATA.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def join_lines(text: Cell) -> str:
    """A cell's text with its line breaks removed: CJK lines join without a space."""
    if not text:
        return ""
    s = _CJK_BREAK.sub("", text.strip())
    return re.sub(r"\s*\n\s*", " ", s).strip()


def key(text: Cell) -> str:
    """A cell folded for vocabulary lookups: NFKC, no white space, no trailing (A)/(40分)/(万元)."""
    s = fold(text)
    for _ in range(3):
        t = _BRACKET_TAIL.sub("", s)
        if t == s:
            break
        s = t
    return s.rstrip(":：")


def first_text(row: list[Cell]) -> tuple[int, str]:
    """Index and key of the row's first non-empty cell (-1, '' if none)."""
    for i, c in enumerate(row):
        if c and c.strip():
            return i, key(c)
    return -1, ""


def texts(row: list[Cell]) -> list[tuple[int, str]]:
    return [(i, c) for i, c in enumerate(row) if c and c.strip()]


@lru_cache(maxsize=8192)  # asked of every header-like cell of every row; a pure function of the text
def column_role(cell: Cell) -> str | None:
    """The indicator-table role named by a header cell (name, target, actual, weight, ...): an
    exact word of any role first, then a heading starting with a word, then one containing a
    word of three or more characters (selfeval_vocab.yaml: indicator_columns)."""
    k = key(cell)
    if not k:
        return None
    columns = vocab()["indicator_columns"]
    for role, words in columns:
        if k in words:
            return str(role)
    for role, words in columns:
        if any(len(k) <= len(w) + 8 and k.startswith(w) for w in words):
            return str(role)
    for role, words in columns:
        if any(w in k for w in words if len(w) >= 3):
            return str(role)
    return None


def in_list(cell_key: str, name: str) -> bool:
    return cell_key in vocab()[name]


def points_of(cell: Cell) -> float | None:
    """A 分值/得分 cell: a number, also printed with 分 (10分, 9.5 分)."""
    got = parse_number(cell)
    return got if got is not None else parse_points(cell)
