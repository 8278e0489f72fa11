"""The layout of one statement table: title rows, header rows, column paths and kinds.

A statement table (部门预算/部门决算 公开表) has, from the top: optional title rows inside
the ruled area (title, 部门：…, 单位：…), one to five header rows whose merged cells span
columns and rows (预算数 › 基本支出 › 人员经费), then data rows. Columns are of three kinds:
``code`` (功能/经济分类 codes, possibly split into 类/款/项 columns), ``name`` (the items)
and ``amount``. When no column holds items, the items run across the columns (the "三公"
table) and each amount column's header path names its item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from model.tables import Cell
from normalize.measures import is_measure_label, is_not_amount_label, is_printed_measure
from normalize.numbers import parse_number
from normalize.statement_names import is_line_number_label, is_statement_title
from normalize.text import fold
from normalize.units import header_unit, is_unit_header

CODE = "code"
NAME = "name"
AMOUNT = "amount"
EMPTY = "empty"

_MAX_TITLE_ROWS = 3
_MAX_HEADER_ROWS = 5
_TITLE_CELL = re.compile(
    r"(单位|部门)\s*[:：]|公开\s*[0-9一二三四五六七八九十]+.{0,4}表|公开表\s*[0-9一二三四五六七八九十]+"
)
_WS = re.compile(r"[\s\u3000]+")
_ITEM_NUMBERING = re.compile(r"^([一二三四五六七八九十]+、|\d+[.．、]\D)")
_CODE_VALUE = re.compile(r"^\d{3}(\d{2}){0,2}$")
_CODE_PART = re.compile(r"^\d{1,3}$")
_CODE_HEADER = ("编码", "代码")
_CODE_PART_HEADERS = frozenset({"类", "款", "项"})
_NAME_HEADERS = ("名称", "项目", "科目")


@dataclass
class Layout:
    title_rows: int  # rows at the top holding the title, 部门：, 单位：
    header_rows: int  # rows after them holding column headers
    paths: list[tuple[str, ...]]  # per column: header labels top-down (merged cells resolved)
    kinds: list[str]  # per column: code, name, amount, empty
    across: bool  # no item column: the items run across the columns
    units: list[str | None] = field(default_factory=list)  # per column: the unit its header prints (金额（元）)
    header_text: str = ""  # the header rows' labels, for messages

    def unit_of(self, col: int) -> str | None:
        return self.units[col] if col < len(self.units) else None

    @property
    def first_data_row(self) -> int:
        return self.title_rows + self.header_rows

    def code_cols(self) -> list[int]:
        return [i for i, k in enumerate(self.kinds) if k == CODE]

    def name_cols(self) -> list[int]:
        return [i for i, k in enumerate(self.kinds) if k == NAME]

    def amount_cols(self) -> list[int]:
        return [i for i, k in enumerate(self.kinds) if k == AMOUNT]


def cell_text(cell: Cell) -> str:
    return _WS.sub("", cell) if cell else ""


def padded(rows: list[list[Cell]], width: int) -> list[list[Cell]]:
    return [list(r) + [""] * (width - len(r)) for r in rows]


def is_title_row(row: list[Cell]) -> bool:
    cells = [c for c in row if c]
    if not cells:
        return False
    for c in cells:
        if is_unit_header(c):  # 金额（单位：万元）: a column header printing its unit
            continue
        if _TITLE_CELL.search(fold(c)):
            return True
        if any(is_statement_title(line) for line in c.splitlines()):
            return True
    return False


def title_text(rows: list[list[Cell]], n: int) -> str:
    return "\n".join(c for r in rows[:n] for c in r if c)


def is_data_row(row: list[Cell]) -> bool:
    """A body row: it holds a number, or an item numbered like 一、 / 1. (a body row with blank amounts)."""
    return any(parse_number(c) is not None or _ITEM_NUMBERING.match(cell_text(c)) for c in row if c)


def is_line_number_row(row: list[Cell]) -> bool:
    """The 栏次 row under a header: its label, then the column numbers 1, 2, 3 … (not data)."""
    texts = [cell_text(c) for c in row if cell_text(c)]
    return bool(texts) and is_line_number_label(texts[0]) and all(parse_number(t) is not None for t in texts[1:])


def _resolve_header(rows: list[list[Cell]], width: int) -> list[list[str]]:
    """Header grid with every merged (None) cell given the label of the cell it is part of."""
    h = len(rows)
    grid: list[list[str | None]] = [[None] * width for _ in range(h)]
    for r in range(h):
        for c in range(width):
            cell = rows[r][c]
            if cell is None or grid[r][c] is not None:
                continue
            label = cell_text(cell)
            w = 1
            while c + w < width and rows[r][c + w] is None and grid[r][c + w] is None:
                w += 1
            d = 1
            while r + d < h and rows[r + d][c] is None and grid[r + d][c] is None:
                d += 1
            for rr in range(r, r + d):
                for cc in range(c, c + w):
                    grid[rr][cc] = label
    return [[x or "" for x in row] for row in grid]


def _paths(grid: list[list[str]], width: int) -> tuple[list[tuple[str, ...]], list[str | None]]:
    """Per column: its header labels top-down, each without the unit it prints (金额（元） -> 金额),
    and that unit (the lowest label's that prints one)."""
    out: list[tuple[str, ...]] = []
    units: list[str | None] = []
    for c in range(width):
        labels: list[str] = []
        unit: str | None = None
        for cell in _bracket_closed([row[c] for row in grid]):
            lab, lab_unit = header_unit(cell)
            unit = lab_unit or unit
            if lab and (not labels or labels[-1] != lab):
                labels.append(lab)
        out.append(tuple(_rejoined(labels)))
        units.append(unit)
    return out, units


def _bracket_closed(cells: list[str]) -> list[str]:
    """A column's header labels top-down, a label left with a bracket open (上年结转（万) joined to the
    labels under it up to the one that closes it (元）): one header cell wrapped over two header rows by
    a reader of word positions, its unit cut in two."""
    out: list[str] = []
    for cell in cells:
        if not cell or (out and out[-1] == cell):
            continue
        if out and _open_brackets(out[-1]) > 0:
            out[-1] += cell
        else:
            out.append(cell)
    return out


def _open_brackets(text: str) -> int:
    folded = fold(text)
    return folded.count("(") - folded.count(")")


def _rejoined(labels: list[str]) -> list[str]:
    """A header label wrapped over two header rows (一般公共预算财 / 政拨款, read as two rows by a reader of
    word positions) joined back: two successive labels that make a printed measure together
    (政府性基金预算 / 财政拨款 too, though each names a measure alone)."""
    out: list[str] = []
    for lab in labels:
        if out and is_printed_measure(out[-1] + lab):
            out[-1] += lab
        else:
            out.append(lab)
    return out


def _header_kind(path: tuple[str, ...]) -> str | None:
    if any(any(k in lab for k in _CODE_HEADER) for lab in path):
        return CODE
    if path and path[-1] in _CODE_PART_HEADERS:
        return CODE
    if path and any(k in path[-1] for k in _NAME_HEADERS):
        return NAME
    return None


def _column_kinds(paths: list[tuple[str, ...]], data: list[list[Cell]], width: int) -> list[str]:
    kinds: list[str] = []
    for c in range(width):
        values = [cell_text(r[c]) for r in data if r[c]]
        n_num = sum(parse_number(v) is not None for v in values)
        n_text = len(values) - n_num
        by_header = _header_kind(paths[c])
        if any(is_line_number_label(lab) for lab in paths[c]) or (paths[c] and is_not_amount_label(paths[c][-1])):
            kinds.append(EMPTY)  # 行次: line numbers; 执行率, 数量, 采购目录: no money
        elif by_header == CODE:
            kinds.append(CODE)
        elif n_text > n_num:
            kinds.append(NAME)
        elif n_num:
            kinds.append(AMOUNT)
        elif by_header == NAME:
            kinds.append(NAME)
        elif paths[c]:
            kinds.append(AMOUNT)
        else:
            kinds.append(EMPTY)
    # a column of bare 3/5/7-digit codes right before an item column is a code column
    for c in range(width - 1):
        if kinds[c] != AMOUNT or kinds[c + 1] != NAME or _names_amounts(paths[c]):
            continue
        values = [cell_text(r[c]) for r in data if cell_text(r[c])]
        codes = [v for v in values if _CODE_VALUE.match(v)]
        if values and len(codes) >= 0.8 * len(values) and any(len(v) > 3 for v in codes):
            kinds[c] = CODE
        # only 类-level codes (201, 208, 302): every value a 3-digit code of the 功能 (2xx) or 经济
        # (3xx, 5xx) classification, never an amount's shape (no separators, no decimals)
        elif len(values) >= 2 and all(_CLASS_CODE.fullmatch(v) for v in values):
            kinds[c] = CODE
    return kinds


_CLASS_CODE = re.compile(r"[235]\d{2}")


def _names_amounts(path: tuple[str, ...]) -> bool:
    """A header that names amounts (合计, 预算数, 一般公共预算, 金额): its column is never a code column,
    whatever its values look like (whole amounts 235, 265, 500 are not 类 codes)."""
    return bool(path) and _header_kind(path) is None


def read_layout(rows: list[list[Cell]], width: int) -> Layout | None:
    """The layout of a statement table, or None when it has no header to label its amounts."""
    t = 0
    while t < min(_MAX_TITLE_ROWS, len(rows)) and is_title_row(rows[t]) and not is_data_row(rows[t]):
        t += 1
    h = 0
    while t + h < len(rows) and h < _MAX_HEADER_ROWS and (
        not is_data_row(rows[t + h]) or is_line_number_row(rows[t + h])
    ):
        h += 1
    if h == 0 or t + h >= len(rows):
        return None
    header = [r for r in rows[t : t + h] if not is_line_number_row(r)]
    if not header:
        return None
    grid = _resolve_header(header, width)
    paths, units = _paths(grid, width)
    data = rows[t + h :]
    kinds = _column_kinds(paths, data, width)
    across = not any(k in (NAME, CODE) for k in kinds) or _measures_down_the_rows(kinds, data)
    header_text = " | ".join("›".join(p) for p in paths if p)
    return Layout(title_rows=t, header_rows=h, paths=paths, kinds=kinds, across=across, units=units,
                  header_text=header_text)


def _measures_down_the_rows(kinds: list[str], data: list[list[Cell]]) -> bool:
    """The first column is the only item column and every label in it names a measure (预算数 /
    决算数): the items run across the columns and each row is one measure of them (the “三公” table)."""
    if kinds.count(NAME) != 1 or kinds[0] != NAME:
        return False
    labels = [cell_text(r[0]) for r in data if cell_text(r[0])]
    return bool(labels) and all(is_measure_label(lab) for lab in labels)


def continuation_layout(prev: Layout, width: int) -> Layout | None:
    """The layout of a headerless part continuing a statement table on the next page."""
    if len(prev.kinds) != width:
        return None
    return Layout(title_rows=0, header_rows=0, paths=prev.paths, kinds=prev.kinds, across=prev.across,
                  units=prev.units, header_text=prev.header_text)


def is_code_value(text: str) -> bool:
    return bool(_CODE_VALUE.match(text))


def is_code_part(text: str) -> bool:
    return bool(_CODE_PART.match(text))
