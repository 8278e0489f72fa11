"""Budget and final-account statements (部门预算 / 部门决算 公开表) -> budgets rows.

Every amount of every statement table becomes one BudgetRow: statement (canonical title),
line_code / line_name (the row's item), measure (the column, canonical), amount_wan.
Layouts handled: one-sided tables with 功能/经济分类 codes (split 类/款/项 columns too),
two-sided summaries (收入 | 支出 in one row: each amount labelled by its own side's item),
economic tables with two code/name/amount groups side by side, and tables whose items run
across the columns (the "三公" table, also with one row per measure). Rows cut by a page break are
joined. Identities are checked (extract.interpreters.statements.checks) and every one that fails
becomes an issues row.

A table is a statement when a title is printed above it or in its first rows and a header row
labels its amounts, whatever the title says (normalize.statement_names: known titles get their
canonical name, others keep the printed one with a ``statement_title_unknown`` info row). Each
amount column's unit is read where it is printed (extract.interpreters.statements.units); amounts
are read by the one number grammar (normalize.numbers), and a cell it rejects is a
``number_rejected`` row. A statement that holds amounts but gives no row is a
``statement_not_read`` row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extract.interpreters.statements.checks import CheckResult, StatementAmount, TableFacts, check_table, summary_issue
from extract.interpreters.statements.layout import (
    AMOUNT,
    CODE,
    EMPTY,
    NAME,
    Layout,
    cell_text,
    continuation_layout,
    is_code_part,
    is_code_value,
    padded,
    read_layout,
    title_text,
)
from extract.interpreters.statements.units import UnitlessTable, column_units, resolve_unitless
from extract.sources.garbled import garbled_count
from model.document import DocInput
from model.records import BudgetRow, Extraction, IssueRow
from model.tables import Cell, RawTable
from normalize.measures import (
    canonical_measure,
    default_measure,
    is_measure_label,
    is_total_measure,
    split_measure_suffix,
)
from normalize.numbers import number_problem, parse_number, to_wan
from normalize.statement_names import find_title, is_known_statement, lists_projects, strip_item_prefix
from normalize.text import fold
from normalize.units import split_unit_suffix

_NUMBERING = re.compile(r"^([（(]?[0-9一二三四五六七八九十]+[)）]|[0-9一二三四五六七八九十]+\s*[、.．])\s*")
_TOTAL_WORDS = ("合计", "总计", "小计")
_SUBTOTALS = frozenset({"小计", "合计"})
# an item cell holding its code too: "201 一般公共服务支出", "[20101]人大事务", "2010101-行政运行"
_CODE_IN_NAME = re.compile(r"^[\[【［]?(\d{3}(?:\d{2}){0,2})(?!\d)[\]】］]?\s*[-－—:：]?\s*(\D.*)$")


def split_code_name(text: str) -> tuple[str | None, str]:
    """'201一般公共服务支出' -> ('201', '一般公共服务支出'); an item without a code -> (None, text)."""
    m = _CODE_IN_NAME.match(text)
    if m is None:
        return None, text
    return m.group(1), m.group(2)


def clean_item(text: str) -> str:
    s = cell_text(text)
    return _NUMBERING.sub("", strip_item_prefix(_NUMBERING.sub("", s)))


def _amount(raw: Cell, column_unit: str | None) -> tuple[float | None, str | None]:
    """An amount cell's value and unit: a unit printed after the number (1,234.00元) wins over
    the column's."""
    value = parse_number(raw)
    if value is not None or not raw:
        return value, column_unit
    number, unit = split_unit_suffix(raw)
    if unit is None:
        return None, column_unit
    return parse_number(number), unit


def _statement_of(table: RawTable, rows: list[list[Cell]]) -> str | None:
    head = "\n".join(c for r in rows[:3] for c in r if c)
    return find_title(head) or find_title(table.text_above)


# --- rows ------------------------------------------------------------------------------------


def _has_amount(row: list[Cell], layout: Layout) -> bool:
    return any(parse_number(row[c]) is not None for c in layout.amount_cols() if row[c])


def _is_fragment(row: list[Cell], prev: list[Cell], layout: Layout, new_page: bool) -> bool:
    """A grid row that only continues the previous row's item name (a wrapped or page-cut row)."""
    names = [cell_text(row[c]) for c in layout.name_cols() if cell_text(row[c])]
    if not names or any(n.startswith(_TOTAL_WORDS) or _NUMBERING.match(n) for n in names):
        return False
    if any(cell_text(row[c]) for c in layout.code_cols()):
        return False
    if not all(cell_text(prev[c]) for c in layout.name_cols() if cell_text(row[c])):
        return False
    if layout.code_cols():
        return True  # every item of a coded table has a code, except the totals
    return new_page and not _has_amount(row, layout)


def join_cut_rows(rows: list[list[Cell]], pages: list[int], layout: Layout) -> list[tuple[int, list[Cell]]]:
    """Data rows as (row_index, cells); a row continuing the previous one's name is folded into it."""
    out: list[tuple[int, list[Cell]]] = []
    for i in range(layout.first_data_row, len(rows)):
        row = list(rows[i])
        if out and _is_fragment(row, out[-1][1], layout, pages[i] != pages[out[-1][0]]):
            prev = out[-1][1]
            for c, cell in enumerate(row):
                text = cell_text(cell)
                if not text:
                    continue
                if layout.kinds[c] == NAME:
                    prev[c] = (prev[c] or "") + text
                elif layout.kinds[c] == AMOUNT and not cell_text(prev[c]):
                    prev[c] = cell
            continue
        out.append((i, row))
    return out


def _item_of(row: list[Cell], a: int, layout: Layout,
             last_parts: dict[int, list[str]] | None = None) -> tuple[str | None, str | None, int | None]:
    """(name, code, name column) of the amount in column ``a``: the item to its left on its side.

    ``last_parts`` (name column -> code parts of the last coded row) completes split 类/款/项 codes
    printed with only the row's own part (款 row: "" | "01" | "").
    """
    kinds = layout.kinds
    c = a - 1
    seen_group = False
    while c >= 0:
        cell = row[c]
        if cell is None:
            c -= 1
            continue
        if kinds[c] == AMOUNT:
            if seen_group:
                return None, None, None
            c -= 1
            continue
        seen_group = True
        text = cell_text(cell)
        if kinds[c] == NAME and text:
            last = last_parts if last_parts is not None else {}
            code, parts = _code_left_of(row, c, layout, last.get(c))
            if parts:
                last[c] = parts
            return text, code, c
        if kinds[c] == CODE and text and not is_code_value(text) and not is_code_part(text):
            return text, None, c
        c -= 1
    return None, None, None


def _code_left_of(row: list[Cell], name_col: int, layout: Layout,
                  prev: list[str] | None = None) -> tuple[str | None, list[str]]:
    """The code printed left of an item, and its parts by position (类, 款, 项 columns).

    A part left blank before the row's own part (款 row: "" | "01" | "") is the one of the
    coded row above (``prev``); without it the code is unknown. A column that holds nothing here
    (one a reader of word positions made of a 单位 line's edge, between 款 and 项) is passed over.
    """
    positional: list[str] = []
    c = name_col - 1
    while c >= 0 and (layout.kinds[c] in (CODE, NAME) or _blank_empty_column(row, c, layout)):
        if layout.kinds[c] == CODE:
            positional.append(cell_text(row[c]))
        elif cell_text(row[c]):
            break
        c -= 1
    positional.reverse()
    given = [p for p in positional if p]
    if not given or not all(p.isdigit() for p in given):
        return None, []
    first = next(i for i, p in enumerate(positional) if p)
    if first == 0:
        parts = given
    elif prev is not None and len(prev) >= first and all(prev[:first]):
        parts = prev[:first] + given
    else:
        return None, []
    return parts[0] + "".join(p.zfill(2) for p in parts[1:]), parts


def _blank_empty_column(row: list[Cell], c: int, layout: Layout) -> bool:
    """Column ``c`` has no header and no kind (EMPTY) and is blank in ``row``: not a stop between code parts."""
    return layout.kinds[c] == EMPTY and not layout.paths[c] and not cell_text(row[c])


def _parent_name(row: list[Cell], name_col: int, layout: Layout) -> str | None:
    for c in range(name_col - 1, -1, -1):
        if layout.kinds[c] == NAME and cell_text(row[c]):
            return cell_text(row[c])
    return None


def _row_measure(path: tuple[str, ...], statement: str) -> str:
    if not path:
        return default_measure(statement)
    return canonical_measure(path[-1], statement)


# --- items across the columns ---------------------------------------------------------------


def _across_item(path: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    """Header path -> (item path, measure label) for a table whose items run across the columns."""
    items: list[str] = []
    measure: str | None = None
    for lab in path:
        if is_measure_label(lab):
            measure = lab
            continue
        item, suffix = split_measure_suffix(lab)
        if suffix:
            measure = suffix
        items.append(item)
    return tuple(items), measure


def _stem(parent: str, child: str, siblings: list[str]) -> str:
    """公务用车购置及运行费 + 购置费 -> 公务用车购置费 (a nested item joins its parent's stem)."""
    if child[:2] in parent:
        idx = [parent.find(s[:2]) for s in siblings if len(s) >= 2 and parent.find(s[:2]) > 0]
        if idx and not child.startswith(parent[: min(idx)]):
            return parent[: min(idx)] + child
    return child


def across_name(item: tuple[str, ...], all_items: list[tuple[str, ...]]) -> str:
    if not item:
        return ""
    leaf = item[-1]
    if leaf == "合计" or len(item) == 1:
        return clean_item(leaf)
    parent = item[-2]
    if leaf == "小计":
        return clean_item(parent)
    siblings = [p[-1] for p in all_items if p[:-1] == item[:-1] and p[-1] not in _SUBTOTALS]
    return clean_item(_stem(parent, leaf, siblings))


# --- one table -----------------------------------------------------------------------------


def _total_columns(layout: Layout, statement: str) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    kinds, paths = layout.kinds, layout.paths
    for c, k in enumerate(kinds):
        if k != AMOUNT or not paths[c] or not is_total_measure(canonical_measure(paths[c][-1], statement)):
            continue
        comps: list[int] = []
        d = c + 1
        while d < len(kinds) and kinds[d] == AMOUNT and paths[d][:-1] == paths[c][:-1] and paths[d]:
            comps.append(d)
            d += 1
        if len(comps) >= 2:
            out[c] = comps
    return out


@dataclass(kw_only=True)
class TableRead:
    """What one statement table gave: its rows, the facts its identities are checked on, the rows
    whose unit is not printed (with their printed values) and the cells the number grammar rejected."""

    rows: list[BudgetRow] = field(default_factory=list)
    facts: TableFacts
    unitless: list[tuple[BudgetRow, float]] = field(default_factory=list)
    rejected: list[tuple[int, int, str, str]] = field(default_factory=list)  # row, column, text, why


def _item_and_measure(row: list[Cell], a: int, layout: Layout, statement: str, row_label: str,
                      across_items: list[tuple[str, ...]], last_parts: dict[int, list[str]],
                      ) -> tuple[str, str, str | None, int | None, tuple[str, ...]] | None:
    """(name, measure, code, name column, item path) of the amount in column ``a``; None without an item."""
    code: str | None = None
    name_col: int | None = None
    item_path: tuple[str, ...] = ()
    if layout.across:
        item_path, mlabel = _across_item(layout.paths[a])
        name = across_name(item_path, across_items)
        if mlabel is None and row_label and is_measure_label(row_label):
            mlabel = row_label
        measure = canonical_measure(mlabel or "", statement)
    else:
        found, code, name_col = _item_of(row, a, layout, last_parts)
        if not found or name_col is None:
            return None
        name = clean_item(found)
        if code is None:
            code, name = split_code_name(name)
        if name == "小计":
            name = clean_item(_parent_name(row, name_col, layout) or name)
        measure = _row_measure(layout.paths[a], statement)
    if not name:
        return None
    return name, measure, fold(code) or None, name_col, item_path


def _project_of(layout: Layout, statement: str, name_col: int | None, name: str) -> str | None:
    """The project a row is about: its item, in a project list (totals are the department's)."""
    if name_col is None or not layout.paths[name_col] or not lists_projects(statement, layout.paths[name_col][-1]):
        return None
    return None if name.startswith(_TOTAL_WORDS) else name


def read_statement_table(doc: DocInput, index: int, table: RawTable, layout: Layout, statement: str,
                         units: list[str | None]) -> TableRead:
    """The rows of one statement table; ``units`` is the unit of each column (None: not printed)."""
    width = len(layout.kinds)
    rows = padded(table.rows, width)
    pages = table.row_pages
    garbled_pages = {p.number for p in doc.pages if p.garbled}
    facts = TableFacts(doc_id=doc.doc_id, table_index=index, statement=statement, amounts=[],
                       across=layout.across,
                       first_name_col=layout.name_cols()[0] if layout.name_cols() else None)
    if not layout.across:
        facts.total_cols = _total_columns(layout, statement)
    result = TableRead(facts=facts)
    across_items = [_across_item(p)[0] for p in layout.paths]
    last_parts: dict[int, list[str]] = {}
    for i, row in join_cut_rows(rows, pages, layout):
        page = pages[i]
        flagged = page in garbled_pages or any(garbled_count(c) for c in row if c)
        row_label = cell_text(row[0]) if layout.across and parse_number(row[0]) is None else ""
        for a in layout.amount_cols():
            raw = row[a]
            value, unit = _amount(raw, units[a] if a < len(units) else None)
            if raw is None or value is None:
                why = number_problem(raw)
                if why:
                    result.rejected.append((i, a, cell_text(raw), why))
                continue
            found = _item_and_measure(row, a, layout, statement, row_label, across_items, last_parts)
            if found is None:
                continue
            name, measure, code, name_col, item_path = found
            facts.amounts.append(StatementAmount(row_index=i, col=a, page=page, name=name, measure=measure,
                                                 value=value, code=code, name_col=name_col,
                                                 item_path=item_path))
            project = _project_of(layout, statement, name_col, name)
            budget = BudgetRow(
                doc_id=doc.doc_id, page=page, source="table", scope="project" if project else "department",
                project=project, measure=measure,
                amount_wan=to_wan(value, unit), amount_raw=(raw or "").strip(), unit_raw=unit or "",
                table_index=index, row_index=i, statement=statement, line_code=code, line_name=name,
                extractor=table.reader, flagged=flagged,
            )
            result.rows.append(budget)
            if unit is None:
                result.unitless.append((budget, value))
    return result


def read_statements(doc: DocInput) -> Extraction:
    """Every amount of every statement table of ``doc``, and the identities that fail."""
    return read_statements_claiming(doc)[0]


@dataclass
class _Previous:
    """The statement table read last: a headerless table on the next page may continue it."""

    table: RawTable
    layout: Layout
    statement: str
    units: list[str | None]
    tail: str = ""  # a continuation's first row: the rest of the previous part's last item name


def _recognise(doc: DocInput, index: int, table: RawTable, prev: _Previous | None,
               issues: list[IssueRow]) -> _Previous | None:
    """The statement, layout and column units of ``table``, or None when it is not a statement."""
    width = table.n_cols
    rows = padded(table.rows, width)
    statement = _statement_of(table, rows)
    if statement is None:
        part = _continuation(prev, table) if prev is not None else None
        if prev is not None and part is not None:
            layout = continuation_layout(prev.layout, part.n_cols)
            if layout is not None:
                return _Previous(part, layout, prev.statement, prev.units, _tail_of(part, layout))
        return None
    layout = read_layout(rows, width)
    if layout is None:
        if _holds_amounts(rows):
            issues.append(IssueRow(
                doc_id=doc.doc_id, page=table.page, rule="statement_not_read", severity="warning",
                message=f"{statement}: the table holds amounts but no header row labels them; "
                        "no statement rows were read from it", table_index=index))
        return None
    if not is_known_statement(statement):
        issues.append(IssueRow(
            doc_id=doc.doc_id, page=table.page, rule="statement_title_unknown", severity="info",
            message=f"{statement}: the title is not in the statement vocabulary; the printed title is kept "
                    f"as the statement name (header: {layout.header_text})", table_index=index))
    units = column_units(layout.units, title_text(rows, layout.title_rows), table.text_above)
    return _Previous(table, layout, statement, units)


def _holds_amounts(rows: list[list[Cell]]) -> bool:
    return sum(parse_number(c) is not None for r in rows for c in r if c) >= 2


def _garbled_issues(doc: DocInput, index: int, table: RawTable, statement: str,
                    reported: set[int]) -> list[IssueRow]:
    garbled_pages = {p.number for p in doc.pages if p.garbled}
    out: list[IssueRow] = []
    for page in sorted(set(table.row_pages) & garbled_pages - reported):
        reported.add(page)
        out.append(IssueRow(
            doc_id=doc.doc_id, page=page, rule="garbled_text", severity="warning",
            message=f"page {page} text is garbled ((cid:…) or replacement characters); the rows of "
                    f"{statement} read from it are flagged", table_index=index,
        ))
    if table.garbled and not set(table.row_pages) & garbled_pages:
        out.append(IssueRow(
            doc_id=doc.doc_id, page=table.page, rule="garbled_text", severity="warning",
            message=f"cells of {statement} hold (cid:…) or replacement characters; their rows are flagged",
            table_index=index,
        ))
    return out


def _read_issues(doc: DocInput, index: int, table: RawTable, found: _Previous, read: TableRead) -> list[IssueRow]:
    out: list[IssueRow] = []
    for row_index, col, text, why in read.rejected:
        out.append(IssueRow(
            doc_id=doc.doc_id, page=table.row_pages[row_index], rule="number_rejected", severity="warning",
            message=f"{found.statement}: cell {text!r} (column {'›'.join(found.layout.paths[col]) or col}) "
                    f"is not a number: {why}", table_index=index, row_index=row_index))
    if not read.rows and found.layout.header_rows and _holds_amounts(table.rows):
        out.append(IssueRow(
            doc_id=doc.doc_id, page=table.page, rule="statement_not_read", severity="warning",
            message=f"{found.statement}: the table holds amounts under the header "
                    f"[{found.layout.header_text}] but no row was read (no item labels an amount)",
            table_index=index))
    return out


def read_statements_claiming(doc: DocInput) -> tuple[Extraction, frozenset[int]]:
    """:func:`read_statements`, and the indexes of the tables read as statements (the tables
    claimed: later interpreters leave them alone)."""
    claimed: set[int] = set()
    ext = Extraction()
    checks = CheckResult()
    prev: _Previous | None = None
    garbled_reported: set[int] = set()
    unitless: list[UnitlessTable] = []
    for index, table in enumerate(doc.tables):
        prev = _recognise(doc, index, table, prev, ext.issues)
        if prev is None:
            continue
        if prev.tail and claimed:
            _join_tail(ext.budgets, max(claimed), prev.tail)
        claimed.add(index)
        read = read_statement_table(doc, index, prev.table, prev.layout, prev.statement, prev.units)
        ext.budgets.extend(read.rows)
        if read.unitless:
            unitless.append(UnitlessTable(table_index=index, page=table.page, statement=prev.statement,
                                          rows=[r for r, _ in read.unitless], values=[v for _, v in read.unitless]))
        checks.add(check_table(read.facts))
        ext.issues.extend(_garbled_issues(doc, index, table, prev.statement, garbled_reported))
        ext.issues.extend(_read_issues(doc, index, table, prev, read))
    ext.issues.extend(resolve_unitless(doc.doc_id, ext.budgets, unitless))
    ext.issues.extend(checks.issues)
    ext.failed_identities.extend(checks.failed)
    ext.identities_checked, ext.identities_held = checks.checked, checks.held
    if checks.checked:
        ext.issues.append(summary_issue(doc.doc_id, checks))
    return ext, frozenset(claimed)


def _tail_of(part: RawTable, layout: Layout) -> str:
    """The rest of an item name cut by the page break, when the continuation ``part`` opens with it:
    a first row with text in the one name column only, above a row of figures."""
    if len(part.rows) < 2 or not _has_amount(padded(part.rows[1:2], len(layout.kinds))[0], layout):
        return ""
    first = padded(part.rows[:1], len(layout.kinds))[0]
    texts = [(c, cell_text(cell)) for c, cell in enumerate(first) if cell_text(cell)]
    if len(texts) != 1 or layout.name_cols() != [texts[0][0]] or _opens_an_item(texts[0][1]):
        return ""  # (two sides of names: which item it ends is not told by the budgets rows)
    return texts[0][1]


def _opens_an_item(text: str) -> bool:
    """The text begins an item of its own: a code, a number, a numbering or a total."""
    head = fold(text).strip()
    return bool(re.match(r"\d", head)) or bool(_NUMBERING.match(head)) or head.startswith(_TOTAL_WORDS)


def _join_tail(budgets: list[BudgetRow], index: int, tail: str) -> None:
    """The rest of a name cut by the page break joins the item of the last row read from table ``index``."""
    rows = [b for b in budgets if b.table_index == index and b.row_index is not None and b.line_name]
    if not rows:
        return
    last = max(b.row_index or 0 for b in rows)
    for b in rows:
        if b.row_index == last:
            b.line_name = (b.line_name or "") + tail


def _opens_with_figures(table: RawTable) -> bool:
    """The table's first row holds figures, or its second does under the rest of a name cut by the page
    break (one cell of text)."""
    first = [c for c in table.rows[0] if c and c.strip()] if table.rows else []
    if any(parse_number(c) is not None for c in first):
        return True
    return (len(first) == 1 and len(table.rows) > 1
            and any(parse_number(c) is not None for c in table.rows[1] if c))


def _continuation(prev: _Previous, table: RawTable) -> RawTable | None:
    """A headerless table at the top of the page after a statement table continues it: the table,
    with the previous part's leading empty columns put back when the page dropped them (a ruled
    column left blank on every row is not drawn on the next page)."""
    if not (table.page == prev.table.last_page + 1 and table.index_on_page == 0 and table.rows
            and _opens_with_figures(table)):
        return None
    missing = prev.table.n_cols - table.n_cols
    if missing == 0:
        return table
    if missing < 0 or not _blank_columns(prev, missing):
        return None
    blank: list[Cell] = [""] * missing
    return replace(table, rows=[blank + list(r) for r in table.rows])


def _blank_columns(prev: _Previous, n: int) -> bool:
    """The first ``n`` columns of the previous part hold nothing below its header."""
    rows = prev.table.rows[prev.layout.first_data_row:]
    return all(not cell_text(r[c]) for r in rows for c in range(min(n, len(r))))
