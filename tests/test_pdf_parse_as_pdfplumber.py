"""The text layer and the ruled-table parse give what the libraries' own generic code gives.

Two shortcuts of extract/sources/ must not change a single value:

- pdfplumber turns each character pdfminer laid out into a record through a generic path
  (``resolve_all`` on every attribute); :class:`extract.sources.plumber_pages.PlumberPdf` builds a
  character's record directly. Every object of every page — characters, rulings, images — must be
  the record pdfplumber gives, same keys in the same order and equal values;
- the path objects a page draws (what makes a page worth a table parse, and a doubt) are counted
  with pdfium's raw calls instead of pypdfium2's ``get_objects``: the counts must be equal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from conftest import sample

from extract.sources.pdf import PATH_DEPTH, path_objects
from extract.sources.plumber_pages import PlumberPdf

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PDFS = [
    sample("seed004_hongshan_2019.pdf"),  # 项目支出绩效自评表: ruled by lines
    sample("ys_2019_jiangsu_renda_tables.pdf"),  # 预算公开表
    sample("seed002_qujing_2022.pdf"),  # 部门整体支出绩效自评
    *sorted((FIXTURES / "national" / "tune").glob("proj_*.pdf"))[:1],  # national template, check marks
    *sorted((FIXTURES / "layouts" / "tune").glob("*__scanned.pdf"))[:1],  # images, no characters
]


def _records(objs: dict[str, list[dict[str, Any]]]) -> dict[str, list[list[tuple[str, Any]]]]:
    # an image's stream is a new object at every parse: compared by everything else
    return {kind: [[(k, v) for k, v in o.items() if k != "stream"] for o in found] for kind, found in objs.items()}


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_page_objects_are_pdfplumbers(pdf: Path) -> None:
    pages = 0
    with pdfplumber.open(str(pdf)) as stock, PlumberPdf.open(str(pdf)) as fast:
        assert len(stock.pages) == len(fast.pages)
        for a, b in zip(stock.pages, fast.pages, strict=True):
            assert list(a.objects) == list(b.objects), f"page {a.page_number}"
            assert _records(a.objects) == _records(b.objects), f"page {a.page_number}"
            pages += 1
            a.close()
            b.close()
    assert pages


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_path_counts_are_pypdfium2s(pdf: Path) -> None:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for i in range(len(doc)):
            page = doc[i]
            expected = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=PATH_DEPTH))
            assert path_objects(page.raw) == expected, f"page {i + 1}"
            page.close()
    finally:
        doc.close()
