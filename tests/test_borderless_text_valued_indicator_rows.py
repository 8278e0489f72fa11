"""Borderless 项目（支出）绩效目标完成情况表 whose indicator rows print text values (issue #11, the pairs forms
of holdout3/holdout4 read without rulings).

- Set tight (Calc: one line of white between rows, less than a line height), a row whose values are
  words (年底前完成 | 已于年底前完成: no figure in the column of targets) stands as close under the row of
  figures above it as the lines of one wrapped cell do. It is a row of its own: the line above ends well
  short of its column's width (100%（含）, 质量指标), so nothing there wraps onto the next line.
- A 一级指标 label centred on five rows and a 二级指标 label merged over two rows may print side by side on
  one line between two rows (项目完成指标 | 质量指标): a line of level names alone names no item and is no
  row; the labels go to the row they are centred on (the upper of two, as a ruled reader gives them).
- A form hanging its cells from the top of their rows, cut by a page break inside a wrapped name: the
  name's last line at the top of the next page stands above the first row's line, in the column that
  row's name begins on. It is the rest of the row cut by the break, a row of its own (as the ruled
  reader gives it), not the start of the first row's name.

The forms are made up (a county's elderly-care subsidy, a water bureau's project), as word boxes set the
way Calc and Writer set such tables. Expectations are what the made-up forms print.
"""

from __future__ import annotations

from typing import Any

import word_boxes

from extract.tables.cell_wraps import runs_on
from extract.tables.positions import Segment, read_positions

CHAR = 6.2  # width and height of one CJK character (Calc's 9 pt type at 70%)


def _word(text: str, x0: float, top: float, char: float = CHAR) -> dict[str, Any]:
    return word_boxes.left(text, x0, top, char)


def _tables(words: list[dict[str, Any]]) -> list[list[list[str]]]:
    return [[[(c or "") for c in r] for r in found.table.rows]
            for found in read_positions(words, page=1, page_height=842, reader="words")]


# columns of the Calc form: 一级指标 | 二级指标 | 三级指标 | 预期指标值 | 实际完成指标值
X = (54.7, 129.0, 203.3, 299.9, 418.7)
PITCH = 11.4  # one row to the next: a line of 6.2 pt and 5.2 pt of white


def _calc_form(indicators: list[tuple[str, str, str, str, str]], between: dict[int, str]) -> list[dict[str, Any]]:
    """A pairs form: head rows, fund pairs, goals, then ``indicators`` (一级 | 二级 | 三级 | target | actual,
    one line each); ``between``: lines of labels set halfway below indicator row k (level names centred on
    the rows around them), as "一级|二级"."""
    w = [_word("项目名称", X[0], 93.2), _word("社区居家养老服务补贴", X[1], 93.2),
         _word("主管部门", X[0], 104.6), _word("某县民政局", X[1], 104.6),
         _word("实施单位", X[0], 116.0), _word("某县养老服务指导中心", X[1], 116.0),
         _word("年初预算数：85.40", X[1], 127.4), _word("全年执行数：83.12", X[3], 127.4),
         _word("预算执行情况", X[0], 134.3),
         _word("其中-财政拨款：70.00", X[1], 138.8), _word("其中-财政拨款：69.50", X[3], 138.8),
         _word("（万元）", X[0], 143.3),
         _word("其它资金：15.40", X[1], 150.2), _word("其它资金：13.62", X[3], 150.2),
         _word("预期目标", X[1], 161.5), _word("实际完成目标", X[3], 161.5),
         _word("年度目标完成情况", X[0], 170.8),
         _word("按计划发放社区居家养老服务补贴，提升老年人生活质量，保", X[1], 172.1),
         _word("补贴按时足额发放，服务质量稳步提升，老年人获得感增强。", X[3], 176.5),
         _word("障服务正常开展。", X[1], 181.1)]
    header = ("一级指标", "二级指标", "三级指标", "预期指标值（包含数字及文字描述）",
              "实际完成指标值（包含数字及文字描述）")
    w += [_word(t, X[c], 195.1) for c, t in enumerate(header)]
    top = 210.1
    for k, cells in enumerate(indicators):
        w += [_word(t, X[c], top) for c, t in enumerate(cells) if t]
        if k in between:
            w += [_word(t, X[c], top + PITCH / 2) for c, t in enumerate(between[k].split("|")) if t]
        top += PITCH
    return w


def _row_of(rows: list[list[str]], name: str) -> list[str]:
    (row,) = [r for r in rows if name in r[2]]
    return row


def test_a_row_of_text_values_under_a_row_of_figures_is_a_row_of_its_own() -> None:
    indicators = [("", "数量指标", "新建社区助餐点", "≥12个", "14个"),
                  ("", "", "培训养老护理员", "≥300人次", "326人次"),
                  ("", "质量指标", "服务投诉办结率", "100%（含）", "100%"),
                  ("", "时效指标", "补贴发放时限", "次月底前完成", "已于次月底前完成"),
                  ("", "成本指标", "人均补贴标准", "≤300元/人", "286.5元/人"),
                  ("效益指标", "社会效益指标", "受益老年人数", "1200人", "1260人"),
                  ("", "可持续影响指标", "服务机制运行", "长期有效", "持续运行"),
                  ("满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "95.2%")]
    (rows,) = _tables(_calc_form(indicators, {2: "产出指标|"}))
    assert _row_of(rows, "服务投诉办结率")[1:] == ["质量指标", "服务投诉办结率", "100%（含）", "100%"]
    assert _row_of(rows, "补贴发放时限")[1:] == ["时效指标", "补贴发放时限", "次月底前完成", "已于次月底前完成"]
    assert _row_of(rows, "服务机制运行")[1:] == ["可持续影响指标", "服务机制运行", "长期有效", "持续运行"]
    assert _row_of(rows, "人均补贴标准")[1] == "成本指标"


def test_a_line_of_level_names_alone_between_two_rows_is_no_row() -> None:
    indicators = [("", "数量指标", "开展上门巡访", "完成年度任务", "已完成年度任务"),
                  ("", "", "新增养老床位", "≥0.2万张", "2180张"),
                  ("", "", "护理员持证上岗率", "不低于95%", "97.1%"),
                  ("", "", "助浴服务合格率", "符合服务规范", "全部符合规范"),
                  ("", "时效指标", "服务响应周期", "按时完成", "按时完成"),
                  ("", "成本指标", "单床运营成本", "≤560元/月", "532.8元/月"),
                  ("效益指标", "社会效益指标", "困难老人覆盖率", "85%以上", "88.4%"),
                  ("满意度指标", "服务对象满意度指标", "家属满意度", "96%", "97.5%")]
    # 质量指标, merged over the rates' two rows, and 产出指标, centred on five, print halfway between them
    (rows,) = _tables(_calc_form(indicators, {2: "产出指标|质量指标"}))
    assert not [r for r in rows if r[1] == "质量指标" and not r[2]]
    assert _row_of(rows, "护理员持证上岗率")[1:] == ["质量指标", "护理员持证上岗率", "不低于95%", "97.1%"]
    assert _row_of(rows, "助浴服务合格率")[1:] == ["", "助浴服务合格率", "符合服务规范", "全部符合规范"]
    assert _row_of(rows, "服务响应周期")[1:] == ["时效指标", "服务响应周期", "按时完成", "按时完成"]


# a Writer form hanging its cells from the top of their rows, 9.5 pt type, rows 13.3 pt apart
WX = (119.0, 178.0, 238.0, 314.0, 409.0)
WCHAR = 9.5
WPITCH = 13.3


def test_a_name_cut_by_the_page_break_above_the_first_row_is_a_row_of_its_own() -> None:
    lines = [("", "", "次", "", ""),  # the end of 组织水质抽检人/次, begun at the foot of the page before
             ("", "", "完成管网巡查", "覆盖**公里", "覆盖**公里"),
             ("", "", "里程", "", ""),
             ("", "质量指标", "供水水质达标", "≥98%", "99.2%"),
             ("", "", "率", "", ""),
             ("", "", "管网漏损控制", "≤12%", "10.6%"),
             ("", "", "率", "", ""),
             ("", "时效指标", "抢修到场时间", "2小时内", "1.5小时"),
             ("", "成本指标", "管护经费控制", "≤96万元", "91.37万元"),
             ("", "", "额", "", ""),
             ("满意度指标", "服务对象满", "用水户满意度", "≥92%", "95.6%"),
             ("", "意度指标", "", "", "")]
    words = [_word(t, WX[c], 52.0 + k * WPITCH, WCHAR) for k, cells in enumerate(lines)
             for c, t in enumerate(cells) if t]
    (rows,) = _tables(words)
    assert rows[0] == ["", "", "次", "", ""]
    assert rows[1] == ["", "", "完成管网巡查\n里程", "覆盖**公里", "覆盖**公里"]
    assert ["", "质量指标", "供水水质达标\n率", "≥98%", "99.2%"] in rows


def _piece(text: str, x0: float, x1: float) -> Segment:
    return Segment(x0, x1, 0.0, CHAR, text)


def test_a_line_ending_short_of_its_column_runs_on_into_no_line_below() -> None:
    right = 259.0  # the column's widest line ends here
    assert runs_on(_piece("按计划实施道路养", 203.3, 252.9), _piece("护工程", 203.3, 221.9), right, CHAR)
    assert not runs_on(_piece("100%（含）", 203.3, 230.0), _piece("年底前完成", 203.3, 234.3), right, CHAR)
    # an opening bracket never ends a line: the line breaks before it with a character's room more
    assert not runs_on(_piece("预算执行情况", 209.4, 246.6), _piece("资金", 209.4, 221.8), right, CHAR)
    assert runs_on(_piece("预算执行情况", 209.4, 246.6), _piece("（万元）", 209.4, 234.2), right, CHAR)
