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
