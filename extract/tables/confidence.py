"""OCR'd rows: their confidence, and a flag where a figure is doubtful.

A row read from an OCR'd table carries the recogniser's lowest confidence over the row's cells
(``confidence``) and is ``flagged`` when one of its figures had uncertain characters or had to be
mended, or when an identity the form must satisfy fails on its page (分值/得分 sums, 执行率 =
执行数/预算数, 类 = Σ款): a wrong digit is then likelier a misreading than a misprint, so the
figure is never kept silently.
"""

from __future__ import annotations

from extract.sources.ocr import EXTRACTOR
from model.pages import PageText
from model.records import BudgetRow, Extraction, IndicatorRow
from model.tables import RawTable

# identities of a form whose failure on an OCR'd page flags that page's rows
IDENTITY_RULES = frozenset({"score_sum_equals_total", "weight_sum_equals_100", "rate_equals_ratio",
                            "code_hierarchy_sum", "row_total_sum", "income_equals_expense"})


def _row_reading(tables: list[RawTable], ti: int | None, ri: int | None) -> tuple[float | None, bool] | None:
    if ti is None or ri is None or not 0 <= ti < len(tables):
        return None
    t = tables[ti]
    if t.row_confidence is None or ri >= len(t.row_confidence):
        return None
    unsure = bool(t.row_uncertain[ri]) if t.row_uncertain is not None and ri < len(t.row_uncertain) else False
    return t.row_confidence[ri], unsure


def _page_score_reading(tables: list[RawTable], page: int, figure: float) -> tuple[float | None, bool]:
    """The confidence of the OCR'd row of ``page`` that prints ``figure`` (a score)."""
    text = f"{figure:g}"
    for t in tables:
        if t.row_confidence is None:
            continue
        for i, row in enumerate(t.rows):
            if t.row_pages[i] == page and any(c and text in c for c in row):
                unsure = bool(t.row_uncertain[i]) if t.row_uncertain is not None else False
                return t.row_confidence[i], unsure
    return None, False


def stamp_ocr(rows: Extraction, tables: list[RawTable], pages: list[PageText]) -> None:
    """Confidence and flags on the rows read from OCR'd pages (in place)."""
    ocr_pages = {p.number for p in pages if p.ocr}
    if not ocr_pages:
        return
    broken = {i.page for i in rows.issues if i.rule in IDENTITY_RULES and i.page in ocr_pages}
    table_rows: list[BudgetRow | IndicatorRow] = [*rows.budgets, *rows.indicators]
    for r in table_rows:
        reading = _row_reading(tables, r.table_index, r.row_index)
        if reading is not None:
            r.confidence = reading[0]
            r.flagged = r.flagged or reading[1]
        if r.page in ocr_pages and r.page in broken:
            r.flagged = True
    for s in rows.scores:
        if s.page not in ocr_pages or s.source != "table":
            continue
        s.extractor = EXTRACTOR
        s.confidence, unsure = _page_score_reading(tables, s.page, s.score)
        s.flagged = unsure or s.page in broken
