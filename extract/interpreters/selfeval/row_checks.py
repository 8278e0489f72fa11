"""Checks of a form's indicator rows that show a row read wrongly, where no sum does -> IssueRow.

- indicator_level_out_of_place: the national framework groups the level 2s under level 1s
  (社会/经济/生态效益指标 and 可持续影响指标 under 效益指标: ``level1_of_level2`` of
  normalize/data/indicator_levels.yaml). Forms differ in where a group stands (older templates put
  服务对象满意度指标 under 效益指标), but one form puts one group under one level 1. A row whose level 2
  stands under another level 1 than most of its group's on the same form was given a merged level
  label of a neighbouring span (a label merged over rows and read on the wrong row). A level 2 that is
  its level 1's own name (成本指标 under 成本指标, newer templates) is no member of a group.
- indicator_row_without_values: a row that prints an indicator's name and nothing else (no target,
  actual value, 分值 or 得分), or no 分值 and no 得分 on a form whose other rows print them (a form with
  those columns fills them on every indicator row): a wrapped name's last line read as a row of its own
  (补贴资金兑付及时/率, 单套设备采/购成本 beside a wrapped unit 元/套), or a row whose figures were not
  read. Either way its indicator's figures are not in this row.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from model.records import IndicatorRow, IssueRow
from normalize.indicator_levels import canonical_level1, canonical_level2, level1_of_level2

POINTED = 0.8  # share of a form's rows printing 分值 or 得分 that makes a row without them a miss
MIN_POINTED = 3  # rows printing them, at least


def _group(r: IndicatorRow) -> tuple[str, str] | None:
    """The row's printed level 1 and the framework's level 1 of its level 2 (both canonical), or None."""
    l1, l2 = canonical_level1(r.level1), canonical_level2(r.level2)
    if not l1 or not l2 or l1 == l2:
        return None
    framework = level1_of_level2(l2)
    return (l1, framework) if framework else None


def levels_out_of_place(indicators: list[IndicatorRow], doc_id: str) -> list[IssueRow]:
    """One warning per row whose level 2 stands under another level 1 than most of its group's rows of
    the same form (``indicators``: one form's rows)."""
    under: dict[str, Counter[str]] = defaultdict(Counter)
    for r in indicators:
        g = _group(r)
        if g is not None:
            under[g[1]][g[0]] += 1
    out: list[IssueRow] = []
    for r in indicators:
        g = _group(r)
        if g is None or len(under[g[1]]) < 2:
            continue
        (most, n), *_ = under[g[1]].most_common()
        if g[0] == most or under[g[1]][g[0]] >= n:
            continue
        out.append(IssueRow(
            doc_id=doc_id, page=r.page, rule="indicator_level_out_of_place", severity="warning",
            table_index=r.table_index, row_index=r.row_index,
            message=f"{r.name}: level 2 {r.level2} stands under {r.level1}, while {n} other rows of its group "
                    f"({g[1]}'s level 2s) on this form stand under {most}: a level label merged over rows "
                    "may have been read on a neighbouring row"))
    return out


def rows_without_values(indicators: list[IndicatorRow], doc_id: str) -> list[IssueRow]:
    """One warning per row holding an indicator's name and nothing else, or no 分值 and no 得分 where
    the form's other rows print them (``POINTED`` of them, ``MIN_POINTED`` at least)."""
    pointed = [r for r in indicators if r.weight is not None or r.score is not None]
    by_points = len(pointed) >= MIN_POINTED and len(pointed) >= POINTED * len(indicators)
    out: list[IssueRow] = []
    for r in indicators:
        if r.weight is not None or r.score is not None:
            continue
        if not (r.target_raw or "").strip() and not (r.actual_raw or "").strip():
            what = "no target, actual value, 分值 or 得分"
        elif by_points:
            what = f"no 分值 or 得分, which {len(pointed)} of the form's {len(indicators)} rows print"
        else:
            continue
        out.append(IssueRow(
            doc_id=doc_id, page=r.page, rule="indicator_row_without_values", severity="warning",
            table_index=r.table_index, row_index=r.row_index,
            message=f"indicator row {r.name!r} prints {what}: its figures are not in this row (a wrapped "
                    "name's last line read as a row of its own, or values not read)"))
    return out
