"""Third-party score sheets (绩效评价指标体系及评分表) typeset without rulings, headers centred (issue #11).

Word sets a header centred in its cell (一级指标) and the cells below it flush left; the level-1 labels
of the four-level scheme (决策, 过程, 产出, 效益) are merged down their blocks and centred on them, so
read from the positions the label stands on one row of its block, maybe not the first, maybe one of
the next block's. The pages are drawn as words with boxes, with other contents than the samples';
the expected rows are the sheets as printed: the header heads the labels below it, and the rows of
决策 and 过程 (the project's decision and management) are not performance indicators.
"""

from __future__ import annotations

from typing import Any

from extract.interpreters.selfeval.indicators import IndicatorSection, read_indicator_row
from extract.tables.positions import read_positions

CHAR = 10.0  # width and height of one CJK character
LINE = 20.0  # from one row's top to the next


def _word(text: str, x0: float, top: float) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + CHAR * len(text), "top": top, "bottom": top + CHAR}


def _centred(text: str, cell: tuple[float, float], top: float) -> dict[str, Any]:
    mid = (cell[0] + cell[1]) / 2
    return _word(text, mid - CHAR * len(text) / 2, top)


def _tables(words: list[dict[str, Any]]) -> list[list[list[str | None]]]:
    return [t.table.rows for t in read_positions(words, page=1, page_height=842, reader="words")]


# cells of a sheet: 一级指标 | 二级指标 | 三级指标 | 分值 | 指标值 | 实际完成值 | 得分; body text flush left,
# 4 points in
CELLS = ((30.0, 130.0), (130.0, 230.0), (230.0, 370.0), (370.0, 420.0), (420.0, 500.0), (500.0, 580.0),
         (580.0, 630.0))
HEADER = ("一级指标", "二级指标", "三级指标", "分值", "指标值", "实际完成值", "得分")


def _flush_left(text: str, c: int, top: float) -> dict[str, Any]:
    return _word(text, CELLS[c][0] + 4, top)


def _sheet(rows: list[tuple[str, ...]], header: tuple[str, ...] = HEADER) -> list[dict[str, Any]]:
    words = [_centred(h, CELLS[c], 100) for c, h in enumerate(header) if h]
    for k, row in enumerate(rows):
        words += [_flush_left(t, c, 100 + LINE * (k + 1)) for c, t in enumerate(row) if t]
    return words


def test_a_level_header_centred_over_labels_set_flush_left_heads_them() -> None:
    # 一级指标 is centred in a cell wider than its labels: it stands right of 产出 and 效益, over nothing
    rows = [("", "数量指标", "新建公厕座数", "10", "≥20座", "22座", "10"),
            ("产出", "", "改造公厕座数", "10", "≥40座", "32座", "8"),
            ("", "质量指标", "验收合格率", "10", "100%", "100%", "10"),
            ("", "社会效益指标", "如厕环境改善", "10", "明显改善", "明显改善", "9"),
            ("效益", "", "群众满意度", "10", "≥90%", "95%", "9.5")]
    (table,) = _tables(_sheet(rows))
    assert table[0] == list(HEADER)
    assert [r[0] for r in table[1:] if r[0]] == ["产出", "效益"]  # on the rows of their blocks
    assert [r[2] for r in table[1:]] == ["新建公厕座数", "改造公厕座数", "验收合格率", "如厕环境改善", "群众满意度"]


def test_a_heading_of_a_column_left_empty_beside_labels_keeps_its_column() -> None:
    # 备注 heads a column printed empty between the names and the scores: centred on its own cell, it
    # is no header of the names set flush left beside it
    header = ("二级指标", "三级指标", "备注", "分值", "指标值", "实际完成值", "得分")
    rows = [("数量指标", "新建公厕座数", "", "10", "≥20座", "22座", "10"),
            ("", "改造公厕座数", "", "10", "≥40座", "32座", "8"),
            ("质量指标", "验收合格率", "", "10", "100%", "100%", "10")]
    words = [_centred(h, CELLS[c], 100) for c, h in enumerate(header)]
    for k, row in enumerate(rows):
        words += [_flush_left(t, c, 100 + LINE * (k + 1)) for c, t in enumerate(row) if t]
    (table,) = _tables(words)
    assert "备注" in table[0]
    names = table[0].index("三级指标")
    assert table[0].index("备注") != names
    assert [r[names] for r in table[1:]] == ["新建公厕座数", "改造公厕座数", "验收合格率"]


ROLES = {0: "level1", 1: "level2", 2: "name", 3: "weight", 4: "score"}


def _indicators(rows: list[list[str | None]]) -> list[tuple[str, str, str]]:
    """(level1, level2, name) of the indicators a score sheet read from positions gives."""
    section = IndicatorSection(roles=ROLES, ncols=5, scope="project", project="公厕改造项目")
    for k, row in enumerate(rows):
        read_indicator_row(section, row, doc_id="d", page=1, table_index=0, row_index=k, new_page=False,
                           reader="words", issues=[])
    return [(r.level1, r.level2, r.name) for r in section.rows]


def test_decision_and_management_rows_are_not_indicators_where_their_labels_stand_off_their_blocks() -> None:
    # 决策 and 过程 centred on their blocks: 过程 on the middle row of its block, and the 产出 label on a
    # row of 过程's 组织实施 (its block ran on to the next page, so its label stands high); the level-2
    # labels say which block each row is in
    rows: list[list[str | None]] = [
        ["决策", "项目立项", "立项依据充分性", "4", "4"],
        ["", "", "立项程序规范性", "4", "3"],
        ["", "绩效目标", "绩效目标合理性", "4", "4"],
        ["", "资金管理", "资金到位率", "5", "5"],
        ["过程", "", "预算执行率", "5", "4.2"],
        ["产出", "组织实施", "管理制度健全性", "5", "5"],
        ["", "", "制度执行有效性", "5", "4"],
        ["", "数量指标", "新建公厕座数", "10", "10"],
        ["", "质量指标", "验收合格率", "10", "10"],
        ["", "时效指标", "完工及时率", "8", "6"],
        ["效益", "社会效益指标", "如厕环境改善", "10", "9"],
        ["", "服务对象满意度指标", "群众满意度", "10", "9.5"],
    ]
    assert _indicators(rows) == [
        ("产出指标", "数量指标", "新建公厕座数"),
        ("产出指标", "质量指标", "验收合格率"),
        ("产出指标", "时效指标", "完工及时率"),
        ("效益指标", "社会效益指标", "如厕环境改善"),
        ("满意度指标", "服务对象满意度指标", "群众满意度"),  # the national three-level scheme's level 1
    ]


def test_a_management_label_on_the_first_row_of_the_output_block_loses_no_indicator() -> None:
    # the 过程 label, centred on a block that ends on this page, stands on the first row of 产出's 数量指标
    rows: list[list[str | None]] = [
        ["", "资金管理", "资金使用合规性", "5", "5"],
        ["过程", "数量指标", "新建公厕座数", "10", "10"],
        ["", "", "改造公厕座数", "10", "8"],
    ]
    assert _indicators(rows) == [("产出指标", "数量指标", "新建公厕座数"), ("产出指标", "数量指标", "改造公厕座数")]


def _ruled_indicators(rows: list[list[str | None]]) -> list[tuple[str, str, str]]:
    """(level1, level2, name) of the indicators of a ruled score sheet read cell by cell (pdfplumber)."""
    section = IndicatorSection(roles=ROLES, ncols=5, scope="project", project="农村饮水安全巩固提升")
    for k, row in enumerate(rows):
        read_indicator_row(section, row, doc_id="d", page=1, table_index=0, row_index=k, new_page=False,
                           reader="pdfplumber", issues=[])
    return [(r.level1, r.level2, r.name) for r in section.rows]


def test_a_ruled_level1_cell_cut_by_the_page_break_leaves_its_rows_to_their_level2() -> None:
    # ruled sheet: the 效益 cell is merged down its rows and runs on to the next page, so it has no closing
    # rule on this page and its label is read in no cell (None); the rows below 产出's last row are not 产出's:
    # in the four-level scheme each level 2 (社会效益指标, 可持续影响指标) names its level 1
    rows: list[list[str | None]] = [
        ["决策", "项目立项", "立项依据充分性", "4", "4"],
        [None, "资金投入", "预算编制科学性", "4", "3"],
        ["过程", "组织实施", "管理制度健全性", "5", "5"],
        ["产出", "数量指标", "改造供水管网长度", "10", "10"],
        [None, "成本指标", "单位供水成本", "8", "7"],
        [None, "社会效益指标", "农村供水保障率", "10", "9"],
        [None, None, "水质达标率", "10", "10"],
        [None, "可持续影响指标", "工程长效运行机制", "6", "6"],
    ]
    assert _ruled_indicators(rows) == [
        ("产出指标", "数量指标", "改造供水管网长度"),
        ("产出指标", "成本指标", "单位供水成本"),
        ("效益指标", "社会效益指标", "农村供水保障率"),
        ("效益指标", "社会效益指标", "水质达标率"),
        ("效益指标", "可持续影响指标", "工程长效运行机制"),
    ]


# a sheet set in a spreadsheet (LibreOffice Calc): wide cells, headers centred, every body cell flush
# left at its cell's edge, some longer than their column's other cells
WIDE = ((30.0, 150.0), (150.0, 290.0), (290.0, 430.0), (430.0, 570.0), (570.0, 710.0), (710.0, 770.0),
        (770.0, 830.0))
WIDE_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")


def test_headers_centred_over_flush_left_cells_that_run_on_under_them_head_their_columns() -> None:
    # 社会效益指标, 不少于1500万元 and 1620万元 run on into the white under their columns' centred headers;
    # the 实际完成值 column holds words (基本完成, ✓) and figures alike: each header heads the cells below it
    rows = [("产出", "数量指标", "新建村级供水站", "≥12座", "12座", "10", "10"),
            ("", "", "改造供水管网长度", "≥35公里", "36公里", "10", "10"),
            ("", "质量指标", "水质检测合格率", "≥95%", "96%", "10", "10"),
            ("", "时效指标", "工程完工时间", "年底前", "基本完成", "10", "8"),
            ("效益", "社会效益指标", "受益群众人数", "≥8000人", "8120人", "10", "10"),
            ("", "经济效益指标", "带动村集体增收", "不少于1500万元", "1620万元", "10", "10"),
            ("", "生态效益指标", "水源地保护", "有效保护", "✓", "10", "10")]
    words = [_centred(h, WIDE[c], 100) for c, h in enumerate(WIDE_HEADER)]
    for k, row in enumerate(rows):
        words += [_word(t, WIDE[c][0] + 4, 100 + LINE * (k + 1)) for c, t in enumerate(row) if t]
    (table,) = _tables(words)
    assert table[0] == list(WIDE_HEADER)
    assert [[c or "" for c in r[1:]] for r in table[1:]] == [list(r[1:]) for r in rows]
    assert [r[0] for r in table[1:] if r[0]] == ["产出", "效益"]  # (merged labels: placed by their height)


def test_an_output_label_placed_on_the_last_management_row_does_not_make_it_an_indicator() -> None:
    # 过程's block ends with two 组织实施 rows; the 产出 label, centred on a block the reader cannot bound,
    # stands on the last of them, which prints no level 2: that row is still 组织实施's, not an indicator
    rows: list[list[str | None]] = [
        ["", "组织实施", "管理制度健全性", "5", "5"],
        ["产出", "", "项目验收规范性", "5", "4"],
        ["", "数量指标", "新建公厕座数", "10", "10"],
        ["", "", "改造公厕座数", "10", "8"],
        ["效益", "社会效益指标", "如厕环境改善", "10", "9"],
    ]
    assert _indicators(rows) == [("产出指标", "数量指标", "新建公厕座数"), ("产出指标", "数量指标", "改造公厕座数"),
                                 ("效益指标", "社会效益指标", "如厕环境改善")]
