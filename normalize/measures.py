"""Canonical measure names for statement columns (vocabulary in data/measures.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from normalize.text import fold

_DATA = Path(__file__).with_name("data") / "measures.yaml"
_YEAR = re.compile(r"^\d{4}\s*年\s*度?")


@dataclass(frozen=True)
class MeasureVocabulary:
    canonical: dict[str, str]  # folded printed header -> canonical
    plain_amount: frozenset[str]
    budget_default: str
    final_default: str
    suffixes: tuple[str, ...]
    totals: frozenset[str]
    not_amounts: tuple[str, ...]  # headers of columns without money (rates, quantities, descriptors)


@lru_cache(maxsize=1)
def vocabulary() -> MeasureVocabulary:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    canonical: dict[str, str] = {}
    for canon, printed in data["synonyms"].items():
        for p in printed:
            canonical[fold(p)] = canon
    return MeasureVocabulary(
        canonical=canonical,
        plain_amount=frozenset(fold(x) for x in data["plain_amount"]),
        budget_default=data["budget_default"],
        final_default=data["final_default"],
        suffixes=tuple(sorted((fold(x) for x in data["measure_suffixes"]), key=len, reverse=True)),
        totals=frozenset(data["total_measures"]),
        not_amounts=tuple(fold(x) for group in (data.get("not_amounts") or {}).values() for x in group),
    )


def default_measure(statement: str | None) -> str:
    """The measure of a plain 金额 column: 决算 statements report execution, the rest budgets."""
    v = vocabulary()
    return v.final_default if statement and "决算" in statement else v.budget_default


def is_plain_amount(label: str) -> bool:
    return fold(label) in vocabulary().plain_amount


def is_measure_label(label: str) -> bool:
    """A header that names a measure of amounts (预算数, 决算数), not an item."""
    f = fold(label)
    return f in vocabulary().suffixes or f in vocabulary().plain_amount


def is_printed_measure(label: str) -> bool:
    """``label`` is a column header the vocabulary lists (一般公共预算财政拨款, 本年支出合计)."""
    return _YEAR.sub("", fold(label)) in vocabulary().canonical


def canonical_measure(label: str, statement: str | None = None) -> str:
    """The canonical measure of a column header (金额 -> the statement's default)."""
    f = _YEAR.sub("", fold(label))
    if not f or f in vocabulary().plain_amount:
        return default_measure(statement)
    return vocabulary().canonical.get(f, f)


def is_total_measure(measure: str) -> bool:
    return measure in vocabulary().totals


def split_measure_suffix(label: str) -> tuple[str, str | None]:
    """'2024年“三公”经费预算数' -> ('“三公”经费', '预算数'); no suffix -> (label, None)."""
    f = _YEAR.sub("", fold(label))
    for suf in vocabulary().suffixes:
        if f.endswith(suf) and len(f) > len(suf):
            return f[: -len(suf)], suf
    return f, None


_NOTE = re.compile(r"[(（][^)）]*[)）]$")


def is_not_amount_label(label: str) -> bool:
    """A header of a column that holds no money: a rate (执行率, 预算执行率（%）), a quantity (数量),
    a descriptor of the item (采购目录)."""
    f = _NOTE.sub("", fold(label))
    return bool(f) and (f.endswith(vocabulary().not_amounts) or f in ("%", "‰"))
