"""The text of a table is no prose: the cells of an indicator form that the text layer holds (a
borderless form's columns come out one after another) never become budget figures of source="text".

The pages are typeset here with other names, amounts and wording than any sample: a project form
whose indicator values carry money units (≥2400万元, 不少于65万元), a row of figures, and a paragraph
of prose on the same page whose figures must still be read.
"""

from __future__ import annotations

from pathlib import Path

from extract.interpreters.narrative import read_narrative
from extract.interpreters.prose.figures import read_prose_figures
from extract.text.paragraphs import paragraphs
from extract.text.table_text import in_table, is_table_line, table_cells
from model.document import DocInput
from model.pages import PageText
from model.tables import RawTable
from normalize.indicator_levels import names_a_level

PROSE = "本年度湖滨街道垃圾分类项目预算资金 652.40 万元，实际支出 611.05 万元。"

# the text layer of a borderless form: the label column first, then the values, one column at a time
FORM_TEXT = "\n".join(
    [
        "项目名称 湖滨街道垃圾分类项目",
        "一级指标 二级指标 三级指标 年度指标值 实际完成值",
        "产出指标",
        "数量指标 新增分类投放点",
        "成本指标 分类设施采购成本",
        "效益指标",
        "经济效益指标 资源回收收益",
        "140个 152个",
        "≤310万元 296.4万元",
        "不少于65万元 71万元",
        "达标 达标",
    ]
)

FORM_ROWS: list[list[str | None]] = [
    ["项目名称", "湖滨街道垃圾分类项目", "", "", ""],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
    ["产出指标", "数量指标", "新增分类投放点", "140个", "152个"],
    ["", "成本指标", "分类设施采购成本", "≤310万元", "296.4万元"],
    ["效益指标", "经济效益指标", "资源回收收益", "不少于65万元", "71万元"],
    ["", "社会效益指标", "居民参与率", "达标", "达标"],
]


def _doc(text: str, tables: list[RawTable] | None = None, kind: str = "self_eval") -> DocInput:
    return DocInput(
        doc_id="d", path=Path("x.pdf"), file_type="pdf", report_kind=kind, tables=tables or [],
        pages=[PageText(number=1, text=text, width=595.0, height=842.0)],
    )


def _form_table() -> RawTable:
    return RawTable.on_page(page=1, rows=FORM_ROWS, reader="words", bbox=(50.0, 90.0, 540.0, 320.0))


def _amounts(doc: DocInput) -> list[float]:
    return sorted(b.amount_wan for b in read_prose_figures(doc).budgets)


def test_cells_of_a_form_read_as_a_table_are_no_prose_figures() -> None:
    doc = _doc(FORM_TEXT + "\n" + PROSE, [_form_table()])
    assert _amounts(doc) == [611.05, 652.40]
    assert all("指标" not in (b.line_name or "") for b in read_prose_figures(doc).budgets)


def test_target_values_of_a_form_no_reader_took_are_no_prose_figures() -> None:
    """No table was read on the page (a borderless form the position reader rejected): the targets
    (≤, 不少于) and the cells beside an indicator level are still no figures of the prose."""
    doc = _doc(FORM_TEXT + "\n" + PROSE)
    assert _amounts(doc) == [611.05, 652.40]


def test_indicator_rows_run_into_one_line_are_no_prose_figures() -> None:
    line = "效益指标 经济效益指标 节约群众出行费用 88 万元 93 万元 10 10 生态效益指标 绿化覆盖率 96% 97% 5 5"
    assert _amounts(_doc(line)) == []


def test_a_target_stated_with_a_comparator_in_a_sentence_is_no_amount() -> None:
    doc = _doc("全年带动农户增收不低于 250 万元。维修成本控制在 40 万元以内。本单位公用经费 96.5 万元。")
    assert _amounts(doc) == [96.5]


def test_table_lines_end_the_paragraph_before_them() -> None:
    doc = _doc("年度资金总额 412.00 408.30 396.71\n" + PROSE, [])
    pars = paragraphs(doc)
    assert [p.text for p in pars] == [PROSE]


def test_a_line_that_is_one_line_of_a_multi_line_cell_is_table_text() -> None:
    table = RawTable.on_page(page=1, rows=[["质量指标\n时效指标", "验收合格率\n完工时限"]], reader="words")
    cells = table_cells(_doc("", [table]))[1]
    assert in_table("时效指标 完工时限", cells)
    assert not in_table("项目按期完工 验收合格", cells)
    assert is_table_line("其他资金 12.50 12.50 11.80")
    assert not is_table_line("其中：财政拨款 12.50 万元，其他资金 11.80 万元。")


def test_level_names_are_found_inside_a_run_of_cells() -> None:
    assert names_a_level("已按期完成社会效益指标群众满意")
    assert names_a_level("服务对象满意度指标")
    assert not names_a_level("项目产出和效益情况良好")  # bare 产出, 效益 are prose


def test_narrative_sections_still_leave_the_form_out() -> None:
    doc = _doc("一、项目基本情况\n" + PROSE + "\n" + FORM_TEXT, [_form_table()])
    text = "\n".join(r.text for r in read_narrative(doc).narratives)
    assert "652.40" in text
    assert "296.4万元" not in text


def test_a_cell_with_white_space_inside_is_still_one_cell_of_the_line() -> None:
    row: list[str | None] = ["基本支出总额", "3184.20 万元", "项目支出总额", "906.45 万元"]
    table = RawTable.on_page(page=1, rows=[row], reader="words")
    cells = table_cells(_doc("", [table]))[1]
    assert in_table("3184.20 万元 项目支出总额 906.45 万元", cells)
    assert not in_table("3184.20 万元 用于保障机关运转", cells)


def test_level_names_cut_by_a_line_break_or_without_their_suffix_still_name_a_form() -> None:
    """An OCR'd or narrow form: 社会效益指|标 broken over two lines, 经济效益 printed without 指标."""
    assert _amounts(_doc("社会效益指 新增就业岗位收入 64万元 70万元 8 8")) == []
    assert _amounts(_doc("经济效益 村集体增收 45 万元 47 万元 10 10")) == []
    assert not names_a_level("完成指定的维修任务")


def test_a_prose_line_broken_before_its_unit_is_no_row_of_figures() -> None:
    """A year and one amount on a line of prose (the unit 万元 wrapped to the next line) make no table row."""
    assert not is_table_line("青川县水利局 2021 年度收入、支出预算总计 3,406.72")
    assert not is_table_line("2023 年度“三公”经费支出决算数比 2022 年度减")
    doc = _doc("青川县水利局 2021 年度收入、支出预算总计 3,406.72\n万元，比上年增加 12.30 万元。")
    assert _amounts(doc) == [3406.72]


def test_prose_set_in_the_cells_of_a_grid_is_still_read() -> None:
    """A report laid out as a ruled grid (heading cell | text cell): the text cells are narrative."""
    text_cell = "青川县水利局 2021 年度收入合计 3406.72 万元，其中：财政拨\n款收入 3120.50 万元。"
    grid: list[list[str | None]] = [["一、部门基本情况", "（三）部门整体收支情况", text_cell]]
    table = RawTable.on_page(page=1, rows=grid, reader="pdfplumber")
    doc = _doc("一、部门基本情况 （三）部门整体收支情况\n" + text_cell, [table])
    assert _amounts(doc) == [3120.50, 3406.72]


def test_a_form_cell_whose_phrases_a_comma_joins_is_no_prose() -> None:
    # a cost indicator's target joins two phrases with a comma (按月计费，按季度考核结算); its row holds the
    # level, the indicator and the actual value too. The text layer runs those cells into one line: a
    # form's row, not a sentence stating an amount
    rows: list[list[str | None]] = [
        ["一级指标", "二级指标", "年度指标值", "实际完成值"],
        ["产出指标", "成本指标", "12.5万元/月，\n按季度考核结算", "全年结算养护费 150.00万元"],
    ]
    table = RawTable.on_page(page=1, rows=rows, reader="pdfplumber")
    doc = _doc("一级指标 二级指标 年度指标值 实际完成值\n产出指标 成本指标 12.5 万元/月，按季度考核结算 全年结算养护费 "
               "150.00 万元\n" + PROSE, [table])
    assert _amounts(doc) == [611.05, 652.40]
