"""Indicator rows whose cells hold several indicators, one per line (the one-cell-per-line layout).

Forms exported from budget systems (中央对地方转移支付区域绩效目标自评表, some 项目支出绩效自评表)
print all indicators of a 二级指标 in ONE grid row: the 三级指标 cell holds "指标A\\n指标B\\n指标C",
the 预期指标值 cell "≥100人次\\n≥95%\\n按时完成", the 实际完成指标值 cell likewise, sometimes 分值 and
得分 too. ``vertical_rows`` splits such a row into one row per indicator.

A cell's lines are not always its indicators: a long name (or value) wraps inside its cell. So
each cell's lines are merged into paragraphs where a line was wrapped (the PDF's word positions,
extract/tables/cell_lines.py); the 三级指标 cell's paragraphs are the indicators. Where a wrapped
line happens to fill its line exactly, positions cannot tell; then the count the value cells agree
on decides, and the name lines with the most room left above them start the indicators. Each
value cell gives one paragraph (else one line) per indicator in order when its count matches;
otherwise its paragraphs go to the indicator printed at their height (a value kept opposite its
name with empty lines, a 偏差原因 on the second line only). From .docx/.xlsx cells every line
break is a paragraph; a PDF row whose positions cannot be read is split only when the name and
every multi-line value cell have the same number of lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from extract.interpreters.selfeval.indicators import IndicatorSection, template_number
from extract.tables.cell_lines import CellLines
from model.tables import Cell
from normalize.indicator_values import parse_indicator_value
from normalize.text import no_space

# columns whose cells carry one line per indicator
VALUE_ROLES = ("target", "actual", "weight", "score", "operator", "unit")
_LEVEL_ROLES = ("level1", "level2")


@dataclass
class _Piece:
    text: str
    top: float  # the height it is printed at (for text without positions: the line number)
    room: float = float("inf")  # space left on the line above after this line's first word
    wrapped: bool = False  # this line continues the line above


@dataclass
class _CellView:
    lines: list[_Piece]
    paragraphs: list[_Piece]


def _index(row: list[Cell], section: IndicatorSection, role: str) -> int | None:
    c = section.col(role)
    if c is None:
        return None
    c -= section.ncols - len(row)  # a part of the table that lost columns on the left
    return c if 0 <= c < len(row) else None


def _multi(cell: Cell) -> bool:
    return bool(cell) and len([ln for ln in (cell or "").splitlines() if ln.strip()]) > 1


def _paragraphs(lines: list[_Piece]) -> list[_Piece]:
    out: list[_Piece] = []
    for ln in lines:
        if out and ln.wrapped:
            out[-1] = _Piece(out[-1].text + "\n" + ln.text, out[-1].top, out[-1].room)
        else:
            out.append(ln)
    return out


def _view_from_text(cell: Cell, *, keep_blank_lines: bool) -> _CellView:
    """Lines of a cell whose every line break ends a paragraph; ``top`` is the line number."""
    raw = (cell or "").strip("\n").split("\n") if keep_blank_lines else (cell or "").splitlines()
    lines = [_Piece(t.strip(), float(n)) for n, t in enumerate(raw) if t.strip()]
    return _CellView(lines, list(lines))


def _view_from_positions(cl: CellLines) -> _CellView:
    lines = [_Piece(ln.text, ln.top, ln.room, ln.wrapped) for ln in cl.lines]
    return _CellView(lines, _paragraphs(lines))


_FIGURE_END = re.compile(r"\d%?$")
_UNIT_VALUES = ("target", "actual")


def _unit_under_figure(cell: Cell) -> str | None:
    """The unit alone on a cell's second and last line under a figure without unit (``≤420`` over
    ``元/场``: the figure's unit wrapped in a narrow column), else None."""
    lines = [ln.strip() for ln in (cell or "").splitlines() if ln.strip()]
    if len(lines) != 2 or not _FIGURE_END.search(lines[0]) or any(c.isdigit() for c in lines[1]):
        return None
    figure, whole = parse_indicator_value(lines[0]), parse_indicator_value(lines[0] + lines[1])
    if figure.value is None or figure.unit or whole.value != figure.value or whole.unit is None:
        return None
    return whole.unit


def _units_wrapped(row: list[Cell], roles: dict[str, int]) -> bool:
    """The row's value cells of several lines are its target and actual only, each a figure over the
    same unit alone: one indicator whose figures' unit wrapped (two indicators do not print one
    unit for both values of the second and no figure)."""
    multi = {r for r, i in roles.items() if _multi(row[i])}
    if not multi or not multi <= set(_UNIT_VALUES):
        return False
    units = {_unit_under_figure(row[roles[r]]) for r in _UNIT_VALUES if r in roles}
    return len(multi) == len(_UNIT_VALUES) and len(units) == 1 and None not in units


def _count(values: list[_CellView], name: _CellView) -> int:
    """The number of indicators in the row: the name's paragraphs, unless two value cells agree on
    a larger count of paragraphs that the name's lines allow (a wrapped name line that happened to
    fill its line exactly looks like a paragraph end)."""
    n_name = len(name.paragraphs)
    starts = 1 + sum(1 for ln in name.lines[1:] if _could_start(ln.text))
    counts = Counter(len(v.paragraphs) for v in values if n_name < len(v.paragraphs) <= starts)
    agreed = [c for c, k in counts.items() if k >= 2]
    return max(agreed, key=lambda c: (counts[c], c)) if agreed else n_name


def _could_start(text: str) -> bool:
    """Whether a name line could begin an indicator: no indicator is named by one character (单位维修成/本
    is one name whose last character wrapped, however the value cells beside it wrap)."""
    return len(no_space(text)) > 1


def _starts(name: _CellView, n: int) -> list[_Piece]:
    """The name cell split into ``n`` indicators: the first line and the n-1 lines (of more than one
    character) with the most room left on the line above start one."""
    if len(name.paragraphs) == n:
        return name.paragraphs
    ranked = sorted((i for i in range(1, len(name.lines)) if _could_start(name.lines[i].text)),
                    key=lambda i: (-name.lines[i].room, -i))
    first = sorted([0, *ranked[: n - 1]])
    out = []
    for k, i in enumerate(first):
        end = first[k + 1] if k + 1 < len(first) else len(name.lines)
        part = name.lines[i:end]
        out.append(_Piece("\n".join(p.text for p in part), part[0].top))
    return out


def _at_heights(pieces: list[_Piece], slots: list[_Piece], tolerance: float) -> list[str]:
    """Each piece to the indicator printed at its height (the last one starting above it)."""
    out = [""] * len(slots)
    for p in pieces:
        i = max((k for k, s in enumerate(slots) if s.top <= p.top + tolerance), default=0)
        out[i] = (out[i] + "\n" + p.text) if out[i] else p.text
    return out


def _spread(view: _CellView | None, slots: list[_Piece], tolerance: float) -> list[str]:
    n = len(slots)
    if view is None or not view.lines:
        return [""] * n
    if len(view.paragraphs) == n:
        return [p.text for p in view.paragraphs]
    if len(view.lines) == n:
        return [p.text for p in view.lines]
    return _at_heights(view.paragraphs, slots, tolerance)


def vertical_rows(
    section: IndicatorSection,
    row: list[Cell],
    positions: Callable[[], list[CellLines | None] | None],
    *,
    exact_lines: bool,
) -> list[list[Cell]] | None:
    """``row`` as one row per indicator when its cells hold several indicators, one per line; None
    when it holds one indicator. ``positions()`` gives the row's cells with their printed lines (a
    PDF; called only for a row that may hold several), ``exact_lines`` says every line break in a
    cell ends a paragraph (.docx, .xlsx)."""
    ni = _index(row, section, "name")
    if ni is None or not _multi(row[ni]):
        return None
    roles = {r: i for r in VALUE_ROLES if (i := _index(row, section, r)) is not None}
    if not any(_multi(row[i]) for i in roles.values()):
        return None  # one indicator whose name wraps
    if _units_wrapped(row, roles):
        return None  # one indicator whose name and whose figures' units wrap
    views: dict[str, _CellView | None] = {}
    tolerance = 0.5
    if exact_lines:
        for r, i in (("name", ni), *roles.items()):
            views[r] = _view_from_text(row[i], keep_blank_lines=True)
    else:
        cells = positions()
        usable = cells is not None and len(cells) == len(row)
        if cells is not None and usable:
            for r, i in (("name", ni), *roles.items()):
                cl = cells[i]
                if cl is not None and no_space(cl.text) != no_space(row[i]):
                    usable = False
                views[r] = _view_from_positions(cl) if cl is not None else None
            heights = [ln.bottom - ln.top for c in cells if c for ln in c.lines]
            tolerance = 0.5 * (sorted(heights)[len(heights) // 2] if heights else 0.0)
        if not usable:
            return _split_by_equal_counts(section, row, ni, roles)
    name = views["name"]
    assert name is not None
    name = _one_character_lines_wrapped(_without_template_number(name))
    values = [v for r, v in views.items() if r != "name" and v is not None and v.lines]
    n = _count(values, name)
    if n < 2:
        return None
    slots = _starts(name, n)
    columns: dict[int, list[str]] = {ni: [s.text for s in slots]}
    for r, i in roles.items():
        columns[i] = _spread(views.get(r), slots, tolerance)
    for i in _other_roles(row, section).values():
        view = _view_from_text(row[i], keep_blank_lines=True) if exact_lines else None
        if not exact_lines and (cells := positions()) is not None and i < len(cells) and cells[i] is not None:
            view = _view_from_positions(cells[i])  # type: ignore[arg-type]
        columns[i] = _spread(view, slots, tolerance)
    return _rows(row, section, columns, n)


def _without_template_number(name: _CellView) -> _CellView:
    """The name cell without a last paragraph that is the blank template's numbered name (指标1： of an
    unused row under this one): it names no indicator."""
    if len(name.paragraphs) > 1 and template_number(name.paragraphs[-1].text):
        last = name.paragraphs[-1]
        return _CellView([ln for ln in name.lines if ln.top < last.top], name.paragraphs[:-1])
    return name


def _one_character_lines_wrapped(name: _CellView) -> _CellView:
    """The name cell with each line of one character taken as wrapped from the line above (see
    :func:`_could_start`)."""
    if all(_could_start(ln.text) for ln in name.lines[1:]):
        return name
    lines = [ln if k == 0 or _could_start(ln.text) else _Piece(ln.text, ln.top, ln.room, True)
             for k, ln in enumerate(name.lines)]
    return _CellView(lines, _paragraphs(lines))


def _other_roles(row: list[Cell], section: IndicatorSection) -> dict[str, int]:
    """Columns besides the name, the values and the level labels (偏差原因)."""
    skip = {"name", *VALUE_ROLES, *_LEVEL_ROLES}
    out = {}
    for role in set(section.roles.values()) - skip:
        i = _index(row, section, role)
        if i is not None:
            out[role] = i
    return out


def _rows(row: list[Cell], section: IndicatorSection, columns: dict[int, list[str]], n: int) -> list[list[Cell]]:
    """n rows: the split columns line by line; level labels and other cells in the first row only."""
    out: list[list[Cell]] = []
    for k in range(n):
        new: list[Cell] = []
        for i, cell in enumerate(row):
            if i in columns:
                new.append(columns[i][k])
            elif k == 0:
                new.append(cell)
            else:
                new.append("" if cell is not None else None)
        out.append(new)
    return out


def _split_by_equal_counts(
    section: IndicatorSection, row: list[Cell], ni: int, roles: dict[str, int]
) -> list[list[Cell]] | None:
    """Without positions: split only when the name and every value cell of several lines agree."""
    name = _view_from_text(row[ni], keep_blank_lines=False)
    n = len(name.lines)
    multi = [_view_from_text(row[i], keep_blank_lines=False) for i in roles.values() if _multi(row[i])]
    if n < 2 or not multi or any(len(v.lines) != n for v in multi):
        return None
    columns = {ni: [p.text for p in name.lines]}
    for i in roles.values():
        v = _view_from_text(row[i], keep_blank_lines=False)
        columns[i] = [p.text for p in v.lines] if len(v.lines) == n else _first_only(row[i], n)
    for i in _other_roles(row, section).values():
        columns[i] = _first_only(row[i], n)
    return _rows(row, section, columns, n)


def _first_only(cell: Cell, n: int) -> list[str]:
    return [cell or ""] + [""] * (n - 1)
