"""Indicator rows a form prints against the rows read from it: issues rule ``indicator_rows_missed``.

Below a form's column headings (one printed line naming three column roles of the indicator forms'
vocabulary, :func:`extract.interpreters.selfeval.unread_forms.heading_roles`) the form prints its
indicator block: each indicator row has one printed line holding its name (the name's first line,
or the middle line of a name centred on its figures) with its cells side by side, ``ROW_CELLS`` at
least (a name and two values, words or figures). The other lines of the block hold fewer: a wrapped
name's or label's next line, a level label alone, a remark's second line. The block ends at the
form's closing row (总分, 合计, a grade: ``section_end_labels`` and the like of selfeval_vocab.yaml),
the next form's label (项目名称) or headings, or the page's end. A row line reaches into the columns of
values (from the first heading of a target, actual, 分值 or 得分 on); the rows under a level of the
evaluation framework that is no performance (项目决策, 项目立项: not indicators) are not counted.

A printed row line *stands under* a row read from its page when one of its cells is part of that
row's name or holds it (a level label set touching the name: 服务对象满意度指演出观众满意度). Two ways a
reading goes wrong show, and each gives one warning for the block, naming the lines:

- **rows lost**: printed row lines under which no row read stands (a merged label read as part of
  the name beside it, a row joined to the row above or never read);
- **values not read**: rows read without a target or without an actual while their printed line
  holds ``UNREAD_CELLS`` cells or more beyond the name and the values read (名称 | 不少于12人次 | 13人次 |
  9 | 9 read as 名称 with 9 and 9 only).

The lines are the page's words set in lines and cells as the reader of word positions sets them
(:func:`extract.tables.positions.lines_of`: a gap wider than a character parts two cells), and the
check is of that reader's rows: pages whose rows were read from rulings (their cells, not these
lines), files without positions and pages from which no row was read (``table_not_read``) are not
checked. A scanned page (OCR'd, no text layer) is checked from its OCR'd words set in lines whatever
reader gave its rows (:func:`scanned_rows_missed`): its ruled cells were found in the image and a row
the grid lost (a ruling not seen, two rows read as one) would otherwise be lost silently. A name of
two lines centred on its row's values prints no line of it on the values'
line: a line of the name next to the row line (``NEAR_LINES``) will do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from extract.interpreters.selfeval.unread_forms import MIN_ROLES, form_headings, heading_roles
from extract.interpreters.selfeval.vocab import column_role, key, vocab
from extract.sources.pdf import OpenedPdf
from extract.tables.positions import Line, lines_of
from extract.tables.words import READER as WORDS
from extract.tables.words import Word, words_of_page
from model.pages import PageText
from model.records import IndicatorRow, IssueRow
from normalize.indicator_levels import is_level_name, is_not_indicator_level1, is_not_indicator_level2
from normalize.text import is_sentence

RULE = "indicator_rows_missed"
ROW_CELLS = 3  # cells side by side on the printed line of an indicator row (a name and two values)
UNREAD_CELLS = 2  # cells of a row's line beyond its name and the values read that show values not read
MIN_PART = 2  # characters of a cell, at least, to be taken as part of a name
SHOWN = 3  # lines quoted in a message
_DIGIT = re.compile(r"\d")
SUBSTANTIAL = 3  # characters of a cell without a figure that begin a name or value (a wrapped end has fewer)
MIN_SUBSTANTIAL = 2  # such cells on a row line (a name and a value, or two values)
NEAR_LINES = 1.5  # line heights from a row line's middle within which a line of its name may stand


VALUE_ROLES = frozenset({"target", "actual", "planned", "weight", "score"})  # columns of a row's values


@dataclass(kw_only=True)
class Block:
    """The printed row lines of one form's indicator block on a page."""

    page: int
    lines: list[Line]
    near: list[Line] = field(default_factory=list)  # all its lines, the row lines among them
    values_from: float | None = None  # where the headings' first column of values begins
    skipping: bool = False  # inside a level 1 or 2 that is no performance (项目决策, 项目立项): not indicators


def _closes(text: str) -> bool:
    """A line whose first cell closes the indicator block (总分, 合计, a grade) or opens another form
    (项目名称, 部门名称)."""
    v = vocab()
    first = key(text.split()[0]) if text.split() else ""
    ends = (*v["section_end_labels"], *v["total_score_labels"], *v["total_score_labels_in_section"],
            *v["grade_row_labels"], *v["project_labels"], *v["department_labels"])
    return any(first.startswith(key(w)) for w in ends)


def _headings(ln: Line) -> bool:
    roles = heading_roles(ln.text)
    return len(roles) >= MIN_ROLES and "name" in roles and bool(roles & set(vocab()["indicator_header_needs"]))


def _level(text: str) -> bool:
    return is_level_name(text, 1) or is_level_name(text, 2)


def _values_from(ln: Line) -> float | None:
    """Where the first heading of a column of values (target, actual, 分值, 得分) begins on the headings line."""
    xs = [s.x0 for s in ln.segments if column_role(s.text) in VALUE_ROLES]
    return min(xs) if xs else None


def _placeholder(text: str) -> bool:
    k = key(text)
    return k in vocab()["placeholder_names"] or bool(re.match(str(vocab()["placeholder_pattern"]), k))


def _substantial(text: str) -> bool:
    """A cell that begins a name or a value, not the wrapped end of one (收, 方米, 指标, a bracket closed
    that opened on a line above: 及文字描述）): a figure, or ``SUBSTANTIAL`` characters at least; no
    placeholder (不适用, /)."""
    k = key(text)
    if sum(text.count(c) for c in ")）") > sum(text.count(c) for c in "(（"):
        return False
    return not _placeholder(text) and (bool(_DIGIT.search(k)) or len(k) >= SUBSTANTIAL)


def _row_line(ln: Line, values_from: float | None) -> bool:
    """A line of ``ROW_CELLS`` cells or more, not sentences (a remark beside them may be one), that
    are no headings and not level labels all, ``MIN_SUBSTANTIAL`` of them names or values rather than
    the wrapped ends of cells above (指标 | 收 | 展) and one reaching into the columns of values (the
    wrapped ends of a level label, a level 2 and a name side by side do not: 标 | 满意度指 | 满意度)."""
    cells = [s for s in ln.segments if not is_sentence(s.text)]
    return (len(cells) >= ROW_CELLS and not heading_roles(ln.text) and not all(_level(c.text) for c in cells)
            and sum(1 for c in cells if _substantial(c.text) and not _level(c.text)) >= MIN_SUBSTANTIAL
            and (values_from is None or any(c.x1 > values_from for c in cells)))


def _performance(ln: Line, skipping: bool) -> bool:
    """Whether the rows from this line on are performance indicators: a line opening a level 1 or 2 of
    the evaluation framework that is not (项目决策, 项目立项: ``not_indicator_level1/2``) ends them, a
    line opening a level of the indicators (产出指标, 数量指标) begins them again."""
    for seg in ln.segments[:2]:
        if is_not_indicator_level1(seg.text) or is_not_indicator_level2(seg.text):
            return False
        if _level(seg.text):
            return True
    return not skipping


def blocks(lines: Sequence[Line], page: int) -> list[Block]:
    """The indicator blocks of a page's printed ``lines`` (top to bottom): their row lines."""
    out: list[Block] = []
    current: Block | None = None
    for ln in lines:
        if _headings(ln):
            current = Block(page=page, lines=[], values_from=_values_from(ln))
            out.append(current)
        elif current is not None and _closes(ln.text):
            current = None
        elif current is not None:
            current.skipping = not _performance(ln, current.skipping)
            current.near.append(ln)
            if not current.skipping and _row_line(ln, current.values_from):
                current.lines.append(ln)
    return [b for b in out if b.lines]


def _name_cell(ln: Line, name: str) -> int | None:
    """The index of the line's cell that is part of ``name`` or holds it (a level label only when it is
    the name: 服务对象满意度), or None."""
    whole = key(name)
    if not whole:
        return None
    for i, s in enumerate(ln.segments):
        part = key(s.text)
        if len(part) >= MIN_PART and (part == whole or (not _level(s.text) and (part in whole or whole in part))):
            return i
    return None


def _beside(ln: Line, near: list[Line], rows: list[Line]) -> list[Line]:
    """The block's lines next to ``ln`` (within ``NEAR_LINES`` of its height) that print no row of their
    own: a name of two lines centred on its row's one-line values prints no line of it on the values'
    line, but the next row's line is that row's."""
    height = ln.bottom - ln.top
    mid = (ln.top + ln.bottom) / 2
    return [o for o in near if o not in rows and abs((o.top + o.bottom) / 2 - mid) <= NEAR_LINES * height]


def _values_read(r: IndicatorRow) -> int:
    return sum(1 for v in (r.target_raw, r.actual_raw, r.weight, r.score, r.deviation_reason)
               if v is not None and str(v).strip())


def _unread_values(ln: Line, r: IndicatorRow, at: int) -> bool:
    if (r.target_raw or "").strip() and (r.actual_raw or "").strip():
        return False
    return len(ln.segments) - at - 1 - _values_read(r) >= UNREAD_CELLS


def _quoted(lines: list[Line]) -> str:
    shown = "; ".join(ln.text[:40] for ln in lines[:SHOWN])
    return shown + (f"; … ({len(lines) - SHOWN} more)" if len(lines) > SHOWN else "")


def check_block(block: Block, rows: list[IndicatorRow], doc_id: str) -> list[IssueRow]:
    """The warnings for one block, against the indicator ``rows`` read from its page."""
    lost: list[Line] = []
    unread: list[Line] = []
    for ln in block.lines:
        under = [(r, at) for r in rows if (at := _name_cell(ln, r.name)) is not None]
        beside = _beside(ln, block.near, block.lines)
        if not under and not any(_name_cell(o, r.name) is not None for o in beside for r in rows):
            lost.append(ln)
        elif not under:
            continue
        elif all(_unread_values(ln, r, at) for r, at in under):
            unread.append(ln)
    out = []
    tables = sorted({r.table_index for r in rows})
    table = tables[0] if len(tables) == 1 else None
    n = len(block.lines)
    if lost:
        out.append(IssueRow(
            doc_id=doc_id, page=block.page, rule=RULE, severity="warning", table_index=table,
            message=f"page {block.page}: {len(lost)} of the {n} printed lines of indicator rows give no indicator "
                    f"row read ({len(rows)} read from the page): {_quoted(lost)}: those rows are missing or "
                    "were read into another row"))
    if unread:
        out.append(IssueRow(
            doc_id=doc_id, page=block.page, rule=RULE, severity="warning", table_index=table,
            message=f"page {block.page}: {len(unread)} of the {n} printed lines of indicator rows print values that "
                    f"their rows were read without (no target or no actual): {_quoted(unread)}"))
    return out


def _from_words(page: int, indicators: list[IndicatorRow]) -> bool:
    """Whether the page gave indicator rows, all of them read from word positions."""
    rows = [r for r in indicators if r.page == page]
    return bool(rows) and all(r.extractor == WORDS for r in rows)


def rows_missed(doc_id: str, page: int, lines: Sequence[Line], indicators: list[IndicatorRow]) -> list[IssueRow]:
    """The warnings for a page's printed ``lines`` against the ``indicators`` read from the document."""
    if not _from_words(page, indicators):
        return []  # none read: table_not_read; read from rulings: their cells, not these lines
    return _page_rows_missed(doc_id, page, lines, [r for r in indicators if r.page == page])


def _page_rows_missed(doc_id: str, page: int, lines: Sequence[Line], rows: list[IndicatorRow]) -> list[IssueRow]:
    """The warnings for each indicator block of a page's printed ``lines`` against the ``rows`` read from it."""
    return [issue for b in blocks(lines, page) for issue in check_block(b, rows, doc_id)]


def document_rows_missed(doc_id: str, pdf: OpenedPdf, pages: list[PageText],
                         indicators: list[IndicatorRow]) -> list[IssueRow]:
    """The warnings for every page of a PDF with a text layer whose text prints a form's headings and
    whose indicator rows were all read from word positions, from the words that reader kept (a page read
    from its rulings is checked by its cells, one with no rows by ``table_not_read``)."""
    out: list[IssueRow] = []
    for p in pages:
        if p.ocr or p.garbled or not form_headings(p.text) or not _from_words(p.number, indicators):
            continue
        out.extend(rows_missed(doc_id, p.number, lines_of(words_of_page(pdf, p.number)), indicators))
    return out


def scanned_rows_missed(doc_id: str, pages: list[PageText], words: Mapping[int, Sequence[Word]],
                        indicators: list[IndicatorRow]) -> list[IssueRow]:
    """The warnings for every scanned page (read by OCR) whose text prints a form's headings and
    that gave indicator rows, from its OCR'd ``words`` (levelled, per page number) set in lines,
    against the rows read from it by whichever reader (its grid's cells or word positions): the
    cells of a scan's grid come from rulings found in an image, and a row they lose is otherwise
    silent. Pages without rows are ``table_not_read``'s."""
    out: list[IssueRow] = []
    for p in pages:
        got = words.get(p.number)
        rows = [r for r in indicators if r.page == p.number]
        if not p.ocr or not got or not rows or not form_headings(p.text):
            continue
        out.extend(_page_rows_missed(doc_id, p.number, lines_of(list(got)), rows))
    return out
