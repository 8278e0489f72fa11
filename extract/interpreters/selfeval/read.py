"""Self-evaluation tables -> indicators, budgets (source table) and scores.

Entry point: ``read_self_evaluation(doc)``. Every table of ``doc.tables`` is scanned row by
row for the parts of the self-evaluation forms (部门整体/项目支出绩效自评表, 项目绩效目标
完成情况表, 自评结果汇总表): 项目名称/部门名称 rows, fund blocks, indicator sections, 总分
rows, 自评得分 header cells and summary tables. Statement tables (收入支出决算总表 ...) carry
none of these parts and yield nothing. Cross-checks become issues (extract/interpreters/selfeval/checks.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from extract.interpreters.selfeval.checks import check_form
from extract.interpreters.selfeval.context import FormContext, heading_project, label_value, statement_name, title_from
from extract.interpreters.selfeval.funds import (
    FundBlock,
    block_header,
    emit_block,
    kv_money,
    pair_amounts,
    pair_block_start,
    unit_above,
)
from extract.interpreters.selfeval.funds import source_label as fund_source_label
from extract.interpreters.selfeval.indicators import (
    IndicatorSection,
    convert_percent_fractions,
    fix_trailing_labels,
    header_roles,
    is_end_row,
    read_indicator_row,
)
from extract.interpreters.selfeval.scores import score_cells, summary_header, summary_rows, total_score
from extract.interpreters.selfeval.vertical import vertical_rows
from extract.interpreters.selfeval.vocab import join_lines, key
from extract.tables.cell_lines import CellLines, row_cell_lines
from model.document import DocInput
from model.records import BudgetRow, Extraction, IndicatorRow, IssueRow, ScoreRow
from model.tables import RawTable
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
    indicators: list[IndicatorRow] = field(default_factory=list)
    block_score: float | None = None
    block_weight: float | None = None
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
            p = heading_project(table.text_above)
            if p:
                ctx.scope, ctx.project, ctx.known = "project", p, True
    ctx.statement = statement_name(title, ctx.scope)
    return ctx


def _only_labels(text: str) -> bool:
    """Nothing but page furniture and level labels of merged cells between two table parts."""
    for line in strip_furniture(text).splitlines():
        s = line.strip()
        if s and not (is_level_name(s, 1) or is_level_name(s, 2)):
            return False
    return True


def _continues(prev: RawTable | None, table: RawTable, form: _Form | None) -> bool:
    if prev is None or form is None or form.section is None or not form.section.open:
        return False
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


def read_self_evaluation(doc: DocInput) -> Extraction:
    out = Extraction()
    form: _Form | None = None
    prev: RawTable | None = None
    for ti, table in enumerate(doc.tables):
        if ti in doc.claimed_tables:  # a statement table, read by its own interpreter
            if form is not None:
                _finish(form, doc, out)
            form, prev = None, None
            continue
        if _continues(prev, table, form):
            assert form is not None
        else:
            if form is not None:
                _finish(form, doc, out)
            form = _Form(ctx=_context_for(table, doc))
        _scan(table, ti, form, doc, out)
        prev = table
    if form is not None:
        _finish(form, doc, out)
    out.scores = _dedupe_scores(out.scores)
    return out


def _scan(table: RawTable, ti: int, form: _Form, doc: DocInput, out: Extraction) -> None:
    rows = table.rows
    reader = table.reader
    pending_scores: list[ScoreRow] = []
    summary = None
    pair_measures: list[str] | None = None
    pair_line: str | None = None
    if table.text_above and not table.continued_from_previous_page:
        form.ctx.unit = unit_above(table.text_above) or form.ctx.unit
    for ri, row in enumerate(rows):
        page = table.row_pages[ri] if ri < len(table.row_pages) else table.page
        new_page = ri > 0 and page != table.row_pages[ri - 1]
        if ri == 0 and table.continued_from_previous_page:
            new_page = True
        # score cells in a header row (自评得分: 89.78 | 自评等次: 良)
        sc = score_cells(row)
        if sc is not None:
            pending_scores.append(
                ScoreRow(doc.doc_id, page, form.ctx.scope, sc[0], 100.0, form.ctx.project, sc[1], "table")
            )
            continue
        # summary tables
        if summary is None:
            summary = summary_header(row, form.ctx.unit or "万元")
            if summary is not None:
                continue
        else:
            b, s = summary_rows(
                summary, row, doc_id=doc.doc_id, page=page, table_index=ti, row_index=ri, reader=reader
            )
            out.budgets.extend(b)
            out.scores.extend(s)
            continue
        # indicator section header
        roles = header_roles(rows, ri)
        if roles is not None:
            _close_block(form, doc, ti, reader, out)
            form.section = IndicatorSection(roles, len(row), form.ctx.scope, form.ctx.project)
            continue
        tot = total_score(row, form.section)
        if tot is not None:
            form.total = ScoreRow(doc.doc_id, page, form.ctx.scope, tot[0], tot[1], form.ctx.project, tot[2])
            if form.section:
                form.section.open = False
            continue
        if form.section is not None and form.section.open:
            if is_end_row(row):
                form.section.open = False
                continue
            parts = vertical_rows(
                form.section,
                row,
                partial(_row_positions, doc, page, row),
                exact_lines=reader in _EXACT_LINE_READERS,
            )
            for n, part in enumerate(parts or [row]):
                before = len(form.section.rows)
                read_indicator_row(
                    form.section,
                    part,
                    doc_id=doc.doc_id,
                    page=page,
                    table_index=ti,
                    row_index=ri,
                    new_page=new_page and n == 0,
                    reader=reader,
                    issues=out.issues,
                    page_text=doc.page_text(page) if 0 < page <= len(doc.pages) else "",
                )
                if len(form.section.rows) > before:
                    form.indicators.append(form.section.rows[-1])
            continue
        # fund blocks
        bh = block_header(rows, ri)
        if bh is not None:
            _close_block(form, doc, ti, reader, out)
            form.block = bh
            bh.unit = bh.unit or form.ctx.unit
            label = join_lines(row[0]) if row and row[0] else ""
            if label and not bh.line_name and _is_item_label(label):
                bh.line_name = label
            continue
        if form.block is not None:
            if form.block.two_level and not _has_amount(row):
                continue  # the second header row
            if (row and row[0] and row[0].strip() and not form.block.two_level) or (
                not _has_amount(row) and not _block_label_row(row, form.block)
            ):
                _close_block(form, doc, ti, reader, out)
            else:
                form.block.rows.append((ri, page, row))
                continue
        pb = pair_block_start(row)
        if pb is not None:
            pair_measures = [m for _, m in pb]
            # the label as printed: a unit in brackets (项目资金（元）) must survive until the unit is read
            pair_line = join_lines(row[0]) if row and row[0] else None
            _emit_pairs(row, pair_measures, pair_line, form, doc, ti, ri, page, reader, out, first=True)
            continue
        if pair_measures is not None:
            if row and row[0] and row[0].strip():
                pair_measures = None
            else:
                _emit_pairs(row, pair_measures, pair_line, form, doc, ti, ri, page, reader, out, first=False)
                continue
        for line_name, measure, amount, raw, unit in kv_money(row):
            out.budgets.append(
                BudgetRow(
                    doc.doc_id,
                    page,
                    "table",
                    form.ctx.scope,
                    measure,
                    to_wan(amount, unit),
                    raw,
                    unit,
                    ti,
                    ri,
                    form.ctx.statement,
                    form.ctx.project,
                    None,
                    line_name,
                    "合计",
                    extractor=reader,
                )
            )
    _close_block(form, doc, ti, reader, out)
    if form.section is not None:
        for page in sorted(set(table.row_pages)):
            on_page = [r for r in form.section.rows if r.table_index == ti and r.page == page]
            cells = [
                join_lines(c)
                for r, p in zip(table.rows, table.row_pages, strict=False)
                if p == page
                for c in r
                if c
            ]
            if on_page and 0 < page <= len(doc.pages):
                fix_trailing_labels(form.section, on_page, cells, doc.page_text(page))
    for score in pending_scores:
        score.scope, score.project = form.ctx.scope, form.ctx.project
        out.scores.append(score)


def _row_positions(doc: DocInput, page: int, row: list[str | None]) -> list[CellLines | None] | None:
    """The row's cells with their printed lines, re-read from the PDF page (None for other files)."""
    if doc.file_type != "pdf":
        return None
    return row_cell_lines(doc.path, page, row)


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
    )
    out.budgets.extend(rows)
    if bscore is not None:
        form.block_score = bscore
    if bweight is not None:
        form.block_weight = bweight
    form.block = None


def _emit_pairs(
    row: list[str | None],
    measures: list[str],
    line: str | None,
    form: _Form,
    doc: DocInput,
    ti: int,
    ri: int,
    page: int,
    reader: str,
    out: Extraction,
    *,
    first: bool,
) -> None:
    from extract.interpreters.selfeval.funds import block_unit

    pairs = pair_amounts(row)[: len(measures)]
    unit_printed = "万元" if line and "万元" in line else ("元" if line and "元" in line else form.ctx.unit)
    line_name = key(line) or None if line else None
    # one unit for the row's amounts, decided from all of them
    unit, _ = block_unit([a for _, raw in pairs if (a := parse_number(raw)) is not None], unit_printed)
    for n, (label, raw) in enumerate(pairs):
        amount = parse_number(raw)
        if amount is None:
            continue
        source = "合计" if first else fund_source_label(label)
        out.budgets.append(
            BudgetRow(
                doc.doc_id,
                page,
                "table",
                form.ctx.scope,
                measures[n],
                to_wan(amount, unit),
                raw.strip(),
                unit,
                ti,
                ri,
                form.ctx.statement,
                form.ctx.project,
                None,
                line_name,
                source,
                extractor=reader,
            )
        )


def _finish(form: _Form, doc: DocInput, out: Extraction) -> None:
    out.issues.extend(convert_percent_fractions(form.indicators, doc.doc_id))
    out.indicators.extend(form.indicators)
    if form.total is not None:
        out.scores.append(form.total)
    out.issues.extend(
        check_form(form.indicators, form.total, form.block_score, form.block_weight, doc.doc_id)
    )


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
