"""Self-evaluation tables -> indicators, budgets (source table) and scores.

Entry point: ``read_self_evaluation(doc)``. Every table of ``doc.tables`` is scanned row by
row for the parts of the self-evaluation forms (部门整体/项目支出绩效自评表, 项目绩效目标
完成情况表, 自评结果汇总表): 项目名称/部门名称 rows, fund blocks, indicator sections, 总分
rows, 自评得分 header cells and summary tables. Statement tables (收入支出决算总表 ...) carry
none of these parts and yield nothing. Cross-checks become issues (extract/interpreters/selfeval/checks.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

from extract.interpreters.selfeval.block_stamp import check_block_stamps
from extract.interpreters.selfeval.checks import FormPoints, check_form
from extract.interpreters.selfeval.context import (
    FormContext,
    clean_project,
    heading_project,
    label_value,
    labelled_project,
    statement_name,
    title_from,
    unnamed_forms,
)
from extract.interpreters.selfeval.fund_pairs import (
    PairBlock,
    PairContext,
    continue_block,
    emit_pairs,
    implied_measure,
    row_pairs,
    start_block,
)
from extract.interpreters.selfeval.fund_sums import fund_sum_checks
from extract.interpreters.selfeval.funds import (
    FundBlock,
    block_header,
    continues_block,
    emit_block,
    kv_money,
    unit_above,
)
from extract.interpreters.selfeval.indicators import (
    IndicatorSection,
    OtherPoints,
    convert_percent_fractions,
    fix_trailing_labels,
    header_roles,
    is_end_row,
    read_indicator_row,
)
from extract.interpreters.selfeval.roles import resolve_unknown
from extract.interpreters.selfeval.row_checks import levels_out_of_place, rows_without_values
from extract.interpreters.selfeval.scores import (
    SummaryTable,
    grade_row,
    score_cells,
    summary_header,
    summary_rows,
    total_score,
)
from extract.interpreters.selfeval.unread_forms import totals_not_read
from extract.interpreters.selfeval.vertical import vertical_rows
from extract.interpreters.selfeval.vocab import first_text, in_list, join_lines, key, vocab
from extract.sources.pdf import OpenedPdf
from extract.tables.cell_lines import CellLines, row_cell_lines
from model.document import DocInput
from model.records import BudgetRow, Extraction, IndicatorRow, IssueRow, ScoreRow
from model.tables import Cell, RawTable
from normalize.furniture import strip_furniture
from normalize.indicator_levels import is_level_name
from normalize.numbers import parse_number, to_wan

# table readers whose cells break lines only where the source has a paragraph break
_EXACT_LINE_READERS = ("docx", "xlsx")


@dataclass
class _Form:
    """One form being read (a table, or a section continued from the previous table)."""

    ctx: FormContext
    section: IndicatorSection | None = None
    block: FundBlock | None = None
    pairs: PairBlock | None = None  # a fund block printed as label:value pairs
    cut_pairs: PairBlock | None = None  # the pair block the form's last table ended in (cut by a page break)
    reopen_pairs: bool = False  # this table goes on with those pairs
    indicators: list[IndicatorRow] = field(default_factory=list)
    block_score: float | None = None
    block_weight: float | None = None
    other: OtherPoints = field(default_factory=OtherPoints)  # points of rows that are no indicators
    total: ScoreRow | None = None


def _context_for(table: RawTable, doc: DocInput) -> FormContext:
    title = title_from(table.text_above)
    ctx = FormContext()
    for row in table.rows[:6]:
        p = label_value(row, "project_labels")
        if p:
            ctx.scope, ctx.project, ctx.known = "project", p, True
            break
        if label_value(row, "department_labels"):
            ctx.scope, ctx.project, ctx.known = "department", None, True
            break
    if not ctx.known:
        if title and ("整体" in title or ("部门" in title and "项目" not in title)):
            ctx.scope, ctx.known = "department", True
        else:
            p = labelled_project(table.text_above) or heading_project(table.text_above)
            if p:
                ctx.scope, ctx.project, ctx.known = "project", p, True
    ctx.project = clean_project(ctx.project)
    ctx.statement = statement_name(title, ctx.scope)
    return ctx


def _same_form(prev: RawTable | None, table: RawTable, before: FormContext, ctx: FormContext) -> FormContext:
    """A table that names no form, right below a form's table on the same page, is that form's next
    part (a reader that splits a form at a row of prose, 年度总体目标, gives two tables): it keeps
    the form's scope, project and statement."""
    if ctx.known or prev is None or not before.known or table.page != prev.last_page:
        return ctx
    return replace(before)


def _only_labels(text: str) -> bool:
    """Nothing but page furniture and level labels of merged cells between two table parts."""
    for line in strip_furniture(text).splitlines():
        s = line.strip()
        if s and not (is_level_name(s, 1) or is_level_name(s, 2)):
            return False
    return True


def _continues(prev: RawTable | None, table: RawTable, form: _Form | None) -> bool:
    if prev is None or form is None:
        return False
    if form.section is None or not form.section.open:
        return _pairs_continue(prev, table, form)
    if not _only_labels(table.text_above) or not _only_labels(prev.text_below):
        return False
    if table.page not in (prev.last_page, prev.last_page + 1) or table.index_on_page != 0:
        return False
    first = table.rows[0] if table.rows else []
    if (
        header_roles(table.rows, 0)
        or label_value(first, "project_labels")
        or label_value(first, "department_labels")
    ):
        return False
    return True


def _pairs_continue(prev: RawTable, table: RawTable, form: _Form) -> bool:
    """The table goes on with the rows of label/amount pairs the form's last table ended in (其它资金: 0
    at the top of the next page, the fund block cut by the page break before the form's indicators)."""
    first = table.rows[0] if table.rows else []
    return bool(
        form.cut_pairs is not None and table.index_on_page == 0
        and table.page in (prev.last_page, prev.last_page + 1)
        and _only_labels(table.text_above) and _only_labels(prev.text_below)
        and not (first and first[0] and first[0].strip())
        and row_pairs(first)[0] and start_block(first, row_index=0, page=table.page) is None
    )


def read_self_evaluation(
    doc: DocInput, claimed: frozenset[int] = frozenset(), pdf: OpenedPdf | None = None
) -> Extraction:
    """The self-evaluation forms of ``doc``; ``claimed``: the indexes of tables another interpreter
    read (the statements), left alone; ``pdf``: the opened PDF, re-read for cell lines."""
    out = Extraction()
    form: _Form | None = None
    forms: list[_Form] = []
    prev: RawTable | None = None
    positions = partial(_row_positions, doc, pdf)
    for ti, table in enumerate(doc.tables):
        if ti in claimed:  # a statement table, read by its own interpreter
            if form is not None:
                _finish(form, doc, out)
            form, prev = None, None
            continue
        if _continues(prev, table, form):
            assert form is not None
            # a form whose indicator section is closed continues only with its pair block cut by the page
            # break (_pairs_continue): this table's first row goes on with it
            form.reopen_pairs = form.section is None or not form.section.open
        else:
            ctx = _context_for(table, doc)
            if form is not None:
                ctx = _same_form(prev, table, form.ctx, ctx)
                _finish(form, doc, out)
            form = _Form(ctx=ctx)
            forms.append(form)
        scan = _Scan(table=table, ti=ti, form=form, doc=doc, out=out, positions=positions, forms=forms)
        _scan(scan)
        form, prev = scan.form, table
    if form is not None:
        _finish(form, doc, out)
    out.scores = _dedupe_scores(out.scores)
    out.issues.extend(check_block_stamps(doc, out.budgets))
    out.issues.extend(unnamed_forms([(f.ctx, f.indicators) for f in forms], doc.doc_id))
    out.issues.extend(totals_not_read([(f.ctx.scope, f.ctx.project, f.indicators) for f in forms], out.scores,
                                      doc.doc_id))
    return out


Positions = Callable[[int, list[Cell]], list[CellLines | None] | None]


@dataclass
class _Scan:
    """One table being read into its form, row by row: what the rows read so far opened."""

    table: RawTable
    ti: int
    form: _Form
    doc: DocInput
    out: Extraction
    positions: Positions  # (page, row) -> the row's cells with their printed lines
    forms: list[_Form] = field(default_factory=list)  # the forms read so far (one starting in the table joins)
    pending_scores: list[ScoreRow] = field(default_factory=list)
    summary: SummaryTable | None = None

    @property
    def reader(self) -> str:
        return self.table.reader


@dataclass(frozen=True)
class _Row:
    index: int
    cells: list[Cell]
    page: int
    new_page: bool  # the row starts a new page of its table


def _scan(scan: _Scan) -> None:
    table, form = scan.table, scan.form
    if table.text_above:
        form.ctx.unit = unit_above(table.text_above) or form.ctx.unit
    for ri, cells in enumerate(table.rows):
        page = table.row_pages[ri] if ri < len(table.row_pages) else table.page
        row = _Row(index=ri, cells=cells, page=page, new_page=ri > 0 and page != table.row_pages[ri - 1])
        _next_form(scan, row)
        for step in _ROW_STEPS:
            if step(scan, row):
                break
    scan.form.cut_pairs = scan.form.pairs  # (still open at the table's end: maybe cut by the page break)
    _end_table_part(scan)


def _next_form(scan: _Scan, row: _Row) -> None:
    """A 项目名称 row inside the table, below a form that has opened its indicator section or that names
    another project, starts the next form (two forms on a page read as one table): the form read so far
    ends, and the rows below are the new project's."""
    if scan.summary is not None:
        return
    name = label_value(row.cells, "project_labels")
    if not name or key(name) in vocab()["fund_measures"]:
        return  # no form's name, or a column heading (序号 | 项目名称 | 预算数（万元） …)
    form, project = scan.form, clean_project(name)
    if form.section is None and key(project or "") == key(form.ctx.project or ""):
        return  # the form's own name row
    _end_table_part(scan)
    _finish(form, scan.doc, scan.out)
    ctx = replace(form.ctx, scope="project", project=project, known=True)
    if form.ctx.scope != "project":  # a project form below a department's
        ctx.statement = statement_name(title_from(scan.table.text_above), "project")
    scan.form = _Form(ctx=ctx)
    scan.forms.append(scan.form)


def _end_table_part(scan: _Scan) -> None:
    """The form's part of the table ends: its open block is read, its pending scores stamped."""
    form = scan.form
    _close_block(form, scan.doc, scan.ti, scan.reader, scan.out)
    if form.section is not None:
        _fix_trailing_labels(scan, form.section)
    for score in scan.pending_scores:
        score.scope, score.project = form.ctx.scope, form.ctx.project
        scan.out.scores.append(score)
    scan.pending_scores = []


def _fix_trailing_labels(scan: _Scan, section: IndicatorSection) -> None:
    table, doc = scan.table, scan.doc
    for page in sorted(set(table.row_pages)):
        on_page = [r for r in section.rows if r.table_index == scan.ti and r.page == page]
        cells = [
            join_lines(c)
            for r, p in zip(table.rows, table.row_pages, strict=False)
            if p == page
            for c in r
            if c
        ]
        if on_page and 0 < page <= len(doc.pages):
            fix_trailing_labels(section, on_page, cells, doc.page_text(page))


# each step reads a row it recognises and says so (True); the first that does wins


def _score_cells_step(scan: _Scan, row: _Row) -> bool:
    """Score cells in a header row (自评得分: 89.78 | 自评等次: 良)."""
    sc = score_cells(row.cells)
    if sc is None:
        return False
    ctx = scan.form.ctx
    scan.pending_scores.append(
        ScoreRow(doc_id=scan.doc.doc_id, page=row.page, scope=ctx.scope, score=sc[0], max_score=100.0,
                 project=ctx.project, grade=sc[1], source="table")
    )
    return True


def _summary_step(scan: _Scan, row: _Row) -> bool:
    """A summary table: its header, then every row below it."""
    if scan.summary is None:
        scan.summary = summary_header(row.cells, scan.form.ctx.unit or "万元")
        return scan.summary is not None
    b, s = summary_rows(
        scan.summary, row.cells, doc_id=scan.doc.doc_id, page=row.page, table_index=scan.ti, row_index=row.index,
        reader=scan.reader,
    )
    scan.out.budgets.extend(b)
    scan.out.scores.extend(s)
    return True


def _section_header_step(scan: _Scan, row: _Row) -> bool:
    """The header of an indicator section."""
    roles = header_roles(scan.table.rows, row.index)
    if roles is None:
        return False
    form = scan.form
    _close_block(form, scan.doc, scan.ti, scan.reader, scan.out)
    roles, issues = resolve_unknown(
        scan.table.rows, row.index, roles, doc_id=scan.doc.doc_id, page=row.page, table_index=scan.ti
    )
    scan.out.issues.extend(issues)
    form.section = IndicatorSection(roles, len(row.cells), form.ctx.scope, form.ctx.project, other=form.other)
    return True


def _total_step(scan: _Scan, row: _Row) -> bool:
    """The form's total score."""
    form = scan.form
    tot = total_score(row.cells, form.section)
    if tot is None:
        return False
    form.total = ScoreRow(doc_id=scan.doc.doc_id, page=row.page, scope=form.ctx.scope, score=tot[0],
                          max_score=tot[1], project=form.ctx.project, grade=tot[2])
    if form.section:
        form.section.open = False
    return True


def _grade_step(scan: _Scan, row: _Row) -> bool:
    """The grade printed in a row of its own under the total (评价等级 | 优秀)."""
    total = scan.form.total
    if total is None or total.grade is not None:
        return False
    g = grade_row(row.cells)
    if g is None:
        return False
    total.grade = g
    return True


def _indicator_step(scan: _Scan, row: _Row) -> bool:
    """A row of the open indicator section (several indicators where one cell lists them line by line)."""
    section, doc = scan.form.section, scan.doc
    if section is None or not section.open:
        return False
    if is_end_row(row.cells):
        section.open = False
        return True
    if _form_label_row(row.cells):  # the head of a form below (its 项目名称 row lost): read as the form's rows
        section.open = False
        return False
    parts = vertical_rows(
        section,
        row.cells,
        partial(scan.positions, row.page, row.cells),
        exact_lines=scan.reader in _EXACT_LINE_READERS,
    )
    for n, part in enumerate(parts or [row.cells]):
        before = len(section.rows)
        read_indicator_row(
            section,
            part,
            doc_id=doc.doc_id,
            page=row.page,
            table_index=scan.ti,
            row_index=row.index,
            new_page=row.new_page and n == 0,
            reader=scan.reader,
            ruled=scan.table.ruled,
            issues=scan.out.issues,
            page_text=doc.page_text(row.page) if 0 < row.page <= len(doc.pages) else "",
        )
        if len(section.rows) > before:
            scan.form.indicators.append(section.rows[-1])
    return True


def _form_label_row(cells: list[Cell]) -> bool:
    """A row that a form's label opens (项目名称, 主管部门, 实施单位, 项目资金（万元）): never an indicator."""
    _, k = first_text(cells)
    return any(in_list(k, labels) for labels in ("project_labels", "department_labels", "form_label_rows"))


def _block_header_step(scan: _Scan, row: _Row) -> bool:
    """The header of a fund block."""
    form, cells = scan.form, row.cells
    if form.block is not None and form.block.skip_rows > 0:
        return False  # the lower row of the open block's header
    bh = block_header(scan.table.rows, row.index)
    if bh is None:
        return False
    _close_block(form, scan.doc, scan.ti, scan.reader, scan.out)
    form.block = bh
    bh.unit = bh.unit or form.ctx.unit
    label = join_lines(cells[0]) if cells and cells[0] else ""
    if label and not bh.line_name and _is_item_label(label):
        bh.line_name = label
    return True


def _block_row_step(scan: _Scan, row: _Row) -> bool:
    """A row of the open fund block; a row that is not one closes the block (and is read on)."""
    block, cells = scan.form.block, row.cells
    if block is None:
        return False
    if block.skip_rows > 0:  # a header row below the first (the measures under 金额（元）)
        block.skip_rows -= 1
        return True
    if block.two_level and not _has_amount(cells):
        return True  # the second header row
    if block.labels_first or (block.no_label and cells and cells[0] and cells[0].strip()):
        # rows labelled in the first column, also under a header that prints nothing before its
        # measures (a block label merged down the rows' labels, read into them by a reader of word positions)
        ends = not continues_block(cells, block)
    else:
        ends = bool(cells and cells[0] and cells[0].strip() and not block.two_level) or (
            not _has_amount(cells) and not _block_label_row(cells, block)
        )
    if ends:
        _close_block(scan.form, scan.doc, scan.ti, scan.reader, scan.out)
        return False
    block.rows.append((row.index, row.page, cells))
    return True


def _pair_start_step(scan: _Scan, row: _Row) -> bool:
    """The first row of label/amount pairs (预算执行情况（万元） | 预算数: | 1047.8 | 执行数: | 1047.8)."""
    implied = implied_measure(scan.form.ctx.statement)
    block = start_block(row.cells, row_index=row.index, page=row.page, implied=implied)
    if block is None:
        return False
    _close_block(scan.form, scan.doc, scan.ti, scan.reader, scan.out)
    scan.form.pairs = block
    return True


def _pair_row_step(scan: _Scan, row: _Row) -> bool:
    """A following row of pairs (one per fund source); a row that is not one ends them (and is read on)."""
    form = scan.form
    if form.pairs is None and form.reopen_pairs and form.cut_pairs is not None and row.index == 0:
        cut = form.cut_pairs  # its rows go on in this table (and are stamped with it)
        form.pairs = PairBlock(label=cut.label, sides=cut.sides, line_name=cut.line_name,
                               unit_fragment=cut.unit_fragment)
    form.reopen_pairs = False
    block = form.pairs
    if block is None:
        return False
    if continue_block(block, row.cells, row_index=row.index, page=row.page):
        return True
    if not block.rows:  # reopened for a row that did not go on with it
        form.pairs = None
        return False
    _close_block(form, scan.doc, scan.ti, scan.reader, scan.out)
    return False


def _kv_money_step(scan: _Scan, row: _Row) -> bool:
    """Amounts set as label | value cells."""
    for line_name, measure, amount, raw, unit in kv_money(row.cells):
        scan.out.budgets.append(
            _budget_row(scan, row, measure=measure, amount=amount, raw=raw, unit=unit, line_name=line_name,
                        funding_source="合计")
        )
    return True


_ROW_STEPS: tuple[Callable[[_Scan, _Row], bool], ...] = (
    _score_cells_step,
    _summary_step,
    _section_header_step,
    _total_step,
    _grade_step,
    _indicator_step,
    _block_header_step,
    _block_row_step,
    _pair_row_step,
    _pair_start_step,
    _kv_money_step,
)


def _budget_row(
    scan: _Scan, row: _Row, *, measure: str, amount: float, raw: str, unit: str, line_name: str | None,
    funding_source: str,
) -> BudgetRow:
    """An amount of the form's table, with the form's scope, project and statement."""
    ctx = scan.form.ctx
    return BudgetRow(
        doc_id=scan.doc.doc_id, page=row.page, source="table", scope=ctx.scope, measure=measure,
        amount_wan=to_wan(amount, unit), amount_raw=raw, unit_raw=unit, table_index=scan.ti, row_index=row.index,
        statement=ctx.statement, project=ctx.project, line_code=None, line_name=line_name,
        funding_source=funding_source, extractor=scan.reader,
    )


def _row_positions(
    doc: DocInput, pdf: OpenedPdf | None, page: int, row: list[str | None]
) -> list[CellLines | None] | None:
    """The row's cells with their printed lines, re-read from the PDF page (None for other files)."""
    if doc.file_type != "pdf":
        return None
    return row_cell_lines(pdf if pdf is not None else doc.path, page, row)


def _is_item_label(label: str) -> bool:
    from extract.interpreters.selfeval.funds import fund_vocab

    return key(label) in fund_vocab()["total_labels"]


def _has_amount(row: list[str | None]) -> bool:
    return any(parse_number(c) is not None for c in row if c)


def _block_label_row(row: list[str | None], block: FundBlock) -> bool:
    """A source row left blank (上年结转资金 | | |) still belongs to the block."""
    from extract.interpreters.selfeval.funds import row_label

    label = row_label(row, block)
    return bool(label) and not (row and row[0] and row[0].strip())


def _close_block(form: _Form, doc: DocInput, ti: int, reader: str, out: Extraction) -> None:
    if form.pairs is not None:
        ctx = PairContext(doc_id=doc.doc_id, table_index=ti, scope=form.ctx.scope, project=form.ctx.project,
                          statement=form.ctx.statement or "", reader=reader, unit_above=form.ctx.unit)
        out.budgets.extend(emit_pairs(form.pairs, ctx, out.issues))
        form.pairs = None
    if form.block is None:
        return
    rows, bscore, bweight = emit_block(
        form.block,
        doc_id=doc.doc_id,
        table_index=ti,
        scope=form.ctx.scope,
        project=form.ctx.project,
        statement=form.ctx.statement or "",
        reader=reader,
        issues=out.issues,
        failed=out.failed_identities,
    )
    out.budgets.extend(rows)
    out.issues.extend(fund_sum_checks(form.block, rows, doc_id=doc.doc_id, failed=out.failed_identities))
    if bscore is not None:
        form.block_score = bscore
    if bweight is not None:
        form.block_weight = bweight
    form.block = None


def _finish(form: _Form, doc: DocInput, out: Extraction) -> None:
    out.issues.extend(convert_percent_fractions(form.indicators, doc.doc_id))
    out.indicators.extend(form.indicators)
    if form.total is not None:
        out.scores.append(form.total)
    out.issues.extend(
        check_form(form.indicators, form.total, FormPoints(block_score=form.block_score,
                                                           block_weight=form.block_weight, other=form.other),
                   doc.doc_id, out.failed_identities)
    )
    out.issues.extend(levels_out_of_place(form.indicators, doc.doc_id))
    out.issues.extend(rows_without_values(form.indicators, doc.doc_id))


def _dedupe_scores(scores: list[ScoreRow]) -> list[ScoreRow]:
    seen: set[tuple[str, str, float]] = set()
    out = []
    for s in scores:
        k = (s.scope, key(s.project or ""), round(s.score, 2))
        if k in seen:
            continue
        seen.add(k)
        out.append(s)
    return out


__all__ = ["IssueRow", "read_self_evaluation"]
