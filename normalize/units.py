"""The one unit grammar: where a money unit is printed and what it says.

**What a unit says.** A unit is one of the decimal money units of ``data/units.yaml`` (元, 千元,
万元, 百万元, 亿元, …), optionally preceded by 人民币 (``人民币万元``) and printed in full-width
or half-width forms. :func:`money_unit` reads one; :func:`wan_factor` gives its size in 万元.

**Where a unit is printed**, most specific first (a reader takes the first one found):

1. a **cell suffix**: ``1,234.50元``, ``12.5万元`` — :func:`split_unit_suffix`;
2. a **column header**: ``金额（元）``, ``金额（单位：万元）``, ``决算数(万元)``, ``项目资金（万元）`` —
   :func:`header_unit` (the label without the unit, and the unit); a block label with the unit in
   brackets among other notes, ``预算执行情况（万元）（20分）`` — :func:`label_unit`;
3. a **declaration** in the title area (a line above the table, a title row or header cell inside
   it): ``单位：万元``, ``单位:元``, ``单位（元）``, ``金额单位：千元``, ``（单位：人民币万元）`` —
   :func:`declared_unit`. ``编制单位：某某局`` is an agency, not a unit: the unit word must follow
   the declaration directly.

A unit none of these gives is **unknown**: the reader says so (an issues row) and decides by
evidence, never by the size of the amounts alone (see extract.interpreters.statements.units).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from normalize.text import fold, nfkc

_DATA = Path(__file__).with_name("data") / "units.yaml"


@dataclass(frozen=True)
class UnitVocabulary:
    factors: dict[str, float]  # unit -> its size in 万元
    prefixes: tuple[str, ...]
    aliases: dict[str, str]
    declaration: re.Pattern[str]  # 单位：万元 / 单位（元） anywhere in a folded text
    header: re.Pattern[str]  # 金额（元） / 金额（单位：万元） at the end of a folded label
    suffix: re.Pattern[str]  # 1,234.00元 in a folded cell
    bracketed: re.Pattern[str]  # （万元） anywhere in a folded label: 预算执行情况（万元）（20分）


def _unit_alternatives(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def vocabulary() -> UnitVocabulary:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    factors = {fold(k): float(v) for k, v in data["money_units"].items()}
    aliases = {fold(k): fold(v) for k, v in (data.get("unit_aliases") or {}).items()}
    prefixes = tuple(fold(p) for p in data.get("unit_prefixes") or ())
    pre = f"(?:{_unit_alternatives(list(prefixes))})?" if prefixes else ""
    full = _unit_alternatives(list(factors))  # whole names only in free text (no bare 万)
    with_alias = _unit_alternatives(list(factors) + list(aliases))
    words = _unit_alternatives([fold(w) for w in data["declaration_words"]])
    declaration = re.compile(
        rf"(?:{words})\s*(?::\s*(?P<a>{pre}(?:{full}))(?:(?![\u4e00-\u9fff])|(?=公开|表))|\(\s*(?P<b>{pre}(?:{with_alias}))\s*\))"
    )
    header = re.compile(
        rf"^(?P<label>.*?)\((?:(?:{words}):?)?(?P<unit>{pre}(?:{with_alias}))\)$"
    )
    suffix = re.compile(rf"^(?P<number>.*?\d[%‰]?\)?)(?P<unit>{pre}(?:{full}))$")
    bracketed = re.compile(rf"\((?:(?:{words}):?)?(?P<unit>{pre}(?:{with_alias}))\)")
    return UnitVocabulary(factors=factors, prefixes=prefixes, aliases=aliases, declaration=declaration,
                          header=header, suffix=suffix, bracketed=bracketed)


def money_unit(text: str | None) -> str | None:
    """The canonical unit a printed unit says: '人民币万元' -> '万元', '（元）' -> '元'; else None."""
    v = vocabulary()
    s = fold(text).strip("()")
    for p in v.prefixes:
        if s.startswith(p) and len(s) > len(p):
            s = s[len(p):]
    s = v.aliases.get(s, s)
    return s if s in v.factors else None


def wan_factor(unit: str | None) -> float | None:
    """The size of ``unit`` in 万元 (元 -> 0.0001), or None for a unit that is not money."""
    u = money_unit(unit)
    return None if u is None else vocabulary().factors[u]


def declared_unit(text: str | None) -> str | None:
    """The unit a declaration in ``text`` prints (单位：万元, 单位（元）); the last one wins. None if none."""
    found = list(vocabulary().declaration.finditer(nfkc(text)))
    if not found:
        return None
    m = found[-1]
    return money_unit(m.group("a") or m.group("b"))


def strip_declarations(text: str) -> str:
    """``text`` (folded) without the unit declarations it prints (单位：万元, 单位(元))."""
    return vocabulary().declaration.sub("", text)


def header_unit(label: str | None) -> tuple[str, str | None]:
    """A column header's unit: '金额（元）' -> ('金额', '元'); '金额（单位：万元）' -> ('金额', '万元');
    a header without one -> (the folded label, None)."""
    s = fold(label)
    m = vocabulary().header.match(s)
    if m is None:
        unit = declared_unit(s)
        if unit is not None:  # "单位：万元" alone in a header cell
            return vocabulary().declaration.sub("", s).strip("()"), unit
        return s, None
    return m.group("label"), money_unit(m.group("unit"))


def label_unit(label: str | None) -> str | None:
    """The unit a header label or block label prints, at its end or in brackets anywhere in it:
    '金额（元）', '预算执行情况（万元）（20分）' -> the unit; None if it prints none."""
    _, unit = header_unit(label)
    if unit is not None:
        return unit
    m = vocabulary().bracketed.search(fold(label))
    return money_unit(m.group("unit")) if m else None


def is_unit_header(label: str | None) -> bool:
    """A column header printing its unit in brackets after its label: 金额（元）, 金额（单位：万元）."""
    m = vocabulary().header.match(fold(label))
    return m is not None and bool(m.group("label"))


def split_unit_suffix(cell: str | None) -> tuple[str, str | None]:
    """A cell's amount text and the unit printed after it: '1,234.50元' -> ('1,234.50', '元')."""
    s = fold(cell)
    m = vocabulary().suffix.match(s)
    if m is None:
        return s, None
    return m.group("number"), money_unit(m.group("unit"))


def money_unit_pattern() -> str:
    """A regular expression alternation of the printed money units (人民币万元, 亿元, …, 元), longest
    first, for readers that find amounts in running text; :func:`money_unit` reads a match."""
    v = vocabulary()
    pre = f"(?:{_unit_alternatives(list(v.prefixes))})?" if v.prefixes else ""
    return f"{pre}(?:{_unit_alternatives(list(v.factors))})"
