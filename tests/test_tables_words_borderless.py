"""Borderless tables: rows and columns grouped from word positions, prose left alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extract.tables.words import READER, read_borderless, tables_on_page

FIXTURES = Path(__file__).resolve().parent / "fixtures"

CHAR = 10.0  # width and height of one CJK character in the synthetic pages


def _word(text: str, x0: float, top: float, char_width: float = CHAR) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + char_width * len(text), "top": top, "bottom": top + CHAR}


def test_budget_table_without_rulings_is_read_from_the_pdf() -> None:
    (t,) = read_borderless(FIXTURES / "tables_borderless.pdf", [1])
    assert t.reader == READER and t.page == 1
    # the fixture's source: a header and five income lines in three columns
    assert t.rows == [
        ["项目", "本年预算数", "上年预算数"],
        ["一、一般公共预算拨款收入", "1,234.56", "1,100.00"],
        ["二、政府性基金预算拨款收入", "85.20", "60.00"],
        ["三、事业收入", "12.00", "0.00"],
        ["四、其他收入", "3.45", "2.10"],
        ["收入总计", "1,335.21", "1,162.10"],
    ]
    # the title and unit above the table, the closing sentence below it, as the interpreters expect
    assert "部门收入预算总表" in t.text_above and "单位：万元" in t.text_above
    assert t.text_below == "以上收入预算均已按规定程序报批。"


def test_right_aligned_figures_of_different_widths_share_a_column() -> None:
    words = []
    for i, (name, a, b) in enumerate([("项目", "本年数", "上年数"), ("工资福利支出", "1,058.27", "990.00"),
                                      ("商品和服务支出", "92.03", "8.10"), ("合计", "1,150.30", "998.10")]):
        top = 100 + 20 * i
        words.append(_word(name, 50, top))
        words.append(_word(a, 300 - 5 * len(a), top, 5))  # numbers end at x = 300 whatever their width
        words.append(_word(b, 420 - 5 * len(b), top, 5))
    (t,) = tables_on_page(words, 3, 800)
    assert t.n_cols == 3
    assert [r[1] for r in t.rows] == ["本年数", "1,058.27", "92.03", "1,150.30"]
    assert [r[2] for r in t.rows] == ["上年数", "990.00", "8.10", "998.10"]


def test_prose_lines_are_not_a_table() -> None:
    # justified prose: words a normal space apart, some with figures in them
    lines = [["2020", "年度我队总收入", "2544.29", "万元，其中财政拨款收入", "2466.87", "万元；"],
             ["占全年总收入的", "96.9", "%；其他收入", "77.42", "万元，占全年总收入的", "3.1", "%。"],
             ["总支出", "2545.6", "万元，其中基本支出", "900.52", "万元，占全年总支出的", "35.3%，"]]
    words = []
    for i, line in enumerate(lines):
        x = 50.0
        for w in line:
            words.append(_word(w, x, 100 + 20 * i))
            x = words[-1]["x1"] + 3  # a space narrower than a character
    assert tables_on_page(words, 1, 800) == []


def test_contents_with_leader_dots_is_not_a_table() -> None:
    words = []
    titles = ["一、收入支出决算总表", "二、收入决算表", "三、支出决算表", "四、财政拨款收入支出决算总表"]
    for i, title in enumerate(titles):
        top = 100 + 20 * i
        words += [_word(title, 50, top), _word("……………", 300, top), _word(str(5 + i), 480, top)]
    assert tables_on_page(words, 2, 800) == []


def test_columns_of_text_without_figures_are_not_taken_for_a_table() -> None:
    words = []
    for i, (a, b) in enumerate([("主管部门", "区财政局"), ("实施单位", "区财政局"), ("项目负责人", "张三")]):
        words += [_word(a, 50, 100 + 20 * i), _word(b, 300, 100 + 20 * i)]
    assert tables_on_page(words, 1, 800) == []


def test_a_borderless_statement_reaches_the_budgets_table_marked_by_its_reader() -> None:
    from extract.document import read_document

    res = read_document(Path(__file__).parent / "fixtures" / "tables_borderless.pdf")
    rows = {(b.line_name, b.measure): b for b in res.extraction.budgets}
    total = rows[("收入总计", "全年预算数")]
    assert total.amount_wan == 1335.21 and total.extractor == "words"
    assert rows[("政府性基金预算拨款收入", "全年预算数")].amount_wan == 85.2


def test_labels_hung_from_the_top_of_their_rows_stay_on_the_rows_their_pairs_begin() -> None:
    # a project form set without rulings, every cell hung from the top of its row: the left column's labels
    # (one of them wrapped over the rows of its fund pairs) stand on the lines where the other columns begin
    # their rows, a pair label wraps to a line of its own, and the next row's label (年度目标, a heading
    # beside it) follows that line; the second-level indicators are merged down their third-level rows
    lines = [
        [("课题名称", 100), ("农村公路养护", 160)],
        [("承担单位", 100), ("某县交通运输局", 160)],
        [("资金规模", 100), ("年初预算：", 160), ("120.00", 240), ("全年执行：", 300), ("118.50", 400)],
        [("情况", 100), ("其中-专", 160), ("100.00", 240), ("其中-专项资金：", 300), ("99.00", 400)],
        [("（元）", 100), ("项资金：", 160)],
        [("自筹资", 160), ("20.00", 240), ("自筹资金：", 300), ("19.50", 400)],
        [("金：", 160)],
        [("年度目标", 100), ("预期目标", 160), ("实际完成目标", 300)],
        [("完成情况", 100), ("完成全县农村", 160), ("已完成", 300)],
        [("公路日常养护", 160)],
        [("任务。", 160)],
        [("一级指标", 100), ("二级指标", 160), ("三级指标", 240), ("指标值", 300), ("实际值", 400)],
        [("产出指标", 100), ("数量指标", 160), ("养护里程", 240), ("≥50公里", 300), ("52公里", 400)],
        [("巡查次数", 240), ("≥12次", 300), ("15次", 400)],
        [("质量指标", 160), ("合格率", 240), ("≥95%", 300), ("96%", 400)],
        [("修复率", 240), ("≥90%", 300), ("93%", 400)],
        [("时效指标", 160), ("完工时间", 240), ("11月底前", 300), ("11月", 400)],
        [("拨付及时率", 240), ("100%", 300), ("100%", 400)],
        [("效益指标", 100), ("社会效益", 160), ("通行时间", 240), ("缩短", 300), ("缩短10%", 400)],
    ]
    words = [_word(text, x, 100 + 15 * i, 6.0 if text[0].isdigit() or text[0] == "≥" else CHAR)
             for i, line in enumerate(lines) for text, x in line]
    (t,) = tables_on_page(words, 1, 800)
    first = [r[0] for r in t.rows]
    assert first[:2] == ["课题名称", "承担单位"]
    assert t.rows[2][0].startswith("资金规模") and t.rows[2][1:] == ["年初预算：", "120.00", "全年执行：", "118.50"]
    assert t.rows[3][1:] == ["其中-专\n项资金：", "100.00", "其中-专项资金：", "99.00"]
    assert t.rows[4][1:] == ["自筹资\n金：", "20.00", "自筹资金：", "19.50"]
    assert "年度目标" not in "".join(r[0] or "" for r in t.rows[:5])
    assert t.rows[5][0] == "年度目标\n完成情况" and t.rows[5][1].startswith("预期目标")
    assert t.rows[6] == ["一级指标", "二级指标", "三级指标", "指标值", "实际值"]


def test_a_row_after_label_value_pairs_begins_where_its_label_begins() -> None:
    # the fund block printed as label:value pairs (each closed by its amount, a one-line cell like an
    # amount); the next row's label and headings follow the last pair line: nothing continues a pair
    lines = [
        [("课题名称", 100), ("校舍维修改造", 160)],
        [("承担单位", 100), ("某区教育局", 160)],
        [("资金规模", 100), ("年初预算：56.20", 160), ("全年执行：55.80", 300)],
        [("执行情况", 100), ("其中：专项资金：50.00", 160), ("其中：专项资金：49.60", 300)],
        [("（元）", 100), ("自筹资金：6.20", 160), ("自筹资金：6.20", 300)],
        [("年度目标", 100), ("预期目标", 160), ("实际完成目标", 300)],
        [("完成情况", 100), ("完成五所学校", 160), ("已完成", 300)],
        [("校舍维修", 160)],
        [("一级指标", 100), ("二级指标", 160), ("三级指标", 240), ("指标值", 300), ("实际值", 400)],
        [("产出指标", 100), ("数量指标", 160), ("维修面积", 240), ("≥800平方米", 300), ("820平方米", 400)],
        [("学校数量", 240), ("5所", 300), ("5所", 400)],
        [("质量指标", 160), ("验收合格率", 240), ("100%", 300), ("100%", 400)],
        [("效益指标", 100), ("社会效益", 160), ("办学条件", 240), ("改善", 300), ("明显改善", 400)],
    ]
    words = [_word(text, x, 100 + 15 * i, 6.0 if text[0].isdigit() or text[0] == "≥" else CHAR)
             for i, line in enumerate(lines) for text, x in line]
    (t,) = tables_on_page(words, 1, 800)
    pairs = [r[1] for r in t.rows if r[1] and "：" in r[1]]
    assert pairs == ["年初预算：56.20", "其中：专项资金：50.00", "自筹资金：6.20"]
    (goal,) = [r for r in t.rows if r[0] and r[0].startswith("年度目标")]
    assert goal[1].startswith("预期目标") and goal[3].startswith("实际完成目标")


def _page(lines: list[list[tuple[str, float]]], pitch: float = 15.0) -> list[dict[str, Any]]:
    return [_word(text, x, 100 + pitch * i, 6.0 if text[0].isdigit() or text[0] in "≥≤" else CHAR)
            for i, line in enumerate(lines) for text, x in line]


def test_a_line_under_a_rows_one_line_figure_begins_the_next_row_after_a_wrapped_name() -> None:
    # indicator rows hung from the top of their rows: a name wraps to a second line (率) under a row whose
    # actual value is a one-line figure (96.5%); the next row (its level-two label, name and two values in
    # words) follows that second line and prints a cell under the figure: it begins a row of its own
    lines = [
        [("一级指标", 100), ("二级指标", 160), ("三级指标", 240), ("预期指标值", 320), ("实际完成值", 420)],
        [("产出指标", 100), ("数量指标", 160), ("培训人次", 240), ("≥300人次", 320), ("312人次", 420)],
        [("质量指标", 160), ("课程考核合格", 240), ("≥90%", 320), ("96.5%", 420)],
        [("率", 240)],
        [("时效指标", 160), ("培训完成时间", 240), ("十月底前完成", 320), ("已按期完成", 420)],
        [("成本指标", 160), ("人均培训费用", 240), ("≤800元", 320), ("760元", 420)],
        [("效益指标", 100), ("社会效益", 160), ("技能提升人数", 240), ("≥250人", 320), ("268人", 420)],
    ]
    (t,) = tables_on_page(_page(lines), 1, 800)
    names = [r[2] for r in t.rows]
    assert names == ["三级指标", "培训人次", "课程考核合格\n率", "培训完成时间", "人均培训费用", "技能提升人数"]
    (late,) = [r for r in t.rows if r[2] == "培训完成时间"]
    assert late[1] == "时效指标" and late[3:] == ["十月底前完成", "已按期完成"]


def test_the_wrapped_end_of_a_cell_from_the_page_before_spanning_columns_is_in_the_table() -> None:
    # the top of a page: the last line of a goals cell begun on the page before (a form of three columns
    # there), flush with its column and wider than this page's columns, then the indicator rows of five
    # columns; it belongs to the table (as a ruled reader has it), not to the text above it
    lines = [
        [("全部建成并投入使用。", 160)],
        [("一级指标", 100), ("二级指标", 160), ("三级指标", 240), ("预期指标值", 320), ("实际完成值", 420)],
        [("产出指标", 100), ("数量指标", 160), ("建成泵站数量", 240), ("≥6座", 320), ("6座", 420)],
        [("质量指标", 160), ("工程验收合格率", 240), ("100%", 320), ("100%", 420)],
        [("效益指标", 100), ("社会效益", 160), ("受益灌溉面积", 240), ("≥1200亩", 320), ("1260亩", 420)],
    ]
    (t,) = tables_on_page(_page(lines), 2, 800)
    assert "全部建成并投入使用。" not in t.text_above
    assert any("全部建成并投入使用。" in (c or "") for r in t.rows[:2] for c in r)
    assert [r[2] for r in t.rows if r[2] and "指标" not in r[2]][:3] == ["建成泵站数量", "工程验收合格率",
                                                                       "受益灌溉面积"]


def test_a_row_whose_figures_are_withheld_keeps_its_wrapped_labels() -> None:
    # the first indicator row prints its values withheld (完成**次): the wrapped last lines of its level-one
    # label and of its name (管理 | 次数) continue that row, as they do under a row of figures
    lines = [
        [("一级指标", 100), ("二级指标", 160), ("三级指标", 240), ("预期指标值", 320), ("实际完成值", 420)],
        [("项目产出", 100), ("数量指标", 160), ("开展巡河巡查", 240), ("完成**次", 320), ("完成**次", 420)],
        [("管理", 100), ("次数", 240)],
        [("质量指标", 160), ("问题整改完成", 240), ("≥95%", 320), ("97.2%", 420)],
        [("率", 240)],
        [("时效指标", 160), ("整改完成时限", 240), ("当年完成", 320), ("按期完成", 420)],
        [("成本指标", 160), ("巡查人均成本", 240), ("≤300元", 320), ("285元", 420)],
        [("项目效益", 100), ("生态效益", 160), ("水质达标率", 240), ("≥90%", 320), ("92.6%", 420)],
        [("满意度", 100), ("满意度", 160), ("沿河群众满意度", 240), ("≥85%", 320), ("90.3%", 420)],
    ]
    (t,) = tables_on_page(_page(lines), 1, 800)
    assert [r[2] for r in t.rows] == ["三级指标", "开展巡河巡查\n次数", "问题整改完成\n率", "整改完成时限",
                                      "巡查人均成本", "水质达标率", "沿河群众满意度"]
    assert t.rows[1][0] == "项目产出\n管理"
