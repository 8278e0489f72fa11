"""Canonical 一级指标 / 二级指标 names (data: normalize/data/indicator_levels.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from normalize.text import fold

_DATA = Path(__file__).parent / "data" / "indicator_levels.yaml"
_WEIGHT = re.compile(r"[（(][^（()）]*[)）]$")
_NUMBERING = re.compile(r"^[（(]?[0-9一二三四五六七八九十]+[)）、.．]")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _vocab() -> dict[str, object]:
    return yaml.safe_load(_DATA.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def clean_label(raw: str | None) -> str:
    """Fold, drop white space, numbering and a trailing bracketed weight such as (40分)."""
    s = fold(raw)
    s = _NUMBERING.sub("", s)
    while True:
        t = _WEIGHT.sub("", s)
        if t == s:
            return s
        s = t


def _lookup(s: str, table: dict[str, list[str]]) -> str | None:
    if not s:
        return None
    for canon, syns in table.items():
        if s == canon or s in (syns or []):
            return canon
    if len(s) >= 3:  # a label cut by a page break: 项目完成指 -> 项目完成指标
        for canon, syns in table.items():
            if any(x.startswith(s) for x in [canon, *(syns or [])]):
                return canon
    return None


def canonical_level1(raw: str | None) -> str | None:
    return _lookup(clean_label(raw), _vocab()["level1"])  # type: ignore[arg-type]


def canonical_level2(raw: str | None) -> str | None:
    s = clean_label(raw)
    hit = _lookup(s, _vocab()["level2"])  # type: ignore[arg-type]
    if hit:
        return hit
    for key, canon in (_vocab()["level2_contains"] or {}).items():  # type: ignore[attr-defined]
        if s and key in s:
            return str(canon)
    return None


def level2_one_character_off(raw: str | None) -> str | None:
    """The canonical level 2 of the one spelling in the vocabulary (canonical or synonym, four
    characters or more) that ``raw`` matches but for one character in place (时效指局 for 时效指标: a
    seal's 局 read over the 标 of type); None when no spelling, or more than one canonical, is so
    near, or when ``raw`` is a level 2 as it stands."""
    s = clean_label(raw)
    if len(s) < 4 or canonical_level2(s):
        return None
    near = {canon for canon, syns in _vocab()["level2"].items()  # type: ignore[attr-defined]
            for w in [canon, *(syns or [])]
            if len(w) == len(s) and sum(a != b for a, b in zip(w, s, strict=True)) == 1}
    return near.pop() if len(near) == 1 else None


def level1_of_level2(level2: str | None) -> str | None:
    if not level2:
        return None
    got = (_vocab()["level1_of_level2"] or {}).get(level2)  # type: ignore[attr-defined]
    return str(got) if got else None


def is_level_name(text: str, level: int) -> bool:
    """``text`` is exactly a level-1 (or level-2) name or synonym (no prefix or word matching)."""
    s = clean_label(text)
    table = _vocab()["level1" if level == 1 else "level2"]
    return any(s == canon or s in (syns or []) for canon, syns in table.items())  # type: ignore[attr-defined]


def is_not_indicator_level1(raw: str | None) -> bool:
    """A level-1 block of the evaluation framework that is not performance (项目决策, 过程, 项目管理):
    the rows under it are not indicators."""
    s = clean_label(raw)
    return bool(s) and s in (_vocab()["not_indicator_level1"] or [])  # type: ignore[operator]


def is_not_indicator_level2(raw: str | None) -> bool:
    """A level-2 block of a level-1 block that is not performance (项目立项 under 决策, 组织实施 under
    过程): the rows under it are not indicators."""
    s = clean_label(raw)
    return bool(s) and s in (_vocab()["not_indicator_level2"] or [])  # type: ignore[operator]


def four_level_level1(level2: str | None) -> str | None:
    """The level 1 a level 2 takes when the form uses the four-level scheme (满意度 under 效益)."""
    got = (_vocab()["level1_in_four_level_scheme"] or {}).get(level2 or "")  # type: ignore[attr-defined]
    return str(got) if got else None


@lru_cache(maxsize=1)
def _level_words() -> re.Pattern[str]:
    """The words an indicator form is made of: the level names and synonyms that end in 指标
    (效益指标, 数量指标, 服务对象满意度指标…), also cut before their last character by a line break
    (经济效益指|标; only a long one: 完成指定 is prose), and the level-2 names of four characters or
    more without it (经济效益, 社会效益, 服务对象满意度); a bare 产出, 效益 or 成本 is everyday prose."""
    words: set[str] = set()
    for level in ("level1", "level2"):
        for canon, syns in _vocab()[level].items():  # type: ignore[attr-defined]
            for w in [canon, *(syns or [])]:
                if w.endswith("指标"):
                    words.update((w, w[:-1]) if len(w) >= 6 else (w,))  # 完成指|定 is prose
                elif level == "level2" and len(w) >= 4:
                    words.add(w)
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def names_a_level(text: str) -> bool:
    """``text`` holds the name of an indicator level (一级/二级指标) anywhere in it."""
    return _level_words().search(fold(text)) is not None
