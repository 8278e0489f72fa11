"""Self-evaluation forms set without rulings whose label column and row spacing misled the position
reader (issue #11, holdout3's Calc and Writer forms).

- A Calc form's label column holds four-character labels, one a row (项目名称 | 主管部门 | 资金来源),
  beside a five-character one wrapped at the column's width (年度总体目/标): the column is as wide as
  that widest line, so the four-character labels do not reach its edge and are no wrapped label.
- A Writer form pads its one-line rows by a little (rows 12.7 pt apart) and wraps long names at the
  leading (12.1 pt): the one-line rows outnumber the wrapped lines, so the commonest step is no
  leading (lines stand closer than it), and a block of one-line rows is not read as one cell centred
  on a row.

The pages are made up (a district's road-maintenance project, a bureau's form), as word boxes set the
way the office programs set such tables. Expectations are what the made-up forms print.
"""

from __future__ import annotations

from typing import Any

from extract.tables.leading_rows import centred_cell_rows, type_leading
from extract.tables.positions import read_positions

CHAR = 6.9  # width and height of one CJK character


def _word(text: str, x0: float, top: float, width: float = CHAR) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + width * len(text), "top": top, "bottom": top + CHAR}


def _rows(words: list[dict[str, Any]]) -> list[list[str]]:
    (found,) = read_positions(words, page=1, page_height=842, reader="words")
    return [[(c or "") for c in r] for r in found.table.rows]


# a project form set in Calc: label | (label) | value ... ; the label column is five characters wide
X = (54.7, 94.9, 142.5, 193.7, 288.8, 343.7, 398.6, 427.9, 457.1)


def _calc_form() -> list[dict[str, Any]]:
    w = [_word("项目名称", X[0], 100), _word("乡村道路养护工程", X[2], 100),
         _word("主管部门", X[0], 111.4), _word("某区交通运输局", X[2], 111.4),
         _word("实施单位", X[4], 111.4), _word("某区公路事务中心", X[5], 111.4),
         _word("资金来源", X[0], 127.4)]
    w += [_word(t, X[c], 127.4) for c, t in ((3, "年初预算数"), (4, "调整预算数"), (5, "全年执行数"), (6, "分值"),
                                            (7, "执行率"), (8, "得分"))]
    for top, label, figures in ((148.1, "合计", ("512.40", "498.00", "470.25", "10", "94.43%", "9.44")),
                                (164.2, "财政拨款", ("300.00", "300.00", "288.10", "—", "—", "—")),
                                (175.6, "其他资金", ("212.40", "198.00", "182.15", "—", "—", "—"))):
        w.append(_word(label, X[0], top))
        w += [_word(f, X[c], top, CHAR / 2) for c, f in zip((3, 4, 5, 6, 7, 8), figures, strict=True)]
    w += [_word("预期目标", X[1], 186.9), _word("实际完成情况", X[5], 186.9),
          _word("年度总体目", X[0], 192.3), _word("标", X[0], 202.3),
          _word("完成道路养护任务，保障通行安全。", X[1], 203.0), _word("已完成年度养护任务。", X[5], 203.0)]
    # the indicator block below: its rows leave the label column empty
    top = 223.7
    w += [_word(t, X[c], top) for c, t in enumerate(("一级指标", "二级指标", "三级指标", "年度目标", "实际完成值",
                                                      "分值", "自评得分"), start=1)]
    indicators = (("产出指标", "数量指标", "养护里程", "≥86公里", "88公里", "10", "10"),
                  ("", "", "桥梁检测座数", "12座", "12座", "10", "10"),
                  ("", "质量指标", "路况优良率", "≥85%", "87.2%", "10", "10"),
                  ("", "时效指标", "病害处置时限", "48小时内", "36小时", "10", "10"),
                  ("", "成本指标", "每公里养护成本", "≤5.8万元", "5.3万元", "10", "10"),
                  ("效益指标", "社会效益指标", "群众出行满意", "明显改善", "明显改善", "15", "15"),
                  ("", "可持续影响指标", "养护机制运行", "长期", "长期", "10", "10"),
                  ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "93%", "15", "14"))
    for cells in indicators:
        top += 16.0
        w += [_word(t, X[c], top, CHAR if c < 4 else CHAR / 2 if t[0].isdigit() else CHAR)
              for c, t in enumerate(cells, start=1) if t]
    w += [_word("总分", X[0], top + 16.0), _word("100", X[6], top + 16.0, CHAR / 2),
          _word("89.44", X[7], top + 16.0, CHAR / 2)]
    return w


def test_labels_as_wide_as_each_other_on_their_own_rows_are_not_one_wrapped_label() -> None:
    rows = _rows(_calc_form())
    firsts = [r[0] for r in rows if r[0]]
    assert firsts[:3] == ["项目名称", "主管部门", "资金来源"]
    assert next(r for r in rows if r[0] == "项目名称")[2] == "乡村道路养护工程"
    assert next(r for r in rows if r[0] == "主管部门")[2] == "某区交通运输局"


SIZE = 9.0
LEADING = 12.1  # a wrapped cell's lines, top to top
ROW = 12.7  # one-line rows, top to top: padded a little


def test_one_line_rows_a_little_further_apart_than_wrapped_lines_tell_no_leading() -> None:
    # a fund block of eight one-line rows, then three names wrapped over two lines each: the one-line
    # rows' pitch is the commonest step, but lines closer than it show it is no leading
    tops = [100.0 + k * ROW for k in range(8)]
    names = []
    top = tops[-1] + 2 * ROW
    for _ in range(3):
        names += [top, top + LEADING]
        top += LEADING + 2 * ROW
    pieces = {0: [(t, t + SIZE) for t in tops], 1: [(t, t + SIZE) for t in names]}
    assert type_leading(pieces, lambda p: p, SIZE) is None


def _writer_form() -> list[dict[str, Any]]:
    """A department form whose cells hang from the top of their rows: the fund block's one-line rows at
    the padded pitch (a little more after a wrapped label), indicator names wrapped at the leading beside
    one-line figures."""
    x = (50.0, 120.0, 180.0, 240.0, 300.0, 360.0, 400.0, 440.0)
    w = [_word(t, x[c], 100.0, SIZE) for c, t in ((0, "资金来源"), (2, "金额（千元）"), (5, "分值"), (6, "执行率"),
                                                 (7, "得分"))]
    w += [_word(t, x[c], 112.6, SIZE) for c, t in ((2, "年初预算数"), (3, "全年预算数"), (4, "预算执行数"))]
    dash = ("—", "—", "—")
    funds = ((25.3, ["年度资金总额"], ("8,412.30", "8,412.30", "8,106.75"), ("10", "96.37%", "9.64")),
             (ROW, ["按收入性质分："], None, dash),
             (13.3, ["其中：一般公共预算财政拨", "款"], ("6,100.00", "6,100.00", "5,870.21"), dash),
             (ROW + LEADING, ["政府性基金预算财政拨款"], ("1,800.00", "1,800.00", "1,779.79"), dash),
             (ROW, ["国有资本经营预算"], dash, dash),
             (ROW, ["单位资金"], ("512.30", "512.30", "456.75"), dash),
             (ROW, ["按支出性质分："], None, dash),
             (13.3, ["其中：基本支出"], ("5,220.10", "5,220.10", "5,190.42"), dash),
             (ROW, ["项目支出"], ("3,192.20", "3,192.20", "2,916.33"), dash))
    top = 112.6
    for step, label, amounts, rest in funds:
        top += step
        w += [_word(line, x[0], top + k * LEADING, SIZE) for k, line in enumerate(label)]
        for c, f in zip((2, 3, 4, 5, 6, 7), (*(amounts or ("", "", "")), *rest), strict=True):
            if f:
                w.append(_word(f, x[c], top, SIZE / 2))
    top += ROW  # the year's goal: its label wrapped at the leading, its two cells a padded row apart
    w += [_word("年度总体目", x[0], top, SIZE), _word("预期目标", x[1], top, SIZE),
          _word("实际完成情况", x[4], top, SIZE), _word("标", x[0], top + LEADING, SIZE),
          _word("做好气象监测预警。", x[1], top + 12.6, SIZE),
          _word("年度任务全部完成。", x[4], top + 12.6, SIZE)]
    top += 12.6 + ROW
    for c, t in enumerate(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "评分")):
        w.append(_word(t, x[c], top, SIZE))
    indicators = (("产出指标", "数量指标", ("监测站点建", "设"), "≥12个", "12个", "20", "20"),
                  ("", "", ("预警信息发", "布次数"), "≥300次", "326次", "20", "20"),
                  ("", "质量指标", ("数据上传及", "时率"), "≥95%", "97.1%", "20", "20"),
                  ("效益指标", "社会效益指标", ("灾害损失减", "少"), "明显", "明显", "20", "18"))
    for l1, l2, name, target, actual, weight, score in indicators:
        top += ROW + (ROW - SIZE)
        for c, t in ((0, l1), (1, l2), (3, target), (4, actual), (5, weight), (6, score)):
            if t:
                w.append(_word(t, x[c], top, SIZE))
        w += [_word(name[0], x[2], top, SIZE), _word(name[1], x[2], top + LEADING, SIZE)]
        top += LEADING
    return w


def test_fund_rows_at_a_padded_pitch_are_not_one_cell_centred_on_a_row() -> None:
    rows = _rows(_writer_form())
    labels = ("政府性基金预算财政拨款", "单位资金", "其中：基本支出", "项目支出")
    assert [r[0] for r in rows if r[0] in labels] == list(labels)
    (spending,) = [r for r in rows if r[0] == "项目支出"]
    assert spending[2:5] == ["3,192.20", "3,192.20", "2,916.33"]
    (unit,) = [r for r in rows if r[0] == "单位资金"]
    assert unit[2:5] == ["512.30", "512.30", "456.75"]
    (name,) = [r for r in rows if r[2].startswith("预警信息发")]
    assert name[2:5] == ["预警信息发\n布次数", "≥300次", "326次"]


def test_a_cell_below_the_last_row_of_a_centred_form_stays_on_the_rows() -> None:
    # a centred form (cells of one and two lines about one centre) with a note under its last row in a
    # column whose cell above already stands on that row
    lead, pad = 14.8, 3.3
    columns: dict[int, list[tuple[float, float]]] = {0: [], 1: [], 2: []}
    top = 100.0
    for _ in range(4):  # rows: a two-line name beside one-line figures, centred
        height = lead + SIZE + 2 * pad
        mid = top + height / 2
        columns[0] += [(mid - (lead + SIZE) / 2, mid - (lead + SIZE) / 2 + SIZE),
                       (mid - (lead + SIZE) / 2 + lead, mid - (lead + SIZE) / 2 + lead + SIZE)]
        columns[1].append((mid - SIZE / 2, mid + SIZE / 2))
        columns[2].append((mid - SIZE / 2, mid + SIZE / 2))
        top += height
    columns[2].append((top + 2 * lead, top + 2 * lead + SIZE))  # the note, alone below the form
    got = centred_cell_rows(columns, lambda p: p, SIZE)
    assert got is not None
    extents, cells = got
    assert all(0 <= r < len(extents) for groups in cells.values() for _, r in groups)
