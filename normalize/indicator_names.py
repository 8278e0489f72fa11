"""Canonical indicator names (name_canonical), to join one indicator across years and agencies.

Steps: width, white space, numbering (1. （一） ①) and brackets folded, a cut-off mark (…) dropped;
then the reviewed mapping ``data/indicator_names.tsv``: whole-name entries first, then token rules
on the jieba tokens of the name (domain dictionary ``data/domain_dict.txt``: 满意率 -> 满意度,
比率 -> 率); a token printed twice in a row (群众群众) is kept once, and a name cut off inside
满意度 (…群众满, …满意) takes 满意度.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from normalize.jieba_domain import tokens
from normalize.text import nfkc

_TSV = Path(__file__).with_name("data") / "indicator_names.tsv"
_NUMBERING = re.compile(r"^[（(]?[0-9一二三四五六七八九十]+[)）、.．]\s*|^[①②③④⑤⑥⑦⑧⑨⑩]\s*")
_DROP = re.compile(r"[\s\u3000（）()【】\[\]“”\"'‘’《》…]+|\.{3,}$")


@dataclass(frozen=True)
class _Mapping:
    names: dict[str, str]
    tokens: dict[str, str]
    satisfied: tuple[str, ...]  # who is satisfied (群众, 服务对象): "…群众满" is cut off inside 满意度


@lru_cache(maxsize=1)
def _mapping() -> _Mapping:
    with _TSV.open(encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    names: dict[str, str] = {}
    toks: dict[str, str] = {}
    satisfied: list[str] = []
    for r in csv.DictReader(lines, delimiter="\t"):
        if r["kind"] == "satisfied":
            satisfied.append(r["from"])
        else:
            (names if r["kind"] == "name" else toks)[r["from"]] = r["to"]
    return _Mapping(names, toks, tuple(satisfied))


def fold_name(raw: str) -> str:
    """Width, white space, numbering, brackets and a cut-off mark folded (no vocabulary)."""
    s = _NUMBERING.sub("", (raw or "").strip())  # before NFKC, which turns ① into 1
    s = nfkc(s).strip()
    s = _NUMBERING.sub("", s)
    return _DROP.sub("", s)


@lru_cache(maxsize=8192)
def canonical_name(raw: str) -> str:
    s = fold_name(raw)
    m = _mapping()
    if s in m.names:
        return m.names[s]
    if not s:
        return s
    toks = [m.tokens.get(t, t) for t in tokens(s)]
    toks = [t for i, t in enumerate(toks) if i == 0 or t != toks[i - 1] or len(t) < 2]  # 群众群众 -> 群众
    joined = "".join(toks)
    # a cell cut off inside 满意度: …满意, or …群众满 (not 圆满, 饱满: a lone 满 is a word)
    if joined.endswith("满意"):
        joined = joined.removesuffix("满意") + "满意度"
    elif joined.endswith(tuple(w + "满" for w in m.satisfied)):
        joined = joined.removesuffix("满") + "满意度"
    return m.names.get(joined, joined)
