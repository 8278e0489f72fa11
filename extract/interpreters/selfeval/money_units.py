"""Where a self-evaluation form prints the money unit of its amounts, read with the one unit grammar
(normalize/units.py: what a unit says, and the forms a declaration or a header takes).

- a unit line above the form: 单位：元, 单位（元）, 金额单位：万元, 单位:千元 (also at the end of a
  line that holds other text: 部门：… 单位：万元); the nearest one wins;
- a header cell or block label: 金额（元）, 项目资金（万元）, 金额（单位：万元）, 决算数（万元）,
  预算执行情况（万元）（20分）, or a declaration inside a cell (单位：万元);
- a cell suffix: 5576.54 万元 (read by the fund-block readers themselves).
A form whose unit is printed nowhere is decided by its fund block (funds.block_unit), which says so
in an issues row.
"""

from __future__ import annotations

from model.tables import Cell
from normalize.units import declared_unit, label_unit


def unit_line(text_above: str) -> str | None:
    """The unit of the nearest unit line above a form (单位：元, 单位（元）, 金额单位：万元)."""
    for ln in reversed(text_above.splitlines()):
        unit = declared_unit(ln)
        if unit:
            return unit
    return None


def unit_in_cells(cells: list[Cell]) -> str | None:
    """The unit named in a header row or label (金额（元）, 项目资金（万元）, 金额（单位：万元））."""
    for c in cells:
        unit = label_unit(c) if c else None
        if unit:
            return unit
    return None
