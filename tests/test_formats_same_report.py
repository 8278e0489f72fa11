"""The same report as PDF, HTML page, legacy .doc and .xls gives the same rows (tests/fixtures/formats).

Each fixture is one national-template document written in four formats; its gold (written by the
generator from its own data) is the same for every format. Every format must find the gold's rows as
well as the PDF does, and at least half of them; the legacy formats carry the provenance of their kind
(.doc: page 1 like a .docx; .xls: the sheet's position like an .xlsx).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from gold_matching import match

from extract.document import DocumentResult, read_document

TUNE = Path(__file__).resolve().parent / "fixtures" / "formats" / "tune"
FORMATS = ("pdf", "html", "xls", "doc")
DOCS = ("proj_mof_wan_qingxi_2023", "final_wan_dongou_2023")


def _rows(res: DocumentResult, table: str) -> list[dict[str, Any]]:
    return [vars(r) for r in getattr(res.extraction, table)]


@pytest.fixture(scope="module")
def read() -> dict[tuple[str, str], DocumentResult]:
    return {(name, ext): read_document(TUNE / f"{name}.{ext}") for name in DOCS for ext in FORMATS}


@pytest.mark.parametrize("name", DOCS)
def test_every_format_finds_the_rows_the_pdf_finds(read: dict[tuple[str, str], DocumentResult], name: str) -> None:
    found: dict[str, dict[str, int]] = {}
    for ext in FORMATS:
        gold = json.loads((TUNE / "gold" / f"{name}.{ext}.gold.json").read_text(encoding="utf-8"))
        res = read[(name, ext)]
        assert res.document.doc_id == gold["sha256"]
        assert res.document.status == "ok", res.extraction.issues
        assert (res.document.fiscal_year, res.document.report_kind) == (
            gold["doc"]["fiscal_year"], gold["doc"]["report_kind"])
        found[ext] = {t: match(t, gold[t], _rows(res, t)) for t in ("budgets", "indicators", "scores")}
        for t in ("budgets", "indicators", "scores"):
            assert found[ext][t] >= len(gold[t]) / 2, (ext, t, found[ext][t], len(gold[t]))
    for ext in FORMATS:
        for t, n in found["pdf"].items():
            assert abs(found[ext][t] - n) <= max(1, n // 50), (ext, t, found)


def test_legacy_formats_carry_the_provenance_of_their_kind(read: dict[tuple[str, str], DocumentResult]) -> None:
    doc = read[("final_wan_dongou_2023", "doc")]
    assert doc.document.file_type == "doc" and doc.document.pages == 1
    assert {b.page for b in doc.extraction.budgets} == {1}
    assert all(b.table_index is not None and b.row_index is not None for b in doc.extraction.budgets)
    xls = read[("final_wan_dongou_2023", "xls")]
    assert xls.document.file_type == "xls"
    # one statement per sheet: the 收入支出决算总表 is the first sheet, so its rows are on page 1
    first = [b for b in xls.extraction.budgets if b.statement == "收入支出决算总表"]
    assert first and {b.page for b in first} == {1} and {b.extractor for b in first} == {"xls"}
    assert len({b.page for b in xls.extraction.budgets}) > 5


def test_html_page_keeps_the_portal_catalogue(read: dict[tuple[str, str], DocumentResult]) -> None:
    for name in DOCS:
        gold = json.loads((TUNE / "gold" / f"{name}.html.gold.json").read_text(encoding="utf-8"))
        rec = read[(name, "html")].document
        assert (rec.publisher, rec.published_date, rec.index_number) == (
            gold["portal"]["publisher"], gold["portal"]["published_date"], gold["portal"]["index_number"])
