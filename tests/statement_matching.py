"""A small matcher of extracted statement rows against gold rows (for the accuracy test).

Names match after removing white space and punctuation and NFKC folding: equal, one
containing the other, or a difflib ratio >= 0.85. Numbers match within 0.011. The
measure matches through the synonyms SCHEMA.md declares (预算数 = 全年预算数, 决算数 = 全年执行数).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

from govperf.records import BudgetRow

_PUNCT = re.compile(r"[\s\u3000,，。.、:：;；!！?？()（）\[\]【】“”\"'‘’《》<>〈〉·・\-—_/\\|]+")
_MEASURE_SYNONYMS = {
    "全年预算数": ("预算数", "全年预算数", "本年预算数", "预算金额", "调整后预算数"),
    "全年执行数": ("执行数", "全年执行数", "决算数", "本年决算数", "实际支出", "支出决算数"),
}


def norm(text: str | None) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text or "")).lower()


def names_match(gold: str | None, out: str | None) -> bool:
    g, o = norm(gold), norm(out)
    if not g:
        return True
    if not o:
        return False
    return g == o or g in o or o in g or difflib.SequenceMatcher(None, g, o).ratio() >= 0.85


def measure_key(measure: str | None) -> str:
    m = norm(measure)
    for canon, names in _MEASURE_SYNONYMS.items():
        if m in {norm(n) for n in names}:
            return canon
    return m


def row_matches(gold: dict[str, Any], out: BudgetRow) -> bool:
    if gold.get("line_code") and gold["line_code"] != out.line_code:
        return False
    if gold.get("measure") and measure_key(gold["measure"]) != measure_key(out.measure):
        return False
    if not names_match(gold.get("statement"), out.statement):
        return False
    if not names_match(gold.get("line_name"), out.line_name):
        return False
    return gold.get("amount_wan") is None or abs(float(gold["amount_wan"]) - out.amount_wan) <= 0.011


def recall(gold_rows: list[dict[str, Any]], out_rows: list[BudgetRow]) -> tuple[int, int]:
    """(gold rows found, gold rows) with greedy one-to-one matching."""
    used: set[int] = set()
    found = 0
    for g in gold_rows:
        for i, o in enumerate(out_rows):
            if i not in used and row_matches(g, o):
                used.add(i)
                found += 1
                break
    return found, len(gold_rows)
