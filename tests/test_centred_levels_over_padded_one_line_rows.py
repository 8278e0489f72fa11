"""A spreadsheet's indicator block set without rulings (Calc exports a 项目支出绩效自评表 so): every cell
is vertically centred on its row, most rows hold one line (padded a little beyond the leading, so the
one-line rows' pitch is the commonest step down a column), and the level labels merged over several
rows stand halfway down their blocks, between rows or on a middle row's line.

- The leading is the step between the lines of a wrapped cell (a 偏差原因 over two or three lines),
  shorter than the one-line rows' pitch though seen less often; the rows are read by their cells.
- A level label belongs to the block of rows it is centred on, the rows between the block of the
  label above and the block of the label below: a 质量指标 between its two rows, a 时效指标 halfway
  down four rows land on the first row of their blocks.
- A row whose only cell is its item's name (a template's placeholder 指标2： with no values) is a row
  of the block, not a line of the name above it.

The form is made up (a district's equipment-maintenance project); word boxes are set as a spreadsheet
sets a borderless table. Expectations are what the made-up form prints.
"""

from __future__ import annotations

from extract.tables.leading_rows import centred_cell_rows, type_leading

SIZE = 9.0  # the type's height
LEADING = 12.0  # the lines of a wrapped cell, top to top
ROW = 14.0  # the pitch of one-line rows: a little padding beyond the leading

Piece = tuple[float, float, str]

# (二级指标, 三级指标, 指标值, 偏差原因 lines) per row; a level's name on the first row of its block only
BLOCKS = (
    ("数量指标", [("采购检测设备数量", "≥40台", [])]),
    ("质量指标", [("设备验收合格率", "100%", ["到货批次延迟，", "已补验"]),
                  ("维修响应及时率", "≥95%", ["偏远站点路程较", "远，响应时间较", "长"])]),
    ("时效指标", [("巡检完成时限", "12月底前", []), ("不涉及", "/", []), ("故障修复时长", "≤48小时", []),
                  ("指标2：", "", [])]),
    ("成本指标", [("年度运维成本", "≤36万元", ["备件单价上涨，", "略超预算"])]),
)


def _cell(mid: float, lines: list[str]) -> list[Piece]:
    top = mid - ((len(lines) - 1) * LEADING + SIZE) / 2
    return [(top + k * LEADING, top + k * LEADING + SIZE, t) for k, t in enumerate(lines)]


def _form() -> tuple[dict[int, list[Piece]], list[str]]:
    """Columns 0 (二级指标), 1 (三级指标), 2 (指标值), 3 (偏差原因); and the names, top to bottom."""
    columns: dict[int, list[Piece]] = {0: [], 1: [], 2: [], 3: []}
    names: list[str] = []
    top = 200.0
    for level, rows in BLOCKS:
        block_top = top
        for name, value, reason in rows:
            lines = max(1, len(reason))
            height = (lines - 1) * LEADING + ROW
            mid = top + height / 2
            columns[1] += _cell(mid, [name])
            if value:
                columns[2] += _cell(mid, [value])
            if reason:
                columns[3] += _cell(mid, reason)
            names.append(name)
            top += height
        columns[0] += _cell((block_top + top) / 2, [level])
    return columns, names


def _rows_of_levels() -> tuple[list[str], dict[str, int]]:
    """The names in their rows' order (each on a row of its own), and each level's row (as the index of
    the name on it)."""
    columns, _ = _form()
    got = centred_cell_rows(columns, lambda p: (p[0], p[1]), SIZE)
    assert got is not None
    _, cells = got
    name_rows = {p[2]: r for pieces, r in cells[1] for p in pieces}
    order = [n for n, _ in sorted(name_rows.items(), key=lambda kv: kv[1])]
    assert len(set(name_rows.values())) == len(name_rows)
    levels = {p[2]: order.index(next(n for n, r2 in name_rows.items() if r2 == r))
              for pieces, r in cells[0] for p in pieces}
    return order, levels


def test_leading_is_the_wrapped_lines_step_though_one_line_rows_outnumber_them() -> None:
    columns, _ = _form()
    assert type_leading(columns, lambda p: (p[0], p[1]), SIZE) == LEADING


def test_placeholder_row_with_only_its_name_stays_a_row() -> None:
    names, _ = _rows_of_levels()
    assert names == [name for _, rows in BLOCKS for name, _, _ in rows]


def test_centred_level_labels_land_on_the_first_row_of_their_blocks() -> None:
    names, levels = _rows_of_levels()
    assert levels == {"数量指标": names.index("采购检测设备数量"), "质量指标": names.index("设备验收合格率"),
                      "时效指标": names.index("巡检完成时限"), "成本指标": names.index("年度运维成本")}
