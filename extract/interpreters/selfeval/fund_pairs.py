"""Fund blocks printed as label:value pairs -> BudgetRow(source="table").

The 项目（支出）绩效目标完成情况表 of several provinces (and department forms of the same style)
prints its fund block as pairs on two sides, beside a merged, wrapped label that carries the unit::

    预算执行情况（万元） | 预算数:        | 1047.8 | 执行数:        | 1047.8
                        | 其中-财政拨款: | 1047.8 | 其中-财政拨款: | 1047.8
                        | 其它资金:      | 0      | 其它资金:      | 0

- a pair is a label and its value in two cells (预算数: | 1047.8) or in one (年初预算数：341.69); the
  label may be wrapped in its cell (其中-财政拨\\n款:) and end in ``:``, ``：``, a space or nothing;
  a cell whose lines are each a pair (预算数：100 / 执行数：90) gives them all;
- the first row's labels name the measures (selfeval_vocab.yaml ``fund_measures``: 预算数, 年初预算数,
  全年预算数 → 年初/全年预算数; 执行数, 全年执行数, 实际支出 → 全年执行数); its amounts are the
  block's total (funding_source 合计);
- a following row's labels name funding sources (其中-财政拨款, 其中：财政拨款, 财政资金, 其它资金,
  其他资金; fund_sources.yaml: the prefix 其中 removed, the rest kept as printed), each pair taking the
  measure of its side; or the row is labelled by a source and its pairs by measures
  (其中：财政拨款 | 预算数：80 | 执行数：70);
- the unit is the one printed in the block's label (预算执行情况（万元）), also where the wrapped
  label's last line (（万元）) stands on a row of its own, else the unit line above the form, else
  decided from the amounts' size (noted, rule ``money_unit_inferred``).
- a form that prints no measure (the 部门预算's 项目支出绩效目标表: 项目资金（万元） | 年度资金总额 | 12.72,
  then 其中：财政拨款 | 12.72, 其他资金 | —) has one side, whose measure its statement implies
  (selfeval_vocab.yaml ``fund_implied_measures``: a 绩效目标表 gives the budget); the total's label
  (年度资金总额) names the block's line.
A blank value or a dash is "not filled", not zero. Every other pair that gives no row gets an issues
row saying why: a masked value (``masked_value``), a value that is not an amount, a label that names
no measure or funding source, a pair beyond the block's sides (``fund_pair_not_read``). Pairs naming
what is not money (执行率, 分值, 得分) are not amounts and are passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.interpreters.selfeval.funds import block_unit, fund_vocab, source_label
from extract.interpreters.selfeval.money_units import unit_in_cells
from extract.interpreters.selfeval.vocab import join_lines, key, vocab
from model.records import BudgetRow, IssueRow
from model.tables import Cell
from normalize.numbers import is_zero_dash, parse_number, to_wan
from normalize.text import fold
from normalize.units import split_unit_suffix

# a label and its value in one cell: the value is the text after the label's last separator
_VALUE = r"[-+−△(]?[\d.,]+\)?[^\d:\s]{0,3}|[-—–―−]+|[\d.,]*\*[\d.,*]*"  # amount (with its unit), dash, masked
_ONE_CELL = re.compile(rf"^(?P<label>.*?[^:\s])[:\s]*(?P<value>{_VALUE})$")
_MASKED = re.compile(r"^[\d.,]*\*[\d.,*]*$")
_INNER_SEPARATOR = re.compile(r"[:\s]")
_BARE_TOTALS = ("合计", "总计", "小计")  # a total that names no item (the block's own 合计 row)


@dataclass(kw_only=True, frozen=True)
class Pair:
    label: str  # as printed, lines joined, without its closing colon
    raw: str  # the value as printed ("" where the label has none)
    column: int  # the cell of the label


@dataclass(kw_only=True)
class PairRow:
    row_index: int
    page: int
    pairs: list[Pair]
    source: str | None = None  # the row's own source label (其中：财政拨款 | 预算数：80 | 执行数：70)


@dataclass(kw_only=True)
class PairBlock:
    label: str  # the block's label as printed (预算执行情况（万元）), "" where none
    sides: list[tuple[int, str]]  # (column, measure) of the first row's pairs, left to right
    rows: list[PairRow] = field(default_factory=list)
    line_name: str | None = None  # the item a total's label names (年度资金总额), else the block's label
    unit_fragment: str | None = None  # a unit printed on a row of its own (the label's last line)


def label_kind(label: str) -> str | None:
    """measure, total (年度资金总额, 合计), source or other (not money: 执行率, 分值) for a pair's label;
    None if the vocabularies do not know it."""
    k = key(label)
    if not k:
        return None
    if k in vocab()["fund_measures"]:
        return "measure"
    if k in fund_vocab()["total_labels"]:
        return "total"
    if k in vocab()["fund_non_money"]:
        return "other"
    return "source" if is_source_label(k) else None


def is_source_label(label: str) -> bool:
    """A funding source's label: 其中-…, 其中：…, or a source word (财政拨款, 其他资金, 财政资金, 中央补助)."""
    k = key(label)
    prefixed = any(k.startswith(p) for p in fund_vocab()["strip_prefixes"] if p.startswith("其中"))
    name = source_label(k)
    if name == "合计" or _INNER_SEPARATOR.search(name):
        return False
    words = vocab()["fund_source_columns"]
    return name in words or (prefixed and name.endswith(tuple(vocab()["fund_source_suffixes"])))


def _is_value(text: str) -> bool:
    """An amount (also with its unit: 1047.8万元), a dash, or a masked figure (**)."""
    s = fold(text)
    if not s:
        return False
    if is_zero_dash(s) or _MASKED.match(s):
        return True
    number, _unit = split_unit_suffix(s)
    return parse_number(number) is not None and not s.endswith("%")


def split_cell(text: Cell) -> tuple[str, str] | None:
    """(label, value) of a cell holding both (年初预算数：341.69, 其中：财政拨款：0), also a label of
    the vocabulary with text that is no amount after its colon (预算数：待定, to be said so), else None."""
    s = fold(join_lines(text))
    m = _ONE_CELL.match(s)
    if m is None or not _is_value(m.group("value")):
        label, colon, rest = s.rpartition(":")
        if colon and rest and label_kind(label) in ("measure", "source"):
            return label.rstrip(":"), rest
        return None
    label = m.group("label").rstrip(":")
    if label_kind(label) is None and ":" not in s[len(label) :]:
        return None  # no separator and no label of the vocabulary: text, not a pair
    return label, m.group("value")


def _cell_pairs(text: str, column: int) -> list[Pair]:
    """The pairs of one cell: each of its lines where every line is one (预算数：120 / 执行数：96.4),
    else the whole cell (a label or amount wrapped in it: 其中：财政拨\n款：341.69)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) >= 2:
        split = [split_cell(ln) for ln in lines]
        if all(split):
            return [Pair(label=p[0], raw=p[1], column=column) for p in split if p]
    got = split_cell(text)
    return [Pair(label=got[0], raw=got[1], column=column)] if got is not None else []


def _is_label_cell(text: str) -> bool:
    """A cell holding only a pair's label: one of the vocabulary, or any text closed by a colon."""
    joined = join_lines(text)
    return label_kind(joined) is not None or fold(joined).endswith(":")


def _value_cell(text: str, *, known: bool) -> bool:
    """The cell after a label holds its value: an amount, or (after a label of the vocabulary) any
    text that is neither a label nor a pair (待定: read, and said to be no amount)."""
    if not text or _cell_pairs(text, 0):
        return False
    return _is_value(text) or (known and not _is_label_cell(text))


def row_pairs(row: list[Cell]) -> tuple[list[Pair], str]:
    """The row's pairs, left to right, and its plain label (the text before the first pair). An
    amount with no label before it is a pair without a label (to be said so, not read)."""
    cells = [(c, t) for c, t in enumerate(row) if t and t.strip()]
    pairs: list[Pair] = []
    plain = ""
    n = 0
    while n < len(cells):
        col, text = cells[n]
        in_cell = _cell_pairs(text, col)
        if in_cell:
            pairs.extend(in_cell)
        elif _is_label_cell(text) and not _is_value(text):
            following = cells[n + 1][1] if n + 1 < len(cells) else ""
            has_value = _value_cell(following, known=label_kind(join_lines(text)) in ("measure", "source", "total"))
            if has_value or label_kind(join_lines(text)) != "total":  # a total without amount labels the block
                raw = fold(join_lines(following)) if has_value else ""
                pairs.append(Pair(label=fold(join_lines(text)).rstrip(":"), raw=raw, column=col))
                n += 1 if has_value else 0
            elif not pairs:
                plain = f"{plain}{join_lines(text)}"
        elif _is_value(text) and not is_zero_dash(text):
            pairs.append(Pair(label="", raw=fold(join_lines(text)), column=col))
        elif not pairs:
            plain = f"{plain}{join_lines(text)}"
        n += 1
    return pairs, plain


def _money(pairs: list[Pair], kind: str) -> list[Pair]:
    return [p for p in pairs if label_kind(p.label) == kind]


def start_block(row: list[Cell], *, row_index: int, page: int, implied: str | None = None) -> PairBlock | None:
    """A block whose first row holds two or more measure pairs, one of them with an amount; or, on a
    form whose statement implies the measure (``implied``), a total named as an item with its amount
    (年度资金总额 | 12.72)."""
    pairs, plain = row_pairs(row)
    first = PairRow(row_index=row_index, page=page, pairs=pairs)
    measures = _money(pairs, "measure")
    if len(measures) >= 2 and any(_is_value(p.raw) for p in measures):
        return PairBlock(label=plain, sides=[(p.column, _measure(p)) for p in measures], rows=[first])
    if implied is None or not pairs or measures:
        return None
    head = pairs[0]
    if label_kind(head.label) != "total" or key(head.label) in _BARE_TOTALS or _amount(head.raw) is None:
        return None
    return PairBlock(label=plain, sides=[(head.column, implied)], rows=[first], line_name=key(head.label))


def implied_measure(statement: str | None) -> str | None:
    """The measure a form's statement implies for a fund block that prints none (绩效目标表: 全年预算数)."""
    for word, measure in vocab()["fund_implied_measures"]:
        if statement and word in statement:
            return str(measure)
    return None


def _measure(pair: Pair) -> str:
    return str(vocab()["fund_measures"][key(pair.label)])


def continue_block(block: PairBlock, row: list[Cell], *, row_index: int, page: int) -> bool:
    """Adds a following row of the block (pairs labelled by sources, or a row labelled by a source)
    and says so; False for a row that is not one (it ends the block)."""
    pairs, plain = row_pairs(row)
    labelled = _row_source(pairs, plain)
    if labelled is not None:
        block.rows.append(PairRow(row_index=row_index, page=page, pairs=labelled[1], source=labelled[0]))
        return True
    if _money(pairs, "source"):
        if plain and not block.label and not plain.lstrip().startswith(("（", "(")):
            block.label = plain  # the block's side label, centred on its rows beside a later one of them
        elif plain and unit_in_cells([plain]) and not block.unit_fragment:
            block.unit_fragment = plain  # the wrapped label's last line (（万元）) on this row
        block.rows.append(PairRow(row_index=row_index, page=page, pairs=pairs))
        return True
    return False


def _row_source(pairs: list[Pair], plain: str) -> tuple[str, list[Pair]] | None:
    """(source, pairs) of a row labelled by a source whose pairs name measures (其中：财政拨款 |
    预算数：60 | 执行数：60); the label may stand as plain text or as a label cell without a value."""
    if not _money(pairs, "measure"):
        return None
    if plain and is_source_label(plain):
        return source_label(plain), pairs
    head = pairs[0]
    if not head.raw and label_kind(head.label) == "source" and _money(pairs[1:], "measure"):
        return source_label(head.label), pairs[1:]
    return None


def _side(block: PairBlock, pair: Pair, n: int, money: list[Pair]) -> str | None:
    """The measure of a source pair: its side by order where the row has as many pairs as the block
    has sides, else the side whose label stands in or left of its column."""
    if len(money) == len(block.sides):
        return block.sides[n][1]
    left = [m for c, m in block.sides if c <= pair.column]
    return left[-1] if left else None


@dataclass(kw_only=True)
class PairContext:
    """Where a block's rows are born: the form's document, table and what it says of itself."""

    doc_id: str
    table_index: int
    scope: str
    project: str | None
    statement: str
    reader: str
    unit_above: str | None = None  # a unit line above the form (单位：元)


def emit_pairs(block: PairBlock, ctx: PairContext, issues: list[IssueRow]) -> list[BudgetRow]:
    """The budget rows of a finished block, with an issues row for each pair that gives none."""
    rows = block.rows
    printed = unit_in_cells([block.label, block.unit_fragment]) or ctx.unit_above
    side_units = _side_units(block)
    amounts = [a for r in rows for p in r.pairs  # the amounts that print no unit of their own
               if (a := _amount(p.raw)) is not None and not (a[2] or _label_unit(block, r, p, side_units))]
    unit, inferred = block_unit([a[0] for a in amounts], printed)
    if inferred:
        issues.append(_issue(ctx, rows[0], "money_unit_inferred", "info",
                             f"fund block without a printed unit; largest amount {max(a[0] for a in amounts):,.2f}, "
                             f"so its amounts are read as {unit}"))
    line_name = block.line_name or key(block.label) or None
    out: list[BudgetRow] = []
    for r in rows:
        money = [p for p in r.pairs if label_kind(p.label) in ("measure", "source", "total")]
        for pair in r.pairs:
            kind = label_kind(pair.label)
            if kind == "other":
                continue
            if kind is None:
                why = (f"fund pair {pair.label}: {pair.raw}: the label names no measure or funding source"
                       if pair.label else f"amount {pair.raw} in the fund block has no label beside it")
                issues.append(_issue(ctx, r, "fund_pair_not_read", "warning", why))
                continue
            if kind == "measure":
                measure: str | None = _measure(pair)
                source = r.source or "合计"
            else:
                measure, source = _side(block, pair, money.index(pair), money), source_label(pair.label)
            own = side_units.get(measure or "") if kind == "source" else None  # its side's 预算数（元）
            row = _budget_row(pair, measure, source, own or unit, line_name, r, ctx, issues)
            if row is not None:
                out.append(row)
    return out


def _side_units(block: PairBlock) -> dict[str, str]:
    """The unit each measure's label prints in the block's first row (调整预算数（元）：): it applies
    to that measure's amounts, the funding sources' on its side included."""
    out: dict[str, str] = {}
    for p in block.rows[0].pairs:
        if label_kind(p.label) == "measure" and (u := unit_in_cells([p.label])):
            out.setdefault(_measure(p), u)
    return out


def _label_unit(block: PairBlock, r: PairRow, pair: Pair, side_units: dict[str, str]) -> str | None:
    """The unit a pair's own label prints, else the one its side's measure label prints."""
    own = unit_in_cells([pair.label])
    if own or not side_units or label_kind(pair.label) != "source":
        return own
    money = [p for p in r.pairs if label_kind(p.label) in ("measure", "source", "total")]
    return side_units.get(_side(block, pair, money.index(pair), money) or "")


def _budget_row(pair: Pair, measure: str | None, source: str, unit: str, line_name: str | None, r: PairRow,
                ctx: PairContext, issues: list[IssueRow]) -> BudgetRow | None:
    """The row of one pair, or None with an issues row saying why (a blank or dash: not filled, no issue)."""
    if not pair.raw or is_zero_dash(pair.raw):
        return None
    if _MASKED.match(fold(pair.raw)):
        issues.append(_issue(ctx, r, "masked_value", "info", f"fund pair {pair.label}: {pair.raw} is masked"))
        return None
    amount = _amount(pair.raw)
    if amount is None:
        issues.append(_issue(ctx, r, "fund_pair_not_read", "warning",
                             f"fund pair {pair.label}: {pair.raw}: the value is not an amount"))
        return None
    if measure is None:
        issues.append(_issue(ctx, r, "fund_pair_not_read", "warning",
                             f"fund pair {pair.label}: {pair.raw}: no measure label stands above its column"))
        return None
    unit = amount[2] or unit_in_cells([pair.label]) or unit  # 1047.8万元, 预算数（元）：… say their own
    return BudgetRow(
        doc_id=ctx.doc_id, page=r.page, source="table", scope=ctx.scope, measure=measure,
        amount_wan=to_wan(amount[0], unit), amount_raw=amount[1], unit_raw=unit,
        table_index=ctx.table_index, row_index=r.row_index, statement=ctx.statement, project=ctx.project,
        line_name=line_name, funding_source=source, extractor=ctx.reader,
    )


def _amount(raw: str) -> tuple[float, str, str | None] | None:
    """(value, number as printed, unit printed with it) of a pair's value; None if not an amount."""
    if not raw or is_zero_dash(raw):
        return None
    number, unit = split_unit_suffix(raw)
    value = parse_number(number)
    if value is None or number.endswith("%"):
        return None
    return value, number, unit


def _issue(ctx: PairContext, r: PairRow, rule: str, severity: str, message: str) -> IssueRow:
    return IssueRow(doc_id=ctx.doc_id, page=r.page, rule=rule, severity=severity, message=message,
                    table_index=ctx.table_index, row_index=r.row_index)
