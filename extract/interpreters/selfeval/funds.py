"""Fund blocks of self-evaluation forms -> BudgetRow(source="table").

Three layouts:
- column header (年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 分值 | 得分) over rows by
  funding source (年度资金总额, 其中：当年财政拨款, 上年结转资金 ...); with a second header
  row naming sources per column (批复金额 over 总额 | 财政拨款 | 其他资金) the rows are items
  (任务名称) instead;
- label/amount pairs in a row (预算数: | 1047.8 | 执行数: | 1047.8), one row per source: read by
  fund_pairs.py;
- a money label and its amount in the next cell (基本支出总额 | 5576.54 万元).
A header's measures may wrap over table rows of their own (年初预算 over 数: a reader of word positions
gives each printed line a row); a header printing nothing before its measures may have its rows labelled
in the first column, with the lines of a block label merged down that column run into them (row_label).
Blank and "—" cells are "not filled", not zero. Amounts without a stated unit are 万元
unless a unit line above the form says so (单位：元, see unit_above) or the block's largest
amount reaches the vocabulary's yuan_threshold (then 元, noted).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from extract.interpreters.selfeval.money_units import unit_in_cells, unit_line
from extract.interpreters.selfeval.vocab import first_text, join_lines, key, points_of, texts, vocab
from model.identities import FailedIdentity, IdentityKind, Term
from model.records import BudgetRow, IssueRow
from model.tables import Cell
from normalize import DATA_DIR
from normalize.numbers import figure_like, is_zero_dash, number_problem, parse_number, read_number, to_wan
from normalize.units import split_unit_suffix

_MAX_HEADING_ROWS = 3  # table rows one header (a measure's name wrapped line by line) spans
_RATE_TOLERANCE = 0.1  # percentage points (more where the rate is printed with fewer decimals: _rate_tolerance)


@dataclass
class FundBlock:
    measures: dict[int, str]  # column -> measure
    sources: dict[int, str]  # column -> funding source (two-level header), else empty
    rate_col: int | None
    score_col: int | None
    weight_col: int | None
    unit: str | None  # 万元/元 when printed in the header or block label
    ncols: int
    line_name: str | None = None
    two_level: bool = False  # a second header row names each column's source
    labels_first: bool = False  # row labels in the first column under a heading (资金来源 | 年初预算数 …)
    no_label: bool = False  # nothing printed before the header's measures: rows may be labelled in the first column
    skip_rows: int = 0  # header rows below this one still to pass (金额（元） over the measures)
    rows: list[tuple[int, int, list[Cell]]] = field(default_factory=list)  # (row_index, page, row)


@lru_cache(maxsize=1)
def fund_vocab() -> dict[str, Any]:
    """normalize/data/fund_sources.yaml"""
    path = DATA_DIR / "fund_sources.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def source_label(raw: str) -> str:
    """Funding source of a row label: 合计 for a total row, else the label without 其中：."""
    k = key(raw)
    if k in fund_vocab()["total_labels"] or k in fund_vocab()["measure_labels"]:
        return "合计"
    for p in fund_vocab()["strip_prefixes"]:
        if k.startswith(p):
            k = k[len(p) :]
    return k.rstrip(":：") or "合计"


def _measure_of(cell: Cell) -> str | None:
    """The measure a header cell names; a cell of two or more lines whose whole names none, by its
    last line (金额（元） / 年初预算数: the heading over the measures read into the first one's cell)."""
    m = vocab()["fund_measures"].get(key(cell))
    if not m and cell and "\n" in cell.strip():
        m = vocab()["fund_measures"].get(key(cell.strip().splitlines()[-1]))
    return str(m) if m else None


def _header_cells(rows: list[list[Cell]], i: int) -> tuple[list[Cell], int]:
    """The header of a block at rows[i], and how many rows it takes: one row naming two or more
    measures, or a heading row (资金来源 | 金额（元） | 分值 | 执行率 | 得分) over a row naming them
    (年初预算数 | 调整后预算数 | 预算执行数), read as one; the measures' names may wrap over rows of
    their own (年初预算 | 调整后预 | 预算执行 over 数 | 算数 | 数: :func:`_wrapped_names`)."""
    row = rows[i]
    own = _wrapped_names(rows, i)
    if own is not None and (own[1] == 1 or _only_headings(row, own[0])):
        return own
    if i + 1 >= len(rows) or not (_label_heading(row) or unit_in_cells(row)):
        return row, 1
    below = _wrapped_names(rows, i + 1)
    if below is None:
        return row, 1
    merged = [b if _measure_of(b) else (row[c] if c < len(row) else None) for c, b in enumerate(below[0])]
    return merged, below[1] + 1


def _named(cell: Cell) -> bool:
    """A heading of the block's columns: a measure, or a column without money (分值, 执行率)."""
    return bool(_measure_of(cell)) or key(cell) in vocab()["fund_non_money"]


def _only_headings(row: list[Cell], joined: list[Cell]) -> bool:
    """The first of the rows a header wraps over holds the tops of its measures' headings and nothing
    else after them (a block label before them)."""
    named = [c for c, cell in enumerate(joined) if _named(cell)]
    filled = [c for c, cell in enumerate(row) if cell and cell.strip()]
    return any(_measure_of(joined[c]) for c in filled) and all(c in named for c in filled if c >= named[0])


def _wrapped_names(rows: list[list[Cell]], i: int) -> tuple[list[Cell], int] | None:
    """rows[i] and the rows below it that go on with its headings, read as one row of headings with
    each column's lines joined (年初预算 over 数: 年初预算数), and how many rows that is: the most rows
    whose joined cells name two or more measures, each row below the first adding text only to cells
    that then name a measure or a column without money (分值, 执行率); None where no such rows name
    two measures. A row with an amount is no heading."""
    best: tuple[list[Cell], int] | None = None
    width = len(rows[i])
    for n in range(1, _MAX_HEADING_ROWS + 1):
        if i + n > len(rows) or len(rows[i + n - 1]) != width:
            break
        added = rows[i + n - 1]
        if any(parse_number(c) is not None for c in added if c):
            break
        joined = _joined(rows[i : i + n], width)
        named = {c for c, cell in enumerate(joined) if _named(cell)}
        if n > 1 and any(cell and cell.strip() and c not in named for c, cell in enumerate(added)):
            break
        if sum(1 for cell in joined if _measure_of(cell)) >= 2:
            best = (joined, n)
    return best


def _joined(rows: list[list[Cell]], width: int) -> list[Cell]:
    """``rows`` read as one: each column's non-empty cells, top to bottom, as the lines of one cell."""
    if len(rows) == 1:
        return list(rows[0])
    out: list[Cell] = []
    for c in range(width):
        parts = [r[c].strip() for r in rows if r[c] and r[c].strip()]  # type: ignore[union-attr]
        out.append("\n".join(parts) if parts else (None if all(r[c] is None for r in rows) else ""))
    return out


def _label_heading(row: list[Cell]) -> bool:
    _, k = first_text(row)
    return k in vocab()["fund_label_headings"]


def block_header(rows: list[list[Cell]], i: int) -> FundBlock | None:
    """A fund block's column header at rows[i] (two or more money measures, no amounts)."""
    row, height = _header_cells(rows, i)
    measures = {c: m for c, m in ((c, _measure_of(cell)) for c, cell in enumerate(row)) if m}
    if len(measures) < 2 or any(parse_number(c) is not None for c in row if c):
        return None
    non_money = vocab()["fund_non_money"]
    rate_col = score_col = weight_col = None
    for c, cell in enumerate(row):
        k = key(cell)
        if k in non_money:
            if "率" in k:
                rate_col = c
            elif k == "分值" or k == "权重":
                weight_col = c
            else:
                score_col = c
    unit = unit_in_cells([c for r in rows[i : i + height] for c in r])
    block = FundBlock(measures, {}, rate_col, score_col, weight_col, unit, len(row))
    block.labels_first = _label_heading(rows[i]) and min(measures) > 0
    block.no_label = not any(c and c.strip() for r in rows[i : i + height] for c in r[: min(measures)])
    block.skip_rows = height - 1
    sub_i = i + height
    if sub_i < len(rows):  # a second header row naming the source of each column
        sub = rows[sub_i]
        named = {c: key(cell) for c, cell in enumerate(sub) if cell and _source_column(key(cell))}
        if len(named) >= 2 and not any(parse_number(c) is not None for c in sub if c):
            cur = None
            for c in range(len(row)):
                if c in measures:
                    cur = measures[c]
                elif row[c] is None and cur and c in named:
                    measures[c] = cur
                else:
                    cur = None
            block.sources = {c: source_label(v) for c, v in named.items()}
            block.two_level = True
    return block


def section_kind(label: str) -> str | None:
    """sources / items for a row that opens a part of a block (按收入性质分：, 按支出性质分：)."""
    k = key(label).rstrip(":：")
    got = vocab()["fund_section_rows"].get(k)
    return str(got) if got else None


def continues_block(row: list[Cell], block: FundBlock) -> bool:
    """A row labelled in the first column still belongs to a block whose labels are printed there:
    it has amounts (or dashes) in the measure columns, or opens a part of the block."""
    label = row_label(row, block)
    if label and section_kind(label):
        return True
    off = block.ncols - len(row)
    cells = [row[c - off] for c in block.measures if 0 <= c - off < len(row)]
    filled = [c for c in cells if c and c.strip()]
    read = [c for c in filled if parse_number(c) is not None or (bool(label) and is_zero_dash(c))]
    # a labelled row of amounts with a cell that looks like a figure but does not read as one (an OCR'd
    # 4,062.22 with a seal's stroke beside it) is still the block's: that cell is reported (number_rejected);
    # a labelled row of dashes (国有资本经营预算 | — | — | —) is one left unfilled
    return bool(read) and all(c in read or (bool(label) and figure_like(c, min_digits=2)) for c in filled)


def unit_above(text_above: str) -> str | None:
    """The money unit of a line such as 单位：元 / 金额单位：万元 above a form (the nearest one)."""
    return unit_line(text_above)


def _source_column(k: str) -> bool:
    """A second-header cell naming a funding source (合计, 财政拨款, 中央补助, 区级预算资金)."""
    return k in vocab()["fund_source_columns"] or k.endswith(tuple(vocab()["fund_source_suffixes"]))


def block_label_text(rows: list[list[Cell]], i: int) -> str:
    """The outer label of a block (项目资金（万元）, 预算执行情况(万元)) in the header row."""
    _, k = first_text(rows[i])
    return k


def row_label(row: list[Cell], block: FundBlock) -> str:
    if block.two_level:  # rows are items: the item is the first cell (任务名称)
        return join_lines(next((c for c in row if c and c.strip()), ""))
    first_measure = min(block.measures)
    offset = block.ncols - len(row)
    label = ""
    for c in range(0, max(0, first_measure - offset)):
        if row[c] and row[c].strip():  # type: ignore[union-attr]
            label = join_lines(row[c])
            if block.no_label and c == 0:
                label = _part_named(row[c] or "") or label
    return label


def _part_named(raw: str) -> str | None:
    """The part of the block (fund_sources.yaml: block_parts) a first-column label cell names where it
    also holds lines of the block's label merged down that column (其中：一般公共预算 over 年度部门整体,
    支出预算执行政府性基金预算): the longest part a line of it is or ends with; None for a cell that is
    a part, a total or a section row as printed, or names none."""
    whole = _no_prefix(key(raw))
    if section_kind(raw) or whole in fund_vocab()["total_labels"] or whole in fund_vocab()["block_parts"]:
        return None
    parts = sorted(fund_vocab()["block_parts"], key=len, reverse=True)
    for line in raw.splitlines():
        k = _no_prefix(key(line))
        found = next((p for p in parts if k.endswith(p)), None)
        if found:
            return str(found)
    return None


def _no_prefix(k: str) -> str:
    for p in fund_vocab()["strip_prefixes"]:
        if k.startswith(p):
            return k[len(p) :]
    return k


def _label_unit(block: FundBlock) -> str | None:
    """The unit printed in the rows' label cells (a block label merged down them: 情况（千元）)."""
    cells = [row[c] for _, _, row in block.rows for c in range(max(0, min(block.measures) - (block.ncols - len(row))))]
    return unit_in_cells(cells)


def _amount(cell: Cell) -> tuple[float, str] | None:
    if not cell or is_zero_dash(cell):
        return None
    v = parse_number(cell)
    if v is None:
        return None
    return v, cell.strip()


def block_unit(amounts: list[float], printed: str | None) -> tuple[str, bool]:
    """(unit, inferred) of a block's amounts: the printed unit, else a guess from their size."""
    if printed:
        return printed, False
    if amounts and max(abs(a) for a in amounts) >= float(vocab()["yuan_threshold"]):
        return "元", True
    return "万元", bool(amounts)


def emit_block(
    block: FundBlock,
    *,
    doc_id: str,
    table_index: int,
    scope: str,
    project: str | None,
    statement: str,
    reader: str,
    issues: list[IssueRow],
    failed: list[FailedIdentity] | None = None,
) -> tuple[list[BudgetRow], float | None, float | None]:
    """Budget rows of a finished block, plus the block's 得分 and 分值 (for the score checks); a
    failed 执行率 = 执行数/预算数 also kept term by term in ``failed``."""
    out: list[BudgetRow] = []
    offset_of = {ri: block.ncols - len(row) for ri, _, row in block.rows}
    amounts = [
        a[0]
        for ri, _, row in block.rows
        for c in block.measures
        if 0 <= c - offset_of[ri] < len(row) and (a := _amount(row[c - offset_of[ri]]))
    ]
    unit, inferred = block_unit(amounts, block.unit or (_label_unit(block) if block.no_label else None))
    if inferred and block.rows:
        issues.append(
            IssueRow(
                doc_id=doc_id,
                page=block.rows[0][1],
                rule="money_unit_inferred",
                severity="info",
                message=f"fund block without a printed unit; largest amount {max(amounts):,.2f}, "
                f"so its amounts are read as {unit}",
                table_index=table_index,
                row_index=block.rows[0][0],
            )
        )
    block_score = block_weight = None
    part = "sources"
    for n, (ri, page, row) in enumerate(block.rows):
        off = offset_of[ri]
        label = row_label(row, block)
        if section_kind(label):
            part = section_kind(label) or part
            continue
        line_name: str | None
        if block.sources:
            line_name, default_source = label, "合计"
        elif part == "items":  # 按支出性质分：其中：基本支出 -> the item 基本支出 in total
            line_name, default_source = source_label(label), "合计"
        else:
            if n == 0:
                k = key(label)
                # a bare 合计 names the block's total where the labels have their own column
                is_item = k in fund_vocab()["total_labels"] and (
                    block.labels_first or k not in ("合计", "总计", "小计")
                )
                block.line_name = block.line_name or (label.rstrip(":：") if is_item else None)
            line_name, default_source = block.line_name, source_label(label)
        got: dict[str, float] = {}
        for c, measure in sorted(block.measures.items()):
            cc = c - off
            if not 0 <= cc < len(row):
                continue
            a = _amount(row[cc])
            if a is None:
                issues.extend(_rejected(row[cc], label, measure, doc_id=doc_id, page=page,
                                        table_index=table_index, row_index=ri))
                continue
            source = block.sources.get(c, default_source) if block.sources else default_source
            got.setdefault(measure, a[0])
            out.append(
                BudgetRow(
                    doc_id=doc_id,
                    page=page,
                    source="table",
                    scope=scope,
                    measure=measure,
                    amount_wan=to_wan(a[0], unit),
                    amount_raw=a[1],
                    unit_raw=unit,
                    table_index=table_index,
                    row_index=ri,
                    statement=statement,
                    project=project,
                    line_name=line_name,
                    funding_source=source,
                    extractor=reader,
                )
            )
        found = _check_rate(block, row, off, got)
        if found is not None:
            issues.append(IssueRow(doc_id=doc_id, page=page, rule="rate_equals_ratio", severity="warning",
                                   message=found[0], table_index=table_index, row_index=ri))
            if failed is not None:
                failed.append(_rate_identity(block, row, off, found[1:], page, table_index, ri))
        if n == 0:
            if block.score_col is not None and 0 <= block.score_col - off < len(row):
                block_score = points_of(row[block.score_col - off])
            if block.weight_col is not None and 0 <= block.weight_col - off < len(row):
                block_weight = points_of(row[block.weight_col - off])
    return out, block_score, block_weight


def _rejected(text: Cell, label: str, measure: str, *, doc_id: str, page: int, table_index: int,
              row_index: int) -> list[IssueRow]:
    """A fund block's cell that looks like a figure but does not read as one: not read, said so (none
    for a blank, a dash or words)."""
    if not text or is_zero_dash(text) or not figure_like(text, min_digits=2):
        return []
    why = number_problem(text) or "not a number"
    return [IssueRow(doc_id=doc_id, page=page, rule="number_rejected", severity="warning",
                     message=f"fund block: the {measure} of {label or 'the row'!r} reads {text!r}: {why}; not read",
                     table_index=table_index, row_index=row_index)]


def _rate_tolerance(decimals: int, fraction: bool) -> float:
    """How far a printed 执行率 may be from 执行数/预算数, in points: :data:`_RATE_TOLERANCE`, or half a
    unit of its last printed digit where that is more (0.91 printed for 91.13 %, 88% for 88.35 %)."""
    half = 0.5 * 10.0 ** -decimals * (100.0 if fraction else 1.0)
    return max(_RATE_TOLERANCE, half + 1e-9)


def _check_rate(block: FundBlock, row: list[Cell], off: int, got: dict[str, float]
                ) -> tuple[str, float, float] | None:
    """The message of a failed 执行率 = 全年执行数/全年预算数, the rate as read and the tolerance it was
    checked with, or None when it holds or cannot be checked. A 执行率 printed as a dash (``-``,
    ``—``) is not given (a form prints one where there is no rate to state), not 0 %: it is not
    checked. A rate is as exact as it is printed (:func:`_rate_tolerance`)."""
    if block.rate_col is None or not 0 <= block.rate_col - off < len(row):
        return None
    cell = row[block.rate_col - off]
    printed = None if is_zero_dash(cell) else read_number(cell)
    budget, spent = got.get("全年预算数"), got.get("全年执行数")
    if printed is None or not budget or spent is None:
        return None
    rate, want = printed.value, spent / budget * 100.0
    if 0 < rate <= 1.5 and abs(want - rate * 100.0) <= _rate_tolerance(printed.decimals, True):
        return None  # the rate printed as a fraction (0.91)
    tolerance = _rate_tolerance(printed.decimals, False)
    if abs(want - rate) <= tolerance:
        return None
    return f"执行率 {rate:g}% but 全年执行数/全年预算数 = {spent:g}/{budget:g} = {want:.2f}%", rate, tolerance


def _rate_identity(block: FundBlock, row: list[Cell], off: int, rate: tuple[float, float], page: int,
                   table_index: int, ri: int) -> FailedIdentity:
    """The failed 执行率 identity with its three cells (rate, 全年执行数, 全年预算数) of the row."""
    assert block.rate_col is not None

    def term(role: str, col: int, value: float) -> Term:
        return Term(role=role, value=value, text=(row[col - off] or "").strip(), page=page,
                    table_index=table_index, row_index=ri, column=col - off)

    terms = [term("执行率", block.rate_col, rate[0])]
    for measure in ("全年执行数", "全年预算数"):  # the first column of the measure with an amount, as emit_block reads
        c = next(c for c, m in sorted(block.measures.items())
                 if m == measure and 0 <= c - off < len(row) and _amount(row[c - off]))
        amount = _amount(row[c - off])
        terms.append(term(measure, c, amount[0] if amount else 0.0))
    return FailedIdentity(rule="rate_equals_ratio", kind=IdentityKind.RATE, terms=terms, tolerance=rate[1],
                          page=page, table_index=table_index, row_index=ri)


def kv_money(row: list[Cell]) -> list[tuple[str, str, float, str, str]]:
    """(line_name, measure, amount, raw, unit) of label | '5576.54 万元' pairs in a row."""
    cells = [c for _, c in texts(row)]
    out = []
    for n, c in enumerate(cells[:-1]):
        measure = vocab()["kv_money_measures"].get(key(c))
        if not measure:
            continue
        number, unit = split_unit_suffix(cells[n + 1])  # 2953.33万元: an amount with its unit
        if unit:
            amount = parse_number(number)
            if amount is not None:
                out.append((join_lines(c), str(measure), amount, number, unit))
    return out
