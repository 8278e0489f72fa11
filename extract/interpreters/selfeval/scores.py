"""Score lines and summary tables of self-evaluation reports -> ScoreRow (and BudgetRow).

- 总分 rows (总分 | … | 100 | 90 | 优): the form's total, its maximum and grade;
- header cells 自评得分: 89.78 / 自评等次: 良;
- summary tables (序号 | 项目名称 | 预算数 | 执行数 | 得分 | 自评等级): one score and the
  project's budget/execution per row; the 合计 row is the department's total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.interpreters.selfeval.indicators import IndicatorSection
from extract.interpreters.selfeval.money_units import unit_in_cells
from extract.interpreters.selfeval.vocab import first_text, join_lines, key, points_of, vocab
from model.records import BudgetRow, ScoreRow
from model.tables import Cell
from normalize.grades import canonical_grade
from normalize.numbers import is_zero_dash, parse_number, to_wan

_TOTAL_ROW = {"合计", "总计", "小计"}


def score_cells(row: list[Cell]) -> tuple[float, str | None] | None:
    """(score, grade) from header cells such as 自评得分: 89.78 and 自评等次: 良."""
    text = " ".join(join_lines(c) for c in row if c)
    m = re.search(vocab()["score_cell_pattern"], text)
    if not m:
        return None
    g = re.search(vocab()["grade_cell_pattern"], text)
    return float(m.group(1)), canonical_grade(g.group(1)) if g else None


def total_score(row: list[Cell], section: IndicatorSection | None) -> tuple[float, float, str | None] | None:
    """(score, max_score, grade) of a 总分 row."""
    _, k = first_text(row)
    in_section = section is not None and section.open and k in vocab()["total_score_labels_in_section"]
    if k not in vocab()["total_score_labels"] and not in_section:
        return None
    grade = next((g for g in (canonical_grade(c) for c in row[1:] if c) if g), None)
    if section is not None:
        off = section.ncols - len(row)
        wc, sc = section.col("weight"), section.col("score")
        w = points_of(row[wc - off]) if wc is not None and 0 <= wc - off < len(row) else None
        s = points_of(row[sc - off]) if sc is not None and 0 <= sc - off < len(row) else None
        if s is not None:
            return s, w if w else 100.0, grade
    nums = [n for n in (points_of(c) for c in row[1:] if c) if n is not None]
    if len(nums) == 1:
        return nums[0], 100.0, grade
    if len(nums) >= 2:
        return nums[1], nums[0], grade
    return None


def grade_row(row: list[Cell]) -> str | None:
    """The grade of a row that prints only it under its label (评价等级 | 优秀)."""
    _, k = first_text(row)
    if k not in vocab()["grade_row_labels"]:
        return None
    return next((g for g in (canonical_grade(c) for c in row[1:] if c) if g), None)


@dataclass
class SummaryTable:
    project_col: int
    measures: dict[int, str]
    score_col: int
    grade_col: int | None
    unit: str


def summary_header(row: list[Cell], default_unit: str = "万元") -> SummaryTable | None:
    """The header of a summary table; amounts in the unit printed in it, else ``default_unit``."""
    keys = [key(c) for c in row]
    project_col = next((c for c, k in enumerate(keys) if k in vocab()["summary_project_labels"]), None)
    score_col = next((c for c, k in enumerate(keys) if k in vocab()["summary_score_labels"]), None)
    if project_col is None or score_col is None:
        return None
    measures = {
        c: str(vocab()["fund_measures"][k]) for c, k in enumerate(keys) if k in vocab()["fund_measures"]
    }
    grade_col = next((c for c, k in enumerate(keys) if "等级" in k or "等次" in k), None)
    unit = unit_in_cells(row)
    return SummaryTable(project_col, measures, score_col, grade_col, unit or default_unit)


def summary_rows(
    t: SummaryTable, row: list[Cell], *, doc_id: str, page: int, table_index: int, row_index: int, reader: str
) -> tuple[list[BudgetRow], list[ScoreRow]]:
    if len(row) <= t.project_col:
        return [], []
    name = join_lines(row[t.project_col])
    if not name:
        _, name = first_text(row)
    if not name:
        return [], []
    total = key(name) in _TOTAL_ROW or key(row[0]) in _TOTAL_ROW
    scope, project = ("department", None) if total else ("project", name)
    line_name = "合计" if total else name
    statement = str(vocab()["summary_statement"])
    budgets = []
    for c, measure in t.measures.items():
        cell = row[c] if c < len(row) else None
        v = parse_number(cell) if cell and not is_zero_dash(cell) else None
        if v is None or cell is None:
            continue
        budgets.append(
            BudgetRow(
                doc_id=doc_id,
                page=page,
                source="table",
                scope=scope,
                measure=measure,
                amount_wan=to_wan(v, t.unit),
                amount_raw=cell.strip(),
                unit_raw=t.unit,
                table_index=table_index,
                row_index=row_index,
                statement=statement,
                project=project,
                line_code=None,
                line_name=line_name,
                funding_source="合计",
                extractor=reader,
            )
        )
    scores = []
    s_cell = row[t.score_col] if t.score_col < len(row) else None
    s = parse_number(s_cell) if s_cell and not is_zero_dash(s_cell) else None
    if s is not None:
        g = canonical_grade(row[t.grade_col]) if t.grade_col is not None and t.grade_col < len(row) else None
        scores.append(ScoreRow(doc_id=doc_id, page=page, scope=scope, score=s, max_score=100.0, project=project,
                               grade=g, source="table"))
    return budgets, scores
