"""Borderless 部门预算/决算 statements read from word positions (extract/tables/position_columns.py).

The pages are drawn here as words with boxes, the way the national templates typeset a statement
without rulings: header cells centred (or set left) in their columns, amounts aligned right,
codes and item names aligned left, so a short header and its column's figures need not overlap,
and an amount column empty in this table shows its header alone. The expected rows are the
statement as printed (header over its column's figures).
"""

from __future__ import annotations

from typing import Any

from word_boxes import left as _left
from word_boxes import right as _right
from word_boxes import width as _width

from extract.tables.positions import align_continued, read_positions
from model.tables import RawTable

LINE = 14.0  # from one printed line's top to the next


def _centred(text: str, col: tuple[float, float], top: float) -> dict[str, Any]:
    return _left(text, (col[0] + col[1] - _width(text)) / 2, top)


def _tables(words: list[dict[str, Any]]) -> list[RawTable]:
    return [p.table for p in read_positions(words, page=1, page_height=842, reader="words")]


# the columns of a 收入决算表: 类 | 款 | 项 | 科目名称 | 本年收入合计 | 财政拨款收入 | 上级补助收入 | 事业收入
COLS = ((40.0, 80.0), (80.0, 120.0), (120.0, 160.0), (160.0, 300.0), (300.0, 380.0), (380.0, 460.0),
        (460.0, 540.0), (540.0, 620.0))
BODY = (
    ("201", "", "", "一般公共服务支出", "701.83", "680.01", "", "7.27"),
    ("201", "03", "", "政府办公厅事务", "438.35", "416.53", "", "7.27"),
    ("201", "03", "01", "行政运行", "233.89", "233.89", "", ""),
    ("201", "03", "50", "事业运行", "1,152.49", "1,130.67", "", "7.27"),
)


def _statement(top: float = 100.0) -> list[dict[str, Any]]:
    words = [_centred("科目编码", (COLS[0][0], COLS[2][1]), top)]
    heads = ("科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入")
    for name, col in zip(heads, COLS[3:], strict=True):
        words.append(_centred(name, col, top + LINE / 2))
    words += [_centred(level, col, top + LINE) for level, col in zip("类款项", COLS[:3], strict=True)]
    for i, row in enumerate(BODY):
        y = top + (2 + i) * LINE
        for text, col, k in zip(row, COLS, range(len(COLS)), strict=True):
            if text:
                words.append(_right(text, col[1] - 2, y) if k >= 4 else _left(text, col[0] + 2, y))
    return words


def test_short_header_centred_beside_right_aligned_amounts_labels_them() -> None:
    # 事业收入 is centred in its column, its amounts (7.27) end at the column's right: they never
    # overlap, and the column of 上级补助收入, empty in this table, shows its header alone
    (table,) = _tables(_statement())
    header = next(r for r in table.rows if "事业收入" in r)
    data = [r for r in table.rows if "行政运行" in r or "一般公共服务支出" in r]
    col = header.index("事业收入")
    assert [r[col] for r in data] == ["7.27", ""]
    assert header.index("上级补助收入") == col - 1
    assert all(r[col - 1] == "" for r in data)
    assert [r[header.index("财政拨款收入")] for r in data] == ["680.01", "233.89"]


def test_level_headers_centred_over_left_aligned_codes_label_the_code_columns() -> None:
    # 类 / 款 / 项 are centred in narrow columns whose codes are printed from the left edge
    (table,) = _tables(_statement())
    levels = next(r for r in table.rows if "类" in r)
    row = next(r for r in table.rows if "事业运行" in r)
    assert [row[levels.index(x)] for x in "类款项"] == ["201", "03", "50"]


def test_header_wrapped_over_two_lines_is_one_cell() -> None:
    # 一般公共预算拨款 / 收入: one header cell printed on two lines above right-aligned amounts
    cols = ((40.0, 160.0), (160.0, 240.0), (240.0, 320.0))
    words = [_centred("科目名称", cols[0], 100), _left("一般公共预算拨款", cols[1][0] + 2, 100),
             _left("收入", cols[1][0] + 2, 100 + LINE), _centred("其他收入", cols[2], 100)]
    for i, (name, a, b) in enumerate((("行政运行", "181.12", "2.00"), ("事业运行", "264.96", "28.65"),
                                      ("城管执法", "107.00", "28.00"))):
        y = 100 + (2 + i) * LINE
        words += [_left(name, cols[0][0] + 2, y), _right(a, cols[1][1] - 2, y), _right(b, cols[2][1] - 2, y)]
    (found,) = read_positions(words, page=1, page_height=842, reader="words")
    table = found.table
    assert table.rows[0] == ["科目名称", "一般公共预算拨款\n收入", "其他收入"]
    assert table.rows[1] == ["行政运行", "181.12", "2.00"]
    # the joined cell's box covers both its lines, and every row keeps its boxes (the interpreters
    # read cell lines by them)
    assert len(found.boxes) == len(table.rows)
    box = found.boxes[0][1]
    assert box is not None and box[1] <= 100 and box[3] >= 100 + LINE


def test_next_table_with_its_own_header_is_not_a_continuation() -> None:
    # a new statement at the top of the next page has fewer columns than the one before it, but its
    # first row is its header, not rows of amounts: its columns are its own
    first = RawTable.on_page(page=1, rows=[["类", "款", "科目名称", "合计", "基本支出"],
                                           ["201", "03", "行政运行", "5.00", "5.00"]],
                             reader="words", bbox=(0, 0, 500, 100), index_on_page=0)
    first.columns = [(0, 40), (40, 80), (80, 200), (200, 300), (300, 400)]
    second = RawTable.on_page(page=2, rows=[["科目编码", "科目名称", "合计"], ["301", "工资福利支出", "9.00"]],
                              reader="words", bbox=(0, 0, 500, 100), index_on_page=0)
    second.columns = [(0, 70), (90, 200), (210, 300)]
    align_continued([first, second])
    assert second.rows[0] == ["科目编码", "科目名称", "合计"]


def test_form_rows_continued_without_figures_in_their_first_row_are_still_a_continuation() -> None:
    # a 绩效自评表 continued on the next page: its first row is an indicator whose values are words
    # (= 作用明显 % 作用明显), the level labels merged down from the page before are not printed again
    first = RawTable.on_page(page=1, rows=[["一级指标", "二级指标", "三级指标", "符号", "指标值", "单位", "完成值"],
                                           ["产出指标", "数量指标", "培训人次", ">", "90", "%", "92"]],
                             reader="words", bbox=(0, 0, 500, 100), index_on_page=0)
    first.columns = [(0, 50), (50, 100), (100, 200), (200, 230), (230, 300), (300, 330), (330, 400)]
    second = RawTable.on_page(page=2, rows=[["提高农村地区道路", "=", "作用明显", "%", "作用明显"],
                                            ["安全事故发生次数", "<", "0", "%", "0"],
                                            ["交通安全标志标牌", "=", "作用明显", "%", "作用明显"]],
                              reader="words", bbox=(0, 0, 500, 100), index_on_page=0)
    second.columns = [(100, 200), (200, 230), (230, 300), (300, 330), (330, 400)]
    align_continued([first, second])
    assert second.rows[0] == ["", "", "提高农村地区道路", "=", "作用明显", "%", "作用明显"]


def test_amounts_of_a_side_with_fewer_rows_are_one_line_cells_each() -> None:
    # a 财政拨款收支总表 whose income side holds fewer rows than its expense side: its column of amounts
    # (each as wide as the column, flush right) is no column of labels wrapped down its rows; every
    # amount stays on its own row
    pitch = 12.0
    words = [_left("收入", 100, 88), _left("支出", 380, 88)]
    words += [_left(h, x, 100) for h, x in (("项目", 80), ("预算数", 170), ("项目", 300), ("合计", 420),
                                         ("一般公共预算", 470), ("政府性基金预算", 560))]
    left = [("一、本年收入", "32,809,517.58"), ("（一）一般公共预算拨款", "28,148,337.58"),
            ("（二）政府性基金预算拨款", "4,661,180.00"), ("（三）国有资本经营预算拨款", ""), ("二、上年结转", "")]
    right = [("一、一般公共服务支出", "5,477,555.71", "5,477,555.71", ""),
             ("二、文化旅游体育与传媒支出", "2,486,927.00", "2,486,927.00", ""),
             ("三、社会保障和就业支出", "4,679,372.22", "4,679,372.22", ""),
             ("四、卫生健康支出", "4,405,021.97", "4,405,021.97", ""),
             ("五、城乡社区支出", "8,909,883.02", "4,248,703.02", "4,661,180.00"),
             ("六、农林水支出", "2,235,387.00", "2,235,387.00", ""),
             ("七、住房保障支出", "4,615,370.66", "4,615,370.66", "")]
    for i, (name, total, gen, fund) in enumerate(right):
        y = 115 + i * pitch
        if i < len(left):
            words.append(_left(left[i][0], 40, y))
            if left[i][1]:
                words.append(_right(left[i][1], 230, y))
        words += [_left(name, 250, y), _right(total, 460, y), _right(gen, 550, y)]
        if fund:
            words.append(_right(fund, 640, y))
    y = 115 + len(right) * pitch
    words += [_left("收入总计", 40, y), _right("32,809,517.58", 230, y), _left("支出总计", 250, y),
              _right("32,809,517.58", 460, y), _right("28,148,337.58", 550, y), _right("4,661,180.00", 640, y)]
    (found,) = read_positions(words, page=1, page_height=842, reader="words")
    rows = {r[0]: r[1] for r in found.table.rows if r[0]}
    assert rows["一、本年收入"] == "32,809,517.58"
    assert rows["（一）一般公共预算拨款"] == "28,148,337.58"
    assert rows["（二）政府性基金预算拨款"] == "4,661,180.00"
    assert rows["收入总计"] == "32,809,517.58"
