"""Columns of an indicator section whose heading the vocabulary does not know: a role from what
the column holds, or an issues row naming the heading (never a column silently dropped).

From the content, for a role the header left unnamed:
- level1, level2: level labels of the indicator framework (项目决策 | 项目产出 | 项目效益, 产出数量 |
  社会效益) in most of its cells (a heading misread by OCR: 一级指标 as "- -级指标");
- weight: numbers (分) that add up to 100, the form's maximum;
- score: numbers, none above the weight of its row;
- target, then actual: cells that read as indicator values (a number with a unit or operator,
  a percentage) in most rows.
A heading given a role this way is noted (``column_role_from_content``, info); a heading still
without a role is ``column_role_unknown`` (warning). So is a column of figures whose heading is
empty on both header rows (a heading the scan lost), given the weight or score role where they tell
it. A column that holds nothing but its own
heading (the section's label merged down its rows) or nothing at all has nothing to read.
"""

from __future__ import annotations

from extract.interpreters.selfeval.vocab import column_role, first_text, join_lines, key, points_of, vocab
from model.records import IssueRow
from model.tables import Cell
from normalize.indicator_levels import is_level_name, is_not_indicator_level1, is_not_indicator_level2
from normalize.indicator_values import parse_indicator_value

_SUM_TOLERANCE = 0.5
_MOST = 0.6  # share of the filled cells that must read as values


def unknown_columns(row: list[Cell], roles: dict[int, str]) -> dict[int, str]:
    """Header cells of ``row`` with text and no role (序号, 备注 and the like are known to be empty)."""
    ignored = set(vocab()["indicator_columns_ignored"])
    out = {}
    for c, cell in enumerate(row):
        k = key(cell)
        if k and c not in roles and column_role(cell) is None and k not in ignored:
            out[c] = join_lines(cell)
    return out


def unnamed_columns(rows: list[list[Cell]], i: int, roles: dict[int, str]) -> list[int]:
    """Columns without a role whose heading is empty on header row ``i`` and on the row above it."""
    row, upper = rows[i], rows[i - 1] if i > 0 else []
    return [c for c in range(len(row)) if c not in roles and not key(row[c])
            and not key(upper[c] if c < len(upper) else None)]


def _unnamed_figures(body: list[list[Cell]], c: int, roles: dict[int, str]) -> tuple[str, str, str] | None:
    """For a column without a heading (a heading the scan lost: 实际/得分) whose cells are mostly figures:
    the weight or score role when its figures tell one (set in ``roles``), else a warning; None for a
    column of anything else (labels merged down, a level's second column)."""
    cells = _column(body, c)
    if len(cells) < 2 or sum(1 for x in cells if points_of(x) is not None) < _MOST * len(cells):
        return None
    role = _role_from_content(body, c, roles)
    if role in ("weight", "score"):
        roles[c] = role
        return "column_role_from_content", "info", f"column {c + 1} has no heading; read as {role} from its cells"
    return ("column_role_unknown", "warning",
            f"column {c + 1} has no heading and holds figures that tell no role; not read")


def _body(rows: list[list[Cell]], start: int) -> list[list[Cell]]:
    """The rows of the section below its header, up to an end label (总分, 其他需要说明事项)."""
    out = []
    for r in rows[start:]:
        _, k = first_text(r)
        if k in vocab()["section_end_labels"] or k in vocab()["total_score_labels"]:
            break
        out.append(r)
    return out


def _column(body: list[list[Cell]], c: int) -> list[str]:
    return [join_lines(r[c]) for r in body if c < len(r) and r[c] and r[c].strip()]  # type: ignore[union-attr]


def _level_role(cells: list[str], taken: set[str]) -> str | None:
    """level1 (level2) when most of the cells name a level-1 (level-2) block of the framework, the
    blocks that are not performance (项目决策, 组织实施) among them."""
    for role, level, other in (("level1", 1, is_not_indicator_level1), ("level2", 2, is_not_indicator_level2)):
        named = sum(1 for x in cells if is_level_name(x, level) or other(x))
        if role not in taken and named >= _MOST * len(cells):
            return role
    return None


def _role_from_content(body: list[list[Cell]], c: int, roles: dict[int, str]) -> str | None:
    cells = _column(body, c)
    if not cells:
        return None
    taken = set(roles.values())
    level = _level_role(cells, taken)
    if level is not None:
        return level
    points = [points_of(x) for x in cells]
    if all(p is not None for p in points):
        nums = [p for p in points if p is not None]
        if "weight" not in taken and abs(sum(nums) - 100.0) <= _SUM_TOLERANCE:
            return "weight"
        wc = next((cc for cc, r in roles.items() if r == "weight"), None)
        if "score" not in taken and wc is not None:
            weights = [points_of(r[wc]) if wc < len(r) else None for r in body if c < len(r) and r[c]]
            if all(w is not None and s <= w + 1e-9 for s, w in zip(nums, weights, strict=False)):
                return "score"
        return None
    values = [parse_indicator_value(x) for x in cells]
    readable = sum(1 for v in values if v.value is not None and (v.unit or v.operator))
    if readable >= _MOST * len(cells):
        for role in ("target", "actual"):
            if role not in taken:
                return role
    return None


def resolve_unknown(
    rows: list[list[Cell]], i: int, roles: dict[int, str], *, doc_id: str, page: int, table_index: int
) -> tuple[dict[int, str], list[IssueRow]]:
    """``roles`` with the unknown headings of header rows[i] given a role from their column's content
    where it tells one; an issues row for each unknown heading."""
    issues: list[IssueRow] = []
    unknown = unknown_columns(rows[i], roles)
    body = _body(rows, i + 1)
    roles = dict(roles)
    for c in unnamed_columns(rows, i, roles):
        issue = _unnamed_figures(body, c, roles)
        if issue is not None:
            issues.append(IssueRow(doc_id=doc_id, page=page, rule=issue[0], severity=issue[1], message=issue[2],
                                   table_index=table_index, row_index=i))
    for c, heading in sorted(unknown.items()):
        if all(key(x) == key(heading) for x in _column(body, c)):
            continue  # an empty column, or the section's label merged down its rows: nothing to read
        role = _role_from_content(body, c, roles)
        if role is not None:
            roles[c] = role
            rule, severity = "column_role_from_content", "info"
            msg = f"column {heading!r} (column {c + 1}) is not in the vocabulary; read as {role} from its cells"
        else:
            rule, severity = "column_role_unknown", "warning"
            msg = f"column {heading!r} (column {c + 1}) has no known role and its cells do not tell one; not read"
        issues.append(IssueRow(doc_id=doc_id, page=page, rule=rule, severity=severity, message=msg,
                               table_index=table_index, row_index=i))
    return roles, issues
