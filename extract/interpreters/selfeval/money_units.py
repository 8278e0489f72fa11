"""Where a self-evaluation form prints the money unit of its amounts, and what it says: the one
place the selfeval interpreter reads money units (to be swapped for the shared unit grammar,
normalize/units.py, once it exists).

- a unit line above the form: 单位：元, 单位（元）, 金额单位：万元, 单位:千元 (also at the end of a
  line that holds other text: 部门：… 单位：万元);
- a header cell or block label: 金额（元）, 项目资金（万元）, 金额（单位：万元）, 决算数（万元）;
- a cell suffix: 5576.54 万元 (read by the fund-block readers themselves).
The units: 元, 千元, 万元, 亿元 (vocabulary: selfeval_vocab.yaml, money_units). A form whose unit is
printed nowhere is decided by its fund block (funds.block_unit), which says so in an issues row.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.interpreters.selfeval.vocab import vocab
from model.tables import Cell
from normalize.text import fold


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    units = "|".join(sorted((re.escape(str(u)) for u in vocab()["money_units"]), key=len, reverse=True))
    # 单位 as a label of its own: not the end of 实施单位 / 预算单位 (a CJK character before it),
    # except 金额单位 / 资金单位 / 货币单位
    line = re.compile(rf"(?:^|(?<![\u4e00-\u9fff])|金额|资金|货币)单位[:：(（]?(?:人民币)?({units})(?:[)）]|$)")
    cell = re.compile(rf"[(（](?:单位[:：]?)?(?:人民币)?({units})[)）]|^(?:单位[:：]?)?({units})$")
    return line, cell


def unit_line(text_above: str) -> str | None:
    """The unit of the nearest unit line above a form (单位：元, 单位（元）, 金额单位：万元)."""
    line, _ = _patterns()
    for ln in reversed(text_above.splitlines()):
        m = line.search(fold(ln))
        if m:
            return m.group(1)
    return None


def unit_in_cells(cells: list[Cell]) -> str | None:
    """The unit named in a header row or label (金额（元）, 项目资金（万元）, 金额（单位：万元））."""
    _, cell = _patterns()
    for c in cells:
        m = cell.search(fold(c))
        if m:
            return m.group(1) or m.group(2)
    line, _ = _patterns()
    for c in cells:
        m = line.search(fold(c))
        if m:
            return m.group(1)
    return None
