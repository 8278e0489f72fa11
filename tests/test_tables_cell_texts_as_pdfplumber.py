"""The ruled-table reader gives each cell the text pdfplumber's own ``Table.extract()`` gives.

The reader takes the cells' texts without testing every character of the page against every row
(extract/tables/pdfplumber.py: _cell_texts); whatever the shortcut, the texts must be pdfplumber's,
character for character: merged cells (None), empty cells, multi-line cells, several tables a page.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from conftest import sample

from extract.tables.pdfplumber import _cell_texts

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PDFS = [
    sample("seed004_hongshan_2019.pdf"),  # 项目支出绩效自评表: merged cells, multi-line indicator names
    sample("ys_2019_jiangsu_renda_tables.pdf"),  # 预算公开表: wide statements
    *sorted((FIXTURES / "selfeval_vertical").glob("*.pdf"))[:2],  # several indicators a cell, one per line
]


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_cell_texts_are_pdfplumbers(pdf: Path) -> None:
    tables = 0
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            for table in page.find_tables():
                assert _cell_texts(table, page.chars) == table.extract(), f"page {page.page_number}"
                tables += 1
            page.close()
    assert tables
