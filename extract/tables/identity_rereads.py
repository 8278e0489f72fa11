"""On an OCR'd page, the cells of a failed identity read again, and the reading that makes it hold taken.

A form or statement read by OCR that breaks an identity it must satisfy (Σ得分 = 总分, Σ分值 = the
form's maximum, 执行率 = 执行数/预算数, 合计 = Σ parts: :class:`model.identities.FailedIdentity`) has
either a misprint or, likelier, a misread figure. Each term's cell (a ruled table's cell of an OCR'd
page, whose box the scan reader kept: ``RawTable.cell_boxes``) is read again by the recogniser
(:func:`extract.sources.ocr.read_cells_again`: rendered at other scales, cut tight around its ink, as
inked and without its red ink). Only the cells of failed identities are read again.

When exactly one term has a reading the recogniser actually gave that makes the identity hold (one
value; several readings of the same value are one), that value is taken: the row read from the cell
gets it, stays ``flagged``, and an issues row ``ocr_reread_satisfies_identity`` names the cell, what
was read first and what was read again (and how). **Nothing is invented**: a value no reading gave is
never taken (the slips a recogniser makes are only *named*, by
:mod:`extract.tables.identity_readings`, for the identities left failed).

Where no one reading fits (a seal across a column of scores can spoil several), every cell of the
identity — with, for a Σ得分/Σ分值, the cells of that column in the indicators' rows whose figure was
read as nothing — is given its surest reading read again; when with all of them together the identity
holds, they are all taken (each named). Otherwise, or where more than one term's reading would do,
the identity is left failed and its rows flagged as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extract.sources.ocr import CellReading, normalise_number, read_cells_again
from extract.tables.identity_readings import cell_text, cell_value, locate_total, residual
from model.identities import FailedIdentity, Term
from model.pages import PageText
from model.records import Extraction, IssueRow
from model.tables import RawTable

RULE = "ocr_reread_satisfies_identity"
_SCORE_ROLES = {"得分": "score", "分值": "weight"}  # an indicator's figure, by the term's role
_FORM_ROLES = {"总分": "score", "满分": "max_score"}  # the form's total, by the term's role

Box = tuple[float, float, float, float]


@dataclass(frozen=True, kw_only=True)
class Reread:
    """A term of a failed identity, and the reading of its cell read again that makes the identity hold."""

    term: Term
    text: str  # as first read
    reading: CellReading
    value: float


@dataclass
class RereadResult:
    issues: list[IssueRow]
    seconds: float  # CPU seconds spent reading cells again


def _box(term: Term, column: int | None, tables: list[RawTable]) -> tuple[int, Box] | None:
    """The page and box of the term's cell, when its table kept its cells' boxes."""
    ti, ri = term.table_index, term.row_index
    if ti is None or ri is None or column is None or not 0 <= ti < len(tables):
        return None
    t = tables[ti]
    boxes = t.cell_boxes
    if boxes is None or len(boxes) != len(t.rows) or not 0 <= ri < len(t.rows):
        return None
    if len(boxes[ri]) != len(t.rows[ri]) or not 0 <= column < len(boxes[ri]):
        return None
    box = boxes[ri][column]
    return None if box is None else (t.row_pages[ri], box)


def _value(text: str) -> float | None:
    return cell_value(normalise_number(text).text)


def _fits(identity: FailedIdentity, terms: list[Term], texts: list[str],
          readings: list[list[CellReading]]) -> Reread | None:
    """The one (term, value) among the readings that makes the identity hold, or None."""
    values = [t.value for t in terms]
    found: dict[tuple[int, float], CellReading] = {}
    for k, read in enumerate(readings):
        for r in read:
            v = _value(r.text)
            if v is None or v == values[k]:
                continue
            if residual(identity, [*values[:k], v, *values[k + 1:]]) <= identity.tolerance:
                best = found.get((k, v))
                if best is None or r.confidence > best.confidence:
                    found[(k, v)] = r
    if len(found) != 1:
        return None
    (k, v), r = next(iter(found.items()))
    return Reread(term=terms[k], text=texts[k], reading=r, value=v)


def _empty_cells(identity: FailedIdentity, placed: list[Term], rows: Extraction) -> list[Term]:
    """The cells of the same column as the parts of a Σ得分/Σ分值 identity in the rows of indicators of
    the same tables whose figure was not read (a score under a seal read as nothing): parts read as 0."""
    field = _SCORE_ROLES.get(placed[-1].role) if len(placed) > 1 else None
    if identity.kind.name != "SUM" or field is None:
        return []
    columns = {(t.table_index, t.column) for t in placed[1:] if t.role == placed[-1].role}
    if len(columns) != 1:
        return []
    ((ti, column),) = columns
    return [Term(role=placed[-1].role, value=0.0, page=i.page, table_index=i.table_index, row_index=i.row_index,
                 column=column) for i in rows.indicators if i.table_index == ti and getattr(i, field) is None]


@dataclass
class _PageReads:
    """The cells of one page read again so far (by box), and the page's renders by scale: a cell in
    several failed identities (a 合计 that is a part of the total above it) is read once, the page
    rendered once per scale. Identities are taken page by page, so one page's renders are kept at a time."""

    page: int = 0
    images: dict[float, Any] | None = None
    cells: dict[Box, list[CellReading]] | None = None

    def on(self, page: int) -> tuple[dict[float, Any], dict[Box, list[CellReading]]]:
        if page != self.page or self.images is None or self.cells is None:
            self.page, self.images, self.cells = page, {}, {}
        return self.images, self.cells


def _reread(identity: FailedIdentity, tables: list[RawTable], pdf: Any, rows: Extraction,
            cache: _PageReads) -> tuple[list[Reread], float]:
    terms = [locate_total(t, tables) if i == 0 else t for i, t in enumerate(identity.terms)]
    placed: list[Term] = []
    texts: list[str] = []
    for t in terms:
        cell = cell_text(t, tables)
        texts.append(cell[0] if cell else "")
        placed.append(Term(role=t.role, value=t.value, text=t.text, page=t.page, table_index=t.table_index,
                           row_index=t.row_index, column=cell[1] if cell else t.column))
    empty = _empty_cells(identity, placed, rows)
    where = [_box(t, t.column, tables) for t in [*placed, *empty]]
    readings: list[list[CellReading]] = [[] for _ in where]
    seconds = 0.0
    for page in sorted({w[0] for w in where if w is not None}):
        images, cells = cache.on(page)
        mine = [k for k, w in enumerate(where) if w is not None and w[0] == page]
        new = list(dict.fromkeys(b for k in mine if (b := where[k][1]) not in cells))  # type: ignore[index]
        if new:
            doc_page = pdf.pdfium[page - 1]
            try:
                read, spent = read_cells_again(doc_page, new, images=images)
            finally:
                doc_page.close()
            seconds += spent
            cells.update(zip(new, read, strict=True))
        for k in mine:
            readings[k] = cells[where[k][1]]  # type: ignore[index]
    one = _fits(identity, placed, texts, readings[:len(placed)])
    if one is not None:
        return [one], seconds
    return _surest_fit(identity, [*placed, *empty], [*texts, *([""] * len(empty))], readings), seconds


def _surest(read: list[CellReading]) -> tuple[float, CellReading] | None:
    """A cell's surest reading that is a figure (its value), None when none is."""
    figures = [(v, r) for r in read if (v := _value(r.text)) is not None]
    return max(figures, key=lambda f: f[1].confidence) if figures else None


def _surest_fit(identity: FailedIdentity, terms: list[Term], texts: list[str],
                readings: list[list[CellReading]]) -> list[Reread]:
    """Where several figures were misread (a seal across a column of scores): every cell's surest
    reading read again, taken together when with them the identity holds (and only then)."""
    values = [t.value for t in terms]
    changed: list[Reread] = []
    for k, read in enumerate(readings):
        best = _surest(read)
        if best is not None and best[0] != values[k]:
            values[k] = best[0]
            changed.append(Reread(term=terms[k], text=texts[k], reading=best[1], value=best[0]))
    if not changed:
        return []
    return changed if residual(identity, values) <= identity.tolerance else []


def _row_of(rows: Extraction, t: Term) -> tuple[Any, str] | None:
    """The one row read from the term's cell and the field holding the term's figure, or None."""
    if t.role in _SCORE_ROLES:
        field = _SCORE_ROLES[t.role]
        hits: list[Any] = [i for i in rows.indicators if (i.page, i.table_index, i.row_index)
                           == (t.page, t.table_index, t.row_index) and getattr(i, field) in (t.value, None)]
    elif t.role in _FORM_ROLES:
        field = _FORM_ROLES[t.role]
        hits = [s for s in rows.scores if s.page == t.page and getattr(s, field) == t.value]
    else:  # an amount: the budget row of that cell and measure, its figure as printed
        field = "amount_raw"
        hits = [b for b in rows.budgets if (b.page, b.table_index, b.row_index, b.measure)
                == (t.page, t.table_index, t.row_index, t.role) and _value(b.amount_raw) == t.value and t.value]
    return (hits[0], field) if len(hits) == 1 else None


def _can_take(rows: Extraction, r: Reread) -> bool:
    return _row_of(rows, r.term) is not None


def _take(rows: Extraction, r: Reread) -> bool:
    """The reading taken into the row read from the term's cell (flagged); False when no row is."""
    found = _row_of(rows, r.term)
    if found is None:
        return False
    row, field = found
    if field == "amount_raw":  # the amount in 万元 scaled as the printed figure is (its unit stays)
        row.amount_wan = row.amount_wan * r.value / r.term.value
        row.amount_raw = normalise_number(r.reading.text).text
    else:
        setattr(row, field, r.value)
    row.flagged = True
    return True


def _message(identity: FailedIdentity, r: Reread) -> str:
    t = r.term
    where = f"page {t.page}, table {t.table_index}, row {t.row_index}, column {t.column}"
    return (f"{identity.rule} failed on an OCR'd page; the {t.role} first read as {r.text!r} ({where}) was read "
            f"again as {r.reading.text!r} ({r.reading.how}, confidence {r.reading.confidence:.2f}), which makes "
            f"it hold: {r.value:g} taken, the row flagged")


def reread_identities(rows: Extraction, tables: list[RawTable], pages: list[PageText], pdf: Any,
                      doc_id: str) -> RereadResult:
    """Read again the cells of each failed identity of an OCR'd page; where one reading makes it hold,
    take it (an ``ocr_reread_satisfies_identity`` row) and drop the identity from ``rows.failed_identities``."""
    out = RereadResult(issues=[], seconds=0.0)
    ocr_pages = {p.number for p in pages if p.ocr}
    if pdf is None or not ocr_pages:
        return out
    left: list[FailedIdentity] = []
    cache = _PageReads()
    for identity in sorted(rows.failed_identities, key=lambda i: i.page or 0):
        if identity.page not in ocr_pages:
            left.append(identity)
            continue
        found, seconds = _reread(identity, tables, pdf, rows, cache)
        out.seconds += seconds
        if not found or not all(_can_take(rows, r) for r in found):
            left.append(identity)
            continue
        for r in found:
            _take(rows, r)
            out.issues.append(IssueRow(doc_id=doc_id, page=r.term.page, rule=RULE, severity="warning",
                                       message=_message(identity, r), table_index=r.term.table_index,
                                       row_index=r.term.row_index))
    rows.failed_identities[:] = left
    return out
