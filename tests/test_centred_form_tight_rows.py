"""A 项目支出绩效自评表 set without rulings, its cells vertically centred and its rows padded only a
little (a word processor's default cell margins: less than half a leading between one row's last line
and the next row's first), is read row by row as printed. Most of its rows hold one line, so the
commonest step down a column is the pitch of those rows, not the leading of a wrapped cell's lines:
taken for the leading, it would join the form's one-line rows (项目名称, 主管部门, the fund block's
资金来源 | 合计 | 财政资金 …) into one cell each column, and the project's name and its funds be lost.

The page is made up for the tests (a county's rural road upkeep project): word boxes typeset as a word
processor sets a table without borders, each cell's lines one leading apart and centred between its
row's padding. Expectations are what the made-up form prints.
"""

from __future__ import annotations

from extract.tables.leading_rows import centred_cell_rows, type_leading
from extract.tables.positions import read_positions

SIZE = 9.0  # the type's height
LEADING = 12.9  # the lines of a wrapped cell, top to top
PAD = 2.2  # white above and below a row's tallest cell: a one-line row's pitch is SIZE + 2 * PAD = 13.4
INDICATOR_PAD = 2.45  # the indicator rows a little taller (their template's own row height): pitch 13.9
FIRST_INDICATOR = 9  # the first row of the indicators
# the columns' left ends: label, level 2, 三级指标, target, actual, weight, score, remark
X = (50.0, 130.0, 215.0, 320.0, 410.0, 490.0, 545.0, 600.0)

Row = dict[int, list[str]]  # column -> the cell's printed lines

ROWS: list[Row] = [
    {0: ["项目名称"], 2: ["农村公路日常养护补助"]},
    {0: ["主管部门"], 2: ["青石县交通运输局"], 4: ["实施单位"], 5: ["县公路事务中心"]},
    {0: ["资金来源"], 2: ["年初预算数"], 3: ["全年预算数"], 4: ["全年执行数"], 5: ["分值"], 6: ["执行率"], 7: ["得分"]},
    {0: ["合计"], 2: ["862.40"], 3: ["905.10"], 4: ["880.35"], 5: ["10"], 6: ["97.27%"], 7: ["9.73"]},
    {0: ["本级财政"], 2: ["512.40"], 3: ["555.10"], 4: ["540.35"], 5: ["—"], 6: ["—"], 7: ["—"]},
    {0: ["上级补助"], 2: ["300.00"], 3: ["300.00"], 4: ["290.00"], 5: ["—"], 6: ["—"], 7: ["—"]},
    {0: ["其他资金"], 2: ["50.00"], 3: ["50.00"], 4: ["50.00"], 5: ["—"], 6: ["—"], 7: ["—"]},
    {2: ["预期目标"], 4: ["实际完成情况"]},
    {0: ["一级指标"], 1: ["二级指标"], 2: ["三级指标"], 3: ["年度目标值"], 4: ["全年", "完成值"], 5: ["分值"],
     6: ["自评", "得分"], 7: ["偏差原因", "分析"]},
    {1: ["数量指标"], 2: ["养护里程"], 3: ["≥420公里"], 4: ["436公里"], 5: ["20"], 6: ["20"]},
    {1: ["质量指标"], 2: ["路面技术状况", "优良率"], 3: ["≥85%"], 4: ["88.6%"], 5: ["20"], 6: ["20"]},
    {1: ["时效指标"], 2: ["病害处治时限"], 3: ["7日内"], 4: ["6日"], 5: ["10"], 6: ["10"]},
    {1: ["成本指标"], 2: ["每公里养护成本"], 3: ["≤2.1万元"], 4: ["2.2万元"], 5: ["10"], 6: ["8"],
     7: ["材料价格上", "涨，下年度", "优化采购"]},
    {1: ["社会效益指标"], 2: ["群众出行便利"], 3: ["明显改善"], 4: ["明显改善"], 5: ["10"], 6: ["10"]},
    {1: ["经济效益指标"], 2: ["带动沿线就业"], 3: ["≥60人"], 4: ["64人"], 5: ["10"], 6: ["10"]},
    {1: ["服务对象满意", "度指标"], 2: ["沿线群众满意度"], 3: ["≥90%"], 4: ["93%"], 5: ["10"], 6: ["10"]},
]
# level 1 labels merged down the first column over the rows of their level 2s, centred on them
MERGED = [(0, 9, 12, ["产出指标"]), (0, 13, 14, ["效益指标"]), (0, 15, 15, ["满意度指标"])]


def _words(rows: list[Row], top: float = 100.0) -> list[dict[str, object]]:
    heights = [(max(len(lines) for lines in row.values()) - 1) * LEADING + SIZE
               + 2 * (PAD if r < FIRST_INDICATOR else INDICATOR_PAD) for r, row in enumerate(rows)]
    tops = [top + sum(heights[:r]) for r in range(len(rows))]
    words: list[dict[str, object]] = []

    def cell(c: int, lines: list[str], y0: float, y1: float) -> None:  # centred between y0 and y1
        first = (y0 + y1) / 2 - ((len(lines) - 1) * LEADING + SIZE) / 2
        for k, text in enumerate(lines):
            t = first + k * LEADING
            words.append({"x0": X[c], "x1": X[c] + SIZE * len(text), "top": t, "bottom": t + SIZE, "text": text})

    for r, row in enumerate(rows):
        for c, lines in row.items():
            cell(c, lines, tops[r], tops[r] + heights[r])
    for c, first, last, lines in MERGED:
        cell(c, lines, tops[first], tops[last] + heights[last])
    return words


def _columns() -> dict[int, list[dict[str, object]]]:
    columns: dict[int, list[dict[str, object]]] = {}
    for w in _words(ROWS):
        columns.setdefault(X.index(float(w["x0"])), []).append(w)  # type: ignore[arg-type]
    return columns


def _extent(w: dict[str, object]) -> tuple[float, float]:
    return float(w["top"]), float(w["bottom"])  # type: ignore[arg-type]


def _rows() -> list[list[str]]:
    """The form's rows as the cells' leading and centres give them (each word is a cell's line here)."""
    got = centred_cell_rows(_columns(), _extent, SIZE)
    assert got is not None
    extents, cells = got
    rows = [[""] * len(X) for _ in extents]
    for c, groups in cells.items():
        for pieces, r in groups:
            rows[r][c] = "\n".join(str(p["text"]) for p in pieces)
    return rows


def _row_with(rows: list[list[str]], text: str) -> list[str]:
    (row,) = [r for r in rows if any(text in c for c in r)]
    return row


def test_leading_of_a_form_padded_a_little_is_its_wrapped_cells_pitch_not_its_rows() -> None:
    leading = type_leading(_columns(), _extent, SIZE)
    assert leading is not None and abs(leading - LEADING) < 0.1


def test_one_line_rows_one_padded_leading_apart_stay_rows_of_their_own() -> None:
    rows = _rows()
    assert _row_with(rows, "项目名称")[:3] == ["项目名称", "", "农村公路日常养护补助"]
    assert _row_with(rows, "主管部门")[4:6] == ["实施单位", "县公路事务中心"]
    assert _row_with(rows, "合计") == ["合计", "", "862.40", "905.10", "880.35", "10", "97.27%", "9.73"]
    assert _row_with(rows, "上级补助")[2:5] == ["300.00", "300.00", "290.00"]
    assert _row_with(rows, "其他资金")[2:5] == ["50.00", "50.00", "50.00"]


def test_cells_wrapped_in_a_form_padded_a_little_stay_whole_on_their_row() -> None:
    rows = _rows()
    assert _row_with(rows, "路面技术状况")[1:5] == ["质量指标", "路面技术状况\n优良率", "≥85%", "88.6%"]
    assert _row_with(rows, "每公里养护成本")[6:] == ["8", "材料价格上\n涨，下年度\n优化采购"]
    assert _row_with(rows, "完成值")[3:] == ["年度目标值", "全年\n完成值", "分值", "自评\n得分", "偏差原因\n分析"]
    assert _row_with(rows, "沿线群众满意度")[:3] == ["满意度指标", "服务对象满意\n度指标", "沿线群众满意度"]
    assert _row_with(rows, "带动沿线就业")[1] == "经济效益指标"


def test_form_padded_a_little_is_read_whole_from_its_word_boxes() -> None:
    (found,) = read_positions(_words(ROWS), page=1, page_height=842, reader="words")
    rows = [[(c or "") for c in r] for r in found.table.rows]
    assert _row_with(rows, "合计")[2:5] == ["862.40", "905.10", "880.35"]
    assert _row_with(rows, "路面技术状况")[2] == "路面技术状况\n优良率"
