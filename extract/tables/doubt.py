"""Where pdfplumber's tables are doubtful, read the page a second way and compare.

pdfplumber's ruled-table finder is the first reader (exact on the ruled layouts tried, and
fast). A page is doubtful when

- it holds no pdfplumber table but has rulings drawn (path objects), a table title with a
  unit line, or lines of figures set side by side in columns;
- one of its pdfplumber tables has rows of different lengths, garbled text, or cells that
  hold several numbers (a ruling pdfplumber missed merges two rows or columns).

Only doubtful pages pay for the second reading: camelot's lattice reader on the vector
rulings, and where no reader finds ruled tables, the borderless reader of
:mod:`extract.tables.words` (checked against camelot's stream reader). Where the readings
differ, the chosen table keeps its reader's name (``RawTable.reader``, carried into the
rows' ``extractor`` column) and a note ``table_readers_disagree`` names the page and the
differing cells; :func:`issues_from_notes` turns the notes into issues rows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2.raw as pdfium_c

from extract.sources.pdf import OpenedPdf, opened_pdf
from extract.tables.camelot import LATTICE, read_lattice, read_stream
from extract.tables.words import read_borderless
from model.pages import PageText
from model.records import IssueRow
from model.tables import Cell, RawTable
from normalize.indicator_levels import clean_label, is_level_name
from normalize.text import fold, is_sentence, no_space

RULE = "table_readers_disagree"
CHECK_FAILED = "table_check_failed"

MIN_PATHS = 8  # a page drawing at least this many paths (lines, rectangles) has rulings
MIN_FIGURE_LINES = 2  # lines of side-by-side figures that make a page look tabular
MIN_CELL_LINES = 4  # lines of cells with a figure (not side by side) that make a page look tabular,
# when they are at least as many as the lines of prose (a wrapped sentence breaks into such lines too)
MIN_CELLS = 3  # cells such a line holds at least
MIN_LEVEL_LINES = 2  # lines with an indicator level standing as a cell (数量指标, 成本指标) that make a form
TAIL_LINES = 3  # lines of a page that holds only the end of a form begun on the page before
TAIL_TEXT_LINES = 4 * TAIL_LINES  # lines of a short page's text, in the content stream's order, re-read by position
MAX_CELL_CHARS = 24  # a longer run of text without a blank is prose, not a cell
MAX_TITLES = 2  # more table titles than this on a tableless page: a table of contents
SHOWN_DIFFERENCES = 3  # differing cells named in a note

_NUM = r"(?<![\d.,])[-+]?\d[\d,]*(?:\.\d+)?%?(?![\d.,])"
_NUMBER = re.compile(_NUM)
_FIGURES_SIDE_BY_SIDE = re.compile(rf"{_NUM}[ \t\u3000]+{_NUM}")
_SEVERAL_NUMBERS = re.compile(rf"^\s*{_NUM}(?:\s+{_NUM})+\s*$")
_TABLE_TITLE = re.compile(r"^\s*\S.{0,40}表\s*(?:[（(][^）)\n]{0,20}[）)])?\s*$", re.MULTILINE)
_UNIT_LINE = re.compile(r"单位\s*[:：]")
_TOC = re.compile(r"目\s*录")
@dataclass
class Note:
    page: int
    message: str
    rule: str = RULE  # or CHECK_FAILED


@dataclass
class CheckedTables:
    tables: list[RawTable]
    notes: list[Note] = field(default_factory=list)
    doubtful_pages: dict[int, str] = field(default_factory=dict)  # page -> why it was doubted


# ---- when is pdfplumber's result doubtful -------------------------------------------------


def several_numbers(cell: Cell) -> bool:
    """The cell holds two or more numbers and nothing else (rows or columns run together)."""
    return bool(cell) and bool(_SEVERAL_NUMBERS.match(cell or ""))


def table_doubt(t: RawTable) -> str | None:
    """Why the table is doubtful, or None."""
    if len({len(r) for r in t.rows}) > 1:
        return "rows with different numbers of cells"
    if t.garbled:
        return "garbled cell text"
    if any(several_numbers(c) for r in t.rows for c in r):
        return "cells holding several numbers"
    return None


def _cells_with_a_figure(line: str) -> bool:
    """A line of three or more short cells, one of them a figure, none a sentence (汽车类驾驶证许可 >=
    8400 人次 8409): a table row whose figures are not side by side."""
    fields = line.split()
    return (len(fields) >= MIN_CELLS and any(_NUMBER.fullmatch(f) for f in fields)
            and not any(is_sentence(f) or len(f) > MAX_CELL_CHARS for f in fields))


def page_doubt(text: str, paths: int) -> str | None:
    """Why a page without a ruled table may hold one, or None."""
    if paths >= MIN_PATHS:
        return f"{paths} rulings drawn but no table found"
    if sum(1 for line in text.split("\n") if _FIGURES_SIDE_BY_SIDE.search(line)) >= MIN_FIGURE_LINES:
        return "figures set side by side in columns but no table found"
    if _tail_page(text):
        return "a short page of figures side by side (the end of a form) but no table found"
    lines = text.split("\n")
    cells = sum(1 for line in lines if _cells_with_a_figure(line))
    if cells >= MIN_CELL_LINES and cells >= sum(1 for line in lines if is_sentence(line)):
        return "lines of cells with figures (indicator rows) but no table found"
    titles = _TABLE_TITLE.findall(text)
    if 0 < len(titles) <= MAX_TITLES and _UNIT_LINE.search(text) and not _TOC.search(text):
        return "a table title and unit line but no table found"
    if 0 < len(titles) <= MAX_TITLES and not _TOC.search(text) and _form_lines(lines):
        return "a table title over lines of short cells (a form) but no table found"
    if _level_lines(lines):
        return "indicator levels set as cells (数量指标, 成本指标) but no table found"
    return None


def _level_field(field: str) -> bool:
    """``field`` is an indicator level of the national framework (一级/二级指标: 成本指标, 满意度指标) as
    printed in a form's cell: no heading number before it (（一）产出指标 heads a report's section)."""
    return ((is_level_name(field, 1) or is_level_name(field, 2))
            and fold(field).startswith(clean_label(field)))


def _level_lines(lines: list[str]) -> bool:
    """``MIN_LEVEL_LINES`` lines that are or hold an indicator level as a cell of its own, one of them
    beside another cell (质量指标 移动测速仪质量达标): the rows of a performance form, whatever its other
    cells hold (narrative cells wrap into lines that read as prose). Prose runs its words together; a
    level name standing apart is a cell."""
    levelled = [fields for fields in map(str.split, lines) if any(_level_field(f) for f in fields)]
    return len(levelled) >= MIN_LEVEL_LINES and any(len(fields) >= 2 for fields in levelled)


def _tail_page(text: str) -> bool:
    """A page of no more than ``TAIL_LINES`` lines, one of them figures side by side: the last row
    of a form begun on the page before (总分 100 99.6 优秀) and the wrapped ends of its cells."""
    lines = [line for line in text.split("\n") if line.strip()]
    return 0 < len(lines) <= TAIL_LINES and any(_FIGURES_SIDE_BY_SIDE.search(line) for line in lines)


def tails_by_position(pdf: OpenedPdf, pages: list[PageText]) -> dict[int, str]:
    """Short pages (no more than ``TAIL_TEXT_LINES`` lines of text in the content stream's order, which
    may break a printed line wherever a cell was drawn apart: 群众满意度 85%以上 99% / 5 / 5 / 总分 100 98.82
    / 优) whose lines as printed (words grouped by their position) are the end of a form begun on the
    page before (see :func:`_tail_page`): page -> why it is doubted."""
    out: dict[int, str] = {}
    for p in pages:
        if p.garbled or not 0 < len([x for x in p.text.split("\n") if x.strip()]) <= TAIL_TEXT_LINES:
            continue
        page = pdf.plumber.pages[p.number - 1]
        try:
            text = page.extract_text() or ""
        finally:
            page.close()
        if _tail_page(text):
            out[p.number] = "a short page whose printed lines end a form (figures side by side) but no table found"
    return out


def _short_cells(line: str) -> bool:
    """A line of ``MIN_CELLS`` or more short cells, none a sentence (一级指标 二级指标 三级指标 指标值)."""
    fields = line.split()
    return len(fields) >= MIN_CELLS and not any(is_sentence(f) or len(f) > MAX_CELL_CHARS for f in fields)


def _form_lines(lines: list[str]) -> bool:
    """``MIN_CELL_LINES`` lines of short cells, more than the lines of prose: a form whose values
    are words and targets (≥120个, 逐步完善) rather than figures side by side."""
    cells = sum(1 for line in lines if _short_cells(line))
    return cells >= MIN_CELL_LINES and cells > sum(1 for line in lines if is_sentence(line))


def path_counts(source: OpenedPdf | Path, pages: list[int]) -> dict[int, int]:
    """How many path objects (lines, rectangles) each of ``pages`` draws (pdfium: ~1 ms a page)."""
    out: dict[int, int] = {}
    if not pages:
        return out
    with opened_pdf(source) as opened:
        for pno in pages:
            page = opened.pdfium[pno - 1]
            try:
                out[pno] = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2))
            finally:
                page.close()
    return out


def doubtful_pages(pages: list[PageText], tables: list[RawTable], paths: dict[int, int]) -> dict[int, str]:
    out: dict[int, str] = {}
    with_tables = {t.page for t in tables}
    for t in tables:
        why = table_doubt(t)
        if why and t.page not in out:
            out[t.page] = f"table {t.index_on_page + 1}: {why}"
    for p in pages:
        if p.number in with_tables or p.garbled:
            continue
        why = page_doubt(p.text, paths.get(p.number, 0))
        if why:
            out[p.number] = why
    return out


# ---- comparing two readings -----------------------------------------------------------------


def _body(t: RawTable) -> list[list[str]]:
    rows = [[no_space(c) for c in r] for r in t.rows]
    while rows and sum(1 for c in rows[0] if c) <= 1 and len(rows) > 1:  # a title inside the ruled area
        rows = rows[1:]
    return rows


def _cells_agree(a: str, b: str) -> bool:
    if a == b:
        return True
    if _NUMBER.search(a) or _NUMBER.search(b):
        return False
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 4 and longer.startswith(shorter)  # one reader cut a long text short


def differences(a: RawTable, b: RawTable) -> list[str]:
    """Where two readings of one table differ: the shape, then cell by cell (row, column 1-based)."""
    ra, rb = _body(a), _body(b)
    out: list[str] = []
    if len(ra) != len(rb) or max(map(len, ra), default=0) != max(map(len, rb), default=0):
        out.append(f"{len(ra)}x{max(map(len, ra), default=0)} vs {len(rb)}x{max(map(len, rb), default=0)} cells")
    for i in range(min(len(ra), len(rb))):
        for j in range(max(len(ra[i]), len(rb[i]))):
            x = ra[i][j] if j < len(ra[i]) else ""
            y = rb[i][j] if j < len(rb[i]) else ""
            if not _cells_agree(x, y):
                out.append(f"row {i + 1} col {j + 1}: {x[:20]!r} vs {y[:20]!r}")
    return out


def numbers(t: RawTable) -> Counter[str]:
    return Counter(n.replace(",", "") for r in t.rows for c in r if c for n in _NUMBER.findall(c))


def _overlap(a: RawTable, b: RawTable) -> float:
    if a.bbox is None or b.bbox is None:
        return 0.0
    top, bottom = max(a.bbox[1], b.bbox[1]), min(a.bbox[3], b.bbox[3])
    height = min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1])
    return max(0.0, bottom - top) / height if height > 0 else 0.0


def _partner(t: RawTable, others: list[RawTable]) -> RawTable | None:
    best = max(others, key=lambda o: _overlap(t, o), default=None)
    return best if best is not None and _overlap(t, best) > 0.5 else None


def _prefer_second(first: RawTable, second: RawTable) -> bool:
    """The second reading repairs what made the first doubtful."""
    if first.garbled and not second.garbled:
        return True
    first_merged = any(several_numbers(c) for r in first.rows for c in r)
    second_merged = any(several_numbers(c) for r in second.rows for c in r)
    return first_merged and not second_merged and numbers(first) == numbers(second)


def _describe(diffs: list[str]) -> str:
    shown = "; ".join(diffs[:SHOWN_DIFFERENCES])
    more = f" and {len(diffs) - SHOWN_DIFFERENCES} more" if len(diffs) > SHOWN_DIFFERENCES else ""
    return f"{shown}{more}"


def _is_grid(t: RawTable) -> bool:
    return len(t.rows) >= 2 and t.n_cols >= 2


def _compare_page(
    pno: int, why: str, first: list[RawTable], second: list[RawTable]
) -> tuple[list[RawTable], list[Note]]:
    chosen: list[RawTable] = []
    notes: list[Note] = []
    for t in first:
        other = _partner(t, second)
        if other is None:
            chosen.append(t)
            notes.append(Note(pno, f"page {pno} ({why}): {t.reader} table {t.index_on_page + 1} "
                                   f"({len(t.rows)}x{t.n_cols}) not found by {LATTICE}; "
                                   f"{t.reader}'s is used"))
            continue
        diffs = differences(t, other)
        if not diffs:
            chosen.append(t)
            continue
        use = other if _prefer_second(t, other) else t
        chosen.append(use)
        notes.append(Note(pno, f"page {pno} ({why}): {t.reader} and {other.reader} read table "
                               f"{t.index_on_page + 1} differently ({_describe(diffs)}); {use.reader}'s is used"))
    return chosen, notes


# ---- the check --------------------------------------------------------------------------------


def _reindex(tables: list[RawTable]) -> list[RawTable]:
    tables.sort(key=lambda t: (t.page, t.bbox[1] if t.bbox else 0.0, t.index_on_page))
    seen: Counter[int] = Counter()
    for t in tables:
        t.index_on_page = seen[t.page]
        seen[t.page] += 1
    return tables


def _borderless(pdf: OpenedPdf, pno: int, why: str) -> tuple[list[RawTable], list[Note]]:
    found = read_borderless(pdf, [pno])
    if not found:
        return [], []
    notes: list[Note] = []
    for t in found:
        other = next((o for o in read_stream(pdf.path, [pno], t.bbox, t.page_height) if _is_grid(o)), None)
        if other is None:
            continue
        missing = numbers(t) - numbers(other)
        extra = numbers(other) - numbers(t)
        if missing or extra:
            notes.append(Note(pno, f"page {pno} ({why}): {t.reader} and {other.reader} read the borderless table "
                                   f"{t.index_on_page + 1} with different figures (only {t.reader}: "
                                   f"{', '.join(sorted(missing)[:SHOWN_DIFFERENCES]) or '-'}; only {other.reader}: "
                                   f"{', '.join(sorted(extra)[:SHOWN_DIFFERENCES]) or '-'}); {t.reader}'s is used"))
    return found, notes


def check_tables(source: OpenedPdf | Path, pages: list[PageText], tables: list[RawTable]) -> CheckedTables:
    """pdfplumber's ``tables`` (one page each, before stitching), re-read and compared where doubtful."""
    with opened_pdf(source) as pdf:
        return _check_tables(pdf, pages, tables)


def _check_tables(pdf: OpenedPdf, pages: list[PageText], tables: list[RawTable]) -> CheckedTables:
    with_tables = {t.page for t in tables}
    candidates = [p for p in pages if p.number not in with_tables and not p.garbled]
    paths = {p.number: p.paths for p in candidates if p.paths >= 0}  # counted when the text was read
    paths.update(path_counts(pdf, [p.number for p in candidates if p.paths < 0]))
    doubts = doubtful_pages(pages, tables, paths)
    doubts.update(tails_by_position(pdf, [p for p in candidates if p.number not in doubts]))
    if not doubts:
        return CheckedTables(tables)
    notes: list[Note] = []
    try:
        lattice = [t for t in read_lattice(pdf.path, sorted(doubts)) if _is_grid(t)]
    except Exception as exc:  # the check must never cost the first reading
        return CheckedTables(tables, [Note(min(doubts), f"camelot failed ({type(exc).__name__}: {exc})",
                                                   CHECK_FAILED)], doubts)
    kept = [t for t in tables if t.page not in doubts]
    for pno, why in sorted(doubts.items()):
        first = [t for t in tables if t.page == pno]
        second = [t for t in lattice if t.page == pno]
        if first:
            chosen, page_notes = _compare_page(pno, why, first, second)
        elif second:
            chosen = second
            page_notes = [Note(pno, f"page {pno} ({why}): pdfplumber found no table where {second[0].reader} "
                                    f"found {len(second)} ({', '.join(f'{len(t.rows)}x{t.n_cols}' for t in second)}); "
                                    f"{second[0].reader}'s is used")]
        else:
            try:
                chosen, page_notes = _borderless(pdf, pno, why)
            except Exception as exc:
                chosen, page_notes = [], [Note(pno, f"page {pno}: reading it without rulings "
                                                    f"failed ({type(exc).__name__}: {exc})", CHECK_FAILED)]
        kept.extend(chosen)
        notes.extend(page_notes)
    return CheckedTables(_reindex(kept), notes, doubts)


def issues_from_notes(doc_id: str, notes: list[Note]) -> list[IssueRow]:
    """The check's notes as issues rows: table_readers_disagree, or table_check_failed."""
    return [IssueRow(doc_id=doc_id, page=n.page, rule=n.rule, severity="warning", message=n.message) for n in notes]

