"""The project's own gold matcher (rules of shared/corpus/GOLD_FORMAT.md), for accuracy tests.

Names match after NFKC folding and removing white space and punctuation: equal, one
containing the other, or a difflib ratio >= 0.85. Numbers match within 0.011. A null in
the gold is not checked. Rows are matched greedily on their keys, the best-agreeing
output row first; precision counts only where the gold says the table is complete.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

_PUNCT = re.compile(r"[\s\u3000,，。.、:：;；!！?？()（）\[\]【】“”\"'‘’《》<>〈〉·・\-—_/\\|]+")
NUMERIC = {"score", "amount_wan", "target_value", "actual_value", "weight", "max_score"}
EXACT = {
    "scope",
    "funding_source",
    "grade",
    "operator",
    "target_unit",
    "actual_unit",
    "level1",
    "level2",
    "line_code",
}
KEYS = {
    "scores": ("scope", "project"),
    "budgets": ("scope", "project", "statement", "line_code", "line_name", "funding_source", "measure"),
    "indicators": ("scope", "project", "name"),
}
# an indicator row's compared fields (the gold format's), shared by every test that checks indicators
INDICATOR_VALUES = (
    "level1",
    "level2",
    "operator",
    "target_value",
    "target_unit",
    "actual_value",
    "actual_unit",
    "weight",
    "score",
)
VALUES = {
    "scores": ("score", "grade"),
    "budgets": ("amount_wan",),
    "indicators": INDICATOR_VALUES,
}
MEASURES = {
    "全年预算数": ("预算数", "全年预算数", "本年预算数", "预算金额", "调整后预算数"),
    "全年执行数": ("执行数", "全年执行数", "决算数", "本年决算数", "实际支出", "支出决算数"),
}


def is_null(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def norm(s: Any) -> str:
    if is_null(s):
        return ""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", str(s))).lower()


def names_match(gold: Any, out: Any) -> bool:
    g, o = norm(gold), norm(out)
    if not g or not o:
        return g == o
    if g == o or g in o or o in g:
        return True
    return difflib.SequenceMatcher(None, g, o).ratio() >= 0.85


def nums_match(gold: Any, out: Any) -> bool:
    if is_null(out):
        return False
    return abs(float(gold) - float(out)) <= max(0.011, 1e-6 * abs(float(gold)))


def _measure(s: Any) -> str:
    n = norm(s)
    for canon, syns in MEASURES.items():
        if n in {norm(x) for x in syns}:
            return canon
    return n


def field_ok(name: str, gold: Any, out: Any) -> bool:
    if is_null(gold):
        return True
    if name == "measure":
        return _measure(gold) == _measure(out)
    if name in NUMERIC:
        return nums_match(gold, out)
    if name in EXACT:
        return norm(gold) == norm(out)
    return names_match(gold, out)


def keys_ok(table: str, g: dict[str, Any], o: dict[str, Any]) -> bool:
    if is_null(g.get("project")) != is_null(o.get("project")):
        return False
    return all(field_ok(k, g.get(k), o.get(k)) for k in KEYS[table])


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    out: int = 0
    right: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.out if self.out else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def row_matches(table: str, g: dict[str, Any], o: dict[str, Any]) -> bool:
    """One output row matches one gold row: keys and every checked value."""
    return keys_ok(table, g, o) and all(field_ok(f, g.get(f), o.get(f)) for f in VALUES[table])


def match(table: str, gold_rows: list[dict[str, Any]], out_rows: list[dict[str, Any]]) -> int:
    """How many gold rows are found with every checked field right (greedy, one output row each)."""
    used: set[int] = set()
    found = 0
    for g in gold_rows:
        best, best_ok = None, -1
        for i, o in enumerate(out_rows):
            if i in used or not keys_ok(table, g, o):
                continue
            ok = sum(field_ok(f, g.get(f), o.get(f)) for f in VALUES[table])
            if ok > best_ok:
                best, best_ok = i, ok
        if best is None:
            continue
        used.add(best)
        if all(field_ok(f, g.get(f), out_rows[best].get(f)) for f in VALUES[table]):
            found += 1
    return found


def tally_doc(
    table: str, gold: dict[str, Any], out_rows: list[dict[str, Any]], t: Tally, table_rows_only: bool = True
) -> None:
    """Add one document's result to ``t``; budgets: only gold rows from tables (source table)."""
    g_rows = gold.get(table, [])
    if table == "budgets" and table_rows_only:
        g_rows = [r for r in g_rows if r.get("source", "table") == "table"]
        out_rows = [r for r in out_rows if r.get("source", "table") == "table"]
    found = match(table, g_rows, out_rows)
    t.gold += len(g_rows)
    t.found += found
    if gold.get("complete", {}).get(table, False):
        t.out += len(out_rows)
        t.right += found
