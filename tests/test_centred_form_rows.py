"""A 项目（支出）绩效目标完成情况表 set without rulings, its cells vertically centred on their rows, is
read row by row as printed: a row whose cells wrap over different numbers of lines (a one-line level
质量指标 halfway down a four-line target) stays one row, a label merged over several rows (项目资金（万元）
beside three rows of label:amount pairs, a level 1 over the rows of its level 2s) lands on the first
row it spans, and the interpreters read the form's indicators and funds from it.

The page is made up for the tests (a county's rural water-supply project): word boxes typeset as a
word processor sets a table without borders, each cell's lines one leading apart and centred
between its row's padding. Expectations are what the made-up form prints.
"""

from __future__ import annotations

import re
from pathlib import Path

from extract.interpreters.selfeval.read import read_self_evaluation
from extract.tables.leading_rows import centred_cell_rows, type_leading
from extract.tables.positions import read_positions
from model.document import DocInput
from model.pages import PageText
from model.tables import RawTable

SIZE = 9.0  # the type's height
LEADING = 14.8  # the lines of a cell, top to top
PAD = 3.3  # white above and below a row's tallest cell: a little more than the white between two lines of a cell
# the columns' left ends: side label, level 1, level 2, 三级指标, 预期指标值, 实际完成指标值
X = (50.0, 120.0, 185.0, 250.0, 345.0, 450.0)
WIDTH = (60.0, 55.0, 55.0, 85.0, 95.0, 95.0)

Row = dict[int, list[str]]  # column -> the cell's printed lines
DIGIT = re.compile(r"\d")  # a piece holding a figure

FUNDS: list[Row] = [
    {0: ["项目名称"], 3: ["农村饮水安全巩固提升"]},
    {0: ["主管部门"], 3: ["县水利局"]},
    {1: ["预算数:"], 2: ["326.5"], 4: ["执行数:"], 5: ["318.2"]},
    {1: ["其中：财政", "拨款:"], 2: ["300"], 4: ["其中：财政拨款:"], 5: ["300"]},
    {1: ["其他资金:"], 2: ["26.5"], 4: ["其他资金:"], 5: ["18.2"]},
]
INDICATORS: list[Row] = [
    {1: ["一级指标"], 2: ["二级指标"], 3: ["三级指标"], 4: ["预期指标值"], 5: ["实际完成指标值"]},
    {2: ["数量指标"], 3: ["新建集中供水", "工程"], 4: ["12处"], 5: ["12处"]},
    {2: ["质量指标"], 3: ["供水水质达标", "率"], 4: ["出厂水水质达", "到生活饮用水", "卫生标准，抽", "检合格率不低",
     "于95%"], 5: ["抽检合格率", "98%，水质稳", "定"]},
    {2: ["时效指标"], 3: ["工程完工时间"], 4: ["年底前"], 5: ["按期完工"]},
    {2: ["社会效益指", "标"], 3: ["受益人口"], 4: ["不少于2.1万", "人"], 5: ["2.3万人"]},
    {2: ["经济效益指", "标"], 3: ["减少群众取水", "支出"], 4: ["减少农户购水", "和运水支出，", "降低生活成本",
     "，户均每年节", "约200元以上"], 5: ["户均节约230", "元"]},
    {2: ["满意度指标"], 3: ["受益群众满意", "度"], 4: ["≥90%"], 5: ["95%"]},
]
# labels merged down a column over rows (column, first row, last row, lines), centred on them
MERGED = [
    (0, 2, 4, ["项目资金", "（万元）"]),  # beside the three rows of pairs
    (0, 5, 11, ["绩效指标"]),  # beside the header and the indicator rows
    (1, 6, 8, ["产出指标"]),  # over the rows of 数量/质量/时效
    (1, 9, 10, ["效益指标"]),
    (1, 11, 11, ["满意度指", "标"]),
]


def _words(rows: list[Row], merged: list[tuple[int, int, int, list[str]]], top: float = 100.0
           ) -> list[dict[str, object]]:
    heights = []
    for r, row in enumerate(rows):
        n = max([len(lines) for lines in row.values()] + [len(m[3]) for m in merged if m[1] == m[2] == r] + [1])
        heights.append((n - 1) * LEADING + SIZE + 2 * PAD)
    tops = [top + sum(heights[:r]) for r in range(len(rows))]
    words: list[dict[str, object]] = []

    def cell(c: int, lines: list[str], y0: float, y1: float) -> None:
        first = (y0 + y1) / 2 - ((len(lines) - 1) * LEADING + SIZE) / 2
        for k, text in enumerate(lines):
            t = first + k * LEADING
            words.append({"x0": X[c], "x1": X[c] + SIZE * len(text), "top": t, "bottom": t + SIZE, "text": text})

    for r, row in enumerate(rows):
        for c, lines in row.items():
            cell(c, lines, tops[r], tops[r] + heights[r])
    for c, first, last, lines in merged:
        cell(c, lines, tops[first], tops[last] + heights[last])
    return words


def _rows() -> list[list[str]]:
    """The form's rows as the cells' leading and centres give them (each word is a cell's line here)."""
    columns: dict[int, list[dict[str, object]]] = {}
    for w in _words([*FUNDS, *INDICATORS], MERGED):
        columns.setdefault(X.index(float(w["x0"])), []).append(w)  # type: ignore[arg-type]
    got = centred_cell_rows(columns, lambda w: (float(w["top"]), float(w["bottom"])), SIZE)  # type: ignore[arg-type]
    assert got is not None
    extents, cells = got
    rows = [[""] * len(X) for _ in extents]
    for c, groups in cells.items():
        for pieces, r in groups:
            rows[r][c] = "\n".join(str(p["text"]) for p in pieces)
    return rows


def test_line_reader_keeps_a_row_whose_cells_wrap_over_different_numbers_of_lines() -> None:
    (found,) = read_positions(_words([*FUNDS, *INDICATORS], MERGED), page=1, page_height=842, reader="words")
    rows = [[(c or "") for c in r] for r in found.table.rows]
    assert _row_with(rows, "供水水质达标")[2:4] == ["质量指标", "供水水质达标\n率"]


def _row_with(rows: list[list[str]], text: str) -> list[str]:
    (row,) = [r for r in rows if any(text in c for c in r)]
    return row


def test_row_whose_cells_wrap_over_different_numbers_of_lines_stays_one_row() -> None:
    row = _row_with(_rows(), "供水水质达标")
    assert row[2:] == ["质量指标", "供水水质达标\n率", "出厂水水质达\n到生活饮用水\n卫生标准，抽\n检合格率不低\n于95%",
                       "抽检合格率\n98%，水质稳\n定"]


def test_level_wrapped_at_its_column_stays_beside_its_indicator() -> None:
    row = _row_with(_rows(), "受益人口")
    assert row[2:] == ["社会效益指\n标", "受益人口", "不少于2.1万\n人", "2.3万人"]


def test_label_merged_over_three_rows_of_pairs_is_on_the_first() -> None:
    rows = _rows()
    first = _row_with(rows, "预算数:")
    assert first[0] == "项目资金\n（万元）"
    assert _row_with(rows, "其他资金:")[0] == ""


def test_level_1_merged_over_its_level_2s_is_on_the_first_of_them() -> None:
    rows = _rows()
    assert _row_with(rows, "新建集中供水")[1] == "产出指标"
    assert _row_with(rows, "供水水质达标")[1] == ""
    assert _row_with(rows, "受益群众满意")[1] == "满意度指\n标"


def test_form_read_from_centred_cells_gives_its_indicators_and_funds() -> None:
    table = RawTable.on_page(page=1, rows=_rows(), reader="words", index_on_page=0,
                             text_above="项目绩效目标完成情况表\n（2023年度）")
    doc = DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="xlsx",
                   pages=[PageText(number=1, text="", width=595, height=842)], tables=[table])
    ex = read_self_evaluation(doc)
    assert [(i.project, i.level1, i.level2, i.name) for i in ex.indicators] == [
        ("农村饮水安全巩固提升", "产出指标", "数量指标", "新建集中供水工程"),
        ("农村饮水安全巩固提升", "产出指标", "质量指标", "供水水质达标率"),
        ("农村饮水安全巩固提升", "产出指标", "时效指标", "工程完工时间"),
        ("农村饮水安全巩固提升", "效益指标", "社会效益指标", "受益人口"),
        ("农村饮水安全巩固提升", "效益指标", "经济效益指标", "减少群众取水支出"),
        ("农村饮水安全巩固提升", "满意度指标", "服务对象满意度指标", "受益群众满意度"),
    ]
    funds = {(b.funding_source, b.measure, b.amount_wan, b.line_name) for b in ex.budgets}
    assert funds == {
        ("合计", "全年预算数", 326.5, "项目资金"), ("合计", "全年执行数", 318.2, "项目资金"),
        ("财政拨款", "全年预算数", 300.0, "项目资金"), ("财政拨款", "全年执行数", 300.0, "项目资金"),
        ("其他资金", "全年预算数", 26.5, "项目资金"), ("其他资金", "全年执行数", 18.2, "项目资金"),
    }


def test_rows_set_at_the_leading_itself_tell_no_cells_by_it() -> None:
    # a statement's one-line rows printed one leading apart: no padded break between cells
    pieces = {0: [(100.0 + k * LEADING, 100.0 + k * LEADING + SIZE) for k in range(8)],
              1: [(100.0 + k * LEADING, 100.0 + k * LEADING + SIZE) for k in range(8)]}
    assert type_leading(pieces, lambda p: p, SIZE) is None


def _doc(*tables: RawTable) -> DocInput:
    return DocInput(doc_id="d" * 64, path=Path("x.pdf"), file_type="xlsx",
                    pages=[PageText(number=n, text="", width=595, height=842) for n in (1, 2)], tables=list(tables))


def test_side_label_printed_beside_the_middle_row_of_pairs_names_them() -> None:
    # 资金情况（万元） centred on three rows of pairs, read beside the second (no rulings to tell its span)
    rows: list[list[str | None]] = [
        ["项目名称", "", "乡村道路养护", ""],
        ["", "预算数:", "58.6", "执行数:", "57.9"],
        ["资金情况\n（万元）", "其中：财政拨款:", "50", "其中：财政拨款:", "50"],
        ["", "其他资金:", "8.6", "其他资金:", "7.9"],
    ]
    ex = read_self_evaluation(_doc(RawTable.on_page(page=1, rows=rows, reader="words", index_on_page=0,
                                                    text_above="项目绩效目标完成情况表")))
    assert {(b.line_name, b.funding_source, b.measure, b.amount_wan) for b in ex.budgets} == {
        ("资金情况", "合计", "全年预算数", 58.6), ("资金情况", "合计", "全年执行数", 57.9),
        ("资金情况", "财政拨款", "全年预算数", 50.0), ("资金情况", "财政拨款", "全年执行数", 50.0),
        ("资金情况", "其他资金", "全年预算数", 8.6), ("资金情况", "其他资金", "全年执行数", 7.9),
    }


def test_pairs_cut_by_the_page_break_go_on_in_the_same_form() -> None:
    first = RawTable.on_page(page=1, index_on_page=1, reader="words", text_above="项目绩效目标完成情况表", rows=[
        ["项目名称", "", "乡村道路养护", ""],
        ["资金情况\n（万元）", "预算数:", "58.6", "执行数:", "57.9"],
        ["", "其中：财政拨款:", "50", "其中：财政拨款:", "50"],
    ])
    second = RawTable.on_page(page=2, index_on_page=0, reader="words", rows=[
        ["", "其他资金:", "8.6", "其他资金:", "7.9"],
        ["", "一级指标", "二级指标", "三级指标", "预期指标值", "实际完成指标值"],
        ["", "产出指标", "数量指标", "养护里程", "不少于42公里", "45公里"],
    ])
    ex = read_self_evaluation(_doc(first, second))
    others = {(b.project, b.page, b.measure, b.amount_wan) for b in ex.budgets if b.funding_source == "其他资金"}
    assert others == {("乡村道路养护", 2, "全年预算数", 8.6), ("乡村道路养护", 2, "全年执行数", 7.9)}
    assert [(i.project, i.name) for i in ex.indicators] == [("乡村道路养护", "养护里程")]


def test_header_set_in_smaller_type_stays_one_cell() -> None:
    # 得分（20分*执行率） in 7.5-point type over three lines, its lines 7.5/9 of the body's leading apart,
    # centred on the header row of a fund block whose other headings are one line in the body's type
    small, lead = 7.5, LEADING * 7.5 / SIZE
    header = [(0, 300.0, "预算数(A)"), (1, 300.0, "执行数(B)")]
    columns: dict[int, list[tuple[float, float, str]]] = {
        c: [(t, t + SIZE, text)] for c, t, text in header}
    mid = 300.0 + SIZE / 2
    columns[2] = [(mid - (2 * lead + small) / 2 + k * lead, mid - (2 * lead + small) / 2 + k * lead + small, text)
                  for k, text in enumerate(["得分", "(20分*", "执行率)"])]
    body = [("其中：财政拨", "款"), ("行政运行经", "费"), ("一般行政管", "理事务"), ("机关服务支", "出")]
    top = 300.0 + SIZE + 2 * PAD + PAD
    for first, second in body:  # rows of a two-line label beside one-line amounts, padded apart
        columns[0].append((top, top + SIZE, first))
        columns[0].append((top + LEADING, top + LEADING + SIZE, second))
        columns[1].append((top + LEADING / 2, top + LEADING / 2 + SIZE, "12.5"))
        columns[2].append((top + LEADING / 2, top + LEADING / 2 + SIZE, "10"))
        top += LEADING + SIZE + 2 * PAD
    got = centred_cell_rows(columns, lambda p: (p[0], p[1]), SIZE)
    assert got is not None
    _, cells = got
    assert [[p[2] for p in pieces] for pieces, r in cells[2] if r == 0] == [["得分", "(20分*", "执行率)"]]


# a department's whole-spending form (部门整体支出绩效自评表): a fund block whose row name 部门整体支出
# 总额, set on two lines, stands beside its row of amounts under a header row (年初预算数 | 全年执行数 |
# 执行率 | 得分) that no label of its column names; the side label 资金执行情况 is merged over both rows,
# a row of a score (年度目标 | 15) follows, then the indicators
DEPARTMENT: list[Row] = [
    {0: ["单位名称"], 3: ["县农业农村局"]},
    {0: ["人员经费总", "额"], 2: ["1842.6 万元"], 4: ["公用经费总额"], 5: ["402.15 万元"]},
    {3: ["年初预算数"], 4: ["全年执行数"], 5: ["得分", "（10分*", "执行率）"]},
    {2: ["部门整体支", "出总额"], 3: ["1204.8"], 4: ["1150.3"], 5: ["9.5"]},
    {0: ["年度目标", "（90分）"], 1: ["85"]},
    {1: ["一级指标"], 2: ["二级指标"], 3: ["三级指标"], 4: ["年度指标值", "（A）"], 5: ["实际完成值", "（B）"]},
    {3: ["培训高素质农", "民人数"], 4: ["500人"], 5: ["520人"]},
    {3: ["建设高标准农", "田面积"], 4: ["3.2万亩"], 5: ["3.4万亩"]},
    {3: ["农产品抽检合", "格率"], 4: ["≥98%"], 5: ["99%"]},
    {3: ["耕地质量等级", "提升"], 4: ["0.5个等级"], 5: ["0.5个等级"]},
    {3: ["补贴资金按期", "兑付率"], 4: ["100%"], 5: ["100%"]},
    {3: ["项目按期完工", "率"], 4: ["≥95%"], 5: ["96%"]},
]
DEPARTMENT_MERGED = [
    (0, 2, 3, ["资金执行", "情况", "（万元）"]),  # beside the header and the row of amounts
    (0, 5, 11, ["年度绩效", "指标"]),
    (1, 6, 11, ["产出指标"]),
    (2, 6, 8, ["数量指标"]),
    (2, 9, 10, ["质量指标"]),
    (2, 11, 11, ["时效指标"]),
]


def test_row_name_beside_a_row_of_amounts_stays_on_it_not_on_the_header_above() -> None:
    columns: dict[int, list[dict[str, object]]] = {}
    for w in _words(DEPARTMENT, DEPARTMENT_MERGED):
        columns.setdefault(X.index(float(w["x0"])), []).append(w)  # type: ignore[arg-type]
    got = centred_cell_rows(columns, lambda w: (float(w["top"]), float(w["bottom"])), SIZE,  # type: ignore[arg-type]
                            figure=lambda w: bool(DIGIT.search(str(w["text"]))))  # type: ignore[index]
    assert got is not None
    extents, cells = got
    rows = [[""] * len(X) for _ in extents]
    for c, groups in cells.items():
        for pieces, r in groups:
            rows[r][c] = "\n".join(str(p["text"]) for p in pieces)
    assert _row_with(rows, "1204.8")[2:] == ["部门整体支\n出总额", "1204.8", "1150.3", "9.5"]
    assert _row_with(rows, "年初预算数")[2] == ""
    assert _row_with(rows, "年初预算数")[0] == "资金执行\n情况\n（万元）"
    assert _row_with(rows, "培训高素质农")[1:3] == ["产出指标", "数量指标"]
